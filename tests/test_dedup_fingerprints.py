from __future__ import annotations

import pytest

from dedup.fingerprints import canonical_url, content_hash
from dedup.textnorm import detect_script, fold_script, normalise_for_matching


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
