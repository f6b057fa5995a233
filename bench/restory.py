"""`forumwatch restory` bench: how long recomputing a store takes, and that it gives a fresh store's stories.

    python -m bench.restory [--articles 100000] [--copies 0.3] [--seed 1]

Builds a SQLite store of N articles the way a crawl stores them (save_article): made-up Chinese news
texts, a share of them copied (the other script, a paragraph less), stored under older rules (no
near-duplicate fingerprints, no topics or events: every shortened copy a story of its own). Then times
``run_restory`` over all of it and compares its stories and heads with a store built fresh under
today's rules from the same articles.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from crawler.derived import derive
from crawler.topics import Topic, TopicMatcher
from dedup.fingerprints import canonical_url, content_hash
from dedup.textnorm import to_traditional
from forumwatch.restory import run_restory
from storage.articles import ArticleRecord, ensure_source, save_article
from storage.engine import open_database
from storage.models import Article

TOPICS = [
    Topic("twin-city-forum", ("双城论坛", "上海台北城市论坛")),
    Topic("sister-cities", ("友城", "姐妹城市")),
]
# Common hanzi to make up sentences from; enough of them that unrelated texts share almost no shingles.
_HANZI = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性"
    "好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第"
    "向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管"
    "特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处"
)


def made_up_text(rng: random.Random, sentences: int = 8) -> str:
    return (
        "".join(
            "".join(rng.choice(_HANZI) for _ in range(rng.randint(18, 40))) + rng.choice("，。。")
            for _ in range(sentences)
        )
        + ("双城论坛" if rng.random() < 0.2 else "")
        + "。"
    )


def corpus(count: int, copies: float, seed: int) -> list[tuple[str, str, str]]:
    """(url, title, text): originals and copies of some of them, shuffled."""
    rng = random.Random(seed)
    items: list[tuple[str, str, str]] = []
    while len(items) < count:
        text = made_up_text(rng)
        title = text[:16]
        items.append((f"https://origin.example/{len(items)}", title, text))
        if rng.random() < copies and len(items) < count:
            copy = to_traditional(text) if rng.random() < 0.5 else text.rsplit("。", 2)[0] + "。"
            items.append((f"https://copy.example/{len(items)}", title, copy))
    rng.shuffle(items)
    return items


def build(engine: Engine, items: list[tuple[str, str, str]], *, stale: bool) -> None:
    matcher = TopicMatcher(TOPICS)
    published = datetime(2025, 1, 1, tzinfo=UTC)
    with Session(engine) as session, session.begin():
        source_id = ensure_source(session, "bench", "site", "https://origin.example/")
    for start in range(0, len(items), 500):
        with Session(engine) as session, session.begin():
            for url, title, text in items[start : start + 500]:
                fields = derive(title, text, published, "zh", matcher)
                record = ArticleRecord(
                    source_name="bench",
                    url=url,
                    canonical_url=canonical_url(url),
                    content_hash=content_hash(text) if stale else fields.content_hash,
                    title=title,
                    text=text,
                    topics=() if stale else fields.topics,
                    near_dup=None if stale else fields.near_dup,
                    kind=None if stale else fields.kind,
                    event=None if stale else fields.event,
                    published_at=published,
                    language="zh",
                )
                save_article(session, record, source_id)


def partition(engine: Engine) -> tuple[list[list[str]], list[str]]:
    with Session(engine) as session:
        rows = session.execute(select(Article.story_id, Article.canonical_url, Article.is_head)).all()
    stories: dict[int, list[str]] = {}
    for story_id, url, _ in rows:
        stories.setdefault(story_id, []).append(url)
    return sorted(sorted(urls) for urls in stories.values()), sorted(url for _, url, head in rows if head)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--copies", type=float, default=0.3, help="share of originals copied once")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    items = corpus(args.articles, args.copies, args.seed)
    with tempfile.TemporaryDirectory() as folder:
        stale = open_database(f"sqlite:///{Path(folder) / 'stale.db'}")
        fresh = open_database(f"sqlite:///{Path(folder) / 'fresh.db'}")
        started = time.perf_counter()
        build(stale, items, stale=True)
        build_seconds = time.perf_counter() - started
        build(fresh, items, stale=False)
        started = time.perf_counter()
        report = run_restory(stale, TOPICS, mark_all=True)
        restory_seconds = time.perf_counter() - started
        same = partition(stale) == partition(fresh)
    print(f"{len(items)} articles (stored under the old rules in {build_seconds:.0f} s)")
    print(f"restory: {restory_seconds:.1f} s, {restory_seconds / len(items) * 1000:.2f} ms per article")
    print(report.describe())
    print(f"stories and heads the same as a fresh store's: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
