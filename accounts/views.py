from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views

from . import services
from .forms import LoginForm, OrganizationForm, RegistrationForm


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("password1", "password2")}
        user = services.user_register(
            password=form.cleaned_data["password1"], language=get_language(), **data
        )
        return render(request, "accounts/register_done.html", {"email": user.email})
    return render(request, "accounts/register.html", {"form": form})


def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    user = services.user_confirm_email(token=token)
    if user is None:
        return render(request, "accounts/confirm_invalid.html", status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your e-mail address is confirmed. Welcome!"))
    return redirect("accounts:organization")


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def organization(request: HttpRequest) -> HttpResponse:
    """The applicant's organization (Annex Г part 1): created once, then kept up to date."""
    membership = request.user.membership_set.select_related("organization").first()
    instance = membership.organization if membership else None
    if request.user.is_body_staff and instance is None:
        return redirect("dashboard")
    form = OrganizationForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        if instance is None:
            services.organization_create(by=request.user, data=form.cleaned_data)
            messages.success(request, _("The organization is registered."))
            return redirect("certification:application-list")
        services.organization_update(organization=instance, data=form.cleaned_data)
        messages.success(request, _("The organization's details are saved."))
        return redirect("accounts:organization")
    return render(
        request, "accounts/organization_form.html", {"form": form, "is_new": not instance}
    )


password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset_form.html",
    email_template_name="accounts/email/password_reset_body.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change.html",
    success_url=reverse_lazy("accounts:password_change_done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"
)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The in-portal inbox: every decision, remark, invitation and reminder sent to the user."""
    notifications = request.user.notifications.all()
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    response = render(request, "accounts/inbox.html", {"page": page})
    # Opening the inbox marks what it shows as read.
    request.user.notifications.filter(
        pk__in=[n.pk for n in page.object_list], read_at__isnull=True
    ).update(read_at=timezone.now())
    return response


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch; a logged-in person's choice is also kept on their account, so
    that what the portal sends them is written in it."""
    response = i18n_views.set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        services.user_set_language(user=request.user, language=request.POST.get("language", ""))
    return response
