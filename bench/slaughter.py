"""Benchmark: 10,000 stunning readings validated and stored through the API, against the same
readings validated (and stored) in-process, in one run.

What it measures, each as the median of several runs over the same 10,000 readings (95 % within
Table 1, 5 % outside, one batch of steers):

- in-process: ``parse_readings`` + ``check_readings`` (the API's own validation, no HTTP), and
  the same followed by ``stunning_readings_store`` (bulk insert in one transaction);
- for reference, DRF's serializer per reading (``ReadingInput(many=True).is_valid()``) — the
  figure behind the hand-written parser (slaughter/rules/readings.py);
- API: ``POST /api/v1/slaughter/stunning-checks/`` to one gunicorn sync worker over HTTP with a
  token, without ``batch`` (validate) and with it (validate and store).

It prints readings/s for each and the ratios API / in-process (validate, validate+store).
Targets (issue 14): 10,000 readings stored through the API in under 1 s; API ≥ 0.5× in-process.
Exit 1 when a target is missed, 2 when the benchmark could not run.

Database: a throw-away PostgreSQL database (``SLAUGHTER_BENCH_POSTGRES``, default
``postgres://postgres@127.0.0.1:5432/halal_slaughter_bench``, dropped and made anew), SQLite in
the temporary directory when PostgreSQL cannot be reached. Run from the project root::

    .venv/bin/python bench/slaughter.py [--runs 5]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GUNICORN = BIN / "gunicorn" if (BIN / "gunicorn").exists() else ROOT / ".venv" / "bin" / "gunicorn"
POSTGRES = os.environ.get(
    "SLAUGHTER_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/halal_slaughter_bench"
)
READINGS = 10_000
STORE_CEILING_S = 1.0
MIN_RATIO = 0.5

SETUP = r"""
import datetime, io, json
from decimal import Decimal
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter
from rest_framework.authtoken.models import Token
from accounts.models import Membership, Organization, User
from slaughter import services
from slaughter.rules.people import REQUIRED_DOCUMENTS

def pdf():
    writer = PdfWriter(); writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO(); writer.write(buffer)
    return SimpleUploadedFile("doc.pdf", buffer.getvalue(), content_type="application/pdf")

today = timezone.localdate()
user = User.objects.create_user(email="bench-controller@example.com", password="x",
                                email_confirmed=True, is_active=True,
                                last_name="Бенчмарков", first_name="Тест")
org = Organization.objects.create(full_name="ООО «Бойня-бенч»", legal_address="г. Казань",
                                  tax_id="1600000002", phone="+7", head_name="Бенчмарков Т. Т.")
Membership.objects.create(organization=org, user=user, is_admin=True)
house = services.slaughterhouse_create(organization=org, by=user, data={"name": "Бойня"})
line = services.line_create(slaughterhouse=house, by=user,
                            data={"name": "Линия", "video_recording": True})
knife = services.knife_register(line=line, by=user, data={
    "label": "Нож", "blade_length_mm": Decimal("400"), "material": "stainless_steel",
    "registered_on": today - datetime.timedelta(days=30)})
people = {}
for role, name in (("controller", "Контролер"), ("slaughterer", "Боец 1"),
                   ("slaughterer", "Боец 2"), ("operator", "Оператор")):
    worker = services.worker_register(slaughterhouse=house, by=user, data={
        "role": role, "full_name": name, "birth_date": datetime.date(1980, 1, 1),
        "user": user if role == "controller" else None,
        "since": today - datetime.timedelta(days=30)})
    for kind, _clause in REQUIRED_DOCUMENTS[role]:
        services.worker_document_add(worker=worker, by=user, upload=pdf(), data={
            "kind": kind, "issuer": "ДУМ", "number": "1",
            "issued_on": today - datetime.timedelta(days=30),
            "valid_to": today + datetime.timedelta(days=300)})
    people.setdefault(role, []).append(worker)
yes = dict.fromkeys(("name_pronounced", "veterinary_screened", "animals_rested",
    "pregnant_excluded", "cut_vessels", "head_kept", "blood_flowing", "video_recorded",
    "death_confirmed"), True)
