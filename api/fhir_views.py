"""POST /api/v1/fhir/referrals: a referral as a FHIR R4 Bundle."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from .fhir import (
    BundleError,
    bundle_to_referral,
    field_errors_as_issues,
    operation_outcome,
)
from .serializers import ReferralStatusSerializer
from .services import referral_submit
from .views import COMMON_ERRORS, IDEMPOTENCY_KEY, ClientApiView


class FhirJSONParser(JSONParser):
    media_type = "application/fhir+json"


class BundleSerializer(serializers.Serializer):
    """A FHIR R4 Bundle (type collection, message or transaction) holding a
    UK Core Patient, a ServiceRequest, and optionally an Encounter and the
    referring Practitioner."""

    resourceType = serializers.ChoiceField(choices=["Bundle"])  # noqa: N815
    type = serializers.CharField()
    entry = serializers.ListField(child=serializers.DictField())


class OperationOutcomeSerializer(serializers.Serializer):
    resourceType = serializers.CharField()  # noqa: N815
    issue = serializers.ListField(child=serializers.DictField())


class FhirReferralView(ClientApiView):
    parser_classes = [FhirJSONParser, JSONParser]

    @extend_schema(
        operation_id="fhir_referral_create",
        summary="Send a referral as a FHIR R4 Bundle",
        description="Validated with fhir.resources and checked by the same rules "
        "as the JSON referral; a malformed bundle answers 400 with an "
        "OperationOutcome naming each problem. The NHS number is the Patient "
        "identifier of system https://fhir.nhs.uk/Id/nhs-number.",
        request=BundleSerializer,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                required=False,
                pattern=r"^[\x21-\x7e]{1,255}$",
                description="Up to 255 printable ASCII characters, e.g. a UUID.",
            )
        ],
        responses={
            201: OpenApiResponse(
                ReferralStatusSerializer, description="Received: its status."
            ),
            400: OpenApiResponse(
                OperationOutcomeSerializer, description="Each problem, and where."
            ),
            409: OpenApiResponse(
                OperationOutcomeSerializer,
                description="Another was saved at that moment: send it again.",
            ),
            422: OpenApiResponse(
                OperationOutcomeSerializer,
                description="The Idempotency-Key was used for another referral.",
            ),
            **COMMON_ERRORS,
        },
    )
    def post(self, request):
        from hub.flows import DischargeFlow

        key = request.headers.get("Idempotency-Key", "")
        if key and not IDEMPOTENCY_KEY.fullmatch(key):
            return _outcome([("Idempotency-Key", "Up to 255 printable ASCII.")], 400)
        try:
            data = bundle_to_referral(request.data)
        except BundleError as error:
            return _outcome(error.issues, 400)
        answer = referral_submit(
            client=request.auth,
            data=data,
            idempotency_key=key,
            flow_class=DischargeFlow,
        )
        self.audit_case = answer.case
        if answer.status != 201:
            return _outcome(field_errors_as_issues(answer.body), answer.status)
        response = Response(answer.body, status=201)
        response["Location"] = f"/api/v1/referrals/{answer.case.pk}"
        if answer.replayed:
            response["Idempotent-Replayed"] = "true"
        return response

    def handle_exception(self, exc):
        # A body that is not JSON at all is refused as FHIR refuses things.
        response = super().handle_exception(exc)
        data = response.data
        if (
            response.status_code == 400
            and isinstance(data, dict)
            and "resourceType" not in data
        ):
            detail = data.get("detail", "The request is not valid JSON.")
            response.data = operation_outcome([("Bundle", str(detail))])
        return response


def _outcome(issues, status: int) -> Response:
    return Response(operation_outcome(issues), status=status)
