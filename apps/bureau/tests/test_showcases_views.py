"""Good practice pages per role: the region's list, writing, editing and buttons; the lead unit's proposal and what it
reads afterwards; bad input shown again in Chinese with everything typed; the public pages (published only) and the
portal's landing page and search; query counts of every list and detail page."""

import pytest
from django.urls import reverse

from apps.bureau import services_showcases as services
from apps.bureau.models import Showcase
from tests.query_counts import assert_flat

from .matrix_showcases import CONTENT, center, draft, photo, proposal, published, published_with_photo

pytestmark = pytest.mark.django_db
# Pages reached through get_absolute_url() below (tests/test_flat_pages.py).
FLAT_PAGES = ("bureau:showcase",)
S = Showcase.Status


def _html(response) -> str:
    return response.content.decode()


# ---------------------------------------------------------------- the region


def test_the_regions_list_puts_waiting_proposals_first_and_filters_by_status(world, client_for):
    published(world, title="已发布的经验")
    waiting = proposal(world, title="等待审核的推荐")
    client = client_for("regional_officer")
    html = _html(client.get(reverse("bureau:showcases")))
    assert html.index("等待审核的推荐") < html.index("已发布的经验")
    filtered = _html(client.get(reverse("bureau:showcases"), {"status": "published"}))
    assert "已发布的经验" in filtered and waiting.title not in filtered
    assert 'href="/bureau/showcases/new/"' in html


def test_the_region_writes_a_showcase_with_figures(world, client_for):
    client = client_for("regional_officer")
    data = {**CONTENT, "center": center(world).pk, "figure-1-label": "专利许可", "figure-1-value": "6"}
    response = client.post(reverse("bureau:showcase_new"), data)
    showcase = Showcase.objects.get()
    assert response.status_code == 302 and response["Location"] == showcase.get_absolute_url()
    assert showcase.status == S.DRAFT and showcase.center == center(world)
    assert showcase.figures == [
        {"label": "发明专利授权量", "value": "35", "unit": "件"},
        {"label": "专利许可", "value": "6", "unit": ""},
    ]


def test_a_figure_that_is_not_a_number_is_refused_with_the_typed_rows_kept(world, client_for):
    client = client_for("regional_officer")
    data = {**CONTENT, "figure-0-value": "约35", "figure-1-label": "专利许可", "figure-1-value": "6"}
    response = client.post(reverse("bureau:showcase_new"), data)
    html = _html(response)
    assert response.status_code == 200 and not Showcase.objects.exists()
    assert "第1行数据（发明专利授权量）：数值须为纯数字" in html
    assert 'value="约35"' in html and 'value="专利许可"' in html and CONTENT["title"] in html


def test_an_empty_title_is_refused_in_chinese(world, client_for):
    response = client_for("regional_officer").post(reverse("bureau:showcase_new"), {**CONTENT, "title": ""})
    assert response.status_code == 200 and not Showcase.objects.exists()
    assert "这个字段是必填项" in _html(response) or "必填" in _html(response)
    assert CONTENT["body"].split("\n")[0] in _html(response)


def test_the_region_edits_a_draft_and_an_edit_of_a_published_one_is_refused(world, client_for):
    client = client_for("regional_officer")
    showcase = draft(world)
    response = client.post(reverse("bureau:showcase_edit", args=[showcase.pk]), {**CONTENT, "title": "改后的标题"})
    assert response.status_code == 302
    showcase.refresh_from_db()
    assert showcase.title == "改后的标题" and showcase.figures[0]["value"] == "35"
    done = services.showcase_publish(world.user("regional_officer"), showcase)
    response = client.post(reverse("bureau:showcase_edit", args=[done.pk]), {**CONTENT, "title": "再改"})
    assert response.status_code == 200 and "只有草稿可以修改" in _html(response)
    done.refresh_from_db()
    assert done.title == "改后的标题"


def test_the_regions_buttons_decline_needs_reasons_and_publish_needs_a_text(world, client_for):
    client = client_for("regional_officer")
    waiting = proposal(world)
    page = _html(client.get(waiting.get_absolute_url()))
    assert 'data-action="adopt"' in page and 'data-action="decline"' in page
    response = client.post(reverse("bureau:showcase_act", args=[waiting.pk, "decline"]), {"reason": ""})
    assert response.status_code == 200 and "请填写理由。" in _html(response)
    waiting.refresh_from_db()
    assert waiting.status == S.PROPOSED
    empty = services.showcase_create(world.user("regional_officer"), center=center(world), title="空的草稿")
    response = client.post(reverse("bureau:showcase_act", args=[empty.pk, "publish"]))
    assert response.status_code == 200 and "尚未填写：正文" in _html(response)
    empty.refresh_from_db()
    assert empty.status == S.DRAFT
    response = client.post(reverse("bureau:showcase_act", args=[waiting.pk, "adopt"]))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == S.DRAFT


def test_an_unknown_action_is_a_404(world, client_for):
    response = client_for("regional_officer").post(reverse("bureau:showcase_act", args=[draft(world).pk, "propose"]))
    assert response.status_code == 404


# ---------------------------------------------------------------- the lead unit


