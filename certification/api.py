"""REST API for applicants' own applications and their dossier (GOST 8.7–8.9)."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from accounts.models import Organization
from halal_portal.downloads import file_download

from . import rules, selectors, services
from .models import Application, ApplicationProduct, DocumentType, DossierFile


class ProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApplicationProduct
        fields = [
            "id",
            "name",
            "category",
            "normative_document",
            "serial_production",
            "batch_number",
            "batch_date",
            "batch_size",
        ]


class DossierFileSerializer(serializers.ModelSerializer):
    document_type = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = DossierFile
        fields = [
            "id",
            "document_type",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "version",
            "uploaded_at",
        ]


class MissingSerializer(serializers.Serializer):
    text = serializers.CharField()
    clause = serializers.CharField()
    step = serializers.CharField()


class ApplicationSerializer(serializers.ModelSerializer):
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    products = ProductSerializer(many=True, read_only=True)
    missing = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "number",
            "organization",
            "state",
            "state_display",
            "state_changed_at",
            "org_name",
            "legal_address",
            "country",
            "bank_details",
            "tax_id",
            "phone",
            "fax",
            "head_name",
            "chief_accountant_name",
            "standard",
            "undertakings_accepted",
            "contact_person",
            "contact_phone",
            "products",
            "missing",
            "created_at",
            "submitted_at",
        ]
        read_only_fields = ["number", "state", "state_changed_at", "created_at", "submitted_at"]
        # Prefilled from the organization on create (Annex Г part 1); each may be changed later.
        extra_kwargs = {
            name: {"required": False}
            for name in (
                "org_name",
                "legal_address",
                "country",
                "bank_details",
                "tax_id",
                "phone",
                "head_name",
            )
        }

    @extend_schema(responses=MissingSerializer(many=True))
    def get_missing(self, application) -> list[dict]:
        return [vars(m) for m in rules.missing_requirements(application)]

    def validate_organization(self, organization: Organization) -> Organization:
        user = self.context["request"].user
        if not organization.membership_set.filter(user=user).exists():
            raise serializers.ValidationError("Not found.")
        return organization


class UploadSerializer(serializers.Serializer):
    document_type = serializers.SlugRelatedField(
        slug_field="code", queryset=DocumentType.objects.filter(signed_online=False)
    )
    file = serializers.FileField()
    replaces = serializers.IntegerField(required=False)


def _raise_as_drf(error: ValidationError):
    if hasattr(error, "error_dict"):
        raise serializers.ValidationError(error.message_dict) from error
    raise serializers.ValidationError({"detail": error.messages}) from error


class ApplicationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The applicant's own applications. Others' applications do not exist here (404)."""

    queryset = Application.objects.none()  # for the schema; get_queryset scopes to the user
    serializer_class = ApplicationSerializer
    filterset_fields = ["state"]

    def get_queryset(self):
        return selectors.application_list_own(self.request.user).prefetch_related("products")

    def perform_create(self, serializer):
        application = services.application_create(
            organization=serializer.validated_data["organization"], by=self.request.user
        )
        data = {k: v for k, v in serializer.validated_data.items() if k != "organization"}
        if data:
            application = services.application_update(
                application=application, by=self.request.user, data=data
            )
        serializer.instance = application

    def perform_update(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if k != "organization"}
        try:
            serializer.instance = services.application_update(
                application=serializer.instance, by=self.request.user, data=data
            )
        except ValidationError as error:
            _raise_as_drf(error)

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit (or resubmit) the application: 409 while something is missing."""
        application = self.get_object()
        missing = rules.missing_requirements(application)
        if missing and application.is_editable:
            return Response(
                {"detail": [str(m) for m in missing], "missing": [vars(m) for m in missing]},
                status=status.HTTP_409_CONFLICT,
            )
        application = services.application_submit(application=application, by=request.user)
        return Response(self.get_serializer(application).data)

    @extend_schema(request=ProductSerializer, responses=ProductSerializer)
    @action(detail=True, methods=["post"])
    def products(self, request, pk=None):
        application = self.get_object()
        serializer = ProductSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            product = services.product_save(
                application=application, by=request.user, data=serializer.validated_data
            )
        except ValidationError as error:
            _raise_as_drf(error)
        return Response(ProductSerializer(product).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], request=None, responses=DossierFileSerializer(many=True))
    @extend_schema(methods=["post"], request=UploadSerializer, responses=DossierFileSerializer)
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[MultiPartParser, FormParser, JSONParser],
    )
    def documents(self, request, pk=None):
        """The current dossier files; POST uploads one (checked by content, GOST 8.8)."""
        application = self.get_object()
        if request.method == "GET":
            files = selectors.current_files(application)
            return Response(DossierFileSerializer(files, many=True).data)
        serializer = UploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        replaces = None
        if serializer.validated_data.get("replaces"):
            replaces = get_object_or_404(
                DossierFile, pk=serializer.validated_data["replaces"], application=application
            )
        try:
            dossier_file = services.dossier_file_add(
                application=application,
                document_type=serializer.validated_data["document_type"],
                upload=serializer.validated_data["file"],
                by=request.user,
                replaces=replaces,
            )
        except ValidationError as error:
            _raise_as_drf(error)
        return Response(DossierFileSerializer(dossier_file).data, status=status.HTTP_201_CREATED)


class DocumentViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Dossier files of applications the user may see; ``download`` streams the bytes."""

    queryset = DossierFile.objects.none()  # for the schema; get_queryset scopes to the user
    serializer_class = DossierFileSerializer

    def get_queryset(self):
        return selectors.dossier_file_list_for(self.request.user)

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        dossier_file = self.get_object()
        return file_download(dossier_file)
