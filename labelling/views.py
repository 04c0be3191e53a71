"""The label review page: paste or type a label, see each finding marked in the text with its
clause, save the review to a product of your application for the commission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from halal_portal.downloads import file_response
from halal_portal.forms import add_validation_errors

from . import selectors, services
from .forms import LabelForm
from .highlight import numbered, runs

TEXT_FIELDS = ("name", "ingredients", "statements")


def _marked(label: dict, findings: list[dict]) -> list[dict]:
    return [
        {"field": name, "runs": runs(label[name], findings, name)}
        for name in TEXT_FIELDS
        if label[name]
    ]


def review_page(request: HttpRequest) -> HttpResponse:
    """Anyone may review a label here (as through the API); a member of an applicant's
    organization may also save it to a product of their application."""
    products = selectors.products_of_member(request.user) if request.user.is_authenticated else None
    form = LabelForm(request.POST or None, request.FILES or None, products=products)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        label = form.to_label()
        if "save" in request.POST and products is not None:
            saved = _save(request, form, label)
            if saved is not None:
                return redirect(saved)
        (review,) = selectors.reviews_of([label])
        findings = numbered([f.as_dict() for f in review.findings])
        context |= {
            "review": review,
            "findings": findings,
            "marked": _marked(vars(label), findings),
        }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "labelling/review.html", context, status=status)


def _save(request, form, label):
    product = form.cleaned_data.get("product")
    if product is None:
        form.add_error("product", _("Choose the product to save the review to."))
        return None
    try:
        saved = services.label_review_save(
            product=product, by=request.user, label=label, image=form.cleaned_data.get("image")
        )
    except ValidationError as error:
        add_validation_errors(form, error)
        return None
    except PermissionDenied:
        form.add_error("product", _("You may save reviews only to your own products."))
        return None
    messages.success(request, _("The review is saved to «%(product)s».") % {"product": product})
    return saved


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(selectors.label_review_list_for(request.user), pk=pk)
    findings = numbered(saved.findings)
    context = {
        "saved": saved,
        "findings": findings,
        "marked": _marked(
            {"name": saved.name, "ingredients": saved.ingredients, "statements": saved.statements},
            findings,
        ),
    }
    return render(request, "labelling/review_detail.html", context)


@login_required
def review_image(request: HttpRequest, pk: int) -> FileResponse:
    saved = get_object_or_404(selectors.label_review_list_for(request.user), pk=pk)
    return private_file(saved.image, saved.image_name, saved.image_type)


def private_file(file, name: str, content_type: str) -> FileResponse:
    """An uploaded file, to those allowed to see it only: never sniffed, run or cached."""
    if not file:
        raise Http404
    return file_response(file, name=name, content_type=content_type)
