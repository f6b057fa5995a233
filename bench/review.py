"""Review bench: the inbox, a filtered inbox and searches at growing store sizes (SQLite).

    python -m bench.review [--sizes 10000,1000000] [--repeat 7] [--keep DIR] [--json [FILE]]

For each size a fresh SQLite file is filled with N synthetic articles (about 1.6 copies per story,
topics, kinds, events, 30 % of stories reviewed, search documents and their trigram index), written
in bulk through the real schema (migrations included), not through the crawler: the point is the
read path. Then the functions the web page and `forumwatch review` call are timed, best of --repeat:

- inbox: the first page of new stories; and page 50, through the keyset cursor;
- filtered: new announcements of one topic (the rarest), and all stories of one source in half a year;
- search: a rare term (in 60 articles whatever the size: a page and a bit, at 10 k as at 1 M), a common
  one (in ~20 % of articles), and the rare term in Traditional script against Simplified text.

Every query returns a full page (50 stories) at every size, so that the sizes are compared on the
same work: the rows are shown beside the times. The figures are milliseconds per query and the ratio of
each query's time at the largest size to its time at the smallest: indexes, not scans, keep it near 1.
A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from storage.engine import open_database
from storage.inbox import InboxFilter, inbox
from storage.search import search_document

TOPICS = [("twin-city-forum", 0.2), ("sister-cities", 0.5), ("mayors-forum", 0.05)]
SOURCES = [f"source-{n:02d}" for n in range(24)]
KINDS = ["announcement", "report", "other"]
COMMON = "双城论坛"  # in every twin-city-forum article: ~20 %
RARE_ARTICLES = 60  # articles carrying the rare phrase, spread evenly over the store
RARE = "青年创业交流营"
START = datetime(2024, 1, 1, tzinfo=UTC)
# Ordinary sentences, folded or not: the texts are made of them, picked at random.
FILLER = [
    "上海市政府今日召开新闻发布会介绍城市更新的最新进展",
    "台北市议会就交通预算进行第二轮审议",
    "两岸青年在厦门参加文化交流活动",
    "市民对公共交通服务的满意度继续上升",
    "专家表示城市治理需要更多数据支持",
    "本届论坛的主题是低碳城市与健康城市",
    "The delegation visited the riverside redevelopment project",
    "Officials discussed cooperation on smart transport and elderly care",
    "气象部门提醒市民注意防范强对流天气",
    "新建的地铁线路将于年底开通试运营",
]


def build(path: Path, size: int, seed: int) -> Engine:
    """A store of ``size`` articles, written in bulk through the schema the migrations create."""
    engine = open_database(f"sqlite:///{path}")
    rng = random.Random(seed)
    stories: list[tuple[Any, ...]] = []
    articles: list[tuple[Any, ...]] = []
    topics: list[tuple[Any, ...]] = []
    documents: list[tuple[Any, ...]] = []
    reviews: list[tuple[Any, ...]] = []
    article_id, story_id = 0, 0
    minutes_per_story = max(1, int(2 * 365 * 24 * 60 / (size / 1.6)))
    while article_id < size:
        story_id += 1
        created = START + timedelta(minutes=story_id * minutes_per_story)
        kind = rng.choice(KINDS)
        story_topics = [name for name, share in TOPICS if rng.random() < share] or ["sister-cities"]
        title = f"{rng.choice(FILLER)} {story_id}"
        event = (
            json.dumps({"start": (created + timedelta(days=10)).date().isoformat()})
            if kind == "announcement"
            else None
        )
        status = rng.choice(["relevant", "dismissed", "later"]) if rng.random() < 0.3 else None
        stories.append((story_id, title, kind, event, created, created, status))
        if status is not None:
            reviews.append((story_id, status, "", "bench", created))
        for copy in range(1 + (rng.random() < 0.4) + (rng.random() < 0.2)):
            article_id += 1
            sentences = [rng.choice(FILLER) for _ in range(6)]
            if "twin-city-forum" in story_topics:
                sentences.insert(1, f"{COMMON}将在{created:%m月%d日}举行")
            if article_id % (size // RARE_ARTICLES) == 0:
                sentences.append(f"活动期间还将举办{RARE}")
            body = "\n".join(sentences)
            source = rng.randrange(len(SOURCES)) + 1
            articles.append((article_id, story_id, source, copy == 0, f"https://{SOURCES[source - 1]}.example/{article_id}",
                             f"https://{SOURCES[source - 1]}.example/{article_id}", f"{article_id:064x}", title, body,
                             created, "portal", "first" if copy == 0 else "content"))  # fmt: skip
            topics += [(article_id, name, 5.0) for name in story_topics]
            documents.append((article_id, search_document(title, body)))
            if article_id >= size:
                break
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO sources (id, name, kind, url, authority, created_at) VALUES (:id, :name, 'site', :url, 'portal', :at)"),
            [{"id": n + 1, "name": name, "url": f"https://{name}.example/", "at": START} for n, name in enumerate(SOURCES)],
        )  # fmt: skip
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.executemany("INSERT INTO stories (id, title, kind, event, created_at, updated_at, review_status) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [(*row[:4], _sqlite_time(row[4]), _sqlite_time(row[5]), row[6]) for row in stories])  # fmt: skip
        raw.executemany(
            "INSERT INTO articles (id, story_id, source_id, is_head, url, canonical_url, content_hash, title, text,"
            " html, fetched_at, extractor, joined_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)",
            [(*row[:9], _sqlite_time(row[9]), *row[10:]) for row in articles],
        )
        raw.executemany("INSERT INTO article_topics (article_id, topic, score) VALUES (?, ?, ?)", topics)
        raw.executemany("INSERT INTO story_reviews (story_id, status, note, reviewer, updated_at) VALUES (?, ?, ?, ?, ?)",
                        [(*row[:4], _sqlite_time(row[4])) for row in reviews])  # fmt: skip
        raw.executemany("INSERT INTO article_search (article_id, document) VALUES (?, ?)", documents)
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
    return engine


def _sqlite_time(value: datetime) -> str:
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


def queries(engine: Engine) -> dict[str, Callable[[Session], int]]:
    def page_50(session: Session) -> int:  # the rows of page 50
        page = inbox(session, InboxFilter(status="all"), limit=50)
        for _ in range(49):
            page = inbox(session, InboxFilter(status="all"), limit=50, after=page.next_cursor)
        return len(page.rows)

    with Session(engine) as session:
        newest = session.execute(text("SELECT max(created_at) FROM stories")).scalar_one()
    last = datetime.fromisoformat(str(newest)).replace(tzinfo=UTC)
    return {
        "inbox: first page of new stories": lambda s: len(inbox(s, InboxFilter(), limit=50).rows),
        "inbox: pages 1-50 by cursor (all)": page_50,
        "filtered: new announcements, mayors-forum": lambda s: len(
            inbox(s, InboxFilter(topic="mayors-forum", kind="announcement"), limit=50).rows
        ),
        "filtered: one source, half a year, all": lambda s: len(
            inbox(
                s, InboxFilter(status="all", source="source-07", since=last - timedelta(days=182)), limit=50
            ).rows
        ),
        f"search: rare ({RARE}, {RARE_ARTICLES} articles)": lambda s: len(
            inbox(s, InboxFilter(status="all", query=RARE), limit=50).rows
        ),
        f"search: common ({COMMON}, ~20%)": lambda s: len(
            inbox(s, InboxFilter(status="all", query=COMMON), limit=50).rows
        ),
        "search: rare, in Traditional (青年創業交流營)": lambda s: len(
            inbox(s, InboxFilter(status="all", query="青年創業交流營"), limit=50).rows
        ),
    }


def measure(engine: Engine, repeat: int) -> dict[str, tuple[float, int]]:
    """Per query: the best time of ``repeat`` runs in milliseconds, and the rows it returned."""
    timings = {}
    for name, query in queries(engine).items():
        best, rows = float("inf"), 0
        for _ in range(repeat):
            with Session(engine) as session:
                started = time.perf_counter()
                rows = query(session)
                best = min(best, time.perf_counter() - started)
        timings[name] = (best * 1000, rows)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,1000000", help="articles per store, comma-separated")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=20211201)
    parser.add_argument("--keep", type=Path, help="keep the stores in this directory")
    parser.add_argument("--json", nargs="?", const="-", help="also write the figures as JSON (file or -)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[int, dict[str, tuple[float, int]]] = {}
    with tempfile.TemporaryDirectory(prefix="forumwatch-bench-review-") as scratch:
        directory = args.keep or Path(scratch)
        directory.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            started = time.perf_counter()
            engine = build(directory / f"review-{size}.db", size, args.seed)
            print(
                f"{size:>9,} articles: store built in {time.perf_counter() - started:.0f} s", file=sys.stderr
            )
            results[size] = measure(engine, args.repeat)
            engine.dispose()
    smallest, largest = sizes[0], sizes[-1]
    names = list(results[smallest])
    width = max(len(n) for n in names)
    print(f"{'query':<{width}}  " + "  ".join(f"{s:>17,}" for s in sizes) + f"  {'ratio':>6}")
    for name in names:
        cells = "  ".join(f"{results[s][name][0]:>8.2f}ms {results[s][name][1]:>3} rows" for s in sizes)
        ratio = results[largest][name][0] / results[smallest][name][0]
        print(f"{name:<{width}}  {cells}  {ratio:>5.2f}x")
    if args.json:
        figures = {
            str(size): {
                name: {"milliseconds": ms, "rows": rows} for name, (ms, rows) in results[size].items()
            }
            for size in sizes
        }
        document = json.dumps({"sizes": sizes, "queries": figures}, indent=2, ensure_ascii=False)
        if args.json == "-":
            print(document)
        else:
            Path(args.json).write_text(document, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
