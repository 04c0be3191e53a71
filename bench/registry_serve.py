"""The registry benchmark's processes (registry.py): gunicorn, wrk and the run's keys in the
cache."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import redis
from registry_data import SEARCHES

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GUNICORN = BIN / "gunicorn" if (BIN / "gunicorn").exists() else ROOT / ".venv" / "bin" / "gunicorn"
PAGE = "/registry/"
API = "/api/v1/registry/certificates/"


class BenchError(Exception):
    pass


# --- Processes --------------------------------------------------------------------------------


def bench_env(tmp: Path, db_url: str, cache_url: str, prefix: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "PYTHONPATH": os.pathsep.join([str(tmp), str(ROOT)]),
            "DJANGO_ENV": "embedded",
            "DATABASE_URL": db_url,
            "DB_CONN_MAX_AGE": "600",  # persistent connections
            "CACHE_URL": cache_url,
            "CACHE_KEY_PREFIX": prefix,
            "DJANGO_DEBUG": "false",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "MEDIA_ROOT": str(tmp / "media"),
            "AWS_STORAGE_BUCKET_NAME": "",
            "CELERY_BROKER_URL": "",
            "AXES_ENABLED": "false",
            "REGISTRY_API_RATE": "1000000000/second",  # the limit stays in the path, never hit
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def run_quiet(args: list[str], env: dict[str, str], what: str) -> str:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BenchError(f"{what} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


def in_process(mode: str, argument, env: dict[str, str]):
    script = str(ROOT / "bench" / "registry_inprocess.py")
    # -P: bench/ stays off sys.path, where this file would shadow the registry app.
    out = run_quiet([sys.executable, "-P", script, mode, json.dumps(argument)], env, mode)
    return json.loads(out.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(GUNICORN),
            "halal_portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--timeout",
            "120",
            "--worker-tmp-dir",
            "/dev/shm" if Path("/dev/shm").is_dir() else tempfile.gettempdir(),
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=2) as r:
                if r.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise BenchError(f"gunicorn did not start; see {log}:\n{log.read_text()[-2000:]}")


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


# --- The cache --------------------------------------------------------------------------------

ANSWER = re.compile(r":registry:(?:page:\w+|detail):ХП\.(\d{5})$")


def clear_answers(cache_url: str, prefix: str, keep: int) -> int:
    """Delete the kept answers of the run (its key prefix only) except those of certificates
    1..``keep``, the warm runs' set. Returns how many were deleted."""
    client = redis.Redis.from_url(cache_url)
    doomed = []
    for key in client.scan_iter(match=f"{prefix}:*", count=10_000):
        match = ANSWER.search(key.decode())
        if match and int(match.group(1)) > keep:
            doomed.append(key)
    for start in range(0, len(doomed), 10_000):
        client.unlink(*doomed[start : start + 10_000])
    return len(doomed)


def forget_run(cache_url: str, prefix: str) -> None:
    client = redis.Redis.from_url(cache_url)
    for key in client.scan_iter(match=f"{prefix}:*", count=10_000):
        client.unlink(key)


def warm_up(port: int, numbers: range) -> None:
    """Ask once for the page and the API detail of each of ``numbers`` (one keep-alive
    connection), so that the warm runs find them kept."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for n in numbers:
        for prefix in (PAGE, API):
            connection.request("GET", prefix + quote(f"ХП.{n:05d}") + "/")
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise BenchError(f"warm-up of ХП.{n:05d} answered {response.status}")
    connection.close()


# --- wrk --------------------------------------------------------------------------------------

LUA = """
math.randomseed(__SEED__)
local prefix = "__PREFIX__"
local mode = "__MODE__"
local queries = {__QUERIES__}
local low, high = __LOW__, __HIGH__
local next_number = low
request = function()
  local path
  if mode == "search" then
    path = prefix .. queries[math.random(#queries)]
  else
    local n
    if mode == "random" then
      n = math.random(low, high)
    else  -- "sequence": each number once, so that every request is the first for its number
      n = next_number
      next_number = next_number + 1
      if next_number > high then next_number = low end
    end
    -- ХП.NNNNN, percent-encoded («%" is written «%%» in Lua's format)
    path = prefix .. string.format("%%D0%%A5%%D0%%9F.%05d/", n)
  end
  return wrk.format("GET", path)
end
"""


def wrk_script(tmp: Path, name: str, prefix: str, mode: str, low: int, high: int) -> Path:
    queries = ",".join(f'"{quote(q)}"' for q in SEARCHES)
    text = LUA.replace("__PREFIX__", prefix).replace("__MODE__", mode).replace("__SEED__", "42")
    text = text.replace("__QUERIES__", queries).replace("__LOW__", str(low))
    path = tmp / f"{name.replace(' ', '-')}.lua"
    path.write_text(text.replace("__HIGH__", str(high)))
    return path


def to_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url: str, script: Path, args) -> dict:
    out = subprocess.run(
        [
            "wrk",
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{args.duration}s",
            "--latency",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p99": to_ms(re.search(r"\s99%\s+([\d.]+\w+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "non2xx": int(errors.group(1)) if errors else 0,
    }
