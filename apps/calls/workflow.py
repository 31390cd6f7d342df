"""A call's life (Art. 5(2), 11): draft → published → applications_closed → reviewing → concluded. Each row is the
whole rule of its transition (who, what must hold); docs/workflows.md prints them.

Whatever the stored status, `Call.is_open_for_applications(now)` refuses applications after the closing day;
`services.call_close_due()` moves the stored status along for the periodic job (`user` None, `system=True`).
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.roles import Role
from apps.core.workflow import Notice, Transition, Workflow

from . import policies
from .models import Call

S = Call.Status


def _users(role):
    return get_user_model().objects.filter(role=role, is_active=True)


def _url(call):
    return reverse("calls:manage_detail", args=[call.pk])


CALL = Workflow(
    "call",
    Call,
    [
        Transition(
            "publish",
            (S.DRAFT,),
            S.PUBLISHED,
            gettext_lazy("Publish"),
            by=(Role.REGIONAL_OFFICER,),
            when=(policies.publication_ready,),
            extra={"url_name": "calls:publish"},
            style="success",
            notify=lambda call: Notice(
                _users(Role.PREFECTURE_OFFICER),
                _("Call published: %(title)s. Organize the applications of your prefecture by %(date)s.")
                % {"title": call.title, "date": call.applications_close.isoformat()},
                call.get_absolute_url(),
                is_task=False,
            ),
        ),
        Transition(
            "close_applications",
            (S.PUBLISHED,),
            S.APPLICATIONS_CLOSED,
            gettext_lazy("Close applications"),
            by=(Role.REGIONAL_OFFICER,),
            system=True,
            when=(policies.closing_day_over,),
            extra={"url_name": "calls:close_applications"},
            style="warning",
            notify=lambda call: Notice(
                _users(Role.PREFECTURE_OFFICER),
                _("Applications to “%(title)s” are closed; recommend by %(date)s.")
                % {"title": call.title, "date": call.recommendation_deadline.isoformat()},
                call.get_absolute_url(),
                is_task=False,
            ),
        ),
        Transition(
            "start_review",
            (S.APPLICATIONS_CLOSED,),
            S.REVIEWING,
            gettext_lazy("Start the review"),
            by=(Role.REGIONAL_OFFICER,),
            when=(policies.recommendation_deadline_over,),
            extra={"url_name": "calls:start_review"},
        ),
        Transition(
            "conclude",
            (S.REVIEWING,),
            S.CONCLUDED,
            gettext_lazy("Conclude the call"),
            by=(Role.REGIONAL_OFFICER,),
            extra={"url_name": "calls:conclude"},
            style="secondary",
            notify=lambda call: Notice(
                _users(Role.REGIONAL_OFFICER),
                _("Call concluded: %(title)s") % {"title": call.title},
                _url(call),
                is_task=False,
            ),
        ),
    ],
)
