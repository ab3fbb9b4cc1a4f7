"""The daily jobs `insteg run_scheduled` runs. Each is idempotent; later features add theirs here."""

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone


def clear_sessions() -> None:
    call_command("clearsessions")


def prune_task_results() -> None:
    call_command("prune_db_task_results", min_age_days=14, verbosity=0)


def forget_expired_login_lockouts() -> None:
    from axes.models import AccessAttempt

    AccessAttempt.objects.filter(attempt_time__lt=timezone.now() - settings.AXES_COOLOFF_TIME).delete()


def remind_suppliers_of_due_reports() -> None:
    from insteg.contracts.services import report_reminders

    report_reminders()


def remind_training_participants() -> None:
    from insteg.training.services import send_reminders

    send_reminders()


def propose_disposals() -> None:
    """Retention: propose what is due under rules in force, for an administrator to approve; say what is due."""
    import sys

    from insteg.retention import services

    services.propose_disposals()
    for status in services.rule_statuses():
        sys.stdout.write(services.status_line(status) + "\n")


def start_placements_and_remind_follow_ups() -> None:
    from insteg.followup.services import send_reminders, start_due_placements

    start_due_placements()
    send_reminders()


def discard_stale_imports() -> None:
    """An upload left waiting in preview holds personal data from a file: empty it after a day."""
    from insteg.imports.services import discard_stale_batches

    discard_stale_batches()


JOBS = [
    clear_sessions,
    prune_task_results,
    forget_expired_login_lockouts,
    remind_suppliers_of_due_reports,
    remind_training_participants,
    propose_disposals,
    start_placements_and_remind_follow_ups,
    discard_stale_imports,
]
