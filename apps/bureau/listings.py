"""The bureau's lists as `apps.core.listing.Listing`s: what each filters, how it sorts, and the columns its page
shows and its .xlsx exports (the same ones)."""

from dataclasses import replace

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.listing import Column, Listing, Sort, local_time

from . import filters


def _in_force(document) -> str:
    """ "Version N · doc number · in force from date" of the published version (`open_versions`, prefetched by
    `selectors_documents.library`), or ""."""
    for version in document.open_versions:
        if version.status == "published":
            return gettext("Version %(n)s · %(doc_number)s · in force from %(date)s") % {
                "n": version.number,
                "doc_number": version.doc_number,
                "date": f"{version.effective_on:%Y-%m-%d}" if version.effective_on else "",
            }
    return ""


def _draft(document) -> str:
    for version in document.open_versions:
        if version.status == "draft":
            return gettext("Draft of version %(n)s") % {"n": version.number}
    return ""


DOCUMENTS = Listing(
    name="documents",
    title=_("Plans and rules"),
    filterset=filters.DocumentFilter,
    sorts={
        "kind": Sort(("kind", "title", "id")),
        "title": Sort(("title", "id")),
        "created": Sort(("created_at", "id")),
    },
    default_sort="kind",
    columns=(
        Column(_("Kind"), lambda d: d.get_kind_display(), sort="kind", width=14),
        Column(_("Title"), lambda d: d.title, sort="title", width=40),
        Column(_("Version in force"), _in_force, width=40),
        Column(_("Draft"), _draft, width=16),
    ),
    per_page=20,
)


def _proposed_by(showcase) -> str:
    return showcase.proposed_by.name if showcase.proposed_by_id else gettext("The regional bureau")


SHOWCASES = Listing(
    name="showcases",
    title=_("Good practice"),
    filterset=filters.ShowcaseFilter,
    sorts={
        # `waiting` (0 for a proposal) is annotated by `selectors_showcases.showcase_list`: proposals first.
        "waiting": Sort(("waiting", "-updated_at", "-id")),
        "title": Sort(("title", "id")),
        "status": Sort(("status", "-updated_at", "-id"), desc=("-status", "-updated_at", "-id")),
        "updated": Sort(("updated_at", "id")),
    },
    default_sort="waiting",
    columns=(
        Column(_("Title"), lambda s: s.title, sort="title", width=40),
        Column(_("Center"), lambda s: s.center.name if s.center_id else "", width=30),
        Column(_("Status"), lambda s: s.get_status_display(), sort="status", width=12),
        Column(_("Proposed by"), _proposed_by, width=24),
        Column(_("Updated"), lambda s: local_time(s.updated_at), sort="updated", width=18),
    ),
    per_page=20,
)


_UNIT = Column(_("Unit"), lambda q: q.organization.name, width=30)

QUESTIONS = Listing(
    name="questions",
    title=_("Policy questions"),
    filterset=filters.QuestionFilter,
    sorts={
        # `waiting` (0 for a question not answered yet) is annotated by `selectors_questions.question_list`.
        "waiting": Sort(("waiting", "-asked_at", "-id")),
        "subject": Sort(("subject", "id")),
        "status": Sort(("status", "-asked_at", "-id"), desc=("-status", "-asked_at", "-id")),
        "asked": Sort(("asked_at", "id")),
    },
    default_sort="waiting",
    columns=(
        Column(_("Question subject"), lambda q: q.subject, sort="subject", width=40),
        Column(_("Article"), lambda q: q.article, width=12),
        _UNIT,
        Column(_("Asked by"), lambda q: str(q.asked_by), width=16),
        Column(_("Status"), lambda q: q.get_status_display(), sort="status", width=12),
        Column(_("Asked at"), lambda q: local_time(q.asked_at), sort="asked", width=18),
    ),
    per_page=20,
)

# A unit sees only its own questions: the same list without the unit's column.
QUESTIONS_UNIT = replace(QUESTIONS, columns=tuple(column for column in QUESTIONS.columns if column is not _UNIT))
