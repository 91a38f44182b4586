"""The API's shapes. These parse (types, lengths, choices); every rule about
a referral is the service's (cases.services.referral_validate), so the form
and the API refuse the same things with the same messages."""

from rest_framework import serializers

from cases.forms import PERSON_FIELDS, REFERRAL_FIELDS
from cases.models import DischargeCase, Locality, Pathway, Person, Referral
from cases.validators import nhs_number_normalise, postcode_normalise
from pathways.models import ReablementStart

# A reablement start's and a placement's statuses (the same choices).
ARRANGEMENT_STATUSES = ReablementStart.Status.choices

# The form's fields, and where the person lived and the care they had.
REFERRAL_API_FIELDS = list(
    dict.fromkeys(
        [
            *REFERRAL_FIELDS,
            "usual_residence",
            "existing_support",
            "existing_support_details",
        ]
    )
)


class NhsNumberField(serializers.CharField):
    def to_internal_value(self, data):
        return nhs_number_normalise(super().to_internal_value(data))


class PostcodeField(serializers.CharField):
    def to_internal_value(self, data):
        return postcode_normalise(super().to_internal_value(data))


class PersonSerializer(serializers.ModelSerializer):
    nhs_number = NhsNumberField(
        max_length=14, help_text="10 digits, with or without spaces."
    )
    postcode = PostcodeField(max_length=10)
    locality = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Locality.objects.all(),
        required=False,
        allow_null=True,
        help_text="The locality's code; left out, it is taken from the postcode.",
    )

    class Meta:
        model = Person
        fields = PERSON_FIELDS


class ReferralSerializer(serializers.ModelSerializer):
    class Meta:
        model = Referral
        fields = REFERRAL_API_FIELDS


class ReferralCreateSerializer(serializers.Serializer):
    """A referral from the ward: who the person is, and the referral."""

    person = PersonSerializer()
    referral = ReferralSerializer()


class ReferralStatusSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField(help_text="The hub's reference, DC-00042.")
    status = serializers.ChoiceField(choices=DischargeCase.Outcome.choices)
    stage = serializers.CharField(
        help_text="The step(s) the hub is working on, or how the case ended."
    )
    pathway = serializers.ChoiceField(choices=Pathway.choices, allow_null=True)
    pathway_label = serializers.CharField(allow_blank=True)
    locality = serializers.CharField()
    received_at = serializers.DateTimeField()
    discharge_ready_date = serializers.DateField(allow_null=True)
    delay_days = serializers.IntegerField(
        allow_null=True,
        help_text="Days in hospital after the discharge ready date (none "
        "without a date).",
    )
    expected_start = serializers.DateField(
        allow_null=True,
        help_text="When reablement (pathway 1) or the placement (2, 3) starts, "
        "once the provider or setting agreed it (none while only offered).",
    )
    arrangement_status = serializers.ChoiceField(
        choices=ARRANGEMENT_STATUSES,
        allow_blank=True,
        help_text="The reablement start or placement: offered (waiting for the "
        "provider's or setting's answer), agreed, or declined, expired or "
        "cancelled (the hub arranges another); blank before one is arranged.",
    )
    closed_because = serializers.CharField(allow_blank=True)
    meets_criteria_to_reside = serializers.BooleanField()


class WithdrawSerializer(serializers.Serializer):
    closed_because = serializers.ChoiceField(
        choices=DischargeCase.ClosedBecause.choices,
        help_text="died, readmitted, not_needed, ...",
    )
    reason = serializers.CharField(max_length=2000)


class DischargeReadyDateSerializer(serializers.Serializer):
    discharge_ready_date = serializers.DateField()
    reason = serializers.CharField(max_length=2000)


class CriteriaToResideSerializer(serializers.Serializer):
    meets = serializers.BooleanField(
        help_text="True: the person again meets the criteria to reside in "
        "hospital (the discharge ready date is cleared)."
    )
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class FieldErrorsSerializer(serializers.Serializer):
    """Every field at fault, each with its messages; nested for person and
    referral; `non_field_errors` for the referral as a whole."""

    person = serializers.DictField(child=serializers.ListField(), required=False)
    referral = serializers.DictField(child=serializers.ListField(), required=False)
    non_field_errors = serializers.ListField(required=False)
