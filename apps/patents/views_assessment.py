"""The pre-filing assessment's pages (专利申请前评估, Art. 13(2)), under a center: the disclosures (list with a status
filter, a new one, a draft's edit), a disclosure's page (its text, documents, assessments and the actions this user
may take: submit, name the assessor, link the patent, ask for a re-assessment), the assessment form, the center's
weights, and the panel on a patent's page (its disclosure and assessment).

A center the user may not see is a 404 (`selectors.center_for`), and so is an unfiled disclosure for anyone but the
lead unit (`assessment.disclosures_visible_to`). An action the user may not take is a 403 with the reason
(`DISCLOSURE.guard`, `assessment.can_*`, `policies.can_configure`); a refusal of the rules is the page again with the
Chinese message and everything typed. Replayed or double POSTs change nothing twice (`@once` + `{% form_token %}`)."""

from datetime import date

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, Subquery
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core import clock
from apps.core.actions import form_page, post_action
from apps.core.once import once
from apps.core.pagination import page_of
from apps.core.policy import guard

from . import assessment, disclosure_panels, policies, selectors
from .forms_assessment import AssessmentForm, AssessorForm, DisclosureForm, LinkForm, ReassessForm, WeightsForm
from .models import Disclosure, PreFilingAssessment
from .workflow_assessment import DISCLOSURE, disclosure_url

S = Disclosure.Status
PER_PAGE = 20
SECTION = {"tab": "patents", "section": "disclosures"}


def _center(request, pk):
    return selectors.center_for(request.user, pk)


def _disclosure(request, center, disclosure_pk) -> Disclosure:
    disclosure = get_object_or_404(
        assessment.disclosures_visible_to(request.user, center).select_related(
            "created_by", "assessor", "patent", "council_decision__meeting"
        ),
        pk=disclosure_pk,
    )
    disclosure.center = center  # the center the page already read (lead unit, status)
    return disclosure


def _list_url(center) -> str:
    return reverse("patents:disclosures", args=[center.pk])


def _latest(field):
    latest = PreFilingAssessment.objects.filter(disclosure_id=OuterRef("pk")).order_by("-assessed_on", "-id")
    return Subquery(latest.values(field)[:1], output_field=PreFilingAssessment._meta.get_field(field))


# ---------------------------------------------------------------- the list


@login_required
def disclosure_list(request, pk):
    center = _center(request, pk)
    user = request.user
    visible = assessment.disclosures_visible_to(user, center)
    status = request.GET.get("status", "")
    if status not in S.values:
        status = ""
    rows = visible.filter(status=status) if status else visible
    rows = (
        rows.select_related("created_by", "patent")
        .annotate(latest_score=_latest("weighted_score"), latest_conclusion=_latest("conclusion"))
        .order_by("-created_at", "-id")
    )
    page = page_of(request, rows, PER_PAGE)
    conclusions = dict(PreFilingAssessment.Conclusion.choices)
    for disclosure in page:
        disclosure.latest_conclusion_label = conclusions.get(disclosure.latest_conclusion, "")
    counts = dict(visible.order_by().values_list("status").annotate(n=Count("pk")))
    today = clock.today()
    return render(
        request,
        "patents/assessment/list.html",
        {
            "center": center,
            **SECTION,
            "page": page,
            "status": status,
            "statuses": [(value, label, counts.get(value, 0)) for value, label in S.choices],
            "total": sum(counts.values()),
            "is_lead_unit": assessment.is_lead_unit_user(user, center),
            "can_write": bool(assessment.can_write(user, center)),
            "can_configure": bool(policies.can_configure(user, center)),
            "weights": assessment.weights_of(center),
            "coverage": assessment.coverage(center, date(today.year, 1, 1), today),
            "year": today.year,
        },
    )


# ---------------------------------------------------------------- a new disclosure, a draft's edit


def _form_page(request, center, form, disclosure=None):
    return render(
        request,
        "patents/assessment/form.html",
        {"center": center, **SECTION, "form": form, "disclosure": disclosure},
    )


@login_required
@once
def disclosure_new(request, pk):
    center = _center(request, pk)
    user = request.user
    guard(assessment.can_write(user, center))
    form = DisclosureForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form=form,
        page=lambda bound: _form_page(request, center, bound),
        run=lambda data: assessment.disclosure_create(
            user,
            center,
            title=data["title"],
            technical_field=data["technical_field"],
            problem=data["problem"],
            solution=data["solution"],
            claims_draft=data["claims_draft"],
            inventors=data["inventors"],
            document=data.get("document"),
        ),
        success=lambda d: (
            _("Disclosure %(number)s saved as a draft: check it, then submit it for assessment.") % {"number": d.number}
        ),
        redirect_to=disclosure_url,
        errors_on_form=True,
    )


