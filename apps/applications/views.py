"""Pages every audience shares: the list, the detail page (with the actions the user may take), the versions and
their comparison, and the .docx/.pdf of an application. Audience-specific actions are in views_unit.py,
views_officer.py and views_expert.py."""

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.views.decorators.http import require_POST

from apps.core import documents
from apps.core.actions import post_action
from apps.core.listing import listing_page
from apps.core.pagination import page_of
from apps.core.policy import guard
from apps.core.roles import UNIT_ROLES, Role

from . import checklist, content, listings, policies, selectors, versions
from .forms import OpinionForm, ReasonForm, RecommendForm
from .models import Application, ApplicationVersion, Review
from .workflow import APPLICATION


def get_application(request, pk, queryset=None) -> Application:
    """The application if this user may see it (404 otherwise); `policies.can_view` then needs no query."""
    application = get_object_or_404(selectors.visible_to(request.user) if queryset is None else queryset, pk=pk)
    application.visible_to_user_id = request.user.pk
    return application


def _with_version_count(queryset):
    """Each row with `version_count` (a subquery: no join, no GROUP BY)."""
    counted = (
        ApplicationVersion.objects.filter(application_id=OuterRef("pk"))
        .order_by()
        .values("application_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(version_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0))


@login_required
def application_list(request):
    """Filtered (search, call, topic, prefecture, status), sorted by a column, paginated, or as .xlsx
    (`?format=xlsx`): `listings.APPLICATIONS`. An officer's list filtered by a status alone is counted from the kept
    counts (`selectors.kept_count`)."""
    user = request.user
    guard(policies.can_list(user))

    def kept(shown):
        status = shown.filter.kept_count_status()
        return None if status is None else selectors.kept_count(user, status=status)

    joined = page_of(request, selectors.joined_by(user), 25, param="joined") if user.role in UNIT_ROLES else None
    return listing_page(
        request,
        listings.APPLICATIONS,
        selectors.application_list(user),
        "applications/list.html",
        {
            "joined": joined,
            "can_create": bool(policies.can_create(user)),
            "is_unit": user.role in UNIT_ROLES,
            "is_regional": user.role == Role.REGIONAL_OFFICER,
        },
        known_count=kept,
    )


# The form of each action of the detail page: its context name, class and id prefix (several forms on one page).
ACTION_FORMS = {
    "recommend": ("recommend_form", RecommendForm, "recommend-%s"),
    "prefecture_return": ("return_form", ReasonForm, "return-%s"),
    "prefecture_reject": ("reject_form", ReasonForm, "reject-%s"),
    "formal_pass": ("opinion_form", OpinionForm, "formal-%s"),
    "formal_return": ("formal_return_form", ReasonForm, "formal-return-%s"),
    "not_approve": ("not_approve_form", ReasonForm, "not-approve-%s"),
    "withdraw": ("withdraw_form", ReasonForm, "withdraw-%s"),
}


def action_form(application, action, data=None):
    """(context name, form) of an action of the detail page; a plain confirmation for an action without fields."""
    if action not in ACTION_FORMS:
        return None, forms.Form(data)
    name, form_class, auto_id = ACTION_FORMS[action]
    form = form_class(data, auto_id=auto_id)
    if action == "recommend" and not application.region_mismatch:
        del form.fields["confirm_region"]
    return name, form


def unavailable(options) -> list[dict]:
    """The actions this user would take but cannot now, grouped by reason: labels, reason, date possible."""
    groups = {}
    for option in options:
        if not option.enabled:
            decision = option.decision
            group = groups.setdefault(
                decision.reason, {"labels": [], "reason": decision.reason, "available_on": decision.available_on}
            )
            group["labels"].append(option.transition.label)
    return list(groups.values())


def detail_action(action, service, success, *, redirect_to=None):
    """The view of an action of the detail page (its form in ACTION_FORMS, else a confirmation): 403 unless this
    user is one who may take it; then `post_action` runs `service(user, application, **the form's data)`, and when
    refused shows the page again (200) with the bound form and the reason, so nothing typed is lost. On success:
    a redirect to `redirect_to(application)`, by default the application's page."""

    @login_required
    @require_POST
    def view(request, pk):
        application = get_application(request, pk)
        APPLICATION.guard(request.user, application, action)
        name, form = action_form(application, action, request.POST)

        def render_again(bound):
            extra = {name: bound} if name else {}
            return render(request, "applications/detail.html", detail_context(request, application, **extra))

        return post_action(
            request,
            form=form,
            run=lambda data: service(request.user, application, **data),
            success=success,
            redirect_to=redirect_to(application) if redirect_to else application.get_absolute_url(),
            render_again=render_again,
        )

    view.__name__ = view.__qualname__ = action
    return view


def _detail_query(user, pk: int):
    return _with_version_count(selectors.visible_to(user)).filter(pk=pk)


def _reviews_query(pk: int):
    return Review.objects.filter(application_id=pk).select_related("expert").order_by("id")


def reviews_shown(application) -> list[dict]:
    """The application's reviews as the page shows them (a dict is what a template reads fastest)."""
    rows = _reviews_query(application.pk)
    return [
        {
            "expert": r.expert.display_name,
            "status": r.get_status_display(),
            "total": r.total,
            "conflict_reason": r.conflict_reason,
        }
        for r in rows
    ]


@dataclass(frozen=True)
class TimelineEntry:
    """A line of the page's timeline as shown: when (local time, "Y-m-d H:i"), by whom, what, the opinion."""

    when: str
    actor_label: str
    title: str
    opinion: str


def timeline_entries(user, application) -> list[TimelineEntry]:
    """The timeline's lines this user sees (`selectors.timeline`), each title and time written here once rather
    than by the template's filters."""
    events = selectors.timeline(user, application.pk)
    titles = {"review_closed": gettext("Expert review completed"), "create": gettext("Draft created")}
    return [
        TimelineEntry(
            when=timezone.localtime(e.created_at).strftime("%Y-%m-%d %H:%M"),
            actor_label=e.actor_label,
            title=titles.get(e.action) or e.get_status_to_display(),
            opinion=e.opinion,
        )
        for e in events
    ]


def detail_context(request, application, **extra) -> dict:
    """The page reads the application's content once (`content.attach`): the content, the checklist, the
    attachment panels and the workflow's buttons all take it; the number of queries does not grow with what the
    application holds (tests/test_query_counts.py). What it shows in lists is prepared here, once, for the
    templates (issue 14)."""
    user = request.user
    loaded = content.attach(application)
    is_unit = user.role in UNIT_ROLES
    is_partner = policies.is_partner_only(user, application)
    reviews = reviews_shown(application) if policies.can_see_reviews(user, application) else []
    options = APPLICATION.options(user, application)
    transitions = {o.action: o.transition for o in options if o.enabled}
    context = {
        "application": application,
        "sections": loaded.page_sections,
        "lead": loaded.snapshot["lead_unit"],
        "files": loaded.files,
        "items": checklist.evaluate(application) if user.role != Role.EXPERT and not is_partner else [],
        "events": timeline_entries(user, application),
        # What this user may do now (the forms below), and what they would do but cannot yet (disabled, why).
        "transitions": transitions,
        "unavailable": unavailable(options),
        "is_unit": is_unit,
        "is_partner": is_partner,
        "can_export": bool(policies.can_view_full(user, application)),
        "is_expert": user.role == Role.EXPERT,
        "can_edit": bool(policies.can_edit(user, application)),
        "can_see_versions": bool(policies.can_see_versions(user, application)),
        "version_count": (
            application.version_count if hasattr(application, "version_count") else application.versions.count()
        ),
        "reviews": reviews,
        # A partner sees the list of partners, and only its own agreement (the attachment panel checks again).
        "partnerships": loaded.partnerships,
        # The form of each action offered (the page shows no other).
        **dict(action_form(application, action) for action in ACTION_FORMS if action in transitions),
    }
    if user.role == Role.EXPERT:
        context["my_review"] = Review.objects.filter(application=application, expert=user).first()
    context.update(extra)
    return context


@login_required
def application_detail(request, pk):
    user = request.user
    found = list(_detail_query(user, pk))
    if not found:
        raise Http404
    application = found[0]
    application.visible_to_user_id = user.pk  # as get_application: `policies.can_view` then needs no query
    guard(policies.can_view(user, application))
    return render(request, "applications/detail.html", detail_context(request, application))


@login_required
def version_list(request, pk):
    application = get_application(request, pk)
    guard(policies.can_see_versions(request.user, application))
    items = list(application.versions.select_related("submitted_by"))
    numbers = [v.number for v in items]
    a = request.GET.get("a", "")
    b = request.GET.get("b", "")
    changes = None
    compared = None
    if a.isdigit() and b.isdigit():
        by_number = {v.number: v for v in items}  # the versions already read: no query per compared version
        old, new = by_number.get(int(a)), by_number.get(int(b))
        if old is None or new is None:
            raise Http404
        changes = versions.diff(old.snapshot, new.snapshot)
        compared = (old, new)
    elif len(numbers) >= 2:
        a, b = str(numbers[-2]), str(numbers[-1])
    return render(
        request,
        "applications/versions.html",
        {
            "application": application,
            "versions": items,
            "a": a,
            "b": b,
            "changes": changes,
            "compared": compared,
            "no_changes": versions.NO_CHANGES,
        },
    )


@login_required
def version_detail(request, pk, number):
    application = get_application(request, pk)
    guard(policies.can_see_versions(request.user, application))
    version = get_object_or_404(ApplicationVersion, application=application, number=number)
    return render(
        request,
        "applications/version_detail.html",
        {
            "application": application,
            "version": version,
            "sections": content.page_sections(version.snapshot),
            "lead": version.snapshot.get("lead_unit", {}),
        },
    )


def _export_name(application, extension: str) -> str:
    name = documents.file_name(
        pgettext("file name", "Application"), application.pk, application.lead_unit.name, extension=extension
    )
    return documents.content_disposition(name, f"application-{application.pk}.{extension}")


@login_required
def export_docx(request, pk):
    from .exports.docx import application_docx

    application = get_application(request, pk)
    guard(policies.can_view_full(request.user, application))
    response = HttpResponse(
        application_docx(application),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = _export_name(application, "docx")
    return response


@login_required
def export_pdf(request, pk):
    from .exports.pdf import application_pdf

    application = get_application(request, pk)
    guard(policies.can_view_full(request.user, application))
    response = HttpResponse(application_pdf(application), content_type="application/pdf")
    response["Content-Disposition"] = _export_name(application, "pdf")
    return response
