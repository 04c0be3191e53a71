"""Л.4.4: «серийное производство» and «партия № …» are stored as written, shown in the reader's
language, printed in Russian."""

import pytest
from django.utils import translation

from certification.batches import batch_label
from certification.documents import batch_text


@pytest.mark.parametrize(
    "stored", ["серийное производство", "serial production", "сериялық өндіріс"]
)
@pytest.mark.parametrize(
    ("language", "shown"),
    [("ru", "серийное производство"), ("en", "serial production"), ("kk", "сериялық өндіріс")],
)
def test_serial_production_reads_in_the_readers_language(stored, language, shown):
    with translation.override(language):
        assert batch_label(stored) == shown
    assert batch_text(stored) == "серийное производство"


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("ru", "партия № 112, 01.02.2026, 500 кг"),
        ("en", "batch No. 112, 01.02.2026, 500 кг"),
        ("kk", "№ 112 партия, 01.02.2026, 500 кг"),
    ],
)
def test_a_batch_number_reads_in_the_readers_language(language, shown):
    with translation.override(language):
        assert batch_label("партия № 112, 01.02.2026, 500 кг") == shown
        assert batch_label("№ 112 партия, 01.02.2026, 500 кг") == shown
    assert batch_text("batch No. 112, 01.02.2026, 500 кг") == "партия № 112, 01.02.2026, 500 кг"


def test_free_text_stays_as_written():
    assert batch_label("Партии 1–3 по 200 кг") == "Партии 1–3 по 200 кг"
