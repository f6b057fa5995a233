"""The crawl benchmark (bench/crawl.py) on an eval folder of pages written here: its templates, the
stats it reads from a crawl's log, and one tiny run end to end."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench.crawl_runs import logged_stats
from bench.crawl_site import make_template
from bench.crawl_text import TextWriter
from bench.datasets import CHINESE, SCRAPINGHUB, load_set

ZH_PARAGRAPHS = (
    "市交通委今天宣布，地铁十八号线二期工程进入全面施工阶段，预计三年后建成通车。",
    "新线全长二十三公里，共设十四座车站，将连接城市北部的几个大型居住区和中心城区。",
    "交通委负责人表示，施工期间将尽量减少对周边道路交通和居民生活的影响。",
    "沿线居民普遍期待新线早日开通，不少人说每天的通勤时间有望缩短半小时以上。",
)
EN_PARAGRAPHS = (
    "The city council voted on Tuesday to rebuild the old harbour bridge, which has been closed to trucks since the spring.",
    "Work is expected to start next year and to take about three years, the council said in a statement.",
    "Residents of the east bank have long asked for the bridge to be reopened to buses and delivery vans.",
    "The council will hold a public meeting on the plans at the town hall next month.",
)
TW_PARAGRAPHS = (
    "臺北市政府今天宣布，市立圖書館總館將於明年春天完成整修，重新對外開放。",
    "整修工程包括更新空調系統、增設無障礙設施，以及擴大兒童閱覽區的空間。",
    "市府表示，整修期間各分館將延長開放時間，方便市民借閱圖書。",
)


def page(title: str, paragraphs: tuple[str, ...], charset: str = "utf-8") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f'<title>{title}_本地新闻网</title><meta property="og:title" content="{title}"></head><body>'
        '<div class="nav"><a href="/">首页</a> <a href="/city/">城市</a> <a href="/sports/">体育</a></div>'
        f'<div class="article"><h1>{title}</h1><div class="info">2026-03-01 本地新闻网</div>\n{body}\n</div>'
        '<div class="footer"><p>版权所有 本地新闻网 联系我们</p></div></body></html>'
    )


@pytest.fixture
def eval_folder(tmp_path: Path) -> Path:
    """An 'extraction' folder laid out as ../shared/eval's, one page of our own in each set."""
    root = tmp_path / "extraction"
    chinese = root / CHINESE
    (chinese / "original").mkdir(parents=True)
    zh = page("地铁十八号线二期全面开工", ZH_PARAGRAPHS, "gb2312")
    (chinese / "original" / "zh1.html").write_bytes(zh.encode("gbk"))
    (chinese / "ground-truth.json").write_text(
        json.dumps({"zh1": {"articleBody": "\n".join(ZH_PARAGRAPHS), "author": "UNKNOWN", "date": "UNKNOWN"}})
    )
    english = root / SCRAPINGHUB
    (english / "html").mkdir(parents=True)
    en = page("Council votes to rebuild harbour bridge", EN_PARAGRAPHS)
    (english / "html" / "en1.html.gz").write_bytes(gzip.compress(en.encode("utf-8")))
    (english / "ground-truth.json").write_text(
        json.dumps({"en1": {"articleBody": "\n".join(EN_PARAGRAPHS), "url": "https://news.example/en1"}})
    )
    taiwanese = root / "taiwanese-news-dev"
    (taiwanese / "html").mkdir(parents=True)
    title = "市立圖書館總館明年春天重新開放"
    (taiwanese / "html" / "tw1.html").write_text(page(title, TW_PARAGRAPHS), encoding="utf-8")
    label = {"file": "tw1.html", "url": "https://news.example/tw1", "title": title}
    (taiwanese / "labels.json").write_text(json.dumps([{**label, "content_contains": ["增設無障礙設施"]}]))
    (root / "twnews").mkdir()
    (root / "twnews" / "labels.json").write_text("{}")
    return root


