"""The forms of evaluation rounds. They read what was typed (strict dates and lengths: StyledForm); the amounts and
thresholds are parsed by the service's own functions (`services_rounds.parse_fee` / `parse_points`), so the form and
the service refuse in the same words; the rules across fields (period ordered, thresholds ordered, the scope) are
the service's, whose refusal is shown on the form with everything typed kept."""

import re

from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from apps.core.errors import DomainError
from apps.core.forms import StyledForm

from . import rules, services_rounds
from .models import EvaluationRound, IndicatorSystem

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}
M = EvaluationRound._meta


def _label(name):
    return M.get_field(name).verbose_name


class _ParsedField(forms.CharField):
    """A number typed as text, cleaned by a service parser (a DomainError becomes the field's error)."""

    def __init__(self, parse, **kwargs):
        self.parse = parse
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def clean(self, value):
        value = super().clean(value)
        try:
            return self.parse(value)
        except DomainError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None


class SystemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.is_frozen:
            return _("%(system)s · frozen") % {"system": obj}
        return str(obj)


class CenterChoiceField(forms.ModelMultipleChoiceField):
    """Running centers as checkboxes, each with its prefecture and status."""

    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.prefecture.name}，{obj.get_status_display()}）"


# The running centers a form lists one by one: a new round's scope (more: all of them or none) and the centers a
# draft round's page offers to add (more: found by a part of their name or their prefecture, `ScopeAddForm`), so
# the pages cost the same with the region's 30 centers or with 5,000.
SCOPE_CHOICES_SHOWN = 50


