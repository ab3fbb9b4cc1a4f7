"""Every page of the product, as each role sees it, in Swedish and English: zero axe violations."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from insteg.accounts import two_factor
from insteg.accounts.services import create_api_token
from insteg.conftest import PASSWORD
from insteg.contracts.models import Occupation
from insteg.contracts.tests.factories import (
    AwardFactory,
    CommitmentFactory,
    ComplianceReportFactory,
    ContractFactory,
    PositionFactory,
    TenderFactory,
)
from insteg.matching.tests.factories import ParticipantFactory, PlacementFactory, ProposalFactory
from insteg.notices.models import Answer
from insteg.notices.tests.factories import AnswerFactory, InterestedSupplierFactory, QuestionFactory
from insteg.procurement import services
from insteg.procurement.models import Criterion
from insteg.procurement.tests.factories import LotFactory, ProcurementFactory, SocialRequirementFactory
from insteg.reports.models import ImpactParameter
from insteg.rules.models import ProportionalityPreset, Threshold, TimeLimit
from insteg.training.models import Registration
from insteg.training.tests.factories import CourseFactory, RegistrationFactory, SessionFactory, in_days

axe = Axe()

PUBLIC_PAGES = [
    "core:home",
    "core:accessibility",
    "core:feedback",
    "core:feedback_received",
    "login",
    "password_reset",
    "password_reset_done",
    "accounts:register",
    "accounts:register_done",
    "rules:deadline_calculator",
    "notices:list",
    "training:sessions",
]


def _draft(user):
    """A draft with a lot and a numeric employment requirement from the library, as the officer left it."""
    procurement = ProcurementFactory(organisation=user.organisation, officer=user)
    lot = LotFactory(procurement=procurement, number=1, title="Norra området")
    criterion = Criterion.objects.get(code="employment-numeric")
    services.add_requirement(procurement, user=user, criterion=criterion, lot=lot)
    return procurement


def _draft_pk(user):
    return {"pk": _draft(user).pk}


def _requirement(user):
    procurement = _draft(user)
    return {"pk": procurement.pk, "requirement_pk": procurement.requirements.get().pk}


def _open_notice(officer=None):
    """A published procurement, open for questions whatever today is, with a lot, a requirement and answers."""
    procurement = ProcurementFactory(
        status="published",
        tender_deadline=timezone.localdate() + datetime.timedelta(days=40),
        question_deadline=None,
        **({"organisation": officer.organisation, "officer": officer} if officer else {}),
    )
    lot = LotFactory(procurement=procurement, number=1, title="Norra området")
    SocialRequirementFactory(procurement=procurement, lot=lot)
    first = AnswerFactory(procurement=procurement, status="published", number=1, published_at=timezone.now())
    AnswerFactory(procurement=procurement, status="published", number=2, published_at=timezone.now(), corrects=first)
    return procurement


def _notice(user):
    return {"pk": _open_notice().pk}


def _receipt(user):
    procurement = _open_notice()
    question = QuestionFactory(procurement=procurement, asked_by=user, asking_organisation=user.organisation)
    return {"pk": procurement.pk, "question_pk": question.pk}


def _inbox(user):
    """All three sections filled: an unanswered late question, a draft answer, a published answer."""
    procurement = _open_notice(user)
    QuestionFactory(procurement=procurement, in_good_time=False)
    QuestionFactory(procurement=procurement, answer=AnswerFactory(procurement=procurement, written_by=user))
    InterestedSupplierFactory(procurement=procurement)
    return {"pk": procurement.pk}


def _inbox_answer(status):
    def make(user):
        kwargs = _inbox(user)
        return {**kwargs, "answer_pk": Answer.objects.filter(procurement_id=kwargs["pk"], status=status).first().pk}

    return make


def _signed_contract(user, *, supplier=None):
    """A contract of the officer's municipality (or any, for a supplier), with a position, a report and a decision."""
    officer = user if supplier is None else None
    procurement = ProcurementFactory(
        status="awarded", **({"organisation": officer.organisation, "officer": officer} if officer else {})
    )
    tender = TenderFactory(procurement=procurement, **({"organisation": supplier} if supplier else {}))
    contract = ContractFactory(award=AwardFactory(winner=tender))
    CommitmentFactory(contract=contract)
    PositionFactory(contract=contract)
    ComplianceReportFactory(contract=contract)
    return contract


