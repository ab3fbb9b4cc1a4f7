import datetime

import factory
from django.utils import timezone

from insteg.accounts.models import Organisation
from insteg.accounts.tests.factories import OrganisationFactory
from insteg.privacy.models import ConsentPurpose, ConsentText
from insteg.training.models import STOCKHOLM, Course, Registration, Session


def local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """A Swedish wall-clock time (what the organiser types)."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=STOCKHOLM)


def in_days(days: int, hour: int = 9) -> datetime.datetime:
    return local(timezone.localdate() + datetime.timedelta(days=days), hour)


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    organisation = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.MUNICIPALITY)
    title = "Handledarutbildning"
    description = "Ledarskap, kommunikation, självbild och personlig utveckling för handledare."
    agenda = "09.00 Välkommen\n09.30 Ledarskap\n13.00 Kommunikation\n15.30 Avslutning"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(lambda: in_days(30, 9))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=7))
    location = "Rådhuset, Rådhusgatan 44, Östersund"
    capacity = 20
    deadline_days_before = 8
    waitlist_enabled = True


def current_consent() -> ConsentText:
    return ConsentText.objects.current(ConsentPurpose.TRAINING_REGISTRATION)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    name = factory.Sequence(lambda n: f"Handledare {n}")
    email = factory.Sequence(lambda n: f"handledare{n}@foretag.example")
    organisation_name = "Storsjöbygg AB"
    role = "Handledare"
    status = Registration.Status.CONFIRMED
    consent_text = factory.LazyFunction(current_consent)
    consent_at = factory.LazyFunction(timezone.now)
