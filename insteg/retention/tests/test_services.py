"""Retention as an administrator meets it: nothing goes without a decision and an approval; what goes leaves a
record, statistics survive, a legal hold keeps a record until released."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from insteg.lib.errors import DomainError
from insteg.matching import services as matching_services
from insteg.matching.models import Participant, ParticipantView, Placement
from insteg.matching.tests.factories import ParticipantFactory
from insteg.privacy.models import AuditEvent
from insteg.procurement.models import Procurement
from insteg.reports.figures import evaluate
from insteg.retention import services
from insteg.retention.models import DisposalBatch, DisposalRecord, LegalHold, RecordType, RetentionRule
from insteg.retention.tests.conftest import DECISION, DUE_FROM, ended_placement, in_force
from insteg.training.tests.factories import local

ON_DUE_DAY = local(DUE_FROM, 2)  # 02.00 Swedish time on the first day the placements are due
DAY_BEFORE = local(DUE_FROM - datetime.timedelta(days=1), 23, 30)


def _run(administrator, when=ON_DUE_DAY) -> list:
    with time_machine.travel(when, tick=False):
        for batch in services.propose_disposals():
            services.approve(batch, administrator)
        return services.apply_approved(by=administrator)


def _figures():
    report = evaluate(Procurement.objects.all(), datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), 0)
    return [
        (table.key, [(str(label), [str(v) for v in values]) for label, values in table.rows]) for table in report.tables
    ]


# --- Defaults ---------------------------------------------------------------------------------------------


def test_the_default_rules_are_the_proposals_and_do_not_act():
    RetentionRule.objects.all().delete()
    assert services.ensure_default_rules() == 4
    assert services.ensure_default_rules() == 0
    rules = {rule.record_type: rule for rule in RetentionRule.objects.all()}
    assert {(r.months, r.trigger, r.action) for r in rules.values()} == {
        (12, "session_date", "anonymise"),
        (36, "placement_end", "anonymise"),
        (36, "record_created", "delete"),
        (12, "record_created", "anonymise"),
    }
    assert all(rule.decision_ref == "" and not rule.enabled for rule in rules.values())
    assert not RetentionRule.objects.acting().exists()


def test_the_training_rule_starts_from_the_old_setting(settings):
    RetentionRule.objects.all().delete()
    settings.INSTEG_TRAINING_RETENTION_MONTHS = 18
    services.ensure_default_rules()
    assert RetentionRule.objects.get(record_type=RecordType.TRAINING_REGISTRATION).months == 18


# --- No decision, no disposal -------------------------------------------------------------------------------


def test_without_a_decision_nothing_is_proposed_or_disposed_of(placed, administrator, mailoutbox):
    services.ensure_default_rules()
    RetentionRule.objects.filter(record_type=RecordType.PARTICIPANT).update(months=1)
    assert _run(administrator) == []
    assert not DisposalBatch.objects.exists()
    assert Participant.objects.filter(erased_at__isnull=True).count() == 3
    assert mailoutbox == []


def test_a_rule_cannot_be_put_in_force_without_a_decision(administrator):
    services.ensure_default_rules()
    rule = RetentionRule.objects.get(record_type=RecordType.PARTICIPANT)
    with pytest.raises(ValidationError) as error:
        services.update_rule(rule, by=administrator, months=36, action="anonymise", decision_ref="  ", enabled=True)
    assert "enabled" in error.value.message_dict
    rule.refresh_from_db()
    assert not rule.enabled


@pytest.mark.parametrize(
    ("record_type", "action"), [(RecordType.PARTICIPANT, "delete"), (RecordType.PARTICIPANT_VIEW, "anonymise")]
)
def test_a_rule_takes_only_the_actions_its_kind_of_record_allows(administrator, record_type, action):
    services.ensure_default_rules()
    rule = RetentionRule.objects.get(record_type=record_type)
    with pytest.raises(ValidationError) as error:
        services.update_rule(rule, by=administrator, months=36, action=action, decision_ref=DECISION, enabled=True)
    assert "action" in error.value.message_dict


def test_only_administrators_change_rules(data_protection_officer):
    services.ensure_default_rules()
    rule = RetentionRule.objects.get(record_type=RecordType.PARTICIPANT)
    with pytest.raises(PermissionDenied):
        services.update_rule(
            rule, by=data_protection_officer, months=36, action="anonymise", decision_ref=DECISION, enabled=True
        )


def test_the_summary_for_notices_says_what_happens_and_under_which_decision():
    services.ensure_default_rules()
    assert services.rule_summary(RecordType.PARTICIPANT) == "Kept until a disposal decision is recorded."
    in_force(RecordType.PARTICIPANT)
    assert services.rule_summary(RecordType.PARTICIPANT) == (
        f"Anonymised 36 months after the last placement ends (decision {DECISION})."
    )
    in_force(RecordType.PARTICIPANT_VIEW, months=1)
    assert services.rule_summary(RecordType.PARTICIPANT_VIEW) == (
        f"Deleted 1 month after it was recorded (decision {DECISION})."
    )


# --- Who is due -------------------------------------------------------------------------------------------


def test_participants_are_due_36_months_after_their_last_placement_ends(rule, placed, position):
    later = placed[0]
    ended_placement(later, position, ended_on=datetime.date(2026, 9, 1))
    with time_machine.travel(DAY_BEFORE, tick=False):
        assert list(services.due_records(rule)) == []
    with time_machine.travel(ON_DUE_DAY, tick=False):
        assert sorted(services.due_records(rule).values_list("pk", flat=True)) == sorted(p.pk for p in placed[1:])


def test_a_participant_with_a_placement_running_or_looking_again_is_never_due(rule, placed, position, municipality):
    running = placed[0]
    ended_placement(running, position, ended_on=datetime.date(2026, 9, 1))
    Placement.objects.filter(participant=running, ended_on=datetime.date(2026, 9, 1)).update(
        status=Placement.Status.ACTIVE, ended_on=None
    )
    Participant.objects.filter(pk=placed[1].pk).update(status=Participant.Status.AVAILABLE)
    with time_machine.travel(ON_DUE_DAY, tick=False):
        assert list(services.due_records(rule).values_list("pk", flat=True)) == [placed[2].pk]


def test_someone_never_placed_counts_from_registration_once_no_longer_looking(rule, municipality):
    with time_machine.travel(local(datetime.date(2026, 3, 10), 23, 30), tick=False):
        stopped = ParticipantFactory(municipality=municipality, status=Participant.Status.INACTIVE)
        looking = ParticipantFactory(municipality=municipality, status=Participant.Status.AVAILABLE)
    with time_machine.travel(local(datetime.date(2029, 3, 10), 12), tick=False):
        assert list(services.due_records(rule)) == []
    with time_machine.travel(local(datetime.date(2029, 3, 11), 0, 5), tick=False):
        assert list(services.due_records(rule).values_list("pk", flat=True)) == [stopped.pk]
    assert looking.pk not in services.due_records(rule).values_list("pk", flat=True)


def test_an_erased_participant_is_never_due(rule, placed, matching_officer):
    matching_services.erase(matching_officer, placed[0])
    with time_machine.travel(ON_DUE_DAY, tick=False):
        assert placed[0].pk not in services.due_records(rule).values_list("pk", flat=True)


# --- Proposals --------------------------------------------------------------------------------------------


def test_the_daily_run_proposes_once_and_tells_the_administrators_without_names(
    rule, placed, administrator, mailoutbox
):
    with time_machine.travel(ON_DUE_DAY, tick=False):
        [batch] = services.propose_disposals()
        assert services.propose_disposals() == []  # the same day again: nothing new
    with time_machine.travel(ON_DUE_DAY + datetime.timedelta(days=1), tick=False):
        assert services.propose_disposals() == []  # still in the open proposal
    assert sorted(batch.record_ids) == sorted(p.pk for p in placed)
    assert batch.status == DisposalBatch.Status.PROPOSED
    [email] = mailoutbox
    assert email.to == [administrator.email]
    # Sent outside a request, in the site's language: Swedish.
    assert "Deltagare (identitetsuppgifter): 3 poster" in email.body
    assert "/privacy/gallring/" in email.body
    assert "Markör" not in email.body and "markor" not in email.body


def test_a_rejected_proposal_keeps_the_records_and_comes_back_after_thirty_days(rule, placed, administrator):
    with time_machine.travel(ON_DUE_DAY, tick=False):
        [batch] = services.propose_disposals()
        services.reject(batch, administrator)
        assert services.apply_approved(by=administrator) == []
        assert services.propose_disposals() == []
    assert Participant.objects.filter(erased_at__isnull=True).count() == 3
    with time_machine.travel(ON_DUE_DAY + datetime.timedelta(days=31), tick=False):
        [again] = services.propose_disposals()
    assert sorted(again.record_ids) == sorted(batch.record_ids)
    assert AuditEvent.objects.filter(action="retention.rejected", actor=administrator).count() == 1


def test_a_proposal_is_decided_once_by_an_administrator(rule, placed, administrator, data_protection_officer):
    with time_machine.travel(ON_DUE_DAY, tick=False):
        [batch] = services.propose_disposals()
    with pytest.raises(PermissionDenied):
        services.approve(batch, data_protection_officer)
    services.approve(batch, administrator)
    with pytest.raises(DomainError):
        services.reject(batch, administrator)
    batch.refresh_from_db()
    assert batch.status == DisposalBatch.Status.APPROVED and batch.decided_by == administrator


def test_a_proposal_cannot_be_approved_once_its_rule_is_out_of_force(rule, placed, administrator):
    with time_machine.travel(ON_DUE_DAY, tick=False):
        [batch] = services.propose_disposals()
    RetentionRule.objects.filter(pk=rule.pk).update(enabled=False)
    with pytest.raises(DomainError, match="no longer in force"):
        services.approve(batch, administrator)


# --- Disposal ---------------------------------------------------------------------------------------------


def test_disposal_anonymises_and_the_evaluation_figures_stay_the_same(rule, placed, administrator):
    before = _figures()
    [outcome] = _run(administrator)
    assert outcome.disposed == 3
    assert _figures() == before
    for person in Participant.objects.filter(pk__in=[p.pk for p in placed]):
        assert person.erased_at is not None
        assert (person.first_name, person.email) == ("", "")
        assert person.age_band  # the statistics fields stay
    assert Placement.objects.filter(participant__in=placed).count() == 3


def test_a_disposal_leaves_a_record_of_what_how_many_which_decision_and_who(rule, placed, administrator):
    with time_machine.travel(ON_DUE_DAY, tick=False):
        [batch] = services.propose_disposals()
    services.approve(batch, administrator)
    LegalHold.objects.create(
        record_type="participant", record_id=placed[0].pk, reason="Överprövning", placed_by=administrator
    )
    with time_machine.travel(ON_DUE_DAY, tick=False):
        [outcome] = services.apply_approved()  # the scheduled run: carried out by the system
    record = DisposalRecord.objects.get()
    assert outcome.record == record
    assert (record.record_type, record.action, record.count, record.held_back, record.no_longer_due) == (
        "participant",
        "anonymise",
        2,
        1,
        0,
    )
    assert (record.months, record.decision_ref, record.approved_by, record.applied_by) == (
        36,
        DECISION,
        administrator,
        None,
    )
    assert record.batch == batch
    batch.refresh_from_db()
    assert batch.status == DisposalBatch.Status.APPLIED
    event = AuditEvent.objects.get(action="retention.applied")
    assert event.data["count"] == 2 and event.data["held_back"] == 1


def test_a_dry_run_changes_nothing(rule, placed, administrator):
    with time_machine.travel(ON_DUE_DAY, tick=False):
        [batch] = services.propose_disposals()
        services.approve(batch, administrator)
        events = AuditEvent.objects.count()
        [outcome] = services.apply_approved(by=administrator, dry_run=True)
    assert outcome.disposed == 3 and outcome.record is None
    assert "would anonymise 3 records" in outcome.describe(dry_run=True)
    assert Participant.objects.filter(erased_at__isnull=True).count() == 3
    assert not DisposalRecord.objects.exists()
    assert AuditEvent.objects.count() == events
    batch.refresh_from_db()
    assert batch.status == DisposalBatch.Status.APPROVED


def test_a_record_no_longer_due_at_apply_time_is_left_alone(rule, placed, administrator):
    with time_machine.travel(ON_DUE_DAY, tick=False):
        [batch] = services.propose_disposals()
    services.approve(batch, administrator)
    Participant.objects.filter(pk=placed[0].pk).update(status=Participant.Status.AVAILABLE)  # looking again
    with time_machine.travel(ON_DUE_DAY, tick=False):
        [outcome] = services.apply_approved(by=administrator)
    assert (outcome.disposed, outcome.no_longer_due) == (2, 1)
    placed[0].refresh_from_db()
    assert placed[0].erased_at is None and placed[0].first_name == "Markör"


def test_a_legal_hold_stops_disposal_and_its_release_lets_the_next_run_take_it(rule, placed, administrator):
    hold = services.place_hold("participant", placed[0].pk, "Överprövning i förvaltningsrätten", administrator)
    assert services.is_on_hold("participant", placed[0].pk)
    [outcome] = _run(administrator)
    assert (outcome.disposed, outcome.held_back) == (2, 0)  # the held record was never proposed
    placed[0].refresh_from_db()
    assert placed[0].erased_at is None

    services.release_hold(hold, administrator)
    with pytest.raises(DomainError):
        services.release_hold(hold, administrator)
    [outcome] = _run(administrator, ON_DUE_DAY + datetime.timedelta(days=1))
    assert outcome.disposed == 1
    placed[0].refresh_from_db()
    assert placed[0].erased_at is not None


@pytest.mark.parametrize(
    ("record_type", "record_id", "reason", "field"),
    [
        ("invoice", 1, "Skäl", "record_type"),
        ("participant", 999999, "Skäl", "record_id"),
        ("participant", 0, "Skäl", "record_id"),
        ("participant", None, "", "reason"),
        ("participant", None, "x" * 201, "reason"),
    ],
)
def test_a_legal_hold_needs_a_kind_an_existing_record_and_a_short_reason(
    placed, administrator, record_type, record_id, reason, field
):
    record_id = placed[0].pk if record_id is None else record_id
    if field != "reason":
        reason = "Skäl"
    with pytest.raises(ValidationError) as error:
        services.place_hold(record_type, record_id, reason, administrator)
    assert field in error.value.message_dict
    assert not LegalHold.objects.exists()


def test_a_record_has_one_legal_hold_at_a_time(placed, administrator):
    services.place_hold("participant", placed[0].pk, "Begäran om allmän handling", administrator)
    with pytest.raises(DomainError):
        services.place_hold("participant", placed[0].pk, "Igen", administrator)


def test_the_view_log_is_deleted_under_its_rule(administrator, matching_officer, placed):
    in_force(RecordType.PARTICIPANT_VIEW, months=36)
    with time_machine.travel(local(datetime.date(2026, 5, 4), 10), tick=False):
        matching_services.log_views(matching_officer, placed[:2], purpose="matching", where="test")
    recent = ParticipantView.objects.create(
        participant=placed[2], viewer=matching_officer, purpose="matching", where="test"
    )
    [outcome] = _run(administrator, local(datetime.date(2029, 5, 5), 9))
    assert outcome.disposed == 2 and outcome.rule.action == "delete"
    assert list(ParticipantView.objects.all()) == [recent]
