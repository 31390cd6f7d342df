"""Prior-art search (查新检索, Art. 13(2)): the tokenizer, a dataset version's BM25 index (bm25s) and the query.

**Tokenizer** (`tokenize(text) -> list[str]`, the same for documents and queries):
- full-width ASCII (ＡＢＣ１２３) is read as ASCII; the text is cut into runs of Chinese characters, Latin words and
  numbers;
- Chinese runs: real word segmentation with rjieba 0.2 (Rust jieba) in its search mode (`cut_for_search`) on a
  segmenter of our own whose dictionary holds the field's terms (`terms.TERMS`, `Jieba.add_word`): a term is kept
  whole (晶界扩散, 钕铁硼, 稀土抛光粉) and its parts are emitted too (稀土永磁 → 稀土, 永磁, 稀土永磁), so a
  document that writes the parts apart still matches and one with the whole term scores higher;
- Latin words are lower-cased and stemmed LIGHTLY with Harman's S-stemmer (D. Harman, "How effective is
  suffixing?", JASIS 42(1), 1991: -ies → -y, -es → -e, -s → "", except -aies/-eies, -aes/-ees/-oes, -us/-ss):
  "Magnets" → "magnet", "batteries" → "battery"; nothing else (no Porter stemming: claim language is precise);
- numbers (anything that starts with a digit: 1.5, 5mm, 2020) are dropped; stop words (`terms.STOP_WORDS`: 的, 一种,
  所述, 其特征在于, 方法, 装置…, the, said, wherein…) are dropped; punctuation and spaces are never tokens.

**Index** of a dataset version: BM25 (Lucene variant, k1 = 1.5, b = 0.75, the bm25s defaults) over each record's
title + abstract + claims, read with DuckDB from `store.records_sql(dataset, version)` in file order. The term
weights are computed with NumPy in one pass (bm25s's own `index()` keeps every token of every document as a Python
list: ~5 GB at a million abstracts), with bm25s's formulas, and saved with `bm25s.BM25.save` as
`store.dataset_dir(ds)/index-v<version>/` (the CSC matrix as .npy, the vocabulary, the parameters) plus
`corpus.jsonl` + `corpus.offsets.npy`, the records in index order (key, numbers, title, abstract, applicants,
year, main IPC: what a result shows, read by position). Written under `index-v<version>.partial/` and renamed
into place; the indexes of other versions are removed afterwards (`prune`). tests/test_search.py checks that
the scores are bm25s's own `BM25.index` scores for the same tokens.
`write_index(dataset, version) -> {"seconds", "bytes", "documents", "terms"}`; the worker calls it
(`tasks_search.build_index`), the bench through `build_index(dataset)`.

**Query** (`query(dataset, text, k=20) -> list[dict]`): the text's distinct tokens scored against the index
(memory-mapped, loaded once per process and kept by dataset id, version and the index file on disk,
`store.file_stamp`: `load`); the best `k` with a score above 0, best first (ties: index order). Each result: key,
numbers, title, abstract, applicants, year, main IPC, `score` (BM25, rounded to 4 decimals) and `matched` (the
query's tokens found in the record, in query order).
`highlight(text, matched) -> SafeString`: the text HTML-escaped piece by piece with the matching tokens in <mark>.
Refused in Chinese (DomainError) while the dataset imports or has no current index (`require_index`)."""

import json
import mmap
import re
import shutil
import threading
import time
from array import array
from collections import Counter, OrderedDict
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np
import rjieba
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from apps.core.errors import DomainError

from . import store, terms

K1 = 1.5
B = 0.75
METHOD = "lucene"
TOP_K = 20
FETCH_ROWS = 5_000  # records read from DuckDB at a time while indexing
TERM_FREQUENCY = 50_000  # the dictionary frequency of the field's terms: high enough to keep them whole
CACHE_SIZE = 2  # loaded indexes kept per process (the latest versions searched)
EMPTY_TOKEN = ""  # bm25s's token for "no known token" (its `create_empty_token`)

