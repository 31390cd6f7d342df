"""The error pages are Chinese pages of the site, 405 included (Django's require_POST answers with an empty body)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_get_on_a_post_only_url_gives_the_chinese_405_page(settings, client_for):
    settings.DEMO_MODE = True
    client = client_for("regional_officer")
    response = client.get(reverse("core:clock_advance"))
    page = response.content.decode()
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert "该地址只执行从页面提交的操作" in page and "<!doctype html>" in page.lower()


def test_a_405_with_a_body_of_its_own_is_left_alone(rf):
    from django.http import HttpResponseNotAllowed

    from apps.core.middleware import MethodNotAllowedPageMiddleware

    own = HttpResponseNotAllowed(["POST"], content=b"custom")
    response = MethodNotAllowedPageMiddleware(lambda request: own)(rf.get("/"))
    assert response is own
