"""The seeded criteria library: complete, lawful-looking and ready to render into documents."""

import importlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from insteg.procurement.criteria_data import CRITERIA, load_criteria, model_fields
from insteg.procurement.models import (
    CLAUSE_PLACEHOLDERS,
    Criterion,
    LegalInstrument,
    Level,
    RequirementKind,
    SocialObjective,
    Theme,
    placeholders_in,
    validate_clause_placeholders,
)
from insteg.procurement.tests.factories import SocialRequirementFactory

# Explicit: the suite's autouse database fixture does not make pytest-django create the test database when
# no test in the run asks for it statically, and then the developer's own database would be used.
pytestmark = pytest.mark.django_db

SEED_CODES = [entry["code"] for entry in CRITERIA]
EMPLOYMENT_NUMERIC_PLACEHOLDERS = {
    "target_groups",
    "alternatives",
    "months_fulltime",
    "slots",
    "first_start_within_months",
    "early_end_threshold_percent",
    "penalty_terms",
    "bonus_terms",
    "reporting_frequency",
}


@pytest.fixture
def seeded():
    # Browser tests flush the database, so never rely on the migration's rows still being there.
    load_criteria()
    return {criterion.code: criterion for criterion in Criterion.objects.filter(code__in=SEED_CODES)}


def test_the_seed_has_a_library_sized_set_of_unique_codes():
    assert 18 <= len(CRITERIA) <= 24
    assert len(set(SEED_CODES)) == len(SEED_CODES)


def test_the_seed_covers_every_theme():
    assert {entry["theme"] for entry in CRITERIA} == set(Theme.values)


def test_the_employment_family_follows_the_national_model(seeded):
    dialogue = seeded["employment-dialogue"]
    numeric = seeded["employment-numeric"]
    bonus = seeded["employment-bonus"]
    assert (dialogue.level, dialogue.requirement_kind) == (Level.BASIC, RequirementKind.EMPLOYMENT_DIALOGUE)
    assert (numeric.level, numeric.requirement_kind) == (Level.ADVANCED, RequirementKind.EMPLOYMENT_NUMERIC)
    assert (bonus.level, bonus.requirement_kind) == (Level.CUTTING_EDGE, RequirementKind.EMPLOYMENT_BONUS)
    assert numeric.uhm_criterion_id == "11554"
    assert placeholders_in(numeric.text_sv) == EMPLOYMENT_NUMERIC_PLACEHOLDERS
    assert all(c.legal_instrument == LegalInstrument.PERFORMANCE_CONDITION for c in (dialogue, numeric, bonus))


def test_labour_conditions_and_reserved_contracts_take_their_parameters(seeded):
    labour = seeded["labour-conditions-pay-holidays-hours"]
    assert labour.requirement_kind == RequirementKind.LABOUR_CONDITIONS
    assert labour.legal_instrument == LegalInstrument.LABOUR_CONDITIONS
    assert "{collective_agreement}" in labour.text_sv
    assert "tröskelvärdet" in labour.guidance_sv and "threshold" in labour.guidance_en
    reserved = seeded["reserved-participation"]
    assert reserved.requirement_kind == RequirementKind.RESERVED
    assert reserved.legal_instrument == LegalInstrument.RESERVED_PARTICIPATION
    assert "{target_group_share_percent} %" in reserved.text_sv
    assert "30 %" in reserved.guidance_sv


def test_the_ilo_criterion_names_the_eight_core_conventions(seeded):
    text = seeded["supply-chain-ilo-core-conventions"].text_sv
    for number in ("29", "87", "98", "100", "105", "111", "138", "182"):
        assert re.search(rf"\b{number}\b", text), number
    assert "arbetsmiljö" in text


def test_fair_trade_accepts_equivalent_labels(seeded):
    for code in ("fair-trade-coffee-tea-cocoa", "fair-trade-bananas-tropical-fruit"):
        assert "likvärdig" in seeded[code].text_sv


@pytest.mark.parametrize("code", SEED_CODES)
def test_each_seeded_criterion_is_valid_and_complete(seeded, code):
    criterion = seeded[code]
    criterion.full_clean()
    validate_clause_placeholders(criterion.text_sv)
    assert criterion.suited_contract_types, "suits at least one contract type"
    assert criterion.social_objective in SocialObjective.values
    assert criterion.sustainability_goal.startswith("social")
    assert "LOU" in criterion.lou_reference
    for field in ("guidance_sv", "guidance_en", "verification_sv", "verification_en"):
        assert len(getattr(criterion, field)) > 80, field


@pytest.mark.parametrize("code", SEED_CODES)
def test_each_seeded_clause_renders_without_leftover_braces(seeded, code):
    requirement = SocialRequirementFactory(
        criterion=seeded[code],
        penalty_terms="5 000 kronor per ej fullgjord månad",
        bonus_terms="10 000 kronor per månad utöver åtagandet",
        collective_agreement="Fastighetsavtalet",
    )
    rendered = requirement.rendered_clause()
    assert "{" not in rendered and "}" not in rendered
    assert "[" not in rendered, "every parameter the factory sets is filled in"


def test_a_missing_parameter_shows_as_its_name_in_brackets(seeded):
    requirement = SocialRequirementFactory(criterion=seeded["employment-numeric"], penalty_terms="")
    with translation.override("sv"):
        assert f"[{CLAUSE_PLACEHOLDERS['penalty_terms']}]" in requirement.rendered_clause()


def test_loading_twice_creates_nothing_new_and_keeps_an_administrators_edit():
    load_criteria()
    Criterion.objects.filter(code="employment-dialogue").update(title_sv="Vår egen rubrik")
    assert load_criteria() == 0
    assert Criterion.objects.get(code="employment-dialogue").title_sv == "Vår egen rubrik"
    assert Criterion.objects.filter(code__in=SEED_CODES).count() == len(SEED_CODES)


def _empty_library():
    Criterion.objects.all().delete()
    Criterion.history.all().delete()


def test_loading_into_an_empty_library_creates_every_criterion_with_a_first_version():
    _empty_library()
    assert load_criteria() == len(CRITERIA)
    assert Criterion.history.filter(code="employment-numeric").count() == 1


def test_the_migration_seeds_the_same_rows_as_the_loader():
    migration = importlib.import_module("insteg.procurement.migrations.0003_criteria")
    historical_apps = MigrationExecutor(connection).loader.project_state(("procurement", "0003_criteria")).apps
    _empty_library()
    migration.seed_criteria(historical_apps, None)
    assert set(Criterion.objects.values_list("code", flat=True)) == set(SEED_CODES)
    assert Criterion.history.count() == len(SEED_CODES)
    numeric = Criterion.objects.get(code="employment-numeric")
    assert numeric.suits_works and not numeric.suits_goods


def test_model_fields_expands_contract_types():
    fields = model_fields(next(entry for entry in CRITERIA if entry["code"] == "workers-staff-ledger-id06"))
    assert (fields["suits_works"], fields["suits_goods"], fields["suits_services"]) == (True, False, False)


def test_the_validator_refuses_what_the_seed_must_never_contain():
    with pytest.raises(ValidationError):
        validate_clause_placeholders("Leverantören ska ta emot {antal} praktikanter.")
