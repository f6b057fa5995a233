"""Near-duplicate fingerprints: what counts as one story, and the stored format staying put."""

from __future__ import annotations

import hashlib
import random
import zlib

import numpy as np
import pytest

from dedup import neardup
from dedup.fingerprints import content_hash
from dedup.neardup import (
    BANDS,
    FINGERPRINT_VERSION,
    MIN_SHINGLES,
    NUM_PERM,
    SHINGLE_SIZE,
    NearDupFingerprint,
    fingerprint,
    minhash_signature,
    shingle_set,
)
from dedup.textnorm import to_traditional

PARAGRAPHS = [
    "2023上海-台北城市论坛将于8月29日至30日在上海举行，台北市长蒋万安将率团出席，这是他就任以来首次赴沪。",
    "据上海市台办介绍，本届论坛以“双城携手 共创未来”为主题，将围绕城市治理、青年交流和产业合作三个议题展开讨论。",
    "论坛期间，两市还将签署包括文化、体育、卫生在内的多项交流合作备忘录，并安排参访团考察上海的城市更新项目。",
    "自2010年首次举办以来，双城论坛由上海、台北两市轮流主办，已成为两岸城市交流的重要机制化平台。",
    "上海市有关负责人表示，欢迎台北市参访团来沪，期待双方以论坛为契机，进一步深化各领域务实合作。",
    "台北市政府发言人表示，市长此行将秉持“对等、尊严、健康、有序”的原则，推动两市交流走向更务实的方向。",
]
TEXT = "\n".join(PARAGRAPHS)
OTHER_REPORT_ON_THE_SAME_EVENT = "\n".join(
    [
        "台北市长蒋万安29日抵达上海，出席2023上海-台北城市论坛。这是他就任以来首次率团赴沪交流。",
        "蒋万安在机场受到上海市台办负责人迎接。他对媒体表示，希望两市在防灾、交通和青年创业方面多交换经验。",
        "随行的还有台北市副市长、文化局长及多家企业代表，参访团一行约三十人，将在上海停留三天。",
        "当天下午，参访团参观了杨浦滨江的工业遗址改造项目，并与当地社区代表座谈，了解旧区更新的做法。",
        "据悉，论坛开幕式将于30日上午举行，两市市长将分别致辞，并见证合作备忘录的签署。",
    ]
)


def test_a_traditional_copy_is_the_same_text() -> None:
    simplified, traditional = fingerprint(TEXT), fingerprint(to_traditional(TEXT))
    assert simplified is not None
    assert traditional is not None
    assert simplified == traditional
    assert simplified.resemblance(traditional).jaccard == 1.0


def test_a_trimmed_reprint_with_an_editors_note_is_the_same_story() -> None:
    reprint = "\n".join([*PARAGRAPHS[:-1], "（本文来源：神州新闻网 责任编辑：李明）【纠错】"])
    original, copy = fingerprint(TEXT), fingerprint(reprint)
    assert original is not None
    assert copy is not None
    resemblance = original.resemblance(copy)
    assert resemblance.same_story
    assert 0.6 < resemblance.jaccard < 1.0


def test_a_short_copy_inside_a_long_one_is_the_same_story_by_containment() -> None:
    brief = "\n".join(PARAGRAPHS[:3])
    original, copy = fingerprint(TEXT), fingerprint(brief)
    assert original is not None
    assert copy is not None
    resemblance = original.resemblance(copy)
    assert resemblance.jaccard < 0.65
    assert resemblance.containment > 0.9
    assert resemblance.same_story


def test_another_report_on_the_same_event_is_another_story() -> None:
    original, other = fingerprint(TEXT), fingerprint(OTHER_REPORT_ON_THE_SAME_EVENT)
    assert original is not None
    assert other is not None
    resemblance = original.resemblance(other)
    assert resemblance.jaccard < 0.1
    assert not resemblance.same_story
    assert not set(original.band_keys()) & set(other.band_keys())


def test_punctuation_white_space_and_width_do_not_change_the_fingerprint() -> None:
    reflowed = TEXT.replace("\n", " ").replace("，", ",").replace("“", '"').replace("2023", "２０２３")
    assert fingerprint(reflowed) == fingerprint(TEXT)


