"""What counts as advertised: a draft cancelled before it was ever published was never public."""

from django.utils import timezone

from insteg.notices import access
from insteg.procurement.tests.factories import ProcurementFactory


def test_a_draft_cancelled_before_publication_never_reaches_the_public(municipality):
    never_published = ProcurementFactory(organisation=municipality, status="cancelled", published_at=None)
    withdrawn = ProcurementFactory(organisation=municipality, status="cancelled", published_at=timezone.now())
    public = set(access.public_procurements())
    assert withdrawn in public
    assert never_published not in public
