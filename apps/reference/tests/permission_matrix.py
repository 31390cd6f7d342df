from tests.permissions import Row

REGIONAL = {"regional_officer"}


def _year(w):
    return {"year": 2027}


def _entry(w):
    import datetime

    from apps.reference.models import CalendarDay

    entry = CalendarDay.objects.create(
        date=datetime.date(2027, 2, 20),
        kind="make_up_working_day",
        note="国务院通知",
        created_by=w.user("regional_officer"),
    )
    return {"pk": entry.pk}


MATRIX = [
    Row("reference:calendar", allow=REGIONAL),
    Row("reference:calendar_year", _year, allow=REGIONAL),
    Row(
        "reference:calendar_day_add",
        _year,
        method="post",
        allow=REGIONAL,
        data=lambda w: {"date": "2027-02-21", "kind": "make_up_working_day", "note": "国务院通知"},
    ),
    Row(
        "reference:calendar_day_remove", _entry, method="post", allow=REGIONAL, data=lambda w: {"remove-reason": "录错"}
    ),
    Row(
        "reference:calendar_year_confirm", _year, method="post", allow=REGIONAL, data=lambda w: {"source": "国务院通知"}
    ),
    Row(
        "reference:calendar_year_withdraw",
        _year,
        method="post",
        allow=REGIONAL,
        data=lambda w: {"withdraw-reason": "x"},
    ),
]
