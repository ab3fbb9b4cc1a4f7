import datetime

import pytest

from insteg.procurement.tests.factories import LotFactory, ProcurementFactory, SocialRequirementFactory


@pytest.fixture
def advertised(municipality, procurement_officer):
    """A published cleaning procurement over Easter 2026: tender deadline Friday 10 April.

    Answers are due by Saturday 4 April (10 April − 6 days; never moved later), the question deadline is
    Tuesday 31 March, and Långfredag (3 April) and Annandag påsk (6 April) are public holidays.
    """
    procurement = ProcurementFactory(
        organisation=municipality,
        officer=procurement_officer,
        status="published",
        reference="KS 2026/0231",
        title="Lokalvård i kommunens förskolor",
        notice_sent=datetime.date(2026, 3, 2),
        tender_deadline=datetime.date(2026, 4, 10),
        question_deadline=datetime.date(2026, 3, 31),
    )
    LotFactory(procurement=procurement, number=1, title="Norra området")
    SocialRequirementFactory(procurement=procurement)
    return procurement
