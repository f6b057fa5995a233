"""Event-reading bench: kind, start, end and city of forum articles written the way newsrooms write.

    python -m bench.events [--set DIR] [--misses] [--json FILE]

The set (``bench/event_articles/*.jsonl``) is our own writing, modelled on official releases, wire copy
and Mainland, Taiwanese, Hong Kong and English outlets: announcements with and without dates, relative
days (今（5）日, 本週五（22日）, next Thursday), ROC years, Chinese numerals, postponements and "as
scheduled", opening- and closing-day reports, commentaries and other forums. Each line holds an article
(title, text, publication time) and its gold kind, start, end and city (a city by its canonical name in
``crawler.events.lexicon.GAZETTEER``; the reader writes it as the article does, and both are compared
by that name).

Kind accuracy counts every article; start, end and city count the articles whose gold gives one or
whose reading gives one (a date read where the gold has none is a miss too).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from crawler.events import EventReading, read_event
from crawler.events.candidates import city_key

DEFAULT_SET = Path(__file__).parent / "event_articles"
FIELDS = ("kind", "start", "end", "city")


@dataclass(frozen=True)
class LabelledArticle:
    id: str
    published: datetime | None
    language: str | None
    title: str
    text: str
    gold: dict[str, str | None]  # kind, start, end, city
    shape: str


@dataclass(frozen=True)
class Outcome:
    article: LabelledArticle
    read: dict[str, str | None]
    reasons: tuple[str, ...]

    def right(self, field: str) -> bool:
        return self.read[field] == self.article.gold[field]

    def counts(self, field: str) -> bool:
        """Whether ``field`` is scored for this article: always for kind, else when either side has one."""
        return field == "kind" or self.article.gold[field] is not None or self.read[field] is not None


def load_set(folder: Path) -> list[LabelledArticle]:
    articles = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                articles.append(
                    LabelledArticle(
                        id=record["id"],
                        published=datetime.fromisoformat(record["published"])
                        if record["published"]
                        else None,
                        language=record.get("language"),
                        title=record["title"],
                        text=record["text"],
                        gold={
                            "kind": record["kind"],
                            "start": record["start"],
                            "end": record["end"],
                            "city": city_key(record["city"]),
                        },
                        shape=record.get("shape", ""),
                    )
                )
            except (KeyError, ValueError) as error:
                raise SystemExit(f"{path.name}:{number}: not a labelled article ({error})") from None
    return articles


def read(article: LabelledArticle) -> Outcome:
    return outcome_of(article, read_event(article.title, article.text, article.published, article.language))


def outcome_of(article: LabelledArticle, reading: EventReading) -> Outcome:
    """A reading of a labelled article, its fields as the gold writes them."""
    event = reading.event
    return Outcome(
        article,
        {
            "kind": reading.kind,
            "start": _iso(event.start if event else None),
            "end": _iso(event.end if event else None),
            "city": city_key(event.city if event else None),
        },
        reading.reasons,
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def score(outcomes: Iterable[Outcome]) -> dict[str, tuple[int, int]]:
    """Per field: (right, scored)."""
    results = list(outcomes)
    figures = {}
    for field in FIELDS:
        scored = [o for o in results if o.counts(field)]
        figures[field] = (sum(o.right(field) for o in scored), len(scored))
    return figures


def render(figures: dict[str, tuple[int, int]], outcomes: list[Outcome], misses: bool) -> str:
    lines = [f"{len(outcomes)} articles ({_by_language(outcomes)})", ""]
    lines.append(f"{'field':<6}  {'right':>5}  {'scored':>6}  {'share':>6}")
    for field, (right, scored) in figures.items():
        share = f"{right / scored:.3f}" if scored else "-"
        lines.append(f"{field:<6}  {right:>5}  {scored:>6}  {share:>6}")
    wrong = [o for o in outcomes if any(o.counts(f) and not o.right(f) for f in FIELDS)]
    lines += ["", f"misses: {len(wrong)} articles"]
    for outcome in wrong:
        fields = [f for f in FIELDS if outcome.counts(f) and not outcome.right(f)]
        detail = ", ".join(f"{f} {outcome.read[f]} (gold {outcome.article.gold[f]})" for f in fields)
        lines.append(f"- {outcome.article.id} [{outcome.article.shape}]: {detail}")
        if misses:
            lines.append(f"    {outcome.article.title}")
            lines += [f"    · {reason}" for reason in outcome.reasons]
    return "\n".join(lines)


def _by_language(outcomes: list[Outcome]) -> str:
    languages: dict[str, int] = {}
    for outcome in outcomes:
        key = outcome.article.language or "?"
        languages[key] = languages.get(key, 0) + 1
    return ", ".join(f"{count} {language}" for language, count in sorted(languages.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="folder of labelled .jsonl files")
    parser.add_argument("--misses", action="store_true", help="show the reader's reasons for each miss")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write per-article readings as JSON")
    args = parser.parse_args(argv)
    articles = load_set(args.set)
    if not articles:
        parser.error(f"no labelled articles in {args.set}")
    outcomes = [read(article) for article in articles]
    print(render(score(outcomes), outcomes, args.misses))
    if args.json:
        rows = [{"id": o.article.id, "gold": o.article.gold, "read": o.read} for o in outcomes]
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
