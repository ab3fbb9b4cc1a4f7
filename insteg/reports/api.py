"""The reports API: the pilot evaluation, the dashboard's figures and the impact estimate, with the same rules as
the report pages; and the public open-data export (OCDS).

Reports are for the municipality's staff, who see exact counts, and the funder, who sees counts of people below
the small-cell threshold as null (never the number); everyone else signed in gets 403. Nothing here leads to an
individual. The OCDS release package is public and holds no personal data.
"""

from decimal import Decimal

from django.db.models import Count as DbCount
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from insteg.api.pagination import Pagination
from insteg.api.schema import BAD_INPUT, FORBIDDEN, NOT_FOUND
from insteg.contracts.models import Contract
from insteg.followup.services import due_check_ins
from insteg.matching.models import Placement
from insteg.reports import access
from insteg.reports import impact as estimator
from insteg.reports import ocds as open_data
from insteg.reports.figures import Evaluation, completion, evaluate, in_work_after_90_days
from insteg.reports.serializers import (
    DashboardSerializer,
    EvaluationSerializer,
    ImpactQuerySerializer,
    ImpactSerializer,
    ReleasePackageSerializer,
    ReportQuerySerializer,
)
from insteg.reports.suppression import Count

READERS = (
    "The municipality's staff (exact counts) and the funder (counts of people below `suppressed_below` are null, "
    "never the number); everyone else 403."
)
# Outcomes that count as being in work, as in the evaluation's outcomes table.


def _require_reader(user) -> None:
    if not access.can_read_reports(user):
        raise PermissionDenied(_("Only the municipality's staff and the funder can read reports."))


def _selection(request, serializer_class) -> dict:
    query = serializer_class(data=request.query_params, context={"user": request.user})
    query.is_valid(raise_exception=True)
    return query.validated_data


# --- The pilot evaluation --------------------------------------------------------------------------------------------


@extend_schema(
    summary="The pilot evaluation: every table of the report",
    description=READERS + " Requirements set, slots and months committed against delivered, people placed by age "
    "band and gender, how placements ended, outcomes at the end and after 90 days with their evidence, "
    "supervisors trained, SMEs and questions answered on time. Procurements you may not report on: 400.",
    parameters=[ReportQuerySerializer],
    request=None,
    responses={200: EvaluationSerializer, 400: BAD_INPUT, 403: FORBIDDEN},
)
@api_view(["GET"])
def evaluation(request):
    user = request.user
    _require_reader(user)
    selection = _selection(request, ReportQuerySerializer)
    report = evaluate(selection["procurements"], selection["start"], selection["end"], access.threshold_for(user))
    return Response(EvaluationSerializer(report).data)


# --- The dashboard ---------------------------------------------------------------------------------------------------


@extend_schema(
    summary="The dashboard's figures for this year",
    description=READERS + " `staff`: counts for the municipality's staff (null for the funder). `year`: this "
    "year's aggregates, suppressed for the funder.",
    request=None,
    responses={200: DashboardSerializer, 403: FORBIDDEN},
)
@api_view(["GET"])
def dashboard(request):
    user = request.user
    _require_reader(user)
    today = timezone.localdate()
    start, end = ReportQuerySerializer.default_period(today)
    procurements = access.reportable_procurements(user)
    report = evaluate(procurements, start, end, access.threshold_for(user))
    staff = _staff_figures(user, procurements, report, today) if access.is_municipality_staff(user) else None
    data = {"start": start, "end": end, "threshold": report.threshold, "staff": staff, "year": _year_figures(report)}
    return Response(DashboardSerializer(data).data)


def _staff_figures(user, procurements, report: Evaluation, today) -> dict:
    counts = procurements.aggregate(
        all=DbCount("pk", distinct=True),
        social=DbCount("pk", filter=Q(requirements__isnull=False), distinct=True),
    )
    commitments = report.table("commitments").total
    municipalities = user.organisations_with_role(*access.STAFF_ROLES)
    return {
        "procurements": counts["all"],
        "procurements_with_social_requirements": counts["social"],
        "contracts": Contract.objects.filter(procurement__in=procurements).count(),
        "months_committed": commitments[1][1] if commitments else 0,
        "months_delivered": _months_delivered(report),
        "active_placements": Placement.objects.filter(
            position__contract__procurement__in=procurements, status=Placement.Status.ACTIVE
        ).count(),
        "follow_ups_due": due_check_ins(municipalities=municipalities, today=today).count(),
    }


def _year_figures(report: Evaluation) -> dict:
    completed, ended = completion(report)
    working, followed = in_work_after_90_days(report)
    return {
        "people_placed": report.table("people").total[1][-1].shown,
        "months_delivered": _months_delivered(report),
        "completion_rate_percent": _percent(completed, ended),
        "in_work_90_days": working.shown,
        "followed_up_90_days": followed.shown,
        "in_work_90_days_percent": _percent(working, followed),
        "supervisors_trained": report.table("supervisors").total[1][0].shown,
    }


