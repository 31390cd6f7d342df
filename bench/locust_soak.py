"""The users of `make soak` (bench/soak.py starts locust with this file; issue 22): readers, experts scoring,
prefecture officers recommending and unit administrators saving drafts, each logged in as its own account.

    SOAK_PLAN=plan.json SOAK_OUT=requests.jsonl locust -f bench/locust_soak.py --headless --users 100 …

SOAK_PLAN (written by bench/soak.py `prepare`): {"read"|"expert"|"officer"|"unit": [{"username", "cookie",
"targets"}]}; the number of accounts of a kind is its class's `fixed_count`. SOAK_OUT: one JSON line per request
({"type": "request", "kind", "name", "ms", "status", "error"}) and per write sent ({"type": "write", "kind", "user",
"target", "tag", "ok", "lost_race", "status"}), read back by bench/soak.py for its figures and its check.

A write is a browser's: GET the page, take the form as rendered (hidden fields — the CSRF token, the one-time form
token where there is one — inputs, checked boxes, selected options, text areas), change what the user changes,
POST it with the CSRF cookie and the Origin and Referer a browser sends over HTTPS, then follow the redirect.
Sessions and the CSRF cookie go in an explicit Cookie header: they are `Secure` cookies and this client speaks plain
HTTP to gunicorn as the TLS proxy does (X-Forwarded-Proto: https)."""

import itertools
import json
import os
import random
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from locust import HttpUser, between, events, task

PLAN = json.loads(Path(os.environ["SOAK_PLAN"]).read_text(encoding="utf-8")) if "SOAK_PLAN" in os.environ else {}
# One line a record, flushed at once; kept open for the whole run (locust's users write to it as they go).
OUT = open(os.environ["SOAK_OUT"], "a", encoding="utf-8", buffering=1) if "SOAK_OUT" in os.environ else None  # noqa: SIM115
WAIT = tuple(float(x) for x in os.environ.get("SOAK_WAIT", "3,10").split(","))  # seconds between actions
ORIGIN = "https://127.0.0.1"
CSRF_COOKIE = "__Host-csrftoken"
ERROR_ALERT = re.compile(r'<div class="alert alert-danger[^>]*>\s*(.*?)\s*<button', re.S)


def emit(record: dict) -> None:
    if OUT is not None:
        OUT.write(json.dumps(record, ensure_ascii=False) + "\n")


@events.request.add_listener
def _record(request_type, name, response_time, response_length, response=None, exception=None, context=None, **kw):
    status = getattr(response, "status_code", None)
    emit(
        {
            "type": "request",
            "kind": (context or {}).get("kind", "read"),
            "name": name,
            "ms": round(response_time, 1),
            "status": status,
            "error": str(exception)[:200] if exception else "",
        }
    )


# ---------------------------------------------------------------- forms as a browser sends them


