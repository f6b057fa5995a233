"""Text normalisation after extraction: pinyin artifacts, boilerplate lines, white space."""

from __future__ import annotations

import pytest

from crawler.cleaner import clean
from crawler.cleaner.blocks import Block
from crawler.cleaner.boilerplate import judge_line
from crawler.cleaner.normalise import normalise_blocks, normalise_line
from crawler.cleaner.pinyin import drop_pinyin_annotations, is_pinyin_syllable


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("上午10時(shí)在臺北晶華酒店登場", "上午10時在臺北晶華酒店登場"),
        ("先后發(fā)表致詞", "先后發表致詞"),
        ("為活動(dòng)揭開序幕", "為活動揭開序幕"),
        ("兩岸關(guān)系", "兩岸關系"),
        ("學(xué)習(xí)", "學習"),  # x + üe is written "xue"
        ("論壇看點(diǎn)", "論壇看點"),
        ("發（fā）表", "發表"),  # full-width parentheses
        ("中(zhong1)国", "中国"),  # numbered tones
        ("活动(dong)", "活动"),  # plain syllables of two letters or more
    ],
)
def test_pinyin_after_a_hanzi_is_dropped(raw: str, expected: str) -> None:
    assert drop_pinyin_annotations(raw) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "2020臺北上海城市論壇(雙城論壇)7月22日",
        "思科系統(Cisco Systems),主要是",
        "上海合作组织(SCO)的框架下",
        "今天（1日）以视频形式举行",
        "條款(a)及條款(e)",  # a lone vowel in brackets is an enumeration
        "Taipei (shi) is a city",  # not after a hanzi
        "雙城論壇(Twin-City Forum)",
    ],
)
def test_real_parentheses_stay(kept: str) -> None:
    assert drop_pinyin_annotations(kept) == kept


@pytest.mark.parametrize("syllable", ["shí", "zhuǎn", "lüè", "nǚ", "jiǒng", "er", "shi4", "ńg"])
def test_pinyin_syllables_are_recognised(syllable: str) -> None:
    assert is_pinyin_syllable(syllable)


@pytest.mark.parametrize("word", ["Cisco", "SCO", "abc", "systems", "a", "xyz", "ng", "sh"])
def test_other_words_are_not_pinyin(word: str) -> None:
    assert not is_pinyin_syllable(word)


@pytest.mark.parametrize(
    ("line", "rule", "value"),
    [
        ("责任编辑：王翔 ", "editor", "王翔"),
        ("責任編輯：林小明", "editor", "林小明"),
        ("编辑：王翔", "editor", "王翔"),
        ("（责任编辑：王翔 SF009）", "editor", "王翔"),
        ("By admin", "byline", "admin"),
        ("海量资讯、精准解读，尽在新浪财经APP", "app-promo", None),
        ("下载城事百科APP，看更多好文", "app-promo", None),
        ("扫描二维码关注我们", "app-promo", None),
        ("元描述: 深入探讨上海如何利用其庞大的国际友城网络", "seo-meta", None),
        ("关键词: 上海友城,国际合作,城市外交", "seo-meta", None),
        ("關鍵詞：雙城論壇", "seo-meta", None),
        ("Meta description: Shanghai's sister cities", "seo-meta", None),
        ("发表回复", "comment-prompt", None),
        ("發表評論", "comment-prompt", None),
        ("发表评论", "comment-prompt", None),
        ("Leave a Reply", "comment-prompt", None),
        ("Leave a comment", "comment-prompt", None),
        ("分享到：微博 微信", "share-prompt", None),
        ("Copyright © 1996-2021 SINA Corporation, All Rights Reserved", "copyright", None),
        ("新浪公司 版权所有", "copyright", None),
        ("Jump to the content zone at the center", "skip-link", None),
        ("跳到主要內容", "skip-link", None),
        ("上一篇：杭州亚运会带来的城市更新", "prev-next", None),
        ("Post Date:2019-07-03", "dateline", None),
        ("Comments are closed.", "comment-prompt", None),
        ("Kommentare geschlossen", "comment-prompt", None),
        ("5 min read", "reading-time", None),
        ("Lesezeit: 3 Minuten", "reading-time", None),
        ("Category : Press Releases", "category-line", None),
        ("栏目：时政新闻", "category-line", None),
        ("Foto: Ingo Pertramer", "photo-credit", None),
        ("Abbildung: Schneehöhen im Mattertal", "photo-credit", None),
        ("图片来源：视觉中国", "photo-credit", None),
        ("Marco Odermatt, Ski-Star aus der Schweiz. © AFP / Jane Roe", "caption-credit", None),
        ("This entry was posted on Tuesday, March 3rd, 2020 at 10:00", "posted-on", None),
        ("Der Beitrag wurde am Mittwoch, den 27. November 2019 veröffentlicht", "posted-on", None),
        (
            "Warning: Creating default object from empty value in /www/htdocs/wp-includes/classes.php on line 407",
            "server-error",
            None,
        ),
    ],
)
def test_boilerplate_lines_are_recognised(line: str, rule: str, value: str | None) -> None:
    verdict = judge_line(line)
    assert verdict.rule is not None
    assert verdict.rule.name == rule
    assert verdict.value == value