def _months_delivered(report: Evaluation) -> Decimal:
    commitments = report.table("commitments").total
    return commitments[1][2] if commitments else Decimal(0)


def _percent(part: Count, whole: Count) -> int | None:
    if part.hidden or whole.hidden or not whole.value:
        return None
    return round(100 * part.value / whole.value)


# --- The impact estimate ---------------------------------------------------------------------------------------------


@extend_schema(
    summary="The impact estimate: a range from aggregates, with its method and sources",
    description=READERS + " In placement: the public income support not paid while people work. Long term: an "
    "illustrative scenario from the people in work 90 days after, null when that count is hidden from you. "
    "Scenario estimates, never measured effects; no personal data is used.",
    parameters=[ImpactQuerySerializer],
    request=None,
    responses={200: ImpactSerializer, 400: BAD_INPUT, 403: FORBIDDEN},
)
@api_view(["GET"])
def impact(request):
    user = request.user
    _require_reader(user)
    selection = _selection(request, ImpactQuerySerializer)
    report = evaluate(selection["procurements"], selection["start"], selection["end"], access.threshold_for(user))
    delivered = _months_delivered(report)
    working, _followed = in_work_after_90_days(report)
    factors = {"deadweight_percent": selection["deadweight"], "attribution_percent": selection["attribution"]}
    long_term = None
    if selection["lifetime_share"] and not working.hidden:
        long_term = _estimate(
            estimator.long_term, working.value, share_of_lifetime_percent=selection["lifetime_share"], **factors
        )
    data = {
        "start": report.start,
        "end": report.end,
        "procurements": [procurement.pk for procurement in report.procurements],
        "threshold": report.threshold,
        "deadweight": selection["deadweight"],
        "attribution": selection["attribution"],
        "lifetime_share": selection["lifetime_share"],
        "months_delivered": delivered,
        "people_in_work_90_days": working.shown,
        "in_placement": _estimate(estimator.in_placement, delivered, **factors),
        "long_term": long_term,
        "method": _method(selection, delivered, working),
    }
    return Response(ImpactSerializer(data).data)


def _estimate(calculate, *args, **kwargs) -> estimator.Estimate | None:
    """None when an administrator has taken a parameter out of use (the estimator says so)."""
    return calculate(*args, **kwargs)


def _method(selection: dict, delivered: Decimal, working: Count) -> str:
    factors = {"deadweight": selection["deadweight"], "attribution": selection["attribution"]}
    sentences = [
        _(
            "In placement: %(months)s full-time months delivered, divided by 12, times the public income support "
            "a person-year in work replaces, times (1 − deadweight %(deadweight)d %%), times attribution "
            "%(attribution)d %%."
        )
        % {"months": delivered, **factors}
    ]
    if selection["lifetime_share"]:
        if working.hidden:
            sentences.append(
                _("The long-term scenario is left out: the number of people in work is too small to show.")
            )
        else:
            sentences.append(
                _(
                    "Long term, an illustrative scenario: %(people)d people in work 90 days after the end, times "
                    "%(share)d %% of the lifetime cost of long-term exclusion, times the same deadweight and "
                    "attribution."
                )
                % {"people": working.value, "share": selection["lifetime_share"]}
            )
    sentences.append(
        _(
            "Each parameter is a range with its source, price year and certainty. The results are scenario "
            "estimates, not measured effects, and use no personal data."
        )
    )
    return " ".join(sentences)


# --- Open data -------------------------------------------------------------------------------------------------------


@extend_schema(
    summary="Open data: published procurements as an OCDS 1.1 release package",
    description="Public, no login. One release per published, awarded, completed or cancelled procurement (never "
    "drafts), with its awards and contracts, the social requirements as `tender.sustainability` (OCDS "
    "sustainability extension) and lots (OCDS lots extension). Organisations only: no personal data. In pages "
    "of `page_size` releases (default 50, at most 200), oldest first; `links.next` names the next page. With no "
    "published procurement, `releases` is empty.",
    parameters=[
        OpenApiParameter("page", OpenApiTypes.INT, description="A page number, from 1."),
        OpenApiParameter("page_size", OpenApiTypes.INT, description="Releases per page, at most 200."),
    ],
    request=None,
    responses={200: ReleasePackageSerializer, 404: NOT_FOUND},
    auth=[],
)
@api_view(["GET"])
@permission_classes([AllowAny])
def ocds(request):
    paginator = Pagination()
    page = paginator.paginate_queryset(open_data.published_procurements(), request)
    links = {"next": paginator.get_next_link(), "prev": paginator.get_previous_link()}
    package = open_data.release_package(
        page, uri=request.build_absolute_uri(), links={name: url for name, url in links.items() if url}
    )
    return Response(package)
