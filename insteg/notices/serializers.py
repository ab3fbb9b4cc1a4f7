"""The notices API's shapes. Public and supplier serializers have no field that could name an asker or a registrant;
only the Staff* serializers carry `asking_organisation`, `asked_by` and the interested suppliers.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from insteg.api.filtering import ListQuery, ordering_field
from insteg.notices import access, services
from insteg.notices.models import (
    MAX_ANSWER_LENGTH,
    MAX_QUESTION_LENGTH,
    Answer,
    DeadlineExtension,
    InterestedSupplier,
    Question,
)
from insteg.procurement import documents
from insteg.procurement.models import Procurement, SocialRequirement, Theme, validate_plausible_date
from insteg.procurement.serializers import LotSerializer
from insteg.rules.models import ContractType

# --- Notices (public) -----------------------------------------------------------------------------------------


class NoticeQuerySerializer(serializers.Serializer):
    """The notice list's filters, as query parameters; all optional."""

    contract_type = serializers.ChoiceField(choices=ContractType.choices, required=False)
    theme = serializers.ChoiceField(
        choices=Theme.choices, required=False, help_text="Only notices with a social requirement of this theme."
    )
    open = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="`true`: still taking tenders; `false`: closed."
    )
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Words in the title, reference or description."
    )


class NoticeRequirementSerializer(serializers.ModelSerializer):
    criterion = serializers.CharField(source="criterion.code")
    title_sv = serializers.CharField(source="criterion.title_sv")
    title_en = serializers.CharField(source="criterion.title_en")
    level = serializers.CharField(source="criterion.level")

    class Meta:
        model = SocialRequirement
        fields = ["criterion", "title_sv", "title_en", "level"]


class NoticeSerializer(serializers.ModelSerializer):
    """A published procurement as a bidder sees it: the dates that matter and the social requirements in brief."""

    buyer = serializers.CharField(source="organisation.name")
    answers_due_by = serializers.SerializerMethodField()
    open = serializers.SerializerMethodField()
    social_requirements = NoticeRequirementSerializer(source="requirements", many=True)
    summary_sv = serializers.SerializerMethodField()
    summary_en = serializers.SerializerMethodField()

    class Meta:
        model = Procurement
        fields = [
            "id",
            "reference",
            "title",
            "buyer",
            "contract_type",
            "procedure",
            "tender_deadline",
            "question_deadline",
            "answers_due_by",
            "status",
            "open",
            "social_requirements",
            "summary_sv",
            "summary_en",
        ]

    def get_answers_due_by(self, procurement) -> str | None:
        due = services.answers_due_by(procurement)
        return due.isoformat() if due else None

    def get_open(self, procurement) -> bool:
        return services.is_open(procurement)

    def get_summary_sv(self, procurement) -> str:
        return documents.public_summary(procurement, "sv")

    def get_summary_en(self, procurement) -> str:
        return documents.public_summary(procurement, "en")


class DeadlineExtensionSerializer(serializers.ModelSerializer):
    previous = serializers.DateField(source="previous_deadline", read_only=True)
    new = serializers.DateField(source="new_deadline", read_only=True)
    decided_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = DeadlineExtension
        fields = ["previous", "new", "decided_at"]


# --- Answers ----------------------------------------------------------------------------------------------------


# `kind` and `status` are plain strings with their values in the help text, not enums: the schema already has
# other enums by these names (organisation kind, procurement status), and one name must mean one set of values.
KIND_HELP = "`answer` (to suppliers' questions) or `clarification` (on the buyer's own initiative)."


def _one_of(values):
    def validate(value):
        if value not in values:
            raise serializers.ValidationError(
                _("Choose one of: %(values)s.") % {"values": ", ".join(values)}, code="invalid_choice"
            )

    return validate


class AnswerSerializer(serializers.ModelSerializer):
    """A published answer as everyone sees it: the neutral wording only, never who asked."""

    kind = serializers.CharField(read_only=True, help_text=KIND_HELP)

    question = serializers.CharField(source="public_question")
    answer = serializers.CharField(source="text")
    lot = serializers.IntegerField(source="lot.number", allow_null=True, default=None)
    requirement = serializers.IntegerField(source="requirement_id", allow_null=True)
    criterion = serializers.CharField(source="requirement.criterion.code", allow_null=True, default=None)
    corrects = serializers.IntegerField(source="corrects.number", allow_null=True, default=None)
    corrected_by = serializers.SerializerMethodField()

    class Meta:
        model = Answer
        fields = [
            "id",
            "number",
            "kind",
            "question",
            "answer",
            "lot",
            "requirement",
            "criterion",
            "published_at",
            "corrects",
            "corrected_by",
        ]

    def get_corrected_by(self, answer) -> int | None:
        """The number of the published correction; a draft correction is not news to anyone yet."""
        correction = getattr(answer, "correction", None)
        return correction.number if correction is not None and correction.is_published else None


class StaffAnswerSerializer(AnswerSerializer):
    # Everyone else reads an answer without these (the OpenAPI document marks them optional).
    for_some_readers = ("status", "significant_change", "late_reason", "questions", "created_at")

    status = serializers.CharField(read_only=True, help_text="`draft` or `published`.")
    questions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta(AnswerSerializer.Meta):
        fields = [
            *AnswerSerializer.Meta.fields,
            "status",
            "significant_change",
            "late_reason",
            "questions",
            "created_at",
        ]


