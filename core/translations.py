"""Compile the project's .po catalogues to .mo with polib, so no machine needs GNU gettext to run the site.

Plain module (no Django import) so that the test settings can call it before Django is set up.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_translations(*, locale_dir: Path = LOCALE_DIR, force: bool = False) -> list[Path]:
    """Write every locale/<lang>/LC_MESSAGES/<domain>.po as its .mo; return the .mo files written.

    A .mo newer than its .po is left alone unless force is set. Fuzzy and untranslated entries are
    left out of the .mo (as msgfmt does), so they fall back to the French source.
    """
    import polib  # imported here: a bare settings import must not need it when nothing is compiled

    written = []
    for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        # Written beside the target then renamed: a concurrent reader never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.tmp")
        os.close(fd)
        try:
            polib.pofile(str(po_path)).save_as_mofile(tmp)
            os.replace(tmp, mo_path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        written.append(mo_path)
    return written
