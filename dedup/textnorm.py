"""Script folding and text normalisation shared by topic matching, search and dedup fingerprints.

Stored text keeps its original script and words; only comparisons work on folded text, so that 雙城論壇
and 双城论坛, 臺北 and 台北 are the same words, and for matching and search so are the Taiwanese and the
Mainland word for one thing (網路 and 网络, 計程車 and 出租车, 報導 and 报道).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

import opencc

Script = Literal["Hans", "Hant"]

# The Han characters, for a regular expression's character class (f"[{HAN}]"): the CJK Unified Ideographs,
# their Extension A and the Compatibility Ideographs. The one definition the packages share.
HAN = "\u3400-\u9fff\uf900-\ufaff"
# Everything but Han characters: cut out, what is left is a text's Han characters in order (3.5 times as
# fast as joining the runs of them found, on the pages of ../shared/eval).
NOT_HAN = re.compile(f"[^{HAN}]+")
_CJK = re.compile(f"[{HAN}]")
# Everything that is not a letter, digit or CJK character: punctuation, symbols and white space.
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=4)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


# Word pairs OpenCC's Taiwan-phrase conversion (tw2sp) leaves apart, folded to the Mainland form. Each
# entry says where it comes from; add one only with a source.
VARIANT_WORDS: tuple[tuple[str, str, str], ...] = (
    # tw2sp turns Taiwan's 報導 into 报导, while Mainland text writes 报道: 现代汉语词典 (7th ed.) lists
    # 报道 as the form and 报导 as its variant; both are common spellings of "news report".
    ("报导", "报道", "现代汉语词典: 报导 is a variant of 报道"),
)
_VARIANTS = {variant: standard for variant, standard, _source in VARIANT_WORDS}
_VARIANT = re.compile("|".join(map(re.escape, sorted(_VARIANTS, key=len, reverse=True))))
# A space left between two CJK characters (by punctuation collapsed to one, or by a line break) is not a
# word break in Chinese: 上海-台北城市论坛, 上海 台北城市论坛 and 上海台北城市论坛 are the same name.
# (The space is matched first and its left neighbour looked at last: three times faster on Chinese text than
# a lookbehind tried at every character.)
_SPACE_IN_CJK = re.compile(f" (?=[{HAN}])(?<=[{HAN}] )")
# Where a term begins or ends with one of these (folded), it must stand as a word.
_LATIN_EDGE = re.compile(r"[0-9a-z]")


def fold_words(text: str) -> str:
    """Fold script and Taiwanese vocabulary to Simplified Mainland words: 網路, 网路 -> 网络; 報導 -> 报道.

    Simplified text is first read as Traditional (OpenCC s2t), so that Taiwanese words written in
    Simplified characters (软体, 计程车) fold like their Traditional forms; OpenCC's tw2sp then converts
    Taiwan's phrases to the Mainland's, and :data:`VARIANT_WORDS` the pairs it leaves apart.
    """
    folded = str(_converter("tw2sp").convert(_converter("s2t").convert(text)))
    return _VARIANT.sub(lambda match: _VARIANTS[match.group()], folded) if _VARIANTS else folded


def written_forms(term: str) -> set[str]:
    """The ways ``term`` may be written that :func:`fold_words` folds together: both scripts, Taiwan's and
    the Mainland's words (网络, 網絡, 網路), the variant spellings of :data:`VARIANT_WORDS`. For finding a
    folded match in the text as written (highlighting); not exhaustive where OpenCC maps many to one."""
    forms = {term, fold_script(term), fold_words(term)}
    forms |= {
        str(_converter(config).convert(form)) for form in list(forms) for config in ("s2t", "s2tw", "s2twp")
    }
    for variant, standard, _source in VARIANT_WORDS:
        forms |= {form.replace(standard, variant) for form in list(forms) if standard in form}
        forms |= {to_traditional(form) for form in list(forms) if variant in form}
    return {form for form in forms if form.strip()}


def fold_script(text: str) -> str:
    """Convert Traditional characters to Simplified (OpenCC t2s); other text is left as it is."""
    return str(_converter("t2s").convert(text))


def to_traditional(text: str) -> str:
    """Convert Simplified characters to Traditional (OpenCC s2t), character by character and phrase-aware."""
    return str(_converter("s2t").convert(text))


def detect_script(text: str) -> Script | None:
    """Tell Simplified from Traditional Chinese; None where the text has (almost) no CJK characters.

    A text is Traditional when folding it to Simplified changes a noticeable share of its CJK characters;
    the share is low because most characters are the same in both scripts.
    """
    cjk = _CJK.findall(text)
    if len(cjk) < 5:
        return None
    sample = "".join(cjk[:4000])
    folded = fold_script(sample)
    changed = sum(1 for a, b in zip(sample, folded, strict=False) if a != b)
    # Calibrated on the seed documents: Traditional news text changes 15-30 % of its characters,
    # Simplified text 0-1 % (a few variant characters such as 着/著).
    return "Hant" if changed / len(sample) > 0.04 else "Hans"


def normalise_for_matching(text: str) -> str:
    """Fold width, script, Taiwanese words (:func:`fold_words`) and case, collapse punctuation and white
    space to single spaces, and drop the spaces between CJK characters.

    Used on both sides of a topic match and of a search: 'Twin-City Forum' and 'twin city forum' become
    the same string, and so do '上海-台北城市論壇', '上海 台北城市论坛' and '上海台北城市论坛'.
    """
    return _matching_form(_folded(text))


def normalise_article_for_matching(text: str) -> str:
    """:func:`normalise_for_matching` of an article's whole text, folded once for its topics, content
    hash, fingerprint and search document alike (:func:`fold_article`)."""
    return _matching_form(fold_article(text))


def normalise_lines_for_matching(text: str) -> list[str]:
    """:func:`normalise_for_matching` of each line of an article's text (``str.splitlines``), those left
    empty dropped; the text is folded whole, once (:func:`fold_article`), not line by line.

    The same lines either way: folding neither makes nor takes a line break, and nothing it folds spans
    one (OpenCC's phrases and NFKC's compositions stop at a break), so the folded text's lines are its
    lines folded. tests/test_dedup_fingerprints.py holds the two ways together."""
    return [folded for line in fold_article(text).splitlines() if (folded := _matching_form(line))]


def _matching_form(folded: str) -> str:
    return _SPACE_IN_CJK.sub("", _NOT_WORD.sub(" ", folded).strip())


def _folded(text: str) -> str:
    """Width, script, Taiwanese words and case folded: what matching and hashing both start from."""
    return fold_words(nfkc(text)).casefold()


# The compatibility characters most pages hold: Chinese text's full-width punctuation, and no-break spaces
# in any language. Of the screened texts of 1,436 pages (../shared/eval, bench/crawl.py's site), 1,275 are
# not NFKC; once these are replaced, 188.
_COMMON_COMPATIBILITY = tuple(
    (character, unicodedata.normalize("NFKD", character)) for character in "\xa0\u3000，：？！（）／－＋；…"
)


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, in half the time on most pages.

    NFKC composes the text's compatibility decomposition (NFKD), which a character replaced by its own
    decomposition leaves as it was: so the common compatibility characters are replaced first (a scan
    each, in C), and the text is then most often NFKC already, which the quick check tells at once where
    normalising would rebuild it character by character."""
    for character, decomposition in _COMMON_COMPATIBILITY:
        if character in text:
            text = text.replace(character, decomposition)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


