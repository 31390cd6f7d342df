"""Conflict of interest (利益冲突回避): the one place that says whether an expert may judge an item.

Every app in which an expert acts — demands (the argument of a demand), applications (the review of an
application), later evaluations — describes its item as the organizations involved, each a `Party` (a registered
organization and/or its name as written, and its role: the submitter of a demand, the lead unit, a partner, the
evaluated center), and asks this module each time the expert acts: when assigned, when opening the item and when
giving an opinion or a score. It never imports those apps.

An expert has a conflict with a party when
- DECLARED: the expert declared a conflict with it (`ExpertConflict`: a registered organization, or a name as
  written when it is not registered) — the declaration's own reason is quoted;
- SAME_ORGANIZATION: it is the expert's employer (`ExpertProfile.affiliation`, or the affiliation as written);
- FORMER_EMPLOYER: the expert worked there until a date less than `rules.FORMER_EMPLOYER_YEARS` years before
  the day of the act (`ExpertEmployment`; the anniversary day itself still conflicts).
A party matches an organization when both are registered and are the same row, or when their names are equal
after `normalise_name` (so a demand sent through the public form by “内蒙古大学 ” matches an affiliation written
“内蒙古大学”).

Pure part (no database; tests in `tests/test_conflicts.py`): `normalise_name`, `same_organization`,
`within_period`, `find(facts, parties, on=…)`. Database part: `facts_for(user)` / `facts_by_user(users)` read the
expert's profile, declarations and employment history; `conflicts`, `reason`, `decision` and `require_free` answer
for one expert and one item (the date is `apps.core.clock.today()`).

A conflict found after assignment. The app owning an assignment registers, in its AppConfig.ready(), how to find an
expert's open assignments, the parties of one and how to exclude one (`register_assignments`). The accounts
services call `exclude_open_assignments(expert)` in the same transaction as anything that can create a conflict
(declaring one, changing the affiliation, adding a former employer): each open assignment that now conflicts moves
to its excluded state at once, with the conflict (for a declaration: the declaration) as its reason, audited, and
the officers are told by the owning app. Because data can also change outside those services (and assignments
made before this rule existed), the owning apps also check at every act of the expert and exclude then.
"""

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import clock, dates
from apps.core.errors import DomainError
from apps.core.policy import ALLOW, Decision, deny

from . import rules

# ---------------------------------------------------------------- the parties of an item

SUBMITTER = "submitter"  # the organization that submitted a demand
LEAD_UNIT = "lead_unit"  # the lead unit of an application (牵头单位)
PARTNER = "partner"  # a partner organization of an application (合作单位)
EVALUATED_CENTER = "evaluated_center"  # the center under evaluation (later)

ROLE_LABELS = {
    SUBMITTER: gettext_lazy("the organization that submitted the demand"),
    LEAD_UNIT: gettext_lazy("the lead unit"),
    PARTNER: gettext_lazy("a partner organization"),
    EVALUATED_CENTER: gettext_lazy("the evaluated center"),
}


@dataclass(frozen=True)
class Party:
    """An organization involved in an item: registered (`organization_id`) and/or as written (`name`)."""

    role: str
    organization_id: int | None = None
    name: str = ""

    @classmethod
    def of(cls, organization, role: str) -> "Party":
        return cls(role, organization.pk, organization.name)

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS.get(self.role, self.role))


# ---------------------------------------------------------------- what is known of the expert


@dataclass(frozen=True)
class Declaration:
    organization_id: int | None
    name: str
    reason: str


@dataclass(frozen=True)
class FormerEmployment:
    organization_id: int | None
    name: str
    until: date


@dataclass(frozen=True)
class ExpertFacts:
    """What the rule needs to know of an expert. `affiliation_names`: the registered employer's name and the
    affiliation as the expert wrote it."""

    name: str
    affiliation_id: int | None = None
    affiliation_names: tuple[str, ...] = ()
    declarations: tuple[Declaration, ...] = ()
    former_employments: tuple[FormerEmployment, ...] = ()


# ---------------------------------------------------------------- the answer

DECLARED = "declared"
SAME_ORGANIZATION = "same_organization"
FORMER_EMPLOYER = "former_employer"
KINDS = (DECLARED, SAME_ORGANIZATION, FORMER_EMPLOYER)  # in this order: the first found gives the reason


