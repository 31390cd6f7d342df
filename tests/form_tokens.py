"""The one-time form tokens of a rendered page (apps/core/once.py), read as a browser would send them."""

from html.parser import HTMLParser

from apps.core.once import FIELD


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {"action": attrs.get("action") or "", "tokens": []}
            self.forms.append(self._current)
        elif tag == "input" and self._current is not None and attrs.get("name") == FIELD:
            self._current["tokens"].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def forms_of(response) -> list[dict]:
    parser = _Forms()
    parser.feed(response.content.decode())
    return parser.forms


def token_for(response, action: str, page_url: str = "") -> str:
    """The token of the form on the page that posts to `action` (a form without `action` posts to the page)."""
    found = [
        form["tokens"][-1]
        for form in forms_of(response)
        if form["tokens"] and (form["action"] == action or (not form["action"] and action == page_url))
    ]
    assert found, f"no form posting to {action} carries a one-time token ({FIELD})"
    return found[0]
