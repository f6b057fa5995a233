"""The excerpt of a story in an alert: paragraphs joined, cut near the budget at a sentence end (a closing
quote kept with its sentence), else at the budget without a dangling comma; English by words."""

from __future__ import annotations

from alerts.excerpt import excerpt


def test_excerpt() -> None:
    assert excerpt("短文。\n第二段。") == "短文。第二段。"
    assert excerpt("One paragraph.\nAnother one.") == "One paragraph. Another one."
    # No sentence end near the limit: cut at the limit, without a dangling comma.
    run_on = "，".join(["两岸城市交流合作"] * 40)
    cut = excerpt(run_on)
    assert cut.endswith("…")
    assert not cut.endswith("，…")
    assert 110 <= len(cut) <= 125
    # A closing quote stays with its sentence.
    quoted = "甲" * 100 + "。”" + "乙" * 100
    assert excerpt(quoted) == "甲" * 100 + "。”…"
    # About forty English words.
    words = " ".join(["word"] * 100)
    assert len(excerpt(words).split()) == 40
    assert excerpt("") == ""