def test_the_lead_unit_proposes_from_the_list_or_with_its_center_chosen(world, client_for):
    client = client_for("unit_member")
    the_center = center(world)
    assert 'id="showcase-propose"' in _html(client.get(reverse("bureau:showcases")))
    form = _html(client.get(reverse("bureau:showcase_propose"), {"center": the_center.pk}))
    assert f'<option value="{the_center.pk}" selected>' in form
    response = client.post(reverse("bureau:showcase_propose"), {**CONTENT, "center": the_center.pk})
    showcase = Showcase.objects.get()
    assert response.status_code == 302 and showcase.status == S.PROPOSED and showcase.proposed_by == world.org


def test_a_proposal_without_a_center_is_refused_with_the_text_kept(world, client_for):
    center(world)
    response = client_for("unit_admin").post(reverse("bureau:showcase_propose"), CONTENT)
    assert response.status_code == 200 and not Showcase.objects.exists()
    assert CONTENT["title"] in _html(response)


def test_the_unit_reads_its_proposal_its_state_and_the_reasons_when_declined(world, client_for):
    showcase = proposal(world)
    client = client_for("unit_admin")
    page = _html(client.get(showcase.get_absolute_url()))
    assert "等待自治区局审核" in page and "data-action" not in page and "showcase-edit" not in page
    services.showcase_decline(world.user("regional_officer"), showcase, "与已发布的经验重复。")
    page = _html(client.get(showcase.get_absolute_url()))
    assert "自治区局不予采用" in page and "与已发布的经验重复。" in page
    listed = _html(client.get(reverse("bureau:showcases")))
    assert showcase.title in listed and "未采用" in listed
    assert client.get(reverse("bureau:showcase_edit", args=[showcase.pk])).status_code == 403


def test_another_units_proposal_is_not_found(world, client_for):
    showcase = proposal(world)
    assert client_for("unit_admin_other").get(showcase.get_absolute_url()).status_code == 404
    assert showcase.title not in _html(client_for("unit_admin_other").get(reverse("bureau:showcases")))


# ---------------------------------------------------------------- the public site


def test_the_public_pages_show_published_showcases_only(world, client):
    shown = published(world, title="公开的经验", figures=[{"label": "授权量", "value": "35", "unit": "件"}])
    hidden = draft(world, title="未发布的草稿")
    waiting = proposal(world, title="等待审核的推荐")
    listed = _html(client.get(reverse("bureau:public_showcases")))
    assert "公开的经验" in listed and "未发布的草稿" not in listed and "等待审核的推荐" not in listed
    page = _html(client.get(reverse("bureau:showcase_public", args=[shown.pk])))
    assert "公开的经验" in page and "35" in page and shown.center.get_public_url() in page.replace("&amp;", "&")
    for other in (hidden, waiting):
        assert client.get(reverse("bureau:showcase_public", args=[other.pk])).status_code == 404


def test_a_photo_is_public_only_while_its_showcase_is_published(world, client):
    showcase, attachment = published_with_photo(world)
    url = reverse("bureau:showcase_photo", args=[showcase.pk, attachment.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert url in _html(client.get(reverse("bureau:showcase_public", args=[showcase.pk])))
    services.showcase_withdraw(world.user("regional_officer"), showcase, "数据需要更新。")
    assert client.get(url).status_code == 404
    unpublished = draft(world)
    other = photo(unpublished, world.user("regional_officer"), 1)
    assert client.get(reverse("bureau:showcase_photo", args=[unpublished.pk, other.pk])).status_code == 404
    assert client.get(reverse("bureau:showcase_photo", args=[showcase.pk, other.pk])).status_code == 404


def test_the_portal_lists_and_finds_published_showcases(world, client):
    shown = published(world, title="稀土抛光材料专利运营典型经验")
    draft(world, title="稀土草稿经验")
    landing = _html(client.get(reverse("portal:landing")))
    assert shown.title in landing and "稀土草稿经验" not in landing
    found = _html(client.get(reverse("portal:search"), {"q": "抛光"}))
    assert shown.title in found and reverse("bureau:showcase_public", args=[shown.pk]) in found
    assert "稀土草稿经验" not in _html(client.get(reverse("portal:search"), {"q": "草稿"}))


# ---------------------------------------------------------------- query counts


def _grow(world, n=6):
    def grow():
        for i in range(n):
            published(world, title=f"经验{i}", figures=[{"label": "授权量", "value": str(i), "unit": "件"}])
            proposal(world, title=f"推荐{i}")

    return grow


@pytest.mark.parametrize("actor", ["regional_officer", "unit_admin"])
def test_the_list_is_flat(world, client_for, actor):
    proposal(world)
    assert_flat(client_for(actor), reverse("bureau:showcases"), grow=_grow(world))


def test_the_detail_page_is_flat(world, client_for):
    showcase = draft(world)
    region = world.user("regional_officer")

    def grow():
        for n in range(1, 4):
            photo(showcase, region, n)

    assert_flat(client_for("regional_officer"), showcase.get_absolute_url(), grow=grow)


def test_the_public_pages_are_flat(world, client):
    showcase, _attachment = published_with_photo(world)
    assert_flat(client, reverse("bureau:public_showcases"), grow=_grow(world))

    def more_photos():
        Showcase.objects.filter(pk=showcase.pk).update(status=S.DRAFT)
        showcase.refresh_from_db()
        for n in range(1, 4):
            photo(showcase, world.user("regional_officer"), n)
        Showcase.objects.filter(pk=showcase.pk).update(status=S.PUBLISHED)

    assert_flat(client, reverse("bureau:showcase_public", args=[showcase.pk]), grow=more_photos)
