"""The topic screen (crawler/topic_screen.py) never rules out a page whose article a topic matches."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawler import stats
from crawler.cleaner import CleanArticle, clean
from crawler.cleaner.mojibake import MOJIBAKE_WARNING
from crawler.items import ArticleItem
from crawler.pipelines.clean import CleanPipeline
from crawler.pipelines.match import TOPICS_SETTING, MatchPipeline
from crawler.topic_screen import TopicScreen
from crawler.topics import Topic, TopicMatcher
from dedup.textnorm import HAN
from forumwatch.localserver import LocalServer, Reply
from tests.test_crawl_stats import FORUM_TEXT, STOCKS_TEXT, article_page, listing_page
from tests.test_incremental import crawl

TESTS = Path(__file__).parent
PAGES = sorted([*TESTS.glob("golden/*/*.html"), *TESTS.glob("cleaner_pages/*.html")])
_HAN_RUN = re.compile(f"[{HAN}]{{4,}}")
_WORDS = re.compile(r"[A-Za-z][A-Za-z'-]+(?: [A-Za-z][A-Za-z'-]+)+")


def cleaned_with_screen_text(raw: bytes | str, headline: str | None = None) -> tuple[CleanArticle, str]:
    """The article, and the text the cleaner would have screened."""
    seen: list[str] = []

    def passing(text: str) -> bool:
        seen.append(text)
        return True

    article = clean(raw, "https://example.com/a.html", headline=headline, screen=passing)
    return article, seen[0]


def aliases_from(article: CleanArticle, rng: random.Random) -> list[str]:
    """Words of the article as a person might configure them: CJK runs of 2-6 characters from anywhere in
    the title and text, and English phrases of two or three words."""
    aliases = []
    for run in _HAN_RUN.findall(f"{article.title}\n{article.text}"):
        start = rng.randrange(len(run) - 1)
        aliases.append(run[start : start + rng.randint(2, 6)])
    for phrase in _WORDS.findall(f"{article.title}\n{article.text}"):
        words = phrase.split()
        start = rng.randrange(len(words))
        aliases.append(" ".join(words[start : start + rng.randint(1, 3)]))
    return rng.sample(aliases, min(len(aliases), 40))


@pytest.mark.parametrize("page", PAGES, ids=lambda page: f"{page.parent.name}/{page.stem}")
def test_every_alias_the_matcher_finds_passes_the_screen(page: Path) -> None:
    article, screened = cleaned_with_screen_text(page.read_bytes())
    assert not article.is_empty
    rng = random.Random(page.name)
    checked = 0
    for alias in aliases_from(article, rng):
        topic = Topic(name="t", aliases=(alias,), min_score=1)
        if not TopicMatcher([topic]).match(article.title, article.text):
            continue  # the matcher reads words as words: 'forum' is not found inside 'forums'
        checked += 1
        assert TopicScreen([topic]).could_match(screened), alias
    assert checked >= 5


TWIN_CITY = Topic(name="twin-city", aliases=("双城论坛", "上海-台北城市论坛", "Twin-City Forum"))


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><p>上海台北雙城<b>論壇</b>今日登場</p></body></html>",  # a tag inside the alias
        "<html><body><p>雙(shuāng)城(chéng)論(lùn)壇(tán)今日登場</p></body></html>",  # a converter's pinyin
        "<html><body><p>上海－台北城市論壇</p></body></html>",  # Traditional, full-width punctuation
        "<html><body><p>上海<br>台北城市论坛</p></body></html>",
        "<html><body><p>The Shanghai-Taipei TWIN CITY\nforum opens</p></body></html>",
        "<html><body><p>ＴＷＩＮ－ＣＩＴＹ ＦＯＲＵＭ</p></body></html>",  # full-width Latin
        '<html><head><meta property="og:title" content="双城论坛开幕"></head><body><p>x</p></body></html>',
        '<html><head><script type="application/ld+json">{"headline": "\\u53cc\\u57ce\\u8bba\\u575b"}'
        "</script></head><body><p>x</p></body></html>",
        # A template that ships the article's HTML as text in a <textarea> (huanqiu.com).
        "<html><body><textarea class='article-content'>&lt;p&gt;双城&lt;b&gt;论坛&lt;/b&gt;&lt;/p&gt;"
        "</textarea></body></html>",
    ],
)
def test_the_screen_reads_what_extraction_would_make_of_the_page(html: str) -> None:
    _article, screened = cleaned_with_screen_text(html)
    assert TopicScreen([TWIN_CITY]).could_match(screened)


def test_taiwanese_words_fold_like_the_matcher_folds_them() -> None:
    software = Topic(name="software", aliases=("软件园",))  # Mainland word; the page says 軟體園
    for word in ("軟體", "軟<span>體</span>"):
        paragraphs = "".join(
            f"<p>第{n}段：市府今天表示，南港{word}園區第{n}期工程完成，下月啟用。</p>" for n in range(5)
        )
        html = f"<html><body><nav><a href='/'>首頁</a></nav><article>{paragraphs}</article></body></html>"
        article, screened = cleaned_with_screen_text(html)
        assert TopicMatcher([software]).match(article.title, article.text)
        assert TopicScreen([software]).could_match(screened), html


def test_a_page_without_any_alias_is_ruled_out_and_not_extracted() -> None:
    html = (
        "<html><head><title>天气</title></head><body><article><p>明天多云转晴。</p></article></body></html>"
    )
    article = clean(html, "https://example.com/w.html", screen=TopicScreen([TWIN_CITY]).could_match)
    assert article.screened_out
    assert article.is_empty
    assert article.empty_reason is None
    assert not clean(html, "https://example.com/w.html").screened_out


def test_a_screened_out_page_still_says_it_reads_as_mojibake() -> None:
    # UTF-8 text read as Latin-1 and saved as UTF-8 again: no charset undoes it, and no alias is left.
    double = "上海市今年的经济形势良好，各项指标稳中有进。".encode().decode("latin-1")
    html = f"<html><body><article><p>{double}</p></article></body></html>".encode()
    article = clean(html, "https://example.com/m.html", screen=TopicScreen([TWIN_CITY]).could_match)
    assert article.screened_out
    assert any(warning.startswith(MOJIBAKE_WARNING) for warning in article.warnings), article.warnings


def test_a_topic_that_matches_without_an_alias_turns_the_screen_off() -> None:
    assert TopicScreen.for_topics([TWIN_CITY]) is not None
    assert TopicScreen.for_topics([TWIN_CITY, Topic(name="all", aliases=("x",), min_score=0)]) is None


# A crawl: the screen's counts and what the crawl remembers of the pages it ruled out.

OFF_TOPIC_PAGES = [f"/news/stocks{n}.html" for n in range(12)]


@pytest.fixture
def site() -> Iterator[LocalServer]:
    with LocalServer() as running:
        running.route("/news/", Reply(listing_page("/news/forum.html", *OFF_TOPIC_PAGES)))
        running.route("/news/forum.html", Reply(article_page("双城论坛举行", FORUM_TEXT)))
        for path in OFF_TOPIC_PAGES:
            running.route(path, Reply(article_page("A股收涨", STOCKS_TEXT)))
        yield running


def test_a_crawl_cleans_only_pages_with_an_alias_and_a_sample_of_the_rest(
    site: LocalServer, tmp_path: Path
) -> None:
    counts, requested = crawl(site, tmp_path, articles=("/news/forum.html", *OFF_TOPIC_PAGES))
    assert len(requested) == 13
    # Twelve pages ruled out; the first and the eleventh cleaned all the same, as the sample.
    assert (counts["new"], counts["off-topic"], counts["screened_out"], counts["empty"]) == (1, 12, 10, 0)
    again, requested = crawl(site, tmp_path, articles=("/news/forum.html", *OFF_TOPIC_PAGES))
    assert (requested, again["skipped"]) == ([], 13)  # ruled-out pages are remembered as off-topic


def test_a_sampled_page_that_matches_after_all_is_counted_as_the_screens_miss(
    caplog: pytest.LogCaptureFixture,
) -> None:
    topics = [{"name": "twin-city-forum", "aliases": ["双城论坛"]}]
    crawler = get_crawler(settings_dict={TOPICS_SETTING: topics})
    crawler.stats.open_spider()
    wrong = TopicScreen([Topic(name="other", aliases=("友好城市",))])  # looks for the wrong alias
    cleaning, matching = CleanPipeline(crawler, wrong), MatchPipeline.from_crawler(crawler)
    pages = [
        ArticleItem("news", f"https://a.example/{n}.html", article_page("双城论坛举行", FORUM_TEXT))
        for n in range(2)
    ]
    sampled = matching.process_item(cleaning.process_item(pages[0]))  # the first page ruled out is sampled
    assert sampled.topics
    assert crawler.stats.get_value(stats.SCREEN_MISSES) == 1
    assert "the topic screen ruled out a page that matches twin-city-forum" in caplog.text
    with pytest.raises(DropItem):
        cleaning.process_item(pages[1])
    assert pages[1].screened_out
    assert crawler.stats.get_value(stats.SCREENED_OUT) == 1


def test_the_screened_text_leaves_out_scripts_and_styles_and_keeps_the_order_of_the_rest() -> None:
    # A script whose text the page also shows, a script of white space alone, a style, and text after
    # each: only what a reader sees, in the order it is shown.
    html = (
        "<html><head><title>标题</title><style>p { color: red }</style></head><body>"
        "<p>var x = 1;</p><script>var x = 1;</script><p>雙城</p><script>\n</script><p>論壇</p>"
        "<script>document.write('市长论坛')</script><p>结束</p></body></html>"
    )
    _, screened = cleaned_with_screen_text(html)
    assert re.sub(r"\s", "", screened).startswith("标题varx=1;雙城論壇结束"), screened
    assert "color" not in screened
    assert "市长论坛" not in screened
    assert screened.count("var x = 1;") == 1


def test_an_alias_found_as_written_and_one_found_only_by_folding_both_pass() -> None:
    screen = TopicScreen([TWIN_CITY])
    assert screen.could_match("新闻：双城论坛明日开幕")  # as written
    assert screen.could_match("新聞：雙<b>城</b>論壇明日開幕".replace("<b>", "").replace("</b>", ""))
    assert screen.could_match("新聞：雙城 · 論壇")  # only the CJK characters alone find it
    assert not screen.could_match("新聞：城市論壇明日開幕")
    # A Latin alias, its letters and digits alone, with nothing else between them.
    assert screen.could_match("the TWIN_–_CITY … ‘Forum’ opens")
    assert not screen.could_match("twin cities forum")
    assert not screen.could_match("twin city 2 forum")
