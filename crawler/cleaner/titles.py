"""Headlines out of ``<title>`` / ``og:title`` text, which usually carries the site name as well.

``Mayor Travels to Shanghai to Attend Twin-City Forum-Secretariat, Taipei City Government`` and
``2021上海-台北城市论坛以视频形式举行_新浪财经_新浪网`` both hide the headline among separators that also occur
inside headlines (the hyphen of Twin-City, of 上海-台北), so plain splitting is the last resort.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storage.controls import strip_controls

# Separators between headline and site name. A bare hyphen is not one: it is too common inside headlines.
_SEPARATOR = re.compile(r"\s+[-–—:|｜·•»]\s+|\s*[|｜_]\s*|\s+[-–—]\s*|\s*[–—]\s+")
_EDGE_CHARACTERS = " \t-–—|｜_·•»:："
# Right after a known headline even a bare hyphen separates: "...Twin-City Forum-Secretariat, ...".
_GLUED_SEPARATORS = "-–—|｜_·•»"
# Shorter "headings" than this are section labels (要闻, News), not headlines.
_MIN_HEADLINE_LENGTH = 4


# Line breaks, tabs and no-break spaces inside a title are markup layout; the spaces a headline is
# written with (two spaces or an ideographic space between its clauses) are the publisher's and stay.
_LAYOUT_SPACE = re.compile(r"[ \t\xa0]*[\r\n\f\v]+[\s]*|[\t\xa0]+")


def collapse(text: str) -> str:
    return " ".join(text.split())


def tidy_title(text: str) -> str:
    """A headline as written: layout white space made one space, the headline's own spacing kept.

    Control characters go first: a feed's or a profile's title has not been through the parser's filter.
    """
    return _LAYOUT_SPACE.sub(" ", strip_controls(text)).strip()


def clean_title(
    raw: str,
    headings: Sequence[str] = (),
    site_names: Sequence[str] = (),
    declared_titles: Sequence[str] = (),
) -> str:
    """The headline part of a page title.

    1. A heading of the page, or a title the page declares elsewhere (og:title, DC.Title), that the title
       starts with, followed by a separator, is the headline.
    2. A visible heading equal to the whole title means the title has no site name.
    3. Otherwise a known site name at either end is cut off.
    4. Otherwise the title is split at separators and the longest part is kept.
    """
    title = tidy_title(raw)
    if not title:
        return ""
    headline = _longest_prefix_headline(title, [*headings, *declared_titles])
    if headline:
        return headline
    if any(collapse(heading) == collapse(title) for heading in headings):
        return title
    stripped = _strip_site_names(title, site_names)
    if stripped != title:
        return stripped
    parts = [part.strip(_EDGE_CHARACTERS) for part in _SEPARATOR.split(title)]
    return max((part for part in parts if part), key=len, default=title)


@dataclass(frozen=True)
class Heading:
    """A heading of the page, for choosing the headline."""

    text: str
    level: int  # 1-6
    in_chrome: bool = False  # inside the page header, a navigation bar, a sidebar, a footer or a logo


@dataclass(frozen=True)
class SiteName:
    """What the page says its site is called, and how sure that is.

    ``declared`` names come from the page's own statements (og:site_name, application-name, the JSON-LD
    publisher), ``shown`` ones from its logo and home link (their text, title and image alt text);
    ``hinted`` ones from publisher meta tags, which on a personal site name the person the page may be
    about. The host the page is served from names the site too: "seelenradio" on seelenradio.de, "Four
    Years Remaining" on fouryears.eu.
    """

    declared: tuple[str, ...] = ()
    shown: tuple[str, ...] = ()
    host: str | None = None
    hinted: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (*self.declared, *self.shown, *self.hinted)

    def evidence(self, text: str) -> int:
        """0: nothing says ``text`` is the site's name; 1: something hints it; 2: the page says so."""
        folded = _folded(text)
        if not folded:
            return 0
        if any(folded == _folded(name) for name in (*self.declared, *self.shown)):
            return SURE
        if _SITE_KIND.search(text.strip()):
            return SURE
        host_share = self._host_share(text, folded)
        if host_share >= _HOST_ONLY_SHARE:
            return SURE
        if host_share >= _HOST_SHARE_OF_SITE_NAME or any(folded == _folded(name) for name in self.hinted):
            return HINTED
        return 0

    def _host_share(self, text: str, folded: str) -> float:
        """How much of a short text is the host's label. A headline that merely mentions the site
        ("Apple unveils the new iPhone" on apple.com) keeps most of its letters outside it."""
        label = _host_label(self.host)
        if not label or label not in folded or len(text.split()) > _SITE_NAME_MAX_WORDS:
            return 0.0
        return len(label) / len(folded)


HINTED = 1
SURE = 2
# A title that is a portal's name by its own words: "某市人民政府门户网站", "臺北市政府全球資訊網", "新华网首页",
# "XX官方网站". Government portals and JavaScript front ends keep such a <title> on every page and put
# the headline only in a heading. (Chinese only: English "portal" or "home page" end real headlines.)
_SITE_KIND = re.compile(
    r"^[^,，。！？!?:：\s]{0,24}(?:门户|門戶|门户网站?|門戶網站?|官网|官網|官方网站|官方網站|首页|首頁|全球資訊網"
    r"|全球信息网|入口网站?|入口網站?|政府网站?|政府網站?)$"
)
# A site name is a few words; a longer text that contains the host's label is a headline about the site.
_SITE_NAME_MAX_WORDS = 5
# "sheego Magazin" (sheego.de) is 6 of 13 letters host; "Apple unveils new iPhone" (apple.com) 5 of 21.
# Calibrated on the site-name titles of the eval sets: 0.4 hints at a site name without touching a
# headline; "15 Jahre rete-mirabile.net" (0.55) is a headline all the same, so a hint alone never empties
# a title. From 0.8 the text is the host's name and little else ("seelenradio", "energieverbraucher.de").
_HOST_SHARE_OF_SITE_NAME = 0.4
_HOST_ONLY_SHARE = 0.8
_GENERIC_HOST_LABELS = frozenset({"www", "m", "news", "blog", "com", "net", "org", "gov", "edu", "co", "ac"})


