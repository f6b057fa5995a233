"""A linear model over the event reader's candidates, measured leave-one-set-out.

    python -m bench.event_model --loso [--fixed-l2] [--bench DIR] [--only fresh8,fresh9]
    python -m bench.event_model --train [--out FILE]   # weights from every set (the reader ignores them)

The rules (``crawler.events``) offer every date and city they weigh, with the features they weigh them by
(``crawler.events.candidates``); here a softmax over one article's candidates learns to pick the start
date and the city, and a multinomial logistic regression the kind over the rules' own verdict and cues
(``bench/event_ranker.py`` scores with the weights). numpy only, full-batch Adam from zero weights: no
sampling anywhere, so runs are identical.

Leave-one-set-out: for each labelled set, the feature list, the standardisation, the L2 weight (chosen by
an inner leave-one-set-out over the training sets only, from values fixed beforehand) and the weights
come from the other sets. That still flatters the model: the rules, hence the candidates and the rules'
own pick among the features, were drawn from every set, the held-out one included. The honest test is
against an older commit's rules on the sets they had not seen: extract ``git archive COMMIT crawler
dedup bench`` to a folder, give it the hooks this needs (``date_choices``, ``cities_named``,
``prepared``, ``candidates``), and run there with ``--bench`` at today's sets and ``--only`` the sets that
commit had not read: none of them is trained on, and its rules' column is that set's first look.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.event_ranker import Linear, Ranker
from bench.events import LabelledArticle, Outcome, load_set, outcome_of, score
from crawler.events.candidates import KINDS, Candidates, Features, city_key, event_candidates

BENCH = Path(__file__).parent
# Where --train writes by default; the reader does not read it (see ``bench/event_ranker.py``).
WEIGHTS = BENCH.parent / "crawler" / "events" / "model_weights.json"
SET_NAMES = ("event_articles", "event_articles_holdout", "event_articles_fresh",
             *(f"event_articles_fresh{n}" for n in range(2, 11)))  # fmt: skip
# The rules' first look at each set (docs/benchmarks.md): kind, start, end, city.
FIRST_LOOK = {
    "event_articles_holdout": (0.825, 0.613, 0.520, 0.656),
    "event_articles_fresh": (0.861, 0.679, 0.696, 0.857),
    "event_articles_fresh2": (0.850, 0.812, 0.793, 0.781),
    "event_articles_fresh3": (0.883, 0.783, 0.725, 0.729),
    "event_articles_fresh4": (0.900, 0.791, 0.735, 0.891),
    "event_articles_fresh5": (0.917, 0.818, 0.875, 0.870),
    "event_articles_fresh6": (0.883, 0.750, 0.639, 0.820),
    "event_articles_fresh7": (0.883, 0.787, 0.617, 0.843),
    "event_articles_fresh8": (0.850, 0.796, 0.592, 0.780),
    "event_articles_fresh9": (0.900, 0.980, 0.762, 0.942),
    "event_articles_fresh10": (0.800, 0.689, 0.811, 0.688),
}
LAMBDAS = (0.001, 0.01, 0.1)  # L2 weights tried, fixed before any held-out figure was seen
_STEPS, _RATE = 400, 0.05


@dataclass(frozen=True)
class Example:
    article: LabelledArticle
    candidates: Candidates | None  # None: no forum named, the rules' "other" stands

    def date_labels(self) -> list[bool]:
        gold = self.article.gold["start"]
        assert self.candidates is not None
        return [(c.start.isoformat() if c.start else None) == gold for c in self.candidates.dates]

    def city_labels(self) -> list[bool]:
        gold = self.article.gold["city"]
        assert self.candidates is not None
        return [city_key(c.city) == gold for c in self.candidates.cities]


def load_examples(bench: Path, names: Sequence[str]) -> dict[str, list[Example]]:
    found = {}
    for name in names:
        articles = load_set(bench / name)
        found[name] = [
            Example(a, event_candidates(a.title, a.text, a.published, a.language)) for a in articles
        ]
    return found


def _adam(gradient: Callable[[np.ndarray], np.ndarray], size: tuple[int, ...]) -> np.ndarray:
    """Full-batch Adam from zero: the losses are convex, and a fixed schedule keeps runs identical."""
    w, m, v = np.zeros(size), np.zeros(size), np.zeros(size)
    for step in range(1, _STEPS + 1):
        g = gradient(w)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= _RATE * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return w


def _standardised(rows: list[Features]) -> tuple[tuple[str, ...], np.ndarray, np.ndarray, np.ndarray]:
    """(names, matrix, mean, scale) from training rows only; a constant feature is left as it is."""
    names = tuple(sorted({name for row in rows for name in row}))
    x = np.array([[row.get(name, 0.0) for name in names] for row in rows])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    constant = scale < 1e-9
    mean[constant], scale[constant] = 0.0, 1.0
    return names, (x - mean) / scale, mean, scale


def _floats(values: np.ndarray) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


def fit_ranker(groups: list[tuple[list[Features], list[bool]]], lam: float) -> Linear:
    """Softmax over each article's candidates; the loss is minus the log of the right ones' share."""
    groups = [(rows, labels) for rows, labels in groups if any(labels)]  # nothing to learn from the rest
    names, x, mean, scale = _standardised([row for rows, _ in groups for row in rows])
    sizes = [len(rows) for rows, _ in groups]
    starts = np.cumsum([0, *sizes[:-1]])
    owner = np.repeat(np.arange(len(groups)), sizes)
    right = np.array([label for _, labels in groups for label in labels], dtype=float)

    def gradient(w: np.ndarray) -> np.ndarray:
        s = x @ w
        e = np.exp(s - np.maximum.reduceat(s, starts)[owner])
        share = e / np.add.reduceat(e, starts)[owner]
        right_share = e * right / np.add.reduceat(e * right, starts)[owner]
        step: np.ndarray = x.T @ (share - right_share) / len(groups) + lam * w
        return step

    w = _adam(gradient, (len(names),))
    return Linear(names, _floats(mean), _floats(scale), (_floats(w),))


def fit_kind(rows: list[Features], kinds: list[str], lam: float) -> Linear:
    """Multinomial logistic regression; the constant feature ``bias`` stands for the bias."""
    names, x, mean, scale = _standardised(rows)
    y = np.zeros((len(rows), len(KINDS)))
    y[np.arange(len(rows)), [KINDS.index(k) for k in kinds]] = 1.0

    def gradient(w: np.ndarray) -> np.ndarray:
        s = x @ w
        p = np.exp(s - s.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        step: np.ndarray = x.T @ (p - y) / len(rows) + lam * w
        return step

    w = _adam(gradient, (len(names), len(KINDS)))
    return Linear(names, _floats(mean), _floats(scale), tuple(_floats(column) for column in w.T))


def _date_groups(examples: list[Example]) -> list[tuple[list[Features], list[bool]]]:
    return [([c.features for c in e.candidates.dates], e.date_labels()) for e in examples if e.candidates]


def _city_groups(examples: list[Example]) -> list[tuple[list[Features], list[bool]]]:
    return [([c.features for c in e.candidates.cities], e.city_labels()) for e in examples if e.candidates]


def _kind_data(examples: list[Example]) -> tuple[list[Features], list[str]]:
    kept = [e for e in examples if e.candidates]
    return [e.candidates.kind_features for e in kept if e.candidates], [
        str(e.article.gold["kind"]) for e in kept
    ]


def _ranked_right(model: Linear, groups: list[tuple[list[Features], list[bool]]]) -> int:
    return sum(
        labels[max(range(len(rows)), key=lambda i: model.scores(rows[i])[0])] for rows, labels in groups
    )


def _kind_right(model: Linear, rows: list[Features], kinds: list[str]) -> int:
    right = 0
    for row, kind in zip(rows, kinds, strict=True):
        scores = model.scores(row)
        right += KINDS[scores.index(max(scores))] == kind
    return right


def _best_lambda(sets: dict[str, list[Example]], which: str) -> float:
    """The L2 weight that reads the training sets best, each left out in turn (ties: the stronger one)."""
    totals = dict.fromkeys(LAMBDAS, 0)
    for left_out in sets:
        train = [e for name, examples in sets.items() if name != left_out for e in examples]
        test = sets[left_out]
        for lam in LAMBDAS:
            if which == "kind":
                totals[lam] += _kind_right(fit_kind(*_kind_data(train), lam), *_kind_data(test))
            else:
                groups = _date_groups if which == "date" else _city_groups
                totals[lam] += _ranked_right(fit_ranker(groups(train), lam), groups(test))
    return max(LAMBDAS, key=lambda lam: (totals[lam], lam))


def fit(sets: dict[str, list[Example]], nested: bool = True) -> tuple[Ranker, dict[str, float]]:
    """A ranker trained on every example of ``sets``; its L2 weights by inner leave-one-set-out."""
    lams = {w: _best_lambda(sets, w) if nested else LAMBDAS[1] for w in ("date", "city", "kind")}
    train = [e for examples in sets.values() for e in examples]
    ranker = Ranker(
        fit_ranker(_date_groups(train), lams["date"]),
        fit_ranker(_city_groups(train), lams["city"]),
        fit_kind(*_kind_data(train), lams["kind"]),
    )
    return ranker, lams


def read_with(ranker: Ranker | None, example: Example) -> Outcome:
    """The reading of the ranker (the rules' with None, or where no forum is named)."""
    if example.candidates is None:
        article = example.article
        from crawler.events import read_event

        return outcome_of(
            article, read_event(article.title, article.text, article.published, article.language)
        )
    reading = example.candidates.rules if ranker is None else ranker.revise(example.candidates)
    return outcome_of(example.article, reading)


def _shares(outcomes: list[Outcome]) -> tuple[float, ...]:
    return tuple(right / scored if scored else 1.0 for right, scored in score(outcomes).values())


def _covered(examples: list[Example]) -> float:
    """The share of articles whose gold start is among the candidates (or is none): the ranker's ceiling."""
    return sum(e.candidates is None or any(e.date_labels()) for e in examples) / len(examples)


def loso(sets: dict[str, list[Example]], nested: bool = True, only: Sequence[str] = ()) -> str:
    """The table; with ``only``, just those sets are read, and none of them is trained on (the sets the
    rules of an older commit had not yet seen, each read by a model trained on the ones they had)."""
    lines = [
        "leave-one-set-out: model (trained on the other sets) | rules now | rules' first look",
        f"{'set':<9} {'n':>3}  {'kind':^19}  {'start':^19}  {'end':^19}  {'city':^19}  cover  L2 d/c/k",
    ]
    totals: dict[str, list[tuple[float, ...]]] = {"model": [], "now": [], "first": []}
    for name, examples in sets.items():
        if only and name not in only:
            continue
        others = {n: e for n, e in sets.items() if n != name and n not in only}
        ranker, lams = fit(others, nested)
        model = _shares([read_with(ranker, e) for e in examples])
        now = _shares([read_with(None, e) for e in examples])
        first = FIRST_LOOK.get(name)
        cells = "  ".join(
            f"{m:.3f} {r:.3f} {f'{first[i]:.3f}' if first else '  -  '}"
            for i, (m, r) in enumerate(zip(model, now, strict=True))
        )
        lams_text = "/".join(f"{lams[w]:g}" for w in ("date", "city", "kind"))
        short = name.removeprefix("event_articles_") if name != "event_articles" else "dev"
        lines.append(f"{short:<9} {len(examples):>3}  {cells}  {_covered(examples):.3f}  {lams_text}")
        if first:
            totals["model"].append(model)
            totals["now"].append(now)
            totals["first"].append(first)
    means = [np.mean(np.array(totals[k]), axis=0) for k in ("model", "now", "first")]
    cells = "  ".join(f"{means[0][i]:.3f} {means[1][i]:.3f} {means[2][i]:.3f}" for i in range(4))
    lines.append(f"{'mean*':<9} {'':>3}  {cells}")
    lines.append("* over the eleven sets with a first look (the dev set has none)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loso", action="store_true", help="print the leave-one-set-out table")
    parser.add_argument("--train", action="store_true", help=f"train on every set, write {WEIGHTS.name}")
    parser.add_argument("--bench", type=Path, default=BENCH, help="folder holding the labelled sets")
    parser.add_argument("--fixed-l2", action="store_true", help=f"L2 weight {LAMBDAS[1]}, no inner search")
    parser.add_argument(
        "--only", default="", help="comma-separated sets (fresh8,fresh9) to read, none of them trained on"
    )
    parser.add_argument("--out", type=Path, default=WEIGHTS, help="where --train writes the weights")
    args = parser.parse_args(argv)
    if not (args.loso or args.train):
        parser.error("say --loso or --train")
    sets = load_examples(args.bench, [n for n in SET_NAMES if (args.bench / n).is_dir()])
    if args.loso:
        only = [f"event_articles_{n}" for n in args.only.split(",") if n]
        print(loso(sets, nested=not args.fixed_l2, only=only))
    if args.train:
        ranker, lams = fit(sets, nested=not args.fixed_l2)
        args.out.write_text(json.dumps(ranker.to_json(), indent=0) + "\n", encoding="utf-8")
        print(f"wrote {args.out} (L2 {lams})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
