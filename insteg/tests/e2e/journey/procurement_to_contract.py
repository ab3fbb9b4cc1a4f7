"""The seed's process, first half: from the procurement with an employment requirement to the signed contract.

Each step is done by the role that does it, in a browser context of its own: the procurement officer designs and
publishes; a supplier registers its company, signs in and asks a question with the keyboard alone; the officer
answers to every supplier; the officer records the tenders, awards and signs the contract with that company.
"""

import datetime
import re
from urllib.parse import urlsplit

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from insteg.accounts.models import User
from insteg.contracts.models import Contract
from insteg.notices.models import Answer, Question
from insteg.procurement.models import Procurement
from insteg.rules import deadlines
from insteg.tests.e2e.journey.screenshots import shoot
from insteg.tests.e2e.test_pages_a11y import _assert_accessible, _sign_in
from insteg.tests.e2e.test_procurement_journey import _fill_procurement

PASSWORD = "correct horse battery staple"
COMPANY = "Torvalla Städ & Service AB"
COMPANY_ORG_NUMBER = "559412-3456"
CONTACT_EMAIL = "maria.lind@torvallastad.example"
QUESTION = "Kan anställningarna fördelas på två deltidstjänster om 50 procent vardera?"
PUBLIC_QUESTION = "Får en anställning delas upp på två deltidstjänster?"
ANSWER = "Ja. Två deltidstjänster om 50 procent räknas tillsammans som en heltidsanställning."
MAX_TABS = 150


def _open(browser):
    context = browser.new_context(locale="sv-SE")
    return context, context.new_page()


# --- The keyboard: where focus is, and moving it there with Tab alone -------------------------------------


def _focus_matches(page, selector: str) -> bool:
    return page.evaluate("(selector) => document.activeElement?.matches(selector) ?? false", selector)


