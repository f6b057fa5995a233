"""微信公众号 articles (mp.weixin.qq.com/s/...): the template every public account's articles share.

Mainland offices and forum organisers announce on their accounts first; readers follow them through
feed bridges (RSSHub, WeRSS) whose entries link here. The page is the same for every account: the
headline ``h1#activity-name``, the account's name in ``#js_name`` (the outlet: each account is one), an
author line in the meta list, the body ``#js_content`` (hidden until scripts run, but whole in the HTML).
The publication time is not in the markup (``#publish_time`` is filled by a script) but in the page's
scripts: ``var ct = "1733385600"`` (seconds since the epoch) or ``createTime = '2024-12-05 16:00'``
(China time) in newer pages. The QR box (微信扫一扫 关注该公众号) and 阅读原文 sit outside the body; the
calls to follow, like and share that accounts put inside it go with the boilerplate rules.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

from crawler.cleaner.dates import CHINA_STANDARD_TIME, parse_date
from crawler.cleaner.dom import Element, select_first, text_of
from crawler.cleaner.metadata import clean_byline
from crawler.cleaner.page import Extraction, Page
from crawler.cleaner.profiles.registry import register
from crawler.cleaner.profiles.selectors import SelectorProfile
from crawler.cleaner.trace import Trace

BODY = ("#js_content", "div.rich_media_content")
TITLE = ("#activity-name", "h1.rich_media_title")
# The author line of the meta list (not the 原创 tag, the account or the time); newer pages name it.
AUTHOR = ("#js_author_name", "#meta_content > span.rich_media_meta_text")
ACCOUNT = ("#js_name", "#profileBt a", ".profile_nickname")
# Inside the body: the mini-program cards, votes and the embedded account cards.
BODY_BOILERPLATE = (
    "mp-common-profile",
    ".js_uneditable",
    "mp-miniprogram",
    ".mp_profile_iframe_wrp",
    ".js_product_container",
)
SIGNATURE = ("#js_content", "#activity-name, h1.rich_media_title")
_EPOCH = re.compile(r"""\b(?:var\s+ct|create_time|ct)\s*=\s*["']?(\d{10})["']?""")
_LOCAL_TIME = re.compile(r"""\bcreateTime\s*=\s*['"](\d{4}-\d{2}-\d{2}(?: \d{1,2}:\d{2}(?::\d{2})?)?)['"]""")
_NICKNAME = re.compile(r"""\bnickname\s*=\s*(?:htmlDecode\()?["']([^"']{1,64})["']""")


class _WeChatProfile(SelectorProfile):
    def extract(self, page: Page, trace: Trace | None = None) -> Extraction | None:
        scripts = "\n".join(text_of(script) for script in page.tree.iter("script"))
        account = _account(page.body, scripts)
        published = _published(scripts)
        extraction = super().extract(page, trace)
        if extraction is None:
            return None
        if trace is not None:
            trace.note(f"wechat: account {account!r}, published {published} (from the page's scripts)")
        return replace(
            extraction,
            published=extraction.published or published,
            outlet=account or extraction.outlet,
            outlet_on_page=account is not None,
            author=_author(extraction.author, account),
        )


def _author(line: str | None, account: str | None) -> str | None:
    """The author line without the account's name before a staff title ("海峡之声记者 陈丽"); none when it
    merely repeats the account."""
    if not line or line == account:
        return None
    if account and line.startswith(account):
        return clean_byline(line.removeprefix(account)) or None
    return line


def _account(body: Element, scripts: str) -> str | None:
    element = select_first(body, ACCOUNT)
    name = text_of(element).strip() if element is not None else ""
    if not name:
        found = _NICKNAME.search(scripts)
        name = found.group(1).strip() if found else ""
    return name or None


def _published(scripts: str) -> datetime | None:
    epoch = _EPOCH.search(scripts)
    if epoch is not None:
        return datetime.fromtimestamp(int(epoch.group(1)), tz=UTC)
    local = _LOCAL_TIME.search(scripts)
    return parse_date(local.group(1), CHINA_STANDARD_TIME) if local is not None else None


WECHAT = register(
    _WeChatProfile(
        name="wechat",
        domains=("mp.weixin.qq.com",),
        body=BODY,
        title=TITLE,
        author=AUTHOR,
        drop=BODY_BOILERPLATE,
        signature=SIGNATURE,
        outlet=None,
    )
)
