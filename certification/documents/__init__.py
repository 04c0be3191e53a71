"""The certification workflow's documents: snapshots and template contexts, one module per part of
the workflow (application.py, certificate.py, commission.py; common.py what they print alike).

For each kind: ``<kind>_snapshot(obj)`` reads the database once, when the document is issued, and
returns plain JSON — what the form prints, frozen; ``<kind>_context(snapshot)`` turns a snapshot
into the template's context without touching the database (dates DD.MM.YYYY per Л.4.2, initials
and surname per Л.4.6, the verification QR code). Registered with halal_portal.rendering.

The forms' fixed wording is in the templates (templates/annexes/), in Russian as the standard
prints it; values that come from translated choices are captured here in the site's language.
"""

# Importing the package registers every kind (halal_portal.rendering autodiscovers it).
from . import application, certificate, commission  # noqa: F401
from .certificate import certificate_context
from .common import batch_text, verification_url

__all__ = ["batch_text", "certificate_context", "verification_url"]
