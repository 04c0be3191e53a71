"""Benchmark: label review, in-process and through the API, measured in the same run.

What it measures, on 1,000 realistic labels (names, ingredient lists of 6–14 items in Russian,
English and Kazakh, E-numbers in every spelling, animal species, ethanol, GMO and fish
statements, the sign and its certificate; generated from a fixed seed):

* in-process: ``labelling.selectors.reviews_of`` on the 1,000 labels, the knowledge base's index
  built and the word cache warm (best of 5 rounds; the first, cold round reported too);
  target: 1,000 labels in under 1 s;
* the batch API: ``POST /api/v1/labelling/reviews/batch/`` with 500 labels a request, two
  requests for the 1,000, one after the other, against gunicorn (2 sync workers) on loopback with
  a token; labels/s and the ratio to the in-process figure (target: ≥ 0.5), best of 5 rounds;
* the single-label API ``POST /api/v1/labelling/reviews/``: 1,000 requests one after another
  on a kept-alive connection, median and p99 latency.

How: a temporary directory holds an embedded-mode SQLite database (migrated: the knowledge base
is seeded by its data migration), a user with a token, and the settings' rate limits lifted for
the run (``LABELLING_API_*_RATE``). Nothing of the checkout is touched.

Run from the project root::

    .venv/bin/python bench/labelling.py [--rounds 5]

Exit status: 0 when the targets hold, 1 when one is missed, 2 when the benchmark could not run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GUNICORN = BIN / "gunicorn" if (BIN / "gunicorn").exists() else ROOT / ".venv" / "bin" / "gunicorn"
LABELS = 1_000
BATCH = 500
TARGET_IN_PROCESS_S = 1.0
TARGET_RATIO = 0.5

NAMES = [
    "Пахлава медовая", "Чак-чак", "Мармелад жевательный", "Печенье сахарное", "Колбаса вареная",
    "Сосиски говяжьи", "Кефир", "Сыр твердый", "Хлеб пшеничный", "Шоколад молочный", "Вафли",
    "Зефир ванильный", "Пельмени", "Консервы рыбные", "Майонез", "Кетчуп", "Йогурт клубничный",
    "Торт медовый", "Конфеты", "Halal jelly", "Chocolate bar", "Кәмпит", "Ветчина из индейки",
    "Безалкогольное пиво", "Чай ромашковый",
]  # fmt: skip
HALAL = [
    "мука пшеничная", "сахар", "вода", "соль", "масло подсолнечное", "молоко сухое", "яйца",
    "мед", "какао тертое", "какао-масло", "лецитин соевый", "крахмал картофельный", "патока",
    "лимонная кислота", "пектин", "агар", "ванилин", "разрыхлитель гидрокарбонат натрия",
    "масло сливочное", "изюм", "орехи грецкие", "специи", "перец черный", "чеснок", "лук",
    "томатная паста", "уксус", "рыба минтай", "сорбат калия", "каррагинан", "ксантановая камедь",
]  # fmt: skip
DOUBTFUL = [
    "желатин", "желатин говяжий", "эмульгатор Е471", "эмульгатор e-471", "глицерин", "E 422",
    "ароматизатор натуральный", "сыворотка молочная сухая", "сычужный фермент", "закваска",
    "говядина", "мясо куриное", "жир животный", "оболочка натуральная", "Е920", "«Е-471»",
    "дрожжевой экстракт", "спирт этиловый",
]  # fmt: skip
HARAM = ["свиной жир", "кармин", "E120", "желатин свиной", "вино красное", "кровь"]
ENGLISH = ["wheat flour", "sugar", "gelatin (bovine)", "glucose syrup", "citric acid", "salt"]
KAZAKH = ["қант", "сүт", "тұз", "бидай ұны", "шошқа майы", "желатин"]


def make_labels(count: int, seed: int = 13) -> list[dict]:
    rng = random.Random(seed)
    labels = []
    for n in range(count):
        name = rng.choice(NAMES)
        language = "en" if name.isascii() else "kk" if name == "Кәмпит" else "ru"
        pool = {"en": ENGLISH, "kk": KAZAKH}.get(language)
        if pool:
            items = rng.sample(pool, k=4)
        else:
            items = rng.sample(HALAL, k=rng.randint(5, 11))
            items += rng.sample(DOUBTFUL, k=rng.choice([0, 0, 1, 1, 2]))
            if rng.random() < 0.08:
                items.append(rng.choice(HARAM))
            rng.shuffle(items)
        label = {"name": name, "ingredients": "Состав: " + ", ".join(items), "language": language}
        if n % 7 == 0:
            label |= {"alcohol_percent": rng.choice(["0.3", "0.9", "1.5"])}
            label |= {"alcohol_source": rng.choice(["industrial", "natural", "khamr"])}
        if n % 11 == 0:
            label |= {"gmo": True, "statements": "Продукция, полученная из ГМО"}
        if "рыб" in label["ingredients"]:
            label |= {"fish": True}
        if n % 5 == 0:
            label |= {"sign_diameter_mm": rng.choice(["15", "18", "12"])}
            label |= {"sign_print_method": "typographic", "certificate_number": "ХП.00001"}
        labels.append(label)
    return labels


class BenchError(Exception):
    pass


IN_PROCESS = """
import json, sys, time
import django
django.setup()
from labelling.api import LabelInput
from labelling.review import Label
from labelling.selectors import reviews_of