class Forms(HTMLParser):
    """The forms of a page: [{"action": str, "fields": [(name, value), …]}], fields as a browser would send them
    without pressing a named button."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._select = None  # (name, [options], selected value or None)
        self._textarea = None  # (name, [text])
        self._option = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action") or "", "fields": []}
            self.forms.append(self._form)
        elif self._form is None or a.get("disabled") is not None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._form["fields"].append((a["name"], a.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], [], None]
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._option = [value, [], "selected" in a]
        elif tag == "textarea" and a.get("name"):
            self._textarea = (a["name"], [])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)
        if self._option is not None:
            self._option[1].append(data)

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            value, text, selected = self._option
            value = value if value is not None else "".join(text).strip()
            self._select[1].append(value)
            if selected:
                self._select[2] = value
            self._option = None
        elif tag == "select" and self._select is not None:
            name, options, selected = self._select
            if selected is None and options:
                selected = options[0]
            if selected is not None and self._form is not None:
                self._form["fields"].append((name, selected))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            value = "".join(text)
            self._form["fields"].append((name, value[1:] if value.startswith("\n") else value))
            self._textarea = None
        elif tag == "form":
            self._form = None


def form_of(html: str, test) -> dict | None:
    parser = Forms()
    parser.feed(html)
    return next((f for f in parser.forms if test(f)), None)


def refusal(html: str) -> str:
    found = ERROR_ALERT.search(html or "")
    return unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()[:200] if found else ""


# ---------------------------------------------------------------- the users


class SoakUser(HttpUser):
    abstract = True
    wait_time = between(*WAIT)  # a person reads, types, clicks
    kind = "read"
    _taken = {}

    def on_start(self):
        counter = SoakUser._taken.setdefault(self.kind, itertools.count())
        self.account = PLAN[self.kind][next(counter)]
        self.csrf = ""
        self.sent = 0
        self.index = self.account["username"]

    # every request: the session (and the CSRF cookie once known), as the TLS proxy forwards it
    def _headers(self, referer: str = "") -> dict:
        cookie = self.account["cookie"] + (f"; {CSRF_COOKIE}={self.csrf}" if self.csrf else "")
        headers = {"Cookie": cookie, "X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
        if referer:
            headers.update(Origin=ORIGIN, Referer=ORIGIN + referer)
        return headers

    def _keep_csrf(self, response) -> None:
        found = re.search(rf"{CSRF_COOKIE}=([^;,\s]+)", response.headers.get("Set-Cookie", ""))
        if found:
            self.csrf = found.group(1)

    def get(self, path: str, name: str):
        """GET a page expected to answer 200; the response, or None (counted as an error)."""
        with self.client.get(
            path,
            headers=self._headers(),
            allow_redirects=False,
            name=f"{self.kind}: {name}",
            context={"kind": self.kind},
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"GET {name}: HTTP {response.status_code}")
                return None
            self._keep_csrf(response)
            return response

    def post(self, path: str, fields: list, name: str, expect: str, refusal_expected: bool = False):
        """POST a form as rendered on `path`'s page; (outcome, response): "ok" on a redirect to `expect`,
        "refused" with the page again (200) and its error message when `refusal_expected` (a lost race), "error"
        otherwise (marked a failure, with the refusal's message when there is one)."""
        with self.client.post(
            path,
            data=fields,
            headers=self._headers(referer=path),
            allow_redirects=False,
            name=f"{self.kind}: {name}",
            context={"kind": self.kind},
            catch_response=True,
        ) as response:
            if response.status_code == 302 and response.headers.get("Location", "").split("#")[0] == expect:
                return "ok", response
            reason = refusal(response.text) if response.status_code == 200 else ""
            if reason and refusal_expected:
                return "refused", response
            response.failure(
                f"POST {name}: HTTP {response.status_code} {response.headers.get('Location', '')}{reason}".strip()
            )
            return "error", response

    def missing_form(self, name: str) -> None:
        """The page answered 200 without the form the user came for: an error, in locust's figures and ours."""
        self.environment.events.request.fire(
            request_type="FORM",
            name=f"{self.kind}: {name}",
            response_time=0,
            response_length=0,
            exception=Exception(f"no {name} on the page"),
            context={"kind": self.kind},
        )

    def tag(self) -> str:
        self.sent += 1
        return f"soak-{self.kind[0]}{self.account['username'].replace('_', '')}-{self.sent}".lower()

    def write(self, **record) -> None:
        emit({"type": "write", "kind": self.kind, "user": self.account["username"], **record})


class Reader(SoakUser):
    """The home page, the application list and an application's page, at random."""

    kind = "read"
    fixed_count = len(PLAN.get("read", []))

    @task
    def read(self):
        path = random.choice(self.account["targets"])
        name = "home" if path == "/workbench/" else "list" if path == "/applications/" else "application"
        self.get(path, name)


class Expert(SoakUser):
    """Opens one of the reviews and saves the scores: every criterion 60–95, the overall opinion with a tag."""

    kind = "expert"
    fixed_count = len(PLAN.get("expert", []))

    @task
    def score(self):
        pk = random.choice(self.account["targets"])
        path = f"/applications/reviews/{pk}/"
        page = self.get(path, "review page")
        if page is None:
            return
        form = form_of(page.text, lambda f: any(name == "comment" for name, _v in f["fields"]))
        if form is None:
            self.missing_form("scoring form")
            return
        tag = self.tag()
        fields = []
        for name, value in form["fields"]:
            if name.startswith("score_"):
                value = str(random.randint(60, 95))
            elif name == "comment":
                value = f"综合意见：研发基础扎实，方案可行（负载测试 {tag}）"
            fields.append((name, value))
        outcome, response = self.post(path, fields, "save scores", expect=path)
        self.write(target=pk, tag=tag, ok=outcome == "ok", status=response.status_code, error=refusal(response.text))
        if outcome == "ok":
            self.get(path, "review page")


class Officer(SoakUser):
    """Walks the office's submitted applications in order — the same list as the other officer of the office — and
    recommends each not yet recommended (a button still on the page); when none is left, reads the list."""

    kind = "officer"
    fixed_count = len(PLAN.get("officer", []))

    def on_start(self):
        super().on_start()
        self.position = 0

    @task
    def recommend(self):
        targets = self.account["targets"]
        while self.position < len(targets):
            pk = targets[self.position]
            self.position += 1
            path, action = f"/applications/{pk}/", f"/applications/{pk}/recommend/"
            page = self.get(path, "application")
            if page is None:
                return
            form = form_of(page.text, lambda f, action=action: f["action"] == action)
            if form is None:
                continue  # the other officer was first: on to the next one at once
            self._wait_reading()
            outcome, response = self.post(action, form["fields"], "recommend", expect=path, refusal_expected=True)
            self.write(
                target=pk,
                tag="",
                ok=outcome == "ok",
                lost_race=outcome == "refused",
                status=response.status_code,
                error=refusal(response.text),
            )
            if outcome != "error":
                self.get(path, "application")
            return
        self.get("/applications/", "list")

    def _wait_reading(self):
        import gevent

        gevent.sleep(random.uniform(0.2, 1.0))


class Unit(SoakUser):
    """Opens the draft and saves it as the page has it, the goals ("建设目标") changed to carry a tag."""

    kind = "unit"
    fixed_count = len(PLAN.get("unit", []))

    @task
    def save(self):
        pk = self.account["targets"][0]
        path = f"/applications/{pk}/edit/"
        page = self.get(path, "edit draft")
        if page is None:
            return
        form = form_of(page.text, lambda f: any(name == "goals" for name, _v in f["fields"]))
        if form is None:
            self.missing_form("draft form")
            return
        tag = self.tag()
        fields = [
            (name, f"建设目标：完善专利培育体系，提升转化运用水平（负载测试 {tag}）" if name == "goals" else value)
            for name, value in form["fields"]
        ]
        outcome, response = self.post(path, fields, "save draft", expect=path)
        self.write(target=pk, tag=tag, ok=outcome == "ok", status=response.status_code, error=refusal(response.text))
        if outcome == "ok":
            self.get(path, "edit draft")
