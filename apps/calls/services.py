"""Writes to calls and topics (Art. 5(2), 8, 11).

A draft is edited freely by the regional bureau. Once published, a topic changes only through a versioned,
announced change with a reason (TopicVersion + Announcement); the call's dates and texts are frozen. Dates are
enforced here whatever the stored status: see `call_require_open`."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.core import clock, inputs
from apps.core.errors import ConcurrentChange, DomainError, full_clean
from apps.core.policy import require
from apps.core.roles import Role
from apps.demands.models import Demand
from apps.notifications import services as notifications
from apps.portal import services as portal
from apps.portal.models import Announcement

from . import policies, rules
from .models import CALL_FIELDS, TOPIC_FIELDS, TOPIC_INDICATORS_MAX, Call, Topic, TopicIndicator, TopicVersion
from .workflow import CALL

NAME_MAX = TopicIndicator._meta.get_field("name").max_length
UNIT_MAX = TopicIndicator._meta.get_field("unit").max_length


def _only_fields(values: dict, fields) -> dict:
    """The fields the bureau edits, as one list (models.CALL_FIELDS / TOPIC_FIELDS, which the forms use too): any
    other key is a programming error, not input."""
    unknown = set(values) - set(fields)
    if unknown:
        raise TypeError(f"not editable here: {sorted(unknown)}")
    return dict(values)


def _refuse(problems) -> None:
    if problems:
        raise DomainError(" ".join(str(p) for p in problems))


def _lock(call: Call) -> Call:
    return Call.objects.select_for_update().get(pk=call.pk)


# ---------------------------------------------------------------- the call


def call_create(officer, **values) -> Call:
    require(policies.can_manage(officer))
    values = inputs.parse_values(Call, _only_fields(values, CALL_FIELDS))
    _refuse(rules.year_problems(values.get("year"), values.get("applications_open")))
    _refuse(
        rules.date_problems(
            values.get("applications_open"), values.get("applications_close"), values.get("recommendation_deadline")
        )
    )
    _refuse(rules.funding_problems(values.get("funding_available"), []))
    with transaction.atomic():
        call = Call(created_by=officer, **values)
        full_clean(call)
        call.save()
        audit.record("call.create", call, after=audit.snapshot(call), actor=officer)
    return call


def call_update(officer, call: Call, **values) -> Call:
    """Edit a draft. A published call's texts and dates are not changed silently: refused here."""
    require(policies.can_manage(officer, call))
    values = inputs.parse_values(Call, _only_fields(values, CALL_FIELDS))
    with transaction.atomic():
        locked = _lock(call)
        if locked.status != Call.Status.DRAFT:
            raise DomainError(
                _(
                    "The call has been published: its guide and dates can no longer be edited. Topic changes go "
                    "through a versioned, announced change."
                )
            )
        before = audit.snapshot(locked)
        for name, value in values.items():
            setattr(locked, name, value)
        _refuse(rules.year_problems(locked.year, locked.applications_open))
        _refuse(
            rules.date_problems(locked.applications_open, locked.applications_close, locked.recommendation_deadline)
        )
        _refuse(rules.funding_problems(locked.funding_available, [t.funding_cap for t in locked.topics.all()]))
        full_clean(locked)
        locked.save()
        old, new = audit.changed(before, audit.snapshot(locked))
        audit.record("call.update", locked, before=old, after=new, actor=officer)
    return locked


def _call_announcement_body(call: Call) -> str:
    lines = [
        _("The %(year)s call for Inner Mongolia high-value patent cultivation centers is published.")
        % {"year": call.year},
        "",
        _("Applications: %(open)s to %(close)s (inclusive). Prefecture offices recommend by %(deadline)s.")
        % {
            "open": call.applications_open.isoformat(),
            "close": call.applications_close.isoformat(),
            "deadline": call.recommendation_deadline.isoformat(),
        },
        _("Funding available: %(amount)s yuan.") % {"amount": f"{call.funding_available:,.2f}"},
        "",
        _("Topics:"),
    ]
    for topic in call.topics.select_related("industry"):
        lines.append(f"{topic.number}. {topic.title}（{topic.industry.name}）")
    lines += ["", _("The guide, the topics' requirements and indicators are on the call's page.")]
    return "\n".join(lines)


