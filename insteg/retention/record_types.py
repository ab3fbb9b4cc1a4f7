"""One handler per record type: which records a rule finds due, and how a batch of them is disposed of.

Dates are Swedish local dates (Europe/Stockholm): a training session that ends 23.30 on 25 November took place on
25 November, whatever UTC says. A record is due when its trigger date plus the rule's months (a calendar month
ending on the last day of a shorter month when the day does not exist: 31 January + 1 month = 28 February) is
before today. Records already anonymised or erased are never due.

Participants' trigger is the end of their last placement: a participant is due when every placement has ended
(none planned or running) and the last one ended long enough ago; someone never placed counts from their
registration, but only once they are no longer looking (status "inactive"). A participant who is available again
is an open case and never due; nor is one whose processing is restricted (GDPR art. 18: kept, not used).
"""

import datetime
import zoneinfo
from calendar import monthrange
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from insteg.retention.models import Action, RecordType, Trigger


def local_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def local_today() -> datetime.date:
    return timezone.now().astimezone(local_zone()).date()


def due_on(trigger: datetime.date, months: int) -> datetime.date:
    """The first day the record is due: the day after its trigger date plus the period."""
    return trigger + relativedelta(months=months) + datetime.timedelta(days=1)


def latest_due_trigger(today: datetime.date, months: int) -> datetime.date:
    """The latest trigger date for which `trigger + months < today`; every earlier trigger date is due too.

    Adding months is monotone but not invertible at month ends (29, 30 and 31 January + 1 month are all 28
    February), so when yesterday is the last day of its month every day of the month `months` earlier counts.
    """
    yesterday = today - datetime.timedelta(days=1)
    latest = yesterday - relativedelta(months=months)
    if yesterday.day == monthrange(yesterday.year, yesterday.month)[1]:
        latest = latest.replace(day=monthrange(latest.year, latest.month)[1])
    return latest


def start_of_day_after(day: datetime.date) -> datetime.datetime:
    """Midnight (Swedish time) after `day`: a moment is on `day` or earlier exactly when it is before this."""
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=local_zone())


@dataclass(frozen=True)
class RecordTypeHandler:
    """What retention needs to know about one kind of record."""

    record_type: str
    triggers: tuple[str, ...]
    actions: tuple[str, ...]
    default_months: int
    default_trigger: str
    default_action: str

    def model(self) -> type[models.Model]:
        raise NotImplementedError

    def due(self, months: int, today: datetime.date) -> models.QuerySet:
        """The records due under a period of `months` as of `today` (not yet disposed of, holds not considered)."""
        raise NotImplementedError

    def due_ids(self, months: int, today: datetime.date, among=None) -> list[int]:
        records = self.due(months, today)
        if among is not None:
            records = records.filter(pk__in=list(among))
        return sorted(records.values_list("pk", flat=True))

    def exists(self, record_id: int) -> bool:
        return self.model().objects.filter(pk=record_id).exists()

    def dispose(self, ids: list[int], action: str) -> int:
        """Anonymise or delete the records `ids`; returns how many were disposed of. Inside the caller's transaction."""
        raise NotImplementedError


class ParticipantHandler(RecordTypeHandler):
    def model(self):
        from insteg.matching.models import Participant

        return Participant

    def due(self, months, today):
        from insteg.matching.models import Participant, Placement

        latest = latest_due_trigger(today, months)
        not_ended = Placement.objects.filter(participant=OuterRef("pk")).filter(
            Q(ended_on__isnull=True) | ~Q(status=Placement.Status.ENDED)
        )
        people = (
            Participant.objects.filter(erased_at__isnull=True, restricted_at__isnull=True)
            .exclude(status=Participant.Status.AVAILABLE)
            .annotate(last_ended_on=Max("placements__ended_on"), running=Exists(not_ended))
            .filter(running=False)
        )
        placed_long_ago = Q(last_ended_on__isnull=False, last_ended_on__lte=latest)
        never_placed = Q(
            last_ended_on__isnull=True,
            status=Participant.Status.INACTIVE,
            created_at__lt=start_of_day_after(latest),
        )
        return people.filter(placed_long_ago | never_placed)

    def dispose(self, ids, action):
        from insteg.matching import services as matching_services

        count = 0
        for participant in self.model().objects.filter(pk__in=ids, erased_at__isnull=True).order_by("pk"):
            # The same anonymisation as an erasure request: statistics fields, placements and outcomes stay.
            matching_services.erase(None, participant)
            count += 1
        return count


