"""The label as the applicant types it on the review page: HTML input validation only."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from certification.models import ApplicationProduct

from .models import LabelReview
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
