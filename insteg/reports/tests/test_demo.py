"""The pilot history makes the demo's reports say something above the small-cell threshold."""

import datetime

from django.urls import reverse
from django.utils import timezone

from insteg.accounts.models import User
from insteg.contracts.services import compliance, due_periods
from insteg.core.demo import seed_all
from insteg.followup.models import CheckIn
from insteg.matching.models import Participant, Placement
from insteg.procurement.models import Procurement
from insteg.reports import demo
from insteg.reports.access import reportable_procurements
from insteg.reports.figures import evaluate


def _card_values(response, key: str) -> list[str]:
    section = next(s for s in response.context["dashboard"].sections if s.key == key)
    return [figure.value for figure in section.figures]


def _seed() -> dict:
    made = seed_all()
    made.update(demo.seed(made))
    return made


def test_the_history_is_placed_on_two_earlier_pilots_and_leaves_the_current_stories_alone():
    made = _seed()
    history = made["pilot_history"]
    assert len(history["placements"]) == len(demo.PEOPLE) == 30
    stored = Placement.objects.filter(pk__in=[p.pk for p in history["placements"]])
    assert stored.filter(status=Placement.Status.ENDED).count() == 30 - demo.RUNNING
    assert stored.filter(status=Placement.Status.ACTIVE).count() == demo.RUNNING  # the town hall's last people
    today = timezone.localdate()
    for key, contract in history["contracts"].items():
        contract.refresh_from_db()
        assert compliance(contract, today).status == ("met" if key == "preschool" else "on_track")
        assert due_periods(contract, today) == []  # every ended quarter reported
    assert compliance(made["contracts"]["property_care"], today).status == "behind"
    assert not CheckIn.objects.filter(placement__in=history["placements"]).exists()  # no overdue noise
    people = Participant.objects.filter(placements__in=history["placements"])
    assert set(people.values_list("status", flat=True)) == {Participant.Status.INACTIVE, Participant.Status.PLACED}
    assert all(email.endswith(".example") for email in people.values_list("email", flat=True))
    assert Procurement.objects.get(reference=demo.PRESCHOOL["reference"]).status == Procurement.Status.COMPLETED


def test_the_seeder_is_idempotent():
    made = _seed()
    counts = (Placement.objects.count(), Participant.objects.count(), Procurement.objects.count())
    assert demo.seed(made) == {}
    assert counts == (Placement.objects.count(), Participant.objects.count(), Procurement.objects.count())


def test_the_funders_evaluation_of_the_last_two_years_shows_its_people_counts():
    _seed()
    funder = User.objects.get(username="finansiar")
    today = timezone.localdate()
    report = evaluate(reportable_procurements(funder), today - datetime.timedelta(days=731), today, 5)
    people = report.table("people")
    grand = people.total[1][-1]
    assert not grand.hidden and grand.value >= 30
    women, men = people.total[1][0], people.total[1][1]
    assert not women.hidden and not men.hidden and women.value >= 13 and men.value >= 13
    shown_rows = [values[-1] for _label, values in people.rows if not values[-1].hidden]
    assert len(shown_rows) >= 4  # most age bands have five or more people
    completion = report.table("completion")
    assert "–" not in completion.summary
    outcomes = report.table("outcomes")
    assert not outcomes.total[1][1].hidden  # people followed up after 90 days
    assert "–" not in outcomes.summary
    supervisors = report.table("supervisors")
    assert all(not values[0].hidden for _label, values in supervisors.rows)
    assert supervisors.total[1][0].value >= 11


def test_the_funder_sees_the_figures_on_the_dashboard_and_no_names(client):
    made = _seed()
    client.force_login(User.objects.get(username="finansiar"))
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    page = response.content.decode()
    for person in demo.PEOPLE:
        assert person.last not in page
    assert made["participants"]["Ali"].last_name not in page
    assert "–" not in _card_values(response, "year")[:2]  # people placed and months delivered are shown


def test_the_pilots_pages_show_their_eforms_codes(client):
    made = _seed()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    preschool = made["pilot_history"]["contracts"]["preschool"].procurement
    public = client.get(reverse("notices:detail", args=[preschool.pk])).content.decode()
    client.force_login(User.objects.get(username="upphandlare"))
    officer = client.get(reverse("procurement:detail", args=[preschool.pk])).content.decode()
    for page in (public, officer):
        assert (
            "BT-06 Strategic procurement" in page and "<code>soc-obj</code> – Fulfilment of social objectives" in page
        )
        assert "<code>opp</code> – Employment opportunities for the long-term unemployed" in page
        assert "<code>n-inc</code>" in page and "<code>none</code> – Not reserved" in page