# ---------------------------------------------------------------- tokenizer

_FULL_WIDTH = str.maketrans({**{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}, "\u3000": " "})
_RUN = re.compile(r"[A-Za-z][A-Za-z0-9]*|[0-9][0-9A-Za-z.]*|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_segmenter: rjieba.Jieba | None = None
_segmenter_lock = threading.Lock()


def segmenter() -> rjieba.Jieba:
    """rjieba's segmenter with the field's terms in its dictionary (one per process; rjieba's module-level default
    segmenter is left as it is for other uses)."""
    global _segmenter
    if _segmenter is None:
        with _segmenter_lock:
            if _segmenter is None:
                jieba = rjieba.Jieba()
                for term in terms.TERMS:
                    jieba.add_word(term, TERM_FREQUENCY, None)
                _segmenter = jieba
    return _segmenter


def stem(word: str) -> str:
    """Harman's S-stemmer on a lower-case Latin word."""
    if len(word) > 3:
        if word.endswith("ies") and not word.endswith(("eies", "aies")):
            return word[:-3] + "y"
        if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
            return word[:-1]
        if word.endswith("s") and not word.endswith(("us", "ss")):
            return word[:-1]
    return word


def _latin(word: str) -> str | None:
    term = stem(word.lower())
    return None if term in terms.STOP_WORDS else term


def _chinese(word: str) -> str | None:
    return None if word in terms.STOP_WORDS or not word.strip() else word


def tokenize(text: str) -> list[str]:
    """The search tokens of `text` (see the module's docstring), in text order, repeated as often as they occur."""
    tokens = []
    cut = segmenter().cut_for_search
    for match in _RUN.finditer((text or "").translate(_FULL_WIDTH)):
        run = match.group()
        first = run[0]
        if first.isdigit():
            continue
        if first.isascii():
            term = _latin(run)
            if term:
                tokens.append(term)
            continue
        for word in cut(run):
            if word not in terms.STOP_WORDS:
                tokens.append(word)
    return tokens


def distinct(tokens: list[str]) -> list[str]:
    """The tokens once each, in first-seen order."""
    return list(dict.fromkeys(tokens))


def _spans(text: str):
    """(token, start, end) of every token of `text` (offsets in `text`), as `tokenize` sees them."""
    tokenize_run = segmenter().tokenize
    for match in _RUN.finditer(text.translate(_FULL_WIDTH)):
        run, offset = match.group(), match.start()
        first = run[0]
        if first.isdigit():
            continue
        if first.isascii():
            term = _latin(run)
            if term:
                yield term, offset, match.end()
            continue
        for word, start, end in tokenize_run(run, mode="search"):
            if word not in terms.STOP_WORDS:
                yield word, offset + start, offset + end


def highlight(text: str, matched) -> SafeString:
    """`text` HTML-escaped, with each occurrence of a token in `matched` wrapped in <mark> (overlapping tokens merge
    into one mark). Every piece is escaped before the marks are put around it; only then is the whole marked safe."""
    text = text or ""
    wanted = set(matched or ())
    marks: list[list[int]] = []
    for _token, start, end in sorted((s for s in _spans(text) if s[0] in wanted), key=lambda s: (s[1], s[2])):
        if marks and start <= marks[-1][1]:
            marks[-1][1] = max(marks[-1][1], end)
        else:
            marks.append([start, end])
    pieces, at = [], 0
    for start, end in marks:
        pieces.append(escape(text[at:start]))
        pieces.append("<mark>" + escape(text[start:end]) + "</mark>")
        at = end
    pieces.append(escape(text[at:]))
    return mark_safe("".join(pieces))  # noqa: S308 — every piece above went through escape()


# ---------------------------------------------------------------- the index on disk


def index_dir(dataset, version: int) -> Path:
    return store.dataset_dir(dataset) / f"index-v{version}"


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.iterdir() if path.is_file())


