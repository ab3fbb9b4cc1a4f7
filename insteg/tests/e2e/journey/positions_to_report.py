"""The seed's process from a signed contract to the funder's report, walked in a real browser.

Each step is done by the person who does it, in their own browser (a context of their own, signed in once):
the supplier contact offers positions; the matching officer plans a supervisor-training session; the supervisor
registers for it with the keyboard only; the employment-service officer refers a person; the matching officer
proposes the person for a position and the host accepts; the placement starts, a check-in is recorded, the host
reports a situation that the matching officer answers and resolves, and the placement ends with an outcome;
the funder reads the reports. Every page reached is checked with axe; the main ones are photographed (10–19).

Dates: a browser cannot move the clock, so the placement is recorded after the fact, through the product's own
forms, which allow it: the position could be taken from eight weeks ago, the person was available from then, the
proposal's start is that day and the start is recorded as planned. Check-ins are then due (and one overdue)
today, and the placement can end today, a few days before its planned end, as completed.
"""

import datetime
from urllib.parse import urlsplit

from dateutil.relativedelta import relativedelta
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from insteg.contracts.models import Position, PositionType
from insteg.followup.models import CheckIn, Situation
from insteg.matching.models import Participant, Placement, Proposal
from insteg.tests.e2e.journey.screenshots import shoot
from insteg.tests.e2e.test_pages_a11y import _assert_accessible, _sign_in
from insteg.training.models import Course, Registration, Session

LANGUAGE = "sv"
WEEKS_AGO = 8
PRAKTIKPLATS, STODANSTALLNING = "arbetspraktik", "lonebidrag"
SUPERVISOR = {"name": "Eva Handledare", "email": "eva.handledare@storsjobygg.example"}
SECOND_SUPERVISOR = {"name": "Per Lager", "email": "per.lager@storsjobygg.example"}
PERSON = {"first_name": "Amina", "last_name": "Yusuf", "referral_reference": "AF-2026-0117"}
SITUATION_TEXT = "Osäker på de nya arbetsuppgifterna i förrådet; behöver en genomgång med handledaren."
RESOLUTION_TEXT = "Handledaren har gått igenom uppgifterna med en skriftlig checklista."
OUTCOME = Placement.Outcome.JOB_AT_HOST


def walk(browser, base: str, people: dict, contract, supplier) -> dict:
    """From `contract` (signed, won by `supplier`'s company) to the funder's report. Returns what was made."""
    browsers = _Browsers(browser, base)
    try:
        dates = _dates(timezone.localdate())
        positions = offer_positions(browsers.page_for(supplier), base, contract, dates)
        position = positions[PRAKTIKPLATS]
        session = plan_training_session(browsers.page_for(people["matching_officer"]), base, dates)
        registration = register_supervisor_with_the_keyboard(browsers.new_page(), base, session, position)
        participant = refer_participant(browsers.page_for(people["employment_officer"]), base, contract, dates)
        officer = browsers.page_for(people["matching_officer"])
        proposal = propose_to_host(officer, base, participant, position)
        placement = accept_proposal(browsers.page_for(supplier), base, supplier, proposal)
        check_in = start_and_follow_up(officer, base, placement, dates)
        situation = report_situation_as_host(browsers.page_for(supplier), base, placement, dates)
        handle_situation(officer, base, situation)
        see_situation_resolved(browsers.page_for(supplier), base, placement)
        end_placement(officer, base, placement, dates)
        report = read_report(browsers.page_for(people["funder"]), base, placement)
    finally:
        browsers.close()
    placement.refresh_from_db()
    return {
        "placement": placement,
        "positions": positions,
        "session": session,
        "registration": registration,
        "participant": participant,
        "proposal": proposal,
        "check_in": check_in,
        "situation": situation,
        "report": report,
    }


# --- Browsers, pages and dates ---------------------------------------------------------------------------------------


