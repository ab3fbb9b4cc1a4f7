"""Sessions as iCalendar (RFC 5545): the public feed, one file per session and the email attachment.

Times are written in Europe/Stockholm with its VTIMEZONE, so a calendar shows 09.00 for a 09.00 session in
winter and in summer, whatever the reader's own zone.
"""

import datetime
import functools

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from insteg.training.models import STOCKHOLM, Session

PRODUCT_ID = "-//Insteg//Handledarutbildning//SV"


def _uid(session: Session) -> str:
    host = settings.INSTEG_SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "insteg"
    return f"training-session-{session.pk}@{host}"


def _event(session: Session) -> Event:
    event = Event()
    event.add("uid", _uid(session))
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("dtstart", timezone.localtime(session.starts_at, STOCKHOLM))
    event.add("dtend", timezone.localtime(session.ends_at, STOCKHOLM))
    event.add("summary", session.course.title)
    link = settings.INSTEG_SITE_URL.rstrip("/") + reverse("training:session", args=[session.pk])
    event.add("description", f"{session.course.description}\n\n{link}")
    event.add("url", link)
    where = ", ".join(part for part in (session.location, session.online_url) if part)
    if where:
        event.add("location", where)
    cancelled = session.status == Session.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("sequence", 1 if cancelled else 0)
    return event


@functools.cache
def _stockholm(first_year: int, last_year: int) -> Timezone:
    """Europe/Stockholm's VTIMEZONE for the years the sessions fall in, built once per process: the whole
    history (icalendar's default) is ten times longer and was most of a registration's time under the lock."""
    return Timezone.from_tzinfo(
        STOCKHOLM,
        tzid="Europe/Stockholm",
        first_date=datetime.date(first_year, 1, 1),
        last_date=datetime.date(last_year + 1, 1, 1),
    )


def session_calendar(sessions) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Handledarutbildning")
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    sessions = list(sessions)
    if sessions:
        years = [timezone.localtime(moment, STOCKHOLM).year for s in sessions for moment in (s.starts_at, s.ends_at)]
        calendar.add_component(_stockholm(min(years) - 1, max(years)))
    for session in sessions:
        calendar.add_component(_event(session))
    return calendar.to_ical()
