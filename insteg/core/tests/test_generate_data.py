"""`insteg generate_data`: the same data every time, in proportion to the scale, valid, and usable by every role."""

import datetime
import io
import random

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from insteg.accounts.models import Organisation, User
from insteg.contracts.models import Contract, Position
from insteg.core import synthetic
from insteg.followup.models import CheckIn
from insteg.matching.models import Participant, ParticipantView, Placement, Proposal
from insteg.privacy.models import AuditEvent
from insteg.procurement.models import Procurement
from insteg.training.models import Registration

AS_OF = datetime.date(2026, 11, 2)  # a fixed last day: the data must not depend on when the test runs
SMALL = 0.02


def generate(scale=SMALL, **options):
    return synthetic.generate(scale, as_of=AS_OF, **options)


def snapshot() -> dict:
    """What a person would see of the data: counts and the first rows of the main lists, in their order."""
    return {
        "procurements": Procurement.objects.count(),
        "participants": Participant.objects.count(),
        "placements": Placement.objects.count(),
        "check-ins": CheckIn.objects.count(),
        "audit events": AuditEvent.objects.count(),
        "first participants": list(
            Participant.objects.order_by("pk").values_list("first_name", "last_name", "birth_year", "public_id")[:20]
        ),
        "first procurements": list(
            Procurement.objects.order_by("pk").values_list("reference", "title", "status", "estimated_value_sek")[:20]
        ),
        "placement dates": list(Placement.objects.order_by("pk").values_list("starts_on", "status")[:20]),
    }


class _Undo(Exception):
    pass


def undone(build):
    """Run `build` and roll its rows back, as if it had run on another, empty database; return what it returned."""
    kept = []
    try:
        with transaction.atomic():
            kept.append(build())
            raise _Undo
    except _Undo:
        pass
    return kept[0]


def test_the_same_scale_and_seed_give_the_same_data():
    first_counts, first = undone(lambda: (generate().counts, snapshot()))
    assert not Participant.objects.exists()
    second_counts = generate().counts
    assert snapshot() == first
    assert second_counts == first_counts
    assert first["first participants"]  # not two empty lists


def test_another_seed_gives_other_people():
    def names():
        return list(Participant.objects.order_by("pk").values_list("last_name", "birth_year", "public_id")[:20])

    first = undone(lambda: (generate(seed=1), names())[1])
    generate(seed=2)
    assert names() != first


def test_the_volumes_follow_the_scale():
    small = undone(lambda: generate(0.02).counts)
    larger = generate(0.06).counts
    for name in ("procurements", "positions", "participants", "placements", "check-ins", "audit events"):
        assert larger[name] == pytest.approx(3 * small[name], rel=0.25), name
    # Whole municipality-years, as issue 12 sizes them (the plan only: building scale 10 takes a minute).
    assert synthetic.plan(10, 1) == (10, 1.0)
    assert synthetic.plan(2.5, 1) == (3, pytest.approx(2.5 / 3))
    assert synthetic.plan(0.02, 1) == (1, pytest.approx(0.02))
    assert synthetic.plan(16, 8) == (2, 1.0)


def test_the_rows_are_valid_and_hold_together():
    generate(0.04)
    rng = random.Random(0)
    for model in (Procurement, Contract, Position, Participant, Proposal, Placement, CheckIn, Registration):
        rows = list(model.objects.order_by("pk"))
        assert rows, model
        for row in rng.sample(rows, min(15, len(rows))):
            row.full_clean()
    municipality = Organisation.objects.get(name__endswith=synthetic.MARKER, kind=Organisation.Kind.MUNICIPALITY)
    for placement in Placement.objects.select_related("participant", "position__contract__procurement", "proposal"):
        # A person is placed on a position of one of their own municipality's contracts, through the proposal
        # accepted for that very position.
        assert placement.position.contract.procurement.organisation_id == municipality.pk
        assert placement.participant.municipality_id == municipality.pk
        assert placement.proposal.position_id == placement.position_id
        assert placement.proposal.participant_id == placement.participant_id
        assert placement.proposal.status == Proposal.Status.ACCEPTED
        if placement.status == Placement.Status.ENDED:
            assert placement.ended_on <= AS_OF and placement.end_reason
    for check_in in CheckIn.objects.select_related("placement"):
        assert check_in.placement.status != Placement.Status.PLANNED
        assert check_in.done_on is None or check_in.done_on <= AS_OF
    assert not Participant.objects.exclude(personnummer="").exists()
    assert ParticipantView.objects.count() >= CheckIn.objects.exclude(done_on=None).count()
    # Awarded and completed procurements have their contract; no other has one.
    contracted = set(Contract.objects.values_list("procurement_id", flat=True))
    assert contracted == set(
        Procurement.objects.filter(status__in=["awarded", "completed"]).values_list("pk", flat=True)
    )