entry = services.slaughter_entry_record(organization=org, by=user, data={
    **yes, "date": today, "line": line, "species": "steers", "head_count": 500,
    "veterinary_document": "ВСД", "method": "manual", "slaughterers": people["slaughterer"],
    "knife": knife, "neck_width_mm": Decimal("180"), "stunning": "electrical",
    "stunning_operator": people["operator"][0], "current_a": Decimal("2.0"),
    "duration_s": Decimal("2.5"), "stun_to_slaughter_s": 90})
print(json.dumps({"batch": entry.pk, "token": Token.objects.create(user=user).key}))
"""

IN_PROCESS = r"""
import json, statistics, sys, time
import django
django.setup()
from accounts.models import User
from slaughter.api import ReadingInput
from slaughter.models import SlaughterEntry
from slaughter.rules.readings import check_readings, parse_readings
from slaughter.services import stunning_readings_store

payload = json.loads(open(sys.argv[1]).read(), parse_float=__import__("decimal").Decimal)
runs, batch = int(sys.argv[2]), int(sys.argv[3])
entry = SlaughterEntry.objects.select_related("organization", "slaughterhouse").get(pk=batch)
user = User.objects.get(email="bench-controller@example.com")

def median(fn):
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall); cpus.append(time.process_time() - cpu)
    return [statistics.median(walls), statistics.median(cpus)]

def validate():
    readings, errors = parse_readings(payload["readings"])
    assert not errors, errors[:3]
    return readings, check_readings(readings)

def validate_and_store():
    readings, deviations = validate()
    stunning_readings_store(entry=entry, by=user, readings=readings, deviations=deviations)

def drf():
    serializer = ReadingInput(data=payload["readings"], many=True)
    assert serializer.is_valid(), serializer.errors[:3]

print(json.dumps({"validate": median(validate), "store": median(validate_and_store),
                  "drf": median(drf)}))
"""


class BenchError(RuntimeError):
    """The benchmark could not run."""


def readings() -> list[dict]:
    """10,000 readings of steers: every twentieth outside Table 1's 1.50–2.50 A."""
    return [
        {
            "species": "steers",
            "stunning": "electrical",
            "current_a": f"{(2.7 if i % 20 == 0 else 1.5 + (i % 1000) / 1000):.3f}",
            "duration_s": "2.500",
            "stun_to_slaughter_s": 60 + i % 100,
            "taken_at": f"2026-05-12T{8 + i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}+03:00",
        }
        for i in range(READINGS)
    ]


def bench_env(tmp: Path, database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "halal_portal.settings",
            "DJANGO_ENV": "embedded",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(tmp / "media"),
            "DJANGO_DEBUG": "false",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "AXES_ENABLED": "false",
            "AWS_STORAGE_BUCKET_NAME": "",
            "CELERY_BROKER_URL": "",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def fresh_postgres() -> str | None:
    """Drop and create the bench database; None when PostgreSQL cannot be reached."""
    try:
        import psycopg
    except ImportError:
        return None
    url = urlparse(POSTGRES)
    name = url.path.lstrip("/")
    admin = url._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        return None
    return POSTGRES


def drop_postgres() -> None:
    import psycopg

    url = urlparse(POSTGRES)
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.path.lstrip("/")}" WITH (FORCE)')


def run(args: list[str], env: dict[str, str], what: str) -> str:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BenchError(f"{what} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(port: int, token: str, body: bytes) -> tuple[int, float, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Content-Type": "application/json", "Authorization": f"Token {token}"}
    try:
        start = time.perf_counter()
        conn.request("POST", "/api/v1/slaughter/stunning-checks/", body=body, headers=headers)
        response = conn.getresponse()
        content = response.read()
        return response.status, time.perf_counter() - start, content
    finally:
        conn.close()


