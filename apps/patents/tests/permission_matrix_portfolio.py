"""The portfolio's URLs against every actor of the world (tests/world.py).

The center is led by the world's unit (prefecture A) and has the other prefecture's unit (unit_admin_other) as a
current partner. Its lead unit (administrator and member) keeps the patents; the partner, the prefecture office of
the center and the region see them (403 on the forms); everyone else gets a 404. The list of every patent
(`patents:all`) answers every unit and officer (each sees the centers it may see) and refuses the other roles."""

from datetime import date

from tests.permissions import EVERY_LOGGED_IN, Row

PARTNER = "unit_admin_other"
SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer", PARTNER}
HIDE = EVERY_LOGGED_IN - SEES
KEEPS = {"unit_admin", "unit_member"}
LISTS = {"unit_admin", "unit_member", PARTNER, "prefecture_officer", "prefecture_officer_other", "regional_officer"}


def _center(w):
    from apps.centers.tests.funding_setup import with_partner

    return with_partner(w, w.org_other)


def _center_kwargs(w):
    return {"pk": _center(w).pk}


def _patent(w, **fields):
    from apps.patents.tests import factories

    center = _center(w)
    return factories.patent(center, user=w.user("unit_admin"), **fields)


def _patent_kwargs(w):
    patent = _patent(w)
    return {"pk": patent.center_id, "patent_pk": patent.pk}


def _imported_kwargs(w):
    """An imported record: its deletion is refused (a redirect with the reason) for whoever may keep it."""
    patent = _patent(w, source="import")
    return {"pk": patent.center_id, "patent_pk": patent.pk}


def _member_kwargs(w):
    from apps.patents.models import FamilyMember

    patent = _patent(w)
    member = FamilyMember.objects.create(patent=patent, number="US20190123456A1", country="US", overseas=True)
    return {"pk": patent.center_id, "patent_pk": patent.pk, "member_pk": member.pk}


def _award_kwargs(w):
    from apps.patents.models import Award

    patent = _patent(w)
    award = Award.objects.create(patent=patent, kind="china_patent", name="中国专利优秀奖", awarded_on=date(2022, 7, 1))
    return {"pk": patent.center_id, "patent_pk": patent.pk, "award_pk": award.pk}


_serial = iter(range(100, 10_000))


def _new_data(w):
    from apps.patents.tests import factories

    return {
        "application_number": "CN" + factories.number(year=2020, serial=next(_serial)),
        "title": "一种乳清蛋白的提取方法",
        "filing_date": "2020-05-06",
        "legal_status": "pending",
    }


def _edit_data(w):
    return {"application_number": "", "title": "一种乳清蛋白的提取方法", "filing_date": "2021-03-01"}


def _status_data(w):
    return {"status": "published", "on": "2021-09-01", "note": "实质审查生效"}


def _family_data(w):
    return {"number": f"EP{next(_serial)}A1", "country": ""}


def _award_data(w):
    return {"kind": "china_patent", "name": "中国专利优秀奖", "awarded_on": "2022-07-01"}


MATRIX = [
    Row("patents:portfolio", _center_kwargs, allow=SEES, hide=HIDE),
    Row(
        "patents:portfolio",
        _center_kwargs,
        allow=SEES,
        hide=HIDE,
        query="patent_type=invention&sort=-grant",
        note="filtered",
    ),
    Row("patents:patent", _patent_kwargs, allow=SEES, hide=HIDE),
    Row("patents:patent_new", _center_kwargs, allow=KEEPS, hide=HIDE),
    Row("patents:patent_new", _center_kwargs, allow=KEEPS, hide=HIDE, method="post", data=_new_data),
    Row("patents:patent_edit", _patent_kwargs, allow=KEEPS, hide=HIDE),
    # a refused form (an empty number): the form again, nothing changed
    Row("patents:patent_edit", _patent_kwargs, allow=KEEPS, hide=HIDE, method="post", data=_edit_data),
    Row("patents:patent_delete", _imported_kwargs, allow=KEEPS, hide=HIDE, method="post", note="refused"),
    Row("patents:patent_status", _patent_kwargs, allow=KEEPS, hide=HIDE),
    Row("patents:patent_status", _patent_kwargs, allow=KEEPS, hide=HIDE, method="post", data=_status_data),
    Row("patents:family_add", _patent_kwargs, allow=KEEPS, hide=HIDE),
    Row("patents:family_add", _patent_kwargs, allow=KEEPS, hide=HIDE, method="post", data=_family_data),
    Row("patents:family_remove", _member_kwargs, allow=KEEPS, hide=HIDE, method="post"),
    Row("patents:award_add", _patent_kwargs, allow=KEEPS, hide=HIDE),
    Row("patents:award_add", _patent_kwargs, allow=KEEPS, hide=HIDE, method="post", data=_award_data),
    Row("patents:award_remove", _award_kwargs, allow=KEEPS, hide=HIDE, method="post"),
    Row("patents:all", allow=LISTS),
    Row("patents:all", allow=LISTS, query="q=稀土&overseas=true&year_from=2020", note="filtered"),
]
