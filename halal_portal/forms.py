"""Form helpers shared by every app."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseForm

# The file types halal_portal/uploads.py accepts, offered by the browser's file chooser.
ACCEPT = ".pdf,.jpg,.jpeg,.png,.tif,.tiff"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; their content is checked by the service, one by one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            if data:
                return [single(item, initial) for item in data]
            data = None
        cleaned = single(data, initial)  # an empty field is refused here when it is required
        return [cleaned] if cleaned else []


def add_validation_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside its field when it names one of the
    form's fields, above the form otherwise."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
