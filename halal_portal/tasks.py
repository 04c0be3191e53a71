"""Celery tasks that render documents to PDF (see halal_portal/rendering.py).

The render task is idempotent, acknowledged only when it finishes (``acks_late``) and handed
back to the broker if its worker process dies (``reject_on_worker_lost``): a killed render is
delivered again and overwrites the same row's file, a second delivery of a ready document does
nothing. Every failure is recorded on the row; retries are bounded, then the row is failed.
"""

import logging

from celery import shared_task

from . import rendering
from .models import DocumentStatus

logger = logging.getLogger(__name__)

# Seconds before retry number 1, 2, 3 (exponential backoff).
RETRY_BACKOFF = 15


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=3,
    time_limit=120,
    soft_time_limit=100,
)
def render_document_task(self, document_id: int) -> str:
    attempt = self.request.retries
    while True:
        try:
            return rendering.document_render(document_id=document_id)
        except Exception as error:  # recorded on the row, then retried or failed, never lost
            reason = f"{type(error).__name__}: {error}"
            logger.exception("Rendering document %s failed (attempt %s)", document_id, attempt + 1)
            if attempt >= self.max_retries:
                rendering.document_mark(
                    document_id=document_id, status=DocumentStatus.FAILED, reason=reason
                )
                return "failed"
            rendering.document_mark(
                document_id=document_id, status=DocumentStatus.QUEUED, reason=reason
            )
            if self.request.is_eager:
                # No broker to schedule a retry with (the embedded mode): try again at once.
                attempt += 1
                continue
            raise self.retry(exc=error, countdown=RETRY_BACKOFF * 2**attempt) from None


@shared_task(acks_late=True, reject_on_worker_lost=True)
def redispatch_documents_task() -> int:
    """Every few minutes: send again the documents whose task was lost (broker down at commit,
    worker killed past its time limit)."""
    return rendering.documents_redispatch()
