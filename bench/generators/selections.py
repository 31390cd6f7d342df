"""Selections (择优立项) with their public notices: one per call whose panels have ranked — decided for the
concluded calls (the notice ended; results announced), under public notice for this year's first call (the notice
runs today). Written before the applications, which point at them."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from apps.applications import rules
from apps.applications.models import Selection
from apps.portal.models import Announcement, PublicNotice

from .base import Context, insert

CONTACT = "自治区市场监管局（知识产权局）知识产权运用处 0471-6900000"


def build(ctx: Context) -> None:
    region = ctx.regional_officers[0]
    notices, selections = [], []
    for plan in ctx.selections:
        call = plan.call
        title = _("Public notice of the applications proposed for approval: %(call)s") % {"call": call.title}
        notices.append(
            PublicNotice(
                kind=PublicNotice.Kind.SELECTION,
                title=title[:200],
                body=_(
                    "The following applications to “%(call)s” are proposed for approval as Inner Mongolia "
                    "High-Value Patent Cultivation Centers after prefecture recommendation, formal check and expert "
                    "review:"
                )
                % {"call": call.title},
                starts_on=plan.starts_on,
                ends_on=plan.ends_on,
                working_days=plan.working_days,
                contact=CONTACT,
                created_by=region,
                created_at=plan.created_at,
            )
        )
    insert(ctx, PublicNotice, notices)
    for plan, notice in zip(ctx.selections, notices, strict=True):
        selection = Selection(
            call=plan.call,
            notice=notice,
            status=plan.status,
            created_by=region,
            created_at=plan.created_at,
            decided_at=plan.decided_at,
        )
        plan.row = selection
        selections.append(selection)
    insert(ctx, Selection, selections)
    selection_type = ContentType.objects.get_for_model(Selection)
    for notice, selection in zip(notices, selections, strict=True):
        notice.subject_type, notice.subject_id = selection_type, selection.pk
    PublicNotice.objects.bulk_update(notices, ["subject_type", "subject_id"])
    ctx.data["selection_type"] = selection_type


def finish(ctx: Context) -> None:
    """Once the applications exist: each notice lists its applications (as `_notice_text` does) and each decided
    selection with approvals has its results announcement (as `_conclude_if_done` publishes it)."""
    region = ctx.regional_officers[0]
    notices = []
    for plan in ctx.selections:
        notice = plan.row.notice
        lines = [notice.body, ""]
        for app in sorted(plan.applications, key=lambda a: (a.topic.number, a.review_rank or 0)):
            line = _("Topic %(topic)s: %(project)s — lead unit %(lead)s") % {
                "topic": app.topic,
                "project": app.row.project_name or "—",
                "lead": app.lead.name,
            }
            partners = "、".join(org.name for org, _role, _text in app.content["partners"])
            if partners:
                line += _("; partners: %(partners)s") % {"partners": partners}
            lines.append(line)
        lines += [
            "",
            _("Anyone who objects may submit an objection with the facts it rests on during the notice period."),
        ]
        notice.body = "\n".join(lines)
        notices.append(notice)
    PublicNotice.objects.bulk_update(notices, ["body"], batch_size=100)
    announcements = []
    for plan in ctx.selections:
        approved = [a for a in plan.applications if a.state == "approved"]
        if plan.decided_at is None or not approved:
            continue
        lines = [
            _(
                "The following Inner Mongolia High-Value Patent Cultivation Centers are approved for "
                "construction (term: %(years)s years):"
            )
            % {"years": rules.TERM_YEARS},
            "",
        ]
        lines += [
            _("Topic %(topic)s: %(project)s — lead unit %(lead)s")
            % {"topic": a.topic, "project": a.row.project_name or "—", "lead": a.lead.name}
            for a in approved
        ]
        announcements.append(
            Announcement(
                kind=Announcement.Kind.RESULT,
                title=(_("Approval of High-Value Patent Cultivation Centers: %(call)s") % {"call": plan.call.title})[
                    :200
                ],
                body="\n".join(lines),
                published_at=plan.decided_at,
                subject_type=ctx.selection_type,
                subject_id=plan.row.pk,
                created_by=region,
            )
        )
    insert(ctx, Announcement, announcements)
