"""Forms of the organiser's pages: courses, sessions (Swedish wall-clock times), cancelling and attendance.

The forms only shape what people type; the rules (end after start, a deadline before the start, one kind of
deadline, a place or a link) live on the model and come back from the services as ValidationErrors, which
`add_session_errors` puts on the fields people actually typed into.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from insteg.core.forms import add_service_errors
from insteg.procurement.forms import DateInput
from insteg.training.models import MAX_CAPACITY, MAX_DAYS_BEFORE, STOCKHOLM, Language, Session


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the participants learn, for example leadership, communication and self-image."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One item per line, for example 09.00 Leadership."),
    )

    @classmethod
    def for_course(cls, data=None, *, course=None):
        initial = {"title": course.title, "description": course.description, "agenda": course.agenda} if course else {}
        return cls(data, initial=initial)


class SessionForm(forms.Form):
    """One session. Times are what the organiser reads on the clock in Sweden, whatever the season."""

    OPEN_STATUSES = [
        (Session.Status.OPEN, Session.Status.OPEN.label),
        (Session.Status.CLOSED, Session.Status.CLOSED.label),
    ]
    # Service and model errors about these fields belong to the inputs people typed into.
    SERVICE_FIELDS = {"starts_at": "start_time", "ends_at": "end_time"}

    course = forms.ModelChoiceField(queryset=None, label=_("Course"), empty_label=None)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(
        label=_("Starts at"), widget=TimeInput(), help_text=_("Swedish time, for example 09:00.")
    )
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput(), help_text=_("Swedish time, for example 16:00."))
    end_date = forms.DateField(
        label=_("Last day, if the session runs over several days"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty when the session starts and ends on the same day."),
    )
    location = forms.CharField(
        label=_("Place"), max_length=300, required=False, help_text=_("Address and room. Give a place, a link or both.")
    )
    online_url = forms.URLField(
        label=_("Online link"),
        max_length=500,
        assume_scheme="https",
        required=False,
        help_text=_("For example a link to a video meeting."),
    )
    capacity = forms.IntegerField(
        label=_("Seats"),
        min_value=1,
        max_value=MAX_CAPACITY,
        help_text=format_lazy(_("At most {max} seats."), max=MAX_CAPACITY),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    registration_closes_on = forms.DateField(
        label=_("Last day to register"),
        required=False,
        widget=DateInput(),
        help_text=_("Registration closes at the end of this day (23.59 Swedish time)."),
    )
    deadline_days_before = forms.IntegerField(
        label=_("Or: registration closes this many days before the start"),
        min_value=0,
        max_value=MAX_DAYS_BEFORE,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("For example 8: a session on Tuesday 25 September closes at the end of Monday 17 September."),
    )
    waitlist_enabled = forms.BooleanField(
        label=_("Waiting list when full"),
        required=False,
        initial=True,
        help_text=_("People who register when every seat is taken wait in turn and move up when a seat is freed."),
    )
    language = forms.ChoiceField(label=_("Language of the session"), choices=Language.choices)
    status = forms.ChoiceField(
        label=_("Registration"),
        choices=OPEN_STATUSES,
        help_text=_("Close registration by hand here; it also closes at the deadline and when every seat is taken."),
    )

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses

    @classmethod
    def for_session(cls, data=None, *, courses, session=None, course=None):
        if session is None:
            initial = {
                "course": course,
                "capacity": 20,
                "deadline_days_before": 8,
                "waitlist_enabled": True,
                "status": Session.Status.OPEN,
            }
            return cls(data, courses=courses, initial=initial)
        start, end = session.local_start, session.local_end
        initial = {
            "course": session.course_id,
            "date": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "end_date": end.date() if end.date() != start.date() else None,
            "location": session.location,
            "online_url": session.online_url,
            "capacity": session.capacity,
            "registration_closes_on": session.registration_closes_on,
            "deadline_days_before": session.deadline_days_before,
            "waitlist_enabled": session.waitlist_enabled,
            "language": session.language,
            "status": session.status,
        }
        return cls(data, courses=courses, initial=initial)

    def session_data(self) -> dict:
        """What the services take: aware datetimes in Swedish time, the rest as typed."""
        data = self.cleaned_data
        start_day = data["date"]
        end_day = data.get("end_date") or start_day
        return {
            "starts_at": datetime.datetime.combine(start_day, data["start_time"], tzinfo=STOCKHOLM),
            "ends_at": datetime.datetime.combine(end_day, data["end_time"], tzinfo=STOCKHOLM),
            "location": data["location"],
            "online_url": data["online_url"],
            "capacity": data["capacity"],
            "registration_closes_on": data.get("registration_closes_on"),
            "deadline_days_before": data.get("deadline_days_before"),
            "waitlist_enabled": data["waitlist_enabled"],
            "language": data["language"],
            "status": data["status"],
        }

    def add_session_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            error = ValidationError(
                {self.SERVICE_FIELDS.get(name, name): messages for name, messages in error.message_dict.items()}
            )
        add_service_errors(self, error)


class CancelSessionForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the people registered (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sent with the cancellation, for example a new date. At most 1000 characters."),
    )


class AttendanceForm(forms.Form):
    """One choice per confirmed registration: attended, did not attend, or not marked yet."""

    ATTENDED, ABSENT, UNMARKED = "yes", "no", ""
    CHOICES = [(ATTENDED, _("Attended")), (ABSENT, _("Did not attend")), (UNMARKED, _("Not marked"))]
    VALUES = {ATTENDED: True, ABSENT: False, UNMARKED: None}

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for registration in registrations:
            name = f"attended_{registration.pk}"
            initial = {True: self.ATTENDED, False: self.ABSENT, None: self.UNMARKED}[registration.attended]
            self.fields[name] = forms.ChoiceField(
                label=registration.name or _("Anonymised"),
                choices=self.CHOICES,
                widget=forms.RadioSelect,
                required=False,
                initial=initial,
            )
            self.rows.append((registration, self[name]))

    def attendance(self) -> dict[int, bool | None]:
        """Only the rows on the page that was sent: someone confirmed since then keeps their mark."""
        return {
            registration.pk: self.VALUES[self.cleaned_data[bound.name]]
            for registration, bound in self.rows
            if bound.html_name in self.data
        }
