"""DESIGN.md: amoe_platform → demo, privacy → recruiting → matching → missions → profiles → accounts → core;
an arrow reads "may import". matching's engine imports no database code and no app's models."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BELOW_RECRUITING = {"matching", "missions", "profiles", "accounts", "core"}
MAY_IMPORT = {
    "core": set(),
    "accounts": {"core"},
    "profiles": {"accounts", "core"},
    "missions": {"profiles", "accounts", "core"},
    "matching": {"missions", "profiles", "accounts", "core"},
    "recruiting": BELOW_RECRUITING,
    "privacy": {"recruiting", *BELOW_RECRUITING},
    "demo": {"recruiting", *BELOW_RECRUITING},
}
APPS = {*MAY_IMPORT, "amoe_platform"}  # amoe_platform (settings, root URLs, Celery) may import anything
MAX_SHARE_OF_LINES = 0.35


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
    return names


def _code(app: str):
    return (path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts)


def test_apps_import_only_in_the_direction_of_the_design():
    wrong = []
    for app, allowed in MAY_IMPORT.items():
        for path in _code(app):
            imported = {name.split(".")[0] for name in _imported_modules(path)} & APPS
            wrong += [f"{path.relative_to(ROOT)} imports {other}" for other in imported - allowed - {app}]
    assert wrong == []


def test_the_engine_imports_no_database_code_nor_any_apps_models():
    wrong = []
    for path in (ROOT / "matching" / "engine").rglob("*.py"):
        for name in _imported_modules(path):
            parts = name.split(".")
            if name.startswith("django.db") or (parts[0] in APPS and "models" in parts[1:]):
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []


def test_no_app_holds_more_than_35_percent_of_the_application_lines():
    lines = {app: sum(len(path.read_text().splitlines()) for path in _code(app)) for app in APPS}
    total = sum(lines.values())
    assert {app: round(n / total, 2) for app, n in lines.items() if n / total > MAX_SHARE_OF_LINES} == {}
