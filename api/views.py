"""The referral API's endpoints. Each view authenticates the client, finds
the referral in its scope (404 otherwise), calls one service and answers
JSON; every call is audited, whatever its outcome."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.services import (
    case_withdraw,
    criteria_to_reside_record,
    discharge_ready_date_change,
)

from .auth import BearerTokenAuthentication, ClientRateThrottle, IsApiClient
from .models import ApiClient
from .selectors import case_get_for_client, referral_status
from .serializers import (
    CriteriaToResideSerializer,
    DischargeReadyDateSerializer,
    ErrorSerializer,
    FieldErrorsSerializer,
    ReferralCreateSerializer,
    ReferralStatusSerializer,
    WithdrawSerializer,
)
from .services import api_call_record, referral_submit

IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,255}")
COMMON_ERRORS = {
    401: OpenApiResponse(ErrorSerializer, description="No token, or not a live one."),
    403: OpenApiResponse(ErrorSerializer, description="The client is not active."),
    429: OpenApiResponse(ErrorSerializer, description="Too many calls: retry later."),
}
STATUS = OpenApiResponse(
    ReferralStatusSerializer, description="The referral's status, as it is now."
)
NOT_FOUND = {
    404: OpenApiResponse(
        ErrorSerializer, description="No such referral in the client's scope."
    )
}


class KeepsTheSessionUser:
    """The API ignores the hub's sessions, but a signed-in member of staff
    stays signed in: DRF would leave Django's request.user anonymous."""

    def initialize_request(self, request, *args, **kwargs):
        self.session_user = getattr(request, "user", None)
        return super().initialize_request(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if not isinstance(request.__dict__.get("_auth"), ApiClient):
            request._request.user = self.session_user
        return response


class ClientApiView(KeepsTheSessionUser, APIView):
    """Token-only: the hub's own sessions are not accepted here."""

    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [IsApiClient]
    throttle_classes = [ClientRateThrottle]
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]
    audit_case = None

    @classmethod
    def as_view(cls, **initkwargs):
        # Not in the request's transaction: the audit of a refused call must
        # stay; each service is atomic on its own.
        return transaction.non_atomic_requests(super().as_view(**initkwargs))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        client = request.__dict__.get("_auth")
        api_call_record(
            client=client if isinstance(client, ApiClient) else None,
            method=request.method,
            path=request.path,
            status=response.status_code,
            case=self.audit_case,
        )
        response["Cache-Control"] = "no-store"
        return response

    def case(self, request, pk):
        self.audit_case = case_get_for_client(client=request.auth, pk=pk)
        return self.audit_case

    def status(self, request, pk) -> Response:
        """The referral's status as it is now, after a change."""
        case = case_get_for_client(client=request.auth, pk=pk)
        return Response(referral_status(case))

    def parsed(self, serializer_class, request):
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


def _refused(error: ValidationError) -> Response:
    """A service's refusal: field errors are 400; a refusal of the whole
    (the case is closed, someone is busy with it) is 409."""
    if hasattr(error, "error_dict"):
        return Response(error.message_dict, status=400)
    return Response({"detail": " ".join(error.messages)}, status=409)


REFERRAL_ID = OpenApiParameter(
    "id", int, OpenApiParameter.PATH, description="The referral's id."
)


