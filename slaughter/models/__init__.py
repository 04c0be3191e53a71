"""The slaughterhouse's records (GOST 7.6): its register of people, its plant and the slaughter
journal kept by its halal controller."""

from .findings import Answer, Finding
from .journal import MEASURED, Method, SlaughterEntry, Species, Stunning
from .people import DocumentKind, Slaughterhouse, Worker, WorkerDocument, WorkerRole
from .plant import Knife, KnifeMaterial, Line, Room, RoomKind
from .stunning import StunningCheck, StunningReading, StunningUpload

__all__ = [
    "MEASURED",
    "Answer",
    "Finding",
    "DocumentKind",
    "Knife",
    "KnifeMaterial",
    "Line",
    "Room",
    "RoomKind",
    "StunningCheck",
    "StunningReading",
    "StunningUpload",
    "Method",
    "SlaughterEntry",
    "Slaughterhouse",
    "Species",
    "Stunning",
    "Worker",
    "WorkerDocument",
    "WorkerRole",
]
