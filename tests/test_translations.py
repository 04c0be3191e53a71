"""Every UI language is complete: each message of the code is in the ru, kk and en catalogs, and
none is left untranslated or fuzzy.

English is the language of the msgids: an English entry may leave its msgstr empty (gettext then
shows the msgid as written), unless the msgid itself is not English (Cyrillic terms such as
«УНП / БИН / ИНН» need an English rendering). Russian and Kazakh translate every msgid.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.i18n.detector import cyrillic_words

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("ru", "kk", "en")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sd%]")


def catalog(language: str) -> Path:
    return ROOT / "locale" / language / "LC_MESSAGES" / "django.po"


def entries(language: str, *flags: str) -> list[str]:
    out = subprocess.run(
        ["msgattrib", *flags, "--no-obsolete", "--no-wrap", str(catalog(language))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # The header is the one entry with an empty msgid.
    return [
        block for block in out.split("\n\n") if "msgid" in block and 'msgid ""\nmsgstr' not in block
    ]


def field(block: str, name: str) -> str:
    return "".join(re.findall(rf'^{name} "(.*)"$', block, flags=re.M))


def test_every_ui_language_is_offered():
    assert [code for code, _name in settings.LANGUAGES] == list(LANGUAGES)


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_no_message_is_untranslated(language):
    assert entries(language, "--untranslated") == []


def test_no_english_message_stays_in_another_script():
    # An English msgid needs no msgstr; Cyrillic words in it would show as they are. The
    # standard's designations («Annex Д», «Л.4.4», «ХП.00001») stay as the standard writes them.
    shown = [
        field(block, "msgstr") or field(block, "msgid")
        for block in entries("en")
        if "msgid_plural" not in block
    ]
    assert [text for text in shown if cyrillic_words(text)] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_is_fuzzy(language):
    assert entries(language, "--only-fuzzy") == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_compiles_with_its_format_checks(language):
    # --check: placeholders of python-format entries match, plural forms agree with the header.
    subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(catalog(language))],
        check=True,
        capture_output=True,
    )


def test_kazakh_is_kazakh_not_a_copy_of_the_english():
    # A Kazakh msgstr with no Cyrillic at all is an English text copied over, unless the
    # msgid has no word to translate («SHA-256», «%(number)s: %(event)s»).
    copied = []
    for block in entries("kk", "--translated"):
        words = re.findall(r"[A-Za-z]{3,}", PLACEHOLDER.sub("", field(block, "msgid")))
        words = [word for word in words if word not in {"SHA", "PDF"}]
        translated = field(block, "msgstr") + "".join(
            re.findall(r'^msgstr\[\d\] "(.*)"$', block, re.M)
        )
        if words and not CYRILLIC.search(translated):
            copied.append(block)
    assert copied == []


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    # makemessages on a copy of the tree: every msgid it finds must be in the committed catalogs.
    copy = tmp_path_factory.mktemp("messages") / "tree"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "media", "staticfiles", "node_modules", "*.sqlite3", "__pycache__"
        ),
    )
    languages = [arg for language in LANGUAGES for arg in ("-l", language)]
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *languages, "--no-obsolete", "-v0"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    return copy


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_covers_every_message_of_the_code(extracted, language):
    result = subprocess.run(
        [
            "msgcmp",
            "--use-untranslated",
            str(catalog(language)),
            str(extracted / catalog(language).relative_to(ROOT)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize(
    ("language", "text"), [("ru", "Подана"), ("kk", "Берілді"), ("en", "Submitted")]
)
def test_status_labels_follow_the_language(language, text):
    with translation.override(language):
        assert translation.gettext("Submitted") == text


def test_django_speaks_kazakh_too():
    # Django's own messages (validation, admin) come with Django's kk catalog.
    required = "This field is required."  # Django's msgid, not one of ours to extract
    with translation.override("kk"):
        assert CYRILLIC.search(translation.gettext(required))
