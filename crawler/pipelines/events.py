"""EventPipeline: is the article announcing a forum to come, reporting one held, or neither?"""

from __future__ import annotations

from crawler.events import read_event
from crawler.items import ArticleItem


class EventPipeline:
    def process_item(self, item: ArticleItem) -> ArticleItem:
        article = item.article
        assert article is not None
        item.event = read_event(article.title, article.text, article.published, article.language)
        return item
