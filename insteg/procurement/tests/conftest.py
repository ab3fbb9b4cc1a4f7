import datetime

import pytest

from insteg.procurement.tests.factories import CriterionFactory, LotFactory, ProcurementFactory


@pytest.fixture
def numeric_criterion():
    return CriterionFactory(code="test-employment-numeric")


@pytest.fixture
def draft(municipality, procurement_officer):
    """A cleaning-services draft of 60 MSEK over four years: above the threshold, open procedure, lawful dates."""
    procurement = ProcurementFactory(
        organisation=municipality,
        officer=procurement_officer,
        reference="KS 2026/0042",
        title="Lokalvård i kommunens förskolor",
        notice_sent=datetime.date(2026, 3, 2),
        tender_deadline=datetime.date(2026, 4, 10),
        question_deadline=datetime.date(2026, 3, 31),
    )
    LotFactory(procurement=procurement, number=1, title="Norra området")
    LotFactory(procurement=procurement, number=2, title="Södra området")
    return procurement
