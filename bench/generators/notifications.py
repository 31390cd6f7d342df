"""The open tasks (待办) the workflow's notices leave: each submitted application with its prefecture's officers,
each recommended one with the regional officers, each returned one with its unit administrator, each open
assignment of a scoring panel with its expert (titles as `workflow.py` and `services_review` write them)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from apps.applications.models import Application, Review
from apps.notifications.models import Message

from .base import Context, insert

S = Application.Status


def build(ctx: Context) -> None:
    rows = []

    def task(users, title, url, key, at):
        for user in users:
            rows.append(
                Message(recipient_id=user.pk, title=title[:255], url=url, is_task=True, subject_key=key, created_at=at)
            )

    for app in ctx.apps:
        row = app.row
        name = {"name": str(row.project_name or f"{app.lead} · {app.topic}")}
        url = reverse("applications:detail", args=[row.pk])
        key = f"applications.application:{row.pk}"
        at = app.updated_at
        if app.state == S.SUBMITTED:
            task(
                ctx.prefecture_officers[app.lead.prefecture.code],
                _("Application awaiting your review: %(name)s") % name,
                url,
                key,
                at,
            )
        elif app.state == S.RECOMMENDED:
            revised = app.steps[-1].action == "resubmit_formal"
            title = (
                _("Revised application awaiting the formal check: %(name)s")
                if revised
                else _("Recommended application awaiting the formal check: %(name)s")
            )
            task(ctx.regional_officers, title % name, url, key, at)
        elif app.state == S.RETURNED:
            task(
                [ctx.unit_admins[app.lead.credit_code]],
                _("Your application was returned for revision: %(name)s") % name,
                url,
                key,
                at,
            )
        elif app.state == S.FORMAL_RETURNED:
            task(
                [ctx.unit_admins[app.lead.credit_code]],
                _("Your application was returned after the formal check: %(name)s") % name,
                url,
                key,
                at,
            )
    reviews = Review.objects.filter(status=Review.Status.ASSIGNED, application__status=S.EXPERT_REVIEW).select_related(
        "expert"
    )
    for review in reviews.iterator(chunk_size=5000):
        task(
            [review.expert],
            _("Application to score: %(name)s") % {"name": f"#{review.application_id}"},
            reverse("applications:review", args=[review.pk]),
            f"applications.review:{review.pk}",
            review.created_at,
        )
    insert(ctx, Message, rows)
