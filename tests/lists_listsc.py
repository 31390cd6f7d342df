"""More lists on `apps.core.listing` (issue 21), checked by tests/test_lists.py (imported there into `CASES`): the
evaluation rounds and results, the patents portfolio, the audit log and the navigation searches."""

from datetime import date

from tests.lists import Case, url_of

# ---------------------------------------------------------------- evaluations: the rounds


def _rounds(world, texts):
    from apps.evaluations.models import EvaluationRound
    from apps.evaluations.tests import builders

    statuses = (EvaluationRound.Status.OPEN, EvaluationRound.Status.NOTICE, EvaluationRound.Status.ANNOUNCED)
    system = builders.system(frozen=True)
    for index, text in enumerate(texts):
        builders.round_(
            world,
            title=text,
            status=statuses[index % len(statuses)],
            system_=system,
            period_start=date(2024 + index % 2, 1, 1),
            period_end=date(2024 + index % 2, 12, 31),
        )


def _rounds_hidden(world):
    from apps.evaluations.models import EvaluationRound
    from apps.evaluations.tests import builders
    from apps.organizations.tests.factories import OrganizationFactory

    other = OrganizationFactory(kind="evaluator", name="另一评估机构")
    builders.round_(world, title="别家的轮次", status=EvaluationRound.Status.OPEN, evaluator=other)
    builders.round_(world, title="筹备中的轮次", status=EvaluationRound.Status.DRAFT)


# ---------------------------------------------------------------- evaluations: the results


def _results_in(prefecture_of):
    def make(world, texts):
        from apps.centers.tests.factories import center_for
        from apps.evaluations.models import Evaluation, EvaluationRound
        from apps.evaluations.tests import builders
        from apps.organizations.tests.factories import OrganizationFactory

        grades = Evaluation.Grade.values
        rounds = [
            builders.round_(
                world,
                status=EvaluationRound.Status.ANNOUNCED,
                period_start=date(year, 1, 1),
                period_end=date(year, 12, 31),
            )
            for year in (2024, 2025)
        ]
        for index, text in enumerate(texts):
            center = center_for(world, org=OrganizationFactory(name=text, prefecture=prefecture_of(world)))
            Evaluation.objects.create(
                round=rounds[index % 2],
                center=center,
                status=Evaluation.Status.CONFIRMED,
                grade=grades[index % len(grades)],
            )

    return make


def _results_hidden(world):
    from apps.centers.tests.factories import center_for
    from apps.evaluations.models import Evaluation, EvaluationRound
    from apps.evaluations.tests import builders

    announced = builders.round_(world, status=EvaluationRound.Status.ANNOUNCED)
    Evaluation.objects.create(
        round=announced, center=center_for(world, org=world.org_other), status="confirmed", grade="excellent"
    )
    still_scored = builders.round_(world, status=EvaluationRound.Status.OPEN)
    Evaluation.objects.create(round=still_scored, center=center_for(world), status="submitted", grade="qualified")


# ---------------------------------------------------------------- patents: a center's portfolio, every patent


def _patents_center(world):
    """The world's unit's running center (made once)."""
    from apps.centers.models import Center
    from apps.centers.tests.factories import center_for

    found = Center.objects.filter(lead_unit=world.org).order_by("pk").first()
    return found or center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


def _patents(world, texts):
    from apps.patents.models import Patent
    from apps.patents.tests import factories

    center = _patents_center(world)
    for index, text in enumerate(texts):
        factories.patent(
            center,
            title=text,
            filing_date=date(2018 + index % 3, 3, 1),
            grant_date=date(2022, 1, 1 + index % 2) if index % 3 else None,
            legal_status=Patent.LegalStatus.GRANTED if index % 3 else Patent.LegalStatus.PENDING,
            applicants=[text],
        )


def _patents_hidden(world):
    from apps.centers.models import Center
    from apps.centers.tests.factories import center_for
    from apps.patents.tests import factories

    other = center_for(world, org=world.org_other, status=Center.Status.UNDER_CONSTRUCTION)
    factories.patent(other, title="别的中心的专利")


