"""A version of a bureau document: its transition table (Art. 5(1)–(2): the regional bureau draws up the overall
plan and the management rules, the yearly work plans and the application guides).

    (region) creates ──▶ draft ──publish──▶ published ──supersede──▶ superseded
                          │                     ▲                        (stays readable, names its successor)
                          └─ delete             └── one version in force per document

- `publish`: the region publishes the document's draft; it needs its document number (文号) and its effective date
  (`has_number_and_date`; the database's check constraint `bureau_document_published_is_complete` backs it). The
  version in force, if any, is superseded in the same transaction, under a row lock on the document
  (`services_documents.draft_publish`);
- `supersede`: taken only by `draft_publish`, on the version in force, when its successor is published
  (`superseded_by` → the new version). No page offers it on its own: a document keeps a version in force.

Publishing hands work to nobody (the public site shows the new version), so neither transition notifies. A draft is
created, edited and deleted by `services_documents` (no state change). Views ask `.guard`; services call `.apply`.
Rendered in docs/workflows.md."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.policy import ALLOW, Decision, deny
from apps.core.roles import Role
from apps.core.text import shows_nothing
from apps.core.workflow import Transition, Workflow

from .models import PolicyDocumentVersion

V = PolicyDocumentVersion.Status


def has_number_and_date(version) -> Decision:
    """The version has its document number (文号) and its effective date."""
    missing = []
    if shows_nothing(version.doc_number or ""):
        missing.append(str(PolicyDocumentVersion._meta.get_field("doc_number").verbose_name))
    if version.effective_on is None:
        missing.append(str(PolicyDocumentVersion._meta.get_field("effective_on").verbose_name))
    if missing:
        return deny(
            _("A document is published with its document number and its effective date; still empty: %(fields)s.")
            % {"fields": "、".join(missing)}
        )
    return ALLOW


VERSION = Workflow(
    "policy_document_version",
    PolicyDocumentVersion,
    [
        Transition(
            "publish",
            (V.DRAFT,),
            V.PUBLISHED,
            gettext_lazy("Publish"),
            by=(Role.REGIONAL_OFFICER,),
            when=(has_number_and_date,),
            style="success",
        ),
        Transition(
            "supersede",
            (V.PUBLISHED,),
            V.SUPERSEDED,
            gettext_lazy("Supersede by the new version"),
            by=(Role.REGIONAL_OFFICER,),
            style="outline-secondary",
        ),
    ],
)
