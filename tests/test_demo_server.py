"""The demo site and its server, over real HTTP: headers, charsets, lookups, caching and content."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
import urllib.robotparser
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from email.message import Message
from typing import Any

import opencc
import pytest
from bs4 import BeautifulSoup, Tag

from forumwatch.demo.server import BASE_TOKEN, LAST_MODIFIED, SITE_DIR, DemoServer

MANIFEST: list[dict[str, str]] = json.loads((SITE_DIR / "manifest.json").read_text(encoding="utf-8"))
ENTRY_BY_PATH = {entry["path"]: entry for entry in MANIFEST}
LEGACY_CHARSET_ENTRIES = [entry for entry in MANIFEST if entry["encoding"] != "utf-8"]
DEMO_TOML = SITE_DIR.parent / "demo.toml"

SINA_SEED = "/sina/finance/doc-ikyamrmy6175870.shtml"
SINA_GBK = "/sina/finance/doc-imzkprtn3571920.shtml"
SINA_NO_CHARSET = "/sina/finance/doc-imzkqwes2068417.shtml"
TRADITIONAL_COPY = "/twnews/news/20211201/6124587.html"
PORTAL_REPRINT = "/portal/taiwan/2021-12/01/c_1128119876.htm"
TAIPEI_LIST = "/taipei/en/News.aspx?n=C0E4B4E1D7D61D2D&sms=DFFA119D1FD5602C"
TAIPEI_FORUM = "/taipei/en/News_Content.aspx?n=C0E4B4E1D7D61D2D&sms=DFFA119D1FD5602C&s=7E4B2D8A1C9F0E35"
TAIPEI_LANTERN = "/taipei/en/News_Content.aspx?n=C0E4B4E1D7D61D2D&sms=DFFA119D1FD5602C&s=3C6D9B2E4A8F1D07"
DRAFT = "/farm/private/draft-notes.html"

# Words no unrelated page may carry anywhere (chrome included), on top of every topic alias.
FORBIDDEN_IN_UNRELATED = [
    "双城论坛", "雙城論壇", "城市论坛", "城市論壇", "Twin-City", "市长对话", "市長對話",
    "友城", "友好城市", "姐妹城市", "sister",
]  # fmt: skip
STORY_TOPICS = {
    "S1": "twin-city-forum",
    "S2": "twin-city-forum",
    "S3": "twin-city-forum",
    "S4": "twin-city-forum",
    "S5": "mayors-forum",
    "S6": "sister-cities",
}

T2S = opencc.OpenCC("t2s")
S2T = opencc.OpenCC("s2t")

Response = tuple[int, Message, bytes]


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer() as demo:
        yield demo


def fetch(server: DemoServer, path: str, method: str = "GET", **headers: str) -> Response:
    request = urllib.request.Request(server.base_url + path, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:  # urllib raises on 304 and 404 alike
        return error.code, error.headers, error.read()


def served_text(server: DemoServer, path: str) -> str:
    status, _, body = fetch(server, path)
    assert status == 200, path
    return body.decode(ENTRY_BY_PATH[path]["encoding"])


def fold(text: str) -> str:
    """Script- and case-folded text, as topic matching compares it."""
    return str(T2S.convert(text)).casefold()


def fold_loose(text: str) -> str:
    """fold(), with punctuation and white space collapsed: 'Twin City Forum' meets 'Twin-City Forum'."""
    return re.sub(r"[\W_]+", " ", fold(text))


def mentions(text: str, words: list[str]) -> list[str]:
    folded, loose = fold(text), fold_loose(text)
    return [word for word in words if fold(word) in folded or fold_loose(word).strip() in loose]


def demo_config(base_url: str = "http://127.0.0.1:1") -> dict[str, Any]:
    return tomllib.loads(DEMO_TOML.read_text(encoding="utf-8").replace(BASE_TOKEN, base_url))


def topic_aliases() -> dict[str, list[str]]:
    return {topic["name"]: topic["aliases"] for topic in demo_config()["topics"]}


def stories(*names: str) -> list[str]:
    return [entry["path"] for entry in MANIFEST if set(entry["story"].split(",")) & set(names)]


# --- the manifest and what the server sends ---------------------------------------------------------


def test_manifest_paths_are_unique_and_files_exist() -> None:
    assert len(ENTRY_BY_PATH) == len(MANIFEST)
    for entry in MANIFEST:
        assert (SITE_DIR / entry["file"]).is_file(), entry["file"]
        assert entry["encoding"] in {"utf-8", "gbk", "big5"}


@pytest.mark.parametrize("entry", MANIFEST, ids=[entry["path"] for entry in MANIFEST])
def test_every_entry_is_served_as_declared(server: DemoServer, entry: dict[str, str]) -> None:
    status, headers, body = fetch(server, entry["path"])
    assert status == 200
    assert headers["Content-Type"] == entry["content_type"]
    assert headers["ETag"]
    assert headers["Last-Modified"] == LAST_MODIFIED
    source = (SITE_DIR / entry["file"]).read_text(encoding="utf-8")
    assert body == source.replace(BASE_TOKEN, server.base_url).encode(entry["encoding"])


@pytest.mark.parametrize("entry", LEGACY_CHARSET_ENTRIES, ids=[e["path"] for e in LEGACY_CHARSET_ENTRIES])
def test_legacy_charset_pages_are_served_in_that_charset(server: DemoServer, entry: dict[str, str]) -> None:
    body = fetch(server, entry["path"])[2]
    body.decode(entry["encoding"])  # strict
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")


def test_gbk_page_declares_gb2312(server: DemoServer) -> None:
    _, headers, body = fetch(server, SINA_GBK)
    assert headers["Content-Type"] == "text/html; charset=GBK"
    assert b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' in body
    assert "蒋万安" in body.decode("gbk")


def test_gbk_page_without_charset_says_none_anywhere(server: DemoServer) -> None:
    _, headers, body = fetch(server, SINA_NO_CHARSET)
    assert headers["Content-Type"] == "text/html"
    assert b"charset" not in body.lower()


def test_traditional_copy_is_big5_behind_a_lying_header(server: DemoServer) -> None:
    _, headers, body = fetch(server, TRADITIONAL_COPY)
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"charset" not in body.lower()
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "雙城論壇" in body.decode("big5")


def test_base_token_is_replaced_in_feeds_sitemap_and_robots(server: DemoServer) -> None:
    for path in ("/feeds/sina-finance.xml", "/feeds/twnews.atom", "/blog/sitemap.xml", "/robots.txt"):
        text = served_text(server, path)
        assert BASE_TOKEN not in text
        assert server.base_url + "/" in text


@pytest.mark.parametrize(
    ("feed", "xpath"),
    [
        ("/feeds/sina-finance.xml", "./channel/item/link"),
        ("/feeds/twnews.atom", "./{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}link"),
        ("/blog/sitemap.xml", "./{http://www.sitemaps.org/schemas/sitemap/0.9}url/{http://www.sitemaps.org/schemas/sitemap/0.9}loc"),
    ],
)  # fmt: skip
def test_every_feed_and_sitemap_link_is_served(server: DemoServer, feed: str, xpath: str) -> None:
    root = ET.fromstring(fetch(server, feed)[2])
    links = [element.get("href") or element.text or "" for element in root.findall(xpath)]
    assert len(links) >= 2
    for link in links:
        assert link.startswith(server.base_url + "/")
        assert fetch(server, link.removeprefix(server.base_url))[0] == 200, link


def test_sina_feed_carries_the_seed_as_full_text(server: DemoServer) -> None:
    item = ET.fromstring(fetch(server, "/feeds/sina-finance.xml")[2]).find("./channel/item")
    assert item is not None
    assert item.findtext("pubDate") == "Wed, 01 Dec 2021 14:01:19 GMT"
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "新浪财经"
    full_text = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") or ""
    assert full_text.startswith("<div>")
    assert full_text in served_text(server, SINA_SEED)


# --- lookup rules -------------------------------------------------------------------------------------


def test_tracking_parameters_reach_the_same_page(server: DemoServer) -> None:
    plain = fetch(server, SINA_SEED)[2]
    for query in ("?utm_source=weibo&utm_medium=share", "?utm_source=rss&utm_medium=feed"):
        assert fetch(server, SINA_SEED + query)[2] == plain
    assert fetch(server, PORTAL_REPRINT + "?utm_source=toutiao&utm_medium=app")[0] == 200


def test_query_string_tells_pages_apart(server: DemoServer) -> None:
    forum, lantern = fetch(server, TAIPEI_FORUM)[2], fetch(server, TAIPEI_LANTERN)[2]
    assert b"Twin-City Forum" in forum
    assert b"Lantern Festival" in lantern
    assert b"Twin-City" not in lantern
    # The order of the parameters does not matter; an unknown page of the same script is a 404.
    reordered = "/taipei/en/News_Content.aspx?s=7E4B2D8A1C9F0E35&n=C0E4B4E1D7D61D2D&sms=DFFA119D1FD5602C"
    assert fetch(server, reordered)[2] == forum
    assert fetch(server, TAIPEI_FORUM.replace("7E4B2D8A1C9F0E35", "0000000000000000"))[0] == 404


def test_unknown_path_is_404(server: DemoServer) -> None:
    assert fetch(server, "/no/such/page.html")[0] == 404
    assert fetch(server, "/blog/2024/07/sco-world-mayors-dialogue")[0] == 404  # no trailing slash


def test_requests_are_logged_with_their_query(server: DemoServer) -> None:
    fetch(server, "/farm/?p=2201")
    fetch(server, "/no/such/page.html?x=1")
    assert server.requests_log[-2:] == ["/farm/?p=2201", "/no/such/page.html?x=1"]


def test_module_entry_point_serves_until_stopped() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "forumwatch.demo.server"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        match = re.search(r"http://127\.0\.0\.1:\d+", process.stdout.readline())
        assert match is not None
        with urllib.request.urlopen(match.group() + "/robots.txt", timeout=5) as response:
            assert b"Disallow: /farm/private/" in response.read()
    finally:
        process.terminate()
        process.wait(timeout=5)


# --- caching and methods -------------------------------------------------------------------------------


def test_conditional_requests_get_304_without_body(server: DemoServer) -> None:
    _, headers, _ = fetch(server, SINA_SEED)
    etag = headers["ETag"]
    status, not_modified_headers, body = fetch(server, SINA_SEED, **{"If-None-Match": etag})
    assert (status, body) == (304, b"")
    assert not_modified_headers["ETag"] == etag
    assert fetch(server, SINA_SEED, **{"If-None-Match": f'"other", W/{etag}'})[0] == 304
    assert fetch(server, SINA_SEED, **{"If-None-Match": '"other"'})[0] == 200
    assert fetch(server, SINA_SEED, **{"If-Modified-Since": LAST_MODIFIED})[0] == 304
    assert fetch(server, SINA_SEED, **{"If-Modified-Since": "Tue, 30 Nov 2021 00:00:00 GMT"})[0] == 200


def test_etag_follows_the_served_bytes(server: DemoServer) -> None:
    assert fetch(server, SINA_SEED)[1]["ETag"] != fetch(server, SINA_GBK)[1]["ETag"]
    assert fetch(server, SINA_SEED)[1]["ETag"] == fetch(server, SINA_SEED + "?utm_source=x")[1]["ETag"]


def test_head_sends_headers_only(server: DemoServer) -> None:
    _, get_headers, get_body = fetch(server, SINA_GBK)
    status, headers, body = fetch(server, SINA_GBK, method="HEAD")
    assert (status, body) == (200, b"")
    assert headers["Content-Length"] == str(len(get_body))
    assert headers["ETag"] == get_headers["ETag"]


def test_robots_disallows_the_farm_drafts(server: DemoServer) -> None:
    text = served_text(server, "/robots.txt")
    assert "User-agent: *\nDisallow: /farm/private/\n" in text
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(text.splitlines())
    assert not robots.can_fetch("forumwatch", server.base_url + DRAFT)
    assert robots.can_fetch("forumwatch", server.base_url + "/farm/post/shanghai-sister-cities.html")
    # The draft is served if asked for, and mentions the forum: a crawler that ignores robots.txt shows.
    assert "双城论坛" in served_text(server, DRAFT)
    assert DRAFT.join(['href="', '"']) in served_text(server, "/farm/")


# --- content: one story in several copies, and pages that must not match -----------------------------


def select(page: BeautifulSoup, css: str) -> Tag:
    element = page.select_one(css)
    assert element is not None, css
    return element


def sina_seed_paragraphs(server: DemoServer) -> list[str]:
    page = BeautifulSoup(served_text(server, SINA_SEED), "html.parser")
    return [p.get_text().strip() for p in page.select("#artibody p[cms-style]")]


def test_sina_page_holds_the_seed_body(server: DemoServer) -> None:
    page = BeautifulSoup(served_text(server, SINA_SEED), "html.parser")
    paragraphs = sina_seed_paragraphs(server)
    assert len(paragraphs) == 7
    assert paragraphs[0].startswith("2021上海-台北城市论坛今天（1日）")
    assert paragraphs[-1] == "（总台央视记者 盛瑾瑜 郭恩友）"
    assert select(page, "title").get_text() == "2021上海-台北城市论坛以视频形式举行_新浪财经_新浪网"
    published = select(page, 'meta[property="article:published_time"]')
    assert published["content"] == "2021-12-01T22:01:19+08:00"
    assert "责任编辑：王翔" in select(page, "#artibody p.article-editor").get_text()
    assert "尽在新浪财经APP" in select(page, "#artibody .appendQr_wrap").get_text()


def test_traditional_copy_is_s2t_of_the_sina_paragraphs(server: DemoServer) -> None:
    simplified = sina_seed_paragraphs(server)
    page = BeautifulSoup(served_text(server, TRADITIONAL_COPY), "html.parser")
    body = select(page, "article.article-content__editor")
    traditional = [p.get_text().strip() for p in body.find_all("p")]
    assert traditional == [S2T.convert(p) for p in simplified]
    assert [T2S.convert(p) for p in traditional] == simplified
    # Nothing but the seven paragraphs inside the body container.
    assert body.get_text().split() == "\n".join(traditional).split()
    assert select(page, "h1").get_text() == S2T.convert("2021上海-台北城市论坛以视频形式举行")


def test_portal_reprint_has_the_same_seven_paragraphs(server: DemoServer) -> None:
    page = BeautifulSoup(served_text(server, PORTAL_REPRINT), "html.parser")
    body = select(page, "#detail")
    assert [p.get_text().strip() for p in body.find_all("p")] == sina_seed_paragraphs(server)
    assert "责任编辑" not in body.get_text()
    assert "来源" not in body.get_text()
    assert "责任编辑：李明" in select(page, "p.editor").get_text()


def test_portal_listing_links_the_reprint_with_tracking_parameters(server: DemoServer) -> None:
    listing = served_text(server, "/portal/taiwan/")
    assert f'href="{PORTAL_REPRINT}?utm_source=toutiao&amp;utm_medium=app&amp;utm_campaign=share"' in listing


def test_sina_pagination(server: DemoServer) -> None:
    first = BeautifulSoup(served_text(server, "/sina/finance/"), "html.parser")
    assert select(first, 'a.pagebox_next[rel="next"]')["href"] == "/sina/finance/index_2.shtml"
    hrefs = [a["href"] for a in first.select("a[href]")]
    assert SINA_SEED in hrefs
    assert SINA_SEED + "?utm_source=weibo&utm_medium=share" in hrefs
    second = BeautifulSoup(served_text(server, "/sina/finance/index_2.shtml"), "html.parser")
    assert second.select_one("a.pagebox_next") is None
    assert {SINA_GBK, SINA_NO_CHARSET} <= {a["href"] for a in second.select("a[href]")}


def page_words(html: str) -> str:
    """All the text a cleaner could pick up: visible text, scripts, title and meta contents (not URLs)."""
    page = BeautifulSoup(html, "html.parser")
    metas = [str(meta.get("content", "")) for meta in page.find_all("meta")]
    return "\n".join([page.get_text("\n"), *metas])


@pytest.mark.parametrize("path", stories("unrelated"))
def test_unrelated_pages_mention_no_topic(server: DemoServer, path: str) -> None:
    aliases = [alias for names in topic_aliases().values() for alias in names]
    assert mentions(page_words(served_text(server, path)), aliases + FORBIDDEN_IN_UNRELATED) == []


@pytest.mark.parametrize("story", sorted(STORY_TOPICS))
def test_story_pages_match_their_topic(server: DemoServer, story: str) -> None:
    aliases = topic_aliases()
    for path in stories(story):
        text = served_text(server, path)
        assert mentions(text, aliases[STORY_TOPICS[story]]), path
        if story in {"S5", "S6"}:  # the mayors' and sister-city pages are not forum news
            assert mentions(text, aliases["twin-city-forum"]) == [], path


# --- the demo configuration ------------------------------------------------------------------------


def test_demo_config_sources_point_at_served_pages(server: DemoServer) -> None:
    config = demo_config(server.base_url)
    names = {source["name"] for source in config["sources"]}
    assert names == {
        "sina-finance",
        "sina-finance-feed",
        "taipei-gov-en",
        "twnews",
        "portal",
        "mayors-blog",
        "farm",
    }
    for source in config["sources"]:
        urls = source.get("start_urls", []) + source.get("sitemap_urls", []) + [source.get("url", "")]
        for url in filter(None, urls):
            assert fetch(server, url.removeprefix(server.base_url))[0] == 200, url


@pytest.mark.parametrize(
    ("source", "articles", "not_articles"),
    [
        ("sina-finance", [SINA_SEED, SINA_GBK, SINA_SEED + "?utm_source=weibo"], ["/sina/finance/", "/sina/finance/index_2.shtml"]),
        ("taipei-gov-en", [TAIPEI_FORUM, TAIPEI_LANTERN], [TAIPEI_LIST]),
        ("portal", [PORTAL_REPRINT, PORTAL_REPRINT + "?utm_source=toutiao"], ["/portal/taiwan/"]),
        ("mayors-blog", ["/blog/2024/07/sco-world-mayors-dialogue/", "/blog/2024/05/liangban-jisi/"], ["/blog/", "/blog/sitemap.xml"]),
        ("farm", ["/farm/post/shanghai-sister-cities.html", DRAFT], ["/farm/", "/farm/?p=2201"]),
    ],
)  # fmt: skip
def test_article_patterns_select_the_article_pages(
    source: str, articles: list[str], not_articles: list[str]
) -> None:
    base = "http://127.0.0.1:40123"
    (pattern,) = [s["article_pattern"] for s in demo_config(base)["sources"] if s["name"] == source]
    for path in articles:
        assert re.search(pattern, base + path), path
    for path in not_articles:
        assert not re.search(pattern, base + path), path
