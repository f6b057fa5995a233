"""The benchmark metric must be exactly the one in shared/eval/README.md, or figures do not compare."""

from __future__ import annotations

import pytest

from bench.metric import (
    PageScore,
    SegmentCounts,
    contains_all,
    count_segments,
    score_page,
    score_set,
    shingles,
    tokens,
)


def test_every_cjk_character_is_a_token_and_other_words_are_runs() -> None:
    assert tokens("雙城論壇 Twin-City Forum 2019年") == [
        "雙",
        "城",
        "論",
        "壇",
        "twin",
        "city",
        "forum",
        "2019",
        "年",
    ]
    assert tokens("ひらがなカタカナ") == list("ひらがなカタカナ")  # U+3040-30FF
    assert tokens("﨑") == ["﨑"]  # U+F900-FAFF compatibility ideographs


def test_shingles_are_a_multiset_of_four_tokens() -> None:
    assert shingles("a b c d a b c d") == {
        ("a", "b", "c", "d"): 2, ("b", "c", "d", "a"): 1, ("c", "d", "a", "b"): 1, ("d", "a", "b", "c"): 1,
    }  # fmt: skip
    assert shingles("only two") == {("only", "two"): 1}
    assert not shingles("")


def test_page_scores() -> None:
    assert score_page("", "gold text here now") == PageScore(0.0, 0.0)
    assert score_page("a b c d e", "a b c d e") == PageScore(1.0, 1.0)
    half = score_page("a b c d x y z w", "a b c d e")  # 5 output shingles, 1 shared; 2 gold shingles
    assert half.precision == pytest.approx(1 / 5)
    assert half.recall == pytest.approx(1 / 2)


def test_set_f1_is_of_the_mean_precision_and_recall() -> None:
    overall = score_set([PageScore(1.0, 0.5), PageScore(0.5, 1.0)])
    assert (overall.precision, overall.recall) == (0.75, 0.75)
    assert overall.f1 == pytest.approx(0.75)


def test_body_ok_ignores_white_space_on_both_sides() -> None:
    assert contains_all("配合行政院 組織改造，\n內政部", ["組織改造，內政部", "配合 行政院"])
    assert not contains_all("配合行政院", ["行政院組織"])


def test_segment_counts_follow_trafilaturas_evaluation() -> None:
    page = count_segments(
        "The  mayor spoke.\nRead more", ["Themayor spoke.", "absent"], ["Read more", "Menu"]
    )
    assert page == SegmentCounts(true_positives=1, false_negatives=1, false_positives=1, true_negatives=1)
    total = page + count_segments("", ["x"], [])
    assert total.true_positives == 1
    assert total.false_negatives == 2
    assert total.precision == pytest.approx(1 / 2)
    assert total.recall == pytest.approx(1 / 3)
    assert total.f1 == pytest.approx(2 * (1 / 2) * (1 / 3) / (1 / 2 + 1 / 3))
    assert total.accuracy == pytest.approx(2 / 5)
    assert SegmentCounts().f1 == 0.0
