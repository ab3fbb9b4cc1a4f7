"""Simultaneous registrations never overbook: each request is its own thread with its own database
connection, all released at once by a barrier, against a 20-seat session.

On PostgreSQL (CI runs the suite there too) the session row lock (`select_for_update`) makes them queue;
on SQLite the write lock taken at BEGIN IMMEDIATE does.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connections

from insteg.training import services
from insteg.training.models import Registration
from insteg.training.tests.factories import CourseFactory, SessionFactory

PEOPLE = 100
SEATS = 20


def _register_all(session, people: int) -> list:
    barrier = threading.Barrier(people)
    outcomes = [None] * people

    def register(number: int) -> None:
        try:
            barrier.wait(timeout=60)
            registration = services.register(
                session,
                name=f"Handledare {number}",
                email=f"handledare{number}@foretag.example",
                organisation_name="Storsjöbygg AB",
                consent=True,
            )
            outcomes[number] = registration.status
        except Exception as error:  # noqa: BLE001 -- the assertion below names any failure
            outcomes[number] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(number,)) for number in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_a_hundred_simultaneous_registrations_fill_twenty_seats_exactly(municipality, mailoutbox):
    session = SessionFactory(course=CourseFactory(organisation=municipality), capacity=SEATS, waitlist_enabled=True)

    outcomes = _register_all(session, PEOPLE)

    assert sorted(set(outcomes)) == ["confirmed", "waitlisted"], outcomes
    assert outcomes.count("confirmed") == SEATS
    assert outcomes.count("waitlisted") == PEOPLE - SEATS
    stored = Registration.objects.filter(session=session)
    assert stored.count() == PEOPLE
    assert stored.filter(status="confirmed").count() == SEATS
    assert stored.values("email").distinct().count() == PEOPLE  # none lost, none duplicated
    assert len(mailoutbox) == PEOPLE


@pytest.mark.django_db(transaction=True)
def test_the_same_person_submitting_many_times_at_once_is_registered_once(municipality):
    session = SessionFactory(course=CourseFactory(organisation=municipality), capacity=SEATS)
    barrier = threading.Barrier(10)
    outcomes = []

    def register() -> None:
        try:
            barrier.wait(timeout=60)
            services.register(
                session, name="Anna", email="anna@foretag.example", organisation_name="Storsjöbygg AB", consent=True
            )
            outcomes.append("registered")
        except ValidationError as error:
            outcomes.append(f"refused: {sorted(error.message_dict)}")
        except Exception as error:  # noqa: BLE001
            outcomes.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert outcomes.count("registered") == 1, outcomes
    assert outcomes.count("refused: ['email']") == 9, outcomes  # the polite "already registered"
    assert Registration.objects.filter(session=session).count() == 1
