"""The showcases part's URLs against every actor of the world (tests/world.py).

The world's unit (甲企业, prefecture A) leads a center; the other unit leads none. So:
- the list: the region and every unit account (a unit sees its own proposals: none for the other unit); 403 else;
- writing a showcase: the region; proposing: the lead unit's administrator and member (the other unit leads no
  center, the region writes directly: 403);
- a proposal of the lead unit: the region and the proposing unit see it (404 for everyone else); only the region
  adopts, declines or edits (403 for the proposing unit);
- a showcase the region wrote: the region only (404 for everyone else, units included);
- the public pages of a published showcase and its photo: everyone, anonymous included;
- the center's tab: whoever sees the center (its lead unit, its prefecture office, the region; 404 else)."""

from tests.permissions import EVERY_LOGGED_IN, Row

REGION = {"regional_officer"}
LEAD_UNIT = {"unit_admin", "unit_member"}
UNITS = LEAD_UNIT | {"unit_admin_other"}
CONTENT = {
    "title": "以专利导航引领稀土抛光材料创新",
    "summary": "专利导航与研发立项联动。",
    "body": "中心建立专利导航与研发立项联动机制。\n\n三年培育核心专利15件。",
    "figure-0-label": "发明专利授权量",
    "figure-0-value": "35",
    "figure-0-unit": "件",
}


def center(w):
    """The world's center, led by the world's unit (prefecture A); built once per world."""
    from apps.centers.models import Center
    from apps.centers.tests.factories import center_for

    found = Center.objects.filter(lead_unit=w.org).first()
    return found or center_for(w)


def proposal(w, **values):
    """A proposal of the lead unit (unit_admin) for its center."""
    from apps.bureau import services_showcases

    data = {
        "title": "稀土抛光材料专利运营经验",
        "summary": "许可转让带动产业化。",
        "body": "中心以许可转让方式推动专利产业化。",
        "figures": [{"label": "专利许可", "value": "6", "unit": "项"}],
        **values,
    }
    return services_showcases.showcase_propose(w.user("unit_admin"), center=center(w), **data)


def draft(w, **values):
    """A showcase the region wrote (a draft, with its text)."""
    from apps.bureau import services_showcases

    data = {"title": "乳业中心专利质押融资经验", "summary": "", "body": "中心以专利质押融资800万元。", **values}
    return services_showcases.showcase_create(w.user("regional_officer"), center=center(w), **data)


def published(w, **values):
    from apps.bureau import services_showcases

    return services_showcases.showcase_publish(w.user("regional_officer"), draft(w, **values))


def photo(showcase, user, n=0):
    """A PNG photo of `showcase` (`n` makes its content unique), stored through the attachments service (the
    showcase must be a draft)."""
    from apps.attachments.tests.factories import upload
    from apps.attachments.tests.samples import png_bytes

    data = png_bytes(2 + n, 2)
    return upload(data, f"现场{n}.png", owner=showcase, user=user, kind="photo", content_type="image/png")


def published_with_photo(w):
    from apps.bureau import services_showcases

    region = w.user("regional_officer")
    showcase = draft(w)
    attachment = photo(showcase, region)
    return services_showcases.showcase_publish(region, showcase), attachment


def _photo_kwargs(w):
    showcase, attachment = published_with_photo(w)
    return {"pk": showcase.pk, "attachment_pk": attachment.pk}


def _act(build, action):
    return lambda w: {"pk": build(w).pk, "action": action}


HIDE_PROPOSAL = EVERY_LOGGED_IN - REGION - LEAD_UNIT
SEES_CENTER = REGION | LEAD_UNIT | {"prefecture_officer"}  # the center's tab: as the center's own pages
HIDE_DRAFT = EVERY_LOGGED_IN - REGION

MATRIX = [
    Row("bureau:showcases", allow=REGION | UNITS),
    Row(
        "bureau:center_showcases",
        lambda w: {"center_pk": published(w).center_id},
        allow=SEES_CENTER,
        hide=EVERY_LOGGED_IN - SEES_CENTER,
        note="the center's tab",
    ),
    Row("bureau:showcases", allow=REGION | UNITS, query="status=proposed&page=2", note="filtered"),
    Row(
        "bureau:showcases",
        allow=REGION | UNITS,
        query="status=proposed&format=xlsx",
        note="the .xlsx export (apps.core.listing)",
    ),
    Row("bureau:showcase_new", allow=REGION),
    Row("bureau:showcase_new", allow=REGION, method="post", data=lambda w: CONTENT, note="post"),
    Row("bureau:showcase_propose", lambda w: (center(w), {})[1], allow=LEAD_UNIT),
    Row(
        "bureau:showcase_propose",
        lambda w: (center(w), {})[1],
        allow=LEAD_UNIT,
        method="post",
        data=lambda w: {**CONTENT, "center": center(w).pk},
        note="post",
    ),
    Row("bureau:showcase", lambda w: {"pk": proposal(w).pk}, allow=REGION | LEAD_UNIT, hide=HIDE_PROPOSAL),
    Row("bureau:showcase", lambda w: {"pk": draft(w).pk}, allow=REGION, hide=HIDE_DRAFT, note="region's draft"),
    Row("bureau:showcase_edit", lambda w: {"pk": draft(w).pk}, allow=REGION, hide=HIDE_DRAFT),
    Row(
        "bureau:showcase_edit",
        lambda w: {"pk": draft(w).pk},
        allow=REGION,
        hide=HIDE_DRAFT,
        method="post",
        data=lambda w: CONTENT,
        note="post",
    ),
    Row(
        "bureau:showcase_edit",
        lambda w: {"pk": proposal(w).pk},
        allow=REGION,
        hide=HIDE_PROPOSAL,
        note="a proposal: the unit cannot edit it",
    ),
    Row(
        "bureau:showcase_act",
        _act(proposal, "adopt"),
        allow=REGION,
        hide=HIDE_PROPOSAL,
        method="post",
        note="adopt",
    ),
    Row(
        "bureau:showcase_act",
        _act(proposal, "decline"),
        allow=REGION,
        hide=HIDE_PROPOSAL,
        method="post",
        data=lambda w: {"reason": "与已发布的经验重复。"},
        note="decline",
    ),
    Row("bureau:showcase_act", _act(draft, "publish"), allow=REGION, hide=HIDE_DRAFT, method="post", note="publish"),
    Row(
        "bureau:showcase_act",
        _act(published, "withdraw"),
        allow=REGION,
        hide=HIDE_DRAFT,
        method="post",
        data=lambda w: {"reason": "数据需要更新。"},
        note="withdraw",
    ),
    Row("bureau:public_showcases", public=True),
    Row("bureau:showcase_public", lambda w: {"pk": published(w).pk}, public=True),
    Row("bureau:showcase_photo", _photo_kwargs, public=True),
]
