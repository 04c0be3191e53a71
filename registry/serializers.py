"""The registry API's documents: only the fields the certificate itself shows, named one by one
(no ``fields = "__all__"``); tests/registry checks the payloads against this whitelist."""

from rest_framework import serializers

from certification.models import CertificateEvent, CertificateStatus

from .cards import public_url
from .queries import RegistryQuery, parse_query
from .selectors import MATCH_LIMIT

STATUS_HELP = "As of today: a certificate past its end date is expired (GOST 8.6)."


class RegistryCategorySerializer(serializers.Serializer):
    code = serializers.CharField()
    name_ru = serializers.CharField()
    name_en = serializers.CharField()


class RegistryProtocolSerializer(serializers.Serializer):
    """The commission protocol a decision refers to (Л.4.5): its number and date only."""

    number = serializers.IntegerField()
    date = serializers.DateField()


class RegistryCertificateSerializer(serializers.Serializer):
    """A certificate in the list (a Certificate of selectors.registry_list)."""

    number = serializers.CharField(help_text="Л.4.1: ХП.00001")
    url = serializers.SerializerMethodField(help_text="The public page (the QR target).")
    status = serializers.ChoiceField(
        source="public_status", choices=CertificateStatus.choices, help_text=STATUS_HELP
    )
    status_since = serializers.DateTimeField(source="status_changed_at")
    valid_from = serializers.DateField()
    valid_to = serializers.DateField()
    manufacturer_name = serializers.CharField()
    manufacturer_address = serializers.CharField()
    manufacturer_country = serializers.CharField()
    product_type = serializers.CharField()
    category = RegistryCategorySerializer(allow_null=True)

    def get_url(self, certificate) -> str:
        return public_url(certificate.number)


# The detail serializes a CertificateCard (cards.py): the certificate's public record as of
# today.


class RegistryProductSerializer(serializers.Serializer):
    name = serializers.CharField()
    category = serializers.CharField(help_text="A product category code.")
    normative_document = serializers.CharField(
        source="designation", help_text="Its designation, e.g. ГОСТ 6478-2017."
    )
    batch = serializers.CharField(
        source="batch_text", help_text="The batch, or «серийное производство»."
    )


class RegistryAnnexSerializer(serializers.Serializer):
    """«Приложение № N к сертификату» (GOST 8.18, Л.5–Л.8) with the products it adds."""

    number = serializers.IntegerField()
    issued_at = serializers.DateTimeField()
    protocol = RegistryProtocolSerializer(allow_null=True)
    products = RegistryProductSerializer(many=True)
    pdf_url = serializers.URLField(
        source="pdf.url",
        allow_null=True,
        help_text="The annex's registered PDF; null while it is being prepared.",
    )
    sha256 = serializers.CharField(
        source="pdf.sha256", allow_null=True, help_text="The SHA-256 of that PDF (hex)."
    )


class RegistryEventSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CertificateEvent.Kind.choices)
    status = serializers.ChoiceField(choices=CertificateStatus.choices, help_text="Status after.")
    at = serializers.DateTimeField()
    protocol = RegistryProtocolSerializer(allow_null=True)
    annex = serializers.IntegerField(
        allow_null=True, help_text="The number of the annex an «annex» event issued."
    )


class RegistryCertificateDetailSerializer(serializers.Serializer):
    """One certificate: what the certificate itself shows, its annexes and its history."""

    number = serializers.CharField(help_text="Л.4.1: ХП.00001")
    url = serializers.URLField(help_text="The public page (the QR target).")
    status = serializers.ChoiceField(choices=CertificateStatus.choices, help_text=STATUS_HELP)
    status_since = serializers.DateTimeField()
    status_protocol = RegistryProtocolSerializer(
        allow_null=True, help_text="The decision that set the current status."
    )
    valid_from = serializers.DateField()
    valid_to = serializers.DateField()
    manufacturer_name = serializers.CharField()
    manufacturer_address = serializers.CharField()
    manufacturer_country = serializers.CharField()
    product_type = serializers.CharField(allow_blank=True)
    category = RegistryCategorySerializer(allow_null=True)
    basis = RegistryProtocolSerializer(allow_null=True, help_text="Л.4.5")
    head_name = serializers.CharField(help_text="Л.4.6")
    pdf_url = serializers.URLField(
        source="pdf.url",
        allow_null=True,
        help_text="The registered PDF of the certificate (Annex К); null while it is being "
        "prepared.",
    )
    sha256 = serializers.CharField(
        source="pdf.sha256",
        allow_null=True,
        help_text="The SHA-256 of that PDF (hex): a copy with another digest is not the "
        "registered one (POST .../verify/ checks a file).",
    )
    products = RegistryProductSerializer(many=True, help_text="Listed on the certificate itself.")
    annexes = RegistryAnnexSerializer(many=True)
    events = RegistryEventSerializer(many=True)


class RegistryVerifyInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="The PDF to check; at most REGISTRY_VERIFY_MAX_MB (20 MB by default). It is "
        "hashed as it arrives and never stored."
    )


class RegistryVerifySerializer(serializers.Serializer):
    """Whether an uploaded file is the registered PDF of the certificate or of an annex."""

    number = serializers.CharField(help_text="The certificate checked against.")
    match = serializers.BooleanField(
        help_text="True: the file is a registered PDF of this certificate, byte for byte or "
        "by the body's signature (see matched_by)."
    )
    matched_by = serializers.ChoiceField(
        choices=["sha256", "signature"],
        allow_null=True,
        help_text="sha256: the very file registered; signature: a copy carrying the body's "
        "valid, intact electronic signature (PAdES) for this certificate.",
    )
    document = serializers.ChoiceField(
        choices=["certificate", "annex"],
        allow_null=True,
        help_text="Which PDF it is, when it matches.",
    )
    annex = serializers.IntegerField(allow_null=True, help_text="The annex's number.")
    sha256 = serializers.CharField(help_text="The SHA-256 of the uploaded file (hex).")
    size = serializers.IntegerField(help_text="Its size in bytes.")
    message = serializers.CharField(help_text="The answer in words, in the request's language.")


class RegistryQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="A certificate number in any spelling (XP.00001, хп 1) or at least three "
        "characters of a manufacturer, product type or product. A text that matches more than "
        f"{MATCH_LIMIT} certificates lists only some of them: narrow it (the CSV "
        "export at /registry/export.csv?q=... has every match).",
    )
    status = serializers.ChoiceField(choices=CertificateStatus.choices, required=False)
    category = serializers.SlugField(required=False, help_text="A product category code.")
    country = serializers.CharField(
        required=False, max_length=100, help_text="The manufacturer's country, exactly."
    )

    def validate_q(self, value: str) -> RegistryQuery:
        query = parse_query(value)
        if query.error:
            raise serializers.ValidationError(query.error)
        return query
