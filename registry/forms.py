from django import forms
from django.utils.translation import gettext_lazy

from certification.models import CertificateStatus

from .selectors import registry_choices


class RegistrySearchForm(forms.Form):
    """Validates the query string; templates/registry/search.html writes the fields out by hand
    (a select's options rendered one template each would cost more than the search)."""

    q = forms.CharField(
        label=gettext_lazy("Certificate number, manufacturer or product"),
        required=False,
        max_length=200,
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status")), *CertificateStatus.choices],
    )
    category = forms.ChoiceField(label=gettext_lazy("Product category"), required=False)
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = registry_choices()
        self.categories, self.countries = choices.categories, choices.countries
        self.fields["category"].choices = [("", ""), *((c.code, c.code) for c in self.categories)]
        self.fields["country"].choices = [("", ""), *((c, c) for c in self.countries)]

    def options(self) -> dict[str, list[tuple[str, str, bool]]]:
        """(value, label, selected) of each select, worked out here rather than in a template
        loop that would look the request's value up once per option."""
        data = self.data if self.is_bound else {}

        def marked(name, pairs):
            chosen = data.get(name, "")
            return [(value, label, value == chosen) for value, label in pairs]

        return {
            "status": marked("status", CertificateStatus.choices),
            "category": marked("category", ((c.code, str(c)) for c in self.categories)),
            "country": marked("country", ((c, c) for c in self.countries)),
        }

    def filters(self) -> dict:
        data = self.cleaned_data
        return {name: data.get(name) or "" for name in ("status", "category", "country")}
