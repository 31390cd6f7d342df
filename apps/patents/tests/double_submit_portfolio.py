"""The portfolio's @once forms for tests/test_double_submit.py: a patent entered by form, a legal-status step, a
family member, an award — each sent twice creates one record."""

from django.urls import reverse


def _setup():
    from tests.test_double_submit import Setup

    return Setup


def _center(w):
    from apps.centers.tests.funding_setup import with_partner

    return with_partner(w, w.org_other)


def _patent(w):
    from apps.patents.tests import factories

    return factories.patent(_center(w), user=w.user("unit_admin"))


def patent_new(w):
    from apps.patents.models import Patent

    center = _center(w)
    url = reverse("patents:patent_new", args=[center.pk])
    data = {
        "application_number": "CN201611162814.0",
        "title": "一种稀土永磁材料的制备方法",
        "filing_date": "2016-12-15",
        "legal_status": "pending",
        "applicants": "包头稀土研究院",
    }
    return _setup()(url, url, lambda c: data, Patent.objects.count)


def _on_patent(url_name, data, count):
    def make(w):
        patent = _patent(w)
        url = reverse(url_name, args=[patent.center_id, patent.pk])
        return _setup()(url, url, lambda c: data, count())

    return make


def _status_count():
    from apps.patents.models import LegalStatusChange

    return LegalStatusChange.objects.count


def _family_count():
    from apps.patents.models import FamilyMember

    return FamilyMember.objects.count


def _award_count():
    from apps.patents.models import Award

    return Award.objects.count


status = _on_patent("patents:patent_status", {"status": "published", "on": "2021-09-01", "note": ""}, _status_count)
family = _on_patent("patents:family_add", {"number": "US20190123456A1", "country": ""}, _family_count)
award = _on_patent(
    "patents:award_add", {"kind": "china_patent", "name": "中国专利优秀奖", "awarded_on": "2022-07-01"}, _award_count
)


def cases(Case) -> list:
    return [
        Case("patents:patent_new", "unit_admin", patent_new),
        Case("patents:patent_status", "unit_member", status),
        Case("patents:family_add", "unit_admin", family),
        Case("patents:award_add", "unit_admin", award),
    ]
