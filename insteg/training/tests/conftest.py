import datetime

import pytest

from insteg.training.tests.factories import CourseFactory, RegistrationFactory, SessionFactory, in_days


@pytest.fixture
def course(municipality):
    return CourseFactory(organisation=municipality)


@pytest.fixture
def session(course):
    """Thirty days ahead, 20 seats, registration closing eight days before, with a waiting list."""
    return SessionFactory(course=course)


@pytest.fixture
def small_session(course):
    """Two seats and a waiting list: for filling up."""
    return SessionFactory(course=course, capacity=2)


@pytest.fixture
def past_session(course):
    starts = in_days(-10, 9)
    return SessionFactory(course=course, starts_at=starts, ends_at=starts + datetime.timedelta(hours=7))


@pytest.fixture
def registration(session):
    return RegistrationFactory(session=session, name="Anna Handledare", email="anna@storsjobygg.example")