def _tab_to(page, selector: str) -> None:
    """Presses Tab until the element matching the CSS selector has focus, as a keyboard user moves through a page."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if _focus_matches(page, selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def _assert_focus_visible(page) -> None:
    """WCAG 2.4.7: the focused element shows it, with an outline or a ring drawn as a box shadow."""
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return {outline: s.outlineStyle, shadow: s.boxShadow, tag: document.activeElement.tagName}; }"
    )
    assert style["outline"] != "none" or style["shadow"] != "none", f"no visible focus: {style}"


def _type_into(page, selector: str, text: str) -> None:
    _tab_to(page, selector)
    page.keyboard.type(text)


def _press_enter_on(page, selector: str) -> None:
    _tab_to(page, selector)
    _assert_focus_visible(page)
    page.keyboard.press("Enter")


# --- 1. The procurement officer designs, justifies and publishes ------------------------------------------


def officer_designs_and_publishes(browser, base: str, officer: User) -> Procurement:
    context, page = _open(browser)
    notice = timezone.localdate()
    minimum = deadlines.calculate(procedure="open", notice_sent=notice).minimum_tender_deadline
    _sign_in(page, base, officer, "sv")

    page.goto(base + reverse("procurement:create"))
    _assert_accessible(page, "sv")
    _fill_procurement(page, notice, minimum + datetime.timedelta(days=14))
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('Lokalvård i stadsdelen Torvalla')")
    procurement = Procurement.objects.get(reference="KS 2026/0999")
    _assert_accessible(page, "sv")

    # The employment requirement from the criteria library, with the suggestion of the default rule of thumb.
    page.click("text=Lägg till ett krav från kriteriebiblioteket")
    page.fill("#id_q", "sysselsättningskrav")
    page.keyboard.press("Enter")
    page.wait_for_selector("#results h3:has-text('Sysselsättningskrav med åtagande i antal')")
    _assert_accessible(page, "sv")
    page.click("#results li:has(h3:has-text('Sysselsättningskrav med åtagande i antal')) button[type=submit]")
    page.wait_for_selector("#suggestion")
    suggested = procurement.requirements.get().slots_suggested
    assert suggested and str(suggested) in page.inner_text("#suggestion")
    _assert_accessible(page, "sv")
    shoot(page, "01-procurement-requirement")

    page.fill("#id_slots_decided", str(suggested))
    page.check("input[name=target_groups][value=long_term_unemployed]")
    page.check("input[name=alternatives][value=a]")
    page.fill("#id_months_fulltime", "36")
    page.fill("#id_rationale", "Lokalvård är arbetsintensiv; förslaget står sig för ett fyraårigt avtal.")
    page.click("main form button[type=submit] >> text=Bestäm och spara")
    page.wait_for_selector("h1:has-text('Lokalvård i stadsdelen Torvalla')")
    assert procurement.requirements.get().slots_decided == suggested

    page.goto(base + reverse("procurement:publish", args=[procurement.pk]))
    _assert_accessible(page, "sv")
    page.click("main form button[type=submit]")
    page.wait_for_url(base + procurement.get_absolute_url())
    _assert_accessible(page, "sv")
    procurement.refresh_from_db()
    assert procurement.status == Procurement.Status.PUBLISHED
    context.close()
    return procurement


# --- 2. A supplier registers its company and asks, with the keyboard only ---------------------------------


def _emailed_link(to: str, pattern: str) -> str:
    """The last link matching `pattern` in the mail sent to `to`."""
    bodies = [message.body for message in mail.outbox if to in message.to]
    links = [link for body in bodies for link in re.findall(r"https?://\S+", body) if re.search(pattern, link)]
    assert links, f"no link matching {pattern} was emailed to {to}"
    return links[-1]


def _register_company(page, base: str) -> None:
    page.goto(base + reverse("accounts:register"))
    _assert_accessible(page, "sv")
    _tab_to(page, "#id_organisation_name")
    _assert_focus_visible(page)
    page.keyboard.type(COMPANY)
    _type_into(page, "#id_org_number", COMPANY_ORG_NUMBER)
    _tab_to(page, "#id_is_sme")
    _assert_focus_visible(page)
    page.keyboard.press("Space")
    assert _focus_matches(page, "#id_is_sme:checked")
    _type_into(page, "#id_first_name", "Maria")
    _type_into(page, "#id_last_name", "Lind")
    _type_into(page, "#id_email", CONTACT_EMAIL)
    _type_into(page, "#id_password1", PASSWORD)
    _type_into(page, "#id_password2", PASSWORD)
    _press_enter_on(page, "main form button[type=submit]")
    page.wait_for_url(base + reverse("accounts:register_done"))
    _assert_accessible(page, "sv")


def _verify_email(page, base: str) -> None:
    page.goto(_emailed_link(CONTACT_EMAIL, "/verify/"))
    _assert_accessible(page, "sv")
    _press_enter_on(page, "main form button[type=submit]")
    page.wait_for_url(base + reverse("login"))
    _assert_accessible(page, "sv")


def _sign_in_with_keyboard(page, base: str) -> None:
    _type_into(page, "#id_username", CONTACT_EMAIL)
    _type_into(page, "#id_password", PASSWORD)
    _press_enter_on(page, "main form button[type=submit]")
    page.wait_for_url(base + reverse("core:home"))
    _assert_accessible(page, "sv")


def _find_notice(page, base: str, procurement: Procurement) -> None:
    _press_enter_on(page, f"nav a[href='{reverse('notices:list')}']")
    page.wait_for_url(base + reverse("notices:list"))
    _assert_accessible(page, "sv")
    _press_enter_on(page, f"main a[href='{reverse('notices:detail', args=[procurement.pk])}']")
    page.wait_for_selector("h1:has-text('Lokalvård i stadsdelen Torvalla')")
    _assert_accessible(page, "sv")


def _register_interest(page, procurement: Procurement) -> None:
    """So the answer reaches the company by email too; the address is filled in with the contact's own."""
    interest = reverse("notices:interest", args=[procurement.pk])
    _press_enter_on(page, f"form[action='{interest}'] button[type=submit]")
    page.wait_for_selector(f"main :text('{CONTACT_EMAIL}')")
    _assert_accessible(page, "sv")
    shoot(page, "02-notice")


def _ask(page, procurement: Procurement) -> None:
    _press_enter_on(page, f"main a[href='{reverse('notices:ask', args=[procurement.pk])}']")
    page.wait_for_selector("#id_text")
    _assert_accessible(page, "sv")
    _type_into(page, "#id_text", QUESTION)
    _assert_focus_visible(page)
    # The question concerns the employment requirement: the first choice after "no particular requirement".
    _tab_to(page, "#id_requirement")
    _assert_focus_visible(page)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.selectedIndex") == 1
    shoot(page, "03-question")
    _press_enter_on(page, "form:has(#id_text) button[type=submit]")
    page.wait_for_url(re.compile(r"/fragor/\d+/$"))
    _assert_accessible(page, "sv")


def supplier_registers_and_asks(browser, base: str, procurement: Procurement) -> User:
    context, page = _open(browser)
    _register_company(page, base)
    _verify_email(page, base)
    _sign_in_with_keyboard(page, base)
    _find_notice(page, base, procurement)
    _register_interest(page, procurement)
    _ask(page, procurement)
    context.close()
    supplier = User.objects.get(email=CONTACT_EMAIL)
    question = Question.objects.get(procurement=procurement)
    assert (question.asked_by, question.asking_organisation.name, question.text) == (supplier, COMPANY, QUESTION)
    assert question.requirement == procurement.requirements.get()
    return supplier


# --- 3. The officer answers, to every supplier at once -----------------------------------------------------


