"""Check an iCalendar file (RFC 5545): CRLF line endings, physical lines of at most 75 octets
that are each valid UTF-8 (so no fold splits a character), a parse by the icalendar library
without errors, the calendar's required properties, and one all-day VEVENT per event; then load
it with the other libraries calendar tools use (ics, icalevents, recurring-ical-events) and
count the events each of them finds.

usage: check_ical.py CALENDAR.ics EXPECTED_EVENT_COUNT
Exits 1 and prints the problems when there are any; prints the count otherwise.
"""
import datetime
import sys

import icalendar

path, expected = sys.argv[1], int(sys.argv[2])
data = open(path, "rb").read()
problems = []

if not data.endswith(b"\r\n"):
    problems.append("the file does not end with CRLF")
for number, line in enumerate(data.split(b"\r\n")[:-1], start=1):
    if b"\n" in line or b"\r" in line:
        problems.append(f"line {number}: a bare LF or CR")
    if len(line) > 75:
        problems.append(f"line {number}: {len(line)} octets, more than 75")
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(f"line {number}: not valid UTF-8 on its own (a fold splits a character)")

calendar = icalendar.Calendar.from_ical(data)
for component in calendar.walk():
    for error in getattr(component, "errors", []):
        problems.append(f"{component.name}: {error}")
if str(calendar.get("VERSION")) != "2.0" or not calendar.get("PRODID"):
    problems.append("VCALENDAR needs VERSION:2.0 and a PRODID")
if calendar.get("METHOD") and not all(e.get("ORGANIZER") for e in calendar.walk("VEVENT")):
    problems.append("METHOD without ORGANIZER on every VEVENT (RFC 5546)")
if not calendar.subcomponents:
    problems.append("VCALENDAR has no component (RFC 5545 needs at least one)")

events = calendar.walk("VEVENT")
if len(events) != expected:
    problems.append(f"{len(events)} VEVENTs, expected {expected}")
uids = set()
for event in events:
    uid = str(event.get("UID"))
    if not event.get("UID") or uid in uids:
        problems.append(f"VEVENT {uid}: missing or repeated UID")
    uids.add(uid)
    stamp = event.decoded("DTSTAMP") if event.get("DTSTAMP") else None
    if not isinstance(stamp, datetime.datetime) or stamp.utcoffset() != datetime.timedelta(0):
        problems.append(f"{uid}: DTSTAMP is not a UTC date-time")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    if isinstance(start, datetime.datetime) or isinstance(end, datetime.datetime):
        problems.append(f"{uid}: DTSTART and DTEND should be dates (all-day)")
    elif end <= start:
        problems.append(f"{uid}: DTEND is not after DTSTART")
    if str(event.get("X-RENKEI-PRECISION")) not in {"day", "month", "year", "fiscal-year", "between"}:
        problems.append(f"{uid}: X-RENKEI-PRECISION missing or unknown")
    if not event.get("SUMMARY"):
        problems.append(f"{uid}: no SUMMARY")

def count_with(name, load):
    """Loads the file with another library; returns how many events it found."""
    try:
        found = load()
    except Exception as error:  # every failure of a consumer is a finding
        problems.append(f"{name} cannot load the file: {type(error).__name__}: {error}")
        return
    if found != expected:
        problems.append(f"{name} finds {found} events, expected {expected}")


text = data.decode("utf-8")
window = (datetime.date(1900, 1, 1), datetime.date(2200, 1, 1))


def with_ics():
    # ics 0.7 parses parameters with TatSu, which calls colorama.init() on every parse; each call
    # wraps sys.stdout once more, and a calendar of a few hundred parameterised lines overflows
    # the stack in the wrappers' isatty(), whatever the file holds. Wrapping once is enough.
    import colorama
    colorama.init()
    colorama.init = lambda *args, **kwargs: None
    import ics
    return len(ics.Calendar(text).events)


def with_icalevents():
    from icalevents import icalevents
    found = icalevents.events(string_content=data, start=window[0], end=window[1])
    return len({event.uid for event in found})


def with_recurring():
    import recurring_ical_events
    found = recurring_ical_events.of(icalendar.Calendar.from_ical(data)).between(*window)
    return len({str(event.get("UID")) for event in found})


count_with("ics", with_ics)
count_with("icalevents", with_icalevents)
count_with("recurring-ical-events", with_recurring)

for problem in problems[:40]:
    print(problem)
if problems:
    print(f"{len(problems)} problem(s)")
    sys.exit(1)
print(f"{len(events)} VEVENTs")
