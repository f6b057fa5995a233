"""An item the pipeline drops is freed at once, with the response it came from.

Scrapy catches a pipeline's DropItem in the coroutine that processes the item, and keeps the exception in
a local (the log formatter's arguments) of that coroutine's frame, which the exception's traceback holds:
a reference cycle. The dropped item (the page's bytes) and the response (its body) then live until the
garbage collector's next pass over the cycle, and a crawl drops most of its pages (off-topic: half of
bench/crawl.py's site, most of a real one's). Told of the drop (Scrapy's item_dropped signal, sent while
the exception is handled), this extension takes the traceback off the exception: the cycle is broken and
the item and response go when the coroutine returns. Nothing reads a dropped item's traceback: the drop
is logged as its message alone.
"""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler


class FreeDroppedItems:
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FreeDroppedItems:
        extension = cls()
        crawler.signals.connect(extension.item_dropped, signal=signals.item_dropped)
        return extension

    def item_dropped(self, exception: BaseException, **_kwargs: Any) -> None:
        exception.__traceback__ = None
