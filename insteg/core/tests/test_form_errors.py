"""Error messages tied to their fields (WCAG 3.3.1, 1.3.1, 4.1.2) on real forms, as a screen reader finds them:
each invalid input says so (aria-invalid) and points at its error and hint (aria-describedby); a group of radio
buttons or checkboxes is a fieldset that does the same; the summary at the top links to a focusable field."""

import lxml.html
import pytest
from django.urls import reverse

FORMS = [
    ("anonymous", "core:feedback", {"page": "https://evil.example/", "email": "nope"}),
    ("anonymous", "accounts:register", {"email": "not-an-address"}),
    ("anonymous", "password_reset", {"email": "nope"}),
    ("procurement_officer", "accounts:tokens", {"name": "", "days": "999"}),
    ("procurement_officer", "procurement:create", {"estimated_value_sek": "lots"}),
]


def _ids(element) -> list[str]:
    return (element.get("aria-describedby") or "").split()


@pytest.mark.parametrize(("persona", "url_name", "data"), FORMS, indirect=["persona"])
def test_every_error_is_tied_to_its_field_and_linked_from_the_summary(client, persona, url_name, data):
    if persona is not None:
        client.force_login(persona)
    response = client.post(reverse(url_name), data)
    assert response.status_code in (200, 400)
    page = lxml.html.fromstring(response.content.decode())
    errors = page.xpath("//main//*[contains(@class, 'field-error')]")
    assert errors, "the form should have refused this input"

    described = {id_ for element in page.xpath("//*[@aria-describedby]") for id_ in _ids(element)}
    for error in errors:
        assert error.get("id"), "an error message without an id cannot be tied to its field"
        assert error.get("id") in described, f"no field points at {error.get('id')}"

    invalid = page.xpath("//main//*[@aria-invalid='true']")
    assert invalid, "an invalid field should say so (aria-invalid)"
    for field in invalid:
        # A radio button or checkbox in a group is described by its fieldset.
        owners = [field, *field.xpath("ancestor::fieldset[1]")]
        pointed = [page.get_element_by_id(id_, None) for owner in owners for id_ in _ids(owner)]
        assert None not in pointed, f"{field.get('name')} points at a missing element"
        assert any("field-error" in element.get("class", "") for element in pointed), field.get("name")

    links = page.xpath("//*[contains(@class, 'error-summary')]//a")
    assert links, "the error summary should link to the fields"
    for link in links:
        target = page.get_element_by_id(link.get("href").removeprefix("#"), None)
        assert target is not None and target.tag in ("input", "select", "textarea"), link.get("href")


def test_a_group_of_radio_buttons_is_a_fieldset_that_points_at_its_error(english, procurement_officer):
    english.force_login(procurement_officer)
    response = english.post(reverse("accounts:tokens"), {"name": "CI", "scope": "everything", "days": "30"})
    page = lxml.html.fromstring(response.content.decode())
    radio = page.xpath("//input[@type='radio' and @name='scope']")[0]
    fieldset = radio.xpath("ancestor::fieldset[1]")[0]
    assert fieldset.xpath("legend")[0].text_content().strip() == "Scope"
    assert _ids(fieldset) == ["id_scope_helptext", "id_scope_error"]
    assert radio.get("aria-invalid") == "true"
    assert page.xpath("//*[contains(@class, 'error-summary')]//a/@href") == ["#id_scope_0"]
