"""Issue 10's "done when": a marker put into every personal field of a participant is absent from a full database
dump after erasure, simple_history tables included, except where a recorded archive rule keeps it (and then the
export says so). The dump is the database's own: SQLite's iterdump, or pg_dump of the test database."""

import datetime
import os
import shutil
import subprocess

import pytest
from django.db import connection
from django.utils import timezone

from insteg.followup import services as followup_services
from insteg.matching.models import Proposal
from insteg.matching.tests.factories import ParticipantFactory, PlacementFactory, ProposalFactory
from insteg.privacy import dsr_services, subject_access

MARKER = "zqxmarker417"
NUMBER_MARKER = "19811218-9876"


def _dump() -> str:
    """Every table, schema and rows, as the database itself writes it; lower-cased for the search."""
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump()).lower()
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        if shutil.which("pg_dump") is None:
            pytest.fail("pg_dump is needed on PATH to dump the PostgreSQL test database")
        command = ["pg_dump", "--no-owner", "--data-only", "--dbname", settings["NAME"]]
        for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
            if settings.get(key):
                command += [option, str(settings[key])]
        environment = {**os.environ, "PGPASSWORD": str(settings.get("PASSWORD") or "")}
        result = subprocess.run(command, capture_output=True, text=True, check=True, env=environment)  # noqa: S603
        return result.stdout.lower()
    pytest.skip(f"no dump for {connection.vendor}")


def _lines_with(marker: str, dump: str) -> list[str]:
    return [line[:200] for line in dump.splitlines() if marker in line]


# Committed rows (pg_dump reads from its own connection); `reference_rows` brings back the migrations'
# reference rows (occupations, position types) that an earlier transactional test's flush removed.
@pytest.mark.django_db(transaction=True)
def test_after_erasure_the_marker_is_nowhere_in_a_full_database_dump(
    reference_rows, municipality, data_protection_officer, matching_officer, position
):
    participant = ParticipantFactory(
        municipality=municipality,
        first_name=f"{MARKER}first",
        last_name=f"{MARKER}last",
        email=f"{MARKER}@example.se",
        phone=f"070-{MARKER}",
        personnummer=NUMBER_MARKER,
        other_languages=f"{MARKER} (modersmål)",
        notes=f"Behöver {MARKER} skrivna instruktioner",
        home_municipality=f"{MARKER}by",
        adaptations=["gradual_start"],
    )
    proposal = ProposalFactory(
        participant=participant,
        position=position,
        prepared_by=matching_officer,
        status=Proposal.Status.ACCEPTED,
        disclosure=Proposal.Disclosure.CONSENT,
        shared_adaptations=["gradual_start"],
        explanation=[{"code": "travel", "points": 0, "text": f"About 5 km from {MARKER}by"}],
    )
    starts = timezone.localdate() - datetime.timedelta(days=7)
    placement = PlacementFactory(
        participant=participant,
        position=position,
        proposal=proposal,
        starts_on=starts,
        planned_end_on=starts + datetime.timedelta(days=120),
        responsible=matching_officer,
        agreed_adaptations=["gradual_start"],
    )
    placement = followup_services.start(placement, user=matching_officer)
    today = timezone.localdate()
    followup_services.record_check_in(
        placement.check_ins.order_by("due_on").first(),
        user=matching_officer,
        done_on=today,
        channel="visit",
        with_whom="both",
        status="on_track",
        notes=f"Samtal med {MARKER}",
        actions=[{"text": f"Ring {MARKER}", "owner": "municipality", "due_on": today}],
    )
    situation = followup_services.report_situation(
        placement, user=matching_officer, category="transport", severity="low", occurred_on=today,
        description=f"{MARKER} missade bussen",
    )  # fmt: skip
    followup_services.respond(situation, user=matching_officer, text=f"Vi ringde {MARKER}")
    followup_services.resolve(situation, user=matching_officer, resolution=f"{MARKER} tar en tidigare buss")
    subject_access.export_participant(participant, data_protection_officer)  # a read: the view log gets a row

    before = _dump()
    assert MARKER in before and NUMBER_MARKER in before  # the dump does find them

    dsr_services.erase_participant(participant, by=data_protection_officer)

    after = _dump()
    export = subject_access.export_participant(participant, data_protection_officer)
    kept = _lines_with(MARKER, after) + _lines_with(NUMBER_MARKER, after)
    # Nothing is kept under an archive rule today; if a rule ever keeps a value, the export must name it.
    assert kept == [] or export["retention"]["kept_after_erasure"], kept
    assert kept == []
    assert "historical" in after or connection.vendor == "postgresql"  # simple_history tables are in the dump
    # What statistics need stays: the person, their age band, their placement and its follow-up dates.
    assert export["participant"]["age_band"] == "30–39"
    assert export["placements"][0]["situations"][0]["category"] == "transport"
