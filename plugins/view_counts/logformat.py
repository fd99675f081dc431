"""Parse access-log lines in the combined format, fast, as bytes.

    1.2.3.4 - - [27/Feb/2023:23:04:05 +0700] "GET /bai-viet/x/ HTTP/1.1" 200 5123 "-" "Mozilla…"

Millions of lines go through here, so they are matched in large chunks by
one compiled bytes regex, and the time stamps are parsed once per minute.
"""

import re
from datetime import UTC, datetime, timedelta


def view_pattern(prefix: str) -> re.Pattern:
    """Matches the request part of a line that can be an article view: a GET
    of a URL under ``prefix``. Groups: target, status, user agent.

    It starts with a literal, which the regex engine searches for at C speed:
    the lines for other URLs (most of a log) never reach Python.
    """
    return re.compile(
        rb'"GET ('
        + re.escape(prefix.encode())
        + rb'[^ "\n]*) [^"\n]*" (\d{3}) \S+ "[^"\n]*" "([^"\n]*)"'
    )


def line_head(chunk: bytes, request_start: int) -> tuple[bytes, bytes] | None:
    """The client address and time stamp of the line a request was found in."""
    start = chunk.rfind(b"\n", 0, request_start) + 1
    head = chunk[start:request_start]
    opening, closing = head.find(b" ["), head.rfind(b"] ")
    if opening < 0 or closing < opening:
        return None
    return head[: head.find(b" ")], head[opening + 2 : closing]


def malformed_lines(chunk: bytes) -> int:
    """Lines without the '] "' between time stamp and request of the format."""
    return max(0, chunk.count(b"\n") - chunk.count(b'] "'))


_MONTHS = {
    name: number
    for number, name in enumerate(
        b"Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
        start=1,
    )
}


def parse_time(text: bytes) -> int | None:
    """'27/Feb/2023:23:04:05 +0700' → epoch seconds.

    strptime costs microseconds a line; lines of the same minute share
    everything but the seconds, so the minute is parsed once.
    """
    minute = _minutes.get(text[:17] + text[20:])
    if minute is None:
        minute = _parse_minute(text)
        if minute is None:
            return None
        if len(_minutes) > 100_000:
            _minutes.clear()
        _minutes[text[:17] + text[20:]] = minute
    try:
        return minute + int(text[18:20])
    except ValueError:
        return None


_minutes: dict[bytes, int] = {}


def _parse_minute(text: bytes) -> int | None:
    try:
        day, month, rest = text.split(b"/", 2)
        year, hour, minute, second_zone = rest.split(b":", 3)
        _second, zone = second_zone.split(b" ")
        sign = -1 if zone[:1] == b"-" else 1
        offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5])) * sign
        moment = datetime(int(year), _MONTHS[month], int(day), int(hour), int(minute), tzinfo=UTC)
    except (ValueError, KeyError):
        return None
    return int((moment - offset).timestamp())