# Articles folded lately, kept by their text. The crawl needs a stored article's text folded four times:
# for its topics (crawler/topics.py), its content hash and its fingerprint (crawler/pipelines/
# fingerprint.py), and its search document on the store's thread a few dozen articles later
# (storage/search.py); OpenCC's two passes are most of each. Enough for the articles between the first
# and the last (those in flight and the store writer's queue); a text folded again is only slower.
_ARTICLES_KEPT = 64


@lru_cache(maxsize=_ARTICLES_KEPT)
def fold_article(text: str) -> str:
    """:func:`_folded` of an article's text, remembered for the last few articles (thread-safe)."""
    return _folded(text)


def normalise_for_hash(text: str) -> str:
    """The text content hashes and near-duplicate fingerprints are computed over: width-, script-, word-
    (:func:`fold_words`) and case-folded, with no punctuation or white space at all, so that re-flowed
    paragraphs, full-width commas or a Taiwanese edition's 網路 for 网络 do not matter.

    Changing it changes stored fingerprints: bump dedup.neardup.FINGERPRINT_VERSION, with a migration
    that marks the stored articles for `forumwatch restory`."""
    return _NOT_WORD.sub("", fold_article(text))


def term_pattern(folded_terms: Iterable[str]) -> re.Pattern[str]:
    """A pattern finding any of ``folded_terms`` (each :func:`normalise_for_matching`'d) in folded text."""
    # Longest first, so that where one term contains another (上海台北城市论坛, 城市论坛) a mention is
    # counted once, as the longer term. Word boundaries only where a term begins or ends with a Latin
    # letter or digit: CJK text has no spaces, so 双城论坛 must match inside 2021双城论坛开幕.
    #
    # The word boundary before a term is looked behind from after its first character (the character
    # before that one is no letter or digit): a pattern whose every alternative starts with a character
    # lets the regex engine skip ahead to where one of them stands, where a look-behind first made it try
    # every alternative at every position, seven times as long on an article's text.
    alternatives = []
    for term in sorted(folded_terms, key=len, reverse=True):
        first = re.escape(term[0])
        start = rf"(?<![0-9a-z]{first})" if _LATIN_EDGE.match(term[0]) else ""
        end = r"(?![0-9a-z])" if _LATIN_EDGE.match(term[-1]) else ""
        alternatives.append(first + start + re.escape(term[1:]) + end)
    return re.compile("|".join(alternatives))


def contains_term(text: str, term: str) -> bool:
    """Whether ``term`` occurs in ``text`` the way topic matching sees them (both folded, Latin as words)."""
    folded = normalise_for_matching(term)
    return bool(folded) and term_pattern([folded]).search(normalise_for_matching(text)) is not None
