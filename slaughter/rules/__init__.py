"""The rules of GOST 7.6 that the slaughterhouse's records are measured against: Table 1 and
the stunning (table1.py), the batch (batch.py), the knife (plant.py) and the people on the
register (people.py). Each departure is a Deviation (deviation.py)."""

from .batch import batch_deviations, deviations
from .deviation import Deviation
from .people import controller_refusals, registered_controller, worker_refusals
from .plant import knife_refusal
from .table1 import TABLE_1, Range, stunning_deviations

__all__ = [
    "TABLE_1",
    "Deviation",
    "Range",
    "batch_deviations",
    "controller_refusals",
    "deviations",
    "knife_refusal",
    "registered_controller",
    "stunning_deviations",
    "worker_refusals",
]
