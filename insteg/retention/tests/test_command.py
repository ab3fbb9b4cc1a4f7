"""`insteg apply_retention` and the daily `insteg run_scheduled` as an operator sees them."""

import io

import pytest
import time_machine
from django.core.management import CommandError, call_command

from insteg.matching.models import Participant
from insteg.retention import services
from insteg.retention.models import DisposalRecord
from insteg.retention.tests.conftest import DECISION
from insteg.retention.tests.test_services import ON_DUE_DAY


def _call(*args) -> str:
    out = io.StringIO()
    with time_machine.travel(ON_DUE_DAY, tick=False):
        call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def approved(rule, placed, administrator):
    with time_machine.travel(ON_DUE_DAY, tick=False):
        [batch] = services.propose_disposals()
    return services.approve(batch, administrator)


def test_without_a_mode_the_command_says_how_to_use_it():
    with pytest.raises(CommandError, match="--dry-run"):
        _call()


def test_both_modes_at_once_are_refused():
    with pytest.raises(CommandError):
        _call("--dry-run", "--apply")


@pytest.mark.parametrize(("username", "message"), [("nobody", "No active user"), ("erik", "not an administrator")])
def test_an_unknown_or_unauthorised_person_is_refused(approved, matching_officer, username, message):
    with pytest.raises(CommandError, match=message):
        _call("--apply", "--by", username)
    assert not DisposalRecord.objects.exists()


def test_a_dry_run_lists_each_rule_and_what_would_happen_and_changes_nothing(approved):
    output = _call("--dry-run")
    assert f"Participants (identities): 36 months, decision {DECISION}, in force; due now 3, on hold 0" in output
    assert "approved and waiting 1" in output
    assert "Supervisor-training registrations: 12 months, no decision recorded, not in force" in output
    assert f"would anonymise 3 records under decision {DECISION}" in output
    assert "Dry run: nothing was changed." in output
    assert Participant.objects.filter(erased_at__isnull=True).count() == 3


def test_apply_carries_out_and_records_who(approved, administrator):
    output = _call("--apply", "--by", administrator.username)
    assert f"anonymised 3 records under decision {DECISION}" in output
    assert DisposalRecord.objects.get().applied_by == administrator
    assert "No approved proposals are waiting." in _call("--apply")


def test_the_daily_run_proposes_and_prints_a_line_per_rule(rule, placed, capsys):
    with time_machine.travel(ON_DUE_DAY, tick=False):
        call_command("run_scheduled", stdout=io.StringIO())
    printed = capsys.readouterr().out
    assert "Participants (identities): 36 months" in printed and "proposals waiting 1" in printed
    assert "View log of participant data: 36 months, no decision recorded, not in force" in printed
