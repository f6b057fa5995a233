"""The labelled set of forum articles in ``bench/event_articles`` (our own writing, modelled on how
newsrooms phrase forum news): it loads, its labels are well-formed, and the reader does not fall back.

The floors are the figures of the reader when they were last raised (see the README, "The events
bench"); raise them with the reader, never lower them to pass.
"""

from __future__ import annotations

import pytest

from bench.events import DEFAULT_SET, FIELDS, load_set, read, score

FLOORS = {"kind": 0.97, "start": 0.96, "end": 0.94, "city": 0.95}
ARTICLES = load_set(DEFAULT_SET)


def test_the_set_is_large_and_well_labelled() -> None:
    assert len(ARTICLES) >= 80
    assert len({article.id for article in ARTICLES}) == len(ARTICLES)
    for article in ARTICLES:
        assert article.gold["kind"] in ("announcement", "report", "other"), article.id
        assert article.published is not None, article.id
        assert article.published.tzinfo is not None, article.id
        start, end = article.gold["start"], article.gold["end"]
        assert end is None or start is None or start <= end, article.id


@pytest.mark.parametrize("field", FIELDS)
def test_the_reader_holds_its_figures_on_the_set(field: str) -> None:
    right, scored = score(read(article) for article in ARTICLES)[field]
    assert right / scored >= FLOORS[field], f"{field}: {right}/{scored}"
