"""Concurrency guarantees on PostgreSQL: gap-free numbers across processes (GOST Л.4.1) and one
vote per member per question however many requests arrive at once (GOST 8.3)."""

import os
import subprocess
import sys
import threading
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone

from certification import selectors, services
from certification.models import AgendaItem, Counter, Vote, VoteChoice
from certification.services.numbering import NumbersExhausted, next_number
from tests.certification.workflow import issue

pytestmark = pytest.mark.django_db(transaction=True)
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and real concurrency need PostgreSQL"
)

PROCESSES = 8
NUMBERS_EACH = 200

# A fresh interpreter sets Django up once and forks the issuers from it (paying the start-up
# eight times would dominate the run on two cores). No connection is open at the fork, so each
# issuer opens its own. Once all are connected they start together and take ``count`` numbers,
# one transaction each; every ``every``-th transaction (shifted per issuer) fails after taking
# its number. A committed transaction leaves a «probe-N» row: the database itself lists the
# numbers that count. Prints how many transactions were rolled back.
ISSUERS = """
import multiprocessing
import sys

import django

django.setup()
from django.db import connection, transaction

from certification.models import Counter
from certification.services.numbering import next_number

processes, count, every = (int(a) for a in sys.argv[1:4])


class Failed(Exception):
    pass


def issue(offset, start, rolled_back):
    with connection.cursor() as cursor:
        # Only the row lock and the visibility of commits are under test, not durability:
        # not waiting for each WAL flush keeps the run short on a busy machine.
        cursor.execute("SET synchronous_commit TO off")
    start.wait(timeout=60)
    for i in range(count):
        try:
            with transaction.atomic():
                number = next_number("certificate", maximum=99999)
                Counter.objects.create(name=f"probe-{number}")
                if every and (i + offset) % every == 0:
                    raise Failed
        except Failed:
            with rolled_back.get_lock():
                rolled_back.value += 1
    connection.close()


fork = multiprocessing.get_context("fork")
start, rolled_back = fork.Barrier(processes), fork.Value("i", 0)
issuers = [fork.Process(target=issue, args=(k, start, rolled_back)) for k in range(processes)]
for issuer in issuers:
    issuer.start()
for issuer in issuers:
    issuer.join(timeout=120)
if any(issuer.exitcode != 0 for issuer in issuers):
    sys.exit("an issuer failed")
print(rolled_back.value)
"""


def _database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'])}"


def _issue_in_processes(*, every: int = 0) -> int:
    """Run PROCESSES issuers against the test database at once; return how many rolled back."""
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "halal_portal.settings",
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    connection.close()  # nothing of the test's own session may hold a lock meanwhile
    result = subprocess.run(
        [sys.executable, "-c", ISSUERS, str(PROCESSES), str(NUMBERS_EACH), str(every)],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        timeout=150,
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout)


def _committed_numbers() -> list[int]:
    names = Counter.objects.filter(name__startswith="probe-").values_list("name", flat=True)
    return sorted(int(name.removeprefix("probe-")) for name in names)


@postgresql_only
def test_eight_processes_take_contiguous_numbers():
    _issue_in_processes()
    assert _committed_numbers() == list(range(1, PROCESSES * NUMBERS_EACH + 1))


@postgresql_only
def test_rolled_back_numbers_are_reused_without_gaps():
    rolled_back = _issue_in_processes(every=10)
    committed = PROCESSES * NUMBERS_EACH - rolled_back
    assert rolled_back == PROCESSES * NUMBERS_EACH // 10
    assert _committed_numbers() == list(range(1, committed + 1))
    assert Counter.objects.get(name="certificate").value == committed


def test_number_after_the_maximum_is_refused():
    # GOST Л.4.1: five digits; the register stops rather than wrapping to 00000.
    Counter.objects.create(name="certificate", value=99999)
    with pytest.raises(NumbersExhausted), transaction.atomic():
        next_number("certificate", maximum=99999)


def test_the_last_number_is_still_issued():
    Counter.objects.create(name="certificate", value=99998)
    with transaction.atomic():
        assert next_number("certificate", maximum=99999) == 99999


class IssueFailed(Exception):
    pass


def test_a_rollback_returns_the_number():
    with pytest.raises(IssueFailed), transaction.atomic():
        next_number("certificate")
        raise IssueFailed  # e.g. the certificate row could not be written
    with transaction.atomic():
        assert next_number("certificate") == 1


def test_numbers_are_taken_only_inside_a_transaction():
    with pytest.raises(RuntimeError):
        next_number("certificate")


def _another_application_under_review(secretary, commission):
    from tests.factories import MembershipFactory, complete_application

    applicant = MembershipFactory().user
    application = services.application_create(
        organization=applicant.organizations.get(), by=applicant
    )
    complete_application(application, by=applicant)
    services.application_submit(application=application, by=applicant)
    return services.application_register(application=application, by=secretary, members=commission)


def test_certificates_issued_in_a_row_are_numbered_in_order(under_review, secretary, commission):
    second = _another_application_under_review(secretary, commission)
    for application in (under_review, second):
        issue(application, secretary=secretary, members=commission)
    numbers = [a.certificate.number for a in (under_review, second)]
    assert numbers == ["ХП.00001", "ХП.00002"]


@pytest.fixture
def agenda_item(under_review, secretary, commission):
    meeting = services.meeting_create(by=secretary, date=timezone.localdate())
    services.meeting_set_present(meeting=meeting, by=secretary, members=commission)
    return services.agenda_item_add(
        meeting=meeting, by=secretary, application=under_review, question="proceed"
    )


def _vote_at_once(item_pk: int, ballots: list[tuple]) -> list[Exception]:
    """Each (member, choice) is a request in its own thread with its own connection, all
    released together."""
    barrier = threading.Barrier(len(ballots))
    errors: list[Exception] = []

    def request(member, choice: str) -> None:
        try:
            item = AgendaItem.objects.select_related("application").get(pk=item_pk)
            barrier.wait(timeout=30)
            services.vote_cast(item=item, member=member, choice=choice)
        except Exception as error:  # noqa: BLE001 — reported by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=request, args=ballot) for ballot in ballots]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@postgresql_only
def test_twenty_identical_votes_at_once_leave_one(agenda_item, commission):
    errors = _vote_at_once(agenda_item.pk, [(commission[0], "for")] * 20)
    assert errors == []
    assert list(Vote.objects.values_list("member", "choice")) == [(commission[0].pk, "for")]


@postgresql_only
def test_twenty_different_votes_at_once_leave_one_of_them(agenda_item, commission):
    choices = [c.value for c in VoteChoice] * 7
    errors = _vote_at_once(agenda_item.pk, [(commission[0], c) for c in choices[:20]])
    assert errors == []
    assert Vote.objects.get().choice in set(choices)


@postgresql_only
def test_members_voting_at_once_each_keep_one_vote(agenda_item, commission):
    errors = _vote_at_once(agenda_item.pk, [(m, "for") for m in commission] * 5)
    assert errors == []
    assert selectors.tally(agenda_item)["for"] == 3
