"""The pre-filing assessment's URLs against every actor of the world.

The center belongs to the world's unit (prefecture A); it exists for its lead unit, its prefecture office and the
region (everyone else: 404). Within it an unfiled disclosure is confidential: it exists only for the lead unit (the
officers: 404); a filed one for everyone who sees the center. Disclosures are written by the unit member and
assessed by the unit administrator (no assessor named):
- the list: whoever sees the center; a new disclosure, a draft's edit, submitting, linking, asking for a
  re-assessment: the lead unit's users;
- the weights and naming the assessor: the lead unit's administrator (403 for its member and the officers);
- the assessment: the administrator (the member is neither named nor the administrator, and wrote it: 403)."""

from tests.permissions import EVERY_LOGGED_IN, Row

SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer"}
UNIT = {"unit_admin", "unit_member"}
ADMIN = {"unit_admin"}
HIDDEN = EVERY_LOGGED_IN - SEES
NOT_UNIT = EVERY_LOGGED_IN - UNIT


def _center(w):
    from apps.patents.tests.assessment_setup import running_center

    return {"pk": running_center(w).pk}


def _disclosure(state, *, author="unit_member"):
    def make(w):
        from apps.patents.tests.assessment_setup import disclosure_at, running_center

        center = running_center(w)
        return {"pk": center.pk, "disclosure_pk": disclosure_at(w, center, state, author=author).pk}

    return make


def _no_choice(w):
    """Nothing chosen: refused on the page (200) for whoever may link, and the disclosure stays unfiled (hidden from
    the officers) for every actor of the row."""
    return {"patent": "", "application_number": ""}


def _assessed_with_a_patent(w):
    from apps.core import clock
    from apps.patents.tests.assessment_setup import disclosure_at, running_center
    from apps.patents.tests.factories import patent

    center = running_center(w)
    disclosure = disclosure_at(w, center, "assessed")
    patent(center, filing_date=clock.today())
    return {"pk": center.pk, "disclosure_pk": disclosure.pk}


MATRIX = [
    Row("patents:disclosures", _center, allow=SEES, hide=HIDDEN),
    Row("patents:disclosures", _center, query="status=submitted&page=x", allow=SEES, hide=HIDDEN, note="filter"),
    Row("patents:disclosure_new", _center, allow=UNIT, hide=HIDDEN),
    Row(
        "patents:disclosure_new",
        _center,
        method="post",
        data=lambda w: {
            "title": "一种方法",
            "technical_field": "材料",
            "problem": "成本",
            "solution": "工艺",
            "inventors": "张三",
        },
        allow=UNIT,
        hide=HIDDEN,
        note="post",
    ),
    Row("patents:assessment_weights", _center, allow=ADMIN, hide=HIDDEN),
    Row(
        "patents:assessment_weights",
        _center,
        method="post",
        data=lambda w: {"technical": "40", "market": "30", "drafting": "10", "layout": "20"},
        allow=ADMIN,
        hide=HIDDEN,
        note="post",
    ),
    Row("patents:disclosure", _disclosure("draft"), allow=UNIT, hide=NOT_UNIT, note="draft"),
    Row("patents:disclosure", _disclosure("submitted"), allow=UNIT, hide=NOT_UNIT, note="submitted"),
    Row("patents:disclosure", _disclosure("filed"), allow=SEES, hide=HIDDEN, note="filed"),
    Row("patents:disclosure_edit", _disclosure("draft"), allow=UNIT, hide=NOT_UNIT),
    Row("patents:disclosure_edit", _disclosure("filed"), allow=set(), hide=HIDDEN, note="filed: nobody edits"),
    Row("patents:disclosure_submit", _disclosure("draft"), method="post", allow=UNIT, hide=NOT_UNIT),
    Row(
        "patents:disclosure_assessor",
        _disclosure("draft", author="unit_admin"),
        method="post",
        data=lambda w: {"assessor": ""},
        allow=ADMIN,
        hide=NOT_UNIT,
    ),
    Row("patents:disclosure_assess", _disclosure("submitted"), allow=ADMIN, hide=NOT_UNIT),
    Row(
        "patents:disclosure_assess",
        _disclosure("submitted", author="unit_admin"),
        allow=set(),
        hide=NOT_UNIT,
        note="the administrator wrote it: conflict of interest",
    ),
    Row(
        "patents:disclosure_assess",
        _disclosure("submitted"),
        method="post",
        data=lambda w: {
            "technical": "80",
            "market": "70",
            "drafting": "60",
            "layout": "90",
            "conclusion": "file",
            "reasons": "可以申请。",
            "assessed_on": "",
        },
        allow=ADMIN,
        hide=NOT_UNIT,
        note="post",
    ),
    Row(
        "patents:disclosure_link",
        _assessed_with_a_patent,
        method="post",
        data=_no_choice,
        allow=UNIT,
        hide=NOT_UNIT,
    ),
    Row(
        "patents:disclosure_reassess",
        _disclosure("closed"),
        method="post",
        data=lambda w: {"reason": "市场变化。"},
        allow=UNIT,
        hide=NOT_UNIT,
    ),
]
