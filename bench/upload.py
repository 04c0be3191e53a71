"""Benchmark: a 100 MiB dossier upload streams to disk and never sits in a worker's memory.

What it measures: the peak resident memory (``VmHWM`` in ``/proc/<pid>/status``) of one gunicorn
sync worker serving the real API endpoint ``POST /api/v1/applications/<id>/documents/`` while a
valid PDF of just over 100 MiB is uploaded to it. If the request body, Django's multipart parser,
the content check (hashing, pypdf) or the storage write held the file in memory, the peak would
grow by at least the file size; streaming keeps the growth to a few MiB.

How: everything runs in a throw-away directory - an embedded-mode portal (SQLite, local media,
``FILE_UPLOAD_TEMP_DIR`` inside it), migrated, with an applicant, an organization and a draft
application; the PDF is written to disk by hand (one page plus a 100 MiB embedded file, with a
correct xref table) so the benchmark itself never holds it either. gunicorn (``-w 1``) serves the
portal; the script gets an API token, warms the worker up with a small upload, resets the
worker's peak-RSS counter where the kernel allows it, then streams the big multipart body from
disk in 1 MiB chunks and checks the answer (201, same SHA-256 as computed locally).

Run from the project root::

    .venv/bin/python bench/upload.py

The exit status is 1 when the peak grew by more than half the file size (the file was loaded
into memory) and 2 when the benchmark itself could not run (server did not start, upload
refused...).
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GUNICORN = BIN / "gunicorn" if (BIN / "gunicorn").exists() else ROOT / ".venv" / "bin" / "gunicorn"

MIB = 1024 * 1024
BLOB_MIB = 100  # the embedded file; the PDF around it adds under a kilobyte
CHUNK = MIB
# Above this share of the file size the growth means the file was read into memory.
MAX_GROWTH_RATIO = 0.5

EMAIL = "bench-applicant@example.com"
PASSWORD = "bench-" + secrets.token_urlsafe(12)
DOCUMENT_TYPE = "legal-status"

SETUP_SNIPPET = """
import json, sys
import django
django.setup()
from accounts.models import User
from accounts.services import organization_create
from certification.services import application_create

email, password = sys.argv[1], sys.argv[2]
user = User.objects.create_user(
    email=email, password=password, email_confirmed=True, is_active=True,
    last_name="Бенчмарков", first_name="Тест",
)
organization = organization_create(by=user, data={
    "full_name": "ООО «Бенчмарк Халяль»",
    "legal_address": "420000, г. Казань, ул. Баумана, д. 1",
    "country": "Россия",
    "tax_id": "1600000001",
    "phone": "+7 843 000-00-00",
    "head_name": "Бенчмарков Т. Т.",
})
application = application_create(organization=organization, by=user)
print(json.dumps({"application": application.pk}))
"""


class BenchError(RuntimeError):
    """The benchmark could not run; not a verdict on streaming."""


@dataclass
class Memory:
    rss: int  # bytes
    hwm: int  # bytes


# --- Environment and fixtures ---------------------------------------------------------------


def bench_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "halal_portal.settings",
            "DJANGO_ENV": "embedded",
            "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
            "MEDIA_ROOT": str(tmp / "media"),
            "FILE_UPLOAD_TEMP_DIR": str(tmp / "uploads-tmp"),
            "UPLOAD_MAX_MB": "200",
            "DJANGO_DEBUG": "false",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "AXES_ENABLED": "false",
            # Local disk storage and in-process Celery, whatever the caller's shell says.
            "AWS_STORAGE_BUCKET_NAME": "",
            "CELERY_BROKER_URL": "",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def run_quiet(args: list[str], env: dict[str, str], what: str) -> str:
    """Run a command from the project root; its output is shown only when it fails."""
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BenchError(f"{what} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


def prepare_portal(env: dict[str, str]) -> int:
    """Migrate a fresh database and create the applicant's draft; return the application id."""
    run_quiet(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], env, "manage.py migrate"
    )
    out = run_quiet([sys.executable, "-c", SETUP_SNIPPET, EMAIL, PASSWORD], env, "fixture setup")
    return int(json.loads(out.strip().splitlines()[-1])["application"])


