"""The demo's supervision, built through the services: a completed inspection with findings and its report, an open
rectification (the center rectifying), an inspection and acceptances scheduled."""

import pytest

from apps.centers.models import Acceptance, Center, Finding, Inspection, Rectification

pytestmark = pytest.mark.django_db


@pytest.fixture
def centers(db):
    from apps.applications import demo as applications_demo
    from apps.calls import demo as calls_demo
    from apps.centers import demo
    from apps.demo import accounts

    users = accounts.load()
    calls_demo.load(users)
    applications_demo.load(users)
    return demo.load(users)


def test_the_demo_supervision(centers):
    from apps.attachments.models import Attachment

    university = Center.objects.get(pk=centers["university"].pk)
    assert university.status == Center.Status.RECTIFYING
    completed = Inspection.objects.get(center=university)
    assert completed.status == Inspection.Status.COMPLETED and completed.summary
    assert Finding.objects.filter(inspection=completed).count() == 2
    assert Attachment.objects.filter(owner_id=completed.pk, kind="inspection_report").exists()
    rectification = Rectification.objects.get(center=university)
    assert rectification.status == Rectification.Status.OPEN and rectification.finding.inspection == completed
    rare_earth = centers["rare_earth"]
    assert Inspection.objects.get(center=rare_earth).status == Inspection.Status.SCHEDULED
    assert Inspection.objects.get(center=rare_earth).officers.exists()
    assert Acceptance.objects.filter(result="", center__in=[rare_earth, university]).count() == 2
