"""The demo's supervisor training, modelled on the seed: "Tisdag 25 september – anmäl dig senast måndag
17 september; Onsdag 17 oktober – anmäl dig senast måndag 8 oktober". Two upcoming sessions (a Tuesday and
a Wednesday, registration closing 8 and 9 days before) and one past session with attendance marked.

Built through the services (the past session's registrations are written directly: registration for a
past date is, rightly, refused). All names are invented; addresses are under reserved example domains.
Idempotent: skipped when the municipality already has a course.
"""

import datetime

from django.utils import timezone

from insteg.accounts.models import User
from insteg.privacy.models import ConsentPurpose, ConsentText
from insteg.rules import calendar
from insteg.training import services
from insteg.training.models import STOCKHOLM, Course, Registration

TUESDAY, WEDNESDAY = 1, 2
DESCRIPTION = (
    "Utbildningen är utformad för att inspirera, utbilda och uppmuntra handledare och tar upp ämnen som "
    "ledarskap, kommunikation, självbild och personlig utveckling. För dig som är handledare för en praktikant "
    "eller en person i stödanställning på ett företag som har vunnit en upphandling med sociala krav."
)
AGENDA = "\n".join(
    [
        "08.30 Kaffe och välkommen",
        "09.00 Handledarens uppdrag och ledarskap",
        "10.30 Kommunikation och bemötande",
        "12.00 Lunch",
        "13.00 Självbild och personlig utveckling",
        "14.30 Situationer som uppstår – och vem du ringer",
        "16.00 Avslutning",
    ]
)
UPCOMING_PEOPLE = [
    # name, email or demo username, company, role
    ("Lars Nilsson", "leverantor", "Storsjöbygg AB", "Platschef"),
    ("Karin Demo-Ström", "karin.strom@storsjobygg.example", "Storsjöbygg AB", "Arbetsledare"),
    ("Ahmed Demo-Yusuf", "ahmed.yusuf@frosostad.example", "Frösö Städ AB", "Gruppledare"),
]
PAST_PEOPLE = [
    # name, email or demo username, company, attended
    ("Maria Ek", "leverantor2", "Frösö Städ AB", True),
    ("Per Demo-Holm", "per.holm@storsjobygg.example", "Storsjöbygg AB", True),
    ("Lena Demo-Sund", "lena.sund@jamtbygg.example", "Jämtbygg AB", False),
]


def _weekday_on_or_after(day: datetime.date, weekday: int) -> datetime.date:
    """The first such weekday that is a Swedish working day (no course on Trettondedag jul)."""
    day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
    while not calendar.is_working_day(day):
        day += datetime.timedelta(days=7)
    return day


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=STOCKHOLM)


def _session(matcher, course, day: datetime.date, *, days_before: int, capacity: int):
    return services.create_session(
        user=matcher,
        course=course,
        data={
            "starts_at": _at(day, 8, 30),
            "ends_at": _at(day, 16, 30),
            "location": "Rådhuset, Rådhusgatan 44, Östersund (sal Storsjön)",
            "capacity": capacity,
            "deadline_days_before": days_before,
            "waitlist_enabled": True,
        },
    )


def _person(email_or_username: str) -> tuple[str, User | None]:
    if "@" in email_or_username:
        return email_or_username, None
    user = User.objects.get(username=email_or_username)
    return user.email, user


def seed(made: dict) -> dict:
    municipality = made["organisations"]["ostersund"]
    if Course.objects.filter(organisation=municipality).exists():
        return {}
    matcher = User.objects.get(username="matchare")
    course = services.save_course(
        user=matcher,
        organisation=municipality,
        data={"title": "Handledarutbildning", "description": DESCRIPTION, "agenda": AGENDA},
    )
    today = timezone.localdate()
    tuesday = _weekday_on_or_after(today + datetime.timedelta(days=21), TUESDAY)
    wednesday = _weekday_on_or_after(tuesday + datetime.timedelta(days=15), WEDNESDAY)
    first = _session(matcher, course, tuesday, days_before=8, capacity=16)
    second = _session(matcher, course, wednesday, days_before=9, capacity=16)
    for name, who, company, role in UPCOMING_PEOPLE:
        email, user = _person(who)
        services.register(first, name=name, email=email, organisation_name=company, role=role, consent=True, user=user)
    past = _past_session(matcher, course, today)
    return {"training_sessions": [first, second, past]}


def _past_session(matcher, course, today: datetime.date):
    """Six weeks ago, with attendance: Maria Ek attended, so the positions she supervises are trained."""
    day = _weekday_on_or_after(today - datetime.timedelta(days=45), TUESDAY)
    session = _session(matcher, course, day, days_before=8, capacity=12)
    consent = ConsentText.objects.current(ConsentPurpose.TRAINING_REGISTRATION)
    attendance = {}
    for number, (name, who, company, attended) in enumerate(PAST_PEOPLE):
        email, user = _person(who)
        registration = Registration.objects.create(
            session=session,
            name=name,
            email=email,
            organisation=user.organisation if user else None,
            organisation_name=company,
            role="Handledare",
            status=Registration.Status.CONFIRMED,
            consent_text=consent,
            consent_at=_at(day - datetime.timedelta(days=20 - number), 10),
            created_at=_at(day - datetime.timedelta(days=20 - number), 10),
        )
        attendance[registration.pk] = attended
    services.mark_attendance(session, user=matcher, attended=attendance)
    return session
