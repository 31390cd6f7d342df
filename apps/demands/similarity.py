"""Suggest possible duplicates while an officer screens a demand: same industry and a title whose character
bigrams overlap enough (Jaccard similarity). Simple, explainable and good enough for Chinese titles, which have
no spaces to split words on."""

import re
import unicodedata

THRESHOLD = 0.3
_NOISE = re.compile(r"[\W_]+", re.UNICODE)
# Words nearly every demand title has: they say nothing about the subject.
_STOPWORDS = ("关于", "需求", "技术", "研究", "开发", "项目", "的")


def normalise(title: str) -> str:
    text = unicodedata.normalize("NFKC", title or "").lower()
    for word in _STOPWORDS:
        text = text.replace(word, "")
    return _NOISE.sub("", text)


def bigrams(title: str) -> set[str]:
    text = normalise(title)
    if len(text) < 2:
        return {text} if text else set()
    return {text[i : i + 2] for i in range(len(text) - 1)}


def jaccard(a: str, b: str) -> float:
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def similar(demand, candidates, threshold: float = THRESHOLD, limit: int = 5) -> list[tuple]:
    """(candidate, similarity) pairs at or above `threshold`, most similar first."""
    scored = [
        (other, round(jaccard(demand.title, other.title), 2))
        for other in candidates
        if other.pk != demand.pk and other.industry_id == demand.industry_id
    ]
    scored = [(other, score) for other, score in scored if score >= threshold]
    scored.sort(key=lambda pair: (-pair[1], pair[0].pk))
    return scored[:limit]
