"""Hooks through which later apps show their public content on the portal without the portal importing them
(dependency direction: portal ← demands ← calls).

- `register_section(provider)`: provider(request) -> list[Section], shown on the landing page;
- `register_search(provider)`: provider(query) -> list[SearchHit], merged into the public title search.
"""

from dataclasses import dataclass, field


@dataclass
class Section:
    title: object
    items: list = field(default_factory=list)  # (label, url, note)
    more_url: str = ""
    empty_text: object = ""
    order: int = 100


@dataclass(frozen=True)
class SearchHit:
    kind: object
    title: str
    url: str
    date: object = None


_sections: list = []
_searches: list = []


def register_section(provider) -> None:
    if provider not in _sections:
        _sections.append(provider)


def register_search(provider) -> None:
    if provider not in _searches:
        _searches.append(provider)


def sections_for(request) -> list[Section]:
    sections = []
    for provider in _sections:
        sections.extend(provider(request) or [])
    return sorted(sections, key=lambda s: s.order)


def search_hits(query: str) -> list[SearchHit]:
    hits = []
    for provider in _searches:
        hits.extend(provider(query) or [])
    return hits
