"""The review page marks a topic's aliases in the head copy's text the way matching found them: in either
script, in Taiwan's or the Mainland's words, and across punctuation between hanzi."""

from __future__ import annotations

import pytest

from review.render import highlight


@pytest.mark.parametrize(
    ("text", "aliases", "marked"),
    [
        ("市府網路報導指出", ["网络", "报道"], ["網路", "報導"]),
        ("市府网络报道指出", ["網路", "報導"], ["网络", "报道"]),
        ("上海-台北城市論壇開幕", ["上海台北城市论坛"], ["上海-台北城市論壇"]),
        ("雙城論壇與城市論壇", ["双城论坛", "城市论坛"], ["雙城論壇", "城市論壇"]),
        ("The Twin-City Forum opened", ["twin-city forum"], ["Twin-City Forum"]),
    ],
)
def test_aliases_are_marked_as_written(text: str, aliases: list[str], marked: list[str]) -> None:
    html = str(highlight(text, aliases))
    assert [part.split("</mark>")[0] for part in html.split("<mark>")[1:]] == marked


def test_text_around_the_marks_stays_escaped() -> None:
    assert str(highlight("<b>双城论坛</b>", ["雙城論壇"])) == "&lt;b&gt;<mark>双城论坛</mark>&lt;/b&gt;"
