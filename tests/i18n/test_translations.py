"""The .po catalogues are complete: every string of the code and templates is translated, none is fuzzy.

The completeness check runs `makemessages` (xgettext) on a temporary copy of the project, so the committed
catalogues are never touched. CI machines have GNU gettext (AMOE_REQUIRE_SERVICES=1 makes its absence a
failure); elsewhere that one check is skipped and the others still run.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

BASE_DIR = Path(settings.BASE_DIR)
CATALOGUES = sorted((BASE_DIR / "locale").glob("*/LC_MESSAGES/*.po"))
# The same command as the README's: `manage.py makemessages -l en --ignore=...`.
IGNORED = [".venv", "static/vendor", "node_modules"]
NOT_SOURCE = shutil.ignore_patterns(".venv", ".git", "node_modules", "vendor", "media", "private_media", "staticfiles",
                                    "screenshots", "docs", ".hypothesis", ".pytest_cache", ".ruff_cache", "__pycache__",
                                    "*.mo", "*.sqlite3", "*.png", "*.pdf")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%%")


def _label(entry: polib.POEntry) -> str:
    return repr(entry.msgid) + (f" ({entry.occurrences[0][0]})" if entry.occurrences else "")


def _translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_there_is_an_english_catalogue():
    assert BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po" in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_every_entry_is_translated_and_none_is_fuzzy(path):
    po = polib.pofile(str(path))
    assert not po.metadata_is_fuzzy or "fuzzy" not in po.metadata.get("Content-Type", ""), "the header is fuzzy"
    fuzzy = [_label(e) for e in po.fuzzy_entries() if not e.obsolete]
    untranslated = [_label(e) for e in po if not e.obsolete and not all(_translations(e))]
    assert not fuzzy, f"{len(fuzzy)} fuzzy entries in {path.name}:\n" + "\n".join(fuzzy)
    assert not untranslated, f"{len(untranslated)} untranslated entries in {path.name}:\n" + "\n".join(untranslated)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_translations_keep_the_placeholders_of_their_source(path):
    wrong = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        expected = set(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for text in _translations(entry):
            if text and not set(PLACEHOLDER.findall(text)) <= expected:
                wrong.append(f"{_label(entry)} -> {text!r}")
    assert not wrong, "placeholders that the source does not have:\n" + "\n".join(wrong)


def test_the_catalogues_cover_every_string_of_the_code_and_templates(tmp_path):
    if shutil.which("xgettext") is None:
        message = "GNU gettext (xgettext) is needed to check the .po files against the code: apt-get install gettext"
        if os.environ.get("AMOE_REQUIRE_SERVICES"):
            pytest.fail(message)
        pytest.skip(message)
    copy = tmp_path / "project"
    shutil.copytree(BASE_DIR, copy, ignore=NOT_SOURCE)
    for po in (copy / "locale").glob("*/LC_MESSAGES/*.po"):
        before = {(e.msgctxt, e.msgid) for e in polib.pofile(str(po)) if not e.obsolete}
        language = po.parent.parent.name
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PYTHONPATH")}
        env["DJANGO_SETTINGS_MODULE"] = "amoe_platform.settings"
        result = subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", language, *[f"--ignore={i}" for i in IGNORED]],
            cwd=copy, env=env, capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == 0, result.stderr
        merged = polib.pofile(str(po))
        current = [e for e in merged if not e.obsolete]
        missing = [_label(e) for e in current if "fuzzy" in e.flags or not all(_translations(e))]
        stale = sorted(msgid for ctxt, msgid in before - {(e.msgctxt, e.msgid) for e in current})
        assert not missing, (
            f"{len(missing)} strings of the code have no {language} translation; run "
            f"`manage.py makemessages -l {language} --ignore=.venv --ignore=static/vendor --ignore=node_modules` "
            f"and translate them in locale/{language}/LC_MESSAGES/django.po:\n" + "\n".join(missing)
        )
        assert not stale, f"entries no longer in the code (re-run makemessages): {stale}"


def test_the_compiled_catalogue_is_loaded():
    with translation.override("en"):
        assert translation.gettext("Se connecter") == "Log in"
        assert translation.ngettext("%(years)s an", "%(years)s ans", 3) % {"years": 3} == "3 years"
    with translation.override("fr"):
        assert translation.gettext("Se connecter") == "Se connecter"
