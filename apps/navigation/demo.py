"""The patent navigation demo (`manage.py load_demo`, after the patents' demo; Art. 13(2): navigation and the
pre-filing assessment), through the real services, on the centers' demo center 包头稀土 (`rare_earth`), as its
unit administrator:

1. a dataset "稀土永磁产业专利导航数据集" (source incoPat, cut off on 30 June of this year) and a JSON lines file of
   `RECORDS` generated records (bench/navigation/generate.py, seed 2026: 40 % in the rare-earth domains, the rest
   the national background) imported by `services_datasets.import_file` (as the worker's job does);
2. the search index built (`services_search.index_build`, the worker's job);
3. a navigation report "稀土永磁产业专利导航分析" over IPC H01F1/057 and the keywords 稀土 永磁
   (`services_reports.create_report`), shared with the center's IP council;
4. a prior-art search for the demo disclosure "一种低重稀土高矫顽力钕铁硼磁体的晶界扩散方法" (the patents' demo),
   attached to it (`services_search.search`).

Each step runs only when the step before succeeded; a center that already has a dataset is left as it is (loaded
once). Returns {"dataset": …, "report": …, "search": …} (what was made)."""

import logging
import tempfile
from datetime import date
from pathlib import Path

from apps.core import clock

logger = logging.getLogger(__name__)

RECORDS = 5000
SEED = 2026
FOCUS = 0.4
DATASET_NAME = "稀土永磁产业专利导航数据集"
REPORT_TITLE = "稀土永磁产业专利导航分析"
REPORT_SCOPE = {"ipc": "H01F1/057", "keywords": "稀土 永磁"}
DISCLOSURE_TITLE = "一种低重稀土高矫顽力钕铁硼磁体的晶界扩散方法"


def generated_file(folder: Path, records: int = RECORDS) -> Path:
    """The demo's landscape file (JSON lines), written by the benchmark's generator."""
    from bench.navigation import generate

    path = folder / "稀土永磁导航数据.jsonl"
    generate.write_jsonl(path, records, SEED, focus=FOCUS)
    return path


def load(users):
    centers = (users.get("loaded") or {}).get("apps.centers.demo") or {}
    center, user = centers.get("rare_earth"), users.get("unit_admin")
    if center is None or user is None:
        print("apps.navigation.demo: no demo center, navigation skipped.")
        return {}
    return build(center, user)


def build(center, user, *, records: int = RECORDS) -> dict:
    from apps.patents.models import Disclosure

    from . import services_datasets, services_reports, services_search
    from .models import LandscapeDataset

    made: dict = {}
    if LandscapeDataset.objects.filter(center=center).exists():
        return made
    cutoff = date(clock.today().year, 6, 30)
    dataset = services_datasets.dataset_create(
        user, center, name=DATASET_NAME, source="incoPat", cutoff_date=min(cutoff, clock.today())
    )
    made["dataset"] = dataset
    with tempfile.TemporaryDirectory(prefix="hvp-navigation-demo-") as folder:
        done = services_datasets.import_file(dataset, generated_file(Path(folder), records), user=user)
    if done.status != done.Status.DONE:
        logger.warning("navigation demo: the import ended %s: %s", done.status, done.message)
        return made
    dataset.refresh_from_db()
    services_search.index_build(dataset.pk, dataset.version)
    dataset.refresh_from_db()
    report = services_reports.create_report(user, dataset, title=REPORT_TITLE, scope_data=REPORT_SCOPE)
    made["report"] = services_reports.share_report(user, report, shared=True)
    if dataset.index_is_current:
        disclosure = Disclosure.objects.filter(center=center, title=DISCLOSURE_TITLE).first()
        if disclosure is not None:
            made["search"] = services_search.search(
                user,
                dataset,
                title=disclosure.title,
                abstract=f"{disclosure.problem}{disclosure.solution}",
                claims=disclosure.claims_draft,
                disclosure=disclosure,
            )
    return made