def _contract_pages(user):
    contract = _signed_contract(user)
    return {"pk": contract.pk}


def _supplier_contract(user):
    return {"pk": _signed_contract(user, supplier=user.organisation).pk}


def _supplier_position(user):
    contract = _signed_contract(user, supplier=user.organisation)
    return {"pk": contract.pk, "position_pk": contract.positions.get().pk}


def _commitment(user):
    contract = _signed_contract(user)
    return {"pk": contract.pk, "commitment_pk": contract.commitments.get().pk}


def _tenders(user):
    procurement = ProcurementFactory(organisation=user.organisation, officer=user, status="published")
    LotFactory(procurement=procurement, number=1, title="Norra området")
    TenderFactory(procurement=procurement)
    TenderFactory(procurement=procurement)
    return {"pk": procurement.pk}


def _award_to_sign(user):
    procurement = ProcurementFactory(organisation=user.organisation, officer=user, status="awarded")
    return {"award_pk": AwardFactory(winner=TenderFactory(procurement=procurement)).pk}


def _person(user):
    return ParticipantFactory(
        municipality=user.organisation,
        adaptations=["gradual_start", "written_instructions"],
        occupations=[Occupation.objects.get(code="9111")],
    )


def _participant_page(user):
    """With a proposal and a placement, so every table on the page is drawn."""
    person = _person(user)
    ProposalFactory(participant=person, position=PositionFactory(), prepared_by=user)
    PlacementFactory(participant=person, position=PositionFactory())
    return {"pk": person.pk}


def _draft_proposal(user):
    proposal = ProposalFactory(
        participant=_person(user),
        position=PositionFactory(),
        prepared_by=user,
        proposed_start=datetime.date(2026, 8, 1),
        explanation=[{"code": "occupation", "points": 60, "text": "Samma yrke (SSYK 9111)"}],
    )
    return {"pk": proposal.pk}


def _host_proposal(user):
    position = PositionFactory(contract=_signed_contract(user, supplier=user.organisation))
    proposal = ProposalFactory(
        participant=ParticipantFactory(adaptations=["gradual_start"]),
        position=position,
        prepared_by=position.contract.award.decided_by,
        status="proposed",
        disclosure="consent",
        shared_adaptations=["gradual_start"],
        proposed_start=datetime.date(2026, 9, 1),
    )
    return {"pk": proposal.pk}


def _matching_market(user):
    """A person interested in cleaning and an open cleaning position of the municipality."""
    officer = ProcurementFactory(organisation=user.organisation, status="awarded")
    contract = ContractFactory(award=AwardFactory(winner=TenderFactory(procurement=officer)))
    CommitmentFactory(contract=contract)
    return _person(user), PositionFactory(contract=contract, supervisor_trained=True)


def _first(model):
    return lambda user: {"pk": model.objects.order_by("pk").first().pk}


# (persona, route, kwargs maker)
def _training_session(user, *, days=30, capacity=20):
    course = CourseFactory(organisation=user.organisation)
    starts = in_days(days, 9)
    return SessionFactory(
        course=course, starts_at=starts, ends_at=starts + datetime.timedelta(hours=7), capacity=capacity
    )


def _training_upcoming(user):
    """Two seats taken and one person waiting."""
    session = _training_session(user, capacity=2)
    for status in ("confirmed", "confirmed", "waitlisted"):
        RegistrationFactory(session=session, status=status)
    return {"pk": session.pk}


def _training_past(user):
    """The attendance form, with every kind of row."""
    session = _training_session(user, days=-10)
    for attended in (True, False, None):
        RegistrationFactory(session=session, attended=attended)
    RegistrationFactory(session=session, status=Registration.Status.CANCELLED)
    RegistrationFactory(session=session, name="", email="", anonymised_at=timezone.now())
    return {"pk": session.pk}


def _training_overview(user):
    _training_upcoming(user)
    _training_past(user)
    SessionFactory(course=CourseFactory(organisation=user.organisation), status="cancelled")
    return {}


def _training_registration(user):
    session = _training_session(user)
    return {"pk": session.pk, "registration_pk": RegistrationFactory(session=session).pk}


