"""docs/api.md's curl examples, run as written with the real curl against a live server.

Each ```bash block whose first command is `curl` is one example. Its first line names the role
(`# As a procurement officer:`); the test gives `$TOKEN` a real token of that role's persona, `$INSTEG` the
live server's address, and the ids the guide asks readers to replace (`$PROCUREMENT_ID`...) ids of objects it
made beforehand. The examples run in the guide's order; each must answer 2xx with a JSON body.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from insteg.accounts.services import create_api_token

GUIDE = Path(__file__).resolve().parents[3] / "docs" / "api.md"
BLOCK = re.compile(r"^```(?:bash|sh)\n(.*?)^```", re.MULTILINE | re.DOTALL)
ROLE = re.compile(r"^# As (?:an? )?(?P<role>[^:]+):\s*$")
ROLES = {
    "procurement officer": "procurement_officer",
    "matching officer": "matching_officer",
    "employment-service officer": "employment_officer",
    "supplier contact": "supplier",
    "funder": "funder",
    "anyone": None,
}

NO_CURL = shutil.which("curl") is None and not os.environ.get("CI")  # in CI a missing curl must fail, not skip
pytestmark = pytest.mark.skipif(NO_CURL, reason="the curl binary is not installed (CI installs it)")


def curl_examples() -> list[tuple[str, str]]:
    """(role, script) for every curl block, in the guide's order."""
    examples = []
    for block in BLOCK.findall(GUIDE.read_text(encoding="utf-8")):
        lines = block.strip().splitlines()
        commands = [line for line in lines if not line.startswith("#")]
        if not commands or not commands[0].startswith("curl "):
            continue
        match = ROLE.match(lines[0])
        assert match and match["role"] in ROLES, f"An example must start with '# As <role>:' — {lines[0]!r}"
        examples.append((match["role"], block))
    return examples


def test_the_guide_has_an_example_for_each_role():
    roles = {role for role, _script in curl_examples()}
    assert roles == set(ROLES)
    for _role, script in curl_examples():
        assert "--fail-with-body" in script, script  # a reader's script stops at an error, too


@pytest.fixture
def world(
    reference_rows,
    municipality,
    procurement_officer,
    matching_officer,
    employment_officer,
    supplier,
    funder,
):
    """What the examples act on: a draft, a published procurement, a contract with an open position, a
    participant, a training session; and a token for each role."""
    from insteg.contracts.models import Occupation
    from insteg.contracts.tests.factories import (
        AwardFactory,
        CommitmentFactory,
        ContractFactory,
        PositionFactory,
        TenderFactory,
    )
    from insteg.matching.tests.factories import ParticipantFactory
    from insteg.procurement.tests.factories import ProcurementFactory
    from insteg.training.tests.factories import CourseFactory, SessionFactory

    draft = ProcurementFactory(organisation=municipality, officer=procurement_officer, title="Lokalvård, utkast")
    awarded = ProcurementFactory(organisation=municipality, officer=procurement_officer, status="awarded")
    tender = TenderFactory(procurement=awarded, organisation=supplier.organisation)
    contract = ContractFactory(award=AwardFactory(winner=tender, decided_by=procurement_officer))
    CommitmentFactory(contract=contract)
    position = PositionFactory(contract=contract, supervisor_trained=True)
    ParticipantFactory(
        municipality=municipality, referred_by=employment_officer, occupations=[Occupation.objects.get(code="9111")]
    )
    session = SessionFactory(course=CourseFactory(organisation=municipality))
    users = {
        "procurement_officer": procurement_officer,
        "matching_officer": matching_officer,
        "employment_officer": employment_officer,
        "supplier": supplier,
        "funder": funder,
    }
    return {
        "tokens": {persona: create_api_token(user, name="docs")[1] for persona, user in users.items()},
        "ids": {
            "PROCUREMENT_ID": draft.pk,
            "CONTRACT_ID": contract.pk,
            "POSITION_ID": position.pk,
            "SESSION_ID": session.pk,
            "MUNICIPALITY_ID": municipality.pk,
        },
    }


def _run(script: str, env: dict, tmp_path) -> tuple[int, str, str]:
    """The script with bash; curl's config adds the status code on a last line of its own."""
    (tmp_path / ".curlrc").write_text('write-out = "\\n%{http_code}"\n')
    # The script is the guide's own text (this repository's), not outside input.
    result = subprocess.run(  # noqa: S603
        [shutil.which("bash"), "-o", "errexit", "-o", "pipefail", "-c", script],
        env={**env, "CURL_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result.returncode, result.stdout, result.stderr


def test_every_curl_example_in_the_guide_works(live_server, world, tmp_path):
    examples = curl_examples()
    assert len(examples) >= 15
    base = {"PATH": os.environ["PATH"], "INSTEG": live_server.url, "LANG": "C.UTF-8"}
    base.update({name: str(value) for name, value in world["ids"].items()})
    for role, script in examples:
        persona = ROLES[role]
        env = {**base, **({"TOKEN": world["tokens"][persona]} if persona else {})}
        code, out, err = _run(script, env, tmp_path)
        body, _newline, status = out.rpartition("\n")
        assert code == 0, f"{script}\nexit {code}: {err}\n{out}"
        assert status.startswith("2"), f"{script}\nstatus {status}: {body}"
        json.loads(body)  # every example answers JSON