class _Scorer(bm25s.BM25):
    """bm25s's retriever with a faster sum of the query's columns: a term's postings name each document once, so
    `scores[docs] += weights` adds exactly what bm25s's `np.add.at` adds, several times faster."""

    @staticmethod
    def _compute_relevance_from_scores(data, indptr, indices, num_docs, query_tokens_ids, dtype):
        scores = np.zeros(num_docs, dtype=dtype)
        for token in query_tokens_ids:
            start, end = int(indptr[token]), int(indptr[token + 1])
            scores[indices[start:end]] += data[start:end]
        return scores


def _matrix(tokens, tfs, distinct_counts, lengths, vocabulary_size: int):
    """The BM25 (Lucene) weights as a CSC matrix (documents × terms): (data, indices, indptr).

    `tokens[i]`, `tfs[i]`: a term id and its count in a document; `distinct_counts[d]`: how many (term, count) pairs
    document d has (they come in document order); `lengths[d]`: document d's token count."""
    documents = len(lengths)
    doc_of = np.repeat(np.arange(documents, dtype=np.int32), distinct_counts)
    df = np.bincount(tokens, minlength=vocabulary_size)
    idf = np.log1p((documents - df + 0.5) / (df + 0.5)).astype(np.float32)  # bm25s `_score_idf_lucene`
    average = float(lengths.mean()) if documents else 0.0
    norm = K1 * (1 - B + B * lengths / average) if average else np.full(documents, K1, dtype=np.float64)
    weights = (idf[tokens] * (tfs / (tfs + norm[doc_of]))).astype(np.float32)  # bm25s `_score_tfc_lucene`
    del norm
    order = np.argsort(tokens, kind="stable")  # by term, documents ascending within a term (CSC)
    data = weights[order]
    del weights
    indices = doc_of[order]
    del order, doc_of
    indptr = np.zeros(vocabulary_size + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    return data, indices, indptr


CORPUS = "corpus.jsonl"  # one JSON list a record: key, numbers, title, abstract, applicants, year, main IPC
OFFSETS = "corpus.offsets.npy"  # where each record's line starts (bytes)


class Corpus:
    """The records of an index in index order, read by position from the memory-mapped corpus file."""

    def __init__(self, folder: Path):
        self.offsets = np.load(folder / OFFSETS, mmap_mode="r").view(np.ndarray)
        with open(folder / CORPUS, "rb") as file:
            size = file.seek(0, 2)
            self.map = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) if size else b""

    def __getitem__(self, position: int) -> list:
        start = int(self.offsets[position])
        end = self.map.find(b"\n", start)
        return json.loads(self.map[start:end])


CORPUS_COLUMNS = (
    "key, application_number, publication_number, title, abstract, claims, applicants, filing_year, ipc_main"
)


