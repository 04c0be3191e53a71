"""The slaughterhouse's records (GOST 7.6): its register of people, its plant and the slaughter
journal kept by its halal controller."""

from .journal import Method, SlaughterEntry, Species, Stunning
from .people import DocumentKind, Slaughterhouse, Worker, WorkerDocument, WorkerRole

__all__ = [
    "DocumentKind",
    "Method",
    "SlaughterEntry",
    "Slaughterhouse",
    "Species",
    "Stunning",
    "Worker",
    "WorkerDocument",
    "WorkerRole",
]
