"""What the app's pages share: an action posted from a record's page, and a stored file."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from halal_portal.forms import add_validation_errors


def act_on(
    request: HttpRequest,
    form,
    action: Callable[[dict], object],
    *,
    done: str,
    again: Callable[[object], HttpResponse],
) -> HttpResponse:
    """Run ``action(form.cleaned_data)`` and go to ``done``; a refusal shows the page again
    (``again(form)``, status 400) with the message beside the typed input."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        except TransitionNotAllowed:
            form.add_error(None, _("This action is not allowed in the current state."))
        else:
            messages.success(request, _("Saved."))
            return redirect(done)
    return again(form)


def stored_file(field, **kwargs) -> FileResponse:
    try:
        handle = field.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(handle, **kwargs)
