"""Two `apply_retention --apply` runs at once carry out an approved proposal once: the row lock on the proposal
(PostgreSQL) or the write lock taken at BEGIN IMMEDIATE (SQLite) makes the second wait and find it done."""

import threading

import pytest
import time_machine
from django.db import close_old_connections, connections

from insteg.matching.models import Participant
from insteg.privacy.models import AuditEvent
from insteg.retention import services
from insteg.retention.models import DisposalBatch, DisposalRecord, RecordType
from insteg.retention.tests.conftest import in_force
from insteg.retention.tests.test_services import ON_DUE_DAY

RUNS = 6


@pytest.mark.django_db(transaction=True)
def test_parallel_runs_apply_an_approved_proposal_once(reference_rows, placed, administrator):
    in_force(RecordType.PARTICIPANT)
    with time_machine.travel(ON_DUE_DAY, tick=False):
        [batch] = services.propose_disposals()
    services.approve(batch, administrator)
    barrier = threading.Barrier(RUNS)
    outcomes = [None] * RUNS

    def apply(number: int) -> None:
        try:
            barrier.wait(timeout=60)
            outcomes[number] = sum(outcome.disposed for outcome in services.apply_approved(by=None))
        except Exception as error:  # noqa: BLE001 -- the assertion below names any failure
            outcomes[number] = repr(error)
        finally:
            connections.close_all()

    with time_machine.travel(ON_DUE_DAY, tick=True):
        threads = [threading.Thread(target=apply, args=(number,)) for number in range(RUNS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    close_old_connections()

    assert sorted(outcomes) == [0] * (RUNS - 1) + [3], outcomes
    assert DisposalRecord.objects.count() == 1
    assert DisposalRecord.objects.get().count == 3
    assert DisposalBatch.objects.get().status == DisposalBatch.Status.APPLIED
    assert Participant.objects.filter(erased_at__isnull=False).count() == 3
    assert AuditEvent.objects.filter(action="participant.erased").count() == 3