class _Browsers:
    """One browser context per person, signed in the first time it is needed."""

    def __init__(self, browser, base: str):
        self.browser, self.base = browser, base
        self.pages, self.contexts = {}, []

    def new_page(self):
        context = self.browser.new_context(locale="sv-SE")
        context.add_cookies([{"name": "django_language", "value": LANGUAGE, "url": self.base}])
        self.contexts.append(context)
        return context.new_page()

    def page_for(self, user):
        if user.pk not in self.pages:
            page = self.new_page()
            _sign_in(page, self.base, user, LANGUAGE)
            self.pages[user.pk] = page
        return self.pages[user.pk]

    def close(self):
        for context in self.contexts:
            context.close()


def _dates(today: datetime.date) -> dict:
    start = today - datetime.timedelta(weeks=WEEKS_AGO)
    return {
        "today": today,
        "start": start,
        "start_until": today + datetime.timedelta(days=30),
        "session": today + datetime.timedelta(days=30),
        "check_in_held": start + datetime.timedelta(days=7),
        "situation": today - datetime.timedelta(days=3),
    }


def _path(name: str, *args) -> str:
    return reverse(name, args=args)


def _open(page, base: str, path: str):
    response = page.goto(base + path)
    assert response.status == 200, f"{path} answered {response.status}"
    _assert_accessible(page, LANGUAGE)


def _follow(page, selector: str):
    """Click a link or a submit button and land on the next page: it answers 200 and passes axe."""
    with page.expect_navigation() as navigation:
        page.click(selector)
    assert navigation.value.status == 200, f"{page.url} answered {navigation.value.status}"
    _assert_accessible(page, LANGUAGE)


def _done(page):
    """The page says the step is done (the success message after a POST and its redirect)."""
    assert page.locator(".message--success").count() >= 1, page.inner_text("main")


def _iso(day: datetime.date) -> str:
    return day.isoformat()


# --- 1. The supplier offers positions ------------------------------------------------------------------------------


def offer_positions(page, base: str, contract, dates: dict) -> dict:
    """A praktikplats and a stödanställning under the contract, as the supplier contact types them."""
    _open(page, base, _path("contracts:positions"))
    positions = {}
    for code, title, occupation, supervisor in (
        (PRAKTIKPLATS, "Lokalvårdare, praktikplats", "9111", SUPERVISOR),
        (STODANSTALLNING, "Varupåfyllare, stödanställning", "9332", SECOND_SUPERVISOR),
    ):
        _follow(page, f"main a[href='{_path('contracts:position_create', contract.pk)}']")
        _choose_position_type(page, code)
        page.fill("#id_occupation", occupation)
        page.fill("#id_title", title)
        page.fill("#id_workplace_municipality", "Östersund")
        page.fill("#id_workplace_address", "Industrigatan 4, Östersund")
        page.fill("#id_hours_per_week", "40")
        page.fill("#id_start_from", _iso(dates["start"]))
        page.fill("#id_start_until", _iso(dates["start_until"]))
        page.fill("#id_duration_months", "2")
        page.fill("#id_adaptations", "Flexibla tider och instruktioner i bilder.")
        page.fill("#id_supervisor_name", supervisor["name"])
        page.fill("#id_supervisor_email", supervisor["email"])
        _follow(page, "main form button[type=submit]")
        _done(page)
        positions[code] = Position.objects.get(contract=contract, title=title)
    assert page.locator("main tbody tr", has_text="Lokalvårdare, praktikplats").count() == 1
    shoot(page, "10-positions")
    return positions


def _choose_position_type(page, code: str) -> None:
    """The contract's commitments decide the kinds offered; take the one asked for, or the first allowed."""
    wanted = str(PositionType.objects.get(code=code).pk)
    offered = page.locator("#id_position_type option").evaluate_all("options => options.map(o => o.value)")
    page.select_option("#id_position_type", wanted if wanted in offered else [v for v in offered if v][0])


# --- 2. Supervisor training: the organiser plans it, the supervisor registers with the keyboard ----------------------


