"""PDF releases as articles: text, title and date out of PDFs made here (Simplified, Traditional and
English, with Adobe's CJK fonts as governments' releases use them), scans and broken files reported, long
files read up to a limit, and a PDF linked from a listing crawled and stored."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from crawler.cleaner import clean
from crawler.cleaner.pdf import MAX_PAGES
from forumwatch.localserver import LocalServer, Reply
from tests.hostile.crawl import run_crawl, site_source, write_config

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # Simplified
pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light"))  # Traditional

SIMPLIFIED = (
    "2026上海台北城市论坛将于12月20日在台北举行",
    [
        "上海市人民政府台湾事务办公室今天宣布，",
        "2026上海台北城市论坛将于12月20日在台北举行。",
        "双方将就交通、文化、青年交流等议题进行讨论。",
    ],
)
TRADITIONAL = (
    "2026臺北上海城市論壇將於12月20日登場",
    [
        "臺北市政府今（5）日宣布，",
        "雙城論壇將於本月20日在臺北舉行。",
        "兩市將就交通、文化及青年交流進行討論。",
    ],
)
ENGLISH = (
    "Shanghai-Taipei City Forum to be held on December 20",
    [
        "The Taipei City Government announced today that the",
        "Shanghai-Taipei City Forum will be held on December 20.",
    ],
)


def pdf(
    heading: str,
    lines: list[str],
    *,
    font: str = "STSong-Light",
    pages: int = 1,
    title: str | None = None,
    created: str | None = "D:20261205093000+08'00'",
    password: str | None = None,
) -> bytes:
    """A PDF release as an office writes one: a heading, then the text in the layout's lines."""
    out = io.BytesIO()
    page = canvas.Canvas(out)
    if title is not None:
        page.setTitle(title)
    for _ in range(pages):
        page.setFont(font, 18)
        page.drawString(72, 770, heading)
        page.setFont(font, 11)
        for number, line in enumerate(lines):
            page.drawString(72, 740 - 16 * number, line)
        page.showPage()
    page.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(out.getvalue())))
    if created is not None:
        writer.add_metadata({"/CreationDate": created})
    if password is not None:
        writer.encrypt(password)
    result = io.BytesIO()
    writer.write(result)
    return result.getvalue()


@pytest.mark.parametrize(
    ("release", "font", "language", "script"),
    [
        (SIMPLIFIED, "STSong-Light", "zh", "Hans"),
        (TRADITIONAL, "MSung-Light", "zh", "Hant"),
        (ENGLISH, "Helvetica", "en", None),
    ],
)
def test_a_pdf_release_is_an_article_with_its_heading_date_and_text(
    release: tuple[str, list[str]], font: str, language: str, script: str | None
) -> None:
    heading, lines = release
    article = clean(pdf(heading, lines, font=font, title="新闻稿.docx"), "https://gov.example/r/1.pdf")
    assert article.empty_reason is None
    assert article.extractor == "pdf"
    assert article.title == heading  # not the file name in its metadata
    assert article.published == datetime(2026, 12, 5, 1, 30, tzinfo=UTC)
    assert (article.language, article.script) == (language, script)
    text = "\n".join(article.paragraphs)
    # The layout's lines joined back into sentences: no space between CJK characters (nor before a
    # digit that follows one), one between English words.
    joined = "".join(lines) if language == "zh" else " ".join(lines)
    assert joined in text.replace("\n", "" if language == "zh" else " ")
    assert "  " not in text
    if language == "zh":
        assert "， " not in text


def test_the_metadata_title_serves_when_the_text_has_no_heading() -> None:
    first = "上海市人民政府台湾事务办公室今天宣布，2026上海台北城市论坛将于12月20日在台北举行。"
    article = clean(pdf(first, ["双方将就交通等议题进行讨论。"], title="关于双城论坛的新闻稿"))
    assert article.title == "关于双城论坛的新闻稿"


def test_a_scan_without_text_is_reported_not_stored_empty() -> None:
    out = io.BytesIO()
    scan = canvas.Canvas(out)
    scan.rect(50, 50, 400, 600, fill=1)  # an image-like page: no text layer
    scan.showPage()
    scan.save()
    article = clean(out.getvalue(), "https://gov.example/scan.pdf")
    assert article.is_empty
    assert article.empty_reason == "PDF of 1 pages without text (a scan?)"


def test_encrypted_and_broken_pdfs_are_reported() -> None:
    locked = clean(pdf(*SIMPLIFIED, password="secret"))
    assert locked.empty_reason == "encrypted PDF: no text without its password"
    whole = pdf(*SIMPLIFIED)
    broken = clean(whole[: len(whole) // 3])
    assert broken.is_empty
    assert broken.empty_reason is not None
    assert broken.empty_reason.startswith(("unreadable PDF", "PDF of"))


def test_a_long_pdf_is_read_up_to_its_limit_and_says_so() -> None:
    heading, lines = SIMPLIFIED
    article = clean(pdf(heading, lines, pages=200))
    assert f"PDF of 200 pages: the first {MAX_PAGES} read" in article.warnings
    assert "\n".join(article.paragraphs).count("双方将就交通") == MAX_PAGES


def test_a_pdf_linked_from_a_listing_is_crawled_and_stored(tmp_path: Path) -> None:
    listing = (
        "<html><body><ul><li><a href='/releases/forum.pdf'>双城论坛新闻稿</a></li>"
        "<li><a href='/releases/scan.pdf'>扫描件</a></li></ul></body></html>"
    )
    out = io.BytesIO()
    scan = canvas.Canvas(out)
    scan.rect(50, 50, 400, 600, fill=1)
    scan.showPage()
    scan.save()
    with LocalServer() as server:
        server.route("/releases/", Reply(listing.encode()))
        pdf_type = {"Content-Type": "application/pdf"}
        server.route("/releases/forum.pdf", Reply(pdf(*SIMPLIFIED), headers=pdf_type))
        server.route("/releases/scan.pdf", Reply(out.getvalue(), headers=pdf_type))
        config = write_config(
            tmp_path / "fw.toml",
            allow_private=["127.0.0.1"],
            sources=site_source("gov", f"{server.base_url}/releases/", r"/releases/.+\.pdf$"),
        )
        outcome = run_crawl(config)
    assert outcome.exit_code == 0, outcome.stderr
    assert [a["title"] for a in outcome.articles] == [SIMPLIFIED[0]]
    assert "2026上海台北城市论坛将于12月20日在台北举行。" in outcome.articles[0]["text"]
    counts = outcome.counts("gov")
    assert (counts["fetched"], counts["new"], counts["empty"]) == (2, 1, 1)
