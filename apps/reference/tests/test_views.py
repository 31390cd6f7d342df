"""The regional officer's calendar pages: the years with their status, a year's days, entering and removing a
day, confirming a year; bad input gives a Chinese message and changes nothing."""

from datetime import date

import pytest
from django.urls import reverse

from apps.audit.models import AuditEntry
from apps.reference.models import CalendarDay, CalendarYear

from .factories import CalendarDayFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client_for):
    return client_for("regional_officer")


def _text(response):
    return response.content.decode()


def _year_rows(page) -> dict:
    """{year: the text of its row} from the year list."""
    rows = {}
    for row in page.split("<tr>")[2:]:
        year = row.split("</a>")[0].rsplit(">", 1)[-1]
        rows[int(year)] = row
    return rows


def test_the_page_lists_2026_as_confirmed_and_2027_as_provisional_until_confirmed(officer_client, clock):
    clock.set(date(2026, 11, 29))
    page = _text(officer_client.get(reverse("reference:calendar")))
    assert "工作日历" in page
    rows = _year_rows(page)
    assert sorted(rows) == [2025, 2026, 2027, 2028]
    assert "已确认：已公布的放假安排" in rows[2026]
    assert "暂定：仅含法定节假日日期" in rows[2027]
    response = officer_client.post(
        reverse("reference:calendar_year_confirm", args=[2027]), {"source": "国办发明电〔2026〕X号"}
    )
    assert response.status_code == 302
    page = _text(officer_client.get(reverse("reference:calendar_year", args=[2027])))
    assert "已确认：由自治区局工作人员确认" in page and "国办发明电〔2026〕X号" in page
    rows = _year_rows(_text(officer_client.get(reverse("reference:calendar"))))
    assert "已确认：由自治区局工作人员确认" in rows[2027] and "暂定" in rows[2028]
    assert AuditEntry.objects.filter(action="calendar_year.confirm").exists()


def test_the_menu_shows_the_calendar_to_the_regional_officer_only(client_for):
    url = reverse("reference:calendar")
    assert url in _text(client_for("regional_officer").get(reverse("core:home")))
    assert url not in _text(client_for("prefecture_officer").get(reverse("core:home")))


def test_a_year_page_shows_the_holidays_and_make_up_days(officer_client):
    page = _text(officer_client.get(reverse("reference:calendar_year", args=[2026])))
    assert "2026-10-10" in page and "国庆节" in page and "工作日" in page
    assert "已公布的放假安排（chinese-calendar）" in page
    page = _text(officer_client.get(reverse("reference:calendar_year", args=[2027])))
    assert "2027-01-01" in page and "元旦" in page and "法定节假日日期" in page


def test_the_officer_enters_and_removes_a_day(officer_client):
    response = officer_client.post(
        reverse("reference:calendar_day_add", args=[2027]),
        {"date": "2027-02-20", "kind": "make_up_working_day", "note": "春节调休上班"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("reference:calendar_year", args=[2027])
    entry = CalendarDay.objects.get()
    page = _text(officer_client.get(response["Location"]))
    assert "已将 2027-02-20 录入为调休上班日" in page and "春节调休上班" in page
    response = officer_client.post(reverse("reference:calendar_day_remove", args=[entry.pk]), {"remove-reason": "录错"})
    assert response.status_code == 302 and not CalendarDay.objects.exists()
    assert AuditEntry.objects.filter(action="calendar_day.remove", message="录错").exists()


def test_a_duplicate_date_gives_a_chinese_message_and_changes_nothing(officer_client):
    CalendarDayFactory(date=date(2027, 2, 20), kind="make_up_working_day")
    response = officer_client.post(
        reverse("reference:calendar_day_add", args=[2027]),
        {"date": "2027-02-20", "kind": "holiday", "note": "放假"},
    )
    assert response.status_code == 200
    assert "2027-02-20 已有录入（调休上班日）" in _text(response)
    assert CalendarDay.objects.get().kind == "make_up_working_day"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "1999-12-31", "kind": "holiday", "note": "x"}, "工作日历只涵盖 2000 年至 2100 年"),
        ({"date": "2027-02-30", "kind": "holiday", "note": "x"}, "日期"),
        ({"date": "", "kind": "holiday", "note": "x"}, "日期"),
        ({"date": "2027-03-01", "kind": "weekend", "note": "x"}, "类别"),
        ({"date": "2027-03-01", "kind": "holiday", "note": ""}, "理由"),
    ],
)
def test_bad_input_is_refused_with_a_message(officer_client, data, message):
    response = officer_client.post(reverse("reference:calendar_day_add", args=[2027]), data)
    assert response.status_code == 200 and message in _text(response)
    assert not CalendarDay.objects.exists()


