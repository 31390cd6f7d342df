import pytest
from django.urls import reverse

from apps.applications.statistics import figures
from apps.core.roles import Role

pytestmark = pytest.mark.django_db


def test_officers_see_figures_of_what_they_may_see():
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    from apps.accounts.models import User

    regional = figures(User.objects.get(username="regional"))
    baotou = figures(User.objects.get(username="pref_150200"))
    assert regional["total_applications"] >= baotou["total_applications"] >= 1
    baotou_index = baotou["applications_by_prefecture"]["labels"].index("包头市")
    assert (
        sum(baotou["applications_by_prefecture"]["values"])
        == baotou["applications_by_prefecture"]["values"][baotou_index]
    )  # nothing from other prefectures
    assert "demands_by_industry" in regional and "demands_by_industry" not in baotou
    assert sum(s["value"] for s in regional["applications_by_status"]) == regional["total_applications"]


def test_statistics_page_embeds_data_without_inline_script(world, client_for):
    response = client_for("regional_officer").get(reverse("applications:statistics"))
    html = response.content.decode()
    assert 'id="statistics-data" type="application/json"' in html
    assert "echarts.min.js" in html and "<script>" not in html
    assert world.user("regional_officer").role == Role.REGIONAL_OFFICER
