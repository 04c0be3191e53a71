"""Russian is the primary language: every message of the code has its translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
RU_PO = ROOT / "locale" / "ru" / "LC_MESSAGES" / "django.po"


def entries(*flags: str) -> list[str]:
    out = subprocess.run(
        ["msgattrib", *flags, "--no-obsolete", str(RU_PO)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # The header is the one entry with an empty msgid.
    return [
        block for block in out.split("\n\n") if "msgid" in block and 'msgid ""\nmsgstr' not in block
    ]


def test_no_russian_message_is_untranslated():
    assert entries("--untranslated") == []


def test_no_russian_message_is_fuzzy():
    assert entries("--only-fuzzy") == []


def test_catalog_covers_every_message_of_the_code(tmp_path):
    # makemessages on a copy of the tree: every msgid it finds must be in the committed catalog.
    copy = tmp_path / "tree"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "media", "staticfiles", "node_modules", "*.sqlite3", "__pycache__"
        ),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ru", "--no-obsolete", "-v0"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    result = subprocess.run(
        ["msgcmp", "--use-untranslated", str(RU_PO), str(copy / RU_PO.relative_to(ROOT))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize(("language", "text"), [("ru", "Подана"), ("en", "Submitted")])
def test_status_labels_follow_the_language(language, text):
    with translation.override(language):
        assert translation.gettext("Submitted") == text
