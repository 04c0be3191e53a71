"""The rules of GOST 7.6 that the slaughterhouse's records are measured against: the batch
(batch.py) and the people on the register (people.py)."""

from .batch import TABLE_1, Range, deviations
from .people import controller_refusals, registered_controller, worker_refusals

__all__ = [
    "TABLE_1",
    "Range",
    "controller_refusals",
    "deviations",
    "registered_controller",
    "worker_refusals",
]
