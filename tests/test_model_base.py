"""`get_<field>_display()` from labels built once per field and language (`core.model_base.CachedChoiceLabels`):
the same text as Django's own for every choice of every field of every model, in Chinese and in English, for a
value outside the choices too; a field's choices translated again when the language changes."""

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from apps.core.model_base import CachedChoiceLabels

CHOICE_FIELDS = [
    (model, field)
    for model in apps.get_models()
    if model.__module__.startswith("apps.")
    for field in model._meta.concrete_fields
    if field.choices
]


def test_the_walk_has_fields_to_check():
    assert len(CHOICE_FIELDS) > 50


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_same_labels_as_djangos(language):
    differences = []
    with translation.override(language):
        for model, field in CHOICE_FIELDS:
            for value in [v for v, _label in field.flatchoices] + ["not-a-choice"]:
                instance = model()
                setattr(instance, field.attname, value)
                ours = CachedChoiceLabels._get_FIELD_display(instance, field)
                djangos = models.Model._get_FIELD_display(instance, field)
                if ours != djangos or type(ours) is not type(djangos):
                    differences.append((model.__name__, field.name, value, ours, djangos))
    assert not differences


def test_a_label_follows_the_active_language():
    from apps.applications.models import Application

    application = Application(status=Application.Status.DRAFT)
    with translation.override("zh-hans"):
        chinese = application.get_status_display()
    with translation.override("en"):
        english, label = application.get_status_display(), str(Application.Status.DRAFT.label)
    assert chinese != english and english == label == "Draft"
