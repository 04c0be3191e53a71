"""The staff's panel on the application page (templates/certification/_staff_panel.html): what the
secretary, the head and the assigned commission members see and do there, and the forms the
panel and its views share (GOST 8.10–8.12)."""

from . import selectors
from .forms import ConclusionForm, MembersForm, RemarksForm, ReviewForm
from .models import AppState
from .models_support import applicable_document_types

# States in which the secretary may still change who is on the application's commission.
ASSIGNABLE_STATES = (
    AppState.DOCUMENT_REVIEW,
    AppState.PRODUCTION_CHECK,
    AppState.DECISION,
    AppState.SUSPENDED,
    AppState.CERTIFIED,
)
RETURNABLE_STATES = (AppState.SUBMITTED, AppState.DOCUMENT_REVIEW)


def is_assigned(application, user) -> bool:
    return application.commission_members.filter(pk=user.pk).exists()


def remark_document_types(application) -> list:
    """The dossier documents a remark may concern: those the products require, and any other
    the applicant uploaded."""
    products = list(application.products.select_related("category"))
    types = [t for t in applicable_document_types(products) if not t.signed_online]
    known = {t.pk for t in types}
    for dossier_file in selectors.current_files(application):
        if dossier_file.document_type_id not in known:
            known.add(dossier_file.document_type_id)
            types.append(dossier_file.document_type)
    return types


def members_form(application, data=None) -> MembersForm:
    initial = {"members": list(application.commission_members.all())}
    return MembersForm(data, prefix="members", initial=initial)


def review_form(application, user, data=None) -> ReviewForm:
    review = application.reviews.filter(member=user).first()
    return ReviewForm(data, instance=review, prefix="review")


def conclusion_form(application, data=None) -> ConclusionForm:
    conclusion = getattr(application, "conclusion", None)
    return ConclusionForm(data, instance=conclusion, prefix="conclusion")


def remarks_form(application, data=None) -> RemarksForm:
    return RemarksForm(data, prefix="return", document_types=remark_document_types(application))


def staff_panel(user, application) -> dict:
    """What the body's staff see and do on an application page
    (templates/certification/_staff_panel.html)."""
    if not user.is_authenticated or application.state == AppState.DRAFT:
        return {}
    assigned = user.is_commission_member and is_assigned(application, user)
    if not (user.is_secretary or user.is_head or assigned):
        return {}
    state = application.state
    context = {
        "show": True,
        "is_secretary": user.is_secretary,
        "is_assigned": assigned,
        "members": application.commission_members.all(),
        "reviews": application.reviews.select_related("member"),
        "conclusion": getattr(application, "conclusion", None),
        "remarks": application.remarks.select_related("document_type", "by"),
        "decisions": application.agenda_items.select_related("meeting").order_by(
            "meeting__date", "meeting__pk", "order"
        ),
    }
    if user.is_secretary:
        if state == AppState.SUBMITTED:
            context["register_form"] = members_form(application)
        if state in ASSIGNABLE_STATES:
            context["assign_form"] = members_form(application)
        if state in RETURNABLE_STATES:
            context["remarks_form"] = remarks_form(application)
        if state == AppState.DOCUMENT_REVIEW:
            context["conclusion_form"] = conclusion_form(application)
    if assigned and state == AppState.DOCUMENT_REVIEW:
        context["review_form"] = review_form(application, user)
    return context