def test_a_template_keeps_the_page_and_takes_fresh_text(eval_folder: Path) -> None:
    [original] = load_set(eval_folder, CHINESE)
    template = make_template(original, CHINESE, "zh-Hans")
    assert template is not None
    assert template.paragraphs == len(ZH_PARAGRAPHS)  # the footer's <p> is no part of the article
    article = TextWriter(seed=3).article("zh-Hans", about_forum=True, paragraphs=6)
    html = template.render(article).decode("gbk")
    assert 'charset=gb2312"' in html
    assert f"<title>{article.title}_本地新闻网</title>" in html
    assert f"<h1>{article.title}</h1>" in html
    assert all(paragraph in html for paragraph in article.paragraphs)
    assert not any(paragraph in html for paragraph in ZH_PARAGRAPHS)
    assert "版权所有 本地新闻网" in html  # the page's own chrome stays
    assert '<a href="/sports/">' in html


def test_the_stats_are_read_from_the_last_dump_in_the_log() -> None:
    log = (
        "2026-01-01 INFO scrapy.statscollectors: Dumping Scrapy stats:\n{'a': 1}\n"
        "2026-01-01 INFO scrapy.statscollectors: Dumping Scrapy stats:\n"
        "{'downloader/request_count': 32,\n 'elapsed_time_seconds': 1.25,\n"
        " 'finish_time': datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc),\n"
        " 'forumwatch/cpu_us/clean': 343203}\n"
        "2026-01-01 INFO scrapy.core.engine: Spider closed (finished)\n"
    )
    assert logged_stats(log) == {
        "downloader/request_count": 32,
        "elapsed_time_seconds": 1.25,
        "forumwatch/cpu_us/clean": 343203,
    }


@pytest.mark.slow
def test_a_tiny_run_fetches_every_page_with_both_crawlers_and_reports_each_stage(
    eval_folder: Path, tmp_path: Path
) -> None:
    figures_file = tmp_path / "figures.json"
    command = [sys.executable, "-m", "bench.crawl", "--pages", "30", "--templates", "1"]
    command += ["--data", str(eval_folder), "--json", str(figures_file)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "article pages fetched: bare all (30 of 30), forumwatch all (30 of 30)" in out
    assert re.search(r"ratio forumwatch/bare \d+\.\d+x", out)
    for stage in ("download", "clean", "match", "events", "fingerprint", "store", "store_writer", "total"):
        assert re.search(rf"^{stage} +\d+\.\d\d ", out, re.MULTILINE), stage
    assert re.search(r"second crawl, site unchanged, same database: \d+ requests \(first crawl: 32;", out)
    # Which verdict depends on the machine's load (a 30-page probe is over in milliseconds); that one is
    # given is what this tiny run can check.
    assert re.search(r"the server (is not|may be) what limits the crawlers", out)

    figures = json.loads(figures_file.read_text())
    assert [r["crawler"] for r in figures["runs"]] == ["bare", "forumwatch"]
    assert all(r["pages"] == 30 and r["peak_rss_mib"] > 0 for r in figures["runs"])
    assert figures["site"]["forum_pages"] == 15
    assert figures["runs"][1]["counts"]["new"] + figures["runs"][1]["counts"]["duplicates"] == 15
    by_stage = figures["summary"]["forumwatch_cpu_ms_per_page_by_stage"]
    assert set(by_stage) == {"download", "clean", "match", "events", "fingerprint", "store", "store_writer"}
    assert all(value > 0 for value in by_stage.values())
    # Listing pages answer If-Modified-Since: the unchanged site is two requests (robots.txt, a 304).
    assert figures["second_crawl"]["requests"] == 2
    relisted = figures["relisted_crawl"]
    # Neither the stored articles nor the pages seen off-topic (the topics unchanged) are downloaded
    # again (crawler/downloadermiddlewares/incremental.py).
    assert relisted["counts"]["skipped"] == 30
    assert relisted["pages"] == 0
