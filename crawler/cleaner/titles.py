"""Headlines out of ``<title>`` / ``og:title`` text, which usually carries the site name as well.

``Mayor Travels to Shanghai to Attend Twin-City Forum-Secretariat, Taipei City Government`` and
``2021上海-台北城市论坛以视频形式举行_新浪财经_新浪网`` both hide the headline among separators that also occur
inside headlines (the hyphen of Twin-City, of 上海-台北), so plain splitting is the last resort.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
    """A headline as written: layout white space made one space, the headline's own spacing kept."""
    return _LAYOUT_SPACE.sub(" ", text).strip()


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
