import pytest

from apps.portal import policies
from apps.portal.selectors import objections_visible_to
from apps.portal.workflow import OBJECTION
from tests.world import ACTORS

from .factories import ObjectionFactory

pytestmark = pytest.mark.django_db

LOGGED_IN = [a for a in ACTORS if a != "anonymous"]


@pytest.mark.parametrize("actor", LOGGED_IN)
def test_only_the_bureau_publishes_and_resolves(world, actor):
    user = world.user(actor)
    assert bool(policies.can_publish(user)) == (actor == "regional_officer")
    objection = ObjectionFactory()
    assert bool(OBJECTION.check(user, objection, "resolve")) == (actor == "regional_officer")
    assert [o.action for o in OBJECTION.options(user, objection)] == (
        ["resolve"] if actor == "regional_officer" else []
    )


def test_the_system_may_publish_on_the_bureaus_behalf_but_not_resolve():
    assert policies.can_publish(None)
    assert not OBJECTION.check(None, ObjectionFactory(), "resolve")


@pytest.mark.parametrize("actor", LOGGED_IN)
def test_objections_with_contact_details_are_for_the_bureau_only(world, actor):
    objection = ObjectionFactory()
    assert objections_visible_to(world.user(actor)).filter(pk=objection.pk).exists() == (actor == "regional_officer")
