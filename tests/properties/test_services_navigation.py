"""The patent navigation's services that take typed values beyond the prior-art search (test_services_patents.py) —
a landscape dataset's name, source, cut-off date and description, created and edited; a navigation report's title
and scope (IPC classes, keywords) — called by the unit administrator of the world's center with generated hostile
values (issue 22).

The property is tests/properties/property.py's: accepted, the stored text is what was typed, normalised; refused, a
DomainError/ValidationError in Chinese and the navigation's rows, the messages and the audit trail as before.
Anything else raised is a fault. The dataset is built once per test (apps/navigation/tests/reports_setup.py);
each example runs in a savepoint rolled back at its end."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from . import strategies as hs
from .property import attempt, check_text, fresh, rolled_back, tables_of


def _name_as_stored(typed: str) -> str:
    """A dataset's name: on one line, its runs of spaces made one (two names that differ only by them are one)."""
    from apps.core import text

    return " ".join(text.strip(text.normalise(typed, single_line=True)).split())


pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(world):
    from apps.navigation.tests.reports_setup import dataset

    return dataset(world)


@hs.profile(examples=5)
@given(
    name=hs.hostile_text(),
    source=st.one_of(st.sampled_from(["incoPat", "", "<b>"]), hs.hostile_text(long=False)),
    cutoff=st.one_of(st.none(), hs.dates()),
    description=hs.hostile_text(),
)
def test_dataset_create_and_update(world, dataset, name, source, cutoff, description):
    from apps.navigation import services_datasets

    admin = world.user("unit_admin")
    values = {"name": name, "source": source, "cutoff_date": cutoff, "description": description}
    with rolled_back():
        made = attempt(
            lambda: services_datasets.dataset_create(admin, dataset.center, **values), tables=tables_of("navigation")
        )
        if made:
            check_text(made, {"description": description})
            assert made.name == _name_as_stored(name)
    with rolled_back():
        changed = attempt(
            lambda: services_datasets.dataset_update(admin, fresh(dataset), **values), tables=tables_of("navigation")
        )
        if changed:
            check_text(changed, {"description": description})
            assert changed.name == _name_as_stored(name)


@hs.profile(examples=5)
@given(
    title=hs.hostile_text(),
    scope=st.fixed_dictionaries(
        {},
        optional={
            "ipc": st.one_of(
                st.sampled_from(["H01F1/057", "h01f", "H01F1/057；C22C", ""]), hs.hostile_text(long=False)
            ),
            "keywords": st.one_of(st.just("稀土"), hs.hostile_text()),
            "years": st.one_of(hs.integers_typed(), hs.hostile_text(long=False)),
        },
    ),
)
def test_create_report(world, dataset, title, scope):
    from apps.navigation import services_reports

    with rolled_back():
        made = attempt(
            lambda: services_reports.create_report(
                world.user("unit_admin"), fresh(dataset), title=title, scope_data=scope
            ),
            tables=tables_of("navigation"),
        )
        if made:
            check_text(made, {"title": title})
