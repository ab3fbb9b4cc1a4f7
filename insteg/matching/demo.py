"""The demo's participants and matches: people referred by Arbetsförmedlingen, proposals, an accepted and a
declined match, one waiting for the host, and one prepared by the matching officer.

All names are invented. Built through the same services as the pages; idempotent (skipped when the
municipality already has participants).
"""

import datetime

from django.utils import timezone

from insteg.accounts.models import User
from insteg.contracts.models import Occupation, Position, PositionType
from insteg.matching import services
from insteg.matching.models import Participant

PEOPLE = [
    # first, last, birth year, gender, target group, programme, occupations, adaptations
    ("Ali", "Demo-Hassan", 1994, "man", "newly_arrived", "arbetspraktik", ["7111", "7114"], ["written_instructions"]),
    ("Emma", "Demo-Olsson", 2001, "woman", "young_people", "arbetspraktik", ["7131"], []),
    ("Jonas", "Demo-Berg", 1979, "man", "long_term_unemployed", "arbetspraktik", ["7114", "9329"], ["gradual_start"]),
    ("Fatima", "Demo-Ahmed", 1988, "woman", "newly_arrived", "nystartsjobb", ["9111", "5153"], []),
    ("Sofia", "Demo-Nyström", 1996, "woman", "reduced_work_capacity", "lonebidrag", ["9111"], ["shorter_days"]),
    ("Mikael", "Demo-Lund", 1970, "man", "long_term_unemployed", "arbetspraktik", ["7122", "7111"], []),
]


def seed(made: dict) -> dict:
    municipality = made["organisations"]["ostersund"]
    if Participant.objects.filter(municipality=municipality).exists():
        return {}
    referrer = User.objects.get(username="af")
    matcher = User.objects.get(username="matchare")
    builder = User.objects.get(username="leverantor")
    today = timezone.localdate()
    people = {}
    for first, last, year, gender, group, programme, codes, adaptations in PEOPLE:
        people[first] = services.save_participant(
            referrer,
            municipality=municipality,
            data={
                "first_name": first,
                "last_name": last,
                "email": f"{first.lower()}@{municipality.pk}.deltagare.example",
                "birth_year": year,
                "gender": gender,
                "target_group": group,
                "programme": PositionType.objects.get(code=programme),
                "occupations": list(Occupation.objects.filter(code__in=codes)),
                "swedish_level": "everyday",
                "driving_licence": first in {"Fatima", "Sofia", "Mikael"},
                "home_municipality": "Östersund",
                "max_travel_km": 40,
                "available_from": today - datetime.timedelta(days=10),
                "hours_min": 20,
                "hours_max": 40,
                "waiting_since": today - datetime.timedelta(days=300 + 30 * len(people)),
                "adaptations": adaptations,
                "informed_on": today - datetime.timedelta(days=20),
            },
        )
    renovation = made["contracts"]["renovation"]
    positions = {p.title: p for p in Position.objects.filter(contract=renovation)}

    def propose(person, title, adaptations=()):
        proposal = services.prepare_proposal(matcher, participant=people[person], position=positions[title])
        return services.propose_to_host(
            proposal,
            user=matcher,
            disclosure="consent",
            shared_adaptations=list(adaptations),
            proposed_start=proposal.proposed_start,
        )

    accepted = propose("Ali", "Snickare, praktik", ["written_instructions"])
    services.decide(accepted, user=builder, accept=True)
    declined = propose("Emma", "Målare, praktik")
    services.decide(declined, user=builder, accept=False, decline_reason="timing")
    propose("Jonas", "Byggnadsarbetare, praktik", ["gradual_start"])
    care = Position.objects.filter(contract=made["contracts"]["property_care"]).first()
    if care is not None:
        services.prepare_proposal(matcher, participant=people["Fatima"], position=care)
    return {"participants": people}
