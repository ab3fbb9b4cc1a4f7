"""Examples for the OpenAPI document: the main request and answer bodies, as docs/api.md uses them.

Request examples are sent as they are by clients trying the API (and by the schema fuzzer's explicit phase),
so they are valid input for a fresh installation with the reference data loaded.
"""

from drf_spectacular.utils import OpenApiExample

PROCUREMENT_CREATE = {
    "reference": "KS 2027/0012",
    "title": "Lokalvård i kommunens förskolor",
    "contract_type": "services",
    "cpv_main": "90910000-9",
    "procedure": "open",
    "estimated_value_sek": 24_000_000,
    "duration_months": 48,
    "lots_not_divided_reason": "Ett sammanhållet uppdrag med gemensam bemanning.",
    "notice_sent": "2027-01-11",
    "tender_deadline": "2027-02-19",
}

PROCUREMENT_ANSWER = {
    "id": 42,
    **PROCUREMENT_CREATE,
    "description": "",
    "cpv_additional": [],
    "accelerated": False,
    "accelerated_justification": "",
    "electronic_submission": True,
    "prior_information_notice": False,
    "question_deadline": "2027-02-09",
    "answers_due_by": "2027-02-13",
    "regime": "above_threshold",
    "regime_is_estimate": True,
    "status": "draft",
    "lots": [],
    "published_at": None,
}

REQUIREMENT_CREATE = {"criterion": "employment-numeric"}

PARTICIPANT_CREATE = {
    "first_name": "Jonas",
    "last_name": "Berg",
    "email": "jonas.berg@example.se",
    "phone": "070-765 43 21",
    "birth_year": 1988,
    "target_group": "long_term_unemployed",
    "occupations": ["9111"],
    "languages": {"swedish_level": "fluent", "other_languages": "engelska (god)"},
    "driving_licence": True,
    "home_municipality": "Östersund",
    "available_from": "2027-01-11",
    "legal_basis": "public_interest",
    "informed_on": "2026-11-20",
}

REGISTRATION_CREATE = {
    "name": "Anna Handledare",
    "email": "anna@storsjobygg.example",
    "organisation_name": "Storsjöbygg AB",
    "phone": "063-14 30 00",
    "consent": True,
}

REGISTRATION_ANSWER = {
    "id": 17,
    "status": "confirmed",
    "waitlist_position": None,
    "session": 3,
    "token": "MTc:1tXyZa:Q2FuY2VsIGtleQ",
}

QUESTION_CREATE = {"text": "Gäller kravet på praktikplatser även delkontrakt 2?"}

BAD_INPUT_ANSWER = {
    "detail": "The input is not valid.",
    "errors": {
        "tender_deadline": ["The tender deadline must come after the day the notice is sent."],
        "question_deadline": ["The question deadline cannot come before the notice is sent."],
    },
}


def request(name: str, value: dict, summary: str = "") -> OpenApiExample:
    return OpenApiExample(name, value=value, summary=summary or name, request_only=True)


def answer(name: str, value: dict, status: int = 200, summary: str = "") -> OpenApiExample:
    return OpenApiExample(name, value=value, summary=summary or name, response_only=True, status_codes=[str(status)])


BAD_INPUT = answer("Bad input", BAD_INPUT_ANSWER, 400, "400: `detail` says what, `errors` names each field")
