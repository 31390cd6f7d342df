"""A new report's scope sent twice (a double click, a reload) saves one report and leads to it — the walk of
tests/test_double_submit.py for this form (its case: double_submit_reports.py)."""

import pytest

from apps.core.once import FIELD
from apps.navigation.models import Navigation
from apps.navigation.tests.double_submit_reports import new_report
from tests.form_tokens import token_for

pytestmark = pytest.mark.django_db


def test_the_scope_sent_twice_saves_one_report(world, client_for):
    from tests.test_double_submit import Case

    setup = new_report(world)
    assert new_report.__name__ in repr(Case("navigation:report_new", "unit_admin", new_report))
    client = client_for("unit_admin")
    token = token_for(client.get(setup.page), setup.post, setup.page)
    data = {**setup.data(client), FIELD: token}
    first = client.post(setup.post, data)
    assert first.status_code == 302 and Navigation.objects.count() == 1
    again = client.post(setup.post, data)
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert Navigation.objects.count() == 1