@pytest.mark.parametrize(
    "line",
    [
        "2021上海-台北城市论坛今天（1日）以视频形式举行。",
        "世界市长对话上合峰会城市间的联动,是一个开放、包容、务实的合作平台。",
        "By the end of the forum, both cities had signed four memoranda.",
        # Long prose that mentions a rule's words is not a boilerplate line.
        "该平台的编辑：王翔表示，" + "两市将继续深化交流合作，共同推动城市治理现代化。" * 3,
        "他说：“下载一个APP不能解决城市治理的所有问题，" + "城市数字化转型需要长期投入和制度创新。" * 3,
        "「論壇主題」",
        "2010臺北上海城市論壇",
        # Lines that only look like furniture.
        "The forum took 5 minutes to agree on a date, officials said.",
        "Categories of cooperation include transport, culture and youth exchanges.",
        "Posted guards stood at the venue's gates throughout the two days.",
    ],
)
def test_article_lines_are_not_boilerplate(line: str) -> None:
    assert not judge_line(line).is_boilerplate


def test_white_space_is_normalised() -> None:
    assert normalise_line("　　2021上海-台北城市论坛今天") == "2021上海-台北城市论坛今天"
    assert normalise_line("新经济\u00a0\u00a0 新发展\u200b ") == "新经济 新发展"
    # NFC: a decomposed tone mark is composed before pinyin matching.
    assert normalise_line("10時(shi\u0301)在") == "10時在"


def test_blocks_lose_boilerplate_and_keep_the_captured_editor() -> None:
    blocks = [
        Block("paragraph", "　　正文第一段。\n\n　　正文第二段。"),
        Block("paragraph", "责任编辑：王翔 "),
        Block("heading", "发表回复", level=3),
        Block("item", "条目\n续行"),
        Block("row", "a | b", cells=(" 旧金山 ", "经济　交流"), group=1),
        Block("paragraph", "   "),
    ]
    body = normalise_blocks(blocks)
    assert [block.text for block in body.blocks] == [
        "正文第一段。",
        "正文第二段。",
        "条目 续行",
        "旧金山 | 经济 交流",
    ]
    assert body.editor == "王翔"
    assert body.dropped_rules == ("editor", "comment-prompt")


def test_normalisation_applies_to_feed_fragments_without_a_profile() -> None:
    fragment = (
        "<p>　　上午10時(shí)在臺北登場,先后發(fā)表致詞。</p>"
        "<div class='promo'>海量资讯、精准解读，尽在新浪财经APP</div>"
        "<p>关键词: 双城论坛</p><p class='article-editor'>责任编辑：王翔</p>"
    )
    article = clean(fragment)
    assert article.paragraphs == ("上午10時在臺北登場,先后發表致詞。",)
    assert article.editor == "王翔"
