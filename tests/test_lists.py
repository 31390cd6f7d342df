"""Every list filters, sorts, paginates and exports exactly what it shows as .xlsx (issue 21; `apps.core.listing`).

For each list of `CASES` (see tests/lists.py for the checks):
- the export (`?format=xlsx`) holds the rows of all the pages, in the same order, with the page's columns, for the
  default order and every sort key both ways, and no row the actor may not see;
- a text beginning with = + - @ is a string cell that shows exactly the text (the sheet holds no formula);
- an unknown sort key, or a filter value that is not one of the choices: the default, a Chinese message, never a 500;
- the page and its export cost the same number of queries with a few rows or more.
"""

import pytest

from tests import lists, lists_listsa, lists_listsb, lists_listsc
from tests.lists import FORMULAS, HAN, Case, url_of
from tests.query_counts import assert_flat

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- the rows of each list


def _centers(org_attr="org"):
    def make(world, texts):
        from apps.centers.tests.factories import center_for
        from apps.organizations.tests.factories import OrganizationFactory

        base = getattr(world, org_attr)
        for text in texts:
            unit = OrganizationFactory(name=text, prefecture=base.prefecture)
            center_for(world, org=unit)

    return make


def _centers_hidden(world):
    from apps.centers.tests.factories import center_for

    center_for(world, org=world.org_other)


def _applications(world, texts):
    from apps.applications.models import Application
    from apps.applications.tests.factories import ApplicationFactory, open_call, topic_of
    from apps.core import clock
    from apps.organizations.tests.factories import OrganizationFactory

    for index, text in enumerate(texts):
        call = open_call()
        unit = OrganizationFactory(prefecture=world.prefecture)
        application = ApplicationFactory(call=call, topic=topic_of(call), lead_unit=unit, project_name=text)
        states = (Application.Status.SUBMITTED, Application.Status.RECOMMENDED, Application.Status.RETURNED)
        Application.objects.filter(pk=application.pk).update(
            status=states[index % len(states)], submitted_at=clock.now()
        )


def _applications_hidden(world):
    from apps.applications.models import Application
    from apps.applications.tests.factories import ApplicationFactory, open_call, topic_of
    from apps.core import clock

    call = open_call()
    application = ApplicationFactory(
        call=call, topic=topic_of(call), lead_unit=world.org_other, project_name="乙的申报"
    )
    Application.objects.filter(pk=application.pk).update(status=Application.Status.SUBMITTED, submitted_at=clock.now())


def _organizations(world, texts):
    from apps.organizations.tests.factories import OrganizationFactory

    for text in texts:
        OrganizationFactory(name=text, prefecture=world.prefecture)


def _organizations_hidden(world):
    from apps.organizations.tests.factories import OrganizationFactory

    OrganizationFactory(name="别处的单位", prefecture=world.prefecture_other)


def _demands(world, texts):
    from apps.demands.tests.factories import DemandFactory

    for text in texts:
        DemandFactory(title=text)


def _calls(world, texts):
    from apps.calls.tests.factories import published_call

    for text in texts:
        published_call(title=text)


CASES = [
    Case(
        "centers-prefecture",
        url_of("centers:list"),
        "prefecture_officer",
        "apps.centers.listings:CENTERS",
        _centers(),
        text_column=3,
        hidden=_centers_hidden,
    ),
    Case(
        "centers-region-by-prefecture",
        lambda w: url_of("centers:list", query=f"prefecture={w.prefecture.pk}")(w),
        "regional_officer",
        "apps.centers.listings:CENTERS",
        _centers(),
        text_column=3,
        hidden=_centers_hidden,
    ),
    Case(
        "applications-prefecture",
        url_of("applications:list"),
        "prefecture_officer",
        "apps.applications.listings:APPLICATIONS",
        _applications,
        hidden=_applications_hidden,
    ),
    Case(
        "applications-region-by-prefecture",
        lambda w: url_of("applications:list", query=f"prefecture={w.prefecture.pk}")(w),
        "regional_officer",
        "apps.applications.listings:APPLICATIONS",
        _applications,
        hidden=_applications_hidden,
    ),
    Case(
        "organizations-prefecture",
        url_of("organizations:list"),
        "prefecture_officer",
        "apps.organizations.listings:ORGANIZATIONS",
        _organizations,
        hidden=_organizations_hidden,
    ),
    Case("demand-pool", url_of("demands:pool"), "regional_officer", "apps.demands.listings:POOL", _demands, 1),
    Case("calls", url_of("calls:manage_list"), "regional_officer", "apps.calls.listings:CALLS", _calls, 1),
]
CASES += lists_listsa.CASES

