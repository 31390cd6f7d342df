"""The rounds' pages (views_rounds): the list per role, the new-round form (every running center ticked, a refusal
keeps what was typed), the round page (commission, evaluations, the transitions with their reasons), the scope, the
transitions, the home-page panels, and the query counts of the list and the round page."""

import datetime

import pytest
from django.urls import reverse

from apps.centers.models import Center
from apps.centers.rules import NAME_PREFIX
from apps.centers.tests.factories import center_for
from apps.centers.tests.funding_setup import running_center
from apps.core.once import FIELD
from tests.form_tokens import token_for
from tests.query_counts import assert_flat

from ..models import Evaluation, EvaluationRound
from . import builders

pytestmark = pytest.mark.django_db

R = EvaluationRound.Status
E = Evaluation.Status


def _form(world, system, **changes) -> dict:
    today = datetime.date.today()
    data = {
        "title": "2025年度绩效评价",
        "period_start": f"{today.year - 1}-01-01",
        "period_end": f"{today.year - 1}-12-31",
        "system": system.pk,
        "evaluator": world.evaluator_org.pk,
        "commission_document": "内市监知字〔2026〕9号",
        "commissioned_on": today.isoformat(),
        "fee": "80000",
        "scoring_due_on": (today + datetime.timedelta(days=45)).isoformat(),
        "excellent_from": "",
        "qualified_from": "",
    }
    data.update(changes)
    return data


def test_the_new_round_form_ticks_every_running_center_and_creates_the_round(world, client_for):
    running = running_center(world)
    idle = center_for(world, status=Center.Status.CONTRACTING)
    system = builders.system()
    client = client_for("regional_officer")
    url = reverse("evaluations:round_new")
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    box = f'name="centers" value="{running.pk}"'
    assert box in html and "checked" in html.split(box)[1].split(">")[0]
    assert f'name="centers" value="{idle.pk}"' not in html
    assert running.prefecture.name in html
    token = token_for(page, url, url)
    response = client.post(url, {**_form(world, system), "centers": [running.pk], FIELD: token})
    made = EvaluationRound.objects.get()
    assert response.status_code == 302 and response["Location"] == made.get_absolute_url()
    assert list(made.evaluations.values_list("center_id", flat=True)) == [running.pk]


def test_a_refused_round_keeps_everything_typed(world, client_for):
    running_center(world)
    system = builders.system()
    client = client_for("regional_officer")
    response = client.post(
        reverse("evaluations:round_new"),
        _form(world, system, title="保留这个标题", excellent_from="60", qualified_from="70"),
    )
    html = response.content.decode()
    assert response.status_code == 200 and "合格分数线须低于优秀分数线" in html
    assert 'value="保留这个标题"' in html and 'value="60"' in html
    assert not EvaluationRound.objects.exists()


def test_a_bad_fee_is_refused_on_the_field(world, client_for):
    system = builders.system()
    response = client_for("regional_officer").post(reverse("evaluations:round_new"), _form(world, system, fee="1_0"))
    assert response.status_code == 200 and "评价费用（元）" in response.content.decode()
    assert not EvaluationRound.objects.exists()


