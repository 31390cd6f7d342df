from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.forms import StyledForm, StyledModelForm
from apps.demands.models import Demand
from apps.reference.models import Industry

from .models import CALL_FIELDS, TOPIC_FIELDS, TOPIC_INDICATORS_MAX, Call, Topic

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CallForm(StyledModelForm):
    class Meta:
        model = Call
        fields = list(CALL_FIELDS)
        widgets = {
            "applications_open": DATE,
            "applications_close": DATE,
            "recommendation_deadline": DATE,
            "work_plan": forms.Textarea(attrs={"rows": 8}),
            "guide": forms.Textarea(attrs={"rows": 12}),
        }

    def _post_clean(self):
        # Dates and funding are checked by the service (one place for the rules and their messages).
        pass


class TopicForm(StyledModelForm):
    demands = forms.ModelMultipleChoiceField(
        label=_("Demands it came from"),
        queryset=Demand.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Adopted demands of the pool."),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required once the call is published: the change is versioned and announced publicly."),
    )

    class Meta:
        model = Topic
        fields = list(TOPIC_FIELDS)
        widgets = {"requirements": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, call=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry"].queryset = Industry.objects.filter(is_active=True)
        demands = Demand.objects.filter(status=Demand.Status.ADOPTED)
        if self.instance.pk:
            demands = demands | self.instance.demands.all()
            self.initial.setdefault("demands", list(self.instance.demands.values_list("pk", flat=True)))
        self.fields["demands"].queryset = demands.select_related("industry").distinct().order_by("industry", "title")
        self.fields["demands"].label_from_instance = lambda d: f"{d.receipt_number} {d.title}（{d.industry}）"
        if call is None or call.status == Call.Status.DRAFT:
            del self.fields["reason"]
        else:
            self.fields["reason"].required = True

    def _post_clean(self):
        pass


class IndicatorForm(StyledForm):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Indicator"), max_length=200, required=False)
    unit = forms.CharField(label=_("Unit"), max_length=32, required=False)
    minimum_target = forms.DecimalField(
        label=_("Minimum target"), max_digits=14, decimal_places=2, min_value=0, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.label:
                field.widget.attrs["placeholder"] = field.label

    def clean(self):
        data = super().clean()
        filled = [bool(data.get("name")), bool(data.get("unit")), data.get("minimum_target") is not None]
        if any(filled) and not all(filled):
            raise forms.ValidationError(_("Each indicator needs a name, a unit and a minimum target."))
        return data


IndicatorFormSet = inputs.limited_formset(
    IndicatorForm, extra=3, max_num=TOPIC_INDICATORS_MAX, label=_("Expected indicators")
)