def wait_healthy(master: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if master.poll() is not None:
            raise BenchError(f"gunicorn exited ({master.returncode})")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise BenchError("/healthz/ did not answer within 60 s")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (``/proc/<pid>/stat``), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def the_worker(master: subprocess.Popen) -> int:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == master.pid:
                return int(entry.name)
    raise BenchError("no gunicorn worker found")


def api_median(
    port: int, token: str, body: bytes, runs: int, expected: int, worker: int
) -> list[float]:
    """Median wall time seen by the client, and median CPU time the worker spent."""
    post(port, token, body)  # warm the worker up
    walls, cpus = [], []
    for _ in range(runs):
        before = cpu_seconds(worker)
        status, seconds, content = post(port, token, body)
        if status != expected:
            raise BenchError(f"the API answered {status}: {content[:500]!r}")
        walls.append(seconds)
        cpus.append(cpu_seconds(worker) - before)
    return [statistics.median(walls), statistics.median(cpus)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="slaughter-bench-"))
    postgres = fresh_postgres()
    database = postgres or f"sqlite:///{tmp / 'bench.sqlite3'}"
    env = bench_env(tmp, database)
    master = None
    try:
        run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], env, "migrate")
        fixture = json.loads(run([sys.executable, "-c", SETUP], env, "fixture setup"))
        payload = {"readings": readings()}
        payload_file = tmp / "readings.json"
        payload_file.write_text(json.dumps(payload))
        local = json.loads(
            run(
                [
                    sys.executable,
                    "-c",
                    IN_PROCESS,
                    str(payload_file),
                    str(args.runs),
                    str(fixture["batch"]),
                ],
                env,
                "in-process measurement",
            )
        )
        port = free_port()
        master = subprocess.Popen(
            [
                str(GUNICORN),
                "halal_portal.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "1",
                "--timeout",
                "300",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_healthy(master, port)
        worker = the_worker(master)
        validate_body = json.dumps(payload).encode()
        store_body = json.dumps({**payload, "batch": fixture["batch"]}).encode()
        api_validate = api_median(port, fixture["token"], validate_body, args.runs, 200, worker)
        api_store = api_median(port, fixture["token"], store_body, args.runs, 201, worker)
    except BenchError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 2
    finally:
        if master is not None and master.poll() is None:
            master.send_signal(signal.SIGTERM)
            master.wait(timeout=30)
        if postgres:
            drop_postgres()
        shutil.rmtree(tmp, ignore_errors=True)

    def rate(times: list[float]) -> str:
        wall, cpu = times
        speed = f"{READINGS / wall:>8,.0f} readings/s"
        return f"{speed}  {wall * 1000:7.1f} ms wall, {cpu * 1000:6.0f} ms CPU"

    engine = "PostgreSQL" if postgres else "SQLite"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"database: {engine}; {READINGS:,} readings, median of {args.runs} runs")
    print(f"load average (1, 5, 15 min): {load} on {os.cpu_count()} CPUs")
    print(f"in-process validate           {rate(local['validate'])}")
    print(f"in-process validate + store   {rate(local['store'])}")
    print(f"DRF serializer validate       {rate(local['drf'])}  (reference, not used)")
    print(f"API validate                  {rate(api_validate)}")
    print(f"API validate + store          {rate(api_store)}")
    print("(API CPU: the gunicorn worker's; in-process CPU: the measuring process's)")
    ratio_validate = local["validate"][0] / api_validate[0]
    ratio_store = local["store"][0] / api_store[0]
    print(
        f"ratio API / in-process (wall): validate {ratio_validate:.2f}, "
        f"validate + store {ratio_store:.2f}"
    )
    print(
        f"ratio API / in-process (CPU):  validate {local['validate'][1] / api_validate[1]:.2f}, "
        f"validate + store {local['store'][1] / api_store[1]:.2f}"
    )
    api_store = api_store[0]
    failed = []
    if api_store >= STORE_CEILING_S:
        failed.append(f"API store took {api_store:.2f} s (target < {STORE_CEILING_S:.0f} s)")
    if min(ratio_validate, ratio_store) < MIN_RATIO:
        failed.append(f"API below {MIN_RATIO}× of in-process")
    for line in failed:
        print(f"MISSED: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
