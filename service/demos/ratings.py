"""What scripted demonstrations say: the criteria a scenario can inform, and the scores of
its evaluators aggregated into one rating per product and criterion (the median, with the
spread and the evaluators furthest from it). Plain functions: no database, no web."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from service.i18n import Text
from service.selection.questions import RATINGS
from vendors.labels import Label
from vendors.vocabulary import CAPABILITIES, DOMAIN_LABELS, Capability, Domain

#: A demonstration score, from "fails the scenario" to "does it with ease".
SCORE_RANGE = (1, 5)


def target_path(target: str) -> str | None:
    """The rating fact a scenario's target informs, or None for a target that is not one:
    `ease_of_use`, `ease_of_deployment`, `scalability`, `capability:<key>` (its depth),
    `domain:<domain>` (the depth of the domain's coverage)."""
    if target in RATINGS:
        return f"ratings.{target}"
    kind, _, key = target.partition(":")
    if kind == "capability" and key in CAPABILITIES:
        return f"capabilities.{key}.depth"
    if kind == "domain" and key in set(Domain):
        return f"domains.{key}.depth"
    return None


def target_label(target: str) -> Text | Capability | Label:
    """A criterion target in plain words, to write in any language (a rating is the
    `analysis` message ``rating_<key>``)."""
    if target in RATINGS:
        return Text("analysis", f"rating_{target}")
    kind, _, key = target.partition(":")
    if kind == "capability":
        return CAPABILITIES[key]
    return DOMAIN_LABELS[Domain(key)]


@dataclass(frozen=True)
class GivenScore:
    """One evaluator's score of one product in one scenario."""

    scenario: str  # the scenario's id
    title: str
    product: str
    evaluator: str
    role: str
    score: int
    day: date


@dataclass(frozen=True)
class Disagreement:
    """An evaluator whose scores sit furthest from the median."""

    evaluator: str
    role: str
    mean: float
    distance: float


@dataclass(frozen=True)
class DemoRating:
    """The demonstrations' rating of one product on one criterion target."""

    product: str
    target: str
    path: str
    median: float
    low: int
    high: int
    count: int
    evaluators: int
    scenarios: tuple[str, ...]
    titles: tuple[str, ...]
    last_day: date
    disagreeing: tuple[Disagreement, ...]

    @property
    def spread(self) -> int:
        """The distance between the lowest and the highest score."""
        return self.high - self.low


def aggregate(
    scores: Iterable[GivenScore], targets: Mapping[str, Sequence[str]]
) -> list[DemoRating]:
    """One rating per product and target: the median of every score given in the scenarios
    tied to that target (`targets`: the scenario id's targets), by product then target."""
    grouped: dict[tuple[str, str], list[GivenScore]] = defaultdict(list)
    for given in scores:
        for target in targets.get(given.scenario, ()):
            grouped[(given.product, target)].append(given)
    ratings = []
    for (product, target), found in sorted(grouped.items()):
        values = [g.score for g in found]
        median = float(statistics.median(values))
        ratings.append(
            DemoRating(
                product=product,
                target=target,
                path=str(target_path(target)),
                median=median,
                low=min(values),
                high=max(values),
                count=len(values),
                evaluators=len({(g.role, g.evaluator) for g in found}),
                scenarios=tuple(dict.fromkeys(g.scenario for g in found)),
                titles=tuple(dict.fromkeys(g.title for g in found)),
                last_day=max(g.day for g in found),
                disagreeing=_disagreeing(found, median),
            )
        )
    return ratings


def _disagreeing(found: Sequence[GivenScore], median: float) -> tuple[Disagreement, ...]:
    """The evaluators whose mean score is furthest from the median, when a whole point or
    more away."""
    by_evaluator: dict[tuple[str, str], list[int]] = defaultdict(list)
    for given in found:
        by_evaluator[(given.role, given.evaluator)].append(given.score)
    means = {who: statistics.fmean(values) for who, values in by_evaluator.items()}
    furthest = max(abs(mean - median) for mean in means.values())
    if furthest < 1:
        return ()
    return tuple(
        Disagreement(evaluator, role, mean, abs(mean - median))
        for (role, evaluator), mean in sorted(means.items(), key=lambda item: item[0][1])
        if abs(mean - median) == furthest
    )


def as_fact(rating: DemoRating, *, project: str) -> dict[str, object]:
    """The rating as a `demo_verified` fact of the project's evaluations, traceable to its
    scorecards."""
    scenarios = "; ".join(rating.titles)
    return {
        "value": rating.median,
        "source": f"demo scorecards of project {project}: scenarios {', '.join(rating.scenarios)}",
        "as_of": rating.last_day.isoformat(),
        "confidence": "demo_verified",
        "rated_by": f"{rating.evaluators} evaluator(s) in scripted demonstrations",
        "note": f"median of {rating.count} score(s) from 1 to 5 (lowest {rating.low}, highest "
        f"{rating.high}) in: {scenarios}",
    }