def call_publish(officer, call: Call) -> Call:
    """Publish a draft (dates, topics, indicators and funding checked under the row lock) and announce it.
    Prefecture offices are told to organize applications (Art. 11); unit administrators and the accounts
    whose demands became topics are told too."""
    with transaction.atomic():
        call = CALL.apply(officer, call, "publish", changes={"published_at": clock.now()})
        portal.announcement_publish(
            officer,
            kind=Announcement.Kind.CALL,
            title=_("%(title)s: call published") % {"title": call.title},
            body=_call_announcement_body(call),
            subject=call,
        )
        users = get_user_model().objects.filter(is_active=True)
        unit_admins = users.filter(role=Role.UNIT_ADMIN, organization__status="approved")
        notifications.notify(
            unit_admins,
            _("New call open for applications: %(title)s") % {"title": call.title},
            url=call.get_absolute_url(),
            subject=call,
        )
        submitters = users.filter(pk__in=Demand.objects.filter(topics__call=call).values("submitted_by"))
        notifications.notify(
            submitters,
            _("Your demand became a topic of the call “%(title)s”") % {"title": call.title},
            url=call.get_absolute_url(),
            subject=call,
        )
    return call


def call_close_applications(user, call: Call) -> Call:
    return CALL.apply(user, call, "close_applications")


def call_close_due(now=None) -> list[Call]:
    """For the periodic job: move every published call whose closing day is over to applications_closed.
    Idempotent; a call closed meanwhile by an officer is skipped."""
    today = clock.today(now)
    closed = []
    for call in Call.objects.filter(status=Call.Status.PUBLISHED, applications_close__lt=today):
        try:
            closed.append(CALL.apply(None, call, "close_applications", reason=_("Closing day passed.")))
        except ConcurrentChange:
            continue
    return closed


def call_start_review(officer, call: Call) -> Call:
    return CALL.apply(officer, call, "start_review")


def call_conclude(officer, call: Call) -> Call:
    return CALL.apply(officer, call, "conclude")


def call_require_open(call: Call, now=None) -> None:
    """For the applications app: refuse with a clear message unless the call accepts applications at `now`.
    The dates decide, not only the stored status."""
    now = now or clock.now()
    if call.is_open_for_applications(now):
        return
    today = timezone.localdate(now)
    if call.status == Call.Status.DRAFT:
        raise DomainError(_("This call has not been published."))
    if today > call.applications_close or call.status != Call.Status.PUBLISHED:
        raise DomainError(
            _("Applications to this call closed on %(date)s; nothing is accepted after the window closes.")
            % {"date": call.applications_close.isoformat()}
        )
    raise DomainError(_("Applications to this call open on %(date)s.") % {"date": call.applications_open.isoformat()})


# ---------------------------------------------------------------- topics


def _clean_indicators(indicators) -> list[dict]:
    cleaned = []
    for row in indicators or []:
        name = inputs.normalised_text(row.get("name"), single_line=True)
        unit = inputs.normalised_text(row.get("unit"), single_line=True)
        target = row.get("minimum_target")
        if not name and not unit and target in (None, ""):
            continue
        if not name or not unit or target in (None, ""):
            raise DomainError(_("Each indicator needs a name, a unit and a minimum target."))
        inputs.check_length(name, limit=NAME_MAX, label=_("Indicator"))  # refused, never cut
        inputs.check_length(unit, limit=UNIT_MAX, label=_("Unit"))
        label = _("The minimum target of “%(name)s”") % {"name": name}
        target = inputs.parse_decimal(target, label=label, minimum=0)  # strictly: "1_0" is not a number
        cleaned.append({"id": row.get("id") or None, "name": name, "unit": unit, "minimum_target": target})
    inputs.check_rows(cleaned, limit=TOPIC_INDICATORS_MAX, label=_("Expected indicators"))
    return cleaned


def _check_demands(demands) -> list[Demand]:
    demands = list(demands or [])
    for demand in demands:
        if demand.status != Demand.Status.ADOPTED:
            raise DomainError(
                _("Only adopted demands can be linked to a topic: “%(title)s” is %(status)s.")
                % {"title": demand.title, "status": demand.get_status_display()}
            )
    return demands


