"""A review database for the web tests: the demo site crawled for real, plus stories whose scraped title,
text, HTML, outlet, links and event carry XSS payloads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy.orm import Session

from dedup.fingerprints import content_hash
from dedup.neardup import fingerprint
from forumwatch.demo.run import demo_config_text
from forumwatch.demo.server import DemoServer
from storage.articles import ArticleRecord, TopicScore, ensure_source, save_article
from storage.engine import open_database

# Each payload bumps window.xss when it runs: a test reads it back and must find it undefined.
RUN = "window.xss=(window.xss||0)+1;alert(1)"
PAYLOADS = [
    f"<script>{RUN}</script>",
    f'<img src=x onerror="{RUN}">',
    f'<svg onload="{RUN}"><circle r=1 /></svg>',
    f'<a href="javascript:{RUN}">click</a>',
    f'<a href="&#106;avascript:{RUN}">entity</a>',
    f'<iframe src="javascript:{RUN}"></iframe>',
    f'"><body onload="{RUN}">',
    f'<details open ontoggle="{RUN}">',
]
HOSTILE_URLS = [
    f"javascript:{RUN}",
    f"java\tscript:{RUN}",
    f"&#x6A;avascript:{RUN}",
    f"data:text/html,<script>{RUN}</script>",
]


def crawl_demo(db_url: str, workdir: Path) -> None:
    with DemoServer() as server:
        config = workdir / "forumwatch.toml"
        config.write_text(demo_config_text(server.base_url), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "forumwatch", "crawl", "--config", str(config), "--db", db_url],
            capture_output=True, text=True, timeout=180, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr


def add_hostile_stories(db_url: str) -> list[int]:
    """One story per hostile URL, each with every payload in its title, text, HTML, outlet and event."""
    engine = open_database(db_url)
    stories = []
    for n, url in enumerate(HOSTILE_URLS):
        payload = " ".join(PAYLOADS)
        text = "\n".join(
            f"双城论坛 hostile page {n} paragraph {p}: {payload} 上海台北两市第{n}{p}号消息，内容各不相同。"
            for p in range(4)
        )
        record = ArticleRecord(
            source_name="hostile", url=url, canonical_url=f"https://hostile.example/{n}",
            content_hash=content_hash(text), title=f"双城论坛 {n} {PAYLOADS[n % len(PAYLOADS)]}", text=text,
            html="".join(f"<p>{p}</p>" for p in PAYLOADS), near_dup=fingerprint(text),
            outlet=PAYLOADS[(n + 1) % len(PAYLOADS)], author=PAYLOADS[(n + 2) % len(PAYLOADS)],
            topics=(TopicScore("twin-city-forum", 5.0, {"hits": [{"alias": "双城论坛", "where": "title", "count": 1}]}),),
            kind="announcement",
            event={"name": PAYLOADS[0], "edition": None, "year": 2026, "start": "2026-12-01", "end": None,
                   "city": PAYLOADS[1], "venue": PAYLOADS[2]},
        )  # fmt: skip
        with Session(engine) as session, session.begin():
            source_id = ensure_source(session, "hostile", "site", "https://hostile.example/", "blog")
            result = save_article(session, record, source_id)
            assert result.story_id is not None
            stories.append(result.story_id)
    return stories
