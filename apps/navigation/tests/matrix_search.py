"""Prior-art search's URLs against every actor of the world (tests/world.py).

The dataset, the disclosure and the search belong to a running center led by the world's unit (prefecture A) whose
current partner is the other prefecture's unit (unit_admin_other), so:
- a search form from a dataset, its POST and the request to build the index: the lead unit (administrator and
  member); the prefecture office of A and the region see the dataset but do not search (403); everyone else does
  not see the dataset (404). The dataset has no index here: the POST answers with the form and the Chinese refusal;
- the search form from a draft disclosure: the lead unit; the disclosure is unfiled, so nobody else sees it (404);
- a search's results: the lead unit only (404 for everyone else: the text is an unpublished invention);
- a center's past searches: the lead unit; the partner, the prefecture office of A and the region see the center
  but not its searches (403); everyone else does not see the center (404)."""

from tests.permissions import EVERY_LOGGED_IN, Row

LEAD_UNIT = {"unit_admin", "unit_member"}
SEE_DATASET = LEAD_UNIT | {"prefecture_officer", "regional_officer"}
SEE_CENTER = SEE_DATASET | {"unit_admin_other"}
SEARCH_DATA = {"title": "一种稀土永磁材料的晶界扩散方法", "abstract": "采用晶界扩散工艺降低重稀土用量。", "claims": ""}


def _center(w):
    from apps.navigation.tests.builders import center_of

    return center_of(w)


def _dataset(w):
    from apps.navigation.tests.builders import dataset_with, record

    return dataset_with(_center(w), w.user("unit_admin"), [record(1), record(2, title="一种风力发电机组")])


def _disclosure(w):
    from apps.patents.tests.assessment_setup import draft

    return draft(w, _center(w))


def _search(w):
    from apps.navigation.models import PriorArtSearch

    dataset = _dataset(w)
    return PriorArtSearch.objects.create(
        center=dataset.center,
        dataset=dataset,
        title="一种稀土永磁材料",
        abstract="晶界扩散",
        results=[],
        dataset_version=1,
        created_by=w.user("unit_admin"),
    )


MATRIX = [
    Row(
        "navigation:search_new",
        lambda w: {"dataset_pk": _dataset(w).pk},
        allow=LEAD_UNIT,
        hide=EVERY_LOGGED_IN - SEE_DATASET,
    ),
    Row(
        "navigation:search_new",
        lambda w: {"dataset_pk": _dataset(w).pk},
        allow=LEAD_UNIT,
        hide=EVERY_LOGGED_IN - SEE_DATASET,
        method="post",
        data=lambda w: SEARCH_DATA,
        note="post",
    ),
    Row(
        "navigation:search_index",
        lambda w: {"dataset_pk": _dataset(w).pk},
        allow=LEAD_UNIT,
        hide=EVERY_LOGGED_IN - SEE_DATASET,
        method="post",
    ),
    Row(
        "navigation:search_disclosure",
        lambda w: {"disclosure_pk": _disclosure(w).pk},
        allow=LEAD_UNIT,
        hide=EVERY_LOGGED_IN - LEAD_UNIT,
    ),
    Row(
        "navigation:search",
        lambda w: {"pk": _search(w).pk},
        allow=LEAD_UNIT,
        hide=EVERY_LOGGED_IN - LEAD_UNIT,
    ),
    Row(
        "navigation:searches",
        lambda w: {"pk": _center(w).pk},
        allow=LEAD_UNIT,
        hide=EVERY_LOGGED_IN - SEE_CENTER,
    ),
]