SIGNED_IN_PAGES = [
    ("procurement_officer", "core:home", None),
    ("matching_officer", "core:home", None),
    ("employment_officer", "core:home", None),
    ("funder", "core:home", None),
    ("supplier", "core:home", None),
    ("supplier", "accounts:tokens", None),
    ("supplier", "accounts:organisation", lambda user: {"pk": user.organisation.pk}),
    ("supplier", "accounts:invite", lambda user: {"pk": user.organisation.pk}),
    ("supplier", "accounts:organisation_edit", lambda user: {"pk": user.organisation.pk}),
    ("supplier", "password_change", None),
    ("administrator", "core:home", None),
    ("administrator", "accounts:organisation_list", None),
    ("administrator", "accounts:organisation_create", None),
    ("administrator", "privacy:audit_trail", None),
    ("administrator", "core:feedback_list", None),
    ("procurement_officer", "procurement:list", None),
    ("procurement_officer", "procurement:create", None),
    ("procurement_officer", "procurement:detail", _draft_pk),
    ("procurement_officer", "procurement:edit", _draft_pk),
    ("procurement_officer", "procurement:lots", _draft_pk),
    ("procurement_officer", "procurement:requirement_add", _draft_pk),
    ("procurement_officer", "procurement:requirement", _requirement),
    ("procurement_officer", "procurement:publish", _draft_pk),
    ("procurement_officer", "procurement:document", _draft_pk),
    ("supplier", "procurement:list", None),
    ("procurement_officer", "procurement:criterion_list", None),
    ("procurement_officer", "procurement:criterion", lambda user: {"code": "employment-numeric"}),
    ("administrator", "procurement:criterion_create", None),
    ("administrator", "procurement:criterion_edit", lambda user: {"code": "employment-numeric"}),
    ("procurement_officer", "rules:overview", None),
    ("administrator", "rules:overview", None),
    ("administrator", "rules:threshold_create", None),
    ("administrator", "rules:threshold_edit", _first(Threshold)),
    ("administrator", "rules:time_limit_edit", _first(TimeLimit)),
    ("administrator", "rules:preset_edit", _first(ProportionalityPreset)),
    ("administrator", "rules:exchange_rate_create", None),
    ("administrator", "rules:policy_edit", None),
    ("supplier", "notices:detail", _notice),
    ("supplier", "notices:ask", _notice),
    ("supplier", "notices:receipt", _receipt),
    ("procurement_officer", "notices:inbox", _inbox),
    ("procurement_officer", "notices:answer_create", _inbox),
    ("procurement_officer", "notices:answer_edit", _inbox_answer("draft")),
    ("procurement_officer", "notices:answer_edit", _inbox_answer("published")),
    ("procurement_officer", "notices:answer_publish", _inbox_answer("draft")),
    ("procurement_officer", "notices:answer_correct", _inbox_answer("published")),
    ("procurement_officer", "notices:extend", _inbox),
    ("procurement_officer", "notices:interested", _inbox),
    ("procurement_officer", "contracts:tenders", _tenders),
    ("procurement_officer", "contracts:sign", _award_to_sign),
    ("procurement_officer", "contracts:list", None),
    ("procurement_officer", "contracts:detail", _contract_pages),
    ("procurement_officer", "contracts:amend", _commitment),
    ("procurement_officer", "contracts:decide", _contract_pages),
    ("procurement_officer", "contracts:positions", None),
    ("supplier", "contracts:list", None),
    ("supplier", "contracts:detail", _supplier_contract),
    ("supplier", "contracts:positions", None),
    ("supplier", "contracts:position_create", _supplier_contract),
    ("supplier", "contracts:position_edit", _supplier_position),
    ("supplier", "contracts:report_create", _supplier_contract),
    ("funder", "contracts:list", None),
    ("matching_officer", "matching:participants", None),
    ("employment_officer", "matching:participants", None),
    ("matching_officer", "matching:participant_create", None),
    ("employment_officer", "matching:participant_create", None),
    ("matching_officer", "matching:participant", _participant_page),
    ("matching_officer", "matching:participant_edit", _participant_page),
    ("matching_officer", "matching:participant_erase", _participant_page),
    ("matching_officer", "matching:proposal", _draft_proposal),
    ("supplier", "matching:proposal", _host_proposal),
    ("matching_officer", "matching:placements", None),
    ("supplier", "matching:placements", None),
    ("matching_officer", "matching:positions_for", lambda user: {"pk": _matching_market(user)[0].pk}),
    ("matching_officer", "matching:candidates", lambda user: {"position_pk": _matching_market(user)[1].pk}),
    ("matching_officer", "matching:optimal", lambda user: _matching_market(user) and {}),
    ("matching_officer", "training:manage", _training_overview),
    ("administrator", "training:manage", None),
    ("matching_officer", "training:course_create", None),
    ("matching_officer", "training:course_edit", lambda user: {"pk": CourseFactory(organisation=user.organisation).pk}),
    ("matching_officer", "training:session_create", lambda user: CourseFactory(organisation=user.organisation) and {}),
    ("matching_officer", "training:session_edit", lambda user: {"pk": _training_session(user).pk}),
    ("matching_officer", "training:session_manage", _training_upcoming),
    ("matching_officer", "training:session_manage", _training_past),
    ("matching_officer", "training:session_cancel", _training_upcoming),
    ("matching_officer", "training:registration_remove", _training_registration),
    ("administrator", "privacy:consent_texts", None),
    ("supplier", "training:company", lambda user: RegistrationFactory(organisation=user.organisation) and {}),
    ("supplier", "training:session", lambda user: {"pk": SessionFactory().pk}),
    ("procurement_officer", "reports:dashboard", None),
    ("matching_officer", "reports:dashboard", None),
    ("administrator", "reports:dashboard", None),
    ("funder", "reports:dashboard", None),
    ("funder", "reports:impact", None),
    ("administrator", "reports:impact", None),
    ("administrator", "reports:parameter_edit", lambda user: {"pk": ImpactParameter.objects.order_by("pk").first().pk}),
    ("procurement_officer", "reports:evaluation", None),
    ("funder", "reports:evaluation", None),
]