def write_pdf(path: Path, blob_bytes: int) -> None:
    """A valid one-page PDF carrying ``blob_bytes`` random bytes as an embedded file.

    Written object by object with a correct xref table, so a reader never has to scan (and a
    strict one accepts it); the blob goes to disk 1 MiB at a time.
    """
    offsets: list[int] = []
    with path.open("wb") as out:

        def obj(number: int, body: bytes) -> None:
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")

        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        obj(
            1,
            b"<< /Type /Catalog /Pages 2 0 R"
            b" /Names << /EmbeddedFiles << /Names [(blob.bin) 5 0 R] >> >> >>",
        )
        obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        obj(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>")
        offsets.append(out.tell())
        out.write(b"4 0 obj\n<< /Type /EmbeddedFile /Length %d >>\nstream\n" % blob_bytes)
        left = blob_bytes
        while left:
            n = min(CHUNK, left)
            out.write(os.urandom(n))
            left -= n
        out.write(b"\nendstream\nendobj\n")
        obj(5, b"<< /Type /Filespec /F (blob.bin) /UF (blob.bin) /EF << /F 4 0 R >> >>")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
        for offset in offsets:
            out.write(b"%010d 00000 n \n" % offset)
        out.write(
            b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(offsets) + 1, xref)
        )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --- Server ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as log_file:
        return subprocess.Popen(
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
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )


def stop_gunicorn(master: subprocess.Popen[bytes]) -> None:
    if master.poll() is not None:
        return
    master.send_signal(signal.SIGTERM)
    try:
        master.wait(timeout=30)
    except subprocess.TimeoutExpired:
        master.kill()
        master.wait()


def log_tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def wait_healthy(master: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if master.poll() is not None:
            raise BenchError(f"gunicorn exited ({master.returncode}):\n{log_tail(log)}")
        try:
            status, _body = request(port, "GET", "/healthz/")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchError(f"/healthz/ did not answer 200 within 60 s:\n{log_tail(log)}")


def children_of(pid: int) -> list[int]:
    """Child processes of ``pid``, from the parent field of every ``/proc/<n>/stat``."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        fields = stat.rpartition(")")[2].split()
        if int(fields[1]) == pid:
            children.append(int(entry.name))
    return children


def the_worker(master: subprocess.Popen[bytes]) -> int:
    workers = children_of(master.pid)
    if len(workers) != 1:
        raise BenchError(f"expected one gunicorn worker under {master.pid}, found {workers}")
    return workers[0]


def memory_of(pid: int) -> Memory:
    values: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _sep, rest = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            values[key] = int(rest.split()[0]) * 1024  # reported in kB
    return Memory(rss=values["VmRSS"], hwm=values["VmHWM"])


def reset_peak(pid: int) -> bool:
    """Reset VmHWM to the current RSS (Linux ``clear_refs`` 5); False where not allowed."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


# --- HTTP -----------------------------------------------------------------------------------


def request(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None
) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def get_token(port: int) -> str:
    status, body = request(
        port,
        "POST",
        "/api/v1/auth/token/",
        json.dumps({"email": EMAIL, "password": PASSWORD}).encode(),
        {"Content-Type": "application/json"},
    )
    if status != 200:
        raise BenchError(f"token request answered {status}: {body[:500]!r}")
    return json.loads(body)["token"]


def multipart_parts(boundary: str, filename: str) -> tuple[bytes, bytes]:
    """The multipart body around the file's bytes: (preamble, epilogue)."""
    preamble = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="document_type"\r\n\r\n'
        f"{DOCUMENT_TYPE}\r\n"
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        f"Content-Type: application/pdf\r\n\r\n"
    ).encode()
    epilogue = f"\r\n--{boundary}--\r\n".encode()
    return preamble, epilogue


def file_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            yield chunk


def upload(port: int, token: str, application: int, path: Path) -> tuple[int, dict, float]:
    """Stream a multipart upload of ``path``; return (status, JSON answer, seconds)."""
    boundary = "bench" + uuid.uuid4().hex
    preamble, epilogue = multipart_parts(boundary, path.name)
    length = len(preamble) + path.stat().st_size + len(epilogue)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        started = time.perf_counter()
        conn.putrequest("POST", f"/api/v1/applications/{application}/documents/")
        conn.putheader("Authorization", f"Token {token}")
        conn.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
        conn.putheader("Content-Length", str(length))
        conn.putheader("Accept", "application/json")
        conn.endheaders()
        conn.send(preamble)
        for chunk in file_chunks(path):
            conn.send(chunk)
        conn.send(epilogue)
        response = conn.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - started
    finally:
        conn.close()
    try:
        answer = json.loads(body)
    except ValueError:
        answer = {"raw": body[:500].decode(errors="replace")}
    return response.status, answer, elapsed


