"""RFC 5545 text: TEXT escaping (§3.3.11), folding at 75 octets without splitting a UTF-8 character (§3.1), all-day
events with an exclusive end (§3.6.1) — without the database."""

import datetime

from apps.agenda import ical
from apps.agenda.deadlines import OPEN, Deadline

TITLE = "整改，限期；第一项\\第二项\n逐条报送, 并附凭证; 完毕"


def _deadline(**values):
    return Deadline(
        **{
            "kind": "rectification",
            "uid": "rectification-7",
            "title": TITLE,
            "due": datetime.date(2026, 5, 31),
            "state": OPEN,
            "url": "/centers/3/rectifications/7/",
            **values,
        }
    )


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_text_escapes_backslash_semicolon_comma_and_line_breaks():
    assert ical.escape_text("a,b;c\\d\ne\r\nf\rg") == "a\\,b\\;c\\\\d\\ne\\nf\\ng"
    assert ical.escape_text("全角，；不变") == "全角，；不变"  # only the ASCII delimiters are special


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "高价值专利培育中心" * 20
    folded = ical.fold(line)
    assert folded.endswith("\r\n")
    physical = folded[:-2].split("\r\n")
    assert len(physical) > 1
    assert all(len(p.encode("utf-8")) <= 75 for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    assert "".join([physical[0], *(p[1:] for p in physical[1:])]) == line  # every piece decodes: nothing split


def test_a_short_line_is_not_folded():
    assert ical.fold("VERSION:2.0") == "VERSION:2.0\r\n"


def test_the_calendar_is_crlf_text_with_an_all_day_event_and_a_stable_uid():
    stamp = datetime.datetime(2026, 5, 4, 2, 0, tzinfo=datetime.UTC)
    text = ical.calendar(
        [_deadline()], name="期限", stamp=stamp, base_url="https://hvp.example.cn", state_label=lambda d: "待办"
    )
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # no bare line feed anywhere
    lines = _unfold(text)
    assert "UID:rectification-7@agenda.hvp.nmg" in lines
    assert "DTSTART;VALUE=DATE:20260531" in lines and "DTEND;VALUE=DATE:20260601" in lines
    assert "DTSTAMP:20260504T020000Z" in lines
    assert "SUMMARY:整改，限期；第一项\\\\第二项\\n逐条报送\\, 并附凭证\\; 完毕" in lines
    assert "URL:https://hvp.example.cn/centers/3/rectifications/7/" in lines
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
