"""Writes of the slaughterhouse register (GOST 7.6.2–7.6.4, 2.17): the slaughterhouses of an
enterprise, the people on their register and the documents that allow them to work.

The register is kept by the enterprise; nothing on it is edited in place: a person leaves the
register on a date, a renewed document is a new document, so the register's state on any past
date (the journal's, the production check's) stays what it was."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from accounts.notifications import notify
from audits.permissions import is_org_member
from halal_portal.uploads import check_upload

from ..models import DocumentKind, Slaughterhouse, Worker, WorkerDocument, WorkerRole
from ..permissions import can_keep_register
from ..rules.people import ADULT_AGE, ADULT_CLAUSE, is_adult
from ..selectors import documents_expiring


def _text(data: Mapping[str, Any], field: str) -> str:
    return (data.get(field) or "").strip()


def _keeper(organization: Organization, by: User) -> None:
    if not can_keep_register(organization, by):
        raise PermissionDenied


@transaction.atomic
def slaughterhouse_create(
    *, organization: Organization, by: User, data: Mapping[str, Any]
) -> Slaughterhouse:
    _keeper(organization, by)
    name = _text(data, "name")
    if not name:
        raise ValidationError({"name": _("Name the slaughterhouse.")})
    if organization.slaughterhouses.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("The enterprise already has a slaughterhouse so named.")})
    return Slaughterhouse.objects.create(
        organization=organization, name=name, address=_text(data, "address")
    )


@transaction.atomic
def worker_register(*, slaughterhouse: Slaughterhouse, by: User, data: Mapping[str, Any]) -> Worker:
    """Put a person on the register in one role. A halal controller signs in the portal, so
    their account (a member of the enterprise) is part of the entry (GOST 2.17)."""
    organization = slaughterhouse.organization
    _keeper(organization, by)
    errors: dict[str, str] = {}
    role, full_name = data.get("role"), _text(data, "full_name")
    birth_date, since = data.get("birth_date"), data.get("since") or timezone.localdate()
    user = data.get("user")
    if role not in WorkerRole.values:
        errors["role"] = _("Choose the role.")
    if not full_name:
        errors["full_name"] = _("Give the surname, name and patronymic.")
    if birth_date is None:
        errors["birth_date"] = _("Give the date of birth.")
    elif role in ADULT_CLAUSE and not is_adult(birth_date, since):
        # GOST 7.6.2, 7.6.4: the slaughterer and the halal controller are adults.
        errors["birth_date"] = _(
            "The %(role)s must be an adult (%(age)s or older) on the register (GOST %(clause)s)."
        ) % {"role": WorkerRole(role).label, "age": ADULT_AGE, "clause": ADULT_CLAUSE[role]}
    if role == WorkerRole.CONTROLLER:
        if user is None:
            errors["user"] = _(
                "Choose the account under which the halal controller signs (GOST 2.17)."
            )
        elif not is_org_member(organization, user):
            errors["user"] = _("The halal controller's account must be a member of the enterprise.")
        elif slaughterhouse.workers.filter(role=role, user=user, left_on__isnull=True).exists():
            errors["user"] = _("This account is already on the register as its halal controller.")
    elif user is not None and not is_org_member(organization, user):
        errors["user"] = _("The account must be a member of the enterprise.")
    if errors:
        raise ValidationError(errors)
    return Worker.objects.create(
        slaughterhouse=slaughterhouse,
        role=role,
        full_name=full_name,
        birth_date=birth_date,
        user=user,
        since=since,
        created_by=by,
    )


@transaction.atomic
def worker_remove(*, worker: Worker, by: User, left_on: datetime.date | None = None) -> Worker:
    """The person leaves the register on ``left_on`` (today by default); their past stays."""
    _keeper(worker.slaughterhouse.organization, by)
    worker = Worker.objects.select_for_update().get(pk=worker.pk)
    left_on = left_on or timezone.localdate()
    if worker.left_on is not None:
        raise ValidationError(_("This person has already left the register."))
    if left_on < worker.since:
        raise ValidationError({"left_on": _("A person cannot leave before joining the register.")})
    worker.left_on = left_on
    worker.save(update_fields=["left_on"])
    return worker


@transaction.atomic
def worker_document_add(
    *, worker: Worker, by: User, data: Mapping[str, Any], upload: UploadedFile | None
) -> WorkerDocument:
    """A document of a person on the register, with its scan: checked by content like every
    upload of the portal (halal_portal.uploads) before anything is written."""
    _keeper(worker.slaughterhouse.organization, by)
    errors: dict[str, Any] = {}
    kind, issuer, number = data.get("kind"), _text(data, "issuer"), _text(data, "number")
    issued_on, valid_to = data.get("issued_on"), data.get("valid_to")
    if kind not in DocumentKind.values:
        errors["kind"] = _("Choose the document.")
    if not issuer:
        errors["issuer"] = _("Say who issued the document.")
    if not number:
        errors["number"] = _("Give the document's number.")
    if issued_on is None:
        errors["issued_on"] = _("Give the date of issue.")
    elif issued_on > timezone.localdate():
        errors["issued_on"] = _("The document must be issued already.")
    if valid_to is None:
        errors["valid_to"] = _("Give the date the document is valid to.")
    elif issued_on is not None and valid_to < issued_on:
        errors["valid_to"] = _("The document cannot end before it is issued.")
    if upload is None:
        errors["file"] = _("Attach a scan of the document.")
    else:
        try:
            info = check_upload(upload)
        except ValidationError as error:
            errors["file"] = error.messages
    if errors:
        raise ValidationError(errors)
    document = WorkerDocument(
        worker=worker,
        kind=kind,
        issuer=issuer,
        number=number,
        issued_on=issued_on,
        valid_to=valid_to,
        uploaded_by=by,
    )
    document.describe(info)
    upload.seek(0)
    # document_upload_to gives a random name; the uploader's name is display only.
    document.file.save(info.display_name, upload, save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    return document


def register_documents_remind(*, today: datetime.date | None = None) -> int:
    """Tell the enterprise and the body, once per document, that documents on a slaughterhouse
    register end within 30 days (GOST 7.6.2–7.6.4: past that day the person may not work).
    One notice per enterprise and run lists its documents. Returns how many documents were
    notified now; a rerun the same day sends nothing."""
    today = today or timezone.localdate()
    due = documents_expiring(
        WorkerDocument.objects.filter(expiry_notice_at__isnull=True).select_related(
            "worker__slaughterhouse__organization"
        ),
        today=today,
    )
    by_organization: dict[int, list[WorkerDocument]] = {}
    for document in due:
        by_organization.setdefault(document.worker.slaughterhouse.organization_id, []).append(
            document
        )
    secretaries = list(User.objects.filter(role_secretary=True, is_active=True))
    count = 0
    with translation.override(settings.LANGUAGE_CODE):
        for documents in by_organization.values():
            organization = documents[0].worker.slaughterhouse.organization
            with transaction.atomic():
                notify(
                    [*organization.members.all(), *secretaries],
                    # Each document is in one notice (expiry_notice_at); the key guards a rerun.
                    key=f"slaughter-documents:{organization.pk}:{today.isoformat()}",
                    subject=_("%(org)s: documents on the slaughterhouse register end soon")
                    % {"org": organization},
                    body="\n".join(
                        _("%(name)s (%(place)s): %(document)s № %(number)s, valid to %(date)s")
                        % {
                            "name": d.worker.full_name,
                            "place": d.worker.slaughterhouse,
                            "document": d.get_kind_display(),
                            "number": d.number,
                            "date": d.valid_to.strftime("%d.%m.%Y"),
                        }
                        for d in documents
                    ),
                    url=reverse("slaughter:register", kwargs={"org_pk": organization.pk}),
                )
                WorkerDocument.objects.filter(pk__in=[d.pk for d in documents]).update(
                    expiry_notice_at=timezone.now()
                )
            count += len(documents)
    return count
