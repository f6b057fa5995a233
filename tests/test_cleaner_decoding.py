"""Decoding pages that lie about their charset: GBK, Big5 and UTF-8, declared, undeclared and misdeclared."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from crawler.cleaner import CleanArticle, clean
from crawler.cleaner.decoding import (
    charset_decoders,
    chinese_score,
    decode_html,
    looks_binary,
    sniff_meta_charset,
)
from crawler.cleaner.mojibake import MOJIBAKE_WARNING, mojibake_warning

PAGES = Path(__file__).parent / "cleaner_pages"
SINA_META = '<meta http-equiv="Content-type" content="text/html; charset=utf-8" />'
TWIN_CITY_META = '<meta charset="utf-8">'
BIG5_FAMILY = ("big5hkscs", "cp950")


def fixture_text(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sina_reference() -> CleanArticle:
    return clean(fixture_text("sina-forum.html"))


@pytest.fixture(scope="module")
def twin_city_reference() -> CleanArticle:
    return clean(fixture_text("twin-city-forum.zh-Hant.html"))


def sina_gbk(declaration: str | None) -> bytes:
    html = fixture_text("sina-forum.html")
    assert SINA_META in html
    replacement = "" if declaration is None else SINA_META.replace("utf-8", declaration)
    return html.replace(SINA_META, replacement).encode("gbk")


def twin_city_big5(codec: str) -> bytes:
    html = fixture_text("twin-city-forum.zh-Hant.html")
    assert TWIN_CITY_META in html
    # Plain Big5 has no tone-marked letters; a Big5 CMS writes them as character references.
    return html.replace(TWIN_CITY_META, "").encode(codec, errors="xmlcharrefreplace")


def assert_same_article(article: CleanArticle, reference: CleanArticle) -> None:
    assert "\ufffd" not in article.text
    assert "\ufffd" not in article.title
    assert article.paragraphs == reference.paragraphs
    assert article.title == reference.title


@pytest.mark.parametrize("declaration", ["gb2312", "gbk", None])
def test_sina_page_in_gbk(declaration: str | None, sina_reference: CleanArticle) -> None:
    raw = sina_gbk(declaration)
    if declaration is None:
        assert b"charset" not in raw
    article = clean(raw, "https://finance.sina.com.cn/china/2021-12-01/doc-ikyamrmy6175870.shtml")
    assert article.encoding == "gb18030"
    assert article.extractor == "sina"
    assert_same_article(article, sina_reference)
    assert article.paragraphs[-1] == "（总台央视记者 盛瑾瑜 郭恩友）"
    assert article.editor == "王翔"


def test_gbk_page_behind_a_lying_utf8_header(sina_reference: CleanArticle) -> None:
    article = clean(sina_gbk(None), declared_encoding="utf-8")
    assert article.encoding == "gb18030"
    assert_same_article(article, sina_reference)
    assert any("utf-8" in warning for warning in article.warnings)


@pytest.mark.parametrize("codec", ["cp950", "big5hkscs"])
def test_big5_page_served_as_utf8(codec: str, twin_city_reference: CleanArticle) -> None:
    raw = twin_city_big5(codec)
    assert b"charset" not in raw
    article = clean(raw, "http://127.0.0.1:8765/twin-city.html", declared_encoding="utf-8")
    assert article.encoding in BIG5_FAMILY
    assert_same_article(article, twin_city_reference)
    assert "2020臺北上海城市論壇(雙城論壇)7月22日上午10時在臺北晶華酒店登場" in article.text
    assert article.script == "Hant"


def test_big5_page_declared_as_gbk_is_read_as_big5(twin_city_reference: CleanArticle) -> None:
    article = clean(twin_city_big5("cp950"), declared_encoding="gbk")
    assert article.encoding in BIG5_FAMILY
    assert_same_article(article, twin_city_reference)
    assert any("reads as" in warning for warning in article.warnings)


@pytest.mark.parametrize(
    ("text", "codec", "expected_family"),
    [
        ("<p>上海市市长龚正、台北市市长柯文哲出席论坛并致辞。</p>", "gbk", ("gb18030",)),
        ("<p>臺北市長柯文哲與上海市長龔正以視訊連線致詞。</p>", "cp950", BIG5_FAMILY),
        ("<p>雙城論壇是兩岸城市交流的重要平臺。</p>", "big5hkscs", BIG5_FAMILY),
        ("<p>双城论坛是两岸城市交流的响亮品牌。</p>", "gb18030", ("gb18030",)),
        ("<p>双城论坛 — 雙城論壇 — Twin-City Forum</p>", "utf-8", ("utf-8",)),
    ],
)
def test_undeclared_short_texts_are_detected(text: str, codec: str, expected_family: tuple[str, ...]) -> None:
    decoded = decode_html(text.encode(codec))
    assert decoded.encoding in expected_family
    assert decoded.text == text


def test_big5_bytes_are_valid_gbk_but_score_lower_there() -> None:
    raw = "臺北市長柯文哲與上海市長龔正以視訊連線致詞。".encode("cp950")
    as_gbk = raw.decode("gb18030")  # strictly valid, and wrong
    assert chinese_score(raw.decode("cp950")) > chinese_score(as_gbk) + 0.5


def test_byte_order_mark_wins_over_declarations() -> None:
    raw = codecs.BOM_UTF8 + '<meta charset="gbk"><p>雙城論壇</p>'.encode()
    decoded = decode_html(raw, declared_encoding="big5")
    assert decoded.encoding == "utf-8"  # w3lib's name for it; the mark is not part of the text
    assert decoded.text == '<meta charset="gbk"><p>雙城論壇</p>'


def test_single_byte_declaration_over_utf8_bytes() -> None:
    decoded = decode_html("<p>Taipei–Shanghai “Twin-City” Forum</p>".encode(), "iso-8859-1")
    assert decoded.encoding == "utf-8"
    assert "Taipei–Shanghai “Twin-City” Forum" in decoded.text


def test_latin1_declaration_is_read_as_windows_1252() -> None:
    decoded = decode_html("<p>“Forum” café</p>".encode("cp1252"), "ISO-8859-1")
    assert decoded.encoding == "cp1252"
    assert decoded.text == "<p>“Forum” café</p>"


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        (b'<html><head><meta charset="gb2312">', "gb18030"),
        (b"<html><head><meta charset=big5>", "big5hkscs"),
        (b'<head><meta http-equiv="Content-Type" content="text/html; charset=GBK" />', "gb18030"),
        (b'<head><meta content="text/html; charset=utf-8" http-equiv="Content-Type">', "utf-8"),
        (b'<?xml version="1.0" encoding="gb18030"?>\n<html>', "gb18030"),
        (b"<html><head><meta name=viewport content=width=device-width>", None),
        # WHATWG labels that Python's codecs (and so w3lib) do not know by themselves.
        (b'<html><head><meta charset="x-gbk">', "gb18030"),
        (b'<html><head><meta charset="x-x-big5">', "big5hkscs"),
        # Past w3lib's 4 kB: scripts and styles before the declaration, as on some portals.
        (b"<html><head><script>" + b"var x = 1;" * 600 + b'</script><meta charset="big5">', "big5hkscs"),
    ],
)
def test_meta_charset_is_sniffed(head: bytes, codec: str | None) -> None:
    """The codec the page declares, by the WHATWG aliases (the codec decoding starts from)."""
    assert sniff_meta_charset(head + b"</head><body></body></html>") == codec


def test_meta_charset_past_the_head_bytes_is_not_sniffed() -> None:
    filler = b"<html><head><script>" + b"var x = 1;" * 900 + b"</script>"
    assert len(filler) > 8192
    assert sniff_meta_charset(filler + b'<meta charset="big5"></head>') is None


@pytest.mark.parametrize(
    ("label", "decoders"),
    [
        ("gb2312", ("gb18030",)),
        ("GBK", ("gb18030",)),
        ("x-gbk", ("gb18030",)),
        ("big5", ("big5hkscs", "cp950")),
        ("x-x-big5", ("big5hkscs", "cp950")),
        ("ms950", ("cp950", "big5hkscs")),
        ("iso-8859-1", ("cp1252", "latin-1")),
        ('"UTF-8"', ("utf-8",)),
        ("utf-16", ()),
        ("no-such-charset", ()),
    ],
)
def test_charset_labels_map_to_superset_decoders(label: str, decoders: tuple[str, ...]) -> None:
    assert charset_decoders(label) == decoders


def test_unknown_declarations_fall_through_to_detection() -> None:
    raw = '<meta charset="x-klingon"><p>雙城論壇在臺北舉行</p>'.encode("cp950")
    decoded = decode_html(raw, declared_encoding="also-unknown")
    assert decoded.encoding in BIG5_FAMILY
    assert "雙城論壇在臺北舉行" in decoded.text
    # w3lib's prescan gives no codec for a label it does not know, so only the header's is named.
    assert decoded.warnings == ("unknown header charset 'also-unknown'",)


def test_damaged_page_decodes_with_replacements_and_a_warning() -> None:
    body = "<p>2021上海-台北城市论坛今天以视频形式举行，两市市长出席论坛并致辞。</p>" * 20
    raw = body.encode("utf-8") + b"\xff<p>end</p>"
    article = clean(raw)
    assert article.encoding == "utf-8"
    assert article.warnings
    assert "replacement" in article.warnings[0]
    assert article.paragraphs[0] == "2021上海-台北城市论坛今天以视频形式举行，两市市长出席论坛并致辞。"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_bytes_give_an_empty_article(seed: int) -> None:
    raw = random.Random(seed).randbytes(4096)
    assert looks_binary(raw)
    article = clean(raw)
    assert article.is_empty
    assert article.empty_reason


def test_random_high_bytes_give_an_empty_article() -> None:
    generator = random.Random(5)
    raw = bytes(generator.randrange(0x80, 0x100) for _ in range(4096))
    article = clean(raw)
    assert article.is_empty
    assert article.empty_reason


def test_text_is_not_binary() -> None:
    assert not looks_binary(fixture_text("sina-forum.html").encode("gbk"))
    assert not looks_binary("雙城論壇".encode("utf-16"))
    assert not looks_binary(b"")


@pytest.mark.parametrize("declared", ["big5", None])
def test_big5_page_with_a_few_bad_bytes_stays_big5(
    declared: str | None, twin_city_reference: CleanArticle
) -> None:
    """GB18030 decodes almost any bytes strictly; a Big5 page with one broken character must not become it."""
    raw = twin_city_big5("big5")
    if declared:
        raw = raw.replace(b"<head>", b'<head><meta charset="big5">', 1)
    cut = raw.index("論壇".encode("big5"))
    damaged = raw[:cut] + b"\x81" + raw[cut + 1 :]  # a lead byte Big5 lacks; GB18030 takes it
    article = clean(damaged)
    assert article.encoding in BIG5_FAMILY
    assert article.title == twin_city_reference.title
    assert any("undecodable" in warning for warning in article.warnings)
    assert sum(paragraph.count("\ufffd") for paragraph in article.paragraphs) <= 1


# Latin-1 and windows-1252 declarations over Chinese bytes (old CMSs), and Western pages that are right.

WESTERN_PAGE = (
    "<html><head><title>Städtepartnerschaft</title><script>var fold = 'ÀÁÂÃÄÅàáâãäåÈÉÊËèéêë';</script>"
    "</head><body><p>Der Bürgermeister äußerte sich über die Städtepartnerschaft mit Taipeh: «Très bien»,"
    " sagte er. ¿Qué opina usted? Größe: 25 °C, ½ Liter, 10 € – “Grüße” aus Österreich.</p></body></html>"
)


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252", "latin1"])
@pytest.mark.parametrize("where", ["header", "meta"])
def test_gbk_page_declared_latin1_is_read_as_gbk(
    label: str, where: str, sina_reference: CleanArticle
) -> None:
    raw = sina_gbk(label if where == "meta" else None)
    article = clean(raw, declared_encoding=label if where == "header" else None)
    assert article.encoding == "gb18030"
    assert_same_article(article, sina_reference)
    assert any("reads as gb18030" in warning for warning in article.warnings)
    assert not any(warning.startswith(MOJIBAKE_WARNING) for warning in article.warnings)


@pytest.mark.parametrize("codec", ["cp950", "big5hkscs"])
def test_big5_page_declared_latin1_is_read_as_big5(codec: str, twin_city_reference: CleanArticle) -> None:
    article = clean(twin_city_big5(codec), declared_encoding="ISO-8859-1")
    assert article.encoding in BIG5_FAMILY
    assert_same_article(article, twin_city_reference)


def test_gb18030_page_declared_windows_1252_keeps_its_four_byte_characters() -> None:
    text = "<p>上海-台北城市论坛今天举行，两市市长出席论坛并致辞，𠀋字与€符号也在其中。</p>" * 3
    decoded = decode_html(text.encode("gb18030"), "windows-1252")
    assert decoded.encoding == "gb18030"
    assert decoded.text == text


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252", "iso-8859-15"])
def test_western_page_declared_latin1_stays_latin1_without_warnings(label: str) -> None:
    codec = "iso8859-15" if label == "iso-8859-15" else "cp1252"
    page = (
        WESTERN_PAGE
        if codec == "cp1252"
        else WESTERN_PAGE.replace("“", '"').replace("”", '"').replace("–", "-")
    )
    page = page.replace("½", "1/2") if codec == "iso8859-15" else page
    decoded = decode_html(page.encode(codec), label)
    assert decoded.text == page
    assert decoded.warnings == ()


def test_western_page_declaring_its_charset_after_4kb_of_scripts_keeps_it() -> None:
    """Detection alone reads this page as cp1250; the declaration lies past w3lib's 4 kB prescan."""
    scripts = "<script>" + "var x = 1;" * 600 + "</script>"
    page = WESTERN_PAGE.replace("<head>", f'<head>{scripts}<meta charset="windows-1252">')
    decoded = decode_html(page.encode("cp1252"))
    assert decoded.encoding == "cp1252"
    assert decoded.text == page
    assert decoded.warnings == ()


