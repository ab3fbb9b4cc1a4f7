"""The supervisor-training API: courses, sessions, registration and withdrawal. The same services and access rules
as the pages.

Sessions are public: anyone lists the upcoming ones, reads any session and registers without logging in.
Courses, changes to sessions and the registrations (personal data) are the organiser's: the course
organisation's matching officers and administrators. Someone else gets 403 where the session is visible to
them anyway (changing or cancelling it) and 404 for what they may not know about (a course, the registrations).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.permissions import AllowAny, IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from insteg.api import examples
from insteg.api.filtering import list_view
from insteg.api.pagination import paginated
from insteg.api.schema import BAD_INPUT, CONFLICT, FORBIDDEN, NOT_FOUND
from insteg.training import access, services
from insteg.training.models import Course
from insteg.training.serializers import (
    AttendanceSerializer,
    CancelSerializer,
    CourseInputSerializer,
    CourseSerializer,
    RegistrationCreateSerializer,
    RegistrationReceiptSerializer,
    RegistrationSerializer,
    SessionInputSerializer,
    SessionQuerySerializer,
    SessionSerializer,
    WithdrawnSerializer,
    WithdrawSerializer,
)

ORGANISERS = "The organiser's matching officers and administrators."


class RegistrationRateThrottle(SimpleRateThrottle):
    """Every registration sends an email, so one client registers fewer times than it may read (per address,
    or per user when signed in). The rate is REST_FRAMEWORK's `training_registration`, else DEFAULT_RATE."""

    scope = "training_registration"
    DEFAULT_RATE = "30/hour"

    def get_rate(self):
        return self.THROTTLE_RATES.get(self.scope) or self.DEFAULT_RATE

    def get_cache_key(self, request, view):
        if request.method != "POST":
            return None
        ident = request.user.pk if request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def _valid(serializer_class, request, **kwargs):
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _require_organiser(user) -> None:
    if not access.can_organise(user):
        raise PermissionDenied(_("Only the organiser's matching officers and administrators can do this."))


def _require_organiser_of(user, session) -> None:
    if not access.is_organiser_of(user, session):
        raise PermissionDenied(_("Only the organiser's matching officers and administrators can do this."))


def _course(user, pk: int) -> Course:
    course = access.managed_courses(user).filter(pk=pk).first()
    if course is None:
        raise ApiValidationError({"course": [_("Choose one of your organisation's courses.")]})
    return course


def _organiser_organisation(user):
    """The organisation a new course belongs to: the first one the person organises for."""
    for membership in user.active_memberships:
        if membership.role in access.ORGANISER_ROLES:
            return membership.organisation
    raise PermissionDenied(_("Only the organiser's matching officers and administrators can do this."))


def _session_data(session_pk: int):
    return SessionSerializer(access.get_public_session(session_pk)).data


# --- Courses --------------------------------------------------------------------------------------------------


@extend_schema(
    methods=["GET"],
    summary="Your organisation's training courses",
    description=ORGANISERS + " Everyone else: 403.",
    request=None,
    responses={200: CourseSerializer(many=True), 403: FORBIDDEN},
)
@extend_schema(
    methods=["POST"],
    summary="Add a course",
    description=ORGANISERS + " The course belongs to your organisation.",
    request=CourseInputSerializer,
    responses={201: CourseSerializer, 400: BAD_INPUT, 403: FORBIDDEN},
)
@list_view
@api_view(["GET", "POST"])
def course_list(request):
    _require_organiser(request.user)
    if request.method == "POST":
        course = services.save_course(
            user=request.user,
            organisation=_organiser_organisation(request.user),
            data=_valid(CourseInputSerializer, request),
        )
        return Response(CourseSerializer(course).data, status=status.HTTP_201_CREATED)
    return paginated(request, access.managed_courses(request.user), CourseSerializer)


@extend_schema(
    methods=["GET"],
    summary="One course",
    description=ORGANISERS + " Everyone else: 404.",
    request=None,
    responses={200: CourseSerializer, 404: NOT_FOUND},
)
@extend_schema(
    methods=["PATCH"],
    summary="Change a course",
    description=ORGANISERS + " Everyone else: 404.",
    request=CourseInputSerializer,
    responses={200: CourseSerializer, 400: BAD_INPUT, 404: NOT_FOUND},
)
@api_view(["GET", "PATCH"])
def course_detail(request, pk):
    course = access.get_managed_course(request.user, pk)
    if request.method == "PATCH":
        data = _valid(CourseInputSerializer, request, partial=True)
        course = services.save_course(user=request.user, organisation=course.organisation, data=data, course=course)
    return Response(CourseSerializer(course).data)