def test_the_region_changes_a_draft_round_and_not_an_open_one(world, client_for):
    draft = builders.round_(world)
    client = client_for("regional_officer")
    url = reverse("evaluations:round_edit", args=[draft.pk])
    page = client.get(url)
    assert page.status_code == 200 and draft.commission_document in page.content.decode()
    data = _form(world, draft.system, title="改过的标题", fee="70000.5")
    response = client.post(url, data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "改过的标题" and str(draft.fee) == "70000.50"

    opened = builders.round_(world, status=R.OPEN)
    response = client.get(reverse("evaluations:round_edit", args=[opened.pk]))
    assert response.status_code == 302 and response["Location"] == opened.get_absolute_url()
    response = client.post(reverse("evaluations:round_edit", args=[opened.pk]), data)
    assert response.status_code == 200 and "只有筹备中" in response.content.decode()


def test_the_round_page_shows_the_commission_the_evaluations_and_the_reasons(world, client_for):
    center = running_center(world)
    draft = builders.round_(world)
    client = client_for("regional_officer")
    html = client.get(draft.get_absolute_url()).content.decode()
    assert draft.commission_document in html and "80,000.00" in html
    assert 'data-action="open"' in html and "disabled" in html and "至少" in html  # no scope yet
    client.post(reverse("evaluations:round_scope", args=[draft.pk]), {"op": "add", "centers": [center.pk]})
    html = client.get(draft.get_absolute_url()).content.decode()
    assert center.name in html and 'id="why-open"' not in html  # now it can be opened


def test_the_region_opens_a_round_from_its_page(world, client_for):
    center = running_center(world)
    draft = builders.round_(world, centers=[center])
    client = client_for("regional_officer")
    response = client.post(reverse("evaluations:round_act", args=[draft.pk, "open"]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == R.OPEN
    evaluation = draft.evaluations.get()
    assert evaluation.scores.exists()
    html = client.get(draft.get_absolute_url()).content.decode()
    assert reverse("evaluations:detail", args=[evaluation.pk]) in html
    assert reverse("evaluations:dossier", args=[evaluation.pk]) in html


def test_a_refused_transition_is_a_message_on_the_page(world, client_for):
    opened = builders.round_(world, status=R.OPEN)
    builders.evaluation(world, round_obj=opened, status=E.SUBMITTED, grade="qualified")
    client = client_for("regional_officer")
    response = client.post(reverse("evaluations:round_act", args=[opened.pk, "publish"]), {"contact": "区局"})
    html = response.content.decode()
    assert response.status_code == 200 and "未经确认" in html and 'value="区局"' in html
    opened.refresh_from_db()
    assert opened.status == R.OPEN


def test_the_region_publishes_and_the_page_links_the_notice(world, client_for):
    opened = builders.round_(world, status=R.OPEN)
    builders.evaluation(world, round_obj=opened, status=E.CONFIRMED, grade="excellent")
    client = client_for("regional_officer")
    response = client.post(reverse("evaluations:round_act", args=[opened.pk, "publish"]), {"contact": "区局"})
    assert response.status_code == 302
    opened.refresh_from_db()
    html = client.get(opened.get_absolute_url()).content.decode()
    assert reverse("portal:notice", args=[opened.notice_id]) in html


def test_an_unknown_transition_is_a_404(world, client_for):
    opened = builders.round_(world, status=R.OPEN)
    response = client_for("regional_officer").post(reverse("evaluations:round_act", args=[opened.pk, "delete"]))
    assert response.status_code == 404


def test_a_center_leaves_the_scope(world, client_for):
    center = running_center(world)
    draft = builders.round_(world, centers=[center])
    client = client_for("regional_officer")
    evaluation = draft.evaluations.get()
    url = reverse("evaluations:round_scope", args=[draft.pk])
    assert client.post(url, {"op": "remove", "evaluation": evaluation.pk}).status_code == 302
    assert not draft.evaluations.exists()
    again = client.post(url, {"op": "remove", "evaluation": evaluation.pk}, follow=True)
    assert "已不在本轮评价范围内" in again.content.decode()


def test_the_evaluator_lists_only_its_organizations_rounds_in_progress(world, client_for):
    from apps.organizations.tests.factories import OrganizationFactory

    opened = builders.round_(world, status=R.OPEN, title="开放中的轮次")
    builders.round_(world, status=R.DRAFT, title="筹备中的轮次")
    builders.round_(world, status=R.CLOSED, title="已结束的轮次")
    other = OrganizationFactory(kind="evaluator")
    builders.round_(world, status=R.OPEN, title="别家的轮次", evaluator=other)
    builders.evaluation(world, round_obj=opened)
    html = client_for("evaluator").get(reverse("evaluations:list")).content.decode()
    assert "开放中的轮次" in html
    assert "筹备中的轮次" not in html and "已结束的轮次" not in html and "别家的轮次" not in html
    assert 'data-count="draft"' in html
    assert 'id="new-round"' not in html


def test_the_home_page_panels(world, client_for):
    opened = builders.round_(world, status=R.OPEN)
    builders.evaluation(world, round_obj=opened)
    builders.evaluation(world, round_obj=opened, status=E.SUBMITTED, grade="qualified")
    announced = builders.round_(world, status=R.ANNOUNCED)
    builders.evaluation(world, round_obj=announced, status=E.CONFIRMED, grade="unqualified")
    evaluator = client_for("evaluator").get(reverse("core:home")).content.decode()
    assert "待评分" in evaluator
    region = client_for("regional_officer").get(reverse("core:home")).content.decode()
    assert "待确认的评价结果" in region and "待作出处理决定的评价结果" in region
    unit = client_for("unit_admin").get(reverse("core:home")).content.decode()
    assert "待评分" not in unit and "待确认的评价结果" not in unit


# ---------------------------------------------------------------- query counts


def _more_evaluations(world, round_, n):
    def grow():
        for _ in range(n):
            builders.evaluation(world, round_obj=round_, status=E.SUBMITTED, grade="qualified")

    return grow


@pytest.mark.parametrize("actor", ["regional_officer", "evaluator"])
def test_the_list_is_flat(world, client_for, actor):
    opened = builders.round_(world, status=R.OPEN)
    builders.evaluation(world, round_obj=opened)

    def grow():
        _more_evaluations(world, opened, 3)()
        builders.round_(world, status=R.OPEN)

    assert_flat(client_for(actor), reverse("evaluations:list"), grow=grow)


@pytest.mark.parametrize("actor", ["regional_officer", "evaluator"])
def test_the_round_page_is_flat(world, client_for, actor):
    opened = builders.round_(world, status=R.OPEN)
    builders.evaluation(world, round_obj=opened)
    assert_flat(client_for(actor), opened.get_absolute_url(), grow=_more_evaluations(world, opened, 3))


def test_the_draft_round_page_is_flat(world, client_for):
    draft = builders.round_(world, centers=[running_center(world)])
    running_center(world)  # one to add: the scope form is shown

    def grow():
        for _ in range(3):
            Evaluation.objects.create(round=draft, center=running_center(world))
            running_center(world)  # and one more to add

    assert_flat(client_for("regional_officer"), draft.get_absolute_url(), grow=grow)


@pytest.mark.postgres
def test_the_regions_panels_on_postgresql(world, client_for):
    """The two panels of the region come from one windowed query (the first rows of each): on PostgreSQL too."""
    test_the_home_page_panels(world, client_for)


def test_the_regions_panels_show_the_first_rows_of_each(world, client_for):
    from apps.evaluations import nav

    opened = builders.round_(world, status=R.OPEN)
    center = running_center(world)
    for _ in range(nav.PANEL_ROWS + 1):
        builders.evaluation(world, round_obj=opened, center=center, status=E.SUBMITTED, grade="qualified")
        opened = builders.round_(world, status=R.OPEN)
    announced = builders.round_(world, status=R.ANNOUNCED)
    builders.evaluation(world, round_obj=announced, center=center, status=E.CONFIRMED, grade="excellent")
    html = client_for("regional_officer").get(reverse("core:home")).content.decode()
    assert "待确认的评价结果" in html and "待作出处理决定的评价结果" in html
    assert html.count("全部评价轮次") == 1  # more submitted than the panel shows; the other panel is complete


# ---------------------------------------------------------------- the results' list


def _graded(world, round_, grade, *, center=None):
    return builders.evaluation(world, round_obj=round_, status=E.CONFIRMED, grade=grade, center=center)


def test_the_results_list_filters_by_year_grade_and_prefecture_and_shows_each_office_its_own(world, client_for):
    from datetime import date

    from apps.centers.tests.factories import center_for

    old = builders.round_(
        world, status=R.ANNOUNCED, period_start=date(2023, 1, 1), period_end=date(2023, 12, 31), title="2023年度"
    )
    new = builders.round_(
        world, status=R.ANNOUNCED, period_start=date(2024, 1, 1), period_end=date(2024, 12, 31), title="2024年度"
    )
    _graded(world, old, "qualified")
    excellent = _graded(world, new, "excellent")
    _graded(world, new, "unqualified", center=center_for(world, org=world.org_other))
    region = client_for("regional_officer")
    url = reverse("evaluations:results")

    def shown(client, query=""):
        return [(e.round.period_end.year, e.grade) for e in client.get(f"{url}?{query}").context["page"]]

    assert sorted(shown(region)) == [(2023, "qualified"), (2024, "excellent"), (2024, "unqualified")]
    assert shown(region, "year=2024&grade=excellent") == [(2024, "excellent")]
    assert shown(region, f"prefecture={world.prefecture.pk}&year=2024") == [(2024, "excellent")]
    # a prefecture office: its own prefecture's centers only, whatever it asks for
    assert sorted(shown(client_for("prefecture_officer"))) == [(2023, "qualified"), (2024, "excellent")]
    assert shown(client_for("prefecture_officer_other"), "grade=excellent") == []
    html = client_for("unit_admin").get(url).content.decode()
    assert reverse("evaluations:detail", args=[excellent.pk]) in html
    # a year that is not a number: the message, every result
    response = region.get(f"{url}?year=abc")
    assert response.status_code == 200 and len(response.context["page"]) == 3


def test_the_results_list_shows_the_newest_confirmed_first_and_sorts_by_year_on_request(world, client_for):
    """The default order is the index `evaluation_confirmed` read backwards (a page reads its 25 rows whatever the
    number of results); the year, the center and the grade sort when their header is clicked."""
    from django.utils import timezone

    from apps.evaluations.models import Evaluation

    date = datetime.date
    rounds = {
        year: builders.round_(
            world,
            status=R.ANNOUNCED,
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            title=f"{year}年度",
        )
        for year in (2023, 2024)
    }
    # confirmed out of the years' order: the 2023 result after the 2024 ones
    moments = {}
    for year, grade, day in ((2024, "qualified", 1), (2024, "excellent", 2), (2023, "unqualified", 3)):
        made = _graded(world, rounds[year], grade, center=center_for(world))
        moments[made.pk] = timezone.make_aware(datetime.datetime(2025, 6, day, 10))
        Evaluation.objects.filter(pk=made.pk).update(confirmed_at=moments[made.pk])
    region = client_for("regional_officer")
    url = reverse("evaluations:results")

    def shown(query=""):
        return [(e.round.period_end.year, e.grade) for e in region.get(f"{url}?{query}").context["page"]]

    assert shown() == [(2023, "unqualified"), (2024, "excellent"), (2024, "qualified")]
    assert shown("sort=confirmed") == [(2024, "qualified"), (2024, "excellent"), (2023, "unqualified")]
    assert [year for year, _grade in shown("sort=-year")] == [2024, 2024, 2023]
    assert [year for year, _grade in shown("sort=year")] == [2023, 2024, 2024]
    html = region.get(url).content.decode()
    assert "确认日期" in html and "2025-06-03" in html


def test_the_rounds_list_filters_by_year_and_status(world, client_for):
    from datetime import date

    builders.round_(world, status=R.OPEN, period_start=date(2023, 1, 1), period_end=date(2023, 12, 31), title="A轮")
    builders.round_(world, status=R.CLOSED, period_start=date(2024, 1, 1), period_end=date(2024, 12, 31), title="B轮")
    client = client_for("regional_officer")
    titles = lambda query: [r.title for r in client.get(reverse("evaluations:list") + query).context["page"]]  # noqa: E731
    assert titles("?year=2023") == ["A轮"]
    assert titles("?status=closed") == ["B轮"]
    assert titles("?sort=title") == ["A轮", "B轮"]
    assert titles("?sort=-title") == ["B轮", "A轮"]


@pytest.mark.parametrize("actor", ["regional_officer", "prefecture_officer", "unit_admin"])
def test_the_results_list_is_flat(world, client_for, actor):
    announced = builders.round_(world, status=R.ANNOUNCED)
    _graded(world, announced, "qualified")

    def grow():
        from apps.centers.tests.funding_setup import running_center

        for grade in ("excellent", "qualified", "unqualified"):
            _graded(world, announced, grade, center=running_center(world))

    assert_flat(client_for(actor), reverse("evaluations:results"), grow=grow)


def _candidates(world, n):
    centers = [center_for(world, status=Center.Status.UNDER_CONSTRUCTION, partners=0) for _ in range(n)]
    for i, center in enumerate(centers):
        Center.objects.filter(pk=center.pk).update(name=f"{NAME_PREFIX}（候选{i}）")
    Center.objects.filter(pk=centers[-1].pk).update(
        name=f"{NAME_PREFIX}（永磁材料）", prefecture=world.prefecture_other
    )
    return [Center.objects.get(pk=c.pk) for c in centers]


def _boxes(html) -> int:
    return html.count('name="centers"')


def test_a_draft_round_offers_a_page_of_centers_and_finds_the_others(world, client_for, monkeypatch):
    """The scope card shows at most SCOPE_CHOICES_SHOWN running centers (the page costs the same with thousands),
    says how many others match, and finds them by a part of the name or by prefecture; a center that was not shown
    is added all the same."""
    from apps.evaluations import forms_rounds

    monkeypatch.setattr(forms_rounds, "SCOPE_CHOICES_SHOWN", 2)
    centers = _candidates(world, 4)
    draft = builders.round_(world, centers=[])
    client = client_for("regional_officer")
    url = draft.get_absolute_url()
    html = client.get(url).content.decode()
    assert _boxes(html) == 2 and 'id="scope-more"' in html and "另有 2 个中心符合条件" in html
    assert 'id="scope-search"' in html and world.prefecture_other.name in html

    found = client.get(url, {"scope_q": "永磁"}).content.decode()
    assert _boxes(found) == 1 and centers[-1].name in found and 'id="scope-more"' not in found
    by_prefecture = client.get(url, {"scope_prefecture": world.prefecture_other.pk}).content.decode()
    assert _boxes(by_prefecture) == 1 and f'value="{centers[-1].pk}"' in by_prefecture
    nothing = client.get(url, {"scope_q": "不存在的名称"}).content.decode()
    assert _boxes(nothing) == 0 and 'id="scope-none"' in nothing

    hidden = centers[2]  # not among the two shown first
    assert f'value="{hidden.pk}"' not in html
    response = client.post(reverse("evaluations:round_scope", args=[draft.pk]), {"op": "add", "centers": [hidden.pk]})
    assert response.status_code == 302
    assert list(draft.evaluations.values_list("center_id", flat=True)) == [hidden.pk]


@pytest.mark.parametrize(
    "query",
    [
        {"scope_q": "中心\x00"},
        {"scope_q": "长" * 101},
        {"scope_prefecture": "1e5"},
        {"scope_prefecture": "99999999999999999999"},
        {"scope_prefecture": "-3"},
        {"scope_q": "<script>alert(1)</script>", "scope_prefecture": "１"},
    ],
)
def test_a_hostile_scope_search_is_answered(world, client_for, query):
    _candidates(world, 1)
    draft = builders.round_(world, centers=[])
    response = client_for("regional_officer").get(draft.get_absolute_url(), query)
    html = response.content.decode()
    assert response.status_code == 200 and "<script>alert(1)</script>" not in html
    if len(query.get("scope_q", "")) > 100:
        assert "最多" in html or "100" in html  # the search box's limit, said on the page


def test_a_refused_addition_shows_the_ticked_center_and_a_page_of_others(world, client_for):
    centers = _candidates(world, 3)
    draft = builders.round_(world, centers=[])
    client = client_for("regional_officer")
    response = client.post(reverse("evaluations:round_scope", args=[draft.pk]), {"op": "add"})
    html = response.content.decode()
    assert response.status_code == 200 and _boxes(html) == 3
    assert all(f'value="{c.pk}"' in html for c in centers)


@pytest.mark.parametrize("every", [True, False])
def test_the_new_round_form_takes_all_running_centers_or_none_when_they_are_too_many(
    world, client_for, monkeypatch, every
):
    """More running centers than a form lists one by one: "every running center (N)", ticked by default; unticked,
    the round starts with none and its page adds them by name or prefecture."""
    from apps.evaluations import forms_rounds

    monkeypatch.setattr(forms_rounds, "SCOPE_CHOICES_SHOWN", 1)
    centers = _candidates(world, 2)
    system = builders.system()
    client = client_for("regional_officer")
    url = reverse("evaluations:round_new")
    page = client.get(url)
    html = page.content.decode()
    assert _boxes(html) == 0 and 'name="every_running"' in html and "全部运行中的中心（2个）" in html
    data = {**_form(world, system), FIELD: token_for(page, url, url)}
    if every:
        data["every_running"] = "on"
    assert client.post(url, data).status_code == 302
    made = EvaluationRound.objects.get()
    expected = {c.pk for c in centers} if every else set()
    assert set(made.evaluations.values_list("center_id", flat=True)) == expected