@login_required
@once
def disclosure_edit(request, pk, disclosure_pk):
    center = _center(request, pk)
    disclosure = _disclosure(request, center, disclosure_pk)
    user = request.user
    guard(assessment.can_edit(user, disclosure))
    initial = {name: getattr(disclosure, name) for name in assessment.CONTENT_FIELDS}
    initial["inventors"] = "；".join(disclosure.inventors)
    form = DisclosureForm(request.POST or None, initial=initial, with_document=False)
    return form_page(
        request,
        form=form,
        page=lambda bound: _form_page(request, center, bound, disclosure),
        run=lambda data: assessment.disclosure_update(
            user, disclosure, **{name: data[name] for name in assessment.CONTENT_FIELDS}, inventors=data["inventors"]
        ),
        success=_("Disclosure saved."),
        redirect_to=disclosure_url(disclosure),
        errors_on_form=True,
    )


# ---------------------------------------------------------------- a disclosure's page and its actions


def _detail_context(request, center, disclosure, **bound) -> dict:
    user = request.user
    options = {option.action: option for option in DISCLOSURE.options(user, disclosure)}
    assessments = list(
        PreFilingAssessment.objects.filter(disclosure_id=disclosure.pk)
        .select_related("assessor")
        .order_by("-assessed_on", "-id")
    )
    can_name = bool(assessment.can_name_assessor(user, disclosure))
    context = {
        "center": center,
        **SECTION,
        "disclosure": disclosure,
        "assessments": assessments,
        "latest": assessments[0] if assessments else None,
        "labels": assessment.criteria_labels(),
        "is_lead_unit": assessment.is_lead_unit_user(user, center),
        "can_edit": bool(assessment.can_edit(user, disclosure)),
        "can_name_assessor": can_name,
        "submit_option": options.get("submit"),
        "assess_option": next((options[a] for a in ("assess", "revise", "close") if a in options), None),
        "file_option": options.get("file"),
        "reassess_option": options.get("reassess"),
        "disclosure_panels": disclosure_panels.panels_for(request, disclosure),  # higher apps' panels
    }
    if can_name and "assessor_form" not in bound:
        context["assessor_form"] = AssessorForm(
            users=assessment.assessor_choices(disclosure), initial={"assessor": disclosure.assessor_id}
        )
    if context["file_option"] is not None and "link_form" not in bound:
        context["link_form"] = LinkForm(patents=assessment.linkable_patents(center))
    if context["reassess_option"] is not None and "reassess_form" not in bound:
        context["reassess_form"] = ReassessForm()
    context.update(bound)
    return context


@login_required
def disclosure_detail(request, pk, disclosure_pk):
    center = _center(request, pk)
    disclosure = _disclosure(request, center, disclosure_pk)
    return render(request, "patents/assessment/detail.html", _detail_context(request, center, disclosure))


def _again(request, pk, disclosure_pk, name):
    def render_again(bound):
        center = _center(request, pk)
        fresh = _disclosure(request, center, disclosure_pk)
        return render(
            request, "patents/assessment/detail.html", _detail_context(request, center, fresh, **{name: bound})
        )

    return render_again


@login_required
@require_POST
@once
def disclosure_submit(request, pk, disclosure_pk):
    center = _center(request, pk)
    disclosure = _disclosure(request, center, disclosure_pk)
    DISCLOSURE.guard(request.user, disclosure, "submit")
    return post_action(
        request,
        form=forms.Form(request.POST),
        run=lambda data: assessment.disclosure_submit(request.user, disclosure),
        success=gettext_lazy("Disclosure submitted; the assessor has been asked to assess it."),
        redirect_to=disclosure_url(disclosure),
    )


@login_required
@require_POST
@once
def disclosure_assessor(request, pk, disclosure_pk):
    center = _center(request, pk)
    disclosure = _disclosure(request, center, disclosure_pk)
    guard(assessment.can_name_assessor(request.user, disclosure))
    form = AssessorForm(request.POST, users=assessment.assessor_choices(disclosure))
    return post_action(
        request,
        form=form,
        run=lambda data: assessment.assessor_name(request.user, disclosure, data["assessor"]),
        success=lambda d: (
            _("Assessor named: %(name)s.") % {"name": d.assessor.display_name}
            if d.assessor
            else _("The lead unit's administrator assesses this disclosure.")
        ),
        redirect_to=disclosure_url(disclosure),
        render_again=_again(request, pk, disclosure_pk, "assessor_form"),
    )


