"""What `forumwatch articles` and `forumwatch stories` print, as text or JSON.

Titles, URLs, events and evidence come from pages: each line is escaped (forumwatch.terminal) so that
a newline or a control character in them can neither forge a line nor drive the terminal."""

from __future__ import annotations

from typing import Any

from forumwatch.tables import render_table, truncate
from forumwatch.terminal import printable
from storage.articles import ArticleView, StoryView

TITLE_COLUMNS = 48


def articles_text(articles: list[ArticleView]) -> str:
    if not articles:
        return "no articles stored"
    rows = [
        [
            a.id,
            a.published_at.strftime("%Y-%m-%d") if a.published_at else "-",
            a.source,
            ",".join(a.topic_names) or "-",
            truncate(a.title, TITLE_COLUMNS),
        ]
        for a in articles
    ]
    return render_table(["id", "published", "source", "topics", "title"], rows)


def stories_text(stories: list[StoryView]) -> str:
    if not stories:
        return "no stories stored"
    return "\n\n".join(_story_block(story) for story in stories)


def _story_block(story: StoryView) -> str:
    copies = len(story.articles)
    kind = f"  {story.kind}" if story.kind and story.kind != "other" else ""
    lines = [
        f"story {story.id}: {story.title}  [{', '.join(story.topics)}]"
        f"  ({copies} cop{'y' if copies == 1 else 'ies'}){kind}"
    ]
    if story.event:
        lines.append(f"  event: {describe_event(story.event)}")
    for article in story.articles:
        marker = "*" if article.is_head else " "
        how = article.joined_by
        if article.resemblance is not None:
            how += f" {article.resemblance:.2f}"
        lines.append(f"  {marker} {article.source:<20} {article.authority:<8} {how:<19} {article.url}")
        for topic in article.topics:
            lines.append(f"      {topic.topic}: {describe_topic_evidence(topic.evidence, topic.score)}")
    return "\n".join(printable(line) for line in lines)


def describe_topic_evidence(evidence: dict[str, Any] | None, score: float | None) -> str:
    """The stored explanation of a topic match (written by the matcher), or what is known of it."""
    if evidence and evidence.get("explanation"):
        return str(evidence["explanation"])
    return f"score {score:g}" if score is not None else "matched (no explanation stored)"


def describe_event(event: dict[str, Any]) -> str:
    """One line: name and edition or year, dates, city and venue, whichever are known."""
    name = event.get("name") or "forum"
    if event.get("edition"):
        name += f" (edition {event['edition']})"
    elif event.get("year") and str(event["year"]) not in name:
        name = f"{event['year']} {name}"
    parts = [name]
    start, end = event.get("start"), event.get("end")
    if start:
        parts.append(start if not end or end == start else f"{start} to {end}")
    place = ", ".join(str(event[key]) for key in ("venue", "city") if event.get(key))
    if place:
        parts.append(place)
    return "; ".join(parts)
