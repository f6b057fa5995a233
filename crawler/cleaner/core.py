"""``clean()``: bytes or text of one page (or a feed item's HTML) to a :class:`CleanArticle`.

decode -> parse once -> page metadata -> profile or generic extraction -> normalise -> assemble.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass

from crawler.cleaner.article import CleanArticle
from crawler.cleaner.block_rules import without_author_bio
from crawler.cleaner.blocks import Block
from crawler.cleaner.cleanhtml import render_html
from crawler.cleaner.credits import credited_wire
from crawler.cleaner.decoding import decode_html, looks_binary
from crawler.cleaner.generic import extract_generic
from crawler.cleaner.language import choose_language, script_of
from crawler.cleaner.metadata import PageMetadata, absolute_url, read_metadata
from crawler.cleaner.mojibake import mojibake_in_text
from crawler.cleaner.normalise import NormalisedBody, normalise_blocks
from crawler.cleaner.page import Extraction, Page, Unparsed, parse_page
from crawler.cleaner.pdf import looks_like_pdf, read_pdf
from crawler.cleaner.profiles import GENERIC, SiteProfile, get_profile, select_profile
from crawler.cleaner.screening import screening_text
from crawler.cleaner.titles import tidy_title
from crawler.cleaner.trace import Trace

logger = logging.getLogger(__name__)

# Past this share of U+FFFD the bytes were not text in any charset we know; an "article" made of the
# rest would be noise.
_UNDECODABLE_SHARE = 0.02
# A screened-out page's warning that its text holds U+FFFD (an extracted article shows them in its text).
REPLACED_TEXT_WARNING = "replacement characters (U+FFFD) in the page's text"


@dataclass(frozen=True)
class _Text:
    text: str
    encoding: str | None
    warnings: tuple[str, ...] = ()


def clean(
    raw: bytes | str,
    url: str | None = None,
    *,
    profile: str | None = None,
    declared_encoding: str | None = None,
    headline: str | None = None,
    fragment: bool | None = None,
    screen: Callable[[str], bool] | None = None,
) -> CleanArticle:
    """Clean one page down to its article. Never raises on bad input: an empty article says why.

    ``profile`` forces a profile by name (see :func:`profile_names`); an unknown name is a configuration
    error and raises ValueError. ``declared_encoding`` is the HTTP header's charset, which may lie.
    ``headline`` is the title when the caller knows it better than the HTML does (a feed entry's title
    for the entry's content): it is the article's title, and a first block repeating it goes.
    ``fragment`` says whether the HTML is an article's body alone (a feed entry's content: walked whole)
    or a page (its article is extracted); None tells by the markup.
    ``screen`` is asked, once the page is parsed, whether its whole text (crawler/cleaner/screening.py)
    is worth extracting; when it says no, the article comes back ``screened_out``, with no text.
    """
    return _clean_safely(raw, url, profile, declared_encoding, None, headline, fragment, screen)


def explain(
    raw: bytes | str,
    url: str | None = None,
    *,
    profile: str | None = None,
    declared_encoding: str | None = None,
) -> tuple[CleanArticle, Trace]:
    """Clean a page and say how: which profile or extractor ran and what each rule removed."""
    trace = Trace()
    return _clean_safely(raw, url, profile, declared_encoding, trace), trace


def _clean_safely(
    raw: bytes | str,
    url: str | None,
    profile: str | None,
    declared_encoding: str | None,
    trace: Trace | None,
    headline: str | None = None,
    fragment: bool | None = None,
    screen: Callable[[str], bool] | None = None,
) -> CleanArticle:
    forced = get_profile(profile) if profile is not None else None
    try:
        return _clean(
            raw, url, forced, profile == GENERIC, declared_encoding, trace, headline, fragment, screen
        )
    except Exception:
        # The contract is an article or a reason, for any input; a bug must not stop a whole crawl.
        logger.exception("cleaner failed on %s", url)
        return CleanArticle(url=url, empty_reason="internal cleaner error (see log)")


def _clean(
    raw: bytes | str,
    url: str | None,
    forced: SiteProfile | None,
    force_generic: bool,
    declared_encoding: str | None,
    trace: Trace | None,
    headline: str | None = None,
    fragment: bool | None = None,
    screen: Callable[[str], bool] | None = None,
) -> CleanArticle:
    if isinstance(raw, bytes) and looks_like_pdf(raw):
        return _clean_pdf(raw, url, trace, headline, screen)
    if isinstance(raw, bytes) and looks_binary(raw):
        return CleanArticle(url=url, empty_reason="binary content, not a text page")
    decoded = _to_text(raw, declared_encoding)
    if trace is not None:
        trace.note(f"decoded as {decoded.encoding or 'text (given as str)'}")
        for warning in decoded.warnings:
            trace.note(f"warning: {warning}")
    reason = _unusable(decoded.text)
    page = Unparsed(reason) if reason else parse_page(decoded.text, url, fragment)
    if isinstance(page, Unparsed):
        return CleanArticle(
            url=url,
            encoding=decoded.encoding,
            warnings=decoded.warnings,
            empty_reason=page.reason,
        )
    if screen is not None:
        text = screening_text(page)
        if not screen(text.whole):
            warnings = _with_mojibake_warning(decoded.warnings, text.visible)
            if "\ufffd" in text.visible:  # what an extracted article's text would show
                warnings = (*warnings, REPLACED_TEXT_WARNING)
            return CleanArticle(url=url, encoding=decoded.encoding, warnings=warnings, screened_out=True)
    metadata = read_metadata(page)  # before any extractor prunes the tree
    extraction = _extract(page, forced, force_generic, trace)
    if trace is not None:
        trace.note(f"extractor: {extraction.extractor}, {len(extraction.blocks)} blocks")
    blocks = without_author_bio(extraction.blocks, metadata.author or extraction.author, trace)
    body = normalise_blocks(blocks, trace=trace)
    return _assemble(page, decoded, metadata, extraction, body, trace, headline)


def _unusable(text: str) -> str | None:
    """Why decoded text is not worth parsing, or None."""
    if not text.strip():
        return "empty input"
    if text.count("\ufffd") > _UNDECODABLE_SHARE * len(text):
        return "undecodable bytes: no charset reads them as text"
    return None


def _clean_pdf(
    raw: bytes,
    url: str | None,
    trace: Trace | None,
    headline: str | None,
    screen: Callable[[str], bool] | None,
) -> CleanArticle:
    """A PDF release: its text made a page (crawler/cleaner/pdf.py), cleaned as one by the generic path."""
    document = read_pdf(raw)
    if trace is not None:
        trace.note(f"PDF: {document.pages_read} of {document.pages} pages read")
    if document.empty_reason is not None:
        return CleanArticle(url=url, extractor="pdf", empty_reason=document.empty_reason)
    article = _clean(document.html, url, None, True, None, trace, headline, False, screen)
    warnings = article.warnings
    if document.pages_read < document.pages:
        warnings = (*warnings, f"PDF of {document.pages} pages: the first {document.pages_read} read")
    return dataclasses.replace(article, extractor="pdf", encoding=None, warnings=warnings)


def _to_text(raw: bytes | str, declared_encoding: str | None) -> _Text:
    if isinstance(raw, str):
        return _Text(raw, None)
    decoded = decode_html(raw, declared_encoding)
    return _Text(decoded.text, decoded.encoding, decoded.warnings)


def _extract(page: Page, forced: SiteProfile | None, force_generic: bool, trace: Trace | None) -> Extraction:
    profile = None if force_generic else forced or select_profile(page)
    if trace is not None:
        how = "forced" if forced else "by the URL's domain or the page's template signature"
        trace.note(
            f"profile {profile.name} chosen {how}" if profile else "no site profile: generic extractor"
        )
    extraction = profile.extract(page, trace) if profile is not None else None
    if extraction is None and profile is not None and trace is not None:
        trace.note(f"the {profile.name} template is not on this page: generic extractor")
    return extraction if extraction is not None else extract_generic(page, trace)


def _assemble(
    page: Page,
    decoded: _Text,
    metadata: PageMetadata,
    extraction: Extraction,
    body: NormalisedBody,
    trace: Trace | None,
    headline: str | None = None,
) -> CleanArticle:
    title = tidy_title(headline or extraction.title or metadata.title)
    blocks = _without_title_echo(body.blocks, title, trace)
    paragraphs = tuple(block.text for block in blocks)
    text = "\n".join(paragraphs)
    # A declared site name beats the profile's; the profile's beats a guess from the title's suffix,
    # which is often a channel or column name (资讯频道, 台海). An outlet read off the page (an account on
    # a platform) beats the declared name, which is the platform's.
    if extraction.outlet_on_page and extraction.outlet:
        outlet: str | None = extraction.outlet
    else:
        outlet = metadata.outlet if metadata.outlet_declared else extraction.outlet or metadata.outlet
    language = choose_language(metadata.declared_language, text) if blocks else None
    return CleanArticle(
        url=page.url,
        title=title,
        paragraphs=paragraphs,
        author=_person(extraction.author or metadata.author or body.author, outlet, extraction.credit),
        editor=extraction.editor or body.editor,
        published=extraction.published or metadata.published,
        outlet=outlet,
        credit=credited_wire(paragraphs) or extraction.credit or body.credit or outlet,
        original_title=body.original_title,
        language=language,
        script=script_of(text) if language == "zh" else None,
        image=metadata.image or absolute_url(extraction.body_image, page.url),
        html=render_html(blocks),
        extractor=extraction.extractor,
        encoding=decoded.encoding,
        warnings=_with_mojibake_warning(decoded.warnings, f"{title}\n{text}"),
        empty_reason=None if blocks else "no article text found",
    )


def _with_mojibake_warning(warnings: tuple[str, ...], text: str) -> tuple[str, ...]:
    """The decoder's warnings, and one more when the article reads as mojibake all the same."""
    warning = mojibake_in_text(text)
    return warnings if warning is None else (*warnings, warning)


def _person(author: str | None, *organisations: str | None) -> str | None:
    """The author unless it merely repeats the outlet or the credited source (meta tags often do)."""
    return None if author is None or author in organisations else author


def _without_title_echo(blocks: tuple[Block, ...], title: str, trace: Trace | None) -> tuple[Block, ...]:
    """Drop a first block that only repeats the headline (the page's <h1> caught by the extractor)."""
    if blocks and title and _comparable(blocks[0].text) == _comparable(title):
        if trace is not None:
            trace.removed("title-echo", "first block repeats the headline", blocks[0].text)
        return blocks[1:]
    return blocks


def _comparable(text: str) -> str:
    return "".join(text.split()).casefold()
