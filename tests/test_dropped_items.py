"""crawler/dropped_items.py: a page the pipeline drops is freed when Scrapy is done with it, not at the
garbage collector's next pass.

A crawl of the topic screen's site (a listing, a page about the forum, twelve off-topic pages) runs in a
subprocess with the collector off: whatever a reference cycle holds then stays, and the script counts
what is left of the dropped pages when the crawl is over.
"""

from __future__ import annotations

from pathlib import Path

from forumwatch.localserver import LocalServer
from tests.test_crawl_stats import run_crawl_script
from tests.test_incremental import write_config
from tests.test_topic_screen import OFF_TOPIC_PAGES, site  # noqa: F401 (a fixture, used by its name)

# Run before the crawl: no cyclic garbage collection, and at exit the count of the dropped items and of
# the off-topic pages' responses still alive (the listing's may be held by the spider, which is no matter).
COUNT_LEFT_AT_EXIT = """
import atexit, gc, sys
from scrapy.exceptions import DropItem
from scrapy.http import Response

def count_left():
    objects = gc.get_objects()
    drops = sum(isinstance(o, DropItem) for o in objects)
    responses = sum(isinstance(o, Response) and "/stocks" in o.url for o in objects)
    sys.stderr.write(f"LEFT drops={drops} responses={responses}\\n")

gc.disable()
atexit.register(count_left)
"""


def test_dropped_pages_and_their_responses_are_freed_without_the_garbage_collector(
    site: LocalServer,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
) -> None:
    config = tmp_path / "forumwatch.toml"
    write_config(config, site.base_url, f"sqlite:///{tmp_path}/fw.db", 30, '"双城论坛"')
    result, stderr = run_crawl_script(config, ["news"], prelude=COUNT_LEFT_AT_EXIT)
    assert result["counts"]["news"]["off-topic"] == len(OFF_TOPIC_PAGES)
    assert "LEFT drops=0 responses=0" in stderr, stderr[-2000:]
