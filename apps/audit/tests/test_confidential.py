"""Issue 13 §5, separation of duties: the audit administrator sees who did what to which object, when, from where
and which fields changed, but the values of confidential fields are masked in the list and the export; the
stored entry and the chain keep everything. What is confidential is declared by the owning apps in one registry
(apps/audit/confidential.py) — these tests walk it and every model field that names a score or an opinion."""

import io
import json
import re

import pytest
from django.apps import apps
from django.urls import reverse
from openpyxl import load_workbook

from apps.audit import confidential
from apps.audit import services as audit
from apps.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
SECRET = "机密值-7391"


def _list_html(client):
    return client.get(reverse("audit:list")).content.decode()


def _export_text(client):
    sheet = load_workbook(io.BytesIO(client.get(reverse("audit:export")).content)).active
    return json.dumps([list(row) for row in sheet.iter_rows(values_only=True)], ensure_ascii=False, default=str)


def test_an_experts_score_change_shows_which_fields_changed_not_the_values(world, client_for):
    """The instance reported: the audit administrator read an expert's score change 55.00→70.00 with the opinion."""
    expert = world.user("expert")
    entry = audit.record(
        "review.submit",
        object_type="applications.review",
        object_id=7,
        object_repr="稀土中心 · 专家甲",
        before={"status": "assigned", "total": "55.00", "comment": "旧的评审意见"},
        after={"status": "submitted", "total": "70.00", "comment": "技术路线清晰，建议立项"},
        actor=expert,
    )
    client = client_for("audit_admin")
    for shown in (_list_html(client), _export_text(client)):
        assert "55.00" not in shown and "70.00" not in shown
        assert "旧的评审意见" not in shown and "技术路线清晰" not in shown
        assert "total" in shown and "comment" in shown  # which fields changed
        assert "submitted" in shown and expert.username in shown  # who did what
        assert "保密" in shown
    entry.refresh_from_db()
    assert entry.after["total"] == "70.00" and audit.verify() is None  # stored whole, the chain covers it


def _sample_entries():
    """One entry per registered rule, each confidential value the same recognisable secret."""
    made = []
    registry = confidential.registered()
    for object_type, rule in registry["object_type"].items():
        fields = sorted((rule.fields - confidential.ALL) | {"content_field"} if "*" in rule.fields else rule.fields)
        values = dict.fromkeys(fields, SECRET) | {name: f"shown-{name}" for name in rule.visible}
        made.append(
            (
                rule,
                audit.record(
                    f"{object_type.split('.')[1]}.update",
                    object_type=object_type,
                    object_id=1,
                    before=values,
                    after=values,
                    message=SECRET if rule.message else "ok",
                ),
            )
        )
    for action, rule in registry["action"].items():
        values = dict.fromkeys(rule.fields - confidential.ALL, SECRET)
        made.append((rule, audit.record(action, object_type="x.y", object_id=1, after=values, message="ok")))
    return made


def test_every_registered_rule_masks_in_the_list_and_the_export(world, client_for):
    made = _sample_entries()
    assert made
    client = client_for("audit_admin")
    for shown in (_list_html(client), _export_text(client)):
        assert SECRET not in shown
        for rule, _entry in made:
            for name in rule.visible:
                assert f"shown-{name}" in shown  # what is not confidential stays readable
    assert AuditEntry.objects.filter(after__isnull=False).count() >= len(made)
    assert audit.verify() is None


def test_the_owning_apps_declare_their_confidential_data():
    registry = confidential.registered()
    for label in ("applications.application", "applications.review", "applications.score", "demands.argument"):
        assert label in registry["object_type"], label
    assert "ranking" in registry["action"]["review_panel.ranking"].fields


SCORE_OR_OPINION = re.compile(r"(score|total|opinion|comment|influence|industry_pull|breadth|rank)")


def test_every_field_holding_a_score_or_an_opinion_is_masked():
    """A model added later with a score or an opinion fails here until its app registers it."""
    registry = confidential.registered()["object_type"]
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("apps."):
            continue
        label = model._meta.label_lower
        for field in model._meta.concrete_fields:
            if SCORE_OR_OPINION.search(field.name) and not (label in registry and registry[label].masks(field.name)):
                missing.append(f"{label}.{field.name}")
    assert not missing, f"confidential fields not registered with apps.audit.confidential: {missing}"


def test_an_entry_with_nothing_confidential_is_shown_as_stored(world, client_for):
    audit.record("organization.approve", world.org, after={"status": "approved"}, message="材料齐全")
    html = _list_html(client_for("audit_admin"))
    assert "材料齐全" in html and "approved" in html