def write_index(dataset, version: int) -> dict:
    """Index the records of `dataset`'s `version` (see the module's docstring) and write
    `index-v<version>/` atomically. Returns {"seconds": float, "bytes": int, "documents": int, "terms": int}.
    Raises DomainError when the version's file is missing."""
    started = time.monotonic()
    source = store.records_sql(dataset, version)
    target = index_dir(dataset, version)
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    vocabulary: dict[str, int] = {}
    tokens, tfs, distinct_counts, lengths = array("i"), array("f"), array("i"), array("i")
    offsets: list[int] = []
    at = 0
    con = store.connect()
    try:
        cursor = con.execute(f"SELECT {CORPUS_COLUMNS} FROM {source}")
        with open(partial / CORPUS, "wb") as corpus:
            while rows := cursor.fetchmany(FETCH_ROWS):
                lines = []
                for key, application, publication, title, abstract, claims, applicants, year, ipc_main in rows:
                    words = tokenize(f"{title or ''}\n{abstract or ''}\n{claims or ''}")
                    counts = Counter(words)
                    for word, count in counts.items():
                        token = vocabulary.get(word)
                        if token is None:
                            token = vocabulary[word] = len(vocabulary)
                        tokens.append(token)
                        tfs.append(count)
                    distinct_counts.append(len(counts))
                    lengths.append(len(words))
                    line = (
                        json.dumps(
                            [key, application, publication, title, abstract, applicants, year, ipc_main],
                            ensure_ascii=False,
                        )
                        + "\n"
                    ).encode()
                    offsets.append(at)
                    at += len(line)
                    lines.append(line)
                corpus.write(b"".join(lines))
    finally:
        con.close()
    np.save(partial / OFFSETS, np.array(offsets, dtype=np.int64))
    documents = len(offsets)
    del offsets
    vocabulary.setdefault(EMPTY_TOKEN, len(vocabulary))
    data, indices, indptr = _matrix(
        np.frombuffer(tokens, dtype=np.int32),
        np.frombuffer(tfs, dtype=np.float32),
        np.frombuffer(distinct_counts, dtype=np.int32),
        np.frombuffer(lengths, dtype=np.int32).astype(np.float64),
        len(vocabulary),
    )
    del tokens, tfs
    model = bm25s.BM25(k1=K1, b=B, method=METHOD)
    model.scores = {"data": data, "indices": indices, "indptr": indptr, "num_docs": documents}
    model.vocab_dict = vocabulary
    model.nonoccurrence_array = None
    model.save(partial, show_progress=False)  # no corpus given: ours is in place already
    shutil.rmtree(target, ignore_errors=True)
    partial.rename(target)
    return {
        "seconds": round(time.monotonic() - started, 3),
        "bytes": _size(target),
        "documents": documents,
        "terms": len(vocabulary) - 1,
    }


def prune(dataset, keep_version: int) -> None:
    """Remove the index folders of versions other than `keep_version` (and any half-written one)."""
    folder = store.dataset_dir(dataset)
    if not folder.exists():
        return
    for path in folder.glob("index-v*"):
        if path.name != f"index-v{keep_version}":
            shutil.rmtree(path, ignore_errors=True)
    _forget(dataset.pk, keep_version)


def discard(dataset, version: int) -> None:
    """Remove one version's index (a build that lost to a newer dataset version)."""
    shutil.rmtree(index_dir(dataset, version), ignore_errors=True)
    shutil.rmtree(index_dir(dataset, version).with_name(f"index-v{version}.partial"), ignore_errors=True)


# ---------------------------------------------------------------- loading (once per process)


@dataclass(frozen=True)
class Index:
    model: _Scorer
    corpus: Corpus
    documents: int
    version: int


_cache: "OrderedDict[tuple[int, int, str], Index]" = OrderedDict()  # (id, version, `store.file_stamp`)
_cache_lock = threading.Lock()


def _forget(dataset_pk: int, keep_version: int | None = None) -> None:
    with _cache_lock:
        for cached in [key for key in _cache if key[0] == dataset_pk and key[1] != keep_version]:
            del _cache[cached]


def require_index(dataset) -> None:
    """Refuse (Chinese DomainError) a search while the dataset imports or its index is not the current version's."""
    status, index_status = type(dataset).Status, type(dataset).IndexStatus
    if dataset.status == status.IMPORTING:
        raise DomainError(
            _("The dataset is being imported: search it again when the import has finished."), code="importing"
        )
    if not dataset.is_ready:
        raise DomainError(_("The dataset has no records yet: import a file first."), code="dataset_empty")
    if dataset.index_is_current:
        return
    if dataset.index_status == index_status.BUILDING:
        raise DomainError(
            _("The search index of this dataset is being built: try again in a few minutes."), code="index_building"
        )
    if dataset.index_status == index_status.FAILED:
        raise DomainError(
            _("The search index of this dataset could not be built: build it again from the dataset's search page."),
            code="index_failed",
        )
    raise DomainError(_not_built(), code="index_missing")


def _not_built() -> str:  # one wording in two places
    return _("The search index of the dataset's current version has not been built yet: try again in a few minutes.")


