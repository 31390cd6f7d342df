"""RFC 5545 text for the personal feed, written here rather than with a library (a few lines of a well-specified
format; no new dependency): a VCALENDAR of all-day VEVENTs.

- TEXT values are escaped (§3.3.11): backslash, semicolon and comma take a backslash; a line break (CRLF, CR or LF)
  becomes the two characters "\\n";
- content lines end with CRLF and are folded at 75 octets (§3.1): a longer line continues on the next one after a
  single space, and a UTF-8 character is never split across lines;
- an all-day event is `DTSTART;VALUE=DATE` with `DTEND` the next day (the end is exclusive, §3.6.1);
- the UID of a deadline is stable across fetches (`Deadline.uid` + `UID_DOMAIN`), so a calendar updates an event
  rather than adding a copy when its date or title changes."""

import datetime
from collections.abc import Iterable

from .deadlines import Deadline

CRLF = "\r\n"
LIMIT = 75  # octets per line, the CRLF not counted
UID_DOMAIN = "agenda.hvp.nmg"
PRODID = "-//Inner Mongolia IP Office//High-Value Patent Cultivation Platform//ZH"


def escape_text(value: str) -> str:
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded into lines of at most 75 octets, each ending with CRLF."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LIMIT:
            pieces.append(current)
            current, size = " ", 1  # the continuation's leading space counts
        current += char
        size += width
    pieces.append(current)
    return CRLF.join(pieces) + CRLF


def _date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event(deadline: Deadline, *, stamp: datetime.datetime, base_url: str, state_label: str) -> list[str]:
    url = base_url + deadline.url if deadline.url.startswith("/") else deadline.url
    description = "\n".join(
        part
        for part in (str(deadline.kind_label), state_label, deadline.center_name, deadline.prefecture_name, url)
        if part
    )
    return [
        "BEGIN:VEVENT",
        f"UID:{deadline.uid}@{UID_DOMAIN}",
        f"DTSTAMP:{_stamp(stamp)}",
        f"DTSTART;VALUE=DATE:{_date(deadline.due)}",
        f"DTEND;VALUE=DATE:{_date(deadline.due + datetime.timedelta(days=1))}",
        f"SUMMARY:{escape_text(deadline.title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"CATEGORIES:{escape_text(str(deadline.kind_label))}",
        f"URL:{url}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def calendar(
    deadlines: Iterable[Deadline],
    *,
    name: str,
    stamp: datetime.datetime,
    base_url: str,
    state_label,
) -> str:
    """The whole feed as text (CRLF line ends, folded). `state_label(deadline)`: its readable state (open, done,
    overdue) for the description."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Asia/Shanghai",
        "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
        "X-PUBLISHED-TTL:PT6H",
    ]
    for deadline in deadlines:
        lines += event(deadline, stamp=stamp, base_url=base_url, state_label=str(state_label(deadline)))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
