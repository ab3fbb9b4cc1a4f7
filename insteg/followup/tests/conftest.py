import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from insteg.followup import services
from insteg.matching.tests.conftest import host_contract, participant, position  # noqa: F401 -- shared fixtures
from insteg.matching.tests.factories import PlacementFactory


@pytest.fixture
def placement(participant, position, matching_officer):  # noqa: F811
    """Planned: started a week ago on paper, four months long, 30 h a week, erik responsible."""
    starts = timezone.localdate() - datetime.timedelta(days=7)
    return PlacementFactory(
        participant=participant,
        position=position,
        starts_on=starts,
        planned_end_on=starts + relativedelta(months=4) - datetime.timedelta(days=1),
        responsible=matching_officer,
    )


@pytest.fixture
def active_placement(placement, matching_officer):
    """Started, with its check-in schedule."""
    return services.start(placement, user=matching_officer)
