import datetime

import factory

from insteg.accounts.tests.factories import OrganisationFactory, UserFactory
from insteg.matching.models import Participant, Placement, Proposal


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant
        skip_postgeneration_save = True

    municipality = factory.SubFactory(OrganisationFactory, municipality=True)
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    email = factory.Sequence(lambda n: f"deltagare{n}@example.se")
    phone = factory.Sequence(lambda n: f"070-{n:07d}")
    birth_year = 1990
    age_band = "30–39"
    target_group = "long_term_unemployed"
    swedish_level = "everyday"
    home_municipality = "Östersund"
    max_travel_km = 30
    available_from = datetime.date(2026, 8, 1)
    hours_min = 20
    hours_max = 40
    waiting_since = datetime.date(2025, 1, 1)
    informed_on = datetime.date(2026, 7, 1)

    @factory.post_generation
    def occupations(self, create, extracted, **kwargs):
        if create and extracted:
            self.occupations.set(extracted)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    participant = factory.SubFactory(ParticipantFactory)
    position = None  # give one: a contracts PositionFactory
    score = 50
    prepared_by = factory.SubFactory(UserFactory)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    participant = factory.SubFactory(ParticipantFactory)
    position = None
    starts_on = datetime.date(2026, 9, 1)
    planned_end_on = datetime.date(2026, 12, 31)
    supervisor_name = "Eva Handledare"
