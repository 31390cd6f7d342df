"""The services of a center's patent work that take typed values — invention disclosures and their pre-filing
assessment, self-reported KPI values, the prior-art search — called by an actor of the standard world with
generated hostile values (issue 22).

The property is tests/properties/property.py's: accepted, the stored text is what was typed, normalised, and
numbers the exact Decimal typed; refused, a DomainError/ValidationError in Chinese, the rows and the audit trail as
before. Anything else raised is a fault of the service. Each test builds its center (disclosure, contract, dataset)
once, in a fixture, before the examples; each example runs in a savepoint rolled back at its end."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.core import clock, text

from . import strategies as hs
from .property import attempt, check_text, exact_money, one_line_as_typed, rolled_back

pytestmark = pytest.mark.django_db


def _day(value) -> date:
    return value if isinstance(value, date) else clock.today() - timedelta(days=value)


# ---------------------------------------------------------------- disclosures and their assessment (Art. 13(2))


@pytest.fixture
def center(world):
    """The world's unit's center under construction."""
    from apps.patents.tests.assessment_setup import running_center

    return running_center(world)


def inventor_lists() -> st.SearchStrategy:
    """Inventors as one typed text (names separated by ；、, or new lines) or as a list of names."""
    names = st.one_of(st.sampled_from(["张三", "李四", "ᠪᠠᠲᠤ", "Smith"]), hs.hostile_text(long=False))
    return st.one_of(
        names,
        st.lists(names, max_size=4).map("；".join),
        st.lists(names, max_size=4),
        st.sampled_from(["张三" + "；李四" * 60, "", None]),
    )


@hs.profile(examples=8)
@given(
    title=hs.hostile_text(),
    technical_field=hs.hostile_text(),
    problem=hs.hostile_text(long=False),
    solution=hs.hostile_text(),
    claims_draft=hs.hostile_text(),
    inventors=inventor_lists(),
)
def test_disclosure_create(world, center, title, technical_field, problem, solution, claims_draft, inventors):
    from apps.patents import assessment
    from apps.patents.models import Disclosure

    with rolled_back():
        disclosure = attempt(
            lambda: assessment.disclosure_create(
                world.user("unit_member"),
                center,
                title=title,
                technical_field=technical_field,
                problem=problem,
                solution=solution,
                claims_draft=claims_draft,
                inventors=inventors,
            ),
            tables=[Disclosure],
        )
        if disclosure:
            one_line_as_typed(disclosure.title, title)  # a title is one line
            check_text(
                disclosure,
                {
                    "technical_field": technical_field,
                    "problem": problem,
                    "solution": solution,
                    "claims_draft": claims_draft,
                },
            )
            typed = "\n".join(inventors) if isinstance(inventors, list) else inventors
            assert disclosure.inventors, "accepted without an inventor"
            for name in disclosure.inventors:
                assert name and name == text.strip(text.normalise(name, single_line=True)), name
                assert name in text.normalise(typed, single_line=True), (name, typed[:80])


@pytest.fixture
def submitted(world, center):
    """A disclosure of the center, submitted (the unit administrator assesses it)."""
    from apps.patents.tests.assessment_setup import disclosure_at

    return disclosure_at(world, center, "submitted")


def scores() -> st.SearchStrategy[str]:
    """hs.money() and scores of 0–100 with up to two decimals."""
    return st.one_of(hs.money(), st.decimals(min_value=0, max_value=100, places=2).map(str), st.just("100"))


@hs.profile(examples=8)
@given(
    technical=scores(),
    market=scores(),
    drafting=scores(),
    layout=scores(),
    conclusion=st.sampled_from(["file", "file", "trade_secret", "improve", "", "<b>"]),
    reasons=hs.hostile_text(),
    assessed=st.one_of(st.none(), hs.dates(), st.integers(-3, 30)),
)
def test_assess(world, submitted, technical, market, drafting, layout, conclusion, reasons, assessed):
    from apps.patents import assessment
    from apps.patents.models import Disclosure, PreFilingAssessment

    with rolled_back():
        made = attempt(
            lambda: assessment.assess(
                world.user("unit_admin"),
                submitted,
                technical=technical,
                market=market,
                drafting=drafting,
                layout=layout,
                conclusion=conclusion,
                reasons=reasons,
                assessed_on=None if assessed is None else _day(assessed),
            ),
            tables=[PreFilingAssessment, Disclosure],
        )
        if made:
            check_text(made, {"reasons": reasons})
            for name, typed in {
                "technical": technical,
                "market": market,
                "drafting": drafting,
                "layout": layout,
            }.items():
                exact_money(getattr(made, name), typed)
        else:
            assert Disclosure.objects.get(pk=submitted.pk).status == submitted.status


# ---------------------------------------------------------------- self-reported KPI values (Art. 14)


@pytest.fixture
def self_reported(world):
    """The KPI "自主知识产权菌种" (reported by hand) of a running center whose contract began 400 days ago."""
    from apps.centers.tests.funding_setup import running_center
    from apps.patents.tests.kpi_setup import contract

    version = contract(running_center(world), starts_on=clock.today() - timedelta(days=400))
    return version.indicators.get(name="自主知识产权菌种")


@hs.profile(examples=8)
@given(
    reported=st.one_of(
        # a year, a day within it (the contract's year 2 began 35 days ago) and a value the KPI can take …
        st.tuples(
            st.sampled_from([2, "2", " 2 "]),
            st.integers(0, 30),
            st.decimals(min_value=0, max_value=1000, places=2).map(str),
        ),
        # … or anything typed
        st.tuples(
            st.one_of(st.sampled_from([1, 2, 3, 0]), hs.integers_typed()),
            st.one_of(hs.dates(), st.integers(-3, 40)),
            hs.money(),
        ),
    ),
    explanation=hs.hostile_text(),
)
def test_kpi_report(world, self_reported, reported, explanation):
    year, as_of, value = reported
    from apps.patents import kpi
    from apps.patents.models import SelfReportedValue

    with rolled_back():
        entry = attempt(
            lambda: kpi.report(
                world.user("unit_admin"),
                self_reported,
                year=year,
                value=value,
                as_of=_day(as_of),
                explanation=explanation,
            ),
            tables=[SelfReportedValue],
        )
        if entry:
            check_text(entry, {"explanation": explanation})
            exact_money(entry.value, value)


# ---------------------------------------------------------------- the prior-art search (Art. 13(2))


@pytest.fixture
def dataset(world):
    """A dataset of the world's unit's center, two records, its index built."""
    from apps.navigation import services_search
    from apps.navigation.tests.builders import center_of, dataset_with, record

    records = [
        record(1, title="一种烧结钕铁硼磁体的晶界扩散方法", abstract="涂覆镝化合物后晶界扩散，提高矫顽力。"),
        record(2, title="一种风力发电机组", abstract="偏航控制。"),
    ]
    made = dataset_with(center_of(world), world.user("unit_admin"), records)
    assert services_search.index_build(made.pk, made.version) == "built"
    made.refresh_from_db()
    return made


def search_texts(*, long: bool = True) -> st.SearchStrategy[str]:
    """Hostile text, sometimes around words the dataset holds (so that some searches find something)."""
    words = st.sampled_from(["钕铁硼", "晶界扩散", "磁体", "风力发电", "所述", "一种"])
    around = st.tuples(hs.hostile_text(long=False), words, hs.hostile_text(long=False)).map("".join)
    return st.one_of(hs.hostile_text(long=long), around)


@hs.profile(examples=8)
@given(title=search_texts(long=False), abstract=search_texts(), claims=search_texts())
def test_prior_art_search(world, dataset, title, abstract, claims):
    from apps.navigation import services_search
    from apps.navigation.models import PriorArtSearch

    with rolled_back():
        found = attempt(
            lambda: services_search.search(
                world.user("unit_member"), dataset, title=title, abstract=abstract, claims=claims
            ),
            tables=[PriorArtSearch],
        )
        if found:
            check_text(found, {"title": title, "abstract": abstract, "claims": claims})
            assert found.terms, "a search accepted without a term"
            for term in found.terms:
                assert term and term == text.strip(text.normalise(term, single_line=True)), term
            assert all(result["matched"] for result in found.results)
