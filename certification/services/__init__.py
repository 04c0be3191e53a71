"""Every write of the certification workflow; one transaction each, audit trail included."""

from .application import (
    application_create,
    application_submit,
    application_update,
    application_withdraw,
    declaration_sign,
    dossier_file_add,
    dossier_file_remove,
    product_delete,
    product_save,
)
from .certificates import (
    annex_request_create,
    application_renew,
    certificate_sign,
    certificates_expire,
)
from .commission import (
    application_assign,
    application_register,
    application_return,
    conclusion_save,
    review_save,
)
from .fees import invoice_issue, invoice_mark_paid
from .meetings import (
    agenda_item_add,
    agenda_item_remove,
    meeting_close,
    meeting_create,
    meeting_set_present,
    vote_cast,
)

__all__ = [
    "invoice_issue",
    "invoice_mark_paid",
    "agenda_item_add",
    "agenda_item_remove",
    "annex_request_create",
    "application_renew",
    "certificate_sign",
    "certificates_expire",
    "meeting_close",
    "meeting_create",
    "meeting_set_present",
    "vote_cast",
    "application_assign",
    "application_register",
    "conclusion_save",
    "review_save",
    "application_create",
    "application_return",
    "application_submit",
    "application_update",
    "application_withdraw",
    "declaration_sign",
    "dossier_file_add",
    "dossier_file_remove",
    "product_delete",
    "product_save",
]