@dataclass(frozen=True)
class Conflict:
    kind: str
    party: Party
    reason: str  # a whole Chinese sentence naming the expert, the organization and its role

    def __str__(self):
        return self.reason


# ---------------------------------------------------------------- pure functions

_DROPPED_CATEGORIES = ("P", "S", "Z", "C")  # punctuation, symbols, separators (spaces), control characters


def normalise_name(name: str | None) -> str:
    """An organization name as a comparison key: Unicode NFKC (full-width letters, digits, brackets and spaces
    become half-width), case folded, without spaces, punctuation or symbols. “内蒙古大学 ”, “内蒙古　大学”,
    “内蒙古大学。” are one key; “（内蒙古）稀土研究院” and “(内蒙古)稀土研究院” too; “内蒙古工业大学” stays another."""
    text = unicodedata.normalize("NFKC", name or "").casefold()
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith(_DROPPED_CATEGORIES))


def same_organization(party: Party, organization_id: int | None, *names: str) -> bool:
    """Is `party` the organization given by id and/or names? Same registered row, or equal normalised names."""
    if party.organization_id is not None and organization_id is not None and party.organization_id == organization_id:
        return True
    key = normalise_name(party.name)
    return bool(key) and any(normalise_name(name) == key for name in names)


def within_period(until: date, on: date, years: int = rules.FORMER_EMPLOYER_YEARS) -> bool:
    """Did an employment that ended on `until` end less than `years` years before `on`? True up to and including
    the anniversary day (left 2023-06-30: conflicted on 2026-06-30, free on 2026-07-01); also true for an end date
    still to come."""
    return on <= dates.add_years(until, years)


def _label(party: Party, fallback: str) -> str:
    return (party.name or "").strip() or fallback


def find(expert: ExpertFacts, parties: Iterable[Party], *, on: date, years: int | None = None) -> list[Conflict]:
    """Every conflict of `expert` with `parties` on the day `on`: declarations first, then the employer, then former
    employers within the period; within a kind, in the order of `parties`. Empty: the expert is free."""
    years = rules.FORMER_EMPLOYER_YEARS if years is None else years
    parties = list(parties)
    found: dict[str, list[Conflict]] = {kind: [] for kind in KINDS}
    for party in parties:
        for declaration in expert.declarations:
            if same_organization(party, declaration.organization_id, declaration.name):
                reason = _(
                    "%(expert)s declared a conflict of interest with %(organization)s (%(role)s): %(reason)s"
                ) % {
                    "expert": expert.name,
                    "organization": _label(party, declaration.name),
                    "role": party.role_label,
                    "reason": declaration.reason,
                }
                found[DECLARED].append(Conflict(DECLARED, party, reason))
                break
        if same_organization(party, expert.affiliation_id, *expert.affiliation_names):
            reason = _("%(expert)s works at %(organization)s (%(role)s): a conflict of interest.") % {
                "expert": expert.name,
                "organization": _label(party, next(iter(expert.affiliation_names), "")),
                "role": party.role_label,
            }
            found[SAME_ORGANIZATION].append(Conflict(SAME_ORGANIZATION, party, reason))
        for employment in expert.former_employments:
            if within_period(employment.until, on, years) and same_organization(
                party, employment.organization_id, employment.name
            ):
                reason = _(
                    "%(expert)s worked at %(organization)s (%(role)s) until %(until)s, less than %(years)s years "
                    "ago: a conflict of interest."
                ) % {
                    "expert": expert.name,
                    "organization": _label(party, employment.name),
                    "role": party.role_label,
                    "until": employment.until.isoformat(),
                    "years": years,
                }
                found[FORMER_EMPLOYER].append(Conflict(FORMER_EMPLOYER, party, reason))
                break
    return [conflict for kind in KINDS for conflict in found[kind]]


# ---------------------------------------------------------------- reading the expert from the database


