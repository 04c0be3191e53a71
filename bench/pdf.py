"""PDF rendering: how long each form takes, how close the pipeline is to bare WeasyPrint, and how
rendering scales with Celery worker processes.

Run from the project root: ``.venv/bin/python bench/pdf.py [--runs 20] [--tasks 40]``.

In one run, in a throw-away environment (a temporary directory for media, a new PostgreSQL
database on ``PDF_BENCH_POSTGRES`` — default postgres://postgres@127.0.0.1:5432 — dropped at the
end, or SQLite when there is none; demo data from ``seed_demo`` plus a conclusion, two decision
letters and the demo's act of Annex Ж finished, approved and acknowledged):

1. the median render time of each form — snapshot → context → template → WeasyPrint → bytes, as
   ``halal_portal.rendering.render_bytes`` does it in the worker;
2. the ceiling: the certificate's HTML, already rendered, laid out by bare WeasyPrint (its default
   URL fetcher, a fresh font configuration) in a loop; the ratio pipeline / bare (target ≤ 1.3);
   and the certificate as the worker stores it — rendered as PDF/A and signed by the body (PAdES,
   ``halal_portal.rendering.issue_bytes``) — over bare WeasyPrint, the two taken in turns in one
   loop so that a busy machine weighs on both alike (target ≤ 1.5), with the signature's median;
3. the throughput of ``render_document_task`` with real ``celery worker -P prefork`` processes on
   Redis (``PDF_BENCH_BROKER_URL``, default redis://127.0.0.1:6379/6, emptied first), with
   ``-c 1`` and ``-c 2``: N certificate documents queued at once, wall time until all are ready
   (target ≥ 1.8× for two processes). Skipped when Redis does not answer.

Exits 1 when a target is missed. Nothing else is touched: not the regular database, media or
``.env`` settings of the checkout.
"""

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROKER_URL = os.environ.get("PDF_BENCH_BROKER_URL", "redis://127.0.0.1:6379/6")
RATIO_TARGET = 1.3
SIGNED_RATIO_TARGET = 1.5
SCALING_TARGET = 1.8


