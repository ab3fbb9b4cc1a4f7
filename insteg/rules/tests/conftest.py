import pytest
from django.utils import translation


@pytest.fixture
def in_english():
    """Service calls outside a request, with the sentences and day names in English."""
    with translation.override("en"):
        yield