def _folded(text: str) -> str:
    """Letters and digits only, case-folded: "Feuerwehr-Oldenburg //" and "feuerwehr oldenburg" agree."""
    return "".join(character for character in text.casefold() if character.isalnum())


def _host_label(host: str | None) -> str | None:
    """The registrable label of a host: ``fouryears`` of www.fouryears.eu, ``nationalrail`` of
    www.nationalrail.co.uk. Hyphens go, as they do in :func:`_folded`."""
    if not host:
        return None
    labels = [label for label in host.lower().split(".") if label]
    while len(labels) > 1 and (len(labels[-1]) <= 3 or labels[-1] in _GENERIC_HOST_LABELS):
        labels.pop()  # the public suffix: .eu, .co.uk, .com.tw, .gov.cn
    label = next((label for label in labels if label not in _GENERIC_HOST_LABELS), None)
    folded = _folded(label) if label else ""
    return folded if len(folded) >= 4 else None  # "udn", "cna": too short to tell a name from a word


def choose_headline(
    raw: str,
    headings: Sequence[Heading] = (),
    site: SiteName | None = None,
    declared_titles: Sequence[str] = (),
) -> str:
    """The page's headline, never what the page says is its site's name.

    :func:`clean_title` reads the headline out of the title the page declares. When what it finds looks
    like the site's name (a blog whose ``<title>`` starts with the blog's name, a magazine whose og:title
    is the magazine), the headline is sought among the page's headings and the title's other parts: a
    heading that agrees with a part of the title that is no site name. When the page itself says the
    title is its site's name, the first heading outside the page's chrome, then the longest other part
    of the title, will do; a page that offers nothing else gets no headline rather than a wrong one.
    """
    site = site or SiteName()
    visible = [heading.text for heading in headings if heading.level <= _HEADLINE_LEVELS]
    title = clean_title(raw, visible, site.names, declared_titles)
    doubt = site.evidence(title)
    if doubt and _dangling_separator(raw):
        doubt = SURE  # "National Rail Enquiries -": the template's headline slot is empty
    if not doubt:
        return title
    all_parts = _title_parts([raw, *declared_titles])
    parts = [part for part in all_parts if not site.evidence(part)]
    candidates = [
        heading
        for heading in headings
        if not heading.in_chrome
        and len(tidy_title(heading.text)) >= _MIN_HEADLINE_LENGTH
        and not site.evidence(heading.text)
    ]
    for heading in candidates:
        if any(_agrees(heading.text, part) for part in parts):
            return tidy_title(heading.text)
    if doubt < SURE:
        return title
    if candidates:
        return tidy_title(min(candidates, key=lambda heading: heading.level).text)
    hinted = [part for part in all_parts if site.evidence(part) < SURE]
    return max(parts or hinted, key=len, default="")


def _dangling_separator(raw: str) -> bool:
    title = tidy_title(raw)
    return bool(title) and (title[-1] in _GLUED_SEPARATORS or title[0] in _GLUED_SEPARATORS)


# Headlines are h1-h3; deeper headings are section titles inside the article.
_HEADLINE_LEVELS = 3


def _title_parts(titles: Sequence[str]) -> list[str]:
    parts: list[str] = []
    for title in titles:
        for part in _SEPARATOR.split(tidy_title(title)):
            part = part.strip(_EDGE_CHARACTERS)
            if len(part) >= _MIN_HEADLINE_LENGTH and part not in parts:
                parts.append(part)
    return parts


def _agrees(heading: str, part: str) -> bool:
    """A heading and a title part name the same thing: one contains the other."""
    heading_folded, part_folded = _folded(heading), _folded(part)
    return bool(heading_folded and part_folded) and (
        heading_folded in part_folded or part_folded in heading_folded
    )


def title_suffix(raw: str, headline: str) -> str | None:
    """The first part after the headline in a title: the outlet in ``标题_新浪财经_新浪网``."""
    title = tidy_title(raw)
    if not headline or not title.startswith(headline) or len(title) == len(headline):
        return None
    rest = title[len(headline) :].lstrip(_EDGE_CHARACTERS)
    first = _SEPARATOR.split(rest)[0].strip(_EDGE_CHARACTERS)
    return first or None


def _longest_prefix_headline(title: str, candidates: Sequence[str]) -> str | None:
    best: str | None = None
    for candidate in map(tidy_title, candidates):
        if len(candidate) < _MIN_HEADLINE_LENGTH or len(candidate) >= len(title):
            continue
        if not title.startswith(candidate):
            continue
        rest = title[len(candidate) :]
        if rest[0] not in _GLUED_SEPARATORS and not _SEPARATOR.match(rest):
            continue  # the candidate is only the beginning of a longer headline
        if best is None or len(candidate) > len(best):
            best = candidate
    return best


def _strip_site_names(title: str, site_names: Sequence[str]) -> str:
    for name in sorted({tidy_title(name) for name in site_names if name.strip()}, key=len, reverse=True):
        if len(title) <= len(name) + _MIN_HEADLINE_LENGTH:
            continue
        if title.endswith(name):
            title = title[: -len(name)].rstrip(_EDGE_CHARACTERS)
        elif title.startswith(name):
            title = title[len(name) :].lstrip(_EDGE_CHARACTERS)
    return title