def throwaway_database(tmp: Path) -> tuple[str, str | None]:
    """A new PostgreSQL database next to the tests' one (worker processes write at the same time,
    which SQLite serializes); SQLite in the temporary directory when PostgreSQL is not there."""
    server = os.environ.get("PDF_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    name = f"halal_pdf_bench_{os.getpid()}"
    try:
        import psycopg

        with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"{server}/{name}", name
    except Exception as error:  # noqa: BLE001 — no PostgreSQL: fall back, and say so
        print(f"PostgreSQL at {server} is not available ({error}); using SQLite, whose single")
        print("writer makes the throughput with two worker processes meaningless.")
        return f"sqlite:///{tmp / 'db.sqlite3'}", None


def drop_database(name: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    server = os.environ.get("PDF_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_environment(tmp: Path, database_url: str) -> dict:
    env = {
        "DJANGO_SETTINGS_MODULE": "halal_portal.settings",
        "DJANGO_ENV": "embedded",
        "DATABASE_URL": database_url,
        "DB_CONN_MAX_AGE": "0",
        "EMAIL_URL": "dummymail://",
        "MEDIA_ROOT": str(tmp / "media"),
        "CELERY_BROKER_URL": BROKER_URL,
        "CELERY_TASK_ALWAYS_EAGER": "True",  # the bench process renders its setup in-process
        "LOG_LEVEL": "WARNING",
        "AXES_ENABLED": "False",
        # A throw-away self-signed pair, like the tests' (halal_portal/signing.py).
        "PDF_SIGNING_KEY": str(tmp / "signing" / "key.pem"),
        "PDF_SIGNING_CERT": str(tmp / "signing" / "cert.pem"),
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from halal_portal.signing import create_self_signed

    create_self_signed(
        key_path=tmp / "signing" / "key.pem",
        cert_path=tmp / "signing" / "cert.pem",
        common_name="Bench",
    )
    return env


def seed() -> None:
    """Demo data, then the documents the demo lacks: a conclusion, decision letters and the
    production-check act's."""
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from accounts.models import User
    from certification import services
    from certification.models import Application, AppState

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    secretary = User.objects.filter(role_secretary=True).first()
    members = list(User.objects.filter(role_commission=True))
    submitted = Application.objects.filter(state=AppState.SUBMITTED).first()
    services.application_register(application=submitted, by=secretary, members=members)
    services.conclusion_save(
        application=submitted,
        by=secretary,
        outcome="refuse",
        text="В перечне сырья указан желатин без документов о его происхождении.",
        grounds="Не подтверждено происхождение желатина (ГОСТ 8.8).",
    )
    decide(
        submitted, "refuse", secretary, members, grounds="Желатин неустановленного происхождения."
    )
    checking = Application.objects.filter(state=AppState.PRODUCTION_CHECK).first()
    decide(
        checking,
        "suspend",
        secretary,
        members,
        grounds="Не ведется журнал санитарной обработки\nНет видеозаписи в цехе убоя",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    finish_production_act()


def finish_production_act() -> None:
    """The demo's act of Annex Ж is half-way: finish it, approve, send and acknowledge it, so both
    of its documents (approved, and with the enterprise's receipt) are measured."""
    from accounts.models import AuthorizedBody, User
    from audits import services as audits
    from audits.models import ItemStatus, ProductionCheckAct

    act = ProductionCheckAct.objects.order_by("pk").first()
    if act is None:
        return
    auditor = act.created_by
    for number in range(1, 21):
        entries = [
            {
                "item": result.item_id,
                "result": ItemStatus.CONFORMS,
                "comment": "Соответствует",
                "revision": result.revision,
            }
            for result in act.results.filter(item__section__number=number, result="not_checked")
        ]
        if entries:
            audits.section_save(act=act, by=auditor, section=number, entries=entries)
    audits.act_update(
        act=act,
        by=auditor,
        data={
            "conclusions": "Предприятие способно стабильно выпускать продукцию «Халяль».",
            "stable_production": True,
        },
    )
    act = audits.act_submit(act=act, by=auditor)
    for member in act.production_check.team.select_related("user"):
        act = audits.act_sign(act=act, by=member.user)
    head = AuthorizedBody.get().head or User.objects.filter(role_head=True).first()
    act = audits.act_approve(act=act, by=head)
    act = audits.act_send(act=act, by=User.objects.filter(role_secretary=True).first())
    organization = act.production_check.application.organization
    enterprise_head = organization.membership_set.filter(is_admin=True).first().user
    audits.act_acknowledge(act=act, by=enterprise_head)


def decide(application, question, secretary, members, **details) -> None:
    from django.utils import timezone

    from certification import services

    meeting = services.meeting_create(by=secretary, date=timezone.localdate())
    voters = [m for m in members if application.commission_members.filter(pk=m.pk).exists()]
    services.meeting_set_present(meeting=meeting, by=secretary, members=voters)
    item = services.agenda_item_add(
        meeting=meeting, by=secretary, application=application, question=question, **details
    )
    for member in voters:
        services.vote_cast(item=item, member=member, choice="for")
    services.meeting_close(meeting=meeting, by=secretary)


def median_ms(function, runs: int) -> float:
    function()  # warm: imports, caches
    function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def form_medians(runs: int) -> dict[str, float]:
    from halal_portal.models import RenderedDocument
    from halal_portal.rendering import kinds, render_bytes

    results = {}
    for kind in kinds():
        document = RenderedDocument.objects.filter(kind=kind).order_by("pk").first()
        if document is None:
            print(f"  {kind}: no document in the demo data")
            continue
        results[kind] = median_ms(lambda d=document: render_bytes(d.kind, d.snapshot), runs)
    return results


def signed_medians(runs: int) -> tuple[float, float, float]:
    """The certificate as stored (rendered as PDF/A and signed), bare WeasyPrint on the same HTML,
    and the signature alone: taken in turns within one loop, so that a busy machine slows all
    three alike and their ratio stays meaningful."""
    from django.template.loader import render_to_string
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from halal_portal.models import RenderedDocument
    from halal_portal.pdf import BASE_URL
    from halal_portal.rendering import issue_bytes, kind_of, render_bytes
    from halal_portal.signing import sign_pdf

    document = RenderedDocument.objects.filter(kind="certificate").order_by("pk").first()
    spec = kind_of("certificate")
    html = render_to_string(spec.template, spec.context(document.snapshot))
    pdf = render_bytes("certificate", document.snapshot)
    steps = {
        "issued": lambda: issue_bytes("certificate", document.snapshot),
        "bare": lambda: HTML(string=html, base_url=BASE_URL).write_pdf(
            font_config=FontConfiguration()
        ),
        "signature": lambda: sign_pdf(pdf),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for step in steps.values():  # warm
        step()
    for _ in range(runs):
        for name, step in steps.items():
            start = time.perf_counter()
            step()
            times[name].append((time.perf_counter() - start) * 1000)
    return tuple(statistics.median(times[name]) for name in steps)


def bare_ceiling(runs: int) -> float:
    """The certificate's finished HTML through WeasyPrint alone."""
    from django.template.loader import render_to_string
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from halal_portal.models import RenderedDocument
    from halal_portal.pdf import BASE_URL
    from halal_portal.rendering import kind_of

    document = RenderedDocument.objects.filter(kind="certificate").order_by("pk").first()
    spec = kind_of("certificate")
    html = render_to_string(spec.template, spec.context(document.snapshot))
    return median_ms(
        lambda: HTML(string=html, base_url=BASE_URL).write_pdf(font_config=FontConfiguration()),
        runs,
    )


# --- throughput with real worker processes ----------------------------------------------------


def redis_client():
    try:
        import redis

        client = redis.Redis.from_url(BROKER_URL)
        client.ping()
        return client
    except Exception as error:  # noqa: BLE001 — any failure means: no broker to measure with
        print(f"  Redis at {BROKER_URL} does not answer ({error}); throughput skipped")
        return None


def queue_copies(count: int) -> list[int]:
    """``count`` certificate documents with the demo certificate's snapshot, queued."""
    from halal_portal.models import DocumentStatus, RenderedDocument

    template = RenderedDocument.objects.filter(kind="certificate").order_by("pk").first()
    rows = RenderedDocument.objects.bulk_create(
        RenderedDocument(
            kind="certificate",
            content_type=template.content_type,
            object_id=1_000_000 + i,
            snapshot=template.snapshot,
            status=DocumentStatus.QUEUED,
        )
        for i in range(count)
    )
    return [row.pk for row in rows]


def reset(ids: list[int]) -> None:
    from halal_portal.models import DocumentStatus, RenderedDocument

    RenderedDocument.objects.filter(pk__in=ids).update(
        status=DocumentStatus.QUEUED, file="", sha256="", rendered_at=None
    )


def wait_ready(ids: list[int], timeout: float = 300) -> None:
    from halal_portal.models import DocumentStatus, RenderedDocument

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = RenderedDocument.objects.filter(pk__in=ids, status=DocumentStatus.READY).count()
        if done == len(ids):
            return
        time.sleep(0.02)
    raise SystemExit(f"timed out: {done} of {len(ids)} documents rendered")


def start_worker(env: dict, concurrency: int, log: Path) -> subprocess.Popen:
    worker_env = {**os.environ, **env, "CELERY_TASK_ALWAYS_EAGER": "False"}
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "halal_portal", "worker", "-P", "prefork",
             "-c", str(concurrency), "-n", f"bench{concurrency}@%h", "--loglevel=WARNING",
             "--without-gossip", "--without-mingle", "--without-heartbeat",
             "--prefetch-multiplier", "1"],
            cwd=ROOT, env=worker_env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    return process


def stop_worker(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


def throughput(env: dict, tmp: Path, concurrency: int, ids: list[int], rounds: int) -> float:
    """Documents per second with ``concurrency`` worker processes (median of ``rounds``)."""
    from halal_portal.celery import app
    from halal_portal.tasks import render_document_task

    app.conf.task_always_eager = False
    process = start_worker(env, concurrency, tmp / f"worker-{concurrency}.log")
    try:
        warm = ids[: 2 * concurrency]  # each pool process imports WeasyPrint and loads fonts
        reset(warm)
        for pk in warm:
            render_document_task.delay(pk)
        wait_ready(warm)
        rates = []
        for _ in range(rounds):
            reset(ids)
            start = time.perf_counter()
            for pk in ids:
                render_document_task.delay(pk)
            wait_ready(ids)
            rates.append(len(ids) / (time.perf_counter() - start))
        return statistics.median(rates)
    finally:
        stop_worker(process)
        app.conf.task_always_eager = True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="renders per form (median)")
    parser.add_argument("--tasks", type=int, default=40, help="documents per throughput round")
    parser.add_argument("--rounds", type=int, default=3, help="throughput rounds per setting")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="halal-pdf-bench-"))
    ok = True
    database_url, database = throwaway_database(tmp)
    try:
        env = setup_environment(tmp, database_url)
        started = time.perf_counter()
        seed()
        print(f"Demo data with rendered documents: {time.perf_counter() - started:.1f} s")

        print(f"\nMedian render time per form ({args.runs} runs, in-process):")
        medians = form_medians(args.runs)
        for kind, ms in medians.items():
            print(f"  {kind:<28} {ms:7.1f} ms")
        bare = bare_ceiling(args.runs)
        ratio = medians["certificate"] / bare
        print(f"\nCeiling: the certificate's HTML in bare WeasyPrint: {bare:.1f} ms")
        verdict = "ok" if ratio <= RATIO_TARGET else "MISSED"
        print(f"Pipeline / bare WeasyPrint: {ratio:.2f} (target ≤ {RATIO_TARGET}) {verdict}")
        ok &= ratio <= RATIO_TARGET
        issued, paired_bare, signature = signed_medians(args.runs)
        signed_ratio = issued / paired_bare
        print(f"\nCertificate rendered as PDF/A and signed (PAdES): {issued:.1f} ms; bare "
              f"WeasyPrint in the same loop: {paired_bare:.1f} ms; the signature alone: "
              f"{signature:.1f} ms")  # fmt: skip
        verdict = "ok" if signed_ratio <= SIGNED_RATIO_TARGET else "MISSED"
        print(f"Rendered + signed / bare WeasyPrint: {signed_ratio:.2f} "
              f"(target ≤ {SIGNED_RATIO_TARGET}) {verdict}")  # fmt: skip
        ok &= signed_ratio <= SIGNED_RATIO_TARGET

        client = redis_client()
        if client is not None:
            client.flushdb()
            ids = queue_copies(args.tasks)
            print(f"\nThroughput: {args.tasks} certificates queued at once, celery prefork, "
                  f"median of {args.rounds} rounds:")  # fmt: skip
            one = throughput(env, tmp, 1, ids, args.rounds)
            print(f"  1 worker process:  {one:5.1f} documents/s ({1000 / one:.0f} ms each)")
            two = throughput(env, tmp, 2, ids, args.rounds)
            print(f"  2 worker processes: {two:5.1f} documents/s ({1000 / two:.0f} ms each)")
            scaling = two / one
            verdict = "ok" if scaling >= SCALING_TARGET else "MISSED"
            print(f"  Scaling: {scaling:.2f}× (target ≥ {SCALING_TARGET}×) {verdict}")
            print(f"  (on {os.cpu_count()} CPUs; the bench process polls the database meanwhile)")
            ok &= scaling >= SCALING_TARGET
            client.flushdb()
    finally:
        if database:
            drop_database(database)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
