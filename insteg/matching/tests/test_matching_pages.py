import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from insteg.accounts.tests.factories import OrganisationFactory
from insteg.contracts.tests.factories import PositionFactory
from insteg.matching.models import ParticipantView, Proposal
from insteg.matching.tests.factories import ParticipantFactory

OTHERS = ["procurement_officer", "administrator", "supplier", "other_supplier", "employment_officer", "funder"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def officer_client(english_client, matching_officer):
    english_client.force_login(matching_officer)
    return english_client


@pytest.fixture
def english_client(client):
    """The pages in English, so the assertions read as the source strings."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _pages(participant, position):
    return [
        reverse("matching:positions_for", args=[participant.pk]),
        reverse("matching:candidates", args=[position.pk]),
        reverse("matching:optimal"),
    ]


@pytest.mark.parametrize("persona", OTHERS)
def test_only_matching_officers_use_the_matching_pages(client, request, persona, participant, position):
    client.force_login(request.getfixturevalue(persona))

    for url in _pages(participant, position):
        assert client.get(url).status_code == 403, url
    prepare = {"participant": participant.pk, "position": position.pk}
    assert client.post(reverse("matching:proposal_prepare"), prepare).status_code == 403
    assert not ParticipantView.objects.exists() and not Proposal.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client, participant, position):
    for url in _pages(participant, position):
        assert client.get(url).status_code == 302


def test_people_and_positions_of_another_municipality_are_not_found(officer_client, participant, position):
    elsewhere = OrganisationFactory(municipality=True)
    stranger = ParticipantFactory(municipality=elsewhere)

    assert officer_client.get(reverse("matching:positions_for", args=[stranger.pk])).status_code == 404
    other_position = PositionFactory()  # a contract of some other buyer
    assert officer_client.get(reverse("matching:candidates", args=[other_position.pk])).status_code == 404
    prepare = {"participant": stranger.pk, "position": position.pk}
    assert officer_client.post(reverse("matching:proposal_prepare"), prepare).status_code == 404
    assert not ParticipantView.objects.filter(participant=stranger).exists()


def test_positions_for_a_person_are_ranked_explained_and_the_read_is_logged(
    officer_client, matching_officer, participant, position, host_contract
):
    far = PositionFactory(contract=host_contract, title="Lokalvårdare i Sveg", workplace_municipality="Härjedalen")

    response = officer_client.get(reverse("matching:positions_for", args=[participant.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert position.title in content and far.title not in content  # Sveg is too far to travel
    assert '<caption id="positions-for-table">1 position fits</caption>' in content
    assert "the same occupation as the position (9111" in content and "of 100 points" in content
    assert "Prepare proposal" in content
    view = ParticipantView.objects.get()
    assert (view.participant, view.viewer, view.purpose, view.where) == (
        participant,
        matching_officer,
        "matching",
        "positions_for",
    )


def test_candidates_are_ranked_and_every_person_shown_is_logged(
    officer_client, matching_officer, participant, position, municipality
):
    ParticipantFactory(municipality=municipality, first_name="Bo", last_name="Lindqvist")  # no occupations
    ParticipantFactory(municipality=municipality, first_name="Cia", last_name="Berg", hours_min=35)  # too few hours

    response = officer_client.get(reverse("matching:candidates", args=[position.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("Amina Yusuf-Lindberg") < content.index("Bo Lindqvist")
    assert "Cia Berg" not in content and "2 people fit" in content
    views = ParticipantView.objects.filter(where="candidates", purpose="matching", viewer=matching_officer)
    assert views.count() == 2


def test_the_optimal_proposal_assigns_each_person_once_and_explains_the_score(
    officer_client, matching_officer, participant, position, host_contract, municipality
):
    second = PositionFactory(contract=host_contract, title="Städare, kväll")
    ParticipantFactory(municipality=municipality, first_name="Bo", last_name="Lindqvist")

    response = officer_client.get(reverse("matching:optimal"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "2 pairs" in content and position.title in content and second.title in content
    assert content.count("Amina Yusuf-Lindberg") == 2  # the link and the button's hidden label, once
    assert "Looking for work for" in content
    assert ParticipantView.objects.filter(where="optimal", viewer=matching_officer).count() == 2


def test_preparing_a_proposal_makes_a_draft_and_opens_it(officer_client, matching_officer, participant, position):
    response = officer_client.post(
        reverse("matching:proposal_prepare"), {"participant": participant.pk, "position": position.pk}
    )

    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response.url == reverse("matching:proposal", args=[proposal.pk])
    assert (proposal.status, proposal.prepared_by, proposal.proposed_start) == (
        "draft",
        matching_officer,
        datetime.date(2026, 8, 1),
    )
    assert {part["code"] for part in proposal.explanation} == {"occupation", "waiting", "start", "travel"}


def test_an_infeasible_pair_is_refused_with_the_reason_and_nothing_is_saved(officer_client, participant, position):
    participant.hours_min = 35
    participant.save()
    back = reverse("matching:candidates", args=[position.pk])

    response = officer_client.post(
        reverse("matching:proposal_prepare"),
        {"participant": participant.pk, "position": position.pk, "next": back},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == back
    assert "The position has 30 hours a week" in response.content.decode()
    assert not Proposal.objects.exists()


def test_preparing_the_same_proposal_twice_says_so(officer_client, participant, position):
    data = {"participant": participant.pk, "position": position.pk}
    officer_client.post(reverse("matching:proposal_prepare"), data)

    response = officer_client.post(reverse("matching:proposal_prepare"), data, follow=True)

    assert "already proposed" in response.content.decode()
    assert Proposal.objects.count() == 1


@pytest.mark.parametrize(
    "data", [{}, {"participant": "x", "position": "1"}, {"participant": "-1", "position": "2"}, {"next": "//evil"}]
)
def test_bad_input_gives_a_message_not_an_error(officer_client, data):
    response = officer_client.post(reverse("matching:proposal_prepare"), data, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("matching:optimal")
    assert "Choose a person and a position" in response.content.decode()


def test_preparing_needs_a_post(officer_client):
    assert officer_client.get(reverse("matching:proposal_prepare")).status_code == 405


def _grow(municipality, host_contract, count):
    for number in range(count):
        ParticipantFactory(municipality=municipality, occupations=[], first_name=f"Extra{number}")
        PositionFactory(contract=host_contract, title=f"Plats {number}")


@pytest.mark.parametrize("page", ["positions_for", "candidates", "optimal"])
def test_the_pages_make_the_same_number_of_queries_for_2_and_10_people_and_positions(
    officer_client, participant, position, municipality, host_contract, page, django_assert_num_queries
):
    _grow(municipality, host_contract, 1)
    url = _pages(participant, position)[["positions_for", "candidates", "optimal"].index(page)]
    officer_client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as small:
        assert officer_client.get(url).status_code == 200

    _grow(municipality, host_contract, 8)
    with django_assert_num_queries(len(small.captured_queries)):
        response = officer_client.get(url)
    assert response.status_code == 200 and "Plats 7" in response.content.decode() or page == "candidates"
