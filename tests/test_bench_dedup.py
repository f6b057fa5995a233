"""The near-duplicate bench: its corpus generators and its scoring, on small texts written here."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bench.dedup_corpus import (
    MAX_BORROWED_SHARE,
    ORIGINAL,
    Document,
    Draft,
    Original,
    added_paragraphs,
    build_corpus,
    copies,
    distinct,
    follow_up_report,
    make_original,
    negatives,
    other_chrome,
    other_script,
    reordered,
    same_event_report,
    sentences,
    template_documents,
    trimmed_tail,
)
from bench.dedup_quality import (
    Fingerprinted,
    PairScore,
    SweepPoint,
    best_point,
    candidate_pairs,
    canonical_labels,
    components,
    judge,
    pair_score,
    resemblance,
    store_corpus,
)
from bench.dedup_scale import fill, remove_sample, time_sample
from bench.dedup_simhash import IndexCost, block_layout, popcount, simhash_costs
from dedup.fingerprints import content_hash
from dedup.neardup import BANDS, fingerprint
from dedup.textnorm import detect_script
from storage.articles import ensure_source
from storage.engine import open_database
from storage.models import Article, NearDuplicateKey, Story

FORUM = (
    "上海-台北城市论坛今天在上海开幕，两市代表围绕智慧城市、青年交流和文化合作等议题展开讨论。"
    "上海市副市长在开幕式上致辞说：“城市交流是两岸民众增进了解的重要渠道。”",
    "本届论坛共有来自两地的约三百名代表出席。双方签署了交通、卫生和社区治理等四项合作备忘录，"
    "并宣布明年将在台北举办下一届论坛。",
    "与会学者指出，城市之间的务实合作能够为两地居民带来实际利益。论坛期间还举办了青年创业成果展，"
    "吸引了众多市民前往参观。",
)
MARKET = (
    "国家统计局今天公布的数据显示，上月全国居民消费价格同比上涨百分之二点一，涨幅较前月有所回落。"
    "其中食品价格上涨百分之三点五，非食品价格上涨百分之一点八。",
    "统计局首席统计师表示，猪肉和鲜菜价格下降是涨幅回落的主要原因。她说：“总体来看，物价运行保持平稳。”",
    "分析人士认为，随着节日需求减弱，下月物价涨幅可能继续小幅回落，全年物价目标有望实现。",
    "同日公布的工业生产者出厂价格同比下降百分之零点八，降幅比上月收窄零点三个百分点，显示工业品需求有所恢复。",
)
TRAFFIC = (
    "台北市交通局今天宣布，明年起市區公車將全面改用電動車，預計三年內完成汰換，共涉及約三千五百輛公車。"
    "交通局長說：「這是台北邁向淨零排放的重要一步。」",
    "交通局表示，市府已編列預算補助客運業者購車，並將在各大轉運站增設充電設施。",
    "部分業者擔心充電站不足會影響班次調度，交通局回應將與業者逐線檢討。",
    "環保團體肯定市府的決定，但呼籲同步檢討機車與貨車的電動化時程，以免減碳成效打折。",
    "市議員則質疑補助經費是否足夠，要求交通局在下次定期大會提出完整的財務規劃報告。",
)
QUAKE_EN = (
    "A strong earthquake shook the eastern coast on Tuesday morning, sending residents into the streets and "
    "briefly halting train services across the region, officials said.",
    "The weather bureau said the quake had a magnitude of 6.2 and struck at a depth of 15 kilometres. "
    "\u201cWe felt a long, rolling movement,\u201d said a shopkeeper in the county seat.",
    "There were no immediate reports of deaths. Several buildings suffered cracks and a landslide blocked a "
    "mountain road, the fire department said.",
)


def original(key: str, paragraphs: tuple[str, ...], language: str = "zh-Hans") -> Original:
    made = make_original(key, f"{key} title", "\n".join(paragraphs), language)  # type: ignore[arg-type]
    assert made is not None
    return made


def test_sentences_split_after_chinese_marks_and_before_english_capitals() -> None:
    assert sentences("他说：“好。”我们走吧！真的？") == ["他说：“好。”", "我们走吧！", "真的？"]
    assert sentences("It rose 3.5 percent. Analysts agreed! \u201cGood,\u201d he said.") == [
        "It rose 3.5 percent.",
        "Analysts agreed!",
        "\u201cGood,\u201d he said.",
    ]


def test_originals_are_watched_languages_of_some_length_and_kept_once() -> None:
    assert make_original("short", "t", "太短了。", "zh-Hans") is None
    assert make_original("german", "t", "Ein langer Text. " * 30, None) is None
    forum, market = original("a", FORUM), original("b", MARKET)
    again = original("c", (*FORUM, "责任编辑：张伟"))  # the same article on another site
    assert [o.key for o in distinct([forum, market, again])] == ["a", "b"]


def test_script_copy_is_the_other_script_and_english_has_none() -> None:
    draft = original("a", FORUM).draft
    traditional = other_script(draft, random.Random(1))
    assert traditional is not None
    assert traditional.language == "zh-Hant"
    assert detect_script(traditional.text) == "Hant"
    back = other_script(traditional, random.Random(1))
    assert back is not None
    assert back.language == "zh-Hans"
    assert detect_script(back.text) == "Hans"
    assert other_script(original("en", QUAKE_EN, "en").draft, random.Random(1)) is None


@pytest.mark.parametrize(
    ("paragraphs", "language"), [(FORUM, "zh-Hans"), (TRAFFIC, "zh-Hant"), (QUAKE_EN, "en")]
)
def test_chrome_surrounds_the_whole_body_in_the_copy_s_language(
    paragraphs: tuple[str, ...], language: str
) -> None:
    draft = original("a", paragraphs, language).draft
    for seed in range(5):
        copy = other_chrome(draft, random.Random(seed))
        assert draft.text in copy.text
        added = [p for p in copy.paragraphs if p not in draft.paragraphs]
        assert added
        has_cjk = [bool(re.search(r"[\u4e00-\u9fff]", line)) for line in added]
        assert all(has_cjk) if language != "en" else not any(has_cjk)
        if language == "zh-Hant":
            assert all(detect_script(line) != "Hans" for line in added)


def test_trimmed_copy_is_a_shorter_prefix() -> None:
    draft = original("a", FORUM).draft
    for seed in range(10):
        copy = trimmed_tail(draft, random.Random(seed))
        assert copy is not None
        assert draft.text.startswith(copy.text)
        assert 0.5 * len(draft.text) <= len(copy.text) < len(draft.text)
    one_sentence = Draft(
        "zh-Hans", "t", ("只有一句话的短讯没有什么可以删掉的内容，它只能整篇保留下来供读者阅读和参考。",)
    )
    assert trimmed_tail(one_sentence, random.Random(1)) is None


def test_added_paragraphs_keep_every_original_paragraph_in_order() -> None:
    draft = original("a", QUAKE_EN, "en").draft
    for seed in range(10):
        copy = added_paragraphs(draft, random.Random(seed))
        kept = iter(copy.paragraphs)
        assert all(paragraph in kept for paragraph in draft.paragraphs)
        assert len(copy.paragraphs) > len(draft.paragraphs)


def test_reordered_copy_has_the_same_sentences_in_another_order() -> None:
    draft = original("a", MARKET).draft
    for seed in range(10):
        copy = reordered(draft, random.Random(seed))
        assert copy is not None
        assert copy.text != draft.text
        assert sorted(s for p in copy.paragraphs for s in sentences(p)) == sorted(
            s for p in draft.paragraphs for s in sentences(p)
        )


def test_copies_are_labelled_with_their_original_and_repeat_with_the_seed() -> None:
    forum = original("set/forum", FORUM)
    made = copies(forum, seed=7)
    assert made == copies(forum, seed=7)
    assert made != copies(forum, seed=8)
    assert {doc.story for doc in made} == {"set/forum"}
    assert len({doc.doc_id for doc in made}) == len(made)
    transforms = [doc.transform for doc in made]
    assert transforms[:6] == [ORIGINAL, "script", "chrome", "added", "trim", "reorder"]
    assert sum("+" in name for name in transforms) == 2
    assert all(doc.language == "zh-Hant" for doc in made if "script" in doc.transform)


def test_hard_negatives_borrow_a_minority_and_belong_to_the_donor_s_story() -> None:
    forum, market = original("forum", FORUM), original("market", MARKET)
    for generator in (same_event_report, follow_up_report):
        negative = generator(forum, market, random.Random(3))
        assert negative is not None
        assert (negative.story, negative.imitates) == ("market", "forum")
        borrowed = [s for p in FORUM for s in sentences(p) if s in negative.text]
        assert 0 < sum(map(len, borrowed)) <= MAX_BORROWED_SHARE * len("\n".join(FORUM))
        assert all(paragraph in negative.text for paragraph in MARKET)
    made = negatives(forum, [forum, market], seed=1)
    assert sorted(doc.transform for doc in made) == ["follow-up", "same-event"]


def test_template_instances_share_wording_but_are_stories_of_their_own() -> None:
    templates = template_documents(seed=1, instances=3)
    assert len({doc.story for doc in templates}) == len(templates)
    by_family: dict[str | None, list[str]] = {}
    for doc in templates:
        by_family.setdefault(doc.imitates, []).append(doc.text)
    for texts in by_family.values():
        assert len(set(texts)) == 3
    announcements = by_family["template/zh-Hans/forum-announcement"]
    assert all("有关负责人表示" in text for text in announcements)


def test_pair_score_counts_pairs() -> None:
    assert pair_score(["a", "a", "b"], [1, 1, 2]) == PairScore(1.0, 1.0, 1, 1, 1)
    merged = pair_score(["a", "a", "b", "b"], [1, 1, 1, 1])  # 6 pairs put together, 2 right
    assert (merged.precision, merged.recall) == (2 / 6, 1.0)
    split = pair_score(["a", "a", "a"], [1, 1, 2])  # 3 true pairs, 1 found
    assert (split.precision, split.recall) == (1.0, 1 / 3)


def test_components_and_canonical_labels() -> None:
    assert components(5, [(3, 1), (1, 4)]) == [0, 1, 2, 1, 1]
    assert canonical_labels([9, 7, 9, 5]) == [0, 1, 0, 3]
    assert canonical_labels(components(4, [(0, 2)])) == canonical_labels(["x", "y", "x", "z"])


def test_best_point_prefers_recall_at_the_target_precision() -> None:
    points = [
        SweepPoint({"jaccard": 0.3}, PairScore(0.95, 1.0, 1, 1, 1)),
        SweepPoint({"jaccard": 0.5}, PairScore(0.995, 0.97, 1, 1, 1)),
        SweepPoint({"jaccard": 0.7}, PairScore(1.0, 0.90, 1, 1, 1)),
    ]
    assert best_point(points).setting == {"jaccard": 0.5}
    assert best_point(points[:1]).setting == {"jaccard": 0.3}


def test_block_layout_keys_have_log2_n_bits() -> None:
    assert block_layout(3, 10_000) == (4, 4)  # one 16-bit block per table: 16 >= log2(10^4)
    assert block_layout(3, 1_000_000) == (5, 10)  # two 12-13-bit blocks: 25 >= log2(10^6)
    assert block_layout(0, 1_000_000) == (1, 1)


def _fingerprinted(docs: Sequence[Document]) -> list[Fingerprinted]:
    return [Fingerprinted(d, fingerprint(d.text), content_hash(d.text)) for d in docs]


def test_the_store_folds_copies_and_keeps_negatives_apart(tmp_path: Path) -> None:
    forum, market, traffic = (
        original("forum", FORUM),
        original("market", MARKET),
        original("traffic", TRAFFIC, "zh-Hant"),
    )
    corpus = build_corpus([forum, market, traffic], seed=2)
    docs = _fingerprinted(corpus)
    forum_copies = [i for i, doc in enumerate(docs) if doc.document.story == "forum"]
    assert len(forum_copies) >= 8
    candidates = candidate_pairs(docs)
    assert all((a, b) in candidates for a in forum_copies for b in forum_copies if a < b)
    stories = store_corpus(docs, list(reversed(range(len(docs)))), f"sqlite:///{tmp_path / 'q.db'}")
    quality = judge(docs, stories, worst=3)
    assert quality.per_transform["script"].joined == 3  # all three originals are Chinese
    assert quality.overall.recall == 1.0
    assert quality.per_transform["same-event"].merged_with_imitated == 0


def test_filler_rows_are_valid_articles_and_the_sample_leaves_no_trace(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'scale.db'}"
    engine = open_database(url)
    with Session(engine) as session, session.begin():
        source_id = ensure_source(session, "bench-sample", "site", "https://bench.invalid/")
    engine.dispose()
    fill(url, 1, 30, source_id, seed=1)
    sample = _fingerprinted(copies(original("forum", FORUM), seed=1)[:3])
    seconds, candidates = time_sample(engine, sample, source_id)
    assert len(seconds) == 3
    assert candidates[0] == 0  # filler never resembles the corpus
    assert candidates[1] >= 1  # the second copy finds the first
    engine.dispose()
    remove_sample(url, sample, 30, 30)
    fill(url, 31, 20, source_id, seed=1)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 50
        assert session.scalar(select(func.count()).select_from(Story)) == 50
        assert session.scalar(select(func.count()).select_from(NearDuplicateKey)) == 50 * BANDS
        filler = session.get_one(Article, 42)
        assert filler.is_head
        assert filler.story_id == 42
        assert filler.fetched_at.tzinfo is not None
        assert filler.minhash is not None
        assert len(filler.minhash) == 512
    engine.dispose()


def _doc(doc_id: str, story: str, transform: str, text: str) -> Document:
    return Document(doc_id, story, transform, "zh-Hans", doc_id, text)


def test_judge_finds_the_missed_copy_and_the_false_merge() -> None:
    forum = original("forum", FORUM).draft
    chrome = other_chrome(forum, random.Random(1))
    docs = _fingerprinted(
        [
            _doc("forum", "forum", ORIGINAL, forum.text),
            _doc("forum#chrome", "forum", "chrome", chrome.text),
            _doc("market", "market", ORIGINAL, "\n".join(MARKET)),
            _doc("traffic", "traffic", ORIGINAL, "\n".join(TRAFFIC)),
        ]
    )
    quality = judge(docs, [1, 2, 3, 3], worst=5)  # the copy apart, two stories merged
    assert quality.overall == PairScore(0.0, 0.0, 1, 1, 0)
    assert quality.per_transform["chrome"].joined == 0
    assert len(quality.misses) == 1
    assert quality.misses[0].startswith("forum#chrome (chrome) apart from its original: J ")
    assert quality.per_transform[ORIGINAL].wrongly_merged == 2
    between = resemblance(docs, (2, 3))
    assert between is not None
    assert quality.false_merges == [
        f"story 3: 2 true stories, 1 wrong pairs; closest: market ~ traffic "
        f"J {between.jaccard:.2f} C {between.containment:.2f}"
    ]


def test_simhash_candidates_are_pairs_with_at_most_k_spoiled_blocks() -> None:
    docs = _fingerprinted(
        [_doc(f"d{i}", f"s{i}", ORIGINAL, text) for i, text in enumerate([FORUM[0], MARKET[0], TRAFFIC[0]])]
    )
    # Distance 1 at 10,000 stored: two 32-bit blocks, a table per block.
    values = np.asarray([0, 1, 1 | 1 << 40], dtype=np.uint64)
    costs = simhash_costs(docs, values, 1, [10_000], hard=set())
    # d0~d1 differ in one block, d1~d2 in one, d0~d2 in both: two candidate pairs of three.
    assert costs == [IndexCost(10_000, 2, 2 / 3 * 10_000)]
    assert simhash_costs(docs, values, 1, [10_000], hard={(0, 1)}) == [IndexCost(10_000, 2, 1 / 2 * 10_000)]
    apart = np.asarray([0, 1 | 1 << 40, 2 | 1 << 41], dtype=np.uint64)
    assert simhash_costs(docs, apart, 1, [10_000], hard=set())[0].bound  # none seen: a 95 % bound


def test_popcount_counts_the_bits_of_64_bit_values() -> None:
    values = np.asarray([0, 1, 0b1011, 2**64 - 1, 1 << 63], dtype=np.uint64)
    assert popcount(values).tolist() == [0, 1, 3, 64, 1]
