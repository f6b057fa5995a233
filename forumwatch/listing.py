"""What `forumwatch articles` and `forumwatch stories` print, as text or JSON."""

from __future__ import annotations

from typing import Any

from forumwatch.tables import render_table, truncate
from storage.articles import ArticleView, StoryView

TITLE_COLUMNS = 48


def article_json(article: ArticleView) -> dict[str, Any]:
    return {
        "id": article.id,
        "story_id": article.story_id,
        "is_head": article.is_head,
        "url": article.url,
        "source": article.source,
        "title": article.title,
        "published": article.published_at.isoformat() if article.published_at else None,
        "outlet": article.outlet,
        "script": article.script,
        "topics": list(article.topics),
    }


def story_json(story: StoryView) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "updated": story.updated_at.isoformat(),
        "topics": list(story.topics),
        "articles": [article_json(a) for a in story.articles],
    }


def articles_text(articles: list[ArticleView]) -> str:
    if not articles:
        return "no articles stored"
    rows = [
        [
            a.id,
            a.published_at.strftime("%Y-%m-%d") if a.published_at else "-",
            a.source,
            ",".join(a.topics) or "-",
            truncate(a.title, TITLE_COLUMNS),
        ]
        for a in articles
    ]
    return render_table(["id", "published", "source", "topics", "title"], rows)


def stories_text(stories: list[StoryView]) -> str:
    if not stories:
        return "no stories stored"
    blocks = []
    for story in stories:
        copies = len(story.articles)
        head = f"story {story.id}: {story.title}  [{', '.join(story.topics)}]  ({copies} cop{'y' if copies == 1 else 'ies'})"
        lines = [head]
        for article in story.articles:
            marker = "*" if article.is_head else " "
            lines.append(f"  {marker} {article.source:<20} {article.url}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