def check_upload_answer(status: int, answer: dict, expected_sha: str, what: str) -> None:
    if status != 201:
        raise BenchError(f"{what} upload answered {status}, expected 201: {answer}")
    if answer.get("sha256") != expected_sha:
        raise BenchError(
            f"{what} upload stored sha256 {answer.get('sha256')}, the file's is {expected_sha}"
        )


# --- Main -----------------------------------------------------------------------------------


def mib(n: float) -> float:
    return n / MIB


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="halal-bench-upload-"))
    master: subprocess.Popen[bytes] | None = None
    log = tmp / "gunicorn.log"
    try:
        (tmp / "uploads-tmp").mkdir()
        env = bench_env(tmp)
        application = prepare_portal(env)

        small, big = tmp / "warm-up.pdf", tmp / "big.pdf"
        write_pdf(small, 1024)
        write_pdf(big, BLOB_MIB * MIB)
        size = big.stat().st_size
        big_sha = sha256_of(big)

        port = free_port()
        master = start_gunicorn(env, port, log)
        wait_healthy(master, port, log)
        token = get_token(port)
        worker = the_worker(master)

        status, answer, _elapsed = upload(port, token, application, small)
        check_upload_answer(status, answer, sha256_of(small), "warm-up")

        warm = memory_of(worker)
        reset = reset_peak(worker)
        baseline = memory_of(worker).hwm if reset else warm.hwm

        status, answer, elapsed = upload(port, token, application, big)
        if the_worker(master) != worker:
            raise BenchError(f"the worker was replaced during the upload:\n{log_tail(log)}")
        after = memory_of(worker)
        check_upload_answer(status, answer, big_sha, "100 MiB")
        leftovers = list((tmp / "uploads-tmp").iterdir())
    except (BenchError, OSError, ValueError, KeyError, http.client.HTTPException) as error:
        # Exit 2, not 1: a broken run must not read as "the file was loaded into memory".
        print(f"benchmark could not run: {type(error).__name__}: {error}", file=sys.stderr)
        if log.exists() and not isinstance(error, BenchError):
            print(log_tail(log), file=sys.stderr)
        return 2
    finally:
        if master is not None:
            stop_gunicorn(master)
        shutil.rmtree(tmp, ignore_errors=True)

    growth = after.hwm - baseline
    ratio = growth / size
    rows = [
        ("file size", f"{mib(size):.1f} MiB"),
        ("upload wall time", f"{elapsed:.2f} s ({mib(size) / elapsed:.0f} MiB/s)"),
        ("worker RSS after warm-up", f"{mib(warm.rss):.1f} MiB"),
        ("worker peak RSS before", f"{mib(warm.hwm):.1f} MiB"),
        (
            "peak baseline for the upload",
            f"{mib(baseline):.1f} MiB"
            + (" (peak reset to RSS)" if reset else " (peak could not be reset)"),
        ),
        ("worker peak RSS after", f"{mib(after.hwm):.1f} MiB"),
        ("worker RSS after", f"{mib(after.rss):.1f} MiB"),
        ("peak growth during upload", f"{mib(growth):.1f} MiB"),
        ("growth / file size", f"{ratio:.3f}"),
        ("files left in FILE_UPLOAD_TEMP_DIR", str(len(leftovers))),
    ]
    width = max(len(name) for name, _value in rows)
    print(f"POST /api/v1/applications/<id>/documents/, one PDF (gunicorn -w 1, worker {worker})")
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    if ratio > MAX_GROWTH_RATIO:
        print(
            f"LOADED INTO MEMORY: peak RSS grew {mib(growth):.0f} MiB for a {mib(size):.0f} MiB "
            f"upload ({ratio:.2f} of the file size, limit {MAX_GROWTH_RATIO})"
        )
        return 1
    print(
        f"streams to disk: peak RSS grew {mib(growth):.0f} MiB for a {mib(size):.0f} MiB upload "
        f"({ratio:.2f} of the file size)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
