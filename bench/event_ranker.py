"""Learned weights over the event reader's candidates (``crawler.events.candidates``): a linear score picks
the start date and the city among them, and a multinomial one the kind. ``bench/event_model.py`` learns
them and measures the picks leave-one-set-out; the reader does not use them (on the sets the rules had not
seen, they read the city somewhat better but the start no better and the end worse: docs/benchmarks.md).

Each model is a list of feature names, their mean and scale over the articles it was trained on, and a
weight per feature (per kind for the kind): a candidate's score is the dot product of its standardised
features with the weights. Scoring is plain Python: a story has a handful of candidates.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, cast

from crawler.events.candidates import KINDS, Candidates, Features, city_key
from crawler.events.model import EventReading, Kind


@dataclass(frozen=True)
class Linear:
    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[tuple[float, ...], ...]  # per output (one for a ranker, one per kind)

    def scores(self, features: Features) -> list[float]:
        """One score per output; a feature the model was not trained with counts for nothing."""
        x = [
            (features.get(n, 0.0) - m) / s for n, m, s in zip(self.names, self.mean, self.scale, strict=True)
        ]
        return [sum(w * v for w, v in zip(row, x, strict=True)) for row in self.weights]

    def to_json(self) -> dict[str, Any]:
        return {"names": self.names, "mean": self.mean, "scale": self.scale, "weights": self.weights}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Linear:
        weights = tuple(tuple(float(w) for w in row) for row in data["weights"])
        names = tuple(data["names"])
        if any(len(row) != len(names) for row in weights) or len(data["mean"]) != len(names):
            raise ValueError("weights do not match the feature names")
        return cls(names, tuple(data["mean"]), tuple(data["scale"]), weights)


@dataclass(frozen=True)
class Ranker:
    date: Linear
    city: Linear
    kind: Linear

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date.to_json(), "city": self.city.to_json(), "kind": self.kind.to_json()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Ranker:
        return cls(
            Linear.from_json(data["date"]), Linear.from_json(data["city"]), Linear.from_json(data["kind"])
        )

    def revise(self, candidates: Candidates) -> EventReading:
        """The rules' reading with the kind, start, end and city the weights pick; an article read as
        "other" has none of them, as the sets are labelled."""
        rules = candidates.rules
        kind_scores = self.kind.scores(candidates.kind_features)
        kind = cast(Kind, KINDS[max(range(len(KINDS)), key=kind_scores.__getitem__)])
        date = max(candidates.dates, key=lambda c: self.date.scores(c.features)[0])
        city = max(candidates.cities, key=lambda c: self.city.scores(c.features)[0])
        rules_start, rules_end = (rules.event.start, rules.event.end) if rules.event else (None, None)
        if kind == "other":
            start = end = city_value = None
        else:
            # Several candidates may give one start; the rules' end (a range joined, the first day before
            # a closing one) is theirs where the start is theirs.
            start, city_value = date.start, city.city
            end = rules_end if start is not None and start == rules_start else date.end
        reasons = (
            *rules.reasons,
            f"ranker: {kind}, start {start or '-'}, end {end or '-'}, city {city_value or '-'} (rules: {rules.kind})",
        )
        if rules.event is None:
            return EventReading(kind, None, reasons)
        # The rules' venue goes with the rules' city: a venue in another city is not this one's.
        venue = rules.event.venue if city_value and city.key == city_key(rules.event.city) else None
        event = replace(rules.event, start=start, end=end, city=city_value, venue=venue)
        return EventReading(kind, event, reasons)
