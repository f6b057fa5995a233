"""What the hostile tests serve when they serve something ordinary: an article about the forum, a
feed of links, a listing page. Small and valid, so that only the attack in a test is hostile."""

from __future__ import annotations

from html import escape

FORUM_TEXT = "2025上海台北城市论坛（双城论坛）将于12月在上海举行，两市代表将就交通、文化与青年交流进行讨论。"


def article_page(title: str, text: str = FORUM_TEXT) -> bytes:
    paragraphs = "".join(f"<p>{text}第{i}段。</p>" for i in range(1, 5))
    return (
        f"<html><head><meta charset='utf-8'><title>{escape(title)}</title></head><body>"
        f"<nav><a href='/'>首页</a></nav><article><h1>{escape(title)}</h1>{paragraphs}</article>"
        "<footer>版权所有</footer></body></html>"
    ).encode()


def feed_of_links(*links: str, title: str = "双城论坛新闻") -> bytes:
    """An RSS feed whose items are short teasers: each leads to its link's page."""
    items = "".join(
        f"<item><title>{escape(title)} {n}</title><link>{escape(link)}</link>"
        f"<description>双城论坛</description><guid>{escape(link)}</guid></item>"
        for n, link in enumerate(links, 1)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>新闻</title>'
        f"<link>http://news.example/</link><description>d</description>{items}</channel></rss>"
    ).encode()


def listing_page(*links: str) -> bytes:
    anchors = "".join(f"<li><a href='{escape(link)}'>{escape(link)}</a></li>" for link in links)
    return f"<html><head><meta charset='utf-8'></head><body><ul>{anchors}</ul></body></html>".encode()
