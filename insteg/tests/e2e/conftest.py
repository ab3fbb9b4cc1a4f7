"""Playwright driving Debian's chromium (its CDN is unreachable here), with axe-core for accessibility."""

import os
import shutil

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if shutil.which("chromium") is None and not os.environ.get("CI"):
        pytest.skip("browser tests need Debian's chromium: apt-get install chromium (CI installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Browser tests run on a transactional database that is emptied after each test, migrations' rows too."""
    if "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("live_server")
    from insteg.contracts.reference_data import load_reference_data as load_positions_and_occupations
    from insteg.followup.reference_data import load_reference_data as load_follow_up_rules
    from insteg.privacy.consent_texts import ensure_first_versions
    from insteg.procurement.criteria_data import load_criteria
    from insteg.reports.reference_data import load_reference_data as load_impact_parameters
    from insteg.retention.services import ensure_default_rules
    from insteg.rules.reference_data import load_reference_data

    load_reference_data()
    load_criteria()
    load_positions_and_occupations()
    ensure_first_versions()
    load_follow_up_rules()
    load_impact_parameters()
    ensure_default_rules()