class RoundForm(StyledForm):
    """A round's commission: the period, the indicator system, the evaluator and its commission, the grade
    thresholds; on a new round also the scope (every running center ticked by default)."""

    title = forms.CharField(label=_label("title"), max_length=services_rounds.TITLE_MAX)
    period_start = forms.DateField(label=_label("period_start"), **DATE)
    period_end = forms.DateField(label=_label("period_end"), **DATE)
    system = SystemChoiceField(label=_label("system"), queryset=IndicatorSystem.objects.none())
    evaluator = forms.ModelChoiceField(label=_label("evaluator"), queryset=services_rounds.evaluator_organizations())
    commission_document = forms.CharField(
        label=_label("commission_document"),
        max_length=services_rounds.DOCUMENT_MAX,
        help_text=_("The number of the commission letter or contract, such as 内市监知字〔2026〕1号."),
    )
    commissioned_on = forms.DateField(label=_label("commissioned_on"), **DATE)
    fee = _ParsedField(
        services_rounds.parse_fee,
        label=_label("fee"),
        help_text=_("In yuan, with at most two decimals, such as 80000 or 3456.78."),
    )
    scoring_due_on = forms.DateField(label=_label("scoring_due_on"), **DATE)
    excellent_from = _ParsedField(
        lambda v: services_rounds.parse_points(v, name="excellent_from", default=rules.EXCELLENT_FROM),
        label=_label("excellent_from"),
        required=False,
        help_text=_("A total of at least this many points is 优秀 (default 85)."),
    )
    qualified_from = _ParsedField(
        lambda v: services_rounds.parse_points(v, name="qualified_from", default=rules.QUALIFIED_FROM),
        label=_label("qualified_from"),
        required=False,
        help_text=_("A total of at least this many points is 合格, below it 不合格 (default 60)."),
    )
    centers = CenterChoiceField(
        label=_("Centers in scope"),
        queryset=services_rounds.running_centers().order_by("prefecture__name", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Every center under construction, rectifying or accepted is ticked; untick those not evaluated."),
    )

    def __init__(self, *args, with_scope: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["system"].queryset = IndicatorSystem.objects.order_by("-version")
        if not with_scope:
            del self.fields["centers"]
            return
        running = self.fields["centers"].queryset
        shown = list(running[: SCOPE_CHOICES_SHOWN + 1])
        if len(shown) > SCOPE_CHOICES_SHOWN:  # too many to tick one by one: all of them, or none to add later
            del self.fields["centers"]
            self.fields["every_running"] = forms.BooleanField(
                label=_("Every running center (%(count)s)") % {"count": running.count()},
                required=False,
                initial=True,
                help_text=_("Untick to start with none; on the round's page centers are added by name or prefecture."),
            )
            return
        label = self.fields["centers"].label_from_instance
        self.fields["centers"].choices = [(c.pk, label(c)) for c in shown]
        if not self.is_bound:
            self.initial.setdefault("centers", [c.pk for c in shown])

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in services_rounds.FIELDS}

    def scope(self) -> list | None:
        """The centers of the new round: those ticked, or None for every running center (`round_create`)."""
        if "every_running" in self.fields:
            return None if self.cleaned_data.get("every_running") else []
        return list(self.cleaned_data.get("centers") or [])


class ScopeAddForm(StyledForm):
    """Running centers not in the round yet, to add to its scope. Shown: at most `SCOPE_CHOICES_SHOWN` of them,
    narrowed by `search` (a part of the center's or lead unit's name) and `prefecture` (a prefecture's id), with
    `more` saying how many others match; posted: any running center not in the round is accepted, whatever was
    shown."""

    centers = CenterChoiceField(
        label=_("Centers to add"), queryset=services_rounds.running_centers(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, round_=None, search: str = "", prefecture=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.search, self.prefecture, self.more, self.any_left = search, prefecture, 0, True
        self.prefectures = []  # (id, name, matching centers): the search's choices, when there is a search to make
        if round_ is None:
            return
        candidates = services_rounds.running_centers().exclude(evaluations__round=round_)
        self.fields["centers"].queryset = candidates.order_by("prefecture__name", "name")
        label = self.fields["centers"].label_from_instance
        if self.is_bound:  # shown again after a refusal: what was ticked (still a candidate) first, a page in all
            posted = self.data.getlist("centers") if hasattr(self.data, "getlist") else self.data.get("centers") or []
            ticked = [int(v) for v in posted if isinstance(v, str | int) and re.fullmatch(r"[0-9]{1,9}", str(v))]
            order = ("prefecture__name", "name", "id")
            rows = list(candidates.filter(pk__in=ticked).order_by(*order)[:SCOPE_CHOICES_SHOWN])
            rows += candidates.exclude(pk__in=ticked).order_by(*order)[: SCOPE_CHOICES_SHOWN - len(rows)]
            self.fields["centers"].choices = [(c.pk, label(c)) for c in rows]
            return
        searched = candidates
        if self.search:
            searched = searched.filter(Q(name__icontains=self.search) | Q(lead_unit__name__icontains=self.search))
        shown = searched if self.prefecture is None else searched.filter(prefecture_id=self.prefecture)
        rows = list(shown.order_by("prefecture__name", "name", "id")[: SCOPE_CHOICES_SHOWN + 1])
        if len(rows) > SCOPE_CHOICES_SHOWN or self.narrowed:
            groups = searched.order_by().values_list("prefecture_id", "prefecture__name").annotate(n=Count("id"))
            self.prefectures = sorted(groups, key=lambda group: group[1])
            matching = sum(n for pk, _name, n in self.prefectures if self.prefecture in (None, pk))
            self.more = max(0, matching - SCOPE_CHOICES_SHOWN)
        self.any_left = bool(rows) or self.narrowed
        self.fields["centers"].choices = [(c.pk, label(c)) for c in rows[:SCOPE_CHOICES_SHOWN]]

    @property
    def narrowed(self) -> bool:
        """A search or a prefecture narrows what is shown."""
        return bool(self.search) or self.prefecture is not None


class ActForm(StyledForm):
    """A round's transition; publishing takes the contact for objections."""

    contact = forms.CharField(
        label=_("Contact for objections"),
        required=False,
        max_length=200,
        help_text=_("Office, phone or address; shown on the public notice."),
    )
