"""Supervision records for tests, built through the supervision services on a center whose contract is in force
(`changes_setup.signed_center`: the world's unit, prefecture A, a 3-year term from today).

    center = signed_center(world)
    inspection = inspection_for(world, center)                        # today, prefecture_officer added
    finding = finding_for(world, inspection, rectify=True)            # opens a rectification (due in 3 months)
    rectification = rectification_at(world, center, "reported")
    acceptance = acceptance_for(world, center)                        # the term's end moved within 90 days
"""

import datetime

from dateutil.relativedelta import relativedelta

from apps.centers import supervision
from apps.centers.models import ContractVersion, Rectification
from apps.core import clock

from .changes_setup import signed_center

__all__ = ["acceptance_for", "finding_for", "inspection_for", "rectification_at", "signed_center"]


def region(world):
    return world.user("regional_officer")


def inspection_for(world, center, *, on=None, officers=("prefecture_officer",)):
    return supervision.inspection_schedule(
        region(world),
        center,
        scheduled_on=on or clock.today(),
        scope="建设任务进展、经费使用、办公场所",
        team="自治区知识产权局 张三、李四",
        officers=[world.user(o) for o in officers],
    )


def finding_for(world, inspection, *, rectify=False, by="regional_officer"):
    return supervision.finding_record(
        world.user(by),
        inspection,
        text="经费支出凭证不全" if rectify else "办公场所符合要求",
        requires_rectification=rectify,
        requirements="补齐2025年度支出凭证并报送" if rectify else "",
        due_on=clock.today() + relativedelta(months=3) if rectify else None,
    )


def rectification_at(world, center, state="open") -> Rectification:
    """A rectification from an inspection finding, walked to `state` (open, reported, completed, failed)."""
    finding = finding_for(world, inspection_for(world, center), rectify=True)
    rectification = Rectification.objects.get(finding=finding)
    if state == "open":
        return rectification
    rectification = supervision.rectification_report(
        world.user("unit_admin"), rectification, report="已补齐全部凭证，见附件。"
    )
    if state == "reported":
        return rectification
    return supervision.rectification_conclude(
        region(world), rectification, completed=state == "completed", conclusion="整改到位。"
    )


def end_term_soon(center, days=60) -> datetime.date:
    """Move the end of the term of the version in force `days` from today (the acceptance window opens 90 days
    before it)."""
    ends_on = clock.today() + datetime.timedelta(days=days)
    ContractVersion.objects.filter(contract__center=center, status=ContractVersion.Status.IN_FORCE).update(
        term_ends_on=ends_on
    )
    return ends_on


def acceptance_for(world, center, *, on=None):
    end_term_soon(center)
    return supervision.acceptance_schedule(
        region(world), center, scheduled_on=on or clock.today(), team="验收专家组：王五（组长）、赵六"
    )