def test_undeclared_japanese_page_is_not_read_as_chinese() -> None:
    text = "<p>東京都知事が台北市を訪問し、市長と会談しました。両市の交流について話し合いました。</p>"
    decoded = decode_html(text.encode("shift_jis"))
    assert decoded.text == text
    assert not any(warning.startswith(MOJIBAKE_WARNING) for warning in decoded.warnings)


# Mojibake that decoding cannot undo is named in the warnings.

CHINESE_TEXT = "上海台北城市论坛今天在台北举行，两岸城市交流合作迈出新的一步。市长表示，双方将加强合作。"


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (CHINESE_TEXT.encode("gbk").decode("latin-1"), "runs of Latin-1 letters"),
        (CHINESE_TEXT.encode("utf-8").decode("cp1252", errors="replace"), "UTF-8 read as Latin-1"),
        ("Der Bürgermeister äußerte sich über Größe.".encode().decode("cp1252"), "UTF-8 read as Latin-1"),
        (CHINESE_TEXT.encode("gbk").decode("big5hkscs", errors="replace"), "hanzi are rare"),
    ],
)
def test_mojibake_is_recognised(text: str, sign: str) -> None:
    warning = mojibake_warning(f"<html><body><p>{text}</p></body></html>")
    assert warning is not None
    assert warning.startswith(MOJIBAKE_WARNING)
    assert sign in warning


@pytest.mark.parametrize(
    "page",
    [
        WESTERN_PAGE,
        f"<p>{CHINESE_TEXT}</p>",
        "<p>臺北市長柯文哲與上海市長龔正以視訊連線致詞，雙城論壇是兩岸城市交流的重要平臺。</p>",
        "<p>Indentation\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0 and ellipses………… and dashes————</p>" * 6,
    ],
)
def test_right_text_is_no_mojibake(page: str) -> None:
    assert mojibake_warning(page) is None


def test_double_encoded_utf8_page_is_flagged_in_the_article() -> None:
    body = "<p>Der Bürgermeister äußerte sich über die Städtepartnerschaft, „Größe“ zählt.</p>" * 4
    raw = body.encode("utf-8").decode("cp1252").encode("utf-8")  # a CMS that encoded twice
    article = clean(b"<html><head><title>Partnerschaft</title></head><body>" + raw + b"</body></html>")
    assert any(warning.startswith(MOJIBAKE_WARNING) for warning in article.warnings)