# --- Sessions -------------------------------------------------------------------------------------------------


@extend_schema(
    methods=["GET"],
    summary="Training sessions: the upcoming ones for everyone, or your own with scope=managed",
    description="Public, no login: upcoming sessions that are not cancelled, with seats left and the status a "
    "registrant sees. `scope=managed`: every session of your organisation's courses, past and cancelled too ("
    + ORGANISERS.lower().rstrip(".")
    + "; anyone else 403).",
    parameters=[SessionQuerySerializer],
    request=None,
    responses={200: SessionSerializer(many=True), 400: BAD_INPUT, 403: FORBIDDEN},
)
@extend_schema(
    methods=["POST"],
    summary="Add a session of one of your courses",
    description=ORGANISERS + " Give the registration deadline as `registration_closes_on` (a date) or "
    "`deadline_days_before`, not both; the deadline closes at 23.59 Swedish time that day, never after the start.",
    request=SessionInputSerializer,
    responses={201: SessionSerializer, 400: BAD_INPUT, 403: FORBIDDEN},
)
@list_view
@api_view(["GET", "POST"])
@permission_classes([IsAuthenticatedOrReadOnly])
def session_list(request):
    if request.method == "POST":
        return _create_session(request)
    query = SessionQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    if query.validated_data["scope"] == "managed":
        if not request.user.is_authenticated:
            raise NotAuthenticated
        _require_organiser(request.user)
        sessions = access.managed_sessions(request.user).with_counts()
    else:
        sessions = access.public_sessions()
    # Counting drops the model's ordering (a GROUP BY query); pages need one: `ordering`, starts_at by default.
    return paginated(request, query.apply(sessions), SessionSerializer)


def _create_session(request):
    _require_organiser(request.user)
    data = _valid(SessionInputSerializer, request)
    course = _course(request.user, data.pop("course"))
    session = services.create_session(user=request.user, course=course, data=data)
    return Response(_session_data(session.pk), status=status.HTTP_201_CREATED)


