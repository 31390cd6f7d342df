"""The office and IP council's URLs against every actor of the world (tests/world.py).

The center belongs to the world's unit (prefecture A) and has the other prefecture's unit (unit_admin_other) as a
current partner. Its units, its partner, its prefecture office and the region see the office tab and a meeting;
only the lead unit's administrator declares the office and records the council (403 for a unit member, the
partner and the officers); everyone else gets a 404."""

from tests.permissions import EVERY_LOGGED_IN, Row

PARTNER = "unit_admin_other"
SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer", PARTNER}
HIDE = EVERY_LOGGED_IN - SEES
ADMIN = {"unit_admin"}


def _center(w):
    from .funding_setup import with_partner

    return with_partner(w, w.org_other)


def _office(w):
    return {"pk": _center(w).pk}


def _member(w):
    from apps.centers import office
    from apps.core import clock

    center = _center(w)
    member = office.council_member_add(
        w.user("unit_admin"),
        center,
        name="王五",
        party="lead_unit",
        organization=w.org,
        position="chair",
        joined_on=clock.today(),
    )
    return {"pk": center.pk, "member_pk": member.pk}


def _meeting(w):
    from apps.centers import office
    from apps.core import clock

    kwargs = _member(w)
    center = w.org.centers.get(pk=kwargs["pk"])
    meeting = office.council_meeting_record(
        w.user("unit_admin"),
        center,
        held_on=clock.today(),
        title="第一次议事会议",
        agenda="专利布局",
        attendees=[kwargs["member_pk"]],
        decisions=[{"subject": "patent_layout", "text": "开展稀土专利导航"}],
    )
    return {"pk": center.pk, "meeting_pk": meeting.pk}


def _today():
    from apps.core import clock

    return clock.today().isoformat()


def _office_data(w):
    return {
        "head_name": "李四",
        "head_title": "主任",
        "phone": "0471-6900000",
        "address": "呼和浩特市赛罕区",
        "area_m2": "120",
        "facilities": "专利检索系统",
        "staff-TOTAL_FORMS": "1",
        "staff-INITIAL_FORMS": "0",
        "staff-0-name": "赵六",
        "staff-0-role": "专利工程师",
        "staff-0-employment": "full_time",
    }


def _member_data(w):
    return {"name": "孙七", "party": "lead_unit", "organization": str(w.org.pk), "position": "member",
            "joined_on": _today()}  # fmt: skip


def _leave_data(w):
    return {"left_on": _today()}


def _meeting_data(w):
    return {
        "held_on": _today(),
        "title": "议事会议",
        "agenda": "研发方向",
        "other_attendees": "专家一名",
        "decision-TOTAL_FORMS": "1",
        "decision-INITIAL_FORMS": "0",
        "decision-0-subject": "research_direction",
        "decision-0-text": "确定研发方向",
    }


MATRIX = [
    Row("centers:office", _office, allow=SEES, hide=HIDE),
    Row("centers:office_edit", _office, allow=ADMIN, hide=HIDE),
    Row("centers:office_edit", _office, allow=ADMIN, hide=HIDE, method="post", data=_office_data),
    Row("centers:council_member_add", _office, allow=ADMIN, hide=HIDE),
    Row("centers:council_member_add", _office, allow=ADMIN, hide=HIDE, method="post", data=_member_data),
    Row("centers:council_member_leave", _member, allow=ADMIN, hide=HIDE, method="post", data=_leave_data),
    Row("centers:council_meeting_add", _office, allow=ADMIN, hide=HIDE),
    Row("centers:council_meeting_add", _office, allow=ADMIN, hide=HIDE, method="post", data=_meeting_data),
    Row("centers:council_meeting", _meeting, allow=SEES, hide=HIDE),
]
