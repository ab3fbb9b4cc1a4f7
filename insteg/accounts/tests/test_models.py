import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from insteg.accounts.models import Membership, Organisation, Role, normalise_org_number, validate_org_number
from insteg.accounts.tests.factories import MembershipFactory, OrganisationFactory


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("212000-2627", "212000-2627"),  # Östersunds kommun
        ("2021002114", "202100-2114"),  # Arbetsförmedlingen, without the dash
        ("556036-0793", "556036-0793"),
        (" 556036 0793 ", "556036-0793"),
    ],
)
def test_valid_organisation_numbers_are_accepted_and_normalised(raw, normalised):
    validate_org_number(raw)
    assert normalise_org_number(raw) == normalised


@pytest.mark.parametrize("raw", ["556036-0794", "12345", "abcdef-ghij", "", "556036-07933", "<script>"])
def test_invalid_organisation_numbers_are_refused_with_a_message(raw):
    with pytest.raises(ValidationError) as error:
        validate_org_number(raw)
    assert "organisationsnummer" in str(error.value)  # Swedish, the default language


def test_a_supplier_needs_an_organisation_number(db):
    organisation = Organisation(name="Nameless AB", kind=Organisation.Kind.SUPPLIER)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "org_number" in error.value.message_dict
    with pytest.raises(IntegrityError):
        organisation.save()


def test_two_organisations_cannot_share_a_number(db):
    OrganisationFactory(org_number="556036-0793")
    with pytest.raises(IntegrityError):
        OrganisationFactory(org_number="556036-0793")


def test_a_role_must_fit_the_kind_of_organisation(db):
    supplier = OrganisationFactory()
    membership = Membership(user=MembershipFactory().user, organisation=supplier, role=Role.PROCUREMENT_OFFICER)
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "role" in error.value.message_dict


def test_roles_and_organisation_come_from_memberships(procurement_officer, municipality):
    assert procurement_officer.organisation == municipality
    assert procurement_officer.has_role(Role.PROCUREMENT_OFFICER)
    assert not procurement_officer.has_role(Role.ADMINISTRATOR)
    assert not procurement_officer.is_administrator


def test_visible_organisations_are_ones_own_unless_administrator(supplier, other_supplier, administrator):
    assert list(Organisation.objects.visible_to(supplier)) == [supplier.organisation]
    assert Organisation.objects.visible_to(administrator).count() == 3
