"""Double submits (docs/reliability.md): every form that creates a record carries a one-time token, and sending it
again — a double click, a reload, a replayed POST — creates nothing and leads to what the first one created.

`CASES` walks every create view: the page that shows the form, the token in that form, the POST that creates one
record, then the same POST again. `test_every_create_view_is_walked` keeps the list complete: a view decorated with
`apps.core.once.once` that no case walks, or a case whose view is not decorated, fails it."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from apps.agenda.tests import double_submit as agenda_forms
from apps.bureau.tests import double_submit as bureau_forms
from apps.centers.tests import double_submit_changes as changes_forms
from apps.centers.tests import double_submit_funding as funding_forms
from apps.centers.tests import double_submit_supervision as supervision_forms
from apps.core import clock
from apps.core.once import FIELD
from apps.evaluations.tests import double_submit_rounds as evaluation_rounds_forms
from apps.evaluations.tests import double_submit_scoring as evaluation_scoring_forms
from apps.evaluations.tests import double_submit_systems as evaluation_systems_forms
from apps.navigation.tests import double_submit as navigation_forms
from apps.patents.tests import double_submit as patents_forms
from apps.reports.tests import double_submit as reports_forms
from tests.form_tokens import token_for

pytestmark = pytest.mark.django_db


@dataclass
class Setup:
    page: str  # the page that renders the form
    post: str  # where the form posts
    data: Callable[[Client], dict]
    count: Callable[[], int]  # the records the form creates
    created: int = 1
    first_status: int = 302
    result: str = ""  # where a duplicate goes when the first answered with a page (200)
    fresh: bool = False  # build the data again for the replay (a file is read once)


@dataclass(frozen=True)
class Case:
    url_name: str
    actor: str
    setup: Callable
    note: str = ""


def _days(n: int) -> str:
    return (clock.today() + datetime.timedelta(days=n)).isoformat()


# ---------------------------------------------------------------- the create views


def _objection(w):
    from apps.portal.models import Objection
    from apps.portal.tests.factories import PublicNoticeFactory

    notice = PublicNoticeFactory()
    url = reverse("portal:notice", args=[notice.pk])

    def data(client):
        answer = client.session[f"human_check:objection:{notice.pk}"]["a"]
        return {"name": "李四", "contact": "13900000000", "text": "研发投入数据与年报不符。", "human_check": answer}

    return Setup(url, url, data, Objection.objects.count)


def _announcement(w):
    from apps.portal.models import Announcement

    url = reverse("portal:announcement_create")
    return Setup(
        url, url, lambda c: {"kind": "other", "title": "关于征集的公告", "body": "正文"}, Announcement.objects.count
    )


def _notice(w):
    from apps.portal.models import PublicNotice

    url = reverse("portal:notice_create")
    data = {"kind": "other", "title": "拟立项名单公示", "body": "正文", "starts_on": _days(7), "working_days": "5"}
    return Setup(url, url, lambda c: data, PublicNotice.objects.count)


def _public_demand(w):
    from apps.demands.models import Demand
    from apps.demands.tests.factories import CollectionRoundFactory
    from apps.reference.models import Industry

    CollectionRoundFactory()
    url = reverse("demands:submit")

    def data(client):
        return {
            "contact_name": "赵六",
            "organization_name": "呼和浩特某乳业公司",
            "phone": "13800000009",
            "title": "乳酸菌菌种自主选育",
            "industry": Industry.objects.get(code="dairy-food").pk,
            "technical_field": "菌种选育",
            "problem": "核心菌种依赖进口",
            "expected_outcome": "自主菌种专利组合",
            "regional_significance": "带动全区乳业",
            "human_check": client.session["human_check:demand_submit"]["a"],
        }

    return Setup(url, url, data, Demand.objects.count)


def _unit_demand(w):
    from apps.demands.models import Demand
    from apps.demands.tests.factories import CollectionRoundFactory
    from apps.reference.models import Industry

    CollectionRoundFactory()
    url = reverse("demands:my_submit")
    data = {
        "contact_name": "张三",
        "phone": "13800000000",
        "title": "稀土抛光粉回收",
        "industry": Industry.objects.get(code="rare-earth").pk,
        "technical_field": "抛光材料",
        "problem": "回收率低",
        "expected_outcome": "专利组合",
        "regional_significance": "包头",
    }
    return Setup(url, url, lambda c: data, Demand.objects.count)


def _round(w):
    from apps.demands.models import CollectionRound

    url = reverse("demands:rounds")
    data = {"title": "2026年第二批", "opens_on": _days(0), "closes_on": _days(9)}
    return Setup(url, url, lambda c: data, CollectionRound.objects.count)


def _assign(w):
    from apps.demands.models import Argument, Demand
    from apps.demands.tests.factories import DemandFactory, expert_user

    demand = DemandFactory(status=Demand.Status.ACCEPTED)
    experts = [expert_user().pk for _ in range(3)]
    return Setup(
        reverse("demands:detail", args=[demand.pk]),
        reverse("demands:assign", args=[demand.pk]),
        lambda c: {"experts": experts},
        Argument.objects.count,
        created=3,
    )


def _application(w):
    from apps.applications.models import Application
    from apps.applications.tests.factories import open_call, topic_of

    topic = topic_of(open_call())
    url = reverse("applications:create")
    return Setup(
        url, url, lambda c: {"topic": topic.pk, "project_name": "稀土永磁高价值专利培育中心"}, Application.objects.count
    )


def _partner(w):
    from apps.applications.models import Partnership
    from apps.applications.tests.factories import eligible_draft
    from apps.organizations.models import Organization
    from apps.organizations.tests.factories import OrganizationFactory

    application = eligible_draft(w)
    institute = OrganizationFactory(kind=Organization.Kind.RESEARCH_INSTITUTE)
    data = {"credit_code": institute.credit_code, "role": "rd_institution", "contribution": "联合研发"}
    return Setup(
        reverse("applications:edit", args=[application.pk]),
        reverse("applications:partner_add", args=[application.pk]),
        lambda c: data,
        Partnership.objects.count,
    )


def _panel(w):
    from apps.applications.models import ReviewPanel
    from apps.applications.tests.factories import open_call, topic_of

    topic = topic_of(open_call())
    return Setup(
        reverse("applications:panels"),
        reverse("applications:panel_create", args=[topic.pk]),
        lambda c: {},
        ReviewPanel.objects.count,
    )


def _panel_member(w):
    from apps.applications import services_review
    from apps.applications.models import PanelMember
    from apps.applications.tests.factories import experts, open_call, topic_of

    panel = services_review.panel_create(w.user("regional_officer"), topic_of(open_call()))
    [expert] = experts(1)
    return Setup(
        reverse("applications:panel", args=[panel.pk]),
        reverse("applications:panel_member_add", args=[panel.pk]),
        lambda c: {"expert": expert.pk},
        PanelMember.objects.count,
    )


def _selection(w):
    from apps.applications import services_review
    from apps.applications.models import Application, Selection
    from apps.applications.tests.factories import advance, eligible_draft, review_stage, score_all, scoring_panel

    application = advance(w, eligible_draft(w), Application.Status.EXPERT_REVIEW)
    panel = scoring_panel(w, [application])
    score_all(panel)
    review_stage(panel)
    services_review.panel_close(w.user("regional_officer"), panel)
    return Setup(
        reverse("applications:decision", args=[application.call_id]),
        reverse("applications:select", args=[application.call_id]),
        lambda c: {"applications": [application.pk], "contact": "0471-6900000"},
        Selection.objects.count,
    )


def _call(w):
    from apps.calls.models import Call
    from apps.calls.tests.test_views import call_form

    url = reverse("calls:create")
    return Setup(url, url, lambda c: call_form(), Call.objects.count)


def _topic(w):
    from apps.calls.models import Topic
    from apps.calls.tests.factories import CallFactory
    from apps.calls.tests.test_views import topic_form

    call = CallFactory()
    url = reverse("calls:topic_create", args=[call.pk])
    return Setup(url, url, lambda c: topic_form(), Topic.objects.count)


def _registration(w):
    from apps.organizations.credit_code import with_check_character
    from apps.organizations.models import Organization

    url = reverse("accounts:register")

    def data(client):
        return {
            "name": "呼和浩特新材料有限公司",
            "credit_code": with_check_character("91150100MA0N12345"),
            "kind": "enterprise",
            "prefecture": w.prefecture.pk,
            "is_legal_person": "on",
            "address": "呼和浩特市",
            "contact_name": "王五",
            "contact_phone": "0471-1234567",
            "contact_email": "a@b.cn",
            "username": "hhht_admin",
            "full_name": "王五",
            "email": "w@b.cn",
            "phone": "13900000000",
            "password": "Strong-Pass-2026",
            "password2": "Strong-Pass-2026",
            "human_check": client.session["human_check:register"]["a"],
        }

    return Setup(url, url, data, Organization.objects.count)


def _user(w):
    from apps.accounts.models import User

    url = reverse("accounts:user_create")
    data = {"username": "pref_c", "full_name": "赵七", "role": "prefecture_officer", "prefecture": w.prefecture.pk}
    return Setup(url, url, lambda c: data, User.objects.count, first_status=200, result="accounts:user_edit")


def _unit_member(w):
    from apps.accounts.models import User

    url = reverse("accounts:unit_members")
    data = {"username": "unit_member_2", "full_name": "钱八", "email": "q@b.cn", "phone": "13900000001"}
    return Setup(url, url, lambda c: data, User.objects.count, first_status=200, result=url)


def _conflict(w):
    from apps.accounts.models import ExpertConflict

    url = reverse("accounts:expert_profile")
    data = {"form": "conflict", "organization": w.org.pk, "organization_name": "", "reason": "曾任该单位顾问"}
    return Setup(url, url, lambda c: data, ExpertConflict.objects.count)


def _employment(w):
    from apps.accounts.models import ExpertEmployment

    url = reverse("accounts:expert_profile")
    data = {"form": "employment", "organization": w.org.pk, "organization_name": "", "until": "2025-06-30"}
    return Setup(url, url, lambda c: data, ExpertEmployment.objects.count)


def _integrity(w):
    from apps.organizations.models import IntegrityRecord

    data = {"kind": "dishonest", "source": "信用中国", "since": _days(-10), "until": "", "note": "失信记录"}
    return Setup(
        reverse("organizations:detail", args=[w.org.pk]),
        reverse("organizations:integrity_add", args=[w.org.pk]),
        lambda c: data,
        IntegrityRecord.objects.count,
    )


def _upload(w):
    from apps.attachments.models import Attachment
    from apps.attachments.tests import samples

    page = reverse("attachments:owner_files", args=[w.org.pk])

    def data(client):  # a fresh file object for every POST, the same content
        return {"file": SimpleUploadedFile("营业执照.pdf", samples.pdf_bytes()), "kind": "licence", "next": page}

    return Setup(
        page,
        reverse("attachments:upload", kwargs={"owner": "organizations.organization", "owner_id": w.org.pk}),
        data,
        Attachment.objects.count,
        fresh=True,
    )


def _calendar_day(w):
    from apps.reference.models import CalendarDay

    data = {"date": "2027-02-20", "kind": "make_up_working_day", "note": "春节调休上班"}
    return Setup(
        reverse("reference:calendar_year", args=[2027]),
        reverse("reference:calendar_day_add", args=[2027]),
        lambda c: data,
        CalendarDay.objects.count,
    )


def _calendar_year(w):
    from apps.reference.models import CalendarYear

    return Setup(
        reverse("reference:calendar_year", args=[2027]),
        reverse("reference:calendar_year_confirm", args=[2027]),
        lambda c: {"source": "国办发明电〔2026〕X号"},
        CalendarYear.objects.count,
    )


def _contract_draft(w):  # centers, contract part
    from apps.centers.models import Contract
    from apps.centers.tests.factories import center_for

    center = center_for(w)
    return Setup(
        reverse("centers:contract", args=[center.pk]),
        reverse("centers:contract_draft", args=[center.pk]),
        lambda c: {},
        Contract.objects.count,
    )


def _contract_sign(w):  # centers, contract part
    from apps.attachments.models import Attachment
    from apps.centers.tests.contract_setup import contract_at, scan

    center_pk = contract_at(w, "confirmed").contract.center_id
    url = reverse("centers:contract_sign", args=[center_pk])
    return Setup(
        url,
        url,
        lambda c: {"signed_on": clock.today().isoformat(), "unit_scan": scan("u.pdf", "u"), "region_scan": scan()},
        Attachment.objects.count,
        created=2,
        fresh=True,
    )


CASES = [
    Case("portal:notice", "anonymous", _objection, "objection"),
    Case("portal:announcement_create", "regional_officer", _announcement),
    Case("portal:notice_create", "regional_officer", _notice),
    Case("demands:submit", "anonymous", _public_demand),
    Case("demands:my_submit", "unit_admin", _unit_demand),
    Case("demands:rounds", "regional_officer", _round),
    Case("demands:assign", "regional_officer", _assign),
    Case("applications:create", "unit_admin", _application),
    Case("applications:partner_add", "unit_admin", _partner),
    Case("applications:panel_create", "regional_officer", _panel),
    Case("applications:panel_member_add", "regional_officer", _panel_member),
    Case("applications:select", "regional_officer", _selection),
    Case("calls:create", "regional_officer", _call),
    Case("calls:topic_create", "regional_officer", _topic),
    Case("accounts:register", "anonymous", _registration),
    Case("accounts:user_create", "system_admin", _user),
    Case("accounts:unit_members", "unit_admin", _unit_member),
    Case("accounts:expert_profile", "expert", _conflict, "conflict"),
    Case("accounts:expert_profile", "expert", _employment, "employment"),
    Case("organizations:integrity_add", "regional_officer", _integrity),
    Case("attachments:upload", "unit_admin", _upload),
    Case("reference:calendar_day_add", "regional_officer", _calendar_day),
    Case("reference:calendar_year_confirm", "regional_officer", _calendar_year),
    Case("centers:contract_draft", "regional_officer", _contract_draft),
    Case("centers:contract_sign", "regional_officer", _contract_sign),
    # centers, funding ledger and office (apps/centers/tests/double_submit_funding.py)
    Case("centers:funding_allocate", "regional_officer", funding_forms.allocation),
    Case("centers:funding_expenditure", "unit_member", funding_forms.expenditure),
    Case("centers:funding_matched", "unit_admin", funding_forms.matched),
    Case("centers:funding_clawback", "regional_officer", funding_forms.clawback),
    Case("centers:funding_correct", "regional_officer", funding_forms.correction),
    Case("centers:funding_receive", "regional_officer", funding_forms.receipt),
    Case("centers:office_edit", "unit_admin", funding_forms.office),
    Case("centers:council_member_add", "unit_admin", funding_forms.member),
    Case("centers:council_member_leave", "unit_admin", funding_forms.member_leave),
    Case("centers:council_meeting_add", "unit_admin", funding_forms.meeting),
    # centers, changes and termination (apps/centers/tests/double_submit_changes.py)
    *changes_forms.cases(Case),
    # centers, supervision (apps/centers/tests/double_submit_supervision.py)
    *supervision_forms.cases(Case),
    # patents, every part (apps/patents/tests/double_submit_<part>.py)
    *patents_forms.cases(Case),
    *navigation_forms.cases(Case),
    *bureau_forms.cases(Case),
    *agenda_forms.cases(Case),
    # reports: a submission, a comment on a figure (apps/reports/tests/double_submit.py)
    *reports_forms.cases(Case),
    # evaluations: a new round (apps/evaluations/tests/double_submit_rounds.py)
    *evaluation_rounds_forms.cases(Case),
    # evaluations: a copy of a system, an indicator, a veto item (apps/evaluations/tests/double_submit_systems.py)
    *evaluation_systems_forms.cases(Case),
    # evaluations: a submission, a veto finding (apps/evaluations/tests/double_submit_scoring.py)
    *evaluation_scoring_forms.cases(Case),
]


def _callbacks(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _callbacks(p.url_patterns, f"{prefix}{p.namespace}:" if p.namespace else prefix)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}", p.callback


def test_every_create_view_is_walked():
    decorated = {
        name for name, callback in _callbacks(get_resolver().url_patterns) if getattr(callback, "creates_once", False)
    }
    walked = {case.url_name for case in CASES}
    assert walked - decorated == set(), "walked here but not decorated with apps.core.once.once"
    assert decorated - walked == set(), "decorated with apps.core.once.once but not walked here: add a case"


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.url_name}{'+' + c.note if c.note else ''}")
def test_a_replayed_form_creates_nothing_and_leads_to_the_first_result(case, world, client_for):
    setup = case.setup(world)
    client = Client() if case.actor == "anonymous" else client_for(case.actor)
    page = client.get(setup.page)
    assert page.status_code == 200
    token = token_for(page, setup.post, setup.page)
    before = setup.count()

    data = setup.data(client)
    first = client.post(setup.post, {**data, FIELD: token})
    assert first.status_code == setup.first_status, getattr(first, "context", None) and first.context.get("form")
    assert setup.count() == before + setup.created
    if first.status_code == 302:
        result = first["Location"]
    else:
        result = setup.result if setup.result.startswith("/") else _last_created_url(setup)

    again = client.post(setup.post, {**(setup.data(client) if setup.fresh else data), FIELD: token})
    assert again.status_code == 302 and again["Location"] == result
    assert setup.count() == before + setup.created, "the replay created a second record"
    follow = client.get(again["Location"])
    assert "此表单已经提交过" in follow.content.decode()


def _last_created_url(setup) -> str:
    from apps.accounts.models import User

    return reverse(setup.result, args=[User.objects.latest("pk").pk])


def test_a_form_refused_once_can_be_sent_again_with_the_same_token(world, client_for):
    """A refusal releases the token: the corrected form, sent with it, is processed (and only once)."""
    from apps.portal.models import Announcement

    client = client_for("regional_officer")
    url = reverse("portal:announcement_create")
    token = token_for(client.get(url), url, url)
    refused = client.post(url, {"kind": "other", "title": "", "body": "正文", FIELD: token})
    assert refused.status_code == 200 and not Announcement.objects.exists()
    ok = client.post(url, {"kind": "other", "title": "关于征集的公告", "body": "正文", FIELD: token})
    assert ok.status_code == 302 and Announcement.objects.count() == 1
    again = client.post(url, {"kind": "other", "title": "关于征集的公告", "body": "正文", FIELD: token})
    assert again["Location"] == ok["Location"] and Announcement.objects.count() == 1


def test_a_token_of_someone_else_is_refused(world, client_for):
    from apps.portal.models import Announcement

    url = reverse("portal:announcement_create")
    token = token_for(client_for("regional_officer").get(url), url, url)
    from apps.accounts.tests.factories import UserFactory
    from apps.core.roles import Role
    from tests.world import login

    colleague = Client()
    login(colleague, UserFactory(role=Role.REGIONAL_OFFICER))
    response = colleague.post(url, {"kind": "other", "title": "公告", "body": "正文", FIELD: token})
    assert response.status_code == 403 and "另一个会话" in response.content.decode()
    assert not Announcement.objects.exists()


# ---------------------------------------------------------------- the human check of the public forms

PUBLIC = [
    ("portal:notice", _objection, lambda: "human_check:objection:"),
    ("demands:submit", _public_demand, lambda: "human_check:demand_submit"),
    ("accounts:register", _registration, lambda: "human_check:register"),
]


def _challenge_key(client, prefix: str) -> str:
    return next(key for key in client.session.keys() if key.startswith(prefix))  # noqa: SIM118 (not iterable)


@pytest.mark.parametrize(("url_name", "make", "key"), PUBLIC, ids=[p[0] for p in PUBLIC])
def test_one_answer_is_good_for_one_submission_even_without_a_token(url_name, make, key, world):
    """A script that leaves out the form token still needs a new answer for each record (the answer is spent)."""
    setup = make(world)
    client = Client()
    client.get(setup.page)
    data = setup.data(client)
    before = setup.count()
    assert client.post(setup.post, data).status_code == 302
    replay = client.post(setup.post, data)
    assert replay.status_code == 200 and "验证问题回答错误" in replay.content.decode()
    assert setup.count() == before + 1


@pytest.mark.parametrize(("url_name", "make", "key"), PUBLIC, ids=[p[0] for p in PUBLIC])
def test_after_a_wrong_answer_the_page_asks_the_question_it_will_check(url_name, make, key, world):
    setup = make(world)
    client = Client()
    client.get(setup.page)
    wrong = client.post(setup.post, {**setup.data(client), "human_check": "0"})
    asked = client.session[_challenge_key(client, key())]["q"]
    assert wrong.status_code == 200 and f"{asked} 等于多少" in wrong.content.decode()
