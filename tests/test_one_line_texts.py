"""A text a service stores in a one-line field (a model's CharField: a title, a name, a document number, a one-line
reason) is normalised on one line, as the save stores a CharField and as a one-line form field cleans it
(`inputs.normalised_text(…, single_line=True)`): a line break typed inside it — U+2028, NEL, "\\n" — is one space.
Normalised with the default (`line_break="\\n"`, right for a TextField) it was stored with a line break: U+2028
became "\\n", which a CharField's save keeps, so the stored value differed from what the save's normalisation gives
and a one-line value held a line break (docs/reliability.md, "Generated hostile input").

Each case calls the service through its ordinary caller (the world's actor whose work it is) with a line break
inside the one-line text and reads the stored value back. The walk at the end keeps the direct form of the fault
(`<char field>=inputs.normalised_text(value)`) from coming back."""

import ast
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from apps.core import clock

pytestmark = pytest.mark.django_db

TYPED = ("第一行\u2028第二行", "第一行\n第二行", "第一行\u0085第二行", "第一行\r\n第二行")
ONE_LINE = "第一行 第二行"
APPS = Path(__file__).resolve().parents[1] / "apps"
# Found by the walk and left, with the reason (none today).
KNOWN_LEFT: set[tuple[str, str]] = set()


@dataclass
class Case:
    """`call(world, typed) -> [stored, …]`: the service run with `typed` in its one-line fields, their stored
    values read back from the database."""

    call: Callable


def _read(instance, *names) -> list[str]:
    instance.refresh_from_db()
    return [getattr(instance, name) for name in names]


# ---------------------------------------------------------------- accounts


def _expert_profile(world, typed):
    from apps.accounts import services
    from apps.reference.models import Industry

    profile = services.update_expert_profile(
        world.user("expert"),
        title="教授",
        fields=typed,
        industries=list(Industry.objects.all()[:1]),
        affiliation=world.org,
        affiliation_name="",
    )
    return _read(profile, "fields")


def _declare_conflict(world, typed):
    from apps.accounts import services

    return _read(services.declare_conflict(world.user("expert"), world.org_other, typed), "reason")


# ---------------------------------------------------------------- applications and calls


def _review_declare_conflict(world, typed):
    from apps.applications import services_review
    from apps.applications.models import Review
    from apps.applications.tests.factories import advance, eligible_draft, scoring_panel

    application = advance(world, eligible_draft(world), "expert_review")
    review = Review.objects.filter(panel=scoring_panel(world, [application])).select_related("expert").first()
    return _read(services_review.review_declare_conflict(review.expert, review, reason=typed), "conflict_reason")


def _topic_create(world, typed):
    from apps.calls import services
    from apps.calls.tests.factories import CallFactory
    from apps.reference.models import Industry

    values = {
        "title": typed,
        "industry": Industry.objects.get(code="rare-earth"),
        "technical_field": typed,
        "requirements": "围绕稀土永磁开展专利导航。",
        "funding_cap": Decimal("3000000"),
    }
    topic = services.topic_create(
        world.user("regional_officer"),
        CallFactory(funding_available=Decimal("5000000")),
        values=values,
        indicators=[{"name": "发明专利授权量", "unit": "件", "minimum_target": "30"}],
    )
    return _read(topic, "title", "technical_field")


# ---------------------------------------------------------------- patents


def _patent_create(world, typed):
    from apps.centers.models import Center
    from apps.centers.tests.factories import center_for
    from apps.patents import portfolio

    center = center_for(world, status=Center.Status.UNDER_CONSTRUCTION)
    admin = world.user("unit_admin")
    patent = portfolio.patent_create(
        admin,
        center,
        application_number="CN2016111628140",
        title=typed,
        filing_date=date(2016, 12, 15),
        applicants="包头稀土研究院",
        inventors="张三",
        ipc_codes="H01F 1/057",
    )
    change = portfolio.legal_status_record(admin, patent, "published", date(2017, 6, 1), typed)
    return [*_read(patent, "title"), *_read(change, "note")]


def _record_event(world, typed):
    from apps.patents import utilization
    from apps.patents.tests.utilization_setup import center, granted

    center_ = center(world)
    event = utilization.record_event(
        world.user("unit_admin"), center_, patent=granted(center_), kind="license", license_type="exclusive",
        counterparty=typed, product=typed, amount="5000", starts_on=clock.today() - timedelta(days=2),
    )  # fmt: skip
    return _read(event, "counterparty", "product")


