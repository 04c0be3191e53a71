from celery import shared_task

from halal_portal.celery import DAILY

from .figures import refresh_figures


@shared_task(**DAILY)
def refresh_figures_task() -> None:
    """Nightly: the public figures «About the body's work» recomputed and cached."""
    refresh_figures()