def _sign_in(page, base, user, language, password=PASSWORD):
    """Signs in as a person would; a role that requires two-factor authentication types the app's code."""
    code = _app_code_for(user) if two_factor.is_required_for(user) else None
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    page.goto(f"{base}{reverse('login')}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    if code is not None:
        page.wait_for_url(f"{base}{reverse('accounts:login_code')}")
        page.fill("#id_code", code)
        page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")


def _app_code_for(user) -> str:
    """A fresh confirmed authenticator app for `user` (a new secret, so no code was used before) and its code."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def _assert_accessible(page, language):
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").count() == 1
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("route", PUBLIC_PAGES)
def test_public_pages_have_no_axe_violations(live_server, page, route, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(live_server.url + reverse(route))
    _assert_accessible(page, language)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(("persona_name", "route", "make_kwargs"), SIGNED_IN_PAGES)
def test_signed_in_pages_have_no_axe_violations(request, live_server, page, persona_name, route, make_kwargs, language):
    user = request.getfixturevalue(persona_name)
    if route == "privacy:audit_trail":
        create_api_token(user, name="a11y")  # so the trail has a row to render
    _sign_in(page, live_server.url, user, language)
    page.goto(live_server.url + reverse(route, kwargs=make_kwargs(user) if make_kwargs else None))
    _assert_accessible(page, language)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_error_pages_and_form_errors_have_no_axe_violations(live_server, page, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(live_server.url + "/finns-inte/")
    _assert_accessible(page, language)
    page.goto(live_server.url + reverse("accounts:register"))
    page.click("main button[type=submit]")
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    _assert_accessible(page, language)


def test_keyboard_user_can_skip_to_content_and_switch_language(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.click("button[name=language][value=en]")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Social requirements that become jobs"


def test_ten_wrong_passwords_show_the_lockout_page_in_the_browser(live_server, page, supplier):
    page.goto(live_server.url + reverse("login"))
    for _attempt in range(10):
        page.fill("#id_username", supplier.username)
        page.fill("#id_password", "fel-lösenord")
        page.click("main button[type=submit]")
    assert page.locator("h1").inner_text() == "Kontot är tillfälligt låst"
    _assert_accessible(page, "sv")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_public_notice_with_answers_has_no_axe_violations(live_server, page, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(live_server.url + reverse("notices:detail", kwargs=_notice(None)))
    _assert_accessible(page, language)
