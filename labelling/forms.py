"""The label as the applicant types it on the review page: HTML input validation only."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from certification.models import ApplicationProduct

from .models import CompositionItem, LabelReview
from .review import Label


class LabelForm(forms.ModelForm):
    product = forms.ModelChoiceField(
        label=_("Save to the product"),
        queryset=ApplicationProduct.objects.none(),
        required=False,
        help_text=_("A product of your application: the commission then sees this review."),
    )
    image = forms.FileField(
        label=_("Label image"),
        required=False,
        help_text=_("PDF, JPEG, PNG or TIFF, kept with the saved review."),
    )

    class Meta:
        model = LabelReview
        fields = [
            "name",
            "ingredients",
            "statements",
            "language",
            "alcohol_percent",
            "alcohol_source",
            "gmo",
            "fish",
            "sign_diameter_mm",
            "sign_print_method",
            "certificate_number",
            "label_date",
        ]
        widgets = {
            "ingredients": forms.Textarea(attrs={"rows": 5}),
            "statements": forms.Textarea(attrs={"rows": 2}),
            "label_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "ingredients": _("As printed: «Состав: …», ingredients separated by commas."),
            "statements": _("Other statements: GMO, «произведено из рыбы»…"),
            "label_date": _("The day the label is used; today if empty (GOST 8.6)."),
        }

    def __init__(self, *args, products=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = "ru"
        self.fields["alcohol_percent"].validators += [MinValueValidator(0), MaxValueValidator(100)]
        self.fields["sign_diameter_mm"].validators += [MinValueValidator(0)]
        if products is None:
            del self.fields["product"], self.fields["image"]
        else:
            self.fields["product"].queryset = products

    def to_label(self) -> Label:
        return Label.from_data(self.cleaned_data)


class CompositionForm(forms.Form):
    text = forms.CharField(
        label=_("Ingredients in order"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("As on the label or the recipe, separated by commas (GOST 8.8)."),
    )


class EvidenceForm(forms.ModelForm):
    document = forms.FileField(
        label=_("Conformity document"),
        required=False,
        help_text=_("The supplier's halal certificate or declaration: PDF, JPEG, PNG or TIFF."),
    )

    class Meta:
        model = CompositionItem
        fields = ["supplier", "species", "halal_slaughter", "ethanol_source", "ethanol_percent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ethanol_percent"].validators += [MinValueValidator(0), MaxValueValidator(100)]
        item = self.instance
        if not item.animal_derived:
            del self.fields["species"], self.fields["halal_slaughter"]
        if not item.uses_ethanol:
            del self.fields["ethanol_source"], self.fields["ethanol_percent"]


class ResolveForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("accept")), ("reject", _("do not accept"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
