"""Loaded only into the Celery workers that tests/documents/test_worker.py starts
(``celery worker --include tests.documents.slow_render``), never by the portal itself: every
render waits SLOW_RENDER_SECONDS after the row is marked «rendering», long enough for the test to
kill the worker in the middle of a task.

Celery imports an included module once Django is set up and before the pool processes fork, so
the patched function is the one every pool process runs."""

import os
import time

from halal_portal import rendering

DELAY_ENV = "SLOW_RENDER_SECONDS"

_render_bytes = rendering.render_bytes


def _slow_render_bytes(kind: str, snapshot: dict) -> bytes:
    time.sleep(float(os.environ[DELAY_ENV]))
    return _render_bytes(kind, snapshot)


rendering.render_bytes = _slow_render_bytes
