import datetime

import factory

from insteg.accounts.tests.factories import OrganisationFactory, UserFactory
from insteg.contracts.models import Award, Commitment, ComplianceReport, Contract, Occupation, Position, PositionType
from insteg.procurement.tests.factories import ProcurementFactory, SocialRequirementFactory


class TenderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "contracts.Tender"

    procurement = factory.SubFactory(ProcurementFactory, status="published")
    organisation = factory.SubFactory(OrganisationFactory)
    is_sme = True
    price_sek = 55_000_000


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    procurement = factory.SelfAttribute("winner.procurement")
    winner = factory.SubFactory(TenderFactory)
    decided_on = datetime.date(2026, 5, 4)
    notice_sent_on = datetime.date(2026, 5, 4)
    decided_by = factory.SubFactory(UserFactory)


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    award = factory.SubFactory(AwardFactory)
    procurement = factory.SelfAttribute("award.procurement")
    supplier = factory.SelfAttribute("award.winner.organisation")
    value_sek = 55_000_000
    signed_on = datetime.date(2026, 5, 20)
    starts_on = datetime.date(2026, 6, 1)
    ends_on = datetime.date(2030, 5, 31)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    contract = factory.SubFactory(ContractFactory)
    requirement = factory.SubFactory(
        SocialRequirementFactory, procurement=factory.SelfAttribute("..contract.procurement")
    )
    slots = 2
    months_fulltime = 24
    penalty_per_missing_month_sek = 10_000
    bonus_per_extra_month_sek = 5_000


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    contract = factory.SubFactory(ContractFactory)
    position_type = factory.LazyFunction(lambda: PositionType.objects.get(code="arbetspraktik"))
    occupation = factory.LazyFunction(lambda: Occupation.objects.get(code="9111"))
    title = "Lokalvårdare, praktik"
    workplace_municipality = "Östersund"
    hours_per_week = 30
    start_from = datetime.date(2026, 8, 1)
    start_until = datetime.date(2026, 9, 30)
    duration_months = 4
    supervisor_name = "Eva Handledare"
    supervisor_email = "eva@frosostad.example"


class ComplianceReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComplianceReport

    contract = factory.SubFactory(ContractFactory)
    period_start = datetime.date(2026, 6, 1)
    period_end = datetime.date(2026, 6, 30)
    places_offered = 2
    people_started = 1
    months_completed = 1
    confirms_terms = True
    confirms_supervision = True
    submitted_by = factory.SubFactory(UserFactory)
