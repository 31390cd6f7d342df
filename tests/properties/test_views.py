"""A handful of POST endpoints through the test client with generated bodies (issue 22): fields missing, lists
where one value is expected, hostile text, bodies of 10^4–10^5 characters. The answer is never a 500: a page
with the form and its errors (200), a redirect after success (302), or a refusal (400/403). A refused post adds
no row and no audit entry."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from apps.audit.models import AuditEntry
from tests.form_tokens import forms_of
from tests.world import login

from . import strategies as hs

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "bureau:task_new": ("regional_officer", ("title", "requirements", "deadline")),
    "bureau:question_new": ("unit_admin", ("subject", "text", "article")),
}


@st.composite
def bodies(draw, names) -> dict:
    body = {}
    for name in names:
        shape = draw(st.sampled_from(["text", "text", "date", "missing", "list", "long"]))
        if shape == "missing":
            continue
        if shape == "list":
            body[name] = [draw(hs.hostile_text(long=False)), draw(hs.markup())]
        elif shape == "date":
            body[name] = draw(hs.date_texts())
        elif shape == "long":
            body[name] = draw(hs.long_text())
        else:
            body[name] = draw(hs.hostile_text(long=False))
    return body


@hs.profile(examples=4)
@given(data=st.data())
def test_posts_with_generated_bodies_never_answer_500(world, data):
    for name, (actor, fields) in ENDPOINTS.items():
        client = Client(raise_request_exception=True)
        login(client, world.user(actor))
        url = reverse(name)
        page = client.get(url)
        assert page.status_code == 200, name
        tokens = [t for form in forms_of(page) for t in form["tokens"]]
        body = data.draw(bodies(fields), label=name)
        if tokens:
            body["form_token"] = tokens[0]
        entries = AuditEntry.objects.count()
        answer = client.post(url, body)
        assert answer.status_code in (200, 302, 400, 403), (name, answer.status_code)
        if answer.status_code != 302:
            assert AuditEntry.objects.count() == entries, name
