import pytest

from insteg.contracts.tests.factories import (
    AwardFactory,
    CommitmentFactory,
    ContractFactory,
    PositionFactory,
    TenderFactory,
)
from insteg.matching.tests.factories import ParticipantFactory
from insteg.procurement.tests.factories import ProcurementFactory


@pytest.fixture
def host_contract(municipality, procurement_officer, supplier):
    """A contract of the municipality with the persona supplier's company (the host)."""
    procurement = ProcurementFactory(organisation=municipality, officer=procurement_officer, status="awarded")
    tender = TenderFactory(procurement=procurement, organisation=supplier.organisation)
    contract = ContractFactory(award=AwardFactory(winner=tender, decided_by=procurement_officer))
    CommitmentFactory(contract=contract)
    return contract


@pytest.fixture
def position(host_contract):
    """An open internship for a cleaner (SSYK 9111) in Östersund, 30 h a week, starting August–September 2026."""
    return PositionFactory(contract=host_contract, supervisor_trained=True)


@pytest.fixture
def participant(municipality, employment_officer):
    """Referred by the employment officer; interested in cleaning (9111)."""
    from insteg.contracts.models import Occupation

    return ParticipantFactory(
        municipality=municipality,
        referred_by=employment_officer,
        first_name="Amina",
        last_name="Yusuf-Lindberg",
        email="amina.yusuf@example.se",
        phone="070-1234567",
        occupations=[Occupation.objects.get(code="9111")],
        adaptations=["gradual_start", "written_instructions"],
    )
