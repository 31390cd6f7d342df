"""Issue 14: the application lists cost the same queries with a few rows or many (and at most 15), for every role
that has them and every filter, whatever the partners, selections (their notices give the status label) and
reviews of each row. Data grown with tests/growth.py."""

import itertools
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.accounts.tests.factories import ExpertProfileFactory
from apps.applications import scoring, services
from apps.applications.models import (
    Application,
    ApplicationEvent,
    ApplicationVersion,
    BudgetItem,
    Capability,
    PanelMember,
    Partnership,
    Review,
    ReviewPanel,
    Score,
    Selection,
)
from apps.applications.tests import factories as f
from apps.attachments.tests.factories import AttachmentFactory
from apps.calls.models import Topic
from apps.calls.tests.factories import TopicFactory
from apps.core import clock
from apps.organizations.tests.factories import OrganizationFactory
from apps.portal.tests.factories import EndedNoticeFactory, ObjectionFactory
from tests import growth
from tests.query_counts import assert_flat, page_queries

pytestmark = pytest.mark.django_db

S = Application.Status
FILTERS = ("", "?status=submitted", "?status=selected", "?status=approved", "?status=expert_review&page=2", "?q=稀土")


@pytest.mark.parametrize("actor", ["prefecture_officer", "regional_officer"])
def test_the_officers_list_is_flat_with_every_filter(world, client_for, actor):
    growth.applications(world, len(growth.STATES))
    client = client_for(actor)
    for query in FILTERS:
        assert_flat(
            client,
            reverse("applications:list") + query,
            grow=lambda: growth.applications(world, len(growth.STATES), partners=4),
        )


@pytest.mark.parametrize("actor", ["unit_admin", "unit_member"])
def test_the_units_list_and_the_applications_it_joined_are_flat(world, client_for, actor):
    growth.applications(world, len(growth.STATES), lead_unit=world.org)
    growth.applications(world, 2, joined_by=world.org)

    def grow():
        growth.applications(world, len(growth.STATES), lead_unit=world.org, partners=3)
        growth.applications(world, 3, joined_by=world.org, partners=3)

    client = client_for(actor)
    for query in ("", "?status=selected", "?status=draft&joined=2"):
        assert_flat(client, reverse("applications:list") + query, grow=grow)


def test_a_list_filtered_to_selected_applications_reads_no_notice_per_row(world, client_for):
    """The label of a selected application follows its notice's dates: read with the row, never per row."""
    growth.applications(world, 6, states=(S.SELECTED,))
    client = client_for("regional_officer")
    url = reverse("applications:list") + "?status=selected"
    page_queries(client, url)  # warm-up: a session's first request creates the policy row and saves the session
    count, sql = page_queries(client, url)
    assert sum('"portal_publicnotice"' in q and "JOIN" not in q for q in sql) == 0, sql
    assert count <= 15


def test_the_units_home_panel_counts_each_label_its_pages_show(world, client_for):
    """One grouped query, and still the label of each row's page: a selected application's follows its notice."""
    import datetime

    from apps.portal.models import PublicNotice

    _running, upcoming = growth.applications(world, 2, lead_unit=world.org, states=(S.SELECTED,))
    later = clock.today() + datetime.timedelta(days=10)
    PublicNotice.objects.filter(pk=upcoming.selection.notice_id).update(starts_on=later, ends_on=later)
    growth.applications(world, 2, lead_unit=world.org, states=(S.DRAFT,))
    rows = Application.objects.select_related("selection__notice").filter(lead_unit=world.org)
    expected = {}
    for application in rows:
        expected[application.status_label()] = expected.get(application.status_label(), 0) + 1
    assert len(expected) == 3  # running notice, upcoming notice, draft
    response = client_for("unit_admin").get(reverse("core:home"))
    items = {str(label): n for panel in response.context["panels"] for label, n, _url in panel.items}
    assert {label: items.get(label) for label in expected} == expected


def test_the_experts_review_list_is_flat(world, client_for):
    growth.applications(world, 2, states=growth.REVIEWED)
    assert_flat(
        client_for("expert"),
        reverse("applications:reviews"),
        grow=lambda: growth.applications(world, 12, states=growth.REVIEWED),
    )


