"""Plain-language explanations, in every language Shortlist speaks, generated from the
analysis: who ranks first and how likely, how robust that is to the weights and to the
missing facts, why (only comparisons that hold whatever the unknown facts are), what was left
out, which unknown facts matter most, and the client's change-management risks (never mixed
into the scores).

The sentences are messages of the `analysis` catalogs: :func:`summary` composes them once,
with their fields, and writes them in each language. Every comparative
sentence comes from a :class:`~service.selection.snapshot.Claim` that :func:`claim_holds`
checks against the matrix before it is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from service.i18n import LANGS, FieldValue, Text, listing, separated
from service.selection.analysis import ROBUST_SHARE, Analysis
from service.selection.impacts import vigilance
from service.selection.inputs import ChangeReadiness, Project, Requirements
from service.selection.registry import CRITERIA
from service.selection.snapshot import (
    Claim,
    LeftOut,
    QuestionOut,
    Summary,
    Verdict,
    VigilanceOut,
)
from service.selection.wording import counted, floor_percent, percent, said
from vendors.labels import Label
from vendors.vocabulary import CAPABILITIES, DOMAIN_PHRASES, Domain

#: The change-management factors a client rates (1-5); each one's label and advice are the
#: messages ``readiness_<factor>`` and ``readiness_<factor>_advice``.
READINESS_FACTORS = ("sponsors", "governance", "scoping_planning", "human_impacts", "communication")
#: The knock-out constraints that are not a capability or a domain; each one inside a
#: sentence is the message ``constraint_<name>``.
CONSTRAINTS = ("deployment", "hosting", "ui_languages", "certifications", "editions", "budget")
#: An unknown fact is named in the summary when it moves first place by at least this much.
INFLUENTIAL = 0.05


def change_risks(readiness: ChangeReadiness) -> list[dict[str, Any]]:
    """One entry per factor the client rated: level (high risk at 1-2, watch at 3), its label
    and advice in each language."""
    risks = []
    for key in READINESS_FACTORS:
        score = getattr(readiness, key)
        if score is None:
            continue
        level = "high" if score <= 2 else "watch" if score == 3 else "low"
        label, advice = readiness_label(key), readiness_advice(key)
        risks.append(
            {
                "factor": key,
                **{f"label_{lang}": label.in_lang(lang) for lang in LANGS},
                "score": score,
                "level": level,
                **{
                    f"advice_{lang}": advice.in_lang(lang) if level != "low" else None
                    for lang in LANGS
                },
            }
        )
    return risks


def vigilance_points(project: Project, requirements: Requirements) -> list[VigilanceOut]:
    """The requirements rated as a strong change of habits (004 §07), highest first, with
    advice in each language (see :mod:`service.selection.impacts`)."""
    points = vigilance(
        requirements.impacts,
        requirements.requirement_keys(has_budget=project.budget is not None),
        project.users.model_dump(),
        requirements.change_readiness.model_dump(),
    )
    return [
        VigilanceOut(
            requirement=p.requirement,
            **{f"label_{lang}": p.label.in_lang(lang) for lang in LANGS},
            customer_impact=p.customer_impact,
            habit_change=p.habit_change,
            populations=list(p.populations),
            resistant=list(p.resistant),
            weak_factors=list(p.weak_factors),
            level=p.level,
            reconsider=p.reconsider,
            **{f"advice_{lang}": p.advice_in(lang) for lang in LANGS},
        )
        for p in points
    ]


def readiness_label(factor: str) -> Text:
    """A change-management factor's name."""
    return said(f"readiness_{factor}")


def readiness_advice(factor: str) -> Text:
    """What to do about a change-management factor the client rated as a risk."""
    return said(f"readiness_{factor}_advice")


def claim_holds(
    claim: Claim, products: Sequence[str], criteria: Sequence[str], low: Any, high: Any
) -> bool:
    """Whether ``claim`` holds in the matrix bounds: the subject's worst value is strictly
    better than the other's best value on the criterion."""
    i, k = products.index(claim.subject), products.index(claim.other)
    j = list(criteria).index(claim.criterion)
    if CRITERIA[claim.criterion].objective == "min":
        gap = float(low[k][j]) - float(high[i][j])
    else:
        gap = float(low[i][j]) - float(high[k][j])
    scale = max(abs(float(high[i][j])), abs(float(high[k][j])), 1e-300)
    return gap > 1e-9 * scale


def verdict(analysis: Analysis) -> tuple[Verdict, bool]:
    """Robust when the point winner stays first in enough of the weight draws, of the draws
    of the unknown facts, and of the joint draws of both."""
    if analysis.weights_only is None or analysis.facts_only is None or analysis.joint is None:
        return "not_sampled", False
    winner = analysis.grid.products.index(analysis.winner)
    weights_ok = float(analysis.weights_only.first[winner]) >= ROBUST_SHARE
    facts_ok = float(analysis.facts_only.first[winner]) >= ROBUST_SHARE
    joint_ok = float(analysis.joint.first[winner]) >= ROBUST_SHARE
    if weights_ok and facts_ok and joint_ok:
        return "robust", True
    if facts_ok and not weights_ok:
        return "depends_on_weights", False
    if weights_ok and not facts_ok:
        return "depends_on_facts", False
    return "depends_on_both", False