@login_required
@require_POST
@once
def disclosure_link(request, pk, disclosure_pk):
    center = _center(request, pk)
    disclosure = _disclosure(request, center, disclosure_pk)
    DISCLOSURE.guard(request.user, disclosure, "file")
    form = LinkForm(request.POST, patents=assessment.linkable_patents(center))
    return post_action(
        request,
        form=form,
        run=lambda data: assessment.disclosure_link(
            request.user, disclosure, patent=data["patent"], application_number=data["application_number"]
        ),
        success=lambda d: (
            _("Disclosure %(number)s is filed: linked to %(patent)s.")
            % {"number": d.number, "patent": d.patent.display_number}
        ),
        redirect_to=disclosure_url(disclosure),
        render_again=_again(request, pk, disclosure_pk, "link_form"),
    )


@login_required
@require_POST
@once
def disclosure_reassess(request, pk, disclosure_pk):
    center = _center(request, pk)
    disclosure = _disclosure(request, center, disclosure_pk)
    DISCLOSURE.guard(request.user, disclosure, "reassess")
    return post_action(
        request,
        form=ReassessForm(request.POST),
        run=lambda data: assessment.disclosure_reassess(request.user, disclosure, reason=data["reason"]),
        success=gettext_lazy("The disclosure goes back to the assessor to be assessed again."),
        redirect_to=disclosure_url(disclosure),
        render_again=_again(request, pk, disclosure_pk, "reassess_form"),
    )


# ---------------------------------------------------------------- the assessment


@login_required
@once
def disclosure_assess(request, pk, disclosure_pk):
    center = _center(request, pk)
    disclosure = _disclosure(request, center, disclosure_pk)
    user = request.user
    DISCLOSURE.guard(user, disclosure, "assess")
    weights = assessment.weights_of(center)
    form = AssessmentForm(
        request.POST or None,
        decisions=assessment.disclosure_review_decisions(center),
        initial={"assessed_on": clock.today(), "council_decision": disclosure.council_decision_id},
    )
    state = DISCLOSURE.check(user, disclosure, "assess")

    def page(bound):
        return render(
            request,
            "patents/assessment/assess.html",
            {
                "center": center,
                **SECTION,
                "disclosure": disclosure,
                "form": bound,
                "weights": weights,
                "labels": assessment.criteria_labels(),
                "refusal": "" if state else state.reason,
            },
        )

    return form_page(
        request,
        form=form,
        page=page,
        run=lambda data: assessment.assess(
            user,
            disclosure,
            technical=data["technical"],
            market=data["market"],
            drafting=data["drafting"],
            layout=data["layout"],
            conclusion=data["conclusion"],
            reasons=data["reasons"],
            assessed_on=data["assessed_on"],
            council_decision=data["council_decision"],
        ),
        success=lambda a: (
            _("Assessment recorded: %(conclusion)s, weighted score %(score)s.")
            % {"conclusion": a.get_conclusion_display(), "score": a.weighted_score}
        ),
        redirect_to=disclosure_url(disclosure),
        errors_on_form=True,
    )


# ---------------------------------------------------------------- the center's weights


@login_required
@once
def assessment_weights(request, pk):
    center = _center(request, pk)
    user = request.user
    guard(policies.can_configure(user, center))
    current = assessment.weights_of(center)
    form = WeightsForm(request.POST or None, initial=assessment.weights_dict(current))
    return form_page(
        request,
        form=form,
        page=lambda bound: render(
            request,
            "patents/assessment/weights.html",
            {"center": center, **SECTION, "form": bound, "weights": current},
        ),
        run=lambda data: assessment.weights_save(
            user,
            center,
            technical=data["technical"],
            market=data["market"],
            drafting=data["drafting"],
            layout=data["layout"],
        ),
        success=_("The assessment weights have been saved; they apply to the next assessments."),
        redirect_to=_list_url(center),
        errors_on_form=True,
    )


# ---------------------------------------------------------------- the panel on a patent's page


def panel_context(request, patent) -> dict | None:
    """The disclosure linked to `patent` with its assessments (two queries, whether or not one is linked: the page
    costs the same for every patent); for the lead unit, a hint when none is linked; nothing for others then."""
    disclosure = (
        Disclosure.objects.filter(patent_id=patent.pk).select_related("council_decision__meeting").first()
    )  # at most one (`one_disclosure_per_patent`)
    assessments = list(
        PreFilingAssessment.objects.filter(disclosure__patent_id=patent.pk)
        .select_related("assessor")
        .order_by("-assessed_on", "-id")
    )
    is_lead_unit = assessment.is_lead_unit_user(request.user, patent.center)
    if disclosure is None and not is_lead_unit:
        return None
    latest = assessments[0] if assessments else None
    return {
        "disclosure": disclosure,
        "assessments": assessments,
        "latest": latest,
        "before_filing": bool(latest and any(a.assessed_on <= patent.filing_date for a in assessments)),
        "labels": assessment.criteria_labels(),
        "disclosures_url": _list_url(patent.center),
    }


def register_panel() -> None:
    from .detail_panels import Panel, register

    register(Panel("assessment", "patents/assessment/panel.html", panel_context, order=30))