def test_the_panels_list_is_flat(world, client_for):
    growth.applications(world, 2, states=growth.REVIEWED)
    growth.applications(world, 2, states=(S.RECOMMENDED,))

    def grow():
        growth.applications(world, 6, states=growth.REVIEWED)
        growth.applications(world, 4, states=(S.RECOMMENDED,))
        growth.calls(3)

    assert_flat(client_for("regional_officer"), reverse("applications:panels"), grow=grow)


@pytest.mark.parametrize("actor", ["prefecture_officer", "regional_officer"])
def test_the_statistics_page_is_flat(world, client_for, actor):
    growth.applications(world, 3)
    assert_flat(
        client_for(actor), reverse("applications:statistics"), grow=lambda: growth.applications(world, 12, partners=1)
    )


def test_the_list_pages_with_the_bounded_pager(world, client_for):
    """More rows than a page: the pager links keep the filter; a page number that is not one gives page 1."""
    growth.applications(world, 30, states=(S.SUBMITTED,), partners=0)
    client = client_for("regional_officer")
    response = client.get(reverse("applications:list") + "?status=submitted")
    assert len(response.context["page"].object_list) == 25
    assert "?status=submitted&amp;page=2" in response.content.decode()
    assert client.get(reverse("applications:list") + "?page=x").context["page"].number == 1
    assert client.get(reverse("applications:list") + "?page=99").context["page"].number == 2


# ---------------------------------------------------------------- pages of one object (issue 14, part 3)
# The detail page (every role that sees it), the exports, the versions, the expert's review page, a panel and the
# decision page cost the same queries with one partner, budget line, indicator, attachment, review, timeline entry
# and version as with several more of each (`content.load` reads an application's rows once, in three queries).

_sha = itertools.count(1)


def _assigned(world):
    """An application of the world's unit under expert review, which every role of the detail page sees: the other
    unit is its partner, the prefecture office recommended it and the world's expert scores it on a panel."""
    application = f.eligible_draft(world)
    f.partner(application, world.org_other, role=Partnership.Role.UPSTREAM_ENTERPRISE)
    application = f.advance(world, application, S.EXPERT_REVIEW)
    f.scoring_panel(world, [application], expert_count=4, extra_experts=[world.user("expert")])
    return application


def _more_of_everything(application, n: int = 3) -> None:
    """`n` more partners (each with its agreement), budget lines, indicators with their targets, capabilities,
    attachments, timeline entries (for the applicant and not), submitted versions and, on a panel, reviews with
    scores."""
    first = application.versions.order_by("number").first()
    last = application.versions.count()
    panel = ReviewPanel.objects.filter(topic=application.topic).first()
    for i in range(n):
        f.partner(application)
        BudgetItem.objects.create(
            application=application, name=f"预算{i}", requested_amount=Decimal("1000"), matched_amount=1, order=9 + i
        )
        f.indicator(application, targets={1: Decimal(1), 2: Decimal(2), 3: Decimal(3)}, name=f"指标{i}", order=9 + i)
        Capability.objects.create(application=application, kind=Capability.Kind.PLATFORM, name=f"平台{i}")
        AttachmentFactory(owner=application, kind="other", original_name=f"附件{i}.pdf", sha256=f"{next(_sha):064x}")
        ApplicationEvent.objects.create(
            application=application, action="note", actor_label="测试", opinion="意见", for_applicant=bool(i % 2)
        )
        ApplicationVersion.objects.create(
            application=application,
            number=last + i + 1,
            snapshot=first.snapshot if first else {},
            submitted_by=application.created_by,
        )
        if panel is not None:
            _scored(panel, application, ExpertProfileFactory().user)


def _scored(panel, application, expert) -> Review:
    review = Review.objects.create(
        panel=panel,
        application=application,
        expert=expert,
        status=Review.Status.SUBMITTED,
        total=Decimal("80.00"),
        submitted_at=clock.now(),
    )
    Score.objects.bulk_create(Score(review=review, criterion=c.code, score=Decimal(80)) for c in scoring.criteria())
    return review


DETAIL_ROLES = ("unit_admin", "unit_member", "unit_admin_other", "prefecture_officer", "regional_officer", "expert")


def test_the_detail_page_is_flat_for_every_role_that_sees_it(world, client_for):
    """The lead unit, a partner unit, the prefecture office, the regional bureau (with the experts' reviews) and an
    assigned expert."""
    application = _assigned(world)
    url = reverse("applications:detail", args=[application.pk])
    for actor in DETAIL_ROLES:
        assert_flat(client_for(actor), url, grow=lambda: _more_of_everything(application, 1))