def facts_by_user(users: Iterable, *, profiles_loaded: bool = False) -> dict[int, ExpertFacts]:
    """The facts of several experts in three queries (a user without an expert profile: nothing known but the
    name); two when the users were just read with `select_related("expert_profile__affiliation")`
    (`profiles_loaded`)."""
    from .models import ExpertConflict, ExpertEmployment, ExpertProfile

    users = list(users)
    ids = [user.pk for user in users]
    if profiles_loaded:
        profiles = {user.pk: user.expert_profile for user in users if hasattr(user, "expert_profile")}
    else:
        profiles = {
            profile.user_id: profile
            for profile in ExpertProfile.objects.filter(user_id__in=ids).select_related("affiliation")
        }
    declarations = defaultdict(list)
    for row in ExpertConflict.objects.filter(expert__user_id__in=ids).select_related("organization", "expert"):
        declarations[row.expert.user_id].append(Declaration(row.organization_id, row.organization_label, row.reason))
    employments = defaultdict(list)
    for row in ExpertEmployment.objects.filter(expert__user_id__in=ids).select_related("organization", "expert"):
        employments[row.expert.user_id].append(FormerEmployment(row.organization_id, row.organization_label, row.until))
    facts = {}
    for user in users:
        profile = profiles.get(user.pk)
        names: tuple[str, ...] = ()
        if profile is not None:
            written = (profile.affiliation_name or "").strip()
            registered = profile.affiliation.name if profile.affiliation_id else ""
            names = tuple(name for name in (registered, written) if name)
        facts[user.pk] = ExpertFacts(
            name=user.display_name,
            affiliation_id=profile.affiliation_id if profile is not None else None,
            affiliation_names=names,
            declarations=tuple(declarations[user.pk]),
            former_employments=tuple(employments[user.pk]),
        )
    return facts


def facts_for(user) -> ExpertFacts:
    """The expert's facts as stored now (read afresh: a cached `user.expert_profile` may be stale)."""
    return facts_by_user([user])[user.pk]


def conflicts(expert, parties: Iterable[Party], *, on: date | None = None) -> list[Conflict]:
    """Every conflict of this expert (a user) with the parties of an item, today (business clock)."""
    return find(facts_for(expert), parties, on=on or clock.today())


def reason(expert, parties: Iterable[Party], *, on: date | None = None) -> str:
    """The reason this expert must not judge the item, "" when free."""
    found = conflicts(expert, parties, on=on)
    return found[0].reason if found else ""


def decision(expert, parties: Iterable[Party], *, on: date | None = None) -> Decision:
    """As a Decision (policies and transition conditions): refused with the conflict's reason."""
    text = reason(expert, parties, on=on)
    return deny(text) if text else ALLOW


def require_free(expert, parties: Iterable[Party], *, on: date | None = None) -> None:
    """In services: a DomainError (code "conflict_of_interest") with the reason when the expert is conflicted."""
    text = reason(expert, parties, on=on)
    if text:
        raise DomainError(text, code="conflict_of_interest")


# ---------------------------------------------------------------- open assignments (registry)


@dataclass(frozen=True)
class AssignmentKind:
    """Where experts hold assignments, registered by the app that owns them.

    open_for(expert) -> iterable: the expert's assignments still open (an opinion or score may still be given);
    parties(assignment) -> list[Party]: the organizations involved;
    exclude(assignment, conflict, actor): move it to its excluded state with `conflict.reason`, audited, and tell
    whoever manages it (the owning app's service; runs inside the caller's transaction)."""

    name: str
    open_for: Callable[..., Iterable]
    parties: Callable[..., list[Party]]
    exclude: Callable[..., object]


_kinds: dict[str, AssignmentKind] = {}


def register_assignments(
    name: str,
    *,
    open_for: Callable[..., Iterable],
    parties: Callable[..., list[Party]],
    exclude: Callable[..., object],
) -> AssignmentKind:
    """Register (or re-register) a kind of assignment, e.g. "applications.review", in the owning AppConfig.ready()."""
    kind = AssignmentKind(name, open_for, parties, exclude)
    _kinds[name] = kind
    return kind


def unregister_assignments(name: str) -> None:
    _kinds.pop(name, None)


def registered() -> list[AssignmentKind]:
    return list(_kinds.values())


def exclude_open_assignments(expert, *, actor=None, on: date | None = None) -> list[tuple[str, object, Conflict]]:
    """Exclude every open assignment of `expert` that conflicts now; returns (kind, assignment, conflict) for each.
    Call it inside the transaction of whatever may have created a conflict."""
    facts = facts_for(expert)
    on = on or clock.today()
    excluded = []
    for kind in registered():
        for assignment in list(kind.open_for(expert)):
            found = find(facts, kind.parties(assignment), on=on)
            if found:
                kind.exclude(assignment, found[0], actor or expert)
                excluded.append((kind.name, assignment, found[0]))
    return excluded
