"""Topic screen bench: does the screen ever rule out a page the matcher keeps, and what does it save?

    python -m bench.topic_screen [--data ../shared/eval/extraction] [--sets NAME ...] [--aliases 20]

For every page of the evaluation sets: the page is cleaned (the text the screen would read captured on the
way), and aliases are drawn from its article as a person configures them (CJK runs of 2-6 characters,
English phrases of one to three words, from anywhere in the title and text). Every alias the topic matcher
finds in the article must pass the screen: the bench prints the misses (the acceptance figure: 0), then
the milliseconds a page of cleaning costs with the screen ruling the page out beside full cleaning.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.datasets import CHINESE, SCRAPINGHUB, TAIWANESE, TRAFILATURA_EVAL, TWNEWS, load_set
from crawler.cleaner import CleanArticle, clean
from crawler.topic_screen import TopicScreen
from crawler.topics import Topic, TopicMatcher
from dedup.textnorm import HAN

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "extraction"
SETS = (CHINESE, TAIWANESE, TWNEWS, SCRAPINGHUB, TRAFILATURA_EVAL)
# The watched topics of the demo's configuration: what a real screen looks for.
WATCHED = (
    Topic(
        name="twin-city-forum", aliases=("双城论坛", "上海台北城市论坛", "Twin-City Forum", "Twin City Forum")
    ),
    Topic(name="sister-cities", aliases=("友好城市", "姐妹市", "sister city", "sister cities")),
)
_HAN_RUN = re.compile(f"[{HAN}]{{2,}}")
_WORDS = re.compile(r"[A-Za-z][A-Za-z'-]+(?: [A-Za-z][A-Za-z'-]+)*")


def aliases_from(article: CleanArticle, rng: random.Random, count: int) -> list[str]:
    text = f"{article.title}\n{article.text}"
    aliases = []
    for run in _HAN_RUN.findall(text):
        start = rng.randrange(len(run) - 1)
        aliases.append(run[start : start + rng.randint(2, 6)])
    for phrase in _WORDS.findall(text):
        words = phrase.split()
        start = rng.randrange(len(words))
        aliases.append(" ".join(words[start : start + rng.randint(1, 3)]))
    return rng.sample(aliases, min(len(aliases), count))


def _passing_into(captured: list[str]) -> Callable[[str], bool]:
    """A screen that passes every page, keeping the text it was shown."""

    def screen(text: str) -> bool:
        captured.append(text)
        return True

    return screen


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the eval 'extraction' folder")
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    parser.add_argument("--aliases", type=int, default=20, help="aliases drawn from each page's article")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    watched = TopicScreen(WATCHED)
    total_misses = 0
    print(
        f"{'set':<22}{'pages':>6}{'aliases':>9}{'misses':>8}{'ruled out':>11}{'ms full':>9}{'ms ruled out':>14}"
    )
    for name in args.sets:
        pages = load_set(args.data, name)
        checked = misses = ruled_out = 0
        full_ms: list[float] = []
        screened_ms: list[float] = []
        for page in pages:
            captured: list[str] = []
            started = time.process_time()
            article = clean(page.raw, page.url, screen=_passing_into(captured))
            full_ms.append((time.process_time() - started) * 1000)
            if not captured:
                continue  # not parsed: binary, undecodable or empty input
            screened = captured[0]
            if not watched.could_match(screened):
                ruled_out += 1
                started = time.process_time()
                clean(page.raw, page.url, screen=watched.could_match)
                screened_ms.append((time.process_time() - started) * 1000)
            for alias in aliases_from(article, rng, args.aliases):
                topic = Topic(name="drawn", aliases=(alias,), min_score=1)
                if not TopicMatcher([topic]).match(article.title, article.text):
                    continue
                checked += 1
                if not TopicScreen([topic]).could_match(screened):
                    misses += 1
                    print(f"  miss: {page.name}: {alias!r}")
        total_misses += misses
        print(
            f"{name:<22}{len(pages):>6}{checked:>9}{misses:>8}{ruled_out:>11}"
            f"{statistics.median(full_ms):>9.2f}{statistics.median(screened_ms or [0.0]):>14.2f}"
        )
    print(f"\nmisses (aliases the matcher finds that the screen would rule out): {total_misses}")
    print(
        "ms: median CPU milliseconds a page, full cleaning beside a page the watched topics' screen rules out"
    )
    return 1 if total_misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