def _check_topic_values(values: dict) -> dict:
    values = inputs.parse_values(Topic, _only_fields(values, TOPIC_FIELDS))
    for name in ("title", "technical_field", "requirements"):
        if isinstance(values.get(name), str):  # title and technical field: CharFields, on one line as stored
            values[name] = inputs.normalised_text(values[name], single_line=name != "requirements")
    industry = values.get("industry")
    if industry is None or not industry.is_active:
        raise DomainError(_("Please choose an industry from the catalogue."))
    cap = values.get("funding_cap")
    if cap is None or cap <= 0:
        raise DomainError(_("The funding cap must be more than zero."))
    return values


def _write_topic(topic: Topic, values: dict, indicators: list[dict], demands: list[Demand]) -> Topic:
    """Save the topic and bring its indicators in line with `indicators`: a row with the `id` of an existing
    indicator updates it in place (applications may refer to it), other rows are added, missing ones removed."""
    for name, value in values.items():
        setattr(topic, name, value)
    full_clean(topic)
    topic.save()
    existing = {i.pk: i for i in topic.indicators.all()}
    kept = set()
    for order, row in enumerate(indicators):
        indicator = existing.get(row.get("id"))
        if indicator is None:
            indicator = TopicIndicator(topic=topic)
        indicator.name, indicator.unit, indicator.minimum_target = row["name"], row["unit"], row["minimum_target"]
        indicator.order = order
        indicator.save()
        kept.add(indicator.pk)
    for pk, indicator in existing.items():
        if pk not in kept:
            try:
                with transaction.atomic():
                    indicator.delete()
            except ProtectedError as exc:
                raise DomainError(
                    _("The indicator “%(name)s” is used by applications and cannot be removed; change it instead.")
                    % {"name": indicator.name}
                ) from exc
    topic.demands.set(demands)
    return topic


def _check_funding(call: Call, topic_pk, new_cap) -> None:
    caps = [t.funding_cap for t in call.topics.exclude(pk=topic_pk)] + [new_cap]
    _refuse(rules.funding_problems(call.funding_available, caps))


def _editable_or_refuse(call: Call, reason: str) -> bool:
    """True if the change must be versioned (published call); refuses otherwise-impossible changes."""
    decision = policies.can_change_topics(call)
    if not decision:
        raise DomainError(decision.reason)
    if call.status == Call.Status.DRAFT:
        return False
    if not inputs.normalised_text(reason):
        raise DomainError(
            _("The call has been published: a topic change must give a reason; it is versioned and announced.")
        )
    return True


def topic_create(officer, call: Call, *, values: dict, indicators=(), demands=(), reason: str = "") -> Topic:
    """Add a topic; to a published call only with a reason, as a versioned and announced change."""
    require(policies.can_manage(officer, call))
    reason = inputs.normalised_text(reason)
    values = _check_topic_values(values)
    indicators = _clean_indicators(indicators)
    demands = _check_demands(demands)
    with transaction.atomic():
        locked = _lock(call)
        versioned = _editable_or_refuse(locked, reason)
        if versioned and not indicators:
            raise DomainError(_("A topic of a published call needs at least one expected indicator."))
        _check_funding(locked, None, values["funding_cap"])
        number = (locked.topics.aggregate(n=Max("number"))["n"] or 0) + 1
        topic = _write_topic(Topic(call=locked, number=number), values, indicators, demands)
        after = topic.snapshot()
        audit.record("topic.create", topic, after=after, message=reason, actor=officer)
        if versioned:
            _record_version(officer, locked, topic, TopicVersion.Change.ADDED, None, after, reason)
    return topic


