"""The arrows run one way: the shared helpers (cjhp/lib/) know no app, and the apps never import the portal's
top level (the pages that gather several apps), only its helpers."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_APPS = ("countries", "projects", "checklists", "events")


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def python_files(folder: str) -> list[Path]:
    return [path for path in (ROOT / folder).rglob("*.py") if "migrations" not in path.parts]


@pytest.mark.parametrize("path", python_files("cjhp/lib"), ids=lambda path: str(path.relative_to(ROOT)))
def test_the_shared_helpers_import_no_app(path):
    imported = imported_modules(path)
    assert not {module for module in imported if module.split(".")[0] in DOMAIN_APPS}
    assert not {module for module in imported if module.startswith("cjhp.") and not module.startswith("cjhp.lib")}


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_the_apps_import_only_the_helpers_of_the_top_level(app):
    upward = {
        (str(path.relative_to(ROOT)), module)
        for path in python_files(app)
        for module in imported_modules(path)
        if module.split(".")[0] == "cjhp" and not module.startswith("cjhp.lib") and module != "cjhp"
    }
    assert upward == set()


def test_countries_import_no_other_app():
    imported = {module for path in python_files("countries") for module in imported_modules(path)}
    assert not {module for module in imported if module.split(".")[0] in {"projects", "checklists", "events"}}