@pytest.mark.parametrize(
    ("state", "actor"),
    [
        (S.DRAFT, "unit_admin"),  # submit: the window and the whole checklist (the page's own, evaluated once)
        (S.RETURNED, "unit_admin"),  # resubmit: the recommendation deadline and the checklist
        (S.SUBMITTED, "prefecture_officer"),  # recommend, return, do not recommend
        (S.RECOMMENDED, "regional_officer"),  # the formal check: the panel not closed
    ],
)
def test_the_detail_page_is_flat_with_each_set_of_buttons(world, client_for, state, actor):
    application = f.eligible_draft(world)
    if state == S.RETURNED:
        application = f.advance(world, application, S.SUBMITTED)
        application = services.application_prefecture_return(
            world.user("prefecture_officer"), application, reason="请补充"
        )
    elif state != S.DRAFT:
        application = f.advance(world, application, state)
    assert_flat(
        client_for(actor),
        reverse("applications:detail", args=[application.pk]),
        grow=lambda: _more_of_everything(application),
    )


def test_the_exports_are_flat(world, client_for):
    application = _assigned(world)
    for actor in ("unit_admin", "regional_officer"):
        for name in ("applications:export_docx", "applications:export_pdf"):
            assert_flat(
                client_for(actor),
                reverse(name, args=[application.pk]),
                grow=lambda: _more_of_everything(application, 1),
            )


def test_the_versions_and_their_comparison_are_flat(world, client_for):
    application = f.advance(world, f.eligible_draft(world), S.SUBMITTED)
    _more_of_everything(application, 1)
    client = client_for("unit_admin")
    for url in (
        reverse("applications:versions", args=[application.pk]),
        reverse("applications:versions", args=[application.pk]) + "?a=1&b=2",
        reverse("applications:version", args=[application.pk, 2]),
    ):
        assert_flat(client, url, grow=lambda: _more_of_everything(application))


def test_the_experts_review_page_is_flat_while_scoring_and_once_closed(world, client_for):
    """The scoring form (its condition checks conflicts with every partner) and, once the panel has closed, the
    panel's scores."""
    application = _assigned(world)
    review = Review.objects.get(application=application, expert=world.user("expert"))
    client = client_for("expert")
    url = reverse("applications:review", args=[review.pk])
    assert_flat(client, url, grow=lambda: _more_of_everything(application))
    ReviewPanel.objects.filter(pk=review.panel_id).update(status=ReviewPanel.Status.CLOSED, closed_at=clock.now())
    assert_flat(client, url, grow=lambda: _more_of_everything(application))


# ---------------------------------------------------------------- a panel and the decision page


def _topic_applications(world, topic, n: int, *, state=S.EXPERT_REVIEW, selection=None, rank_from=None) -> list:
    """`n` applications of other units of prefecture A to `topic`, in `state`, each with a partner; ranked from
    `rank_from` when given."""
    rows = []
    for i in range(n):
        application = f.ApplicationFactory(
            call=topic.call, topic=topic, lead_unit=OrganizationFactory(prefecture=world.prefecture)
        )
        ranked = {"review_rank": rank_from + i, "review_score": Decimal(90 - i)} if rank_from is not None else {}
        Application.objects.filter(pk=application.pk).update(
            status=state, submitted_at=clock.now(), selection=selection, **ranked
        )
        f.partner(application, agreement=False)
        rows.append(application)
    return rows


def _panel(world, status, *, applications=2, experts=5):
    """A panel in `status` on a topic with `applications` under review; scoring or closed: every member has scored
    every one of them."""
    topic = f.topic_of(f.open_call())
    panel = ReviewPanel.objects.create(
        topic=topic, status=status, min_experts=5, trim_from=6, created_by=world.user("regional_officer")
    )
    _grow_panel(world, panel, applications=applications, experts=experts)
    return panel