class ReferralCreateView(ClientApiView):
    @extend_schema(
        operation_id="referral_create",
        summary="Send a referral",
        description="Checked by the same rules as the hub's referral form; 400 "
        "lists every field at fault. Send an `Idempotency-Key` so that a retry "
        "is safe: the same key and body answer as the first time, with no "
        "second referral; the same key with another body answers 422.",
        request=ReferralCreateSerializer,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                required=False,
                description="Up to 255 printable ASCII characters, e.g. a UUID.",
                pattern=r"^[\x21-\x7e]{1,255}$",
            )
        ],
        responses={
            201: OpenApiResponse(
                ReferralStatusSerializer, description="Received: its status."
            ),
            400: FieldErrorsSerializer,
            409: OpenApiResponse(
                ErrorSerializer, description="Another was saved at that moment."
            ),
            422: ErrorSerializer,
            **COMMON_ERRORS,
        },
    )
    def post(self, request):
        from hub.flows import DischargeFlow  # the composition owns the flow

        key = request.headers.get("Idempotency-Key", "")
        if key and not IDEMPOTENCY_KEY.fullmatch(key):
            return Response(
                {"detail": "Idempotency-Key: up to 255 printable ASCII characters."},
                status=400,
            )
        answer = referral_submit(
            client=request.auth,
            data=request.data,
            idempotency_key=key,
            flow_class=DischargeFlow,
        )
        self.audit_case = answer.case
        response = Response(answer.body, status=answer.status)
        if answer.replayed:
            response["Idempotent-Replayed"] = "true"
        if answer.case is not None:
            response["Location"] = f"{request.path.rstrip('/')}/{answer.case.pk}"
        return response


class ReferralDetailView(ClientApiView):
    @extend_schema(
        operation_id="referral_status",
        summary="A referral's status",
        description="Its stage, pathway, discharge ready date, days delayed "
        "and expected start.",
        parameters=[REFERRAL_ID],
        responses={200: STATUS, **NOT_FOUND, **COMMON_ERRORS},
    )
    def get(self, request, pk):
        return Response(referral_status(self.case(request, pk)))


# What a change to a referral answers: its status, or why it was refused.
CHANGE_RESPONSES = {
    200: STATUS,
    400: OpenApiResponse(description="Every field at fault."),
    409: ErrorSerializer,
    **NOT_FOUND,
    **COMMON_ERRORS,
}


class DischargeReadyDateView(ClientApiView):
    @extend_schema(
        operation_id="referral_discharge_ready_date",
        summary="Set or move the discharge ready date",
        description="With a reason. The date is the day the person stopped "
        "meeting the criteria to reside, so it cannot be in the future.",
        parameters=[REFERRAL_ID],
        request=DischargeReadyDateSerializer,
        responses=CHANGE_RESPONSES,
    )
    def put(self, request, pk):
        case = self.case(request, pk)
        data = self.parsed(DischargeReadyDateSerializer, request)
        try:
            discharge_ready_date_change(
                case=case,
                new_date=data["discharge_ready_date"],
                reason=data["reason"],
                actor=request.user,
                source="ward",
            )
        except ValidationError as error:
            return _refused(error)
        return self.status(request, pk)


class CriteriaToResideView(ClientApiView):
    @extend_schema(
        operation_id="referral_criteria_to_reside",
        summary="Record whether the person meets the criteria to reside",
        description="Meeting them again clears the discharge ready date and "
        "stops the delay clock.",
        parameters=[REFERRAL_ID],
        request=CriteriaToResideSerializer,
        responses=CHANGE_RESPONSES,
    )
    def put(self, request, pk):
        case = self.case(request, pk)
        data = self.parsed(CriteriaToResideSerializer, request)
        try:
            criteria_to_reside_record(
                case=case,
                meets=data["meets"],
                reason=data.get("reason", ""),
                actor=request.user,
                source="ward",
            )
        except ValidationError as error:
            return _refused(error)
        return self.status(request, pk)


class WithdrawView(ClientApiView):
    @extend_schema(
        operation_id="referral_withdraw",
        summary="Withdraw a referral",
        description="The person died, was readmitted or no longer needs the "
        "service: the case closes with the reason, and what was held for it "
        "(a reablement start, equipment on order) is released.",
        parameters=[REFERRAL_ID],
        request=WithdrawSerializer,
        responses=CHANGE_RESPONSES,
    )
    def post(self, request, pk):
        case = self.case(request, pk)
        data = self.parsed(WithdrawSerializer, request)
        try:
            case_withdraw(
                case=case,
                actor=request.user,
                closed_because=data["closed_because"],
                reason=data["reason"],
            )
        except ValidationError as error:
            return _refused(error)
        return self.status(request, pk)