def constraint_label(constraint: str) -> Label | Text:
    """A knock-out constraint inside a sentence: ``capability:quotes`` is the capability's
    phrase, ``domain:sales`` the domain's."""
    kind, _, key = constraint.partition(":")
    if kind == "capability" and key in CAPABILITIES:
        return CAPABILITIES[key].phrase
    if kind == "domain":
        return DOMAIN_PHRASES[Domain(key)]
    if constraint not in CONSTRAINTS:
        raise ValueError(f"not a knock-out constraint: {constraint!r}")
    return said(f"constraint_{constraint}")


def summary(
    analysis: Analysis,
    *,
    names: Mapping[str, str],
    left_out: Sequence[LeftOut],
    questions: Sequence[QuestionOut],
    about: Mapping[str, Text],
    eliminated: Mapping[str, Sequence[str]],
) -> Summary:
    """The verdict in each language, with the claims its comparisons make."""
    texts, claims = _sentences(
        analysis,
        names=names,
        left_out=left_out,
        questions=questions,
        about=about,
        eliminated=eliminated,
    )
    written = {str(lang): " ".join(text.in_lang(lang) for text in texts) for lang in LANGS}
    return Summary.model_validate({**written, "claims": claims})


def _sentences(
    analysis: Analysis,
    *,
    names: Mapping[str, str],
    left_out: Sequence[LeftOut],
    questions: Sequence[QuestionOut],
    about: Mapping[str, Text],
    eliminated: Mapping[str, Sequence[str]],
) -> tuple[list[Text], list[Claim]]:
    """The summary's sentences, to write in any language, and the claims they make
    (``questions``: the unknown facts' questions, most pressing first; ``about``: each one's
    fact in a few words, by its key)."""
    texts = _ranking(analysis, names)
    order = list(analysis.point.ranking)
    winner, runner_up = order[0], order[1]
    claims = _claims(analysis, winner, runner_up)
    leads = [c for c in claims if c.subject == winner][:2]
    trails = [c for c in claims if c.subject == runner_up][:1]
    tied = sum(1 for rank in analysis.point.ranks if rank == 1) > 1
    texts += _comparisons(leads, trails, names[winner], names[runner_up], tied=tied)
    if winner in eliminated:
        texts.append(
            said(
                "summary_winner_eliminated",
                winner=names[winner],
                constraints=listing([constraint_label(c) for c in eliminated[winner]]),
            )
        )
    texts += _left_out(left_out)
    texts += _questions(
        questions, about, asked=analysis.joint is not None and bool(analysis.grid.unknowns())
    )
    texts.append(_stability(analysis, names))
    texts += _agreement(analysis)
    return texts, [*leads, *trails]


def _ranking(analysis: Analysis, names: Mapping[str, str]) -> list[Text]:
    """Who is first at the expected values and, when drawn, how often and how robustly."""
    grid = analysis.grid
    point = analysis.point
    order = list(point.ranking)
    winner, runner_up = order[0], order[1]
    method = analysis.method.upper()
    tied = [p for p, rank in zip(grid.products, point.ranks, strict=True) if rank == 1]
    unknown = bool(grid.unknowns())
    if len(tied) > 1:
        texts = [
            said(
                "summary_tie_expected" if unknown else "summary_tie",
                products=listing([names[p] for p in tied]),
                method=method,
            )
        ]
    else:
        texts = [
            said(
                "summary_first_expected" if unknown else "summary_first",
                winner=names[winner],
                runner_up=names[runner_up],
                method=method,
            )
        ]
    if analysis.joint is None:
        return texts
    first = analysis.first(analysis.joint)
    shown = sorted(first, key=lambda p: (-first[p], order.index(p)))[:3]
    shares = separated(
        [said("summary_share", product=names[p], share=percent(first[p])) for p in shown],
        said("separator_comma"),
    )
    texts.append(
        counted(
            "summary_joint_draws" if unknown else "summary_draws",
            analysis.samples,
            shares=shares,
        )
    )
    top = max(first.values())
    best = [p for p in order if first[p] >= top - 1e-12]
    if winner not in best:
        texts.append(
            counted(
                "summary_first_most_often",
                len(best),
                products=listing([names[p] for p in best]),
                winner=names[winner],
            )
        )
    texts.append(_robustness(analysis, names))
    return texts


def _comparisons(
    leads: Sequence[Claim], trails: Sequence[Claim], winner: str, runner_up: str, *, tied: bool
) -> list[Text]:
    """Where the winner does better whatever the unknown facts are, and where the runner-up
    does."""
    texts = []
    if leads:
        criteria = listing([CRITERIA[c.criterion].phrase for c in leads])
        texts.append(said("summary_leads", winner=winner, runner_up=runner_up, criteria=criteria))
    elif not tied:
        texts.append(said("summary_no_lead", winner=winner, runner_up=runner_up))
    texts += [
        said("summary_trails", runner_up=runner_up, criterion=CRITERIA[c.criterion].phrase)
        for c in trails
    ]
    return texts


