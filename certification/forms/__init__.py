"""HTML input validation only; the rules live in services and rules."""

from .application import (
    ApplicationOrganizationForm,
    ApplicationStandardForm,
    DeclarationSignForm,
    ProductForm,
    QueueFilterForm,
    UploadForm,
)
from .commission import (
    AgendaItemForm,
    ConclusionForm,
    MeetingForm,
    MembersForm,
    PresentForm,
    RemarksForm,
    ReviewForm,
)
from .holder import (
    AnnexProductForm,
    AnnexProductFormSet,
    AnnexRequestForm,
    CertificateFilterForm,
)

__all__ = [
    "AgendaItemForm",
    "ConclusionForm",
    "MeetingForm",
    "MembersForm",
    "PresentForm",
    "RemarksForm",
    "ReviewForm",
    "AnnexProductForm",
    "AnnexProductFormSet",
    "AnnexRequestForm",
    "CertificateFilterForm",
    "ApplicationOrganizationForm",
    "ApplicationStandardForm",
    "DeclarationSignForm",
    "ProductForm",
    "QueueFilterForm",
    "UploadForm",
]
