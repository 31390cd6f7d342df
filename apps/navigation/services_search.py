"""Prior-art search (查新检索) for the pre-filing assessment (专利申请前评估, Art. 13(2)): the only code that writes
searches and the datasets' index state.

- `search(user, dataset, *, title, abstract, claims, disclosure=None) -> PriorArtSearch`: the lead unit
  (`policies.can_work`) searches a dataset's current index with a disclosure's text; the results as found (top 20,
  scores, matching terms) are kept with the search. Refused in Chinese, nothing saved: no text, a text over its
  limit (title 300 characters, abstract and claims `SEARCH_TEXT_MAX` = 20 000 each: a disclosure's claims run to a
  few thousand characters; 100 000 is a pasted document, not a search), no searchable word, a disclosure of another
  center, the dataset importing or without a current index. The audit entry names the dataset, the disclosure, the
  version and the number of results, never the text (an unpublished invention: `register_confidential` masks the
  search's text fields in the trail as well);
- `index_request(user, dataset)`: the lead unit asks for the index of the current version to be built (after a
  failure, or for a dataset imported before the index existed); enqueued on commit;
- `index_build(dataset_id, version) -> str`: the worker's build. The job claims the build with a conditional UPDATE
  (index_status → building, only for the dataset's current version, not building already — unless the claim is
  older than `STALE_BUILD`, a worker that died — and not built already), writes the index (`engine.write_index`),
  then moves the dataset to ready with the build's time and size by a second conditional UPDATE that holds only if
  the dataset is still at that version. A build that lost to a newer version discards its files, leaves the state
  for the newer version and enqueues that version's build; a build that fails is marked failed (the lead unit may
  request it again)."""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit import confidential
from apps.audit import services as audit
from apps.core import inputs
from apps.core.errors import DomainError
from apps.core.policy import require

from . import policies, search_index
from . import search as engine
from .models import LandscapeDataset, PriorArtSearch

logger = logging.getLogger(__name__)

IndexStatus = LandscapeDataset.IndexStatus
SEARCH_TEXT_MAX = inputs.TEXT_MAX  # characters per field (abstract, claims)
TITLE_MAX = PriorArtSearch._meta.get_field("title").max_length
STALE_BUILD = timedelta(hours=6)  # a build claimed longer ago than this is taken over (its worker died)

SEARCH_VISIBLE = {"id", "center", "dataset", "disclosure", "dataset_version", "created_by", "created_at"}


def register_confidential() -> None:
    """The trail shows that a search was made, by whom, on which dataset, never its text or results."""
    confidential.register(
        object_type="navigation.priorartsearch", fields=confidential.ALL, visible=SEARCH_VISIBLE, message=True
    )


def _label(field: str) -> str:
    return str(PriorArtSearch._meta.get_field(field).verbose_name)


def _fresh(dataset) -> LandscapeDataset:
    return LandscapeDataset.objects.select_related("center").get(pk=dataset.pk)


# ---------------------------------------------------------------- searching


def search(user, dataset, *, title: str, abstract: str = "", claims: str = "", disclosure=None) -> PriorArtSearch:
    require(policies.can_work(user, dataset.center))
    title = inputs.normalised_text(title, single_line=True)
    abstract, claims = inputs.normalised_text(abstract), inputs.normalised_text(claims)
    inputs.check_length(title, limit=TITLE_MAX, label=_label("title"))
    inputs.check_length(abstract, limit=SEARCH_TEXT_MAX, label=_label("abstract"))
    inputs.check_length(claims, limit=SEARCH_TEXT_MAX, label=_label("claims"))
    if not (title or abstract or claims):
        raise DomainError(_("Enter the title, abstract or claims of the invention to search for."), code="empty")
    if disclosure is not None and disclosure.center_id != dataset.center_id:
        raise DomainError(
            _("The disclosure belongs to another center: search one of its own center's datasets."), code="center"
        )
    dataset = _fresh(dataset)
    engine.require_index(dataset)
    text = "\n".join((title, abstract, claims))
    words = engine.distinct(engine.tokenize(text))
    if not words:
        raise DomainError(
            _("The text has no searchable words (numbers and words such as “一种”, “所述”, “方法” are left out)."),
            code="no_terms",
        )
    results = engine.query(dataset, text)
    with transaction.atomic():
        found = PriorArtSearch.objects.create(
            center=dataset.center,
            dataset=dataset,
            disclosure=disclosure,
            title=title,
            abstract=abstract,
            claims=claims,
            terms=words,
            results=results,
            dataset_version=dataset.index_version,
            created_by=user,
        )
        audit.record(
            "navigation.search",
            found,
            object_repr=_("Prior-art search %(number)s") % {"number": found.pk},
            after={
                "dataset": dataset.pk,
                "disclosure": disclosure.pk if disclosure is not None else None,
                "dataset_version": dataset.index_version,
                "results": len(results),
            },
            actor=user,
        )
    return found


