"""The pairwise questionnaire (AHP): its four criteria, its questions, and what the page says of
the answers: whether they agree, which ones to revisit and what the others imply.

The consistency ratio is the engine's (`criteria.weights.ahp`). What the page suggests is read
on the scale's words, as a client reads them: each answer is a number of steps from "as much
as" (0) to "overwhelmingly more" (4), and answers in a row add up, so "A matters slightly more
than B" and "B slightly more than C" imply "A clearly more than C" (two steps), never "as
much". Saaty's ratios would multiply them into 9, "overwhelmingly more", a jump no client
meant.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from criteria import weights as elicitation
from service.selection.inputs import Priority, Requirements
from service.web.i18n import Translator
from vendors.vocabulary import Domain

# Saaty's scale, as "how many times the first criterion outweighs the second", strongest first.
AHP_SCALE = ("9", "7", "5", "3", "1", "1/3", "1/5", "1/7", "1/9")
# Each answer's number of steps on the words' scale, from the first criterion's side.
STEPS = {"9": 4, "7": 3, "5": 2, "3": 1, "1": 0, "1/3": -1, "1/5": -2, "1/7": -3, "1/9": -4}
_ANSWER_AT = {steps: answer for answer, steps in STEPS.items()}
_WORDS = (1, 3, 5, 7, 9)  # the words' Saaty values, by number of steps
_REVISIT_SHOWN = 2
_PRIORITY_ORDER = {Priority.MUST: 0, Priority.SHOULD: 1, Priority.COULD: 2}


@dataclass
class AhpFeedback:
    """How consistent the client's pairwise answers are, which ones to revisit, and what the
    answers given imply for the questions still open."""

    complete: bool
    ratio: float | None = None
    consistent: bool | None = None
    message: str = ""
    revisit: dict[str, str] = field(default_factory=dict)
    suggest: dict[str, str] = field(default_factory=dict)


def ahp_criteria(requirements: Requirements) -> list[str]:
    """The four criteria of the pairwise questionnaire: the fit of the (up to two) most wanted
    domains, cost and adoption, then ease of deployment to make four."""
    scope = sorted(
        requirements.in_scope(),
        key=lambda d: (_PRIORITY_ORDER[requirements.domains[d]], list(Domain).index(d)),
    )
    chosen = [f"fit_{domain.value}" for domain in scope[:2]] or ["fit_platform"]
    chosen += ["tco", "adoption"]
    if len(chosen) < 4:
        chosen.append("ease_of_deployment")
    return chosen


def pair_name(a: str, b: str) -> str:
    """The form field of the comparison of criterion `a` with criterion `b`."""
    return f"pair_{a}__{b}"


def pairs(criteria: Sequence[str]) -> list[tuple[str, str]]:
    """Every pair of criteria, each once, in questionnaire order."""
    return [(a, b) for i, a in enumerate(criteria) for b in criteria[i + 1 :]]


@dataclass(frozen=True)
class Side:
    """One criterion's side of a comparison: "A matters…" and its words, strongest first for
    the first criterion, weakest first for the second. A choice is (answer, the word shown,
    the whole sentence a screen reader says)."""

    legend: str
    choices: list[tuple[str, str, str]]


@dataclass(frozen=True)
class Question:
    """One comparison as the page asks it: the first criterion's side, "as much", the second's."""

    name: str
    label: str
    first: Side
    equal: str
    second: Side
    selected: str


def questions(criteria: Sequence[str], chosen: Mapping[str, str], tr: Translator) -> list[Question]:
    """Each comparison of the questionnaire, with the answer chosen so far."""
    asked = []
    for a, b in pairs(criteria):
        label_a, label_b = tr.criterion(a), tr.criterion(b)
        asked.append(
            Question(
                name=pair_name(a, b),
                label=tr("pair_question", a=label_a, b=label_b),
                first=_side(label_a, ("9", "7", "5", "3"), tr),
                equal=tr("scale_1"),
                second=_side(label_b, ("1/3", "1/5", "1/7", "1/9"), tr),
                selected=chosen.get(pair_name(a, b), ""),
            )
        )
    return asked


def _side(label: str, answers: Sequence[str], tr: Translator) -> Side:
    words = [_WORDS[abs(STEPS[answer])] for answer in answers]
    return Side(
        legend=tr("pair_side", x=label),
        choices=[
            (answer, tr(f"amount_{word}"), tr(f"scale_{word}", x=label))
            for answer, word in zip(answers, words, strict=True)
        ],
    )


def matrix(answers: Mapping[str, str], criteria: Sequence[str]) -> list[list[float]]:
    """The reciprocal matrix of complete answers."""
    n = len(criteria)
    values = [[1.0] * n for _ in range(n)]
    for i, a in enumerate(criteria):
        for j in range(i + 1, n):
            numerator, _, denominator = answers[pair_name(a, criteria[j])].partition("/")
            value = float(numerator) / float(denominator or 1)
            values[i][j], values[j][i] = value, 1 / value
    return values


def ahp_feedback(
    answers: Mapping[str, str], criteria: Sequence[str], tr: Translator
) -> AhpFeedback:
    """The consistency of complete pairwise answers and the judgements to revisit first; for
    incomplete ones, what the answers given imply for each question still open."""
    given = {name: answer for name, answer in answers.items() if answer in AHP_SCALE}
    if any(pair_name(a, b) not in given for a, b in pairs(criteria)):
        return AhpFeedback(
            complete=False, message=tr("ahp_incomplete"), suggest=_suggestions(given, criteria, tr)
        )
    result = elicitation.ahp(matrix(given, criteria), criteria=list(criteria))
    ratio = tr.number(result.consistency_ratio, 2)
    if result.consistent:
        return AhpFeedback(
            complete=True,
            ratio=result.consistency_ratio,
            consistent=True,
            message=tr("ahp_consistent", ratio=ratio),
        )
    revisit = {
        pair_name(a, b): tr(
            "ahp_revisit",
            said=relation_at(a, b, STEPS[given[pair_name(a, b)]], tr),
            suggested=relation_at(a, b, steps, tr),
        )
        for a, b, steps in _revisits(given, criteria, result)
    }
    return AhpFeedback(
        complete=True,
        ratio=result.consistency_ratio,
        consistent=False,
        message=tr("ahp_inconsistent", ratio=ratio),
        revisit=revisit,
    )


def implied(answers: Mapping[str, str], criteria: Sequence[str], a: str, b: str) -> float | None:
    """What the other answers say of `a` against `b`, in steps: the difference of the scores
    that fit every other answer best (least squares on the steps), so a chain "A > B > C"
    implies the sum of its steps; None when no chain of answers links `a` to `b`."""
    index = {criterion: position for position, criterion in enumerate(criteria)}
    links = [
        (index[x], index[y], STEPS[answers[pair_name(x, y)]])
        for x, y in pairs(criteria)
        if {x, y} != {a, b} and answers.get(pair_name(x, y)) in STEPS
    ]
    if not _linked(links, index[a], index[b]):
        return None
    system = np.zeros((len(links), len(criteria)))
    steps = np.zeros(len(links))
    for row, (x, y, said) in enumerate(links):
        system[row, x], system[row, y], steps[row] = 1.0, -1.0, said
    scores = np.linalg.lstsq(system, steps, rcond=None)[0]
    return float(scores[index[a]] - scores[index[b]])


def _linked(links: Sequence[tuple[int, int, int]], start: int, end: int) -> bool:
    reached, frontier = {start}, [start]
    while frontier:
        node = frontier.pop()
        for x, y, _ in links:
            for there in (y,) if x == node else (x,) if y == node else ():
                if there not in reached:
                    reached.add(there)
                    frontier.append(there)
    return end in reached


def relation_at(a: str, b: str, steps: int, tr: Translator) -> str:
    """A judgement of `steps` steps in favour of `a` over `b` in words, from the side of the
    more important one."""
    if steps < 0:
        a, b, steps = b, a, -steps
    word = _WORDS[min(steps, len(_WORDS) - 1)]
    return tr("relation", a=tr.criterion(a), word=tr(f"word_{word}"), b=tr.criterion(b))


def relation(a: str, b: str, value: float, tr: Translator) -> str:
    """A judgement `a` = `value` x `b` in words (the nearest word on a log scale)."""
    return relation_at(a, b, _steps_of(value), tr)


def _steps_of(value: float) -> int:
    """The word nearest to a ratio on a log scale, in steps from "as much"."""
    nearest = min(_WORDS, key=lambda w: abs(abs(math.log(value)) - math.log(w)))
    return int(math.copysign(_WORDS.index(nearest), math.log(value)))


def _rounded(value: float) -> int:
    """The nearest whole number of steps, a half away from zero, within the scale."""
    whole = math.floor(abs(value) + 0.5)
    return int(math.copysign(min(whole, 4), value))


def _suggestions(
    given: Mapping[str, str], criteria: Sequence[str], tr: Translator
) -> dict[str, str]:
    suggested = {}
    for a, b in pairs(criteria):
        if pair_name(a, b) in given:
            continue
        steps = implied(given, criteria, a, b)
        if steps is not None:
            words = relation_at(a, b, _rounded(steps), tr)
            suggested[pair_name(a, b)] = tr("ahp_suggest", suggested=words)
    return suggested


def _revisits(
    given: Mapping[str, str], criteria: Sequence[str], result: elicitation.AhpResult
) -> list[tuple[str, str, int]]:
    """The answers to revisit, with the number of steps the others imply for each.

    Each answer is changed, alone, to what the other answers imply; the change that makes every
    answer consistent with the lowest ratio is shown alone; when no single change is enough,
    the two that lower the ratio most.
    """
    candidates: list[tuple[bool, float, float, int, tuple[str, str, int]]] = []
    for position, (a, b) in enumerate(pairs(criteria)):
        said = STEPS[given[pair_name(a, b)]]
        others = implied(given, criteria, a, b)
        if others is None:
            continue
        # Rounded away from the answer given: a half-step off is worth a word of change.
        suggested = max(-4, min(4, said + _rounded(others - said)))
        if suggested == said:
            continue
        changed = {**given, pair_name(a, b): _ANSWER_AT[suggested]}
        after = elicitation.ahp(matrix(changed, criteria), criteria=list(criteria))
        error = abs(others - said)
        key = (not after.consistent, after.consistency_ratio, -error, position, (a, b, suggested))
        candidates.append(key)
    candidates.sort()
    if candidates:
        # One change that makes every answer consistent is all the client needs to hear of.
        enough = not candidates[0][0]
        return [c[-1] for c in candidates[: 1 if enough else _REVISIT_SHOWN]]
    # No answer is a whole word from what the others imply: the engine's judgements furthest
    # from its weights, whose word differs.
    fallback = [
        (j.row, j.column, _steps_of(j.consistent))
        for j in result.inconsistent_judgements
        if _steps_of(j.consistent) != STEPS[given[pair_name(j.row, j.column)]]
    ]
    return fallback[:_REVISIT_SHOWN]
