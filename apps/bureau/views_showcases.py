"""Good practice pages (典型经验, Art. 5(5)).

Signed in: the list (`showcase_list`: the region sees every showcase, proposals waiting first, filtered by status;
a unit account sees its unit's proposals and their state), the region's new showcase (`showcase_new`), a lead unit's
proposal (`showcase_propose`, from the list or with `?center=<pk>` from a center's page), one showcase
(`showcase_detail`: the content, its figures and photos, the reasons when declined or withdrawn, the region's
buttons), the region's edit page of a draft (`showcase_edit`) and the transitions (`showcase_act`).

Public, no login: the published showcases (`public_list`), one of them (`public_detail`, linked to the center on the
public register) and its photos (`public_photo`: only a published showcase's photos are served to everyone).

A showcase the user may not see is a 404 (`selectors_showcases.showcase_for`); an action the user may not take a 403
with the reason; a refusal of the rules (no title, a figure that is not a number, publishing without a text, a
missing reason) is the page again with the Chinese message and everything typed. `register()` plugs the showcases
into the portal's landing page and search and registers the photos with apps.attachments (BureauConfig.ready)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from apps.core.actions import form_page, post_action
from apps.core.errors import DomainError
from apps.core.listing import listing_page
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import ALLOW, deny, guard
from apps.core.roles import UNIT_ROLES

from . import filters, listings, policies, selectors_showcases, services_showcases
from .forms_showcases import ReasonForm, ShowcaseForm
from .models import Showcase
from .workflow_showcases import SHOWCASE, showcase_url

PER_PAGE = 20
PUBLIC_PER_PAGE = 12
LANDING_ITEMS = 5  # the newest published showcases on the portal's landing page
SEARCH_HITS_MAX = 50  # as the other public search providers
S = Showcase.Status

SUCCESS = {
    "adopt": gettext_lazy("The proposal is taken into a draft: edit it, then publish it."),
    "decline": gettext_lazy("The proposal is declined; the unit has been told your reasons."),
    "publish": gettext_lazy("The showcase is published on the public site."),
    "withdraw": gettext_lazy("The showcase is withdrawn from the public site."),
}
ACTIONS = tuple(SUCCESS)


def status_choices() -> list[tuple[str, str]]:
    """The states for the filter; "published" in the words of a state (`filters.showcase_statuses`)."""
    return filters.showcase_statuses()


def _content(data) -> dict:
    return {
        "center": data.get("center"),
        "title": data.get("title", ""),
        "summary": data.get("summary", ""),
        "body": data.get("body", ""),
        "figures": data.get("figures", []),
    }


def _form_page(request, form, *, heading, intro, back_url, submit_label):
    return render(
        request,
        "bureau/showcases/form.html",
        {"form": form, "heading": heading, "intro": intro, "back_url": back_url, "submit_label": submit_label},
    )


# ---------------------------------------------------------------- the list


@login_required
@require_GET
def showcase_list(request):
    """Filtered (status, words), sorted (proposals first, title, status, updated), paginated, or as .xlsx
    (`?format=xlsx`): `listings.SHOWCASES`."""
    user = request.user
    guard(policies.can_list_showcases(user))
    is_region = bool(policies.can_manage(user))
    return listing_page(
        request,
        listings.SHOWCASES,
        selectors_showcases.showcase_list(user),
        "bureau/showcases/list.html",
        {
            "is_region": is_region,
            "can_propose": not is_region and selectors_showcases.proposable_centers(user).exists(),
        },
    )


# ---------------------------------------------------------------- writing, proposing, editing


@login_required
@once
def showcase_new(request):
    user = request.user
    guard(policies.can_manage(user))
    form = ShowcaseForm(request.POST or None, centers=selectors_showcases.centers_for_region(user))
    return form_page(
        request,
        form=form,
        page=lambda bound: _form_page(
            request,
            bound,
            heading=_("Write a showcase"),
            intro=_(
                "A center's good practice for the public site (Art. 5(5)). It is saved as a draft: publish it from "
                "its page once the title and the text are written."
            ),
            back_url=reverse("bureau:showcases"),
            submit_label=_("Save the draft"),
        ),
        run=lambda data: services_showcases.showcase_create(user, **_content(data)),
        success=_("The showcase is saved as a draft."),
        redirect_to=lambda showcase: showcase_url(showcase),
        errors_on_form=True,
    )


def _may_propose(user, centers):
    if getattr(user, "role", None) in UNIT_ROLES and centers.exists():
        return ALLOW
    return deny(_("Only the lead unit of a cultivation center proposes its good practice."))


@login_required
@once
def showcase_propose(request):
    user = request.user
    centers = selectors_showcases.proposable_centers(user)
    guard(_may_propose(user, centers))
    initial = {}
    chosen = request.GET.get("center", "")
    if chosen.isdigit() and centers.filter(pk=int(chosen)).exists():
        initial["center"] = int(chosen)
    form = ShowcaseForm(request.POST or None, centers=centers, center_required=True, initial=initial)
    return form_page(
        request,
        form=form,
        page=lambda bound: _form_page(
            request,
            bound,
            heading=_("Propose good practice"),
            intro=_(
                "Describe your center's practice, with its figures. The regional bureau reviews the proposal: it "
                "edits and publishes it on the public site, or declines it with its reasons. Once proposed, the "
                "text is no longer changed by your unit."
            ),
            back_url=reverse("bureau:showcases"),
            submit_label=_("Propose to the regional bureau"),
        ),
        run=lambda data: services_showcases.showcase_propose(user, **_content(data)),
        success=_("Your proposal is sent to the regional bureau."),
        redirect_to=lambda showcase: showcase_url(showcase),
        errors_on_form=True,
    )


@login_required
def showcase_edit(request, pk):
    user = request.user
    showcase = selectors_showcases.showcase_for(user, pk)
    guard(policies.can_manage(user))
    initial = {
        "center": showcase.center_id,
        "title": showcase.title,
        "summary": showcase.summary,
        "body": showcase.body,
    }
    form = ShowcaseForm(
        request.POST or None,
        centers=selectors_showcases.centers_for_region(user),
        initial=initial,
        figures=showcase.figures,
    )
    refusal = ""
    if showcase.status not in services_showcases.EDITABLE:
        refusal = _("The current state is “%(state)s”: only a draft is edited.") % {
            "state": showcase.get_status_display()
        }
    return form_page(
        request,
        form=form,
        page=lambda bound: _form_page(
            request,
            bound,
            heading=_("Edit the showcase"),
            intro=refusal or _("Changes are saved to the draft; publish it from its page."),
            back_url=showcase_url(showcase),
            submit_label=_("Save the draft"),
        ),
        run=lambda data: services_showcases.showcase_update(user, showcase, **_content(data)),
        success=_("The draft is saved."),
        redirect_to=lambda saved: showcase_url(saved),
        errors_on_form=True,
    )


# ---------------------------------------------------------------- one showcase, its transitions


def _detail(request, showcase, **bound):
    user = request.user
    options = SHOWCASE.options(user, showcase)
    return render(
        request,
        "bureau/showcases/detail.html",
        {
            "showcase": showcase,
            "options": [(option, bound.get(option.action) or ReasonForm()) for option in options],
            "photos": selectors_showcases.photos_of(showcase),
            "can_edit": bool(policies.can_manage(user)) and showcase.status in services_showcases.EDITABLE,
            "is_region": bool(policies.can_manage(user)),
        },
    )


@login_required
@require_GET
def showcase_detail(request, pk):
    return _detail(request, selectors_showcases.showcase_for(request.user, pk))


@login_required
@require_POST
def showcase_act(request, pk, action):
    user = request.user
    showcase = selectors_showcases.showcase_for(user, pk)
    if action not in ACTIONS:
        raise Http404(_("Unknown action."))
    SHOWCASE.guard(user, showcase, action)
    form = ReasonForm(request.POST)
    return post_action(
        request,
        form=form,
        run=lambda data: services_showcases.showcase_act(user, showcase, action, reason=data.get("reason", "")),
        success=str(SUCCESS[action]),
        redirect_to=showcase_url(showcase),
        render_again=lambda bound: _detail(request, selectors_showcases.showcase_for(user, pk), **{action: bound}),
    )


# ---------------------------------------------------------------- the public site


@login_required
@require_GET
def center_showcases(request, center_pk):
    """A center's tab 典型经验 (`centers/tabs.py`): what `selectors_showcases.center_showcases` gives this user, and the
    lead unit's button to propose the center's practice. A center the user may not see: 404 (as every tab)."""
    from django.shortcuts import get_object_or_404

    from apps.centers import policies as center_policies
    from apps.centers import selectors as center_selectors

    center = get_object_or_404(center_selectors.visible_to(request.user), pk=center_pk)
    guard(center_policies.can_view(request.user, center))
    rows = selectors_showcases.center_showcases(request.user, center)
    return render(
        request,
        "bureau/showcases/center.html",
        {
            "center": center,
            "tab": "showcases",
            "page": page_of(request, rows, 20),
            "can_propose": policies.can_propose_showcase(request.user, center),
            "is_region": bool(policies.can_manage(request.user)),
        },
    )


@require_GET
def public_list(request):
    return render(
        request,
        "bureau/showcases/public_list.html",
        {"page": page_of(request, selectors_showcases.published(), PUBLIC_PER_PAGE)},
    )


@require_GET
def public_detail(request, pk):
    showcase = selectors_showcases.published_for(pk)
    return render(
        request,
        "bureau/showcases/public_detail.html",
        {"showcase": showcase, "photos": selectors_showcases.photos_of(showcase)},
    )


@require_GET
def public_photo(request, pk, attachment_pk):
    """A published showcase's photo for anyone (the download audited); any other showcase's photo is a 404."""
    from apps.attachments.views import file_response

    showcase = selectors_showcases.published_for(pk)
    try:
        attachment, data = services_showcases.showcase_photo_open(request.user, showcase, attachment_pk)
    except DomainError as exc:
        return render(
            request,
            "attachments/unavailable.html",
            {"message": exc.message, "back_url": reverse("bureau:showcase_public", args=[showcase.pk])},
            status=409,
        )
    return file_response(attachment, data)


# ---------------------------------------------------------------- what the showcases plug into


def landing_section(request):
    """The portal's landing page: the five newest published showcases."""
    from apps.portal.registry import Section

    items = [
        (
            showcase.title,
            reverse("bureau:showcase_public", args=[showcase.pk]),
            " · ".join(
                part
                for part in (
                    showcase.center.name if showcase.center_id else "",
                    showcase.published_at.date().isoformat() if showcase.published_at else "",
                )
                if part
            ),
        )
        for showcase in selectors_showcases.published()[:LANDING_ITEMS]
    ]
    return [
        Section(
            _("Good practice"),
            items,
            more_url=reverse("bureau:public_showcases"),
            empty_text=_("No good practice published yet."),
            order=60,
        )
    ]


def search_hits(query: str):
    """The portal's public search: published showcases whose title, summary or center names the query."""
    from django.db.models import Q

    from apps.portal.registry import SearchHit

    found = selectors_showcases.published().filter(
        Q(title__icontains=query) | Q(summary__icontains=query) | Q(center__name__icontains=query)
    )
    return [
        SearchHit(
            _("Good practice"),
            showcase.title,
            reverse("bureau:showcase_public", args=[showcase.pk]),
            showcase.published_at,
        )
        for showcase in found[:SEARCH_HITS_MAX]
    ]


def register() -> None:
    """Called from BureauConfig.ready: the landing section, the public search, the photos' owner type."""
    from apps.attachments.registry import KindLimits, register_owner
    from apps.portal import registry

    registry.register_section(landing_section)
    registry.register_search(search_hits)
    register_owner(
        Showcase,
        visible=selectors_showcases.showcases_visible_to,
        can_view=policies.can_view_showcase,
        can_upload=services_showcases.can_change_photos,
        kinds={selectors_showcases.PHOTO: gettext_lazy("Photo")},
        url=showcase_url,
        limits={selectors_showcases.PHOTO: KindLimits(file_types=("jpg", "png"))},
    )
