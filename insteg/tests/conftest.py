import pytest

from insteg.tests.world import ModuleWorld


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The demo's data, every persona and an object for every route of the access matrix, for a whole module."""
    with ModuleWorld(django_db_blocker) as built:
        yield built
