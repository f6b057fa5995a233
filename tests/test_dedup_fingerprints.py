from __future__ import annotations

import pytest

from dedup.fingerprints import canonical_url, content_hash
from dedup.textnorm import detect_script, fold_script, normalise_for_matching, normalise_lines_for_matching


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://Finance.Sina.com.cn/doc-i1.shtml?utm_source=weibo&utm_medium=share",
            "https://finance.sina.com.cn/doc-i1.shtml",
        ),
        ("https://a.example/x?b=2&a=1#frag", "https://a.example/x?a=1&b=2"),
        ("https://a.example/x?fbclid=abc&id=7", "https://a.example/x?id=7"),
        (
            "https://a.example/News_Content.aspx?n=C0E4&s=2F6B",
            "https://a.example/News_Content.aspx?n=C0E4&s=2F6B",
        ),
        ("https://a.example/path with space", "https://a.example/path%20with%20space"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_content_hash_ignores_script_width_punctuation_and_layout() -> None:
    simplified = "“双城论坛”是两岸城市交流的响亮品牌。\n台北与上海"
    traditional = "「雙城論壇」是兩岸城市交流的響亮品牌。 臺北與上海"
    assert content_hash(simplified) == content_hash(traditional)
    assert content_hash("Twin-City Forum, 2019") == content_hash("twin city forum 2019")


def test_content_hash_tells_different_texts_apart() -> None:
    assert content_hash("2021上海-台北城市论坛举行") != content_hash("2023上海-台北城市论坛举行")


def test_fold_script_and_detect_script() -> None:
    assert fold_script("雙城論壇在臺北") == "双城论坛在台北"
    assert detect_script("雙城論壇本於城市交流目的，對雙方都有利。") == "Hant"
    assert detect_script("双城论坛本于城市交流目的，对双方都有利。") == "Hans"
    assert detect_script("Mayor Travels to Shanghai") is None


def test_normalise_for_matching_folds_case_and_punctuation() -> None:
    assert normalise_for_matching("Twin-City  FORUM") == "twin city forum"
    assert normalise_for_matching("上海-臺北城市論壇") == "上海台北城市论坛"  # no break between hanzi


@pytest.mark.parametrize(
    "text",
    [
        "雙城論壇\n在臺北舉行",
        "軟\n體與計程\r\n車",  # a phrase OpenCC folds (軟體, 計程車) cut by a line break stays cut
        "網\x0b路、網\x85路、報\u2028導、報\u2029導、報\x1c導",  # breaks str.splitlines knows beside \n
        "e\n\u0301, Ａ\nＢ, \uf900\n\uf901, ㊀\n㈠, ß\nẞ, ﬁ\nﬂ, \u00a8\n\u00a8",  # NFKC and case folding at a break
        "Twin-City\n\nForum\n \n上海-台北城市論壇 ",
        "",
    ],
)
def test_lines_folded_whole_are_the_lines_folded_one_by_one(text: str) -> None:
    assert normalise_lines_for_matching(text) == [
        folded for line in text.splitlines() if (folded := normalise_for_matching(line))
    ]