CASES += lists_listsb.CASES  # the KPI early warnings, user admin, portal, navigation lists

CASES += lists_listsc.CASES  # evaluation rounds and results, patents portfolio, audit log, navigation searches

IDS = [case.id for case in CASES]


def _client(client_for, case):
    return client_for(case.actor)


# ---------------------------------------------------------------- the checks


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_export_holds_the_rows_of_every_page_for_every_order(case, world, client_for, monkeypatch):
    declaration = case.small_pages(monkeypatch)
    made = [f"行{index}" for index in range(5)]
    case.make(world, made)
    if case.hidden:
        case.hidden(world)
    client = _client(client_for, case)
    url = case.url(world)
    for sort in lists.sorts_of(declaration):
        sorted_url = lists.join(url, f"sort={sort}") if sort else url
        shown = lists.page_rows(client, sorted_url, declaration)
        header, exported = lists.export_rows(client, sorted_url)
        assert header == [str(column.header) for column in declaration.export_columns]
        assert exported == shown, f"{case.id} sorted by {sort!r}: the export differs from the pages"
        texts = [row[case.text_column] for row in shown]
        assert set(made) <= set(texts), f"{case.id}: the list shows {texts}, made {made}"
        assert len(shown) >= 4, f"{case.id}: fewer than two pages"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_formula_is_exported_as_the_text_typed(case, world, client_for):
    case.make(world, FORMULAS)
    _header, rows, data = lists.workbook(_client(client_for, case).get(lists.join(case.url(world), "format=xlsx")))
    cells = {row[case.text_column].value: row[case.text_column] for row in rows}
    for formula in FORMULAS:
        assert formula in cells, f"{case.id}: {formula!r} is not in column {case.text_column}: {list(cells)}"
        assert cells[formula].data_type == "s"
    assert "<f>" not in lists.raw_sheet(data), "the sheet holds a formula"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_bad_sort_or_filter_is_the_default_with_a_chinese_message(case, world, client_for):
    case.make(world, ["甲", "乙", "丙"])
    client = _client(client_for, case)
    url = case.url(world)
    default = client.get(url)
    expected = [obj.pk for obj in default.context["page"].object_list]

    response = client.get(lists.join(url, "sort=no-such-key"))
    assert response.status_code == 200
    assert [obj.pk for obj in response.context["page"].object_list] == expected
    assert any(HAN.search(text) for text in lists.warnings(response)), lists.warnings(response)

    response = client.get(lists.join(url, case.bad_filter))
    assert response.status_code == 200
    assert [obj.pk for obj in response.context["page"].object_list] == expected
    assert any(HAN.search(text) for text in lists.warnings(response)), lists.warnings(response)

    export = client.get(lists.join(url, f"sort=no-such-key&{case.bad_filter}&format=xlsx"))
    _header, rows, _data = lists.workbook(export)
    assert len(rows) == len(expected)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_page_and_its_export_are_flat(case, world, client_for):
    case.make(world, ["一", "二"])
    client = _client(client_for, case)
    url = case.url(world)
    texts = iter(range(1000))
    assert_flat(client, url, grow=lambda: case.make(world, [f"多{next(texts)}" for _ in range(4)]))
    assert_flat(
        client, lists.join(url, "format=xlsx"), grow=lambda: case.make(world, [f"多{next(texts)}" for _ in range(4)])
    )
