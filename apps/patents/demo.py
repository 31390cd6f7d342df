"""The patents' demo data (`manage.py load_demo`): on the centers' demo centers, part by part, in this order (a part
reads what the parts before it built): the portfolio entered by form, an incoPat export imported (and a file with
one bad number refused), disclosures assessed and linked, patents graded, licences, pledges and standards recorded,
the KPIs bound to their metrics."""


def load(users):
    centers = (users.get("loaded") or {}).get("apps.centers.demo") or {}
    if not centers:
        print("apps.patents.demo: no demo centers, patents skipped.")
        return {}
    build(centers, users)
    return centers


def build(centers: dict, users) -> None:
    from . import demo_assessment, demo_grading, demo_imports, demo_kpi, demo_portfolio, demo_utilization

    demo_portfolio.build(centers, users)
    demo_imports.build(centers, users)
    demo_utilization.build(centers, users)
    demo_assessment.build(centers, users)
    demo_grading.build(centers, users)
    demo_kpi.build(centers, users)
