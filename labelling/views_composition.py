"""The composition of an application's products (GOST 6, 8.8): the applicant declares the
ingredients and their evidence; the commission sees, per product, the haram and doubtful ones
with their evidence and resolves each (8.10, 8.11)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from certification.models import EDITABLE_STATES
from certification.selectors import application_list_for
from halal_portal.forms import add_validation_errors

from .forms import CompositionForm, EvidenceForm, ResolveForm
from .models import CompositionItem
from .services import composition as services
from .views import private_file


@login_required
def composition(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(application_list_for(request.user), pk=pk)
    user = request.user
    editable = application.state in EDITABLE_STATES and (
        application.organization.membership_set.filter(user=user).exists()
    )
    resolving = application.state in services.REVIEW_STATES and (
        application.commission_members.filter(pk=user.pk).exists()
    )
    bound = {}
    if request.method == "POST":
        response, bound = _post(request, application, editable, resolving)
        if response is not None:
            return response
    products = []
    for product in application.products.prefetch_related("composition__ingredient"):
        items = []
        for item in product.composition.all():
            items.append(
                {
                    "item": item,
                    "evidence": bound.get(("evidence", item.pk))
                    or (
                        EvidenceForm(instance=item, prefix=f"item-{item.pk}") if editable else None
                    ),
                    "resolve": bound.get(("resolve", item.pk))
                    or (
                        ResolveForm(prefix=f"resolve-{item.pk}")
                        if resolving and item.resolution == "pending"
                        else None
                    ),
                }
            )
        text = ", ".join(item.text for item in product.composition.all())
        form = bound.get(("text", product.pk)) or (
            CompositionForm(initial={"text": text}, prefix=f"product-{product.pk}")
            if editable
            else None
        )
        products.append({"product": product, "items": items, "form": form})
    context = {"application": application, "products": products, "editable": editable}
    return render(request, "labelling/composition.html", context, status=400 if bound else 200)


def _post(request, application, editable: bool, resolving: bool):
    """One action of the page; a refused one comes back with its form bound (nothing lost)."""
    action, target = request.POST.get("action", ""), request.POST.get("target", "")
    if action == "text" and editable:
        product = get_object_or_404(application.products.all(), pk=target)
        form = CompositionForm(request.POST, prefix=f"product-{product.pk}")
        key = ("text", product.pk)
        if form.is_valid():
            _run(
                request,
                form,
                services.composition_set,
                product=product,
                text=form.cleaned_data["text"],
            )
        return _answer(application, form, key)
    item = get_object_or_404(CompositionItem, pk=target, product__application=application)
    if action == "evidence" and editable:
        form = EvidenceForm(request.POST, request.FILES, instance=item, prefix=f"item-{item.pk}")
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "document"}
            document = form.cleaned_data.get("document")
            _run(
                request,
                form,
                services.composition_item_update,
                item=item,
                data=data,
                document=document,
            )
        return _answer(application, form, ("evidence", item.pk))
    if action == "resolve" and resolving:
        form = ResolveForm(request.POST, prefix=f"resolve-{item.pk}")
        if form.is_valid():
            accepted = form.cleaned_data["decision"] == "accept"
            reason = form.cleaned_data["reason"]
            _run(
                request,
                form,
                services.composition_item_resolve,
                item=item,
                accepted=accepted,
                reason=reason,
            )
        return _answer(application, form, ("resolve", item.pk))
    raise PermissionDenied


def _answer(application, form, key):
    if form.errors:
        return None, {key: form}
    return redirect("labelling:composition", pk=application.pk), {}


def _run(request, form, service, **kwargs) -> None:
    try:
        service(by=request.user, **kwargs)
    except ValidationError as error:
        add_validation_errors(form, error)
    except TransitionNotAllowed:
        form.add_error(None, _("This action is not allowed in the current state."))
    else:
        messages.success(request, _("Saved."))


@login_required
def composition_document(request: HttpRequest, pk: int) -> FileResponse:
    item = get_object_or_404(
        CompositionItem.objects.filter(product__application__in=application_list_for(request.user)),
        pk=pk,
    )
    return private_file(item.document, item.document_name, item.document_type)
