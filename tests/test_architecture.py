"""Dependencies between the top-level packages go one way (docs/design.md): the composition root
(`forumwatch`) imports the rest; `crawler`, `scheduler`, `alerts` and `review` import `storage` and `dedup`
(the scheduler `alerts` too), never `forumwatch`; `storage` imports only `dedup`, and neither imports
Scrapy, Twisted, APScheduler or the web framework; `dedup` imports no database code either. The
configuration's schema imports no crawler, scheduler or alerts code: the root hands them plain values.

A forbidden import fails here, naming the module that made it. `make lint` runs these tests.
"""

from __future__ import annotations

import ast
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("forumwatch", "crawler", "dedup", "storage", "scheduler", "alerts", "review")
ALLOWED = {
    "forumwatch": {"crawler", "dedup", "storage", "scheduler", "alerts", "review"},
    "crawler": {"dedup", "storage"},
    "scheduler": {"alerts", "dedup", "storage"},
    "alerts": {"dedup", "storage"},
    "review": {"dedup", "storage"},
    "storage": {"dedup"},
    "dedup": set(),
}
# What the storage layer must not need: a crawl engine, a scheduler, a web framework.
NOT_IN_STORAGE = ("scrapy", "twisted", "apscheduler", "fastapi", "starlette", "jinja2", "uvicorn")
# Dedup is pure: text and URLs in, keys out.
NOT_IN_DEDUP = (*NOT_IN_STORAGE, "sqlalchemy", "alembic")


def imports_of(package: str) -> list[tuple[str, str]]:
    """(module path, imported top-level name) for every absolute import in a package."""
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            found += [(str(path.relative_to(ROOT)), name.split(".")[0]) for name in names]
    return found


def package_edges() -> Counter[tuple[str, str]]:
    return Counter(
        (package, imported)
        for package in PACKAGES
        for _, imported in imports_of(package)
        if imported in PACKAGES and imported != package
    )


def test_packages_import_only_what_the_design_allows() -> None:
    edges = package_edges()
    offending = {edge: count for edge, count in edges.items() if edge[1] not in ALLOWED[edge[0]]}
    where = [
        f"{module} imports {imported}"
        for package, target in offending
        for module, imported in imports_of(package)
        if imported == target
    ]
    assert not offending, "imports against docs/design.md's direction:\n" + "\n".join(where)


def test_the_configuration_schema_imports_no_component() -> None:
    schema = (
        "forumwatch/config.py",
        "forumwatch/config_alerts.py",
        "forumwatch/config_values.py",
        "forumwatch/config_errors.py",
    )
    components = {"crawler", "scheduler", "alerts", "review"}
    assert [(m, name) for m, name in imports_of("forumwatch") if m in schema and name in components] == []


def test_storage_needs_no_crawl_engine_scheduler_or_web_framework() -> None:
    banned = [(module, name) for module, name in imports_of("storage") if name in NOT_IN_STORAGE]
    assert banned == []


def test_dedup_is_pure() -> None:
    banned = [(module, name) for module, name in imports_of("dedup") if name in NOT_IN_DEDUP]
    assert banned == []


def test_no_cycles() -> None:
    graph: defaultdict[str, set[str]] = defaultdict(set)
    for source, target in package_edges():
        graph[source].add(target)

    def reach(start: str) -> set[str]:
        seen: set[str] = set()
        todo = [start]
        while todo:
            for following in graph[todo.pop()] - seen:
                seen.add(following)
                todo.append(following)
        return seen

    reached = {package: reach(package) for package in PACKAGES}
    assert {package for package in PACKAGES if package in reached[package]} == set()
