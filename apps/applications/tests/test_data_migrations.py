"""The applications' data migrations, walked back and forth once for all of them:

- 0002–0004 (indicator targets as rows): back, the rows return into target_year1..3 (a missing year as an empty
  column); forward, a column's value (zero included) becomes a row and an empty column none.
- 0006–0008 (ReviewPanel.trim_from): a panel formed before the field existed gets 5, the default then (the panel is
  made with 7 and loses it on the way back: 5 after the walk comes from 0007, nothing else).

The walk happens in a lean database of its own (tests/migration_walk.py), migrated only up to applications 0008, so
it holds the applications app and the apps it depends on, nothing above it. Walking back in the fully migrated test
database would unapply, then apply again, every later migration of every app built on applications (centers,
patents, reports, evaluations, …): two minutes and more, where this takes seconds. The rows are therefore made with
the historical models of each state, not with today's models and factories. The walk starts at 0008, not at 0004,
so that it unapplies 0005–0008 with rows in place too, as the walk in the test database did.
"""

import datetime
from decimal import Decimal as D

from tests.migration_walk import lean_database

# Where the walk starts: every data migration checked here applied, the targets as rows, panels with trim_from.
AFTER = ("applications", "0008_reviewpanel_trim_from_required")
# Where it turns: the targets' rows table exists while the columns still hold them; panels have no trim_from.
BEFORE = ("applications", "0002_indicator_targets")
COLUMNS = ("target_year1", "target_year2", "target_year3")


def _application(apps):
    """A bare draft with its call, topic, lead unit and author, as the models were at the state of `apps`."""
    get = apps.get_model
    opens = datetime.date(2026, 3, 1)
    call = get("calls", "Call").objects.create(
        year=2026,
        title="2026年度高价值专利培育中心",
        applications_open=opens,
        applications_close=opens + datetime.timedelta(days=30),
        recommendation_deadline=opens + datetime.timedelta(days=45),
        funding_available=D("10000000"),
    )
    topic = get("calls", "Topic").objects.create(
        call=call,
        number=1,
        title="稀土功能材料",
        funding_cap=D("3000000"),
        industry=get("reference", "Industry").objects.order_by("pk").first(),  # filled by reference 0002_seed
    )
    unit = get("organizations", "Organization").objects.create(name="包头稀土研究院", kind="research_institute")
    author = get("accounts", "User").objects.create(username="unit_admin", role="unit_admin")
    application = get("applications", "Application").objects.create(
        call=call, topic=topic, lead_unit=unit, created_by=author, project_name="稀土功能材料高价值专利培育中心"
    )
    return application, topic, author


def _targets(apps) -> dict:
    """{indicator: {contract year: target}} from the rows."""
    by_indicator = {}
    rows = apps.get_model("applications", "IndicatorTarget").objects.values_list("indicator__name", "year", "value")
    for name, year, value in rows:
        by_indicator.setdefault(name, {})[year] = value
    return by_indicator


def test_the_data_migrations_keep_the_targets_and_give_old_panels_the_default_threshold(request):
    with lean_database(request) as walk:
        state = walk.migrate(AFTER)
        application, topic, author = _application(state)
        Indicator = state.get_model("applications", "Indicator")
        IndicatorTarget = state.get_model("applications", "IndicatorTarget")
        targets = {
            ("发明专利授权量", "件"): {1: D("10"), 2: D("15"), 3: D("30")},
            ("专利许可转让数", "项"): {1: D("1.5"), 3: D("4")},  # year 2 missing: an empty column, back
            ("专利质押融资额", "万元"): {3: D("200")},  # stays with two empty columns: no rows for them, forward
        }
        for order, ((name, unit), by_year) in enumerate(targets.items()):
            row = Indicator.objects.create(application=application, name=name, unit=unit, order=order)
            IndicatorTarget.objects.bulk_create(
                IndicatorTarget(indicator=row, year=year, value=value) for year, value in by_year.items()
            )
        panel = state.get_model("applications", "ReviewPanel").objects.create(
            topic=topic, created_by=author, min_experts=5, trim_from=7
        )
        assert "trim_from" in walk.columns("applications_reviewpanel")

        state = walk.migrate(BEFORE)  # back: the rows return into the columns, the panels' column is gone
        assert set(COLUMNS) <= walk.columns("applications_indicator")
        old_indicator = state.get_model("applications", "Indicator")
        stored = old_indicator.objects.filter(application_id=application.pk).values("name", *COLUMNS)
        assert {i["name"]: tuple(i[c] for c in COLUMNS) for i in stored} == {
            "发明专利授权量": (D("10"), D("15"), D("30")),
            "专利许可转让数": (D("1.5"), None, D("4")),
            "专利质押融资额": (None, None, D("200")),
        }
        assert not state.get_model("applications", "IndicatorTarget").objects.exists()
        old_indicator.objects.filter(name="专利许可转让数").update(target_year2=D("0"))  # zero is a target, not empty
        old_panel = state.get_model("applications", "ReviewPanel")
        assert "trim_from" not in {field.name for field in old_panel._meta.get_fields()}
        assert "trim_from" not in walk.columns("applications_reviewpanel")
        assert old_panel.objects.filter(pk=panel.pk).exists()

        state = walk.migrate(AFTER)  # forward again: columns into rows, the old panel gets the default
        assert not walk.columns("applications_indicator") & set(COLUMNS)
        assert _targets(state) == {
            "发明专利授权量": {1: D("10"), 2: D("15"), 3: D("30")},
            "专利许可转让数": {1: D("1.5"), 2: D("0"), 3: D("4")},
            "专利质押融资额": {3: D("200")},
        }
        assert state.get_model("applications", "ReviewPanel").objects.get(pk=panel.pk).trim_from == 5
