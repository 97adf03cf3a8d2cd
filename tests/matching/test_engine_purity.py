"""The engine runs without Django's database code (DESIGN.md: a pure module), and its plain codes are the
ones the apps' enums hold."""
import json
import subprocess
import sys
from pathlib import Path

from django.utils.translation import override

from matching.engine import criteria as K
from matching.engine.reasons import CODE_LABELS
from missions.criteria import Criterion
from profiles.choices import CefrLevel, Complexity, ProjectScale, Role, WorkMode

ROOT = Path(__file__).resolve().parents[2]
_PROBE = """
import json, pkgutil, sys, importlib
import matching.engine
for module in pkgutil.iter_modules(matching.engine.__path__):
    importlib.import_module(f"matching.engine.{module.name}")
print(json.dumps(sorted(sys.modules)))
"""


def test_importing_the_whole_engine_loads_no_database_code_nor_any_models():
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}  # no DJANGO_SETTINGS_MODULE: Django is not set up
    out = subprocess.run([sys.executable, "-c", _PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout)
    assert "matching.engine.scoring" in loaded and "matching.engine.freelancer_pass" in loaded
    assert [name for name in loaded if name == "django.db" or name.startswith("django.db.")] == []
    assert [name for name in loaded if name.endswith(".models") or ".models." in name] == []


def test_the_engines_codes_are_the_apps_choices_in_their_order():
    assert K.SCALES == tuple(ProjectScale.values)
    assert K.COMPLEXITIES == tuple(Complexity.values)
    assert K.CEFR_LEVELS == tuple(CefrLevel.values)
    assert K.ROLES == tuple(Role.values)
    assert K.WORK_MODES == tuple(WorkMode.values)
    assert K.CRITERIA == tuple(Criterion.values)


def test_the_engines_labels_are_the_apps_french_labels():
    with override("fr"):
        apps = {code: str(label) for enum in (ProjectScale, Complexity, WorkMode, Role) for code, label in enum.choices}
    assert CODE_LABELS == apps
