"""DESIGN.md: matching → missions → profiles → accounts; an arrow reads "may import"."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAY_IMPORT = {
    "accounts": set(),
    "profiles": {"accounts"},
    "missions": {"profiles", "accounts"},
    "matching": {"missions", "profiles", "accounts"},
}


def _imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names & set(MAY_IMPORT)


def test_apps_import_only_in_the_direction_of_the_design():
    wrong = []
    for app, allowed in MAY_IMPORT.items():
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for imported in _imported_apps(path) - allowed - {app}:
                wrong.append(f"{path.relative_to(ROOT)} imports {imported}")
    assert wrong == []
