"""Feed content bench: full-text feed entries through the spider's and the clean pipeline's own path.

    python -m bench.feed_content [DIR ...] [--show N] [--json]

Every ``.xml``/``.rss``/``.atom`` file under the directories (default: the shared eval feeds,
``../shared/eval/feeds/``) is parsed the way ``FeedSpider.parse_feed`` parses a feed; every entry whose
content the spider takes as the whole article becomes the spider's ``ArticleItem`` and goes through
``CleanPipeline``. Reported:

- titles: how many stored items carry the entry's own title, how many something else (a subheading
  of the text, say), how many had no entry title to carry;
- debris: how many stored texts (title and body) still hold CSS, script, HTML markup or comments,
  a QR/app promo, an editor line or control characters, with the first few examples of each.

A benchmark, not a test: it reads the eval feeds in place and stores nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import feedparser
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawler.cleaner.titles import tidy_title
from crawler.feed_decoding import decode_feed
from crawler.feed_parsing import FEED_PARSE_OPTIONS
from crawler.pipelines.clean import CleanPipeline
from crawler.spiders.feed import full_text_item

DEFAULT_DIRS = ("../shared/eval/feeds/feed-rs-fixtures", "../shared/eval/feeds/feedparser-tests")
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
# What page debris looks like in stored text. Deliberately wider than the cleaner's own rules, so that
# the bench can find what the rules miss.
DEBRIS: dict[str, re.Pattern[str]] = {
    "css": re.compile(r"[\w\]*)]\s*\{[^{}]*:[^{}]*\}|\{\s*\}|@media\b|@font-face|@import\b"),
    "script": re.compile(r"document\.write|window\.\w+\s*[=(]|function\s*\w*\s*\([^)]*\)\s*\{|\bvar\s+\w+\s*="),
    "markup": re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>"),
    "comment": re.compile(r"<!--|-->"),
    "promo": re.compile(r"二维码|二維碼|扫码|掃碼|海量资讯|下[载載].{0,20}(?:APP|App|客户端|客戶端)|download (?:our|the) app",
                        re.I),
    "editor": re.compile(r"责任编辑|責任編輯|责编|責編|(?:^|\n|\s)(?:编辑|編輯)\s*[:：]"),
    "control": re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"),
}  # fmt: skip


@dataclass
class Report:
    feeds: int = 0
    entries: int = 0
    full_text: int = 0
    dropped: int = 0
    titles: Counter[str] = field(default_factory=Counter)
    debris: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def example(self, kind: str, text: str, limit: int) -> None:
        found = self.examples.setdefault(kind, [])
        if len(found) < limit:
            found.append(text)


def feed_files(directories: list[Path]) -> Iterator[Path]:
    for directory in directories:
        yield from sorted(p for p in directory.rglob("*") if p.suffix.lower() in FEED_SUFFIXES)


def run(directories: list[Path], show: int) -> Report:
    crawler = get_crawler()
    crawler.stats.open_spider()
    pipeline = CleanPipeline.from_crawler(crawler)
    report = Report()
    for path in feed_files(directories):
        decoded = decode_feed(path.read_bytes(), "")
        report.feeds += 1
        if decoded.unreadable is not None:
            continue
        parsed = feedparser.parse(
            decoded.body, **FEED_PARSE_OPTIONS, response_headers={"content-type": decoded.content_type}
        )
        for number, entry in enumerate(parsed.entries):
            report.entries += 1
            url = entry.get("link") or f"https://feeds.example/{path.stem}/{number}"
            item = full_text_item(entry, url, "bench", None)  # what FeedSpider yields for the entry
            if item is None:
                continue
            report.full_text += 1
            info = item.feed_entry
            assert info is not None
            name = f"{path.name}#{number}"
            try:
                article = pipeline.process_item(item).article
            except DropItem:
                report.dropped += 1
                continue
            assert article is not None
            expected = tidy_title(info.title or "")
            if not expected:
                report.titles["no entry title"] += 1
            elif article.title == expected:
                report.titles["entry title"] += 1
            else:
                report.titles["other title"] += 1
                report.example("other title", f"{name}: {article.title!r} (entry: {expected!r})", show)
            for kind, pattern in DEBRIS.items():
                found = pattern.search(f"{article.title}\n{article.text}")
                if found:
                    report.debris[kind] += 1
                    context = article.text[max(0, found.start() - 40) : found.end() + 40]
                    report.example(kind, f"{name}: …{context!r}…", show)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directories", nargs="*", type=Path, default=[Path(d) for d in DEFAULT_DIRS])
    parser.add_argument("--show", type=int, default=5, help="examples shown per finding")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    report = run(args.directories, args.show)
    figures: dict[str, Any] = {
        "feeds": report.feeds,
        "entries": report.entries,
        "full_text_entries": report.full_text,
        "dropped_as_empty": report.dropped,
        "titles": dict(report.titles),
        "debris": {kind: report.debris[kind] for kind in DEBRIS},
    }
    if args.json:
        json.dump({**figures, "examples": report.examples}, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for key, value in figures.items():
        print(f"{key}: {value}")
    for kind, examples in report.examples.items():
        print(f"\n{kind}:")
        for example in examples:
            print(f"  {example}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
