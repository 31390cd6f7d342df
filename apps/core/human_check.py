"""A simple arithmetic question against form-filling bots on public forms (no external captcha service on a
government intranet). The answer lives in the session, one per form."""

import secrets

from django.utils.translation import gettext as _


class Challenge:
    def __init__(self, request, scope: str):
        self.request = request
        self.key = f"human_check:{scope}"

    def new(self) -> "Challenge":
        a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
        self.request.session[self.key] = {"q": f"{a} + {b}", "a": str(a + b)}
        return self

    @property
    def question(self) -> str:
        stored = self.request.session.get(self.key)
        if not stored:
            self.new()
            stored = self.request.session[self.key]
        return _("What is %(q)s? Answer in digits.") % {"q": stored["q"]}

    def check(self, answer: str) -> bool:
        stored = self.request.session.get(self.key)
        ok = bool(stored) and (answer or "").strip() == stored["a"]
        if ok:
            self.request.session.pop(self.key, None)
        return ok