def plan_training_session(page, base: str, dates: dict) -> Session:
    _open(page, base, _path("training:manage"))
    _follow(page, f"main a[href='{_path('training:course_create')}']")
    page.fill("#id_title", "Handledarutbildning för arbetsplatser")
    page.fill("#id_description", "Ledarskap, kommunikation och bemötande för handledare av nya kollegor.")
    page.fill("#id_agenda", "09.00 Handledarens roll\n13.00 Kommunikation")
    _follow(page, "main form button[type=submit]")
    _done(page)
    course = Course.objects.get(title="Handledarutbildning för arbetsplatser")
    _follow(page, f"main a[href='{_path('training:session_create')}?course={course.pk}']")
    page.fill("#id_date", _iso(dates["session"]))
    page.fill("#id_start_time", "09:00")
    page.fill("#id_end_time", "16:00")
    page.fill("#id_location", "Rådhuset, Rådhusgatan 44, Östersund")
    _follow(page, "main form button[type=submit]")
    _done(page)
    return Session.objects.get(course=course)


def register_supervisor_with_the_keyboard(page, base: str, session: Session, position: Position) -> Registration:
    """Keyboard only: the first address is opened, then only Tab, Space, Enter and typing (GDPR consent ticked)."""
    response = page.goto(base + _path("training:sessions"))
    assert response.status == 200
    _assert_accessible(page, LANGUAGE)
    _tab_to(page, f"main a[href='{_path('training:session', session.pk)}']")
    _assert_focus_visible(page)
    _press_and_arrive(page, "Enter")
    for selector, text in (
        ("#id_name", SUPERVISOR["name"]),
        ("#id_email", position.supervisor_email),
        ("#id_organisation_name", position.contract.supplier.name),
        ("#id_role", "Handledare"),
    ):
        _tab_to(page, selector)
        page.keyboard.type(text)
    _assert_focus_visible(page)
    _tab_to(page, "#id_consent")
    _assert_focus_visible(page)
    page.keyboard.press("Space")
    assert page.is_checked("#id_consent")
    # One step back and forth: Shift+Tab leaves the consent for the field before it, Tab returns.
    page.keyboard.press("Shift+Tab")
    assert not _focused(page, "#id_consent")
    _tab_to(page, "#id_consent")
    _tab_to(page, "main form button[type=submit]")
    _assert_focus_visible(page)
    shoot(page, "11-training-registration")
    _press_and_arrive(page, "Enter")
    _done(page)
    registration = Registration.objects.get(session=session, email=position.supervisor_email)
    assert registration.status == Registration.Status.CONFIRMED and registration.consent_at is not None
    return registration


def _focused(page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement !== null && document.activeElement.matches(s)", selector)


def _tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until `selector` has the focus, as a keyboard user moves through the page."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if _focused(page, selector):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector} on {page.url}")


def _press_and_arrive(page, key: str) -> None:
    with page.expect_navigation() as navigation:
        page.keyboard.press(key)
    assert navigation.value.status == 200
    _assert_accessible(page, LANGUAGE)


def _assert_focus_visible(page) -> None:
    """WCAG 2.4.7: the element with the focus shows it (an outline or a focus ring drawn as a box shadow)."""
    outline, shadow = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.boxShadow]; }"
    )
    element = page.evaluate("document.activeElement.outerHTML")
    assert outline != "none" or shadow != "none", f"no visible focus on {element}"


# --- 3. The employment-service officer refers a person -------------------------------------------------------------


def refer_participant(page, base: str, contract, dates: dict) -> Participant:
    _open(page, base, _path("matching:participants"))
    _follow(page, f"main a[href='{_path('matching:participant_create')}']")
    municipality = contract.procurement.organisation
    if page.locator("select#id_municipality").count():
        page.select_option("#id_municipality", str(municipality.pk))
    page.fill("#id_referral_reference", PERSON["referral_reference"])
    page.fill("#id_first_name", PERSON["first_name"])
    page.fill("#id_last_name", PERSON["last_name"])
    page.fill("#id_email", "amina.yusuf@example.org")
    page.fill("#id_birth_year", "1991")
    page.select_option("#id_target_group", "long_term_unemployed")
    page.fill("#id_occupations", "9111")
    page.fill("#id_home_municipality", "Östersund")
    page.fill("#id_available_from", _iso(dates["start"]))
    page.fill("#id_waiting_since", _iso(dates["today"] - relativedelta(years=1)))
    page.fill("#id_informed_on", _iso(dates["today"] - datetime.timedelta(weeks=WEEKS_AGO + 1)))
    page.check("input[name=adaptations][value=gradual_start]")
    page.check("input[name=adaptations][value=written_instructions]")
    shoot(page, "12-participant")
    _follow(page, "main form button[type=submit]")
    _done(page)
    return Participant.objects.get(municipality=municipality, referral_reference=PERSON["referral_reference"])


