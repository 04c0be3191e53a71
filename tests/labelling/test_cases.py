"""The case table (cases.yaml): every label gets its verdict and exactly its findings, each
with its clause, from the service."""

import datetime

import pytest
from django.utils import translation

from labelling.models import IngredientChange
from labelling.review import Label
from labelling.selectors import reviews_of

from .conftest import CASES, expected, label_of

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 1)


def test_the_table_has_at_least_80_cases_with_unique_ids():
    ids = [case["id"] for case in CASES]
    assert len(ids) >= 80 and len(set(ids)) == len(ids)


def test_every_case_gets_its_verdict_and_findings(certificates):
    reviews = reviews_of([label_of(case) for case in CASES], today=TODAY)
    wrong = {}
    for case, review in zip(CASES, reviews, strict=True):
        got = (review.verdict, [[f.code, f.clause] for f in review.findings])
        if got != expected(case):
            wrong[case["id"]] = got
    assert wrong == {}


def test_every_finding_points_into_its_field(certificates):
    labels = [label_of(case) for case in CASES]
    for label, review in zip(labels, reviews_of(labels, today=TODAY), strict=True):
        for finding in review.findings:
            if finding.start is None:
                continue
            text = getattr(label, finding.field)
            assert 0 <= finding.start < finding.end <= len(text)


def test_a_review_says_which_knowledge_it_used(certificates):
    (review,) = reviews_of([label_of(CASES[0])], today=TODAY)
    assert review.knowledge_version == IngredientChange.objects.latest("pk").pk


def test_the_findings_read_in_russian():
    label = Label(name="Мармелад", ingredients="сахар, желатин")
    with translation.override("ru"):
        (review,) = reviews_of([label], today=TODAY)
    assert "вид животного" in review.findings[0].message


def test_the_finding_marks_the_words_that_triggered_it():
    label = Label(name="Мармелад", ingredients="сахар, желатин, пектин")
    (review,) = reviews_of([label], today=TODAY)
    finding = review.findings[0]
    assert label.ingredients[finding.start : finding.end] == "желатин"
