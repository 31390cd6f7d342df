"""Prior-art search's engine (apps/navigation/search.py): the tokenizer, the index's scores against bm25s's own,
the ranking on a small hand-made corpus, and the highlighting."""

import bm25s
import numpy as np
import pytest

from apps.navigation import search, versions
from apps.navigation.models import LandscapeDataset
from apps.navigation.tests.builders import center_of, dataset_with, record

# ---------------------------------------------------------------- tokenizer


def test_the_fields_terms_are_kept_whole_and_their_parts_emitted():
    tokens = search.tokenize("稀土永磁钕铁硼磁体的晶界扩散工艺，稀土抛光粉和储氢合金")
    for term in ("晶界扩散", "钕铁硼", "稀土抛光粉", "储氢合金", "稀土永磁"):
        assert term in tokens, term
    # the search mode also emits the parts, so "稀土" alone still finds 稀土永磁
    assert {"稀土", "永磁", "晶界", "扩散"} <= set(tokens)


def test_stop_words_and_numbers_are_dropped():
    tokens = search.tokenize("一种装置及方法，其特征在于，所述的温度为1200℃，保温2.5小时，5mm；本发明涉及20%")
    for word in ("一种", "装置", "方法", "其特征在于", "所述", "的", "本发明", "涉及"):
        assert word not in tokens, word
    assert not [token for token in tokens if token[0].isdigit()]
    assert "温度" in tokens and "保温" in tokens


def test_english_is_lower_cased_and_stemmed_lightly():
    assert search.tokenize("The NdFeB Magnets, wherein said batteries comprising Processes") == [
        "ndfeb",
        "magnet",
        "battery",
        "processe",  # Harman's S-stemmer: -es → -e (no Porter stemming)
    ]
    assert search.tokenize("ＮｄＦｅＢ magnet") == ["ndfeb", "magnet"]  # full-width read as ASCII


# ---------------------------------------------------------------- highlighting


def test_highlight_escapes_before_marking():
    html = search.highlight('<script>alert("稀土")</script>稀土永磁 & NdFeB', ["稀土永磁", "稀土", "ndfeb"])
    assert "<script>" not in html
    assert html == (
        "&lt;script&gt;alert(&quot;<mark>稀土</mark>&quot;)&lt;/script&gt;"
        "<mark>稀土永磁</mark> &amp; <mark>NdFeB</mark>"
    )


def test_highlight_without_matches_is_the_escaped_text():
    assert search.highlight("a < b 稀土", []) == "a &lt; b 稀土"


# ---------------------------------------------------------------- index and query

CORPUS = [
    # 1: the obviously closest document to the query below
    (
        "一种烧结钕铁硼磁体的晶界扩散方法",
        "在钕铁硼磁体表面涂覆镝化合物后进行晶界扩散热处理，提高矫顽力，减少重稀土用量。",
    ),
    # 2: the same field, fewer shared terms
    ("一种钕铁硼永磁体的制备方法", "通过速凝铸片和氢破碎制备钕铁硼磁粉，再经烧结得到磁体。"),
    # 3: another field sharing one generic word
    ("一种风力发电机组的偏航控制方法", "根据风向调整风力发电机组的偏航角度，提高发电效率。"),
    # 4: nothing in common
    ("一种发酵乳及其制备方法", "以生鲜乳为原料，接种乳酸菌发酵制得发酵乳。"),
]
QUERY = "钕铁硼磁体晶界扩散 涂覆镝 矫顽力"


@pytest.fixture
def dataset(world):
    records = [record(n, title=title, abstract=abstract, claims="") for n, (title, abstract) in enumerate(CORPUS, 1)]
    ds = dataset_with(center_of(world), world.user("unit_admin"), records)
    info = search.write_index(ds, 1)
    LandscapeDataset.objects.filter(pk=ds.pk).update(index_status="ready", index_version=1)
    ds.refresh_from_db()
    assert info["documents"] == 4 and info["bytes"] > 0
    return ds


def _number(result) -> int:
    return int(result["key"][-8:-2])  # builders.record: AN:2020101<n:06d>.X


@pytest.mark.django_db
def test_the_closest_document_comes_first_and_scores_descend(dataset):
    results = search.query(dataset, QUERY)
    numbers = [_number(r) for r in results]
    assert numbers[:2] == [1, 2]
    assert 4 not in numbers  # no shared term: not a result at all (score 0)
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[1] > 0
    assert {"钕铁硼", "晶界扩散", "矫顽力"} <= set(results[0]["matched"])
    assert "晶界扩散" not in results[1]["matched"]
    assert results[0]["title"] == CORPUS[0][0] and results[0]["applicants"] == ["包头稀土研究院"]
    assert results[0]["year"] == 2020 and results[0]["ipc_main"] == "H01F1/057"


@pytest.mark.django_db
def test_the_index_scores_are_bm25s_own(dataset):
    """The NumPy build gives the scores bm25s's own `BM25.index` gives for the same tokens (Lucene BM25)."""
    tokens = [search.tokenize(f"{title}\n{abstract}\n") for title, abstract in CORPUS]
    reference = bm25s.BM25(k1=search.K1, b=search.B, method=search.METHOD)
    reference.index(tokens, show_progress=False)
    query = search.distinct(search.tokenize(QUERY))
    expected = reference.get_scores(query)
    index = search.load(dataset)
    ours = index.model.get_scores([word for word in query if word in index.model.vocab_dict])
    assert np.allclose(ours, expected, rtol=1e-5)
    by_number = {_number(r): r["score"] for r in search.query(dataset, QUERY)}
    assert by_number[1] == pytest.approx(float(expected[0]), rel=1e-4)


@pytest.mark.django_db
def test_a_text_of_unknown_words_finds_nothing(dataset):
    assert search.query(dataset, "量子计算机芯片") == []
    assert search.query(dataset, "一种方法") == []  # stop words only


@pytest.mark.django_db
def test_a_stale_index_is_refused_in_chinese(dataset):
    from apps.core.errors import DomainError

    LandscapeDataset.objects.filter(pk=dataset.pk).update(version=2)
    dataset.refresh_from_db()
    with pytest.raises(DomainError) as caught:
        search.query(dataset, QUERY)
    assert "索引" in caught.value.message
    LandscapeDataset.objects.filter(pk=dataset.pk).update(status="importing")
    dataset.refresh_from_db()
    with pytest.raises(DomainError) as caught:
        search.query(dataset, QUERY)
    assert "导入" in caught.value.message


@pytest.mark.django_db
def test_prune_keeps_only_the_current_index(dataset):
    search.write_index(dataset, 1)
    stale = search.index_dir(dataset, 0)
    stale.mkdir()
    search.prune(dataset, 1)
    assert not stale.exists() and search.index_dir(dataset, 1).exists()


@pytest.mark.django_db
def test_an_index_written_again_under_the_same_dataset_and_version_is_loaded_afresh(dataset):
    """The process keeps loaded indexes by dataset id and version AND the folder on disk: an index written again
    under the same id and version (a database restored or recreated beside the data directory) is read anew, not
    answered from the index this process loaded before."""
    assert [_number(r) for r in search.query(dataset, QUERY)][:1] == [1]
    other = [record(n, title="一种发酵乳及其制备方法", abstract="接种乳酸菌发酵。", claims="") for n in (7, 8)]
    versions.write_records(dataset, other, version=1)
    search.write_index(dataset, 1)
    assert search.query(dataset, QUERY) == []
    assert {_number(r) for r in search.query(dataset, "发酵乳 乳酸菌")} == {7, 8}