def officer_answers(browser, base: str, officer: User, procurement: Procurement) -> Answer:
    context, page = _open(browser)
    _sign_in(page, base, officer, "sv")
    page.goto(base + reverse("notices:inbox", args=[procurement.pk]))
    assert QUESTION in page.inner_text("main")
    _assert_accessible(page, "sv")
    shoot(page, "04-answer-inbox")

    question = Question.objects.get(procurement=procurement)
    page.check(f"#question-{question.pk}")
    page.click("main form[method=get] button[type=submit]")
    page.wait_for_selector("#id_public_question")
    _assert_accessible(page, "sv")
    # The asker's own words are rewritten so that nothing reveals who asked.
    page.fill("#id_public_question", PUBLIC_QUESTION)
    page.fill("#id_text", ANSWER)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/fragor/svar/\d+/$"))
    answer = Answer.objects.get(procurement=procurement)
    _assert_accessible(page, "sv")

    publish = reverse("notices:answer_publish", args=[procurement.pk, answer.pk])
    page.click(f"main a[href='{publish}']")
    page.wait_for_url(base + publish)
    _assert_accessible(page, "sv")
    page.click("main form button[type=submit]")
    page.wait_for_url(base + reverse("notices:inbox", args=[procurement.pk]))
    _assert_accessible(page, "sv")
    context.close()
    answer.refresh_from_db()
    assert answer.status == Answer.Status.PUBLISHED
    return answer


def supplier_reads_the_answer(browser, base: str, supplier: User, procurement: Procurement) -> None:
    """The answer is emailed to the registered contact; its link opens the notice, where the answer is published."""
    emailed = [message for message in mail.outbox if message.to == [CONTACT_EMAIL] and ANSWER in message.body]
    assert len(emailed) == 1
    assert QUESTION not in emailed[0].body  # the public wording only
    link = _emailed_link(CONTACT_EMAIL, reverse("notices:detail", args=[procurement.pk]))
    context, page = _open(browser)
    _sign_in(page, base, supplier, "sv")
    page.goto(base + urlsplit(link).path)
    main = page.inner_text("main")
    assert PUBLIC_QUESTION in main and ANSWER in main
    assert "Besvarad som nr 1" in main or "Answered as no. 1" in main  # its own question, in its own list
    _assert_accessible(page, "sv")
    context.close()


# --- 4. Tenders, award and contract -----------------------------------------------------------------------


def _record_tender(page, company: str, price: str) -> None:
    page.select_option("#id_tender_organisation", label=company)
    page.fill("#id_tender_price_sek", price)
    page.click("main form:has(#id_tender_organisation) button[type=submit]")
    page.wait_for_selector(f"main td:has-text('{company}')")


def officer_awards_and_signs(
    browser, base: str, officer: User, procurement: Procurement, competitors: list[str]
) -> Contract:
    context, page = _open(browser)
    _sign_in(page, base, officer, "sv")
    page.goto(base + procurement.get_absolute_url())
    _assert_accessible(page, "sv")
    page.click(f"main a[href='{reverse('contracts:tenders', args=[procurement.pk])}']")
    page.wait_for_selector("#id_tender_organisation")
    _assert_accessible(page, "sv")
    _record_tender(page, COMPANY, "58 400 000")
    for company in competitors:
        _record_tender(page, company, "61 900 000")
    _assert_accessible(page, "sv")

    today = timezone.localdate().isoformat()
    page.select_option("#id_awardall_winner", label=COMPANY)
    page.fill("#id_awardall_decided_on", today)
    page.fill("#id_awardall_notice_sent_on", today)
    page.click("main form:has(#id_awardall_winner) button[type=submit]")
    sign = page.locator("main a[href*='/tilldelningar/']")
    sign.wait_for()
    _assert_accessible(page, "sv")

    sign.click()
    page.wait_for_selector("#id_value_sek")
    _assert_accessible(page, "sv")
    signed_on = datetime.date.fromisoformat(page.input_value("#id_signed_on"))  # the earliest day the law allows
    page.fill("#id_value_sek", "58 400 000")
    page.fill("#id_starts_on", (signed_on + datetime.timedelta(days=30)).isoformat())
    page.fill("#id_ends_on", (signed_on + datetime.timedelta(days=30 + 4 * 365)).isoformat())
    page.fill("#id_options", "1 + 1 år")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/avtal/\d+/$"))
    _assert_accessible(page, "sv")
    shoot(page, "05-contract")
    context.close()
    return Contract.objects.get(procurement=procurement)


def walk(browser, base: str, people: dict) -> dict:
    officer = people["procurement_officer"]
    procurement = officer_designs_and_publishes(browser, base, officer)
    supplier = supplier_registers_and_asks(browser, base, procurement)
    answer = officer_answers(browser, base, officer, procurement)
    supplier_reads_the_answer(browser, base, supplier, procurement)
    competitors = [people["supplier"].organisation.name] if "supplier" in people else []
    contract = officer_awards_and_signs(browser, base, officer, procurement, competitors)
    procurement.refresh_from_db()
    return {"procurement": procurement, "contract": contract, "supplier": supplier, "answer": answer}