def _grow_panel(world, panel, *, applications=3, experts=2):
    members = [PanelMember.objects.create(panel=panel, expert=ExpertProfileFactory().user) for _ in range(experts)]
    rows = _topic_applications(world, panel.topic, applications)
    if panel.status != ReviewPanel.Status.FORMING:
        members = list(panel.members.all())
        for application in Application.objects.filter(topic=panel.topic, status=S.EXPERT_REVIEW):
            for member in members:
                if not Review.objects.filter(application=application, expert=member.expert).exists():
                    _scored(panel, application, member.expert)
    if panel.status == ReviewPanel.Status.CLOSED:
        start = Application.objects.filter(topic=panel.topic, review_rank__isnull=False).count() + 1
        for rank, application in enumerate(rows, start=start):
            Application.objects.filter(pk=application.pk).update(review_rank=rank, review_score=Decimal(90 - rank))
        # selected and decided ones show their notice's label
        _topic_applications(world, panel.topic, 1, state=S.SELECTED, selection=_selection(world, panel.topic.call))
        _topic_applications(world, panel.topic, 1, state=S.APPROVED)


@pytest.mark.parametrize("status", [ReviewPanel.Status.FORMING, ReviewPanel.Status.SCORING, ReviewPanel.Status.CLOSED])
def test_a_panel_page_is_flat_in_applications_and_experts(world, client_for, status):
    """Forming: the "open" button's conditions check every member against every application under review (conflicts
    of interest with the lead unit and each partner); scoring: "close" counts the scores; closed: the ranking."""
    panel = _panel(world, status)
    if status == ReviewPanel.Status.SCORING:
        f.review_stage(panel)
    assert_flat(
        client_for("regional_officer"),
        reverse("applications:panel", args=[panel.pk]),
        grow=lambda: _grow_panel(world, panel),
    )


def _selection(world, call, *, objections=0) -> Selection:
    notice = EndedNoticeFactory(created_by=world.user("regional_officer"))
    for _ in range(objections):
        ObjectionFactory(notice=notice)
    return Selection.objects.create(call=call, notice=notice, created_by=world.user("regional_officer"))


def test_the_decision_page_is_flat_in_topics_applications_and_selections(world, client_for):
    """Every topic's ranking, the approve / not approve buttons of each selected application (their notice gate
    reads the notice's objections) and every selection with its notice and objections."""
    call = f.open_call()
    regional = world.user("regional_officer")
    f.review_stage(call)

    def topic_with_ranking():
        topic = f.topic_of(call) if not ReviewPanel.objects.filter(topic__call=call).exists() else None
        topic = topic or TopicFactory(call=call, number=Topic.objects.filter(call=call).count() + 1)
        ReviewPanel.objects.create(
            topic=topic, status=ReviewPanel.Status.CLOSED, min_experts=5, trim_from=6, created_by=regional
        )
        _topic_applications(world, topic, 2, rank_from=1)
        _topic_applications(
            world, topic, 2, state=S.SELECTED, selection=_selection(world, call, objections=1), rank_from=3
        )
        _topic_applications(world, topic, 1, state=S.APPROVED, rank_from=5)

    topic_with_ranking()
    assert_flat(
        client_for("regional_officer"), reverse("applications:decision", args=[call.pk]), grow=topic_with_ranking
    )


def test_a_selected_applications_label_reads_its_notice_with_the_row(world, client_for):
    """`status_label` of a selected application follows its notice's dates: on its page, its panel's page and the
    decision page the notice comes with the row (no query of the notice on its own)."""
    panel = _panel(world, ReviewPanel.Status.CLOSED, applications=1, experts=1)
    selected = Application.objects.get(topic=panel.topic, status=S.SELECTED)
    client = client_for("regional_officer")
    for url in (
        reverse("applications:detail", args=[selected.pk]),
        reverse("applications:panel", args=[panel.pk]),
        reverse("applications:decision", args=[panel.topic.call_id]),
    ):
        _count, sql = page_queries(client, url)
        assert not [q for q in sql if q.startswith('SELECT "portal_publicnotice"')], url


@pytest.mark.parametrize(
    "query", ["?status=%00", "?status=nonsense", "?q=%00", "?q=a%00b", "?call=%00", "?page=%00", "?joined=-1"]
)
def test_a_bad_filter_shows_the_list_not_an_error(world, client_for, query):
    growth.applications(world, 2, lead_unit=world.org)
    response = client_for("unit_admin").get(reverse("applications:list") + query)
    assert response.status_code == 200
    if "status" in query:
        assert len(response.context["page"].object_list) == 2  # an unknown state filters nothing