def topic_update(officer, topic: Topic, *, values: dict, indicators=(), demands=None, reason: str = "") -> Topic:
    """Change a topic. In a draft: freely. In a published call: only with a reason; the old and new topic are
    kept (TopicVersion), the call's version goes up and an announcement says what changed. A change that
    changes nothing is refused. `demands` None keeps the linked demands."""
    require(policies.can_manage(officer, topic.call))
    reason = inputs.normalised_text(reason)
    values = _check_topic_values(values)
    indicators = _clean_indicators(indicators)
    demands = _check_demands(demands) if demands is not None else list(topic.demands.all())
    with transaction.atomic():
        call = _lock(topic.call)
        topic = Topic.objects.select_for_update().get(pk=topic.pk)
        versioned = _editable_or_refuse(call, reason)
        if versioned and not indicators:
            raise DomainError(_("A topic of a published call needs at least one expected indicator."))
        _check_funding(call, topic.pk, values["funding_cap"])
        before = topic.snapshot()
        topic = _write_topic(topic, values, indicators, demands)
        after = topic.snapshot()
        if before == after:
            raise DomainError(_("Nothing has changed."))
        audit.record("topic.update", topic, before=before, after=after, message=reason, actor=officer)
        if versioned:
            _record_version(officer, call, topic, TopicVersion.Change.CHANGED, before, after, reason)
    return topic


def topic_delete(officer, topic: Topic) -> None:
    """Only from a draft: a published topic stays (applicants may rely on it); change it with a reason instead."""
    require(policies.can_manage(officer, topic.call))
    with transaction.atomic():
        call = _lock(topic.call)
        if call.status != Call.Status.DRAFT:
            raise DomainError(
                _("A published topic cannot be removed; change it with a reason instead (the change is announced).")
            )
        before = topic.snapshot()
        pk = topic.pk
        topic.demands.clear()
        topic.delete()
        audit.record(
            "topic.delete",
            None,
            before=before,
            actor=officer,
            object_type="calls.topic",
            object_id=pk,
            object_repr=before["title"],
        )


FIELD_LABELS = {
    "title": lambda: _("Topic"),
    "industry": lambda: _("Industry"),
    "technical_field": lambda: _("Technical field"),
    "requirements": lambda: _("Construction requirements"),
    "funding_cap": lambda: _("Funding cap (yuan)"),
    "demands": lambda: _("Demands it came from"),
    "indicators": lambda: _("Expected indicators"),
}


def describe_change(before: dict | None, after: dict) -> list[str]:
    """Readable lines for the announcement: short fields as old → new, long texts as “revised”."""
    if before is None:
        return [_("New topic %(number)s: %(title)s") % {"number": after["number"], "title": after["title"]}]
    lines = []
    for key, label in FIELD_LABELS.items():
        if before.get(key) == after.get(key):
            continue
        if key in ("title", "industry", "technical_field", "funding_cap"):
            lines.append(f"{label()}：{before.get(key)} → {after.get(key)}")
        elif key == "indicators":
            text = "；".join(f"{i['name']} ≥ {i['minimum_target']} {i['unit']}" for i in after[key])
            lines.append(f"{label()}：{text}")
        else:
            lines.append(_("%(label)s revised") % {"label": label()})
    return lines


def _record_version(officer, call: Call, topic: Topic, change, before, after, reason: str) -> TopicVersion:
    reason = inputs.normalised_text(reason)
    call.version += 1
    call.save(update_fields=["version", "updated_at"])
    body = "\n".join(
        [
            _("The regional bureau has changed the published call “%(call)s” (version %(version)s).")
            % {"call": call.title, "version": call.version},
            "",
            _("Topic %(number)s: %(title)s") % {"number": topic.number, "title": topic.title},
            *describe_change(before, after),
            "",
            _("Reason: %(reason)s") % {"reason": reason},
        ]
    )
    announcement = portal.announcement_publish(
        officer,
        kind=Announcement.Kind.CALL_CHANGE,
        title=_("%(title)s: change to topic %(number)s") % {"title": call.title, "number": topic.number},
        body=body,
        subject=call,
    )
    version = TopicVersion.objects.create(
        call=call,
        topic=topic,
        call_version=call.version,
        change=change,
        before=before,
        after=after,
        reason=reason,
        changed_by=officer,
        announcement=announcement,
    )
    audit.record("topic.version", version, after={"call_version": call.version, "change": change}, actor=officer)
    prefecture_officers = get_user_model().objects.filter(role=Role.PREFECTURE_OFFICER, is_active=True)
    notifications.notify(
        prefecture_officers,
        _("A topic of the call “%(title)s” has changed") % {"title": call.title},
        url=reverse("portal:announcement", args=[announcement.pk]),
        subject=call,
    )
    return version
