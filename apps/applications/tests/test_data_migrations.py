"""The applications' data migrations, walked back and forth once for all of them: unapplying them means
unapplying every later app's migrations too, so one walk (about a minute on PostgreSQL) serves every check.

- 0002–0004 (indicator targets as rows): back, the rows return into target_year1..3; forward, a column's value
  (zero included) becomes a row and an empty column none.
- 0006–0008 (ReviewPanel.trim_from): a panel formed before the field existed gets 5, the default then.
"""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from apps.applications.models import Indicator, ReviewPanel
from apps.applications.tests import factories as f
from apps.parameters.services import parameter_update

# Before both: the targets' rows table exists while the columns still hold them; panels have no trim_from.
BEFORE = ("applications", "0002_indicator_targets")


def _targets(application) -> dict:
    return {
        i.name: {t.year: t.value for t in i.targets.all()}
        for i in application.indicators.prefetch_related("targets").order_by("order")
    }


@pytest.mark.long
@pytest.mark.django_db(transaction=True)
def test_the_data_migrations_keep_the_targets_and_give_old_panels_the_default_threshold():
    from apps.applications.models import Application
    from tests.world import build_world

    world = build_world()
    application = f.eligible_draft(world)
    second = f.indicator(application, name="专利许可转让数", unit="项", targets={1: D("1.5"), 3: D("4")}, order=1)
    parameter_update(world.user("regional_officer"), "applications.trim_from", value=7, reason="局务会决定")
    reviewed = f.advance(world, f.eligible_draft(world), Application.Status.EXPERT_REVIEW)
    panel = f.scoring_panel(world, [reviewed])
    assert panel.trim_from == 7

    executor = MigrationExecutor(connection)
    try:
        executor.migrate([BEFORE])  # back: the rows return into the columns, the panels' column is gone
        state = executor.loader.project_state([BEFORE]).apps
        old_indicator = state.get_model("applications", "Indicator")
        columns = ("target_year1", "target_year2", "target_year3")
        stored = old_indicator.objects.filter(application_id=application.pk).values("name", *columns)
        assert {i["name"]: tuple(i[c] for c in columns) for i in stored} == {
            "发明专利授权量": (D("10"), D("15"), D("30")),
            "专利许可转让数": (D("1.5"), None, D("4")),
        }
        old_indicator.objects.filter(pk=second.pk).update(target_year2=D("0"))  # zero is a target, not empty
        old_panel = state.get_model("applications", "ReviewPanel")
        assert "trim_from" not in {field.name for field in old_panel._meta.get_fields()}
        assert old_panel.objects.filter(pk=panel.pk).exists()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    assert not {f.name for f in Indicator._meta.get_fields()} & {"target_year1", "target_year2", "target_year3"}
    assert _targets(application) == {
        "发明专利授权量": {1: D("10"), 2: D("15"), 3: D("30")},
        "专利许可转让数": {1: D("1.5"), 2: D("0"), 3: D("4")},
    }
    assert ReviewPanel.objects.get(pk=panel.pk).trim_from == 5