class NoticeDetailSerializer(NoticeSerializer):
    lots = LotSerializer(many=True)
    answers = serializers.SerializerMethodField()
    deadline_extensions = DeadlineExtensionSerializer(many=True)

    class Meta(NoticeSerializer.Meta):
        fields = [*NoticeSerializer.Meta.fields, "lots", "answers", "deadline_extensions"]

    @extend_schema_field(AnswerSerializer(many=True))
    def get_answers(self, procurement):
        return AnswerSerializer(access.published_answers(procurement), many=True).data


class _AnswerWrite(serializers.Serializer):
    public_question = serializers.CharField(
        max_length=MAX_QUESTION_LENGTH, help_text="Neutral wording that does not reveal who asked."
    )
    text = serializers.CharField(max_length=MAX_ANSWER_LENGTH)
    significant_change = serializers.BooleanField(required=False, default=False)


class AnswerCreateSerializer(_AnswerWrite):
    kind = serializers.CharField(
        required=False, default=Answer.Kind.ANSWER, validators=[_one_of(Answer.Kind.values)], help_text=KIND_HELP
    )
    questions = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        default=list,
        max_length=200,
        help_text="Ids of the questions this answers (several: merged duplicates).",
    )
    lot = serializers.IntegerField(min_value=1, required=False, allow_null=True, help_text="Lot number.")
    requirement = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="Id of the social requirement."
    )


class AnswerChangeSerializer(serializers.Serializer):
    public_question = serializers.CharField(max_length=MAX_QUESTION_LENGTH, required=False)
    text = serializers.CharField(max_length=MAX_ANSWER_LENGTH, required=False)
    significant_change = serializers.BooleanField(required=False)
    late_reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    lot = serializers.IntegerField(min_value=1, required=False, allow_null=True, help_text="Lot number.")
    requirement = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="Id of the social requirement."
    )


class CorrectionSerializer(_AnswerWrite):
    pass


class PublishSerializer(serializers.Serializer):
    extend_to = serializers.DateField(
        required=False,
        allow_null=True,
        validators=[validate_plausible_date],
        help_text="Extend the tender deadline to this day (needed for a late answer or a significant change).",
    )
    late_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Instead of extending: why a late answer does not affect the preparation of tenders.",
    )


# --- Questions --------------------------------------------------------------------------------------------------


class QuestionCreateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_QUESTION_LENGTH)
    lot = serializers.IntegerField(min_value=1, required=False, allow_null=True, help_text="Lot number.")
    requirement = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="Id of the social requirement asked about."
    )


class ReceiptSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = ["id", "received_at", "in_good_time"]


class OwnQuestionSerializer(serializers.ModelSerializer):
    """A supplier's own question: the text and where it stands, nothing about anyone else."""

    lot = serializers.IntegerField(source="lot.number", allow_null=True, default=None)
    requirement = serializers.IntegerField(source="requirement_id", allow_null=True)
    status = serializers.CharField(read_only=True, help_text="`received` or `answered`.")
    answer = serializers.SerializerMethodField(help_text="Id of the published answer, once there is one.")

    class Meta:
        model = Question
        fields = ["id", "text", "lot", "requirement", "received_at", "in_good_time", "status", "answer"]

    def get_answer(self, question) -> int | None:
        answer = question.answer
        return answer.pk if answer is not None and answer.is_published else None


class OrganisationNameSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class StaffQuestionSerializer(OwnQuestionSerializer):
    """For the buyer's staff only: who asked."""

    for_some_readers = ("asking_organisation", "asked_by")  # the supplier who asked reads its question without them
    asking_organisation = OrganisationNameSerializer()
    asked_by = serializers.CharField(source="asked_by.username")
    answer = serializers.IntegerField(source="answer_id", allow_null=True, help_text="Id of the answer, draft or not.")

    class Meta(OwnQuestionSerializer.Meta):
        fields = [*OwnQuestionSerializer.Meta.fields, "asking_organisation", "asked_by"]


# --- Interested suppliers and deadlines -------------------------------------------------------------------------


class InterestSerializer(serializers.ModelSerializer):
    organisation = OrganisationNameSerializer(read_only=True)
    contact_email = serializers.EmailField(max_length=254)
    registered_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = InterestedSupplier
        fields = ["organisation", "contact_email", "registered_at"]


class InterestPageSerializer(serializers.Serializer):
    """The buyer's staff's answer: one page of registrations, in contract.md's list shape."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = InterestSerializer(many=True)


class ExtensionCreateSerializer(serializers.Serializer):
    new_deadline = serializers.DateField(validators=[validate_plausible_date])


class QuestionQuery(ListQuery):
    """`GET /procurements/{id}/questions`' filters and ordering."""

    status = serializers.ChoiceField(choices=Question.Status.choices, required=False)
    in_good_time = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="`false`: only those asked after the question deadline.",
    )
    ordering = ordering_field({"received_at": ("received_at",)}, default="received_at")

    lookups = {"status": "status", "in_good_time": "in_good_time"}


class NoticeOrdering(ListQuery):
    """`GET /notices`' ordering (its filters are NoticeQuerySerializer's)."""

    ordering = ordering_field(
        {"tender_deadline": ("tender_deadline",), "published": ("published_at",), "title": ("title",)},
        default="-published",
    )
