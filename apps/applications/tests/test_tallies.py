"""The kept counts (apps.core.tallies) stay equal to a real count whatever writes the rows: services, a queryset
update, bulk_create, deletion, a lead unit moving prefecture; and the officers' home panels read them."""

import pytest
from django.urls import reverse

from apps.applications.models import Application
from apps.applications.selectors import status_counts, visible_to
from apps.applications.tallies import SUBMITTED
from apps.applications.tests import factories
from apps.core import clock, tallies
from apps.organizations.models import Organization
from apps.organizations.tallies import ORGANIZATIONS
from apps.organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

WORKBENCH = "core:home"


def _agree():
    for counter in (SUBMITTED, ORGANIZATIONS):
        assert tallies.check(counter) == [], counter.name


@pytest.mark.postgres  # the triggers are PostgreSQL's; SQLite counts (apps.core.tallies)
def test_every_kind_of_write_keeps_the_counts_equal_to_a_count(world):
    call = factories.open_call()
    topic = factories.topic_of(call)
    drafts = [factories.ApplicationFactory(topic=topic, call=call) for _ in range(4)]
    _agree()
    # submitted through an UPDATE of the column (as the services write it)
    Application.objects.filter(pk__in=[a.pk for a in drafts[:3]]).update(
        status=Application.Status.SUBMITTED, submitted_at=clock.now()
    )
    _agree()
    assert tallies.counts(SUBMITTED).get("submitted") == 3
    # a status change saved on the instance, another through a queryset
    first = Application.objects.get(pk=drafts[0].pk)
    first.status = Application.Status.RECOMMENDED
    first.save()
    Application.objects.filter(pk=drafts[1].pk).update(status=Application.Status.RETURNED)
    _agree()
    # an unrelated change does not touch the counts
    Application.objects.filter(pk=drafts[2].pk).update(project_name="改名后的项目")
    _agree()
    # a lead unit moves to another prefecture: its submitted applications' counts move with it
    other = factories.other_prefecture()
    before = tallies.counts(SUBMITTED, prefecture_id=other.pk)
    Organization.objects.filter(pk=drafts[2].lead_unit_id).update(prefecture=other)
    _agree()
    assert tallies.counts(SUBMITTED, prefecture_id=other.pk).get("submitted", 0) == before.get("submitted", 0) + 1
    # the lead unit changes (a submitted application handed over) and rows deleted
    Application.objects.filter(pk=drafts[0].pk).update(lead_unit=OrganizationFactory(prefecture=other))
    _agree()
    Application.objects.filter(pk=drafts[1].pk).delete()
    _agree()
    # bulk_create (the bench generator's way)
    Application.objects.bulk_create(
        [
            Application(
                topic=topic,
                call=call,
                lead_unit=OrganizationFactory(),
                created_by=drafts[3].created_by,
                project_name=f"批量{i}",
                status=Application.Status.SUBMITTED,
                submitted_at=clock.now(),
            )
            for i in range(3)
        ]
    )
    _agree()


def test_the_kept_counts_are_what_the_officers_see(world):
    call = factories.open_call()
    topic = factories.topic_of(call)
    mine = factories.ApplicationFactory(topic=topic, call=call, lead_unit=world.org)
    theirs = factories.ApplicationFactory(topic=topic, call=call, lead_unit=world.org_other)
    Application.objects.filter(pk__in=[mine.pk, theirs.pk]).update(
        status=Application.Status.SUBMITTED, submitted_at=clock.now()
    )
    for role in ("prefecture_officer", "prefecture_officer_other", "regional_officer"):
        user = world.user(role)
        prefecture = None if role == "regional_officer" else user.prefecture_id
        assert tallies.counts(SUBMITTED, prefecture_id=prefecture) == status_counts(visible_to(user)), role


def test_the_home_panels_show_the_kept_counts(world, client_for):
    call = factories.open_call()
    topic = factories.topic_of(call)
    application = factories.ApplicationFactory(topic=topic, call=call, lead_unit=world.org)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.SUBMITTED, submitted_at=clock.now())
    page = client_for("prefecture_officer").get(reverse(WORKBENCH))
    assert page.status_code == 200
    items = {str(label): value for panel in page.context["panels"] for label, value, _url in panel.items}
    assert items["待审核推荐"] == 1
    other = client_for("prefecture_officer_other").get(reverse(WORKBENCH))
    items = {str(label): value for panel in other.context["panels"] for label, value, _url in panel.items}
    assert items["待审核推荐"] == 0


def test_an_officers_list_takes_its_count_from_the_kept_counts_and_counts_when_filtered_otherwise(world, client_for):
    call = factories.open_call()
    topic = factories.topic_of(call)
    made = [factories.ApplicationFactory(topic=topic, call=call, lead_unit=OrganizationFactory()) for _ in range(3)]
    Application.objects.filter(pk__in=[a.pk for a in made]).update(
        status=Application.Status.SUBMITTED, submitted_at=clock.now()
    )
    Application.objects.filter(pk=made[0].pk).update(status=Application.Status.RECOMMENDED)
    client = client_for("regional_officer")
    for params in ({}, {"status": "submitted"}, {"status": "recommended"}, {"q": made[1].project_name}):
        page = client.get(reverse("applications:list"), params).context["page"]
        expected = visible_to(world.user("regional_officer"))
        if "status" in params:
            expected = expected.filter(status=params["status"])
        if "q" in params:
            expected = expected.filter(project_name__icontains=params["q"])
        assert page.paginator.count == expected.count(), params
        assert (page.paginator.known_count is None) == ("q" in params), params