@extend_schema(
    methods=["GET"],
    summary="One session",
    description="Public, no login; cancelled and past sessions too (a link in an old email still tells what happened).",
    request=None,
    responses={200: SessionSerializer, 404: NOT_FOUND},
)
@extend_schema(
    methods=["PATCH"],
    summary="Change a session",
    description=ORGANISERS + " Anyone else: 403. More seats move waiting people up (they are told); fewer seats "
    "than people confirmed are refused. To cancel, use the cancel action.",
    request=SessionInputSerializer,
    responses={200: SessionSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["GET", "PATCH"])
@permission_classes([IsAuthenticatedOrReadOnly])
def session_detail(request, pk):
    session = access.get_public_session(pk)
    if request.method == "PATCH":
        _require_organiser_of(request.user, session)
        data = _valid(SessionInputSerializer, request, partial=True)
        if "course" in data:
            data["course"] = _course(request.user, data["course"])
        services.update_session(session, user=request.user, data=data)
        return Response(_session_data(session.pk))
    return Response(SessionSerializer(session).data)


@extend_schema(
    summary="Cancel a session; everyone confirmed or waiting is emailed",
    description=ORGANISERS + " Anyone else: 403. `message` is added to the email. A session that is already "
    "cancelled or has started: 409.",
    request=CancelSerializer,
    responses={200: SessionSerializer, 400: BAD_INPUT, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["POST"])
def session_cancel(request, pk):
    session = access.get_public_session(pk)
    _require_organiser_of(request.user, session)
    data = _valid(CancelSerializer, request)
    services.cancel_session(session, user=request.user, message=data["message"])
    return Response(_session_data(session.pk))


# --- Registrations --------------------------------------------------------------------------------------------


@extend_schema(
    methods=["GET"],
    summary="Who registered for a session (personal data)",
    description=ORGANISERS + " Everyone else: 404. Cancelled and anonymised registrations are listed too; "
    "anonymised ones keep only company, status and attendance.",
    request=None,
    responses={200: RegistrationSerializer(many=True), 404: NOT_FOUND},
)
@extend_schema(
    methods=["POST"],
    summary="Register for a session (public, no login)",
    description="Anyone may register; a signed-in supplier contact's company is linked to the registration. "
    "`consent` must be `true`. The answer is `confirmed` while seats are left, else `waitlisted` with the place "
    "in the queue; an email with the calendar file and the cancel link follows. A closed, full (without a "
    "waiting list), cancelled or past session, a second registration of the same email, or bad fields give 400 "
    "and store nothing. Throttled per client (429).",
    request=RegistrationCreateSerializer,
    examples=[
        examples.request("A supervisor registers", examples.REGISTRATION_CREATE),
        examples.answer("Registered with a seat", examples.REGISTRATION_ANSWER, 201),
        examples.BAD_INPUT,
    ],
    responses={
        201: RegistrationReceiptSerializer,
        400: BAD_INPUT,
        404: NOT_FOUND,
        415: OpenApiResponse(description="The body is not JSON."),
    },
)
@list_view
@api_view(["GET", "POST"])
@permission_classes([AllowAny])
@throttle_classes([*api_settings.DEFAULT_THROTTLE_CLASSES, RegistrationRateThrottle])
def registration_list(request, pk):
    if request.method == "POST":
        return _register(request, pk)
    if not request.user.is_authenticated:
        raise NotAuthenticated
    session = access.get_managed_session(request.user, pk)
    registrations = session.registrations.select_related("consent_text").order_by("created_at", "pk")
    return paginated(request, registrations, RegistrationSerializer)


def _register(request, pk):
    session = access.get_public_session(pk)
    data = _valid(RegistrationCreateSerializer, request)
    registration = services.register(
        session,
        name=data["name"],
        email=data["email"],
        organisation_name=data["organisation_name"],
        phone=data["phone"],
        role=data["role"],
        consent=data["consent"],
        user=request.user,
        language=data.get("language") or (translation.get_language() or "sv")[:2],
    )
    receipt = {
        "id": registration.pk,
        "status": registration.status,
        "waitlist_position": services.waitlist_position(registration),
        "session_id": registration.session_id,
        "token": services.token_for(registration),
    }
    return Response(RegistrationReceiptSerializer(receipt).data, status=status.HTTP_201_CREATED)


@extend_schema(
    methods=["GET"],
    summary="One registration",
    description=ORGANISERS + " Everyone else: 404.",
    request=None,
    responses={200: RegistrationSerializer, 404: NOT_FOUND},
)
@extend_schema(
    methods=["PATCH"],
    summary="Mark attendance",
    description=ORGANISERS + " Once the session has started (before: 409); confirmed registrations only. Someone "
    "who attended is marked as trained on the positions they supervise.",
    request=AttendanceSerializer,
    responses={200: RegistrationSerializer, 400: BAD_INPUT, 404: NOT_FOUND, 409: CONFLICT},
)
@extend_schema(
    methods=["DELETE"],
    summary="Remove a registration",
    description=ORGANISERS + " A removed confirmed seat goes to the first person waiting, who is told; removing a "
    "waiting entry moves nobody up. Already cancelled: 409.",
    request=None,
    responses={204: None, 404: NOT_FOUND, 409: CONFLICT},
)
@api_view(["GET", "PATCH", "DELETE"])
def registration_detail(request, pk, registration_pk):
    session = access.get_managed_session(request.user, pk)
    registration = access.get_managed_registration(request.user, session, registration_pk)
    if request.method == "DELETE":
        services.remove(registration, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
    if request.method == "PATCH":
        attended = _valid(AttendanceSerializer, request)["attended"]
        try:
            services.mark_attendance(session, user=request.user, attended={registration.pk: attended})
        except DjangoValidationError as error:
            raise ApiValidationError({"attended": error.messages}) from None
        registration = access.get_managed_registration(request.user, session, registration_pk)
    return Response(RegistrationSerializer(registration).data)


@extend_schema(
    summary="Cancel your own registration with its key (public, no login)",
    description="The key is the `token` from the registration answer or the link in the email. Cancelling frees "
    "the seat (the first person waiting gets it), withdraws consent and removes the personal data at once. An "
    "unknown or altered key: 404; already cancelled: 409.",
    request=WithdrawSerializer,
    responses={200: WithdrawnSerializer, 400: BAD_INPUT, 404: NOT_FOUND, 409: CONFLICT},
    auth=[],
)
@api_view(["POST"])
@permission_classes([AllowAny])
def registration_withdraw(request):
    token = _valid(WithdrawSerializer, request)["token"]
    registration = services.registration_for_token(token)
    if registration is None:
        raise NotFound(_("This link is not valid. Use the link in your confirmation email."))
    services.withdraw(registration)
    return Response(WithdrawnSerializer({"status": "cancelled"}).data)