# --- 4. The matching officer proposes; the host accepts -------------------------------------------------------------


def propose_to_host(page, base: str, participant: Participant, position: Position) -> Proposal:
    _open(page, base, _path("matching:participants"))
    _follow(page, f"main a[href='{_path('matching:participant', participant.pk)}']")
    _follow(page, f"main a[href='{_path('matching:positions_for', participant.pk)}']")
    row = f'main tbody tr:has-text("{position.title}")'
    assert page.locator(row).count() == 1, "the position is not ranked for the person"
    shoot(page, "13-matching")
    _follow(page, f"{row} button[type=submit]")
    _done(page)
    proposal = Proposal.objects.get(participant=participant, position=position)
    page.check(f"input[name=disclosure][value={Proposal.Disclosure.CONSENT}]")
    page.check("input[name=shared_adaptations][value=gradual_start]")
    mail.outbox.clear()
    _follow(page, "main form:has(input[name=disclosure]) button[type=submit]")
    _done(page)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.PROPOSED
    return proposal


def accept_proposal(page, base: str, supplier, proposal: Proposal) -> Placement:
    """The host opens the link in the email it was sent (no name in it) and accepts."""
    emails = [message for message in mail.outbox if supplier.email in message.to]
    assert emails, "the host was not told about the proposal"
    assert PERSON["last_name"] not in emails[-1].body and PERSON["first_name"] not in emails[-1].body
    path = _proposal_path_in(emails[-1].body)
    _open(page, base, path)
    assert PERSON["first_name"] in page.inner_text("main") and PERSON["last_name"] not in page.inner_text("main")
    shoot(page, "14-proposal-host")
    _follow(page, "main form:has(input[name=decision][value=accept]) button[type=submit]")
    _done(page)
    # The supervisor holds a seat at an upcoming session: no warning about the training.
    assert page.locator("main .message--warning").count() == 0
    return Placement.objects.get(proposal=proposal)


def _proposal_path_in(body: str) -> str:
    for word in body.split():
        if "/matchning/forslag/" in word:
            return urlsplit(word).path
    raise AssertionError(f"no link to the proposal in the email: {body}")


# --- 5. The placement: started, followed up, a situation handled, ended ---------------------------------------------


def start_and_follow_up(page, base: str, placement: Placement, dates: dict) -> CheckIn:
    """The placement started on its planned day; the first week's check-in was held then and is recorded now."""
    _open(page, base, _path("matching:placements"))
    _follow(page, f"main a[href='{_path('followup:placement', placement.pk)}']")
    _follow(page, f"main a[href='{_path('followup:start', placement.pk)}']")
    _follow(page, "main form button[type=submit]")
    _done(page)
    check_in = placement.check_ins.order_by("due_on", "pk").first()
    assert check_in.due_on < dates["today"]  # the first week's check-in is overdue: the page says so
    _follow(page, f"main a[href='{_path('followup:check_in', placement.pk, check_in.pk)}']")
    page.fill("#id_done_on", _iso(dates["check_in_held"]))
    page.check(f"input[name=channel][value={CheckIn.Channel.VISIT}]")
    page.check(f"input[name=with_whom][value={CheckIn.WithWhom.BOTH}]")
    page.check(f"input[name=status][value={CheckIn.Status.ON_TRACK}]")
    page.fill("#id_notes", "Bra första vecka. Handledaren visar maskinerna stegvis.")
    page.fill("#id_action_1_text", "Skriftlig checklista för städrutinerna")
    page.select_option("#id_action_1_owner", "host")
    page.fill("#id_action_1_due_on", _iso(dates["check_in_held"] + datetime.timedelta(days=7)))
    _follow(page, "main form button[type=submit]")
    _done(page)
    check_in.refresh_from_db()
    assert check_in.done_on == dates["check_in_held"]
    return check_in


