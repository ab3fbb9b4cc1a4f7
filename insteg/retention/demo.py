"""The demo's retention rules: the training rule in force under a made-up decision, so the approval flow shows.

The other rules stay as shipped, without a decision, which is what a new installation looks like: nothing is
disposed of until the archive authority has decided.
"""

from insteg.accounts.models import User
from insteg.retention import services
from insteg.retention.models import RecordType, RetentionRule

DEMO_DECISION = "Demo: KS 2024/123 Dokumenthanteringsplan § 4.2 (påhittat beslut)"


def seed(made: dict) -> None:
    services.ensure_default_rules()
    rule = RetentionRule.objects.get(record_type=RecordType.TRAINING_REGISTRATION)
    if rule.is_acting:
        return  # already seeded, or changed by someone trying the demo: leave it
    admin = User.objects.get(username="admin")
    services.update_rule(
        rule, by=admin, months=rule.months, action=rule.action, decision_ref=DEMO_DECISION, enabled=True
    )
    services.propose_disposals()
