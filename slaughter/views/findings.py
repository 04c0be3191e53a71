"""The answer to a deviation of the enterprise's slaughter journal, given in the context of an
application by its commission or its check's auditor (GOST 8.16, 8.17)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from certification.selectors import application_list_for
from halal_portal.forms import add_validation_errors

from .. import selectors, services
from ..forms import FindingAnswerForm
from ..permissions import can_answer


@login_required
def finding_answer(request: HttpRequest, app_pk: int, finding_pk: int) -> HttpResponse:
    application = get_object_or_404(application_list_for(request.user), pk=app_pk)
    finding = get_object_or_404(selectors.findings_of(application.organization), pk=finding_pk)
    if not can_answer(finding, application, request.user):
        raise PermissionDenied
    form = FindingAnswerForm(request.POST or None, application=application)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.finding_answer(
                    finding=finding, application=application, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("The deviation is answered."))
                return redirect(application)
    context = {"application": application, "finding": finding, "form": form}
    return render(request, "slaughter/finding_answer.html", context, status=status)