def report_situation_as_host(page, base: str, placement: Placement, dates: dict) -> Situation:
    _open(page, base, _path("matching:placements"))
    _follow(page, f"main a[href='{_path('followup:host_placement', placement.pk)}']")
    page.select_option("#id_category", "tasks")
    page.select_option("#id_severity", Situation.Severity.MEDIUM)
    page.fill("#id_occurred_on", _iso(dates["situation"]))
    page.fill("#id_description", SITUATION_TEXT)
    _follow(page, "main form button[type=submit]")
    _done(page)
    return placement.situations.get(description=SITUATION_TEXT)


def handle_situation(page, base: str, situation: Situation) -> None:
    """The responsible matching officer answers the host, then resolves the situation."""
    placement = situation.placement
    _open(page, base, _path("followup:placement", placement.pk))
    _follow(page, f"main a[href='{_path('followup:situation', placement.pk, situation.pk)}']")
    page.fill("#id_respond_text", "Jag ringer handledaren i dag och vi bokar en genomgång.")
    _follow(page, "main form:has(input[name=action][value=respond]) button[type=submit]")
    _done(page)
    page.fill("#id_resolve_text", RESOLUTION_TEXT)
    _follow(page, "main form:has(input[name=action][value=resolve]) button[type=submit]")
    _done(page)
    situation.refresh_from_db()
    assert situation.first_response_at is not None and situation.resolved_at is not None


def see_situation_resolved(page, base: str, placement: Placement) -> None:
    _open(page, base, _path("followup:host_placement", placement.pk))
    assert RESOLUTION_TEXT in page.inner_text("main")


def end_placement(page, base: str, placement: Placement, dates: dict) -> None:
    """It ends today, within a week of its planned end: completed, with a job at the host."""
    _open(page, base, _path("followup:placement", placement.pk))
    _follow(page, f"main a[href='{_path('followup:end', placement.pk)}']")
    page.fill("#id_ended_on", _iso(dates["today"]))
    page.select_option("#id_end_reason", Placement.EndReason.COMPLETED)
    page.select_option("#id_outcome_at_end", OUTCOME)
    page.select_option("#id_outcome_at_end_evidence", Placement.Evidence.EMPLOYER_CONFIRMED)
    _follow(page, "main form button[type=submit]")
    _done(page)
    with translation.override(LANGUAGE):
        outcome = str(Placement.Outcome(OUTCOME).label)
    assert outcome in page.inner_text("main dl.facts")
    shoot(page, "15-placement-follow-up")


# --- 6. The funder reads the report ---------------------------------------------------------------------------------


def read_report(page, base: str, placement: Placement) -> dict:
    """The dashboard, the evaluation over the period the placement started in, and the impact estimate.

    The funder sees aggregates: the months of work delivered are shown as they are, a count of one person is
    hidden ("–") below the small-cell threshold."""
    _open(page, base, _path("reports:dashboard"))
    shoot(page, "16-report")
    figures = _dashboard_figures(page)
    start = placement.starts_on.replace(month=1, day=1)
    _follow(page, f"main a[href='{_path('reports:evaluation')}']")
    page.fill("#id_start", _iso(start))
    _follow(page, "main form.evaluation-form button[type=submit]")
    evaluation = {
        "commitments": page.inner_text("#commitments"),
        "people": page.inner_text("#people"),
        "completion": page.inner_text("#completion"),
    }
    shoot(page, "17-evaluation")
    _open(page, base, _path("reports:dashboard"))
    _follow(page, f"main a[href='{_path('reports:impact')}']")
    page.fill("#id_start", _iso(start))
    _follow(page, "main form.filters button[type=submit]")
    return {"dashboard": figures, "evaluation": evaluation, "impact": page.inner_text("main")}


def _dashboard_figures(page) -> dict[str, str]:
    """Each card's heading and its figure, as read on the page."""
    cards = page.locator("main li.card")
    return {
        cards.nth(index).locator("h3").inner_text().strip(): cards.nth(index).locator("strong").inner_text().strip()
        for index in range(cards.count())
    }