raw = json.load(open(sys.argv[1]))
serializer = LabelInput(data=raw, many=True)
serializer.is_valid(raise_exception=True)
labels = [Label.from_data(item) for item in serializer.validated_data]
rounds = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    reviews = reviews_of(labels)
    rounds.append(time.perf_counter() - start)
verdicts = {}
for review in reviews:
    verdicts[review.verdict] = verdicts.get(review.verdict, 0) + 1
print(json.dumps({"rounds": rounds, "verdicts": verdicts}))
"""

SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from accounts.models import User
from rest_framework.authtoken.models import Token
user = User.objects.create_user(email="bench@example.com", password="bench-pass-2026")
print(Token.objects.create(user=user).key)
"""


def bench_env(tmp: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CACHE_", "REDIS_", "CELERY_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "halal_portal.settings",
            "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
            "DJANGO_DEBUG": "false",
            "MEDIA_ROOT": str(tmp / "media"),
            "LABELLING_API_ANON_RATE": "1000000/minute",
            "LABELLING_API_USER_RATE": "1000000/minute",
            "PYTHONPATH": str(ROOT),
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def run_python(code: str, args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BenchError(result.stderr[-3000:])
    return result.stdout.strip().splitlines()[-1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    args = [str(GUNICORN), "halal_portal.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"]
    args += ["--error-logfile", str(log), "--timeout", "120"]
    process = subprocess.Popen(args, cwd=ROOT, env=env, start_new_session=True)
    for _ in range(150):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise BenchError(f"gunicorn did not start; see {log}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def post(conn: http.client.HTTPConnection, path: str, body: bytes, token: str) -> dict:
    headers = {
        "Content-Type": "application/json",
        "Authorization": f"Token {token}",
        "Accept-Language": "ru",
    }
    conn.request("POST", path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        raise BenchError(f"{path}: {response.status} {data[:500]!r}")
    return json.loads(data)


def batch_rounds(port: int, labels: list[dict], token: str, rounds: int) -> list[float]:
    bodies = [
        json.dumps({"labels": labels[i : i + BATCH]}).encode() for i in range(0, len(labels), BATCH)
    ]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for body in bodies:  # warm both workers' indexes and word caches
        post(conn, "/api/v1/labelling/reviews/batch/", body, token)
        post(conn, "/api/v1/labelling/reviews/batch/", body, token)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for body in bodies:
            post(conn, "/api/v1/labelling/reviews/batch/", body, token)
        times.append(time.perf_counter() - start)
    conn.close()
    return times


def single_latencies(port: int, labels: list[dict], token: str) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    bodies = [json.dumps(label).encode() for label in labels]
    for body in bodies[:50]:
        post(conn, "/api/v1/labelling/reviews/", body, token)
    latencies = []
    for body in bodies:
        start = time.perf_counter()
        post(conn, "/api/v1/labelling/reviews/", body, token)
        latencies.append((time.perf_counter() - start) * 1000)
    conn.close()
    return latencies


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    labels = make_labels(LABELS)
    with tempfile.TemporaryDirectory(prefix="labelling-bench-") as name:
        tmp = Path(name)
        env = bench_env(tmp)
        print("Migrating a throw-away SQLite database (seeds the knowledge base)…", flush=True)
        token = run_python(SETUP, [], env)
        source = tmp / "labels.json"
        source.write_text(json.dumps(labels, ensure_ascii=False))
        result = json.loads(run_python(IN_PROCESS, [str(source), str(args.rounds + 1)], env))
        cold, warm = result["rounds"][0], min(result["rounds"][1:])
        port = free_port()
        server = start_gunicorn(env, port, tmp / "gunicorn.log")
        try:
            batch = min(batch_rounds(port, labels, token, args.rounds))
            single = single_latencies(port, labels, token)
        finally:
            stop(server)
    in_process_rate, api_rate = LABELS / warm, LABELS / batch
    ratio = api_rate / in_process_rate
    print(f"\nLabel review benchmark: {LABELS:,} labels, verdicts {result['verdicts']}")
    print(f"  in-process, cold first round  {cold:7.3f} s  {LABELS / cold:8.0f} labels/s")
    print(f"  in-process, warm (best)       {warm:7.3f} s  {in_process_rate:8.0f} labels/s")
    print(f"  batch API, {BATCH} a request    {batch:7.3f} s  {api_rate:8.0f} labels/s")
    print(f"  batch API / in-process        {ratio:7.2f}   (target >= {TARGET_RATIO})")
    print(
        f"  single-label API              median {statistics.median(single):.1f} ms, "
        f"p99 {percentile(single, 0.99):.1f} ms ({len(single)} requests, gunicorn 2 sync workers)"
    )
    ok = warm < TARGET_IN_PROCESS_S and ratio >= TARGET_RATIO
    print("  targets:", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"benchmark could not run: {error}", file=sys.stderr)
        sys.exit(2)
