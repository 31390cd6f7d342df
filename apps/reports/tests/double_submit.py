"""The reports' @once forms for tests/test_double_submit.py: a submission sent twice (a double click, a reload)
freezes one version; a comment on a figure sent twice is recorded once."""

from django.urls import reverse


def submit(w):
    from apps.reports.models import ReportVersion
    from apps.reports.tests import reports_setup as rs
    from tests.test_double_submit import Setup

    report = rs.open_for(w)
    rs.write_all(report, w.user("unit_admin"))
    return Setup(
        reverse("reports:detail", args=[report.pk]),
        reverse("reports:act", args=[report.pk, "submit"]),
        lambda c: {},
        ReportVersion.objects.count,
    )


def comment(w):
    from apps.reports.models import FigureComment
    from apps.reports.tests import reports_setup as rs
    from tests.test_double_submit import Setup

    report = rs.open_for(w)
    url = reverse("reports:comment", args=[report.pk, rs.first_figure_key(report)])
    return Setup(url, url, lambda c: {"text": "该项资金于次年1月到账。"}, FigureComment.objects.count)


def cases(Case) -> list:
    return [
        Case("reports:act", "unit_admin", submit, "submit"),
        Case("reports:comment", "unit_member", comment),
    ]
