"""Golden pages: one or more pages per site profile, written on the outlet's real template.

Each ``tests/golden/<profile>/<name>.html`` has a ``<name>.json`` beside it saying what the cleaner must
give: the profile that runs, the title, phrases that must and must not be in the text, and metadata.
Keys: ``url`` (optional, the page's address; without it the page signature must select the profile),
``extractor``, ``title``, ``must``, ``must_not``, and optionally ``published`` (ISO 8601 with offset),
``author``, ``editor``, ``credit``, ``outlet``, ``script``, ``language``, ``encoding`` (the charset the
page is saved in; the HTML file is then in that charset).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from crawler.cleaner import clean, profile_names

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*/*.html"))
EXACT_FIELDS = ("title", "author", "editor", "credit", "outlet", "script", "language", "encoding")


def expectations(page: Path) -> dict[str, Any]:
    return json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_golden_page(page: Path) -> None:
    expected = expectations(page)
    article = clean(page.read_bytes(), expected.get("url"))
    assert article.extractor == expected.get("extractor", page.parent.name)
    for field in EXACT_FIELDS:
        if field in expected:
            assert getattr(article, field) == expected[field], field
    if "published" in expected:
        assert article.published == datetime.fromisoformat(expected["published"])
    for phrase in expected["must"]:
        assert phrase in article.text, phrase
    for phrase in expected["must_not"]:
        assert phrase not in article.text, phrase
        assert phrase not in article.title, phrase


def test_every_profile_has_golden_pages() -> None:
    covered = {page.parent.name for page in CASES}
    missing = sorted(set(profile_names()) - {"generic"} - covered)
    assert not missing, f"profiles without golden pages: {missing}"


@pytest.mark.parametrize("page", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_golden_page_by_signature_alone(page: Path) -> None:
    """Saved to disk and cleaned without its URL, an outlet's page still gets its profile."""
    expected = expectations(page)
    if not expected.get("signature", True):
        pytest.skip("this template has no distinctive markup; only its URL selects the profile")
    article = clean(page.read_bytes(), None)
    assert article.extractor == expected.get("extractor", page.parent.name)