# ---------------------------------------------------------------- the index


def _claimable(dataset_id: int, version: int) -> Q:
    fresh_claim = Q(index_status=IndexStatus.BUILDING, updated_at__gte=timezone.now() - STALE_BUILD)
    built = Q(index_status=IndexStatus.READY, index_version=version)
    return Q(pk=dataset_id, version=version) & ~fresh_claim & ~built


def index_request(user, dataset) -> LandscapeDataset:
    """The lead unit asks for the current version's index (built by the worker)."""
    require(policies.can_work(user, dataset.center))
    dataset = _fresh(dataset)
    if dataset.status == LandscapeDataset.Status.IMPORTING:
        raise DomainError(
            _("The dataset is being imported: its index is built when the import has finished."), code="importing"
        )
    if not dataset.is_ready:
        raise DomainError(_("The dataset has no records yet: import a file first."), code="dataset_empty")
    if dataset.index_is_current:
        raise DomainError(_("The search index of this dataset is up to date."), code="index_current")
    if not LandscapeDataset.objects.filter(_claimable(dataset.pk, dataset.version)).exists():
        raise DomainError(
            _("The search index of this dataset is being built: try again in a few minutes."), code="index_building"
        )
    with transaction.atomic():
        audit.record(
            "navigation.search_index.request",
            dataset,
            after={"version": dataset.version, "index_status": dataset.index_status},
            actor=user,
        )
        search_index.enqueue_build(dataset)
    return dataset


def index_build(dataset_id: int, version: int) -> str:
    claimed = LandscapeDataset.objects.filter(_claimable(dataset_id, version)).update(
        index_status=IndexStatus.BUILDING, updated_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    dataset = LandscapeDataset.objects.get(pk=dataset_id)
    try:
        info = engine.write_index(dataset, version)
    except Exception:
        logger.exception("navigation: index build of dataset %s version %s failed", dataset_id, version)
        engine.discard(dataset, version)
        if _lost(dataset_id, version):
            return "skipped"
        LandscapeDataset.objects.filter(pk=dataset_id, version=version, index_status=IndexStatus.BUILDING).update(
            index_status=IndexStatus.FAILED
        )
        return "failed"
    with transaction.atomic():
        moved = LandscapeDataset.objects.filter(
            pk=dataset_id, version=version, index_status=IndexStatus.BUILDING
        ).update(
            index_status=IndexStatus.READY,
            index_version=version,
            index_built_at=timezone.now(),
            index_seconds=info["seconds"],
            index_bytes=info["bytes"],
        )
        if moved:
            audit.record(
                "navigation.search_index.built",
                object_type="navigation.landscapedataset",
                object_id=dataset_id,
                object_repr=dataset.name,
                after={"index_version": version, **info},
            )
    if not moved:
        engine.discard(dataset, version)
        _lost(dataset_id, version)
        return "skipped"
    engine.prune(dataset, version)
    return "built"


def _lost(dataset_id: int, version: int) -> bool:
    """When the dataset moved on to a newer version during a build: hand the state over to that version (its own
    job found the dataset claimed and skipped) and enqueue its build. True when it moved on."""
    current = LandscapeDataset.objects.filter(pk=dataset_id).values_list("version", flat=True).first()
    if current is None or current == version:
        return False
    LandscapeDataset.objects.filter(pk=dataset_id, index_status=IndexStatus.BUILDING).update(
        index_status=IndexStatus.NONE
    )
    search_index.enqueue_now(dataset_id)
    return True
