"""Form helpers shared by every app."""

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def add_validation_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside its field when it names one of the
    form's fields, above the form otherwise."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