def test_too_short_texts_have_no_fingerprint() -> None:
    assert fingerprint("双城论坛今天举行。") is None
    assert len(shingle_set("双城论坛今天举行。")) < MIN_SHINGLES
    assert fingerprint("") is None


def test_band_keys_are_distinct_64_bit_integers() -> None:
    found = fingerprint(TEXT)
    assert found is not None
    keys = found.band_keys()
    assert len(keys) == len(set(keys)) == BANDS
    assert all(-(2**63) <= key < 2**63 for key in keys)


def test_a_signature_of_the_wrong_size_is_refused() -> None:
    with pytest.raises(ValueError, match="32-bit values"):
        NearDupFingerprint(b"\x00" * 10, 100)


def test_the_stored_format_does_not_drift() -> None:
    # Fingerprints are stored: a change of shingling, hashing or permutations (a new datasketch
    # release, a new constant) must come with a new FINGERPRINT_VERSION and a migration, not silently.
    found = fingerprint(TEXT)
    assert found is not None
    assert len(found.signature) == NUM_PERM * 4
    assert found.shingles == len(shingle_set(TEXT))
    assert hashlib.sha256(found.signature).hexdigest()[:16] == EXPECTED_SIGNATURE_DIGEST
    assert found.band_keys()[0] == EXPECTED_FIRST_BAND_KEY


EXPECTED_SIGNATURE_DIGEST = "8a093d98f46049f4"
EXPECTED_FIRST_BAND_KEY = -4725213366838341137


def test_containment_is_not_trusted_on_a_few_chance_equal_values() -> None:
    # 4 equal values of 128 between a 178-shingle text and a 4,555-shingle one would read as "80 %
    # contained"; at that Jaccard the estimate is noise (a different story found on the bench corpus).
    small = np.arange(NUM_PERM, dtype="<u4")
    large = small + 1000
    large[:4] = small[:4]
    resemblance = NearDupFingerprint(small.tobytes(), 178).resemblance(
        NearDupFingerprint(large.tobytes(), 4555)
    )
    assert resemblance.jaccard == pytest.approx(4 / 128)
    assert resemblance.containment == 0.0
    assert not resemblance.same_story


def test_a_taiwanese_edition_has_the_mainland_editions_fingerprint() -> None:
    """Version 2: words are folded before shingling (網路 and 网络, 報導 and 报道 are one)."""
    mainland = TEXT + "\n据网络报道，软件和信息服务企业也派员参加。"
    taiwanese = TEXT + "\n據網路報導，軟體和資訊服務企業也派員參加。"
    assert FINGERPRINT_VERSION == 2
    first, second = fingerprint(mainland), fingerprint(taiwanese)
    assert first is not None
    assert second is not None
    assert first.signature == second.signature
    assert content_hash(mainland) == content_hash(taiwanese)


# The signatures were computed by datasketch 2.0 until the numpy pass replaced it; stored fingerprints
# stay valid only if the two agree to the byte. Texts of every kind the crawler meets: Simplified and
# Traditional Chinese, English, mixed, barely long enough, very long (several passes of the numpy
# computation), and full of repeated shingles.
ENGLISH_WORDS = [
    "Taipei",
    "Shanghai",
    "mayor",
    "forum",
    "delegation",
    "city",
    "exchange",
    "youth",
    "culture",
    "memorandum",
    "signed",
    "council",
    "spokesperson",
    "cooperation",
    "governance",
    "twin",
    "cities",
    "annual",
    "meeting",
    "said",
    "on",
    "Tuesday",
    "the",
    "of",
    "and",
    "in",
]


