"""The policy questions' @once form for tests/test_double_submit.py: a unit's question sent twice (a double click,
a reload) is kept once."""

from django.urls import reverse

from .matrix_questions import QUESTION


def asked(w):
    from apps.bureau.models import PolicyQuestion
    from tests.test_double_submit import Setup

    url = reverse("bureau:question_new")
    return Setup(url, url, lambda c: QUESTION, PolicyQuestion.objects.count)


def cases(Case) -> list:
    return [Case("bureau:question_new", "unit_member", asked)]
