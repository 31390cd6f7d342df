"""The regional officer's page: every parameter with its value, default, bounds, unit, source and last change;
one parameter's form with the reason and its history."""

import pytest
from django.urls import reverse

from apps.audit.models import AuditEntry
from apps.parameters.models import Parameter

pytestmark = pytest.mark.django_db


def test_the_page_lists_every_parameter_with_default_bounds_source_and_last_change(world, client_for, sample, share):
    client = client_for("regional_officer")
    client.post(
        reverse("parameters:edit", args=["tests.sample"]), {"value": "12", "reason": "局务会决定", "expected": "10"}
    )
    page = client.get(reverse("parameters:list")).content.decode()
    officer = world.user("regional_officer").display_name
    for text in ("样例参数", "tests.sample", "12", "2 – 20", "样例比例", "0.50 – 1.00", "第 10(3) 条", officer):
        assert text in page, text
    assert reverse("parameters:edit", args=["portal.notice_days"]) in page


def test_the_officer_changes_a_value_with_a_reason_and_sees_it_in_the_history(world, client_for, sample):
    client = client_for("regional_officer")
    url = reverse("parameters:edit", args=["tests.sample"])
    form = client.get(url).content.decode()
    assert 'min="2"' in form and 'max="20"' in form
    response = client.post(url, {"value": "12", "reason": "局务会决定", "expected": "10"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("parameters:list")
    assert sample.value() == 12
    history = client.get(url).content.decode()
    assert "局务会决定" in history and "10" in history and "12" in history
    assert AuditEntry.objects.filter(action="parameter.update", actor=world.user("regional_officer")).count() == 1


def test_a_value_outside_the_bounds_is_refused_on_the_page_naming_the_bounds(world, client_for, sample):
    client = client_for("regional_officer")
    response = client.post(
        reverse("parameters:edit", args=["tests.sample"]), {"value": "25", "reason": "试", "expected": "10"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "须在 2 至 20 个之间" in page
    assert 'value="25"' in page  # what was typed is kept
    assert not Parameter.objects.exists() and not AuditEntry.objects.filter(action="parameter.update").exists()


def test_an_unknown_parameter_is_not_found(client_for, world):
    assert client_for("regional_officer").get(reverse("parameters:edit", args=["tests.nothing"])).status_code == 404


def test_the_menu_shows_the_page_to_the_regional_officer_only(client_for, world):
    url = reverse("parameters:list")
    assert url in client_for("regional_officer").get(reverse("core:home")).content.decode()
    assert url not in client_for("prefecture_officer").get(reverse("core:home")).content.decode()


def test_a_replayed_form_of_the_same_officer_says_who_changed_it_never_someone_else(world, client_for, sample):
    client = client_for("regional_officer")
    url = reverse("parameters:edit", args=["tests.sample"])
    client.post(url, {"value": "12", "reason": "局务会决定", "expected": "10"})  # first tab
    page = client.post(url, {"value": "15", "reason": "再改", "expected": "10"}).content.decode()  # second tab
    officer = world.user("regional_officer").display_name
    assert "其他人" not in page and "其他用户" not in page
    assert f"由 {officer} 改为 12 个" in page and "请核对后重新提交" in page
    assert sample.value() == 12


def test_the_history_names_who_changed_it_by_full_name_as_the_list_does(world, client_for, sample):
    officer = world.user("regional_officer")
    client = client_for("regional_officer")
    url = reverse("parameters:edit", args=["tests.sample"])
    client.post(url, {"value": "12", "reason": "局务会决定", "expected": "10"})
    history = client.get(url).content.decode()
    assert officer.display_name != officer.username
    assert officer.display_name in history and f"<td>{officer.username}</td>" not in history
