"""A simple arithmetic question against form-filling bots on public forms (no external captcha service on a
government intranet). The answer lives in the session, one per form, and is good for ONE submission: it carries
a random id that `check` spends in `SpentToken` (a unique insert, apps/core/once.py), so two simultaneous POSTs
with the same answer (both read the same session) pass the check once."""

import secrets

from django.utils.translation import gettext as _

from .once import spend


class Challenge:
    def __init__(self, request, scope: str):
        self.request = request
        self.key = f"human_check:{scope}"

    def new(self) -> "Challenge":
        # Never the answer of the question before it: a script replaying the answer it has just used must not pass
        # the next question by chance (one time in nine otherwise).
        previous = {(self.request.session.get(self.key) or {}).get("a"), self.request.session.get(f"{self.key}:used")}
        while True:
            a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
            if str(a + b) not in previous:
                break
        self.request.session[self.key] = {"q": f"{a} + {b}", "a": str(a + b), "id": secrets.token_hex(8)}
        return self

    @property
    def question(self) -> str:
        stored = self.request.session.get(self.key)
        if not stored:
            self.new()
            stored = self.request.session[self.key]
        return _("What is %(q)s? Answer in digits.") % {"q": stored["q"]}

    def ask_again(self, form, field: str = "human_check") -> None:
        """After a POST that did not go through: a new question in the bound form, the answer typed cleared (the
        form's bound field keeps the help text it was built with, so both are set)."""
        self.new()
        question = self.question
        form.fields[field].help_text = question
        form[field].help_text = question
        form.data = form.data.copy()
        form.data[field] = ""

    def check(self, answer: str) -> bool:
        stored = self.request.session.get(self.key)
        ok = bool(stored) and bool(stored.get("id")) and (answer or "").strip() == stored["a"]
        if ok:
            self.request.session.pop(self.key, None)
            self.request.session[f"{self.key}:used"] = stored["a"]
            ok = spend(f"human_check:{stored['id']}", path=self.request.path)
        return ok
