"""Centers and disclosures in every state for the pre-filing assessment's tests, permission matrix and double-submit
cases, built through the services. The world's unit member writes the disclosures; the unit administrator (no named
assessor) assesses them."""

from apps.centers.models import Center
from apps.centers.tests.factories import center_for
from apps.core import clock

from .. import assessment
from .factories import patent

CONTENT = {
    "title": "一种稀土永磁材料的晶界扩散方法",
    "technical_field": "稀土永磁材料",
    "problem": "重稀土用量大、成本高",
    "solution": "采用晶界扩散工艺，在磁体表面涂覆镝化合物后分级热处理。",
    "claims_draft": "1. 一种稀土永磁材料的晶界扩散方法，其特征在于……",
    "inventors": "张三；李四",
}
SCORES = {"technical": "80", "market": "70", "drafting": "60", "layout": "90"}


def running_center(world, status=Center.Status.UNDER_CONSTRUCTION) -> Center:
    return center_for(world, status=status)


def draft(world, center, *, author="unit_member", **fields):
    return assessment.disclosure_create(world.user(author), center, **{**CONTENT, **fields})


def assess(world, disclosure, conclusion="file", *, assessor="unit_admin", **fields):
    values = {**SCORES, "reasons": "技术方案新颖，市场前景良好。", **fields}
    return assessment.assess(world.user(assessor), disclosure, conclusion=conclusion, **values)


def disclosure_at(world, center, state, *, author="unit_member"):
    """A disclosure of `center` in `state` (draft, submitted, assessed, filed, closed)."""
    disclosure = draft(world, center, author=author)
    if state == "draft":
        return disclosure
    disclosure = assessment.disclosure_submit(world.user(author), disclosure)
    if state == "submitted":
        return disclosure
    if state == "closed":
        assess(world, disclosure, "trade_secret")
        return type(disclosure).objects.get(pk=disclosure.pk)
    assess(world, disclosure, "file")
    disclosure = type(disclosure).objects.get(pk=disclosure.pk)
    if state == "assessed":
        return disclosure
    filed = patent(center, filing_date=clock.today())
    return assessment.disclosure_link(world.user(author), disclosure, patent=filed)
