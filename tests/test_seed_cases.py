"""The user's seed documents (tests/fixtures/seeds/README.md): kept verbatim as fixtures, and each wrapped
in page chrome on the demo site, through `forumwatch clean --json` exactly as a user would run it on a
saved page."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from crawler.topics import Topic, TopicMatcher
from forumwatch.cli import main
from forumwatch.demo.run import DEMO_CONFIG
from forumwatch.demo.server import DemoServer

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
SITE = Path(DEMO_CONFIG).parent / "site"
MANIFEST = json.loads((SITE / "manifest.json").read_text(encoding="utf-8"))

SINA_PARAGRAPHS = [
    "2021上海-台北城市论坛今天（1日）以视频形式举行。上海市市长龚正、台北市市长柯文哲出席论坛并致辞。上海市副市长陈通、台北市副市长蔡炳坤作主题演讲。",
    "“双城论坛”是两岸城市交流的响亮品牌，以“新经济 新发展”为主题的本次论坛，寄托了两市人民对未来生活的美好愿景。",
]
SINA_LAST_PARAGRAPH = "（总台央视记者 盛瑾瑜 郭恩友）"
PINYIN_AFTER_HANZI = re.compile(r"[\u4e00-\u9fff]\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6})\)")


def seed_digests() -> dict[str, str]:
    """The seed documents and their SHA-256, from the table in tests/fixtures/seeds/README.md."""
    readme = (SEEDS / "README.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$", readme, re.MULTILINE))


def test_seed_fixtures_are_the_users_documents_byte_for_byte() -> None:
    digests = seed_digests()
    documents = {path.name for path in SEEDS.iterdir()} - {"README.md", ".gitattributes"}
    assert len(digests) == 5
    assert set(digests) == documents
    for name, digest in digests.items():
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == digest, f"{name} was changed"


def _matcher() -> TopicMatcher:
    config = tomllib.loads(DEMO_CONFIG.read_text(encoding="utf-8"))
    return TopicMatcher(Topic.from_dict(t) for t in config["topics"])


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer() as running:
        yield running


def fetch(server: DemoServer, path: str) -> tuple[bytes, str | None]:
    with urllib.request.urlopen(server.base_url + path) as response:
        return response.read(), response.headers.get_content_charset()


def clean_json(server: DemoServer, path: str, tmp_path: Path, url: str | None = None) -> dict[str, Any]:
    body, charset = fetch(server, path)
    saved = tmp_path / "page.html"
    saved.write_bytes(body)
    args = ["clean", str(saved), "--url", url or server.base_url + path, "--json"]
    if charset:
        args += ["--encoding", charset]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    article: dict[str, Any] = json.loads(result.stdout)
    assert "\ufffd" not in article["text"] + article["title"]
    return article


def topics_of(article: dict[str, Any]) -> list[str]:
    return [m.topic for m in _matcher().match(article["title"], article["text"])]


def test_twin_city_overview_loses_pinyin_but_keeps_real_parentheses(
    server: DemoServer, tmp_path: Path
) -> None:
    article = clean_json(server, "/twnews/news/20200722/4712093.html", tmp_path)
    text = article["text"]
    assert "10時在" in text
    assert "發表" in text
    assert "活動" in text
    assert PINYIN_AFTER_HANZI.search(text) is None
    assert "(雙城論壇)" in text
    assert "(Cisco Systems)" in text
    assert "「論壇主題」" in text.splitlines()
    assert article["script"] == "Hant"
    assert topics_of(article) == ["twin-city-forum"]


@pytest.mark.parametrize(
    "url", [None, "https://finance.sina.com.cn/china/2021-12-01/doc-ikyamrmy6175870.shtml"]
)
def test_sina_article_is_the_seven_paragraphs_with_its_metadata(
    server: DemoServer, tmp_path: Path, url: str | None
) -> None:
    article = clean_json(server, "/sina/finance/doc-ikyamrmy6175870.shtml", tmp_path, url)
    paragraphs = article["text"].splitlines()
    assert len(paragraphs) == 7
    assert paragraphs[:2] == SINA_PARAGRAPHS
    assert paragraphs[-1] == SINA_LAST_PARAGRAPH
    for noise in (
        "海量资讯、精准解读，尽在新浪财经APP",
        "责任编辑",
        "appendQr",
        "{",
        "<!--",
        "SINA Corporation",
    ):
        assert noise not in article["text"]
    assert article["title"] == "2021上海-台北城市论坛以视频形式举行"
    assert article["published"] == "2021-12-01T14:01:19+00:00"
    assert article["editor"] == "王翔"
    assert article["outlet"] == "新浪财经"
    assert (
        article["image"]
        == "https://n.sinaimg.cn/spider20211201/133/w2000h1333/20211201/0618-e46cac2b9ead2a00041f68128f6f241c.jpg"
    )
    assert (article["language"], article["script"]) == ("zh", "Hans")
    assert topics_of(article) == ["twin-city-forum"]


def test_mayors_blog_keeps_headings_and_lists_and_drops_blog_chrome(
    server: DemoServer, tmp_path: Path
) -> None:
    article = clean_json(server, "/blog/2024/07/sco-world-mayors-dialogue/", tmp_path)
    lines = article["text"].splitlines()
    assert "一、世界市长对话与上合峰会城市:是什么?" in lines
    assert "1. 世界市长对话的本质与目标" in lines
    assert any(line.startswith("促进城市可持续发展") for line in lines)
    for chrome in ("世界市长对话上合峰会城市", "By admin", "发表回复"):
        assert chrome not in lines
    assert topics_of(article) == ["mayors-forum"]


def test_taipei_release_title_and_no_navigation(server: DemoServer, tmp_path: Path) -> None:
    article = clean_json(server, _taipei_seed_path(), tmp_path)
    assert article["title"] == "Mayor Travels to Shanghai to Attend Twin-City Forum"
    for nav in ("Jump to the content zone at the center", "Secretariat, Taipei City Government", "City News"):
        assert nav not in article["text"].splitlines()
    assert "Yangshan Deep Water Port" in article["text"]
    assert (article["language"], article["script"]) == ("en", None)
    assert topics_of(article) == ["twin-city-forum"]


def _taipei_seed_path() -> str:
    for entry in MANIFEST:
        page = (SITE / entry["file"]).read_text(encoding="utf-8")
        if "News_Content.aspx" in entry["path"] and "Mayor Travels to Shanghai" in page:
            return str(entry["path"])
    raise AssertionError("no Taipei seed page in the demo manifest")


def test_sister_cities_farm_drops_seo_lines_and_keeps_the_table(server: DemoServer, tmp_path: Path) -> None:
    article = clean_json(server, "/farm/post/shanghai-sister-cities.html", tmp_path)
    text = article["text"]
    assert not re.search(r"^(元描述|关键词)\s*[:：]", text, re.MULTILINE)
    assert "旧金山 | 经济、文化交流、科技 | 投资合作协议,企业家交流会" in text
    assert "洪都拉斯 | 经济发展 | 6300万美元医院项目" in text
    assert topics_of(article) == ["sister-cities"]


@pytest.mark.parametrize(
    "entry",
    [e for e in MANIFEST if e.get("encoding", "utf-8") not in ("utf-8", "utf8")],
    ids=lambda e: e["path"],
)
def test_every_gbk_and_big5_page_decodes_without_replacement_characters(
    server: DemoServer, tmp_path: Path, entry: dict[str, str]
) -> None:
    article = clean_json(server, entry["path"], tmp_path)
    assert article["text"], article["empty_reason"]
    assert article["encoding"] is not None
