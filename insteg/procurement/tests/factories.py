import datetime

import factory

from insteg.accounts.tests.factories import OrganisationFactory, UserFactory
from insteg.procurement.models import (
    Criterion,
    LegalInstrument,
    Level,
    Lot,
    Procurement,
    RequirementKind,
    SocialObjective,
    SocialRequirement,
    Theme,
)
from insteg.rules.models import ContractType, Procedure, Regime


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test-criterion-{n}")
    title_sv = factory.Sequence(lambda n: f"Testkriterium {n}")
    title_en = factory.Sequence(lambda n: f"Test criterion {n}")
    theme = Theme.EMPLOYMENT
    social_objective = SocialObjective.OPPORTUNITIES
    sustainability_goal = "social.disadvantagedEmploymentOpportunities"
    level = Level.ADVANCED
    legal_instrument = LegalInstrument.PERFORMANCE_CONDITION
    requirement_kind = RequirementKind.EMPLOYMENT_NUMERIC
    lou_reference = "17 kap. 1 § LOU"
    text_sv = (
        "Leverantören ska under avtalstiden erbjuda {slots} placeringar till personer i målgruppen "
        "{target_groups}. Den första placeringen ska ha påbörjats senast {first_start_within_months} månader "
        "efter avtalsstart."
    )
    guidance_sv = "Använd när kontraktet har en arbetskraftskomponent."
    guidance_en = "Use when the contract has a labour component."
    verification_sv = "Leverantören rapporterar antal placeringar och månader."
    verification_en = "The supplier reports the number of placements and months."
    suits_services = True
    suits_works = True
    suits_social_services = True


class ProcurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procurement

    organisation = factory.SubFactory(OrganisationFactory, municipality=True)
    officer = factory.SubFactory(UserFactory)
    reference = factory.Sequence(lambda n: f"KS 2026/{n + 1000:04d}")  # above the fixed references fixtures use
    title = factory.Sequence(lambda n: f"Lokalvård etapp {n}")
    description = "Städning av kommunens lokaler."
    contract_type = ContractType.SERVICES
    cpv_main = "90911200-8"
    estimated_value_sek = 60_000_000
    duration_months = 48
    procedure = Procedure.OPEN
    regime = Regime.ABOVE_THRESHOLD
    notice_sent = datetime.date(2026, 3, 2)
    tender_deadline = datetime.date(2026, 4, 10)
    question_deadline = datetime.date(2026, 3, 31)


class SocialRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialRequirement

    procurement = factory.SubFactory(ProcurementFactory)
    criterion = factory.SubFactory(CriterionFactory)
    clause_text = factory.LazyAttribute(lambda requirement: requirement.criterion.text_sv)
    target_groups = factory.LazyFunction(lambda: ["long_term_unemployed", "newly_arrived"])
    alternatives = factory.LazyFunction(lambda: ["a", "c"])
    months_fulltime = 24
    slots_suggested = 2
    slots_decided = 2
    rationale = "Två platser motsvarar Trafikverkets tumregel för ett tjänstekontrakt på 60 miljoner kronor."


class LotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lot

    procurement = factory.SubFactory(ProcurementFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Område {n}")
