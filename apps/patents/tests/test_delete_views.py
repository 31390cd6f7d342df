"""Every "delete / remove" POST of the patents app (`apps.core.actions.delete_action`) sent twice (a double click, a
second tab): the first deletes, the second says in Chinese that the record is gone already and changes nothing —
never a 404 or a 500."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from apps.centers.models import Center
from apps.patents.models import Alliance, Award, Exploitation, FamilyMember, Patent, Standard, StrategicIPC
from apps.patents.tests import factories

from . import utilization_setup as setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def center(world):
    from apps.centers.tests.factories import center_for

    return center_for(world, status=Center.Status.UNDER_CONSTRUCTION)


def _family(world, center):
    patent = factories.patent(center)
    member = FamilyMember.objects.create(patent=patent, number="US20190123456A1", country="US", overseas=True)
    url = reverse("patents:family_remove", args=[center.pk, patent.pk, member.pk])
    return url, {}, patent.get_absolute_url(), FamilyMember.objects, "该同族成员已被删除。"


def _award(world, center):
    patent = factories.patent(center)
    award = Award.objects.create(patent=patent, kind="other", name="自治区专利奖", awarded_on=date(2023, 1, 1))
    url = reverse("patents:award_remove", args=[center.pk, patent.pk, award.pk])
    return url, {}, patent.get_absolute_url(), Award.objects, "该奖项已被删除。"


def _patent(world, center):
    patent = factories.patent(center)
    url = reverse("patents:patent_delete", args=[center.pk, patent.pk])
    return url, {}, reverse("patents:portfolio", args=[center.pk]), Patent.objects, "该专利记录已被删除。"


def _event(world, center):
    event = setup.event(world, center)
    url = reverse("patents:utilization_delete", args=[center.pk, event.pk])
    back = reverse("patents:utilization", args=[center.pk])
    return url, {"reason": "重复录入"}, back, Exploitation.objects, "该事件已被他人删除。"


def _standard(world, center):
    standard = setup.standard(world, center)
    url = reverse("patents:standard_delete", args=[center.pk, standard.pk])
    back = reverse("patents:standards", args=[center.pk])
    return url, {"reason": "重复录入"}, back, Standard.objects, "该记录已被他人删除。"


def _alliance(world, center):
    alliance = setup.alliance(world, center)
    url = reverse("patents:alliance_delete", args=[center.pk, alliance.pk])
    back = reverse("patents:standards", args=[center.pk])
    return url, {"reason": "重复录入"}, back, Alliance.objects, "该记录已被他人删除。"


def _strategic_ipc(world, center):
    row = StrategicIPC.objects.create(ipc_prefix="H01M", industry="新能源")
    url = reverse("patents:strategic_ipc_delete", args=[row.pk])
    return url, {}, reverse("patents:strategic_ipc"), StrategicIPC.objects, "该IPC分类号前缀已从清单中删除。"


CASES = {
    "family_remove": ("unit_admin", _family),
    "award_remove": ("unit_admin", _award),
    "patent_delete": ("unit_admin", _patent),
    "utilization_delete": ("unit_admin", _event),
    "standard_delete": ("unit_admin", _standard),
    "alliance_delete": ("unit_admin", _alliance),
    "strategic_ipc_delete": ("regional_officer", _strategic_ipc),
}


@pytest.mark.parametrize("name", CASES)
def test_sent_twice_the_second_says_it_is_gone(world, center, client_for, name):
    actor, make = CASES[name]
    url, data, back, rows, gone = make(world, center)
    before = rows.count()
    client = client_for(actor)
    first = client.post(url, data)
    assert first.status_code == 302 and first["Location"] == back
    assert rows.count() == before - 1
    client.get(back)  # the first one's success message is shown (and consumed) there
    second = client.post(url, data)
    assert second.status_code == 302 and second["Location"] == back
    said = [(m.level_tag, str(m)) for m in get_messages(second.wsgi_request)]
    assert len(said) == 1 and said[0][0] == "info" and said[0][1].startswith(gone), said
    assert rows.count() == before - 1