def _left_out(left_out: Sequence[LeftOut]) -> list[Text]:
    """The criteria left out, with the share of the weights they were given."""
    # A criterion nobody weighed changes nothing by being left out: not worth a sentence.
    weighed = [item for item in left_out if item.weight_share > 0]
    missing = [item for item in weighed if item.code != "same_value"]
    same = [item for item in weighed if item.code == "same_value"]
    texts = []
    if missing:
        texts.append(said("summary_left_out_missing", criteria=_weighed(missing)))
    if same:
        texts.append(said("summary_left_out_same", criteria=_weighed(same)))
    return texts


def _weighed(items: Sequence[LeftOut]) -> FieldValue:
    """Criteria left out, each with its share of the weights, one after the other."""
    return separated(
        [
            said(
                "summary_left_out_item",
                criterion=CRITERIA[item.criterion].phrase,
                share=percent(item.weight_share),
            )
            for item in items
        ],
        said("separator_semicolon"),
    )


def _questions(
    questions: Sequence[QuestionOut], about: Mapping[str, Text], *, asked: bool
) -> list[Text]:
    """The unknown facts to ask first, and those that matter most (``asked``: whether the
    unknown facts were drawn, so that their influence is known)."""
    texts = []
    semicolon = said("separator_semicolon")
    blocking = [
        said("summary_ask_first_item", fact=about[q.key], criterion=CRITERIA[q.blocks].phrase)
        for q in questions
        if q.blocks is not None
    ]
    if blocking:
        texts.append(said("summary_ask_first", questions=separated(blocking, semicolon)))
    influential = [q for q in questions if q.blocks is None and q.influence >= INFLUENTIAL][:3]
    if influential:
        facts = separated([about[q.key] for q in influential], semicolon)
        texts.append(said("summary_influential", facts=facts))
    elif asked:
        texts.append(said("summary_nothing_influential", share=percent(INFLUENTIAL)))
    return texts


def _claims(analysis: Analysis, winner: str, runner_up: str) -> list[Claim]:
    """Checked claims: where the winner beats the runner-up whatever the unknowns are, by the
    size of its contribution lead, then where the runner-up beats the winner; checked on the
    ends the values are shown between."""
    grid = analysis.grid
    low, high, _ = grid.shown()
    contributions = analysis.point.contributions
    sign = 1.0 if analysis.point.higher_is_better else -1.0
    w, r = grid.products.index(winner), grid.products.index(runner_up)
    gaps = sign * (contributions[w] - contributions[r])
    found = []
    for subject, other, direction in ((winner, runner_up, -1.0), (runner_up, winner, 1.0)):
        order = np.argsort(direction * gaps, kind="stable")
        for j in order:
            claim = Claim(
                kind="better_on", subject=subject, other=other, criterion=grid.criteria[int(j)]
            )
            if claim_holds(claim, grid.products, grid.criteria, low, high):
                found.append(claim)
    return found


def _robustness(analysis: Analysis, names: Mapping[str, str]) -> Text:
    assert analysis.weights_only is not None
    assert analysis.facts_only is not None
    assert analysis.joint is not None
    winner = analysis.winner
    i = analysis.grid.products.index(winner)
    to_weights = floor_percent(float(analysis.weights_only.first[i]))
    name = names[winner]
    if analysis.grid.unknowns():
        detail = said(
            "summary_stays_first",
            product=name,
            weights=to_weights,
            facts=floor_percent(float(analysis.facts_only.first[i])),
            joint=floor_percent(float(analysis.joint.first[i])),
        )
    else:
        detail = said("summary_stays_first_known", product=name, weights=to_weights)
    kind, _ = verdict(analysis)
    if kind == "robust":
        return said("summary_robust", detail=detail)
    return said(
        "summary_not_robust",
        why=said(f"verdict_{kind}"),
        detail=detail,
        threshold=percent(ROBUST_SHARE),
    )


def _stability(analysis: Analysis, names: Mapping[str, str]) -> Text:
    stable = analysis.stability
    if stable.min_change is None or stable.criterion is None or stable.new_winner is None:
        return said("summary_no_weight_change")
    j = list(stable.criteria).index(stable.criterion)
    now = float(stable.weights[j])
    low, high = (float(x) for x in stable.intervals[j])
    change = float(stable.min_change)
    target = low if abs((now - low) - change) <= abs((high - now) - change) else high
    return said(
        "summary_lower_weight" if target < now else "summary_raise_weight",
        criterion=CRITERIA[stable.criterion].phrase,
        now=percent(now),
        target=percent(target),
        product=names.get(stable.new_winner, stable.new_winner),
    )


def _agreement(analysis: Analysis) -> list[Text]:
    winners = analysis.agreement["winners"]
    if not winners:
        return []
    others = sorted({m.upper() for m, first in winners.items() if first != analysis.winner})
    if others:
        return [said("summary_methods_disagree", methods=", ".join(others))]
    return [counted("summary_methods_agree", len(winners))]
