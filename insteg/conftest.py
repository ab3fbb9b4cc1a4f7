"""Named personas used across the suite: one per role, and a second supplier to test isolation."""

import pytest

from insteg.accounts.models import Organisation, Role
from insteg.accounts.tests.factories import MembershipFactory, OrganisationFactory
from insteg.tests.personas import PERSONAS  # noqa: F401 - re-exported for tests

PASSWORD = "correct horse battery staple"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Every test may use the (test) database; browser tests get a transactional one through live_server.

    A marker rather than an autouse `db` fixture: pytest-django creates the test databases from the markers
    it collects, so a run of tests that only use `client` would otherwise reach the real database. It runs
    before pytest-django's own hook, which orders the tests by these markers: every test on a database in
    a transaction first, the browser tests (whose flush empties the migrations' reference rows) last.
    """
    for item in items:
        if "live_server" not in item.fixturenames:
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow; the suite creates hundreds of users (test_security checks production's)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def municipality(db):
    return OrganisationFactory(name="Östersunds kommun", kind=Organisation.Kind.MUNICIPALITY, org_number="212000-2627")


@pytest.fixture
def supplier_org(db):
    return OrganisationFactory(name="Storsjöbygg AB", is_sme=True)


@pytest.fixture
def other_supplier_org(db):
    return OrganisationFactory(name="Frösö Städ AB")


def _member(organisation, role, username):
    return MembershipFactory(organisation=organisation, role=role, user__username=username).user


@pytest.fixture
def procurement_officer(municipality):
    return _member(municipality, Role.PROCUREMENT_OFFICER, "karin")


@pytest.fixture
def matching_officer(municipality):
    return _member(municipality, Role.MATCHING_OFFICER, "erik")


@pytest.fixture
def administrator(municipality):
    return _member(municipality, Role.ADMINISTRATOR, "anna")


@pytest.fixture
def data_protection_officer(municipality):
    return _member(municipality, Role.DATA_PROTECTION_OFFICER, "dina")


@pytest.fixture
def other_employment_officer(db):
    """An officer of a second employment-service office: must never see what `employment_officer` referred."""
    office = OrganisationFactory(
        name="Arbetsförmedlingen Sundsvall", kind=Organisation.Kind.EMPLOYMENT_SERVICE, org_number=""
    )
    return _member(office, Role.EMPLOYMENT_OFFICER, "olle")


@pytest.fixture
def supplier(supplier_org):
    return _member(supplier_org, Role.SUPPLIER_CONTACT, "lars")


@pytest.fixture
def other_supplier(other_supplier_org):
    return _member(other_supplier_org, Role.SUPPLIER_CONTACT, "maria")


@pytest.fixture
def employment_officer(db):
    af = OrganisationFactory(
        name="Arbetsförmedlingen", kind=Organisation.Kind.EMPLOYMENT_SERVICE, org_number="202100-2114"
    )
    return _member(af, Role.EMPLOYMENT_OFFICER, "sara")


@pytest.fixture
def funder(db):
    funder_org = OrganisationFactory(name="Samordningsförbundet", kind=Organisation.Kind.FUNDER, org_number="")
    return _member(funder_org, Role.FUNDER_VIEWER, "johan")


@pytest.fixture
def persona(request):
    """Parametrise with a persona name; gives the user, or None for an anonymous visitor."""
    name = request.param
    return None if name == "anonymous" else request.getfixturevalue(name)


@pytest.fixture
def swedish(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "sv"
    return client


@pytest.fixture
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, the test database is a file in WAL mode like production's, not a shared in-memory one:
    parallel connections then wait for the write lock (busy_timeout) instead of failing with "table is
    locked", so the concurrency tests mean the same on SQLite as on PostgreSQL."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")
        # A hundred simultaneous writers queue for one lock; give the last of them time to get it.
        options = database.setdefault("OPTIONS", {})
        options["init_command"] = options.get("init_command", "").replace("busy_timeout=5000", "busy_timeout=60000")


@pytest.fixture(autouse=True)
def _fresh_content_type_cache(request):
    """A transactional test's flush re-creates the content types with new ids, but Django's per-process cache
    (ContentType.objects) keeps the old ones: an audit event would then point at a content type that is gone.
    Tests on a transactional database start with the cache emptied."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "live_server" in request.fixturenames or "transactional_db" in request.fixturenames
    if transactional or (marker is not None and marker.kwargs.get("transaction")):
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()


@pytest.fixture
def reference_rows(django_db_blocker):
    """The migrations' reference rows (rules, criteria, position types, occupations, consent texts, follow-up
    rules, impact parameters, retention rules), put back for a test on a transactional database: an earlier
    transactional test's flush empties every table. Idempotent loaders, the same the migrations call. (Django's
    serialized_rollback is not used: after a flush that re-created the content types it fails on them.)"""
    from insteg.contracts.reference_data import load_reference_data as load_positions_and_occupations
    from insteg.followup.reference_data import load_reference_data as load_follow_up_rules
    from insteg.privacy.consent_texts import ensure_first_versions
    from insteg.procurement.criteria_data import load_criteria
    from insteg.reports.reference_data import load_reference_data as load_impact_parameters
    from insteg.retention.services import ensure_default_rules
    from insteg.rules.reference_data import load_reference_data as load_rules

    with django_db_blocker.unblock():
        load_rules()
        load_criteria()
        load_positions_and_occupations()
        ensure_first_versions()
        load_follow_up_rules()
        load_impact_parameters()
        ensure_default_rules()