def _datasketch_signature(shingles: set[str]) -> bytes:
    """The signature as the stored fingerprints were computed, by datasketch's MinHash."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=neardup._SEED, scheme="affine32", hashfunc=zlib.crc32)
    minhash.update_batch([shingle.encode("utf-8") for shingle in sorted(shingles)])
    return np.asarray(minhash.hashvalues, dtype="<u4").tobytes()


def _texts_of_every_kind() -> list[str]:
    rng = random.Random(18)
    chinese = "".join(PARAGRAPHS) + OTHER_REPORT_ON_THE_SAME_EVENT
    texts = [TEXT, to_traditional(TEXT), OTHER_REPORT_ON_THE_SAME_EVENT]
    for _ in range(120):
        length = rng.choice([30, 60, 200, 800, 2_500, 5_000])
        texts.append("".join(rng.choice(chinese) for _ in range(length)))
        texts.append(" ".join(rng.choice(ENGLISH_WORDS) for _ in range(length // 6)))
    for _ in range(40):
        paragraphs = [*PARAGRAPHS, " ".join(rng.choices(ENGLISH_WORDS, k=30))]
        rng.shuffle(paragraphs)
        texts.append("\n".join(paragraphs[: rng.randint(2, len(paragraphs))]))
    texts += [
        "双城论坛" * 200,  # four distinct shingles
        "forum " * 500,
        "双城论坛上海台北" * 3 + "".join(rng.choice(chinese) for _ in range(MIN_SHINGLES)),
        "".join(rng.choice(chinese) for _ in range(60_000)),  # about 15 passes of 4,096 shingles
        " ".join(rng.choice(ENGLISH_WORDS) for _ in range(12_000)),
    ]
    return texts


def test_the_signature_is_datasketchs_to_the_byte() -> None:
    texts = _texts_of_every_kind()
    assert len(texts) > 250
    for text in texts:
        shingles = shingle_set(text)
        expected = _datasketch_signature(shingles)
        assert minhash_signature(shingles).astype("<u4").tobytes() == expected, text[:40]
        found = fingerprint(text)
        if len(shingles) >= MIN_SHINGLES:
            assert found is not None
            assert found.signature == expected


def test_the_permutations_are_datasketchs() -> None:
    from datasketch import MinHash

    expected = MinHash(num_perm=NUM_PERM, seed=neardup._SEED, scheme="affine32").permutations
    multipliers, offsets = neardup._permutations()
    assert np.array_equal(multipliers, expected[0])
    assert np.array_equal(offsets, expected[1])
    assert multipliers.dtype == offsets.dtype == np.uint32


def test_a_text_computed_in_several_passes_has_the_same_signature(monkeypatch: pytest.MonkeyPatch) -> None:
    shingles = shingle_set(TEXT)
    whole = minhash_signature(shingles)
    monkeypatch.setattr(neardup, "_SHINGLES_PER_PASS", 7)
    assert np.array_equal(minhash_signature(shingles), whole)
    assert len(shingles) > 7 * SHINGLE_SIZE


def test_resemblances_to_many_are_each_resemblance() -> None:
    texts = [
        f"第{n}篇：双城论坛在上海举行，两市签署{n % 7}项合作备忘录，市长出席并致辞。" * (1 + n % 4)
        for n in range(30)
    ]
    prints = [print_ for text in texts if (print_ := fingerprint(text)) is not None]
    assert len(prints) == len(texts)
    one = prints[0]
    assert one.resemblances(prints) == [one.resemblance(other) for other in prints]
    assert one.resemblances([]) == []


def test_same_story_jaccards_are_each_resemblances_verdict() -> None:
    # Copies trimmed, extended and of other lengths: some the same story by Jaccard, some by containment.
    base = "".join(
        f"第{n}段：双城论坛在上海举行，两市签署{n}项合作备忘录，市长出席并致辞。" for n in range(40)
    )
    texts = [base[: len(base) * k // 10] for k in range(2, 11)] + [base + base[:500], base[::-1]]
    prints = [p for p in (fingerprint(text) for text in texts) if p is not None]
    for one in prints:
        expected = [r.jaccard if r.same_story else None for r in (one.resemblance(o) for o in prints)]
        assert (
            one.same_story_jaccards([o.signature for o in prints], [o.shingles for o in prints]) == expected
        )
    verdicts = {r.same_story for r in prints[-1].resemblances(prints)}
    assert verdicts == {True, False}
    assert prints[0].same_story_jaccards([], []) == []