def test_everything_generated_is_marked_synthetic_and_nobody_can_receive_mail():
    result = generate()
    for organisation in Organisation.objects.all():
        assert organisation.name.endswith(synthetic.MARKER)
    for user in User.objects.all():
        assert user.username.startswith(synthetic.USERNAME_PREFIX)
        assert user.email.endswith("@synthetic.invalid")
        assert not user.has_usable_password()
    emails = Participant.objects.exclude(email="").values_list("email", flat=True)
    assert all(email.endswith("@synthetic.invalid") for email in emails)
    assert result.personas.matching_officer.username == "synt-01-matchare-1"


def test_the_demo_is_left_alone(procurement_officer, municipality):
    generate()
    # The demo's (here: the test personas') organisation got nothing of the generated data.
    assert not Procurement.objects.filter(organisation=municipality).exists()
    assert not Participant.objects.filter(municipality=municipality).exists()
    procurement_officer.refresh_from_db()
    assert procurement_officer.has_usable_password()


def test_the_command_refuses_a_second_run_and_adds_on_request():
    out = io.StringIO()
    call_command("generate_data", scale=SMALL, as_of=AS_OF, stdout=out)
    assert "participants" in out.getvalue()
    assert "synt-01-upphandlare-1" in out.getvalue()
    participants = Participant.objects.count()
    with pytest.raises(CommandError, match="already holds generated data"):
        call_command("generate_data", scale=SMALL, as_of=AS_OF, stdout=io.StringIO())
    assert Participant.objects.count() == participants
    call_command("generate_data", scale=SMALL, as_of=AS_OF, add=True, stdout=io.StringIO())
    assert Participant.objects.count() == 2 * participants
    assert Organisation.objects.filter(name__startswith="Kommun 02").exists()


def test_a_scale_of_zero_is_refused():
    with pytest.raises(CommandError, match="above zero"):
        call_command("generate_data", scale=0, stdout=io.StringIO())


def test_a_password_lets_the_synthetic_accounts_sign_in():
    generate(password="synthetic-only-password")
    for user in User.objects.all():
        assert user.check_password("synthetic-only-password")


PAGES = {
    "procurement_officer": ["core:home", "procurement:list", "contracts:list", "reports:dashboard", "api:procurements"],
    "matching_officer": [
        "matching:participants",
        "matching:optimal",
        "followup:due",
        "matching:placements",
        "api:participants",
        "api:placements",
        "api:followups_due",
    ],
    "administrator": ["privacy:audit_trail", "procurement:list"],
    "data_protection_officer": ["privacy:view_log"],
    "supplier_contact": ["contracts:list", "contracts:positions", "matching:placements", "api:contracts"],
    "employment_officer": ["matching:participants", "matching:placements"],
    "funder": ["reports:dashboard"],
}


def test_every_role_s_main_pages_show_the_generated_data(client):
    personas = generate().personas.by_role()
    for role, names in PAGES.items():
        client.force_login(personas[role])
        for name in names:
            response = client.get(reverse(name))
            assert response.status_code == 200, (role, name)
    # And the lists are not empty: the matching officer sees the generated people, the supplier its contracts.
    client.force_login(personas["matching_officer"])
    someone = Participant.objects.filter(status=Participant.Status.AVAILABLE).order_by("last_name").first()
    assert someone.last_name in client.get(reverse("matching:participants")).content.decode()
    client.force_login(personas["supplier_contact"])
    contract = Contract.objects.filter(supplier=personas["supplier_contact"].organisation).first()
    assert client.get(reverse("contracts:detail", args=[contract.pk])).status_code == 200
