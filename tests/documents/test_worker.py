"""A real Celery worker process on the Redis broker (not eager): issuing a certificate produces
its PDF; killing the worker in the middle of the render and starting it again still ends with
exactly one PDF (acks_late + reject_on_worker_lost, the idempotent task).

Needs PostgreSQL (the worker shares the test database) and Redis on 127.0.0.1:6379; the broker
is Redis database 5 (PDF_TEST_BROKER_URL changes it). Each test sends its tasks to a queue of its
own, so runs in parallel (pytest-xdist, other checkouts) never take each other's tasks."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from certification import rules
from halal_portal.celery import app as celery_app
from halal_portal.models import DocumentStatus, RenderedDocument
from tests.certification.workflow import decide

ROOT = Path(__file__).resolve().parents[2]
BROKER_URL = os.environ.get("PDF_TEST_BROKER_URL", "redis://127.0.0.1:6379/5")
VISIBILITY_TIMEOUT = 4  # seconds before Redis hands an unacknowledged task out again
TIMEOUT = 60
# Read by tests/documents/slow_render.py in the worker (not imported here: it patches on import).
DELAY_ENV = "SLOW_RENDER_SECONDS"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker():
    """The test process sends tasks to its own queue on Redis instead of running them
    in-process; yields the queue's name."""
    redis = pytest.importorskip("redis")
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a database it can share: PostgreSQL")
    client = redis.Redis.from_url(BROKER_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not running at {BROKER_URL}")
    queue = f"pdf-test-{uuid.uuid4().hex[:12]}"
    keys = ("broker_url", "task_always_eager", "task_default_queue")
    saved = {key: celery_app.conf[key] for key in keys}
    celery_app.conf.update(broker_url=BROKER_URL, task_always_eager=False, task_default_queue=queue)
    _forget_connections()
    yield queue
    celery_app.conf.update(saved)
    _forget_connections()
    for key in client.scan_iter(f"*{queue}*"):
        client.delete(key)


def _forget_connections() -> None:
    """Celery keeps the connection pool, producer pool and routes it made for the old settings:
    drop them (not close: kombu shares each pool by URL with whoever comes next)."""
    celery_app._pool = None
    celery_app.__dict__.pop("amqp", None)


class Worker:
    """``celery -A halal_portal worker -P prefork -c 1`` on the test database, in its own
    process group so that it can be killed whole. With a ``delay`` it also loads
    tests/documents/slow_render.py: each render then waits that many seconds once the row is
    «rendering»."""

    def __init__(self, tmp_path: Path, queue: str, name: str, delay: float = 0) -> None:
        db = connection.settings_dict
        password = quote(db["PASSWORD"] or "", safe="")
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "halal_portal.settings",
            "DATABASE_URL": f"postgres://{quote(db['USER'] or '')}:{password}@"
            f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{quote(db['NAME'])}",
            "DB_CONN_MAX_AGE": "0",
            "CELERY_BROKER_URL": BROKER_URL,
            "CELERY_TASK_ALWAYS_EAGER": "False",
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "SITE_URL": settings.SITE_URL,
            DELAY_ENV: str(delay),
        }
        self.include = ["--include", "tests.documents.slow_render"] if delay else []
        self.log_path = tmp_path / f"{name}.log"
        self.name = name
        self.queue = queue
        self.process: subprocess.Popen | None = None

    def start(self) -> "Worker":
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "halal_portal", "worker", "-P", "prefork",
             "-c", "1", "-n", f"{self.name}-{self.queue}@%h", "-Q", self.queue,
             "--loglevel=INFO", "--without-gossip",
             "--without-mingle", "--without-heartbeat", *self.include],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        log.close()
        return self

    def wait_ready(self, timeout: float = 90) -> "Worker":
        """Until the worker listens (its start-up is slow on a loaded machine)."""
        ready = lambda: " ready." in self.log()  # noqa: E731
        wait_for(ready, timeout=timeout, what="the worker", workers=[self])
        return self

    def children(self) -> list[int]:
        pid = self.process.pid
        path = Path(f"/proc/{pid}/task/{pid}/children")
        return [int(p) for p in path.read_text().split()] if path.exists() else []

    def kill(self) -> None:
        """SIGKILL to the worker and its pool process: no chance to acknowledge or clean up."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""


@pytest.fixture
def workers(tmp_path, broker):
    started: list[Worker] = []

    def make(name: str, delay: float = 0) -> Worker:
        worker = Worker(tmp_path, broker, name, delay)
        started.append(worker)
        return worker.start().wait_ready()

    yield make
    for worker in started:  # always stopped, whatever the test did
        worker.stop()


def wait_for(predicate, *, timeout: float = TIMEOUT, what: str = "", workers=()):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := predicate():
            return result
        time.sleep(0.2)
    logs = "\n".join(f"--- {w.name}\n{w.log()}" for w in workers)
    rows = list(RenderedDocument.objects.values_list("kind", "status", "attempts"))
    raise AssertionError(f"timed out waiting for {what}; documents: {rows}\n{logs}")


@pytest.fixture
def checked(reviewed, secretary, commission):
    """Past the document review, rendered in-process before the broker is switched on."""
    decide(reviewed, "proceed", secretary=secretary, members=commission)
    return reviewed


def issue(application, secretary, commission):
    today = timezone.localdate()
    decide(
        application,
        "issue",
        secretary=secretary,
        members=commission,
        valid_from=today,
        valid_to=rules.max_valid_to(today),
    )
    return RenderedDocument.objects.get(kind="certificate", object_id=application.certificate.pk)


def status_of(document: RenderedDocument) -> str:
    return RenderedDocument.objects.values_list("status", flat=True).get(pk=document.pk)


def certificate_files() -> list[Path]:
    folder = Path(settings.MEDIA_ROOT, "documents", "certificate")
    return sorted(folder.iterdir()) if folder.exists() else []


def test_worker_renders_the_issued_certificate(checked, secretary, commission, broker, workers):
    worker = workers("w1")
    document = issue(checked, secretary, commission)
    wait_for(lambda: status_of(document) == DocumentStatus.READY, what="the PDF", workers=[worker])
    document.refresh_from_db()
    assert document.file.open("rb").read(5) == b"%PDF-" and len(certificate_files()) == 1


def test_killed_worker_restarted_ends_with_one_pdf(checked, secretary, commission, broker, workers):
    slow = workers("slow", delay=30)
    document = issue(checked, secretary, commission)
    wait_for(
        lambda: status_of(document) == DocumentStatus.RENDERING, what="rendering", workers=[slow]
    )
    seen = time.monotonic()
    slow.kill()  # mid-task: the message was never acknowledged
    assert status_of(document) == DocumentStatus.RENDERING and certificate_files() == []
    # Redis gives the unacknowledged task out again once its visibility timeout has passed.
    time.sleep(max(0.0, seen + VISIBILITY_TIMEOUT + 1 - time.monotonic()))
    fresh = workers("fresh")
    wait_for(
        lambda: status_of(document) == DocumentStatus.READY, what="redelivery", workers=[fresh]
    )
    assert RenderedDocument.objects.filter(kind="certificate").count() == 1
    assert [f.name for f in certificate_files()] == [f"{document.pk}.pdf"]


def test_killed_pool_process_is_redelivered_by_its_worker(
    checked, secretary, commission, broker, workers
):
    # reject_on_worker_lost: the worker sees its pool process die and requeues the task at once.
    worker = workers("w2", delay=3)
    document = issue(checked, secretary, commission)
    wait_for(
        lambda: status_of(document) == DocumentStatus.RENDERING, what="rendering", workers=[worker]
    )
    for child in worker.children():
        os.kill(child, signal.SIGKILL)
    wait_for(lambda: status_of(document) == DocumentStatus.READY, what="requeue", workers=[worker])
    document.refresh_from_db()
    assert document.attempts >= 2 and len(certificate_files()) == 1