def load(dataset) -> Index:
    """The dataset's current index, from the process's cache or from disk (memory-mapped)."""
    require_index(dataset)
    version = dataset.index_version
    folder = index_dir(dataset, version)
    # the folder as it is on disk: an index written again under the same dataset id and version (a database
    # restored or recreated beside the data directory) is another index, not the one this process loaded
    written = store.file_stamp(folder / "params.index.json")
    if written is None:
        raise DomainError(_not_built(), code="index_missing")
    key = (dataset.pk, version, written)
    with _cache_lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    model = _Scorer.load(folder, mmap=True, load_corpus=False, show_progress=False)
    for name in ("data", "indices", "indptr"):  # plain views of the maps: no np.memmap overhead per slice
        model.scores[name] = model.scores[name].view(np.ndarray)
    index = Index(model=model, corpus=Corpus(folder), documents=int(model.scores["num_docs"]), version=version)
    with _cache_lock:
        _cache[key] = index
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return index


# ---------------------------------------------------------------- query

MAX_QUERY_TERMS = 64  # the query's distinct known tokens scored: the rarest ones (highest IDF)


def _top(scores: np.ndarray, k: int) -> list[int]:
    """Positions of the best `k` scores above 0, best first, ties in index order."""
    k = min(k, len(scores))
    if k <= 0:
        return []
    candidates = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    return sorted((int(i) for i in candidates if scores[i] > 0), key=lambda i: (-float(scores[i]), i))


def _holding(index: Index, tokens: list[int], documents: list[int]) -> dict[int, set[int]]:
    """For each document, which of `tokens` it holds (each token's postings are sorted by document: one binary
    search of all the documents per token)."""
    indptr, indices = index.model.scores["indptr"], index.model.scores["indices"]
    wanted = np.array(sorted(documents), dtype=np.int64)
    held: dict[int, set[int]] = {document: set() for document in documents}
    for token in tokens:
        postings = indices[int(indptr[token]) : int(indptr[token + 1])]
        at = np.searchsorted(postings, wanted)
        inside = at < len(postings)
        found = wanted[inside][postings[at[inside]] == wanted[inside]]
        for document in found.tolist():
            held[document].add(token)
    return held


def query_terms(index: Index, text: str) -> tuple[list[str], list[int]]:
    """The text's distinct tokens known to the index (first-seen order) and the ids of those scored: all of them,
    or the MAX_QUERY_TERMS rarest of a long text (a disclosure's claims run to thousands of tokens; the commonest
    add little to the ranking and most of the time)."""
    vocabulary = index.model.vocab_dict
    words = [word for word in distinct(tokenize(text)) if word in vocabulary and word != EMPTY_TOKEN]
    ids = [vocabulary[word] for word in words]
    if len(ids) > MAX_QUERY_TERMS:
        indptr = index.model.scores["indptr"]
        frequency = {token: int(indptr[token + 1] - indptr[token]) for token in ids}
        ids = sorted(ids, key=lambda token: (frequency[token], token))[:MAX_QUERY_TERMS]
    return words, ids


def query(dataset, text: str, k: int = TOP_K) -> list[dict]:
    """The `k` records of the dataset's current index most similar to `text` (see the module's docstring)."""
    index = load(dataset)
    words, ids = query_terms(index, text)
    if not ids or index.documents == 0:
        return []
    scores = index.model.get_scores_from_ids(ids)
    vocabulary = index.model.vocab_dict
    positions = _top(scores, k)
    held = _holding(index, [vocabulary[word] for word in words], positions)
    results = []
    for position in positions:
        key, application, publication, title, abstract, applicants, year, ipc_main = index.corpus[position]
        results.append(
            {
                "key": key,
                "application_number": application or "",
                "publication_number": publication or "",
                "title": title or "",
                "abstract": abstract or "",
                "applicants": list(applicants or []),
                "year": year,
                "ipc_main": ipc_main or "",
                "score": round(float(scores[position]), 4),
                "matched": [word for word in words if vocabulary[word] in held[position]],
            }
        )
    return results


def build_index(dataset) -> dict:
    """For the bench: index the dataset's current version now (no worker, no database change)."""
    return write_index(dataset, dataset.version)