class TrainingRegistrationHandler(RecordTypeHandler):
    def model(self):
        from insteg.training.models import Registration

        return Registration

    def due(self, months, today):
        from insteg.training.models import Registration

        latest = latest_due_trigger(today, months)
        return Registration.objects.filter(anonymised_at__isnull=True, session__ends_at__lt=start_of_day_after(latest))

    def dispose(self, ids, action):
        from insteg.training import services as training_services

        return training_services.anonymise_registrations(ids)


class ParticipantViewHandler(RecordTypeHandler):
    def model(self):
        from insteg.matching.models import ParticipantView

        return ParticipantView

    def due(self, months, today):
        from insteg.matching.models import ParticipantView

        latest = latest_due_trigger(today, months)
        return ParticipantView.objects.filter(viewed_at__lt=start_of_day_after(latest))

    def dispose(self, ids, action):
        deleted, _per_model = self.model().objects.filter(pk__in=ids).delete()
        return deleted


class AccessibilityFeedbackHandler(RecordTypeHandler):
    """Reports about accessibility: the reply address is the only personal data; the report itself is kept."""

    def model(self):
        from insteg.core.models import AccessibilityFeedback

        return AccessibilityFeedback

    def due(self, months, today):
        from insteg.core.models import AccessibilityFeedback

        latest = latest_due_trigger(today, months)
        return AccessibilityFeedback.objects.exclude(email="").filter(created_at__lt=start_of_day_after(latest))

    def dispose(self, ids, action):
        return self.model().objects.filter(pk__in=ids).exclude(email="").update(email="")


HANDLERS: dict[str, RecordTypeHandler] = {
    RecordType.PARTICIPANT: ParticipantHandler(
        record_type=RecordType.PARTICIPANT,
        triggers=(Trigger.PLACEMENT_END,),
        # Anonymise only: placements, outcomes and the statistics fields must survive (domain research §6.4).
        actions=(Action.ANONYMISE,),
        default_months=36,
        default_trigger=Trigger.PLACEMENT_END,
        default_action=Action.ANONYMISE,
    ),
    RecordType.TRAINING_REGISTRATION: TrainingRegistrationHandler(
        record_type=RecordType.TRAINING_REGISTRATION,
        triggers=(Trigger.SESSION_DATE,),
        # Anonymise only: the counts of supervisors trained per company are reported.
        actions=(Action.ANONYMISE,),
        default_months=12,
        default_trigger=Trigger.SESSION_DATE,
        default_action=Action.ANONYMISE,
    ),
    RecordType.ACCESSIBILITY_FEEDBACK: AccessibilityFeedbackHandler(
        record_type=RecordType.ACCESSIBILITY_FEEDBACK,
        triggers=(Trigger.RECORD_CREATED,),
        # Anonymise only: the report stays as a record of the problem; the address is there to answer, no longer.
        actions=(Action.ANONYMISE,),
        default_months=12,
        default_trigger=Trigger.RECORD_CREATED,
        default_action=Action.ANONYMISE,
    ),
    RecordType.PARTICIPANT_VIEW: ParticipantViewHandler(
        record_type=RecordType.PARTICIPANT_VIEW,
        triggers=(Trigger.RECORD_CREATED,),
        actions=(Action.DELETE,),
        default_months=36,
        default_trigger=Trigger.RECORD_CREATED,
        default_action=Action.DELETE,
    ),
}


def handler_for(record_type: str) -> RecordTypeHandler:
    return HANDLERS[record_type]
