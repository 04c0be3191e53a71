"""The embedded mode on SQLite survives people acting at once (a meeting votes together): a
read-then-write transaction waits for the lock instead of failing with «database is locked»."""

import pytest

from tests.test_deploy import make_env, run_python

# Twenty threads, each with its own connection (Django's are per thread), each reading a counter
# and writing it back inside one transaction: what a vote or a form save does.
CONCURRENT_WRITES = """
import threading, time
import django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE counter (n integer)")
    cursor.execute("INSERT INTO counter VALUES (0)")
connection.close()

errors = []
barrier = threading.Barrier(20)

def vote():
    barrier.wait()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT n FROM counter")
            (n,) = cursor.fetchone()
            time.sleep(0.01)
            cursor.execute("UPDATE counter SET n = %s", [n + 1])
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=vote) for _ in range(20)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT n FROM counter")
    print("errors", len(errors), "count", cursor.fetchone()[0], errors[:1])
"""


@pytest.fixture
def sqlite_env(tmp_path):
    return make_env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", DJANGO_ENV=None)


def test_twenty_simultaneous_writers_all_succeed_on_sqlite(sqlite_env):
    result = run_python(["-c", CONCURRENT_WRITES], sqlite_env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "errors 0 count 20" in result.stdout, result.stdout


def test_sqlite_runs_in_write_ahead_log_mode(sqlite_env):
    script = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "cursor = connection.cursor(); cursor.execute('PRAGMA journal_mode')\n"
        "print(cursor.fetchone()[0])"
    )
    result = run_python(["-c", script], sqlite_env)
    assert result.stdout.strip() == "wal", result.stderr[-2000:]
