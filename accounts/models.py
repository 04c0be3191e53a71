from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Staff roles of the authorized organization (GOST 8.3)."""

    SECRETARY = "secretary", _("Secretary")
    COMMISSION = "commission", _("Commission member")
    AUDITOR = "auditor", _("Expert-auditor")
    HEAD = "head", _("Head of the authorized organization")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("The e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("email_confirmed", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address."""

    email = models.EmailField(_("e-mail"), unique=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    middle_name = models.CharField(_("middle name"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    # Staff roles of the authorized organization; an applicant has none of them.
    role_secretary = models.BooleanField(_("secretary"), default=False)
    role_commission = models.BooleanField(_("commission member"), default=False)
    role_auditor = models.BooleanField(_("expert-auditor"), default=False)
    role_head = models.BooleanField(_("head of the authorized organization"), default=False)
    email_confirmed = models.BooleanField(_("e-mail confirmed"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("admin site access"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # The UI language the person chose (a code of settings.LANGUAGES); their notifications and
    # e-mails are written in it. Empty: never chosen, the site's default.
    language = models.CharField(_("language"), max_length=8, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def language_code(self) -> str:
        """The language to write to this person in."""
        known = {code for code, _name in settings.LANGUAGES}
        return self.language if self.language in known else settings.LANGUAGE_CODE

    def get_full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    def get_short_name(self) -> str:
        """Surname and initials, as the standard's forms print signatories: «Иванов И. И.»."""
        initials = " ".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)
        return f"{self.last_name} {initials}".strip() or self.email

    def has_role(self, role: str) -> bool:
        return self.is_active and getattr(self, f"role_{Role(role).value}")

    @property
    def roles(self) -> list[Role]:
        return [role for role in Role if getattr(self, f"role_{role.value}")]

    @property
    def is_secretary(self) -> bool:
        return self.has_role(Role.SECRETARY)

    @property
    def is_commission_member(self) -> bool:
        return self.has_role(Role.COMMISSION)

    @property
    def is_auditor(self) -> bool:
        return self.has_role(Role.AUDITOR)

    @property
    def is_head(self) -> bool:
        return self.has_role(Role.HEAD)

    @property
    def is_body_staff(self) -> bool:
        """Works for the authorized organization (any staff role)."""
        return self.is_active and any(getattr(self, f"role_{r.value}") for r in Role)


class Organization(models.Model):
    """An applicant: a manufacturer or an individual entrepreneur (GOST 2.2, Annex Г part 1)."""

    full_name = models.CharField(_("full name"), max_length=500)
    short_name = models.CharField(_("short name"), max_length=200, blank=True)
    legal_address = models.TextField(_("legal address"))
    country = models.CharField(_("country"), max_length=100, default="Россия")
    bank_details = models.TextField(_("bank details"), blank=True)
    tax_id = models.CharField(
        _("tax id (УНП / БИН / ИНН)"), max_length=20, help_text=_("УНП, БИН or ИНН")
    )
    phone = models.CharField(_("phone"), max_length=50)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    head_name = models.CharField(
        _("head (surname, initials)"),
        max_length=200,
        help_text=_("Surname and initials of the head or the individual entrepreneur"),
    )
    head_position = models.CharField(_("head's position"), max_length=200, blank=True)
    chief_accountant_name = models.CharField(
        _("chief accountant (surname, initials)"), max_length=200, blank=True
    )
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact person's phone"), max_length=50, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="organizations",
        verbose_name=_("members"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("applicant organization")
        verbose_name_plural = _("applicant organizations")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.short_name or self.full_name


class Membership(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    is_admin = models.BooleanField(_("manages the organization"), default=False)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"


class PowerOfAttorney(models.Model):
    """An expert-auditor's power of attorney from the religious organization (GOST 2.19)."""

    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="powers_of_attorney",
        verbose_name=_("expert-auditor"),
    )
    number = models.CharField(_("number"), max_length=100)
    issued_by = models.CharField(_("issued by"), max_length=300, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))

    class Meta:
        verbose_name = _("power of attorney")
        verbose_name_plural = _("powers of attorney")
        ordering = ["-valid_to"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")),
                name="poa_valid_range",
            )
        ]

    def __str__(self) -> str:
        return _("No. %(number)s, %(start)s–%(end)s") % {
            "number": self.number,
            "start": self.valid_from.strftime("%d.%m.%Y"),
            "end": self.valid_to.strftime("%d.%m.%Y"),
        }

    def covers(self, start, end=None) -> bool:
        """Valid on every day from ``start`` to ``end`` (GOST 2.19)."""
        return self.valid_from <= start and (end or start) <= self.valid_to


class AuthorizedBody(models.Model):
    """The organization authorized by the religious association (GOST 8.3). One row, edited in
    the admin; its details head every form."""

    name = models.CharField(_("name"), max_length=500)
    legal_address = models.TextField(_("legal address"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    head_name = models.CharField(_("head (initials, surname)"), max_length=200)
    head_position = models.CharField(_("head's position"), max_length=200, blank=True)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("head's account"),
    )

    class Meta:
        verbose_name = _("authorized organization")
        verbose_name_plural = _("authorized organization")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def get(cls) -> "AuthorizedBody":
        body = cls.objects.order_by("pk").first()
        if body is None:
            body = cls.objects.create(
                name=str(_("Authorized organization (set its details in the admin)")),
                legal_address="—",
                head_name="—",
            )
        return body


class Notification(models.Model):
    """The in-portal inbox; the same message also goes out by e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # One message per event and person: a retried task finds the key taken and sends nothing.
    key = models.CharField(max_length=200)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key")
        ]

    def __str__(self) -> str:
        return self.subject
