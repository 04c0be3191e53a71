"""Forms of the production check: HTML input validation only; the services decide the rules."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from certification.forms.application import DateInput
from certification.models import ApplicationProduct, NormativeDocument

from .models import CleanedObject, CleaningKind, TestKind, WashAgent
from .reference import OPTIONAL_STAGES, STAGE_TITLES


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name() or obj.email
        return f"{name}, {obj.position}" if obj.position else name


class UsersChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.email


class ProgramForm(forms.Form):
    """Annex Д, parts 1–3 and 5."""

    purpose = forms.CharField(
        label=_("1 Purpose of the check"), widget=forms.Textarea(attrs={"rows": 2})
    )
    basis = forms.CharField(
        label=_("2 Basis for the check"), widget=forms.Textarea(attrs={"rows": 2})
    )
    start_date = forms.DateField(label=_("3 The check starts on"), widget=DateInput())
    end_date = forms.DateField(label=_("and ends on"), widget=DateInput())
    normative_documents = forms.ModelMultipleChoiceField(
        label=_("5 Normative documents with the requirements for «Halal» products"),
        queryset=NormativeDocument.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_documents = forms.CharField(
        label=_("Other normative documents"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Designations of documents not in the list, one per line."),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The check cannot end before it starts."))
        return data


class ProgramDatesForm(forms.Form):
    """The head corrects the dates of an approved program (Annex Д, part 3), saying why."""

    start_date = forms.DateField(label=_("The check starts on"), widget=DateInput())
    end_date = forms.DateField(label=_("and ends on"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reason for the change"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class TeamMemberForm(forms.Form):
    """Annex Д, part 4: initials, surname and position of a member of the commission."""

    user = UserChoiceField(label=_("Member"), queryset=User.objects.none())
    position = forms.CharField(
        label=_("Position"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the position from the member's account."),
    )

    def __init__(self, *args, exclude=(), **kwargs):
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(is_active=True).filter(
            Q(role_auditor=True)
            | Q(role_commission=True)
            | Q(role_secretary=True)
            | Q(role_head=True)
        )
        self.fields["user"].queryset = staff.exclude(pk__in=list(exclude))


class StagesForm(forms.Form):
    """Annex Д, part 6: the executors of each stage; stages 3 and 4 may be not needed."""

    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        team = User.objects.filter(check_memberships__production_check=check)
        self.stages = list(check.stages.prefetch_related("executors"))
        for stage in self.stages:
            field = UsersChoiceField(
                label=_("Stage %(number)s: %(title)s")
                % {"number": stage.number, "title": STAGE_TITLES[stage.number]},
                queryset=team,
                required=False,
                initial=[u.pk for u in stage.executors.all()],
            )
            self.fields[f"stage_{stage.number}"] = field
            if stage.number in OPTIONAL_STAGES:
                self.fields[f"needed_{stage.number}"] = forms.BooleanField(
                    label=_("Stage %(number)s is needed") % {"number": stage.number},
                    required=False,
                    initial=stage.needed,
                )

    def stage_data(self) -> dict[int, dict]:
        return {
            stage.number: {
                "executors": list(self.cleaned_data.get(f"stage_{stage.number}") or []),
                "needed": self.cleaned_data.get(f"needed_{stage.number}", True),
            }
            for stage in self.stages
        }


class SamplingActForm(forms.Form):
    """Every field of the act of Annex Е above and below its table."""

    date = forms.DateField(label=_("Date of the act"), widget=DateInput())
    certification_body = forms.CharField(label=_("Accredited certification body"), max_length=500)
    products_location = forms.CharField(
        label=_("Location of the products"), widget=forms.Textarea(attrs={"rows": 2})
    )
    applicant_name = forms.CharField(label=_("Applicant"), max_length=500)
    auditor = UserChoiceField(
        label=_("Expert-auditor who takes the samples"), queryset=User.objects.none()
    )
    representative_name = forms.CharField(
        label=_("In the presence of the applicant's representative (surname, initials)"),
        max_length=200,
    )
    product = forms.ModelChoiceField(
        label=_("Product of the application"),
        queryset=ApplicationProduct.objects.none(),
        required=False,
    )
    product_name = forms.CharField(label=_("Samples of the product"), max_length=500)
    manufacturer = forms.CharField(label=_("Made (supplied) by"), max_length=500)
    control_documents = forms.CharField(
        label=_("For the control of conformity with (normative documents)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    sampling_documents = forms.CharField(
        label=_("Samples taken in accordance with (normative documents)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    external_inspection = forms.CharField(
        label=_("Results of the external inspection"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    identification = forms.CharField(
        label=_("Information on the identification of the products"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    packaging = forms.CharField(
        label=_("Packaging"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    storage_conditions = forms.CharField(
        label=_("Storage conditions and place"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    typical_representatives = forms.BooleanField(
        label=_("Typical representatives of the products are tested (GOST 8.15)"),
        required=False,
    )
    typical_justification = forms.CharField(
        label=_("Justification of the choice of typical representatives"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    applicant_proposals = forms.CharField(
        label=_("Proposals of the applicant on the typical representatives"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["auditor"].queryset = User.objects.filter(
            production_checks=check, role_auditor=True, is_active=True
        )
        self.fields["product"].queryset = check.application.products.all()

    def clean(self):
        data = super().clean()
        if data.get("typical_representatives") and not data.get("typical_justification"):
            self.add_error(
                "typical_justification",
                _("Justify the choice of typical representatives (GOST 8.15)."),
            )
        return data


class SampleForm(forms.Form):
    """A row of the table of Annex Е with the identification features of GOST 8.15."""

    name = forms.CharField(label=_("Name of the sample"), max_length=500)
    manufacturer = forms.CharField(label=_("Manufacturer: name and location"), max_length=500)
    seller = forms.CharField(label=_("Seller: name and location"), max_length=500, required=False)
    barcode = forms.CharField(
        label=_("Barcode (if any)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    unit = forms.CharField(
        label=_("Unit of measure"), max_length=30, help_text=_("For example: kg, pcs, packs.")
    )
    lot_size = forms.DecimalField(label=_("Lot size"), max_digits=14, decimal_places=3, min_value=0)
    quantity = forms.DecimalField(
        label=_("Quantity taken"), max_digits=12, decimal_places=3, min_value=0
    )
    production_date = forms.DateField(label=_("Date of manufacture"), widget=DateInput())
    shelf_life = forms.CharField(
        label=_("Shelf life (storage life)"), max_length=200, required=False
    )
    normative_document = forms.CharField(
        label=_("Normative document for the product"), max_length=300, required=False
    )
    nominal_quantity = forms.CharField(
        label=_("Nominal quantity in a consumer package"), max_length=100, required=False
    )
    package_type = forms.CharField(
        label=_("Kind of package or container"), max_length=200, required=False
    )
    mass_volume = forms.CharField(label=_("Mass (volume)"), max_length=100, required=False)
    other_features = forms.CharField(
        label=_("Other information from the shipping documents or the package"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class DeliveryForm(forms.Form):
    laboratory = forms.CharField(label=_("Accredited testing laboratory"), max_length=500)
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DateInput())


class LabReportForm(forms.Form):
    number = forms.CharField(label=_("Report number"), max_length=100)
    issued_on = forms.DateField(label=_("Report date"), widget=DateInput())
    laboratory = forms.CharField(label=_("Testing laboratory"), max_length=500)
    passed = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("1", _("conforms")), ("0", _("does not conform"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required when the sample does not conform."),
    )
    file = forms.FileField(
        label=_("Report file"), help_text=_("PDF, JPEG, PNG or TIFF; checked by its content.")
    )


class SanitationEntryForm(forms.Form):
    """GOST 7.1: a journal entry; the purification fields of Annex Б apply after haram."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    cleaned = forms.ChoiceField(
        label=_("What was cleaned"),
        choices=CleanedObject.choices,
        initial=CleanedObject.EQUIPMENT,
        widget=forms.RadioSelect,
        required=False,  # equipment, unless told (the service's default)
    )
    equipment = forms.CharField(
        label=_("Equipment, container, vehicle or storage place"),
        max_length=500,
        help_text=_("For a vehicle: its registration number and the load it takes next."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of cleaning"), choices=CleaningKind.choices, widget=forms.RadioSelect
    )
    performers = forms.CharField(
        label=_("Performers (surnames)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    agents = forms.CharField(
        label=_("Detergents and disinfectants"), max_length=500, required=False
    )
    test_kind = forms.ChoiceField(
        label=_("Confirmed by"), choices=TestKind.choices, widget=forms.RadioSelect
    )
    test_result = forms.CharField(label=_("Test result"), max_length=500)
    test_passed = forms.TypedChoiceField(
        label=_("The test is"),
        choices=[("1", _("passed")), ("0", _("failed"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    washes = forms.IntegerField(
        label=_("Number of washes"),
        min_value=0,
        max_value=99,
        required=False,
        help_text=_("Annex Б: seven, the first one removing the haram."),
    )
    wash_agent = forms.ChoiceField(
        label=_("One of the washes with"),
        choices=WashAgent.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    soil_clean = forms.BooleanField(
        label=_("The soil is free of impurities and oils and was not used before"),
        required=False,
    )
    water_natural = forms.BooleanField(label=_("Natural water was used"), required=False)
    water_free_of_haram = forms.BooleanField(label=_("The water is free of haram"), required=False)
    sign = forms.BooleanField(
        label=_("I am the halal controller and sign this entry"),
    )

    PURIFICATION_FIELDS = (
        "washes",
        "wash_agent",
        "soil_clean",
        "water_natural",
        "water_free_of_haram",
    )

    def purification_fields(self):
        return [self[name] for name in self.PURIFICATION_FIELDS]

    def main_fields(self):
        return [
            self[name]
            for name in self.fields
            if name not in self.PURIFICATION_FIELDS and name != "sign"
        ]


# --- the production-check act (GOST 8.16, Annex Ж) ------------------------------------------


def _text(label, *, rows=2, required=False):
    return forms.CharField(
        label=label, widget=forms.Textarea(attrs={"rows": rows}), required=required
    )


class ActHeaderForm(forms.Form):
    """The header of Annex Ж, its initial data, the conclusions and the copies."""

    date = forms.DateField(label=_("Date of the act"), widget=DateInput())
    enterprise_name = forms.CharField(label=_("Name of the enterprise"), max_length=500)
    legal_address = _text(_("Legal address"), required=True)
    production_address = _text(_("Production address"), required=True)
    phone = forms.CharField(label=_("Phone"), max_length=100)
    enterprise_head = forms.CharField(label=_("Head"), max_length=300)
    commission = _text(_("Composition of the commission"), rows=3, required=True)
    representatives = _text(
        _("Representatives of the enterprise responsible for the check"), required=True
    )
    purpose = _text(_("Purpose of the check"), required=True)
    basis = _text(_("Basis for the check"), required=True)
    period_start = forms.DateField(label=_("The check starts on"), widget=DateInput())
    period_end = forms.DateField(label=_("and ends on"), widget=DateInput())
    declared_products = _text(_("Products declared for the right to mark with the «Halal» sign"))
    product_documentation = _text(_("Documentation under which the products are made"))
    serial_certificates = _text(_("Serial certificates of conformity for the products"))
    safety_management_system = _text(
        _("Safety management system of the enterprise (ISO, HACCP etc.)")
    )
    complaints = _text(_("Complaints about the products declared for certification, and other"))
    conclusions = _text(_("Conclusions"), rows=5)
    # GOST 8.16: the conclusion is an explicit choice, required before the act is submitted.
    stable_production = forms.NullBooleanField(
        label=_("Conclusion on the enterprise (GOST 8.16)"),
        widget=forms.RadioSelect(
            choices=[
                ("unknown", _("not decided yet")),
                ("true", _("can steadily produce «Halal» products that meet the standard")),
                ("false", _("cannot steadily produce «Halal» products that meet the standard")),
            ]
        ),
        required=False,
    )
    copy_to_certification_body = forms.BooleanField(
        label=_("A third copy goes to the certification body"), required=False
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The check cannot end before it starts."))
        return data


# The items of a section sit in their own cards, each with its nonconformity and evidence
# forms; their inputs belong to the one section form through the HTML ``form`` attribute.
SECTION_FORM_ID = "section-form"


class SectionForm(forms.Form):
    """One section of the act: per item a result, a comment and the revision it was read at."""

    def __init__(self, *args, results, **kwargs):
        from .models import ItemStatus

        super().__init__(*args, **kwargs)
        self.results = list(results)
        for result in self.results:
            pk = result.item_id
            self.fields[f"result-{pk}"] = forms.ChoiceField(
                label=_("Result"),
                choices=ItemStatus.choices,
                initial=result.result,
                widget=forms.RadioSelect(attrs={"form": SECTION_FORM_ID}),
            )
            self.fields[f"comment-{pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                initial=result.comment,
                widget=forms.Textarea(attrs={"rows": 2, "form": SECTION_FORM_ID}),
            )
            self.fields[f"revision-{pk}"] = forms.IntegerField(
                initial=result.revision, widget=forms.HiddenInput(attrs={"form": SECTION_FORM_ID})
            )

    def entries(self) -> list[dict]:
        return [
            {
                "item": result.item_id,
                "result": self.cleaned_data[f"result-{result.item_id}"],
                "comment": self.cleaned_data[f"comment-{result.item_id}"],
                "revision": self.cleaned_data[f"revision-{result.item_id}"],
            }
            for result in self.results
        ]

    def rows(self):
        """(result, result field, comment field, revision field) per item, for the template."""
        for result in self.results:
            pk = result.item_id
            yield (
                result,
                self[f"result-{pk}"],
                self[f"comment-{pk}"],
                self[f"revision-{pk}"],
            )


class NonconformityForm(forms.Form):
    """GOST 8.16: a nonconformity with its severity and, unless corrected during the check,
    a deadline."""

    description = forms.CharField(
        label=_("Nonconformity"), widget=forms.Textarea(attrs={"rows": 2})
    )
    severity = forms.ChoiceField(label=_("Severity"), choices=[])
    fixed_on_spot = forms.BooleanField(label=_("Corrected during the check"), required=False)
    deadline = forms.DateField(
        label=_("To be corrected by"),
        widget=DateInput(),
        required=False,
        help_text=_("Required unless the nonconformity was corrected during the check."),
    )

    def __init__(self, *args, **kwargs):
        from .models import Severity

        super().__init__(*args, **kwargs)
        self.fields["severity"].choices = Severity.choices
        self.fields["severity"].initial = Severity.MAJOR


class ActEvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Photo or document"),
        help_text=_("JPEG, PNG, TIFF or PDF; checked by its content."),
    )
    description = forms.CharField(label=_("What it shows"), max_length=300, required=False)


class ActReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the act goes back to the draft"), widget=forms.Textarea(attrs={"rows": 2})
    )