def _standard_and_alliance(world, typed):
    from apps.patents import standards
    from apps.patents.tests.utilization_setup import center, granted

    center_ = center(world)
    admin = world.user("unit_admin")
    standard = standards.record_standard(
        admin, center_, number="GB/T 12345-2020", name=typed, level="national", role="lead", status="published",
        published_on=date(2021, 1, 1), patents=[granted(center_)],
    )  # fmt: skip
    alliance = standards.record_alliance(
        admin, center_, kind="pool", name=typed, role="member", joined_on=date(2024, 1, 1), members=[world.org],
    )  # fmt: skip
    return [*_read(standard, "name"), *_read(alliance, "name")]


# ---------------------------------------------------------------- centers


def _office_and_council(world, typed):
    from apps.centers import office
    from apps.centers.models import OfficeStaff
    from apps.centers.tests.funding_setup import with_partner

    center = with_partner(world, world.org_other)
    admin = world.user("unit_admin")
    declared = office.office_save(
        admin,
        center,
        values={"head_name": "李四"},
        staff=[{"name": typed, "role": typed, "employment": "full_time", "organization": world.org}],
    )
    staff = OfficeStaff.objects.get(office=declared)
    member = office.council_member_add(
        admin, center, name=typed, party="lead_unit", organization=world.org, position="chair", title=typed,
        joined_on=clock.today() - timedelta(days=60),
    )  # fmt: skip
    meeting = office.council_meeting_record(
        admin, center, held_on=clock.today() - timedelta(days=1), title=typed, agenda="专利布局", attendees=[member],
        other_attendees=typed, decisions=[{"subject": "patent_layout", "text": "开展专利布局", "responsible": typed}],
    )  # fmt: skip
    decision = meeting.decisions.get()
    return [
        *_read(staff, "name", "role"),
        *_read(member, "name", "title"),
        *_read(meeting, "title", "other_attendees"),
        *_read(decision, "responsible"),
    ]


def _allocate_support(world, typed):
    from apps.centers import funding
    from apps.centers.tests.funding_setup import running_center

    entry = funding.allocate_support(
        world.user("regional_officer"),
        running_center(world),
        amount="1000",
        occurred_on=None,
        document_number="内知字〔2027〕1号",
        reason=typed,
    )
    return _read(entry, "description")


# ---------------------------------------------------------------- demands, evaluations


def _round_open(world, typed):
    from apps.demands import services

    today = clock.today()
    made = services.round_open(
        world.user("regional_officer"), title=typed, opens_on=today, closes_on=today + timedelta(days=30)
    )
    return _read(made, "title")


def _evaluation_support(world, typed):
    from apps.evaluations import services_consequences
    from apps.evaluations.tests import builders

    evaluation = builders.evaluation(world, round_status="announced", status="confirmed", grade="qualified")
    decision = services_consequences.support(
        world.user("regional_officer"), evaluation, amount="200000", document_number=typed
    )
    return _read(decision, "document_number")


# ---------------------------------------------------------------- portal, calendar


def _portal(world, typed):
    from apps.portal import services

    officer = world.user("regional_officer")
    announcement = services.announcement_publish(officer, title=typed, body="公告正文")
    notice = services.public_notice_open(officer, title=typed, body="公示正文", contact=typed)
    objection = services.objection_submit(notice, name=typed, contact="13800000000", text="异议及事实依据")
    return [*_read(announcement, "title"), *_read(notice, "title", "contact"), *_read(objection, "name")]


def _calendar(world, typed):
    from apps.reference import services

    officer = world.user("regional_officer")
    day = services.calendar_day_add(officer, day=date(2099, 3, 11), kind="holiday", note=typed)
    year = services.calendar_year_confirm(officer, year=2099, source=typed)
    return [*_read(day, "note"), *_read(year, "source")]


# ---------------------------------------------------------------- the bureau


def _documents(world, typed):
    from apps.bureau import services_documents

    officer = world.user("regional_officer")
    version = services_documents.document_create(officer, kind="rules", title="制度", body="正文", summary=typed)
    created = _read(version, "summary")
    version = services_documents.draft_update(
        officer, version, doc_number=typed, summary=typed, body="正文", change_note=typed
    )
    return [*created, *_read(version, "doc_number", "summary", "change_note")]


def _showcase(world, typed):
    from apps.bureau import services_showcases

    made = services_showcases.showcase_create(world.user("regional_officer"), title="经验", summary=typed, body="正文")
    return _read(made, "summary")


def _question_and_task(world, typed):
    from apps.bureau import services_questions, services_tasks

    question = services_questions.question_ask(world.user("unit_admin"), subject=typed, text="如何联合申报？")
    task = services_tasks.task_create(
        world.user("regional_officer"),
        title=typed,
        requirements="报送本地区情况",
        deadline=clock.today() + timedelta(days=30),
    )
    return [*_read(question, "subject"), *_read(task, "title")]