def test_an_empty_removal_reason_changes_nothing(officer_client):
    entry = CalendarDayFactory()
    response = officer_client.post(reverse("reference:calendar_day_remove", args=[entry.pk]), {"remove-reason": ""})
    assert response.status_code == 302 and CalendarDay.objects.filter(pk=entry.pk).exists()


def test_confirming_a_published_year_is_refused_with_a_message(officer_client):
    response = officer_client.post(reverse("reference:calendar_year_confirm", args=[2026]), {"source": "x"})
    assert response.status_code == 200 and "无需确认" in _text(response)
    assert not CalendarYear.objects.exists()


def test_years_outside_the_range_are_not_found_and_the_year_box_explains(officer_client):
    assert officer_client.get(reverse("reference:calendar_year", args=[1999])).status_code == 404
    assert officer_client.get(reverse("reference:calendar_year", args=[99999])).status_code == 404
    response = officer_client.get(reverse("reference:calendar") + "?year=2030")
    assert response.status_code == 302 and response["Location"] == reverse("reference:calendar_year", args=[2030])
    response = officer_client.get(reverse("reference:calendar") + "?year=abc", follow=True)
    assert response.status_code == 200 and "2000 年至 2100 年" in _text(response)


def test_removing_an_entry_removed_already_says_so_not_404(officer_client):
    entry = CalendarDayFactory(date=date(2027, 2, 20))
    url = reverse("reference:calendar_day_remove", args=[entry.pk])
    assert officer_client.post(url, {"remove-reason": "录错"}).status_code == 302
    response = officer_client.post(url, {"remove-reason": "录错"}, follow=True)
    assert response.status_code == 200 and "该条录入已删除" in _text(response)
    assert AuditEntry.objects.filter(action="calendar_day.remove").count() == 1


def test_confirming_a_year_confirmed_already_says_so_without_a_new_entry(officer_client):
    url = reverse("reference:calendar_year_confirm", args=[2027])
    officer_client.post(url, {"source": "国办发明电〔2026〕1号"})
    page = _text(officer_client.post(url, {"source": "国办发明电〔2026〕1号"}, follow=True))
    assert "2027 年此前已确认" in page
    assert AuditEntry.objects.filter(action="calendar_year.confirm").count() == 1


def test_overriding_a_published_day_needs_the_checkbox_and_the_page_says_so(officer_client):
    url = reverse("reference:calendar_day_add", args=[2026])
    data = {"date": "2026-12-31", "kind": "holiday", "note": "临时调整"}
    page = _text(officer_client.post(url, data))
    assert "覆盖已公布的安排" in page and not CalendarDay.objects.exists()
    page = _text(officer_client.post(url, {**data, "override_published": "on"}, follow=True))
    assert "覆盖" in page and CalendarDay.objects.filter(date=date(2026, 12, 31)).exists()


def test_a_weekday_as_a_make_up_day_is_refused_on_the_page(officer_client):
    url = reverse("reference:calendar_day_add", args=[2027])
    page = _text(officer_client.post(url, {"date": "2027-03-10", "kind": "make_up_working_day", "note": "x"}))
    assert "该日本来就是工作日" in page and not CalendarDay.objects.exists()


def test_the_dates_of_the_year_page_do_not_wrap(officer_client):
    page = _text(officer_client.get(reverse("reference:calendar_year", args=[2027])))
    assert '<td class="text-nowrap">2027-01-01</td>' in page
