import pytest

from insteg.contracts.tests.factories import AwardFactory, CommitmentFactory, ContractFactory, TenderFactory
from insteg.procurement.tests.factories import ProcurementFactory


@pytest.fixture
def awarded(municipality, procurement_officer):
    """A cleaning procurement of the municipality, awarded to the persona supplier's company."""
    return ProcurementFactory(
        organisation=municipality, officer=procurement_officer, status="awarded", reference="KS 2026/0231"
    )


@pytest.fixture
def contract(awarded, supplier, procurement_officer):
    """Signed with the persona supplier (lars's company): 1 June 2026 – 31 May 2030, 24 months committed."""
    tender = TenderFactory(procurement=awarded, organisation=supplier.organisation)
    decision = AwardFactory(winner=tender, decided_by=procurement_officer)
    contract = ContractFactory(award=decision)
    CommitmentFactory(contract=contract)
    return contract