def _dataset(world, typed):
    from apps.navigation import services_datasets
    from apps.navigation.tests.builders import center_of

    made = services_datasets.dataset_create(world.user("unit_admin"), center_of(world), name="稀土永磁", source=typed)
    return _read(made, "source")


CASES = {
    "accounts.update_expert_profile (fields)": _expert_profile,
    "accounts.declare_conflict (reason)": _declare_conflict,
    "applications.review_declare_conflict (conflict_reason)": _review_declare_conflict,
    "calls.topic_create (title, technical_field)": _topic_create,
    "patents.portfolio (title, legal status note)": _patent_create,
    "patents.utilization.record_event (counterparty, product)": _record_event,
    "patents.standards (standard, alliance name)": _standard_and_alliance,
    "centers.office (staff, council member, meeting, decision)": _office_and_council,
    "centers.funding.allocate_support (description)": _allocate_support,
    "demands.round_open (title)": _round_open,
    "evaluations.support (document_number)": _evaluation_support,
    "portal (announcement, notice, objection)": _portal,
    "reference (calendar day note, year source)": _calendar,
    "bureau.documents (summary, doc_number, change_note)": _documents,
    "bureau.showcase (summary)": _showcase,
    "bureau.questions and tasks (subject, title)": _question_and_task,
    "navigation.dataset_create (source)": _dataset,
}


@pytest.mark.parametrize("typed", TYPED[:2])
@pytest.mark.parametrize("name", list(CASES))
def test_a_line_break_in_a_one_line_text_is_stored_as_one_space(world, name, typed):
    stored = CASES[name](world, typed)
    assert stored and all(value == ONE_LINE for value in stored), stored


@pytest.mark.parametrize("typed", TYPED[2:])
def test_every_line_break_is_one_space(world, typed):
    """NEL and CR LF as well (one service: the rule is `normalise(…, single_line=True)`'s, tested in core)."""
    assert _round_open(world, typed) == [ONE_LINE]


# ---------------------------------------------------------------- the kind cannot come back


def _char_only_names() -> dict[str, set[str]]:
    """Per app label: the field names that are a CharField in every model of the app that has them."""
    from django.apps import apps
    from django.db import models

    kinds: dict[str, dict[str, set[bool]]] = {}
    for model in apps.get_models():
        if not model.__module__.startswith("apps."):
            continue
        names = kinds.setdefault(model._meta.app_label, {})
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and not field.choices:
                names.setdefault(field.name, set()).add(isinstance(field, models.CharField))
    return {label: {name for name, seen in names.items() if seen == {True}} for label, names in kinds.items()}


def _direct_stores(source: str):
    """(line, name) of every `name=inputs.normalised_text(…)` / `"name": inputs.required_text(…)` without
    `single_line` or `line_break`."""
    tree = ast.parse(source)

    def plain(call) -> bool:
        return (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr in ("normalised_text", "required_text")
            and isinstance(call.func.value, ast.Name)
            and call.func.value.id == "inputs"
            and not {k.arg for k in call.keywords} & {"single_line", "line_break"}
        )

    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg and plain(node.value):
            yield node.value.lineno, node.arg
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and isinstance(key.value, str) and plain(value):
                    yield value.lineno, key.value


def test_no_service_stores_a_multi_line_text_straight_into_a_char_field():
    """A field of the service's app that is a CharField (and no TextField of the same name in that app) given
    `inputs.normalised_text(value)` / `required_text(value)` without `single_line=True`: the fault above."""
    from django.apps import apps

    char_only = _char_only_names()
    labels = {config.path: config.label for config in apps.get_app_configs()}
    found = []
    for path in sorted(APPS.glob("*/*.py")):
        label = labels.get(str(path.parent))
        if label is None or path.name.startswith("test"):
            continue
        for line, name in _direct_stores(path.read_text(encoding="utf-8")):
            where = str(path.relative_to(APPS.parent))
            if name in char_only.get(label, ()) and (where, name) not in KNOWN_LEFT:
                found.append(f"{where}:{line}: {name}")
    assert not found, "a CharField given a text normalised with its line breaks:\n" + "\n".join(found)


def test_the_walk_recognises_the_direct_store():
    source = (
        "X(title=inputs.normalised_text(t), body=inputs.normalised_text(b, single_line=True))\n"
        '{"a": inputs.required_text(v, message=m)}'
    )
    assert sorted(_direct_stores(source)) == [(1, "title"), (2, "a")]
