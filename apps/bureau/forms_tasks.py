"""Assigned tasks' forms: the region's task (title, requirements, deadline), its issue (the offices: one, several or
all of the 14 prefectures, with an "all" box), the return's reasons; an office's progress report and result. Empty
texts, a past deadline and no office are the service's to refuse (its Chinese message above the fields, everything
typed kept); the lengths are the model's."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import inputs
from apps.core.forms import StyledForm

from .models import AssignedTask, TaskAssignment, TaskProgress


def _max(model, name: str) -> int:
    return inputs.limit_of(model._meta.get_field(name))


def prefecture_choices() -> list[tuple[str, str]]:
    from apps.reference.models import Prefecture

    return [(str(p.pk), p.name) for p in Prefecture.objects.order_by("code")]


class TaskForm(StyledForm):
    title = forms.CharField(label=_("Title"), required=False, max_length=_max(AssignedTask, "title"))
    requirements = forms.CharField(
        label=_("Task requirements"),
        required=False,
        max_length=_max(AssignedTask, "requirements"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the offices are to do and what result they submit."),
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        validators=[inputs.BUSINESS_DATES],
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Today or later."),
    )

    @classmethod
    def of(cls, task, data=None):
        return cls(data, initial={"title": task.title, "requirements": task.requirements, "deadline": task.deadline})


class IssueForm(StyledForm):
    everyone = forms.BooleanField(label=_("All prefecture offices"), required=False)
    prefectures = forms.MultipleChoiceField(
        label=_("Prefecture offices"),
        required=False,
        choices=(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "prefectures"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prefectures"].choices = prefecture_choices()

    def chosen(self, data) -> list[str]:
        if data.get("everyone"):
            return [value for value, _label in self.fields["prefectures"].choices]
        return list(data.get("prefectures") or [])


class ProgressForm(StyledForm):
    text = forms.CharField(
        label=_("Progress"),
        required=False,
        max_length=_max(TaskProgress, "text"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResultForm(StyledForm):
    result = forms.CharField(
        label=_("Task result"),
        required=False,
        max_length=_max(TaskAssignment, "result"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What your office has done; attach the evidence files above before submitting."),
    )


class ReasonForm(StyledForm):
    reason = forms.CharField(
        label=_("Reasons for return"),
        required=False,
        max_length=inputs.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