def _portfolio_url(world):
    from django.urls import reverse

    return reverse("patents:portfolio", args=[_patents_center(world).pk])


# ---------------------------------------------------------------- navigation: a center's prior-art searches


def _search_center(world):
    """The world's unit's center with a partner (`navigation.tests.builders.center_of`), made once."""
    from apps.centers.models import Center
    from apps.navigation.tests.builders import center_of

    return Center.objects.filter(lead_unit=world.org).order_by("pk").first() or center_of(world)


def _searches(world, texts):
    from apps.navigation.models import LandscapeDataset, PriorArtSearch
    from apps.patents.tests.assessment_setup import draft
    from tests.lists_listsb import _dataset

    center = _search_center(world)
    made = {d.name: d for d in LandscapeDataset.objects.filter(center=center)}
    datasets = [
        made.get(f"检索数据集{n}") or _dataset(center, world.user("unit_admin"), f"检索数据集{n}", n) for n in range(2)
    ]
    for index, text in enumerate(texts):
        PriorArtSearch.objects.create(
            center=center,
            dataset=datasets[index % 2],
            disclosure=draft(world, center) if index % 2 else None,
            title=text,
            results=[],
            dataset_version=1,
            created_by=world.user(("unit_admin", "unit_member")[index % 2]),
        )


def _searches_url(world):
    from django.urls import reverse

    return reverse("navigation:searches", args=[_search_center(world).pk])


CASES = [
    Case(
        "evaluation-rounds",
        url_of("evaluations:list"),
        "regional_officer",
        "apps.evaluations.listings:ROUNDS",
        _rounds,
    ),
    Case(
        "evaluation-rounds-evaluator",
        url_of("evaluations:list"),
        "evaluator",
        "apps.evaluations.listings:ROUNDS",
        _rounds,
        hidden=_rounds_hidden,
    ),
    Case(
        "evaluation-results-prefecture",
        url_of("evaluations:results"),
        "prefecture_officer",
        "apps.evaluations.listings:RESULTS",
        _results_in(lambda w: w.prefecture),
        text_column=1,
        bad_filter="grade=no-such-grade",
        hidden=_results_hidden,
    ),
    Case(
        "evaluation-results-region-by-prefecture",
        lambda w: url_of("evaluations:results", query=f"prefecture={w.prefecture.pk}")(w),
        "regional_officer",
        "apps.evaluations.listings:RESULTS",
        _results_in(lambda w: w.prefecture),
        text_column=1,
        bad_filter="grade=no-such-grade",
        hidden=_results_hidden,
    ),
    Case(
        "patents-portfolio",
        _portfolio_url,
        "unit_admin",
        "apps.patents.listings:PORTFOLIO",
        _patents,
        text_column=1,
        bad_filter="legal_status=sleeping",
        hidden=_patents_hidden,
    ),
    Case(
        "patents-all-prefecture",
        url_of("patents:all"),
        "prefecture_officer",
        "apps.patents.listings:ALL",
        _patents,
        text_column=1,
        bad_filter="patent_type=no-such-type",
        hidden=_patents_hidden,
    ),
    Case(
        "navigation-searches",
        _searches_url,
        "unit_member",
        "apps.navigation.listings:SEARCHES",
        _searches,
        text_column=1,
        bad_filter="origin=nowhere",
    ),
]


# ---------------------------------------------------------------- audit: the trail (the audit administrator only)


def _entries(world, texts):
    from apps.audit import services as audit

    actors = ("prefecture_officer", "regional_officer")
    for index, text in enumerate(texts):
        audit.record(
            "organization.approve" if index % 2 else "organization.reject",
            world.org,
            actor=world.user(actors[index % 2]),
            message=text,
        )


CASES.append(
    Case(
        "audit-trail",
        url_of("audit:list", query="action=organization"),
        "audit_admin",
        "apps.audit.listings:AUDIT",
        _entries,
        text_column=10,
        bad_filter="date_from=not-a-date",
    )
)
