"""An evaluation: the compared products ranked on the project's grid of known and ranged
values, with the probability of each rank under the weights and the missing facts, the facts
worth asking for, the knock-outs on evidence, and the explanation. Deterministic: the same
inputs give the same snapshot (the random draws derive from the decision inputs)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from service.i18n import LANGS
from service.selection.analysis import (
    ROBUST_SHARE,
    SAMPLES,
    WEIGHT_SPREAD,
    Analysis,
    CannotRank,
    MethodRefuses,
    analyse,
)
from service.selection.costs import PriceBounds, ProductCost, budget_fit
from service.selection.currency import Rate, Rates
from service.selection.explain import (
    change_risks,
    claim_holds,
    summary,
    verdict,
    vigilance_points,
)
from service.selection.facts import ProductFacts
from service.selection.gains import stated
from service.selection.grid import Grid, build_grid, coverage_rows
from service.selection.inputs import Project, Requirements
from service.selection.knockouts import KnockoutResult, apply_knockouts
from service.selection.questions import Question, question
from service.selection.registry import CRITERIA, Context, criterion_weight
from service.selection.returns import method, product_roi
from service.selection.snapshot import (
    AgreementOut,
    CheckOut,
    Claim,
    CostOut,
    CoverageOut,
    CoverageRowOut,
    Difference,
    EvidenceShare,
    Inputs,
    KnockoutOut,
    LeftOut,
    Matrix,
    PriceBoundOut,
    PriceOptionOut,
    ProductOutcome,
    QuestionOut,
    RankingOut,
    RateOut,
    Risk,
    Robustness,
    SmaaOut,
    Snapshot,
    StabilityOut,
    UnknownFact,
    WeakOut,
    WeightsIn,
    YearCost,
)
from service.selection.unknowns import Kind, Unknown, policy
from service.selection.weights import AggregateWeights
from vendors.files import dump_profile
from vendors.schema import ProductProfile

DIFFERENCE_THRESHOLD = 0.05  # a criterion differs when its range exceeds 5 % of its scale
QUESTIONS_PER_PRODUCT = 5


class CannotEvaluate(ValueError):
    """The products cannot be told apart, or the inputs do not allow a ranking."""


class EliminatedProduct(ValueError):
    """A compared product fails a knock-out and the request did not ask to include it."""

    def __init__(self, index: int, product: str, failed: str) -> None:
        super().__init__(
            f"{product} is eliminated by a constraint of the client ({failed}); compare it "
            "anyway with include_eliminated: true"
        )
        self.index = index
        self.product = product


@dataclass(frozen=True)
class EvaluationRequest:
    """Everything an evaluation depends on. ``market`` is the catalog the firm sees: the
    bounds of an unknown price come from its list prices."""

    project: Project
    requirements: Requirements
    weights: AggregateWeights
    profiles: Sequence[ProductProfile]
    market: Sequence[ProductFacts]
    names: Mapping[str, str] = field(default_factory=dict)
    method: str = "topsis"
    params: Mapping[str, Any] | None = None
    catalog_version: str | None = None
    include_eliminated: bool = False
    samples: int = SAMPLES


@dataclass
class Comparison:
    """The grid and knock-outs of one set of compared products for one project."""

    facts: list[ProductFacts]
    ctx: Context
    grid: Grid
    knockouts: dict[str, KnockoutResult]
    rates: Rates
    bounds: PriceBounds


def compare(
    facts: Sequence[ProductFacts],
    project: Project,
    requirements: Requirements,
    *,
    rates: Rates,
    bounds: PriceBounds,
) -> Comparison:
    """Build the grid of ``facts`` for the project and apply the knock-outs."""
    ctx = Context.of(project, requirements, facts, rates=rates, bounds=bounds)
    grid = build_grid(facts, ctx)
    knockouts = {f.id: apply_knockouts(f, project, requirements, grid.costs[f.id]) for f in facts}
    return Comparison(list(facts), ctx, grid, knockouts, rates, bounds)


def project_rates(project: Project) -> Rates:
    """The conversions into the project's budget currency."""
    currency = project.budget.currency if project.budget else "EUR"
    return Rates(currency, project.tco.exchange_rates)


def input_hash(inputs: Mapping[str, Any]) -> str:
    """The sha256 of the canonical JSON of the inputs."""
    text = json.dumps(inputs, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def evaluate(request: EvaluationRequest) -> Snapshot:
    """Run the evaluation and return its snapshot."""
    names = dict(request.names)
    facts = [ProductFacts.of(p, names.get(p.id)) for p in request.profiles]
    rates = project_rates(request.project)
    bounds = PriceBounds.of(request.market, rates)
    comparison = compare(facts, request.project, request.requirements, rates=rates, bounds=bounds)
    eliminated = {
        pid: [check.constraint for check in result.failed]
        for pid, result in comparison.knockouts.items()
        if result.eliminated
    }
    if eliminated and not request.include_eliminated:
        index, pid = next((k, f.id) for k, f in enumerate(facts) if f.id in eliminated)
        failed = "; ".join(check.detail for check in comparison.knockouts[pid].failed)
        raise EliminatedProduct(index, comparison.grid.names[pid], failed)
    params = dict(request.params or {})
    try:
        analysis = analyse(
            comparison.grid,
            request.weights.weights,
            method=request.method,
            params=params,
            samples=request.samples,
        )
    except (CannotRank, MethodRefuses) as exc:
        raise CannotEvaluate(str(exc)) from exc
    inputs = _inputs(request, comparison)
    return snapshot_of(
        analysis,
        comparison,
        inputs=inputs,
        digest=input_hash(inputs.model_dump(mode="json")),
        weights=request.weights.weights,
        eliminated=eliminated,
    )


def snapshot_of(
    analysis: Analysis,
    comparison: Comparison,
    *,
    inputs: Inputs,
    digest: str,
    weights: Mapping[str, float],
    eliminated: Mapping[str, Sequence[str]],
) -> Snapshot:
    """Assemble the snapshot of an analysis."""
    grid = comparison.grid
    names = grid.names
    left_out = _left_out(grid, weights)
    unknowns, asked = _unknown_facts(analysis, comparison)
    questions = {
        pid: [u.question for u in unknowns if u.product == pid][:QUESTIONS_PER_PRODUCT]
        for pid in grid.products
    }
    ranked_questions = sorted(
        (u.question for u in unknowns), key=lambda q: (q.blocks is None, -q.influence, q.key)
    )
    text = summary(
        analysis,
        names=names,
        left_out=left_out,
        questions=ranked_questions,
        about={key: question.about for key, question in asked.items()},
        eliminated=eliminated,
    )
    currency = comparison.rates.into
    low, high, known = grid.shown()
    return Snapshot(
        input_hash=digest,
        seed=analysis.seed,
        inputs=inputs,
        products=_outcomes(analysis, comparison, questions, weights),
        matrix=Matrix(
            products=grid.products,
            criteria=grid.criteria,
            objectives=grid.objectives,
            values=grid.central.tolist(),
            low=low.tolist(),
            high=high.tolist(),
            known=known.tolist(),
        ),
        weights_used=analysis.weights,
        left_out=left_out,
        result=RankingOut.model_validate(analysis.point.to_dict()),
        robustness=_robustness(analysis),
        unknowns=unknowns,
        tco={pid: _cost(cost, currency, inputs.project) for pid, cost in grid.costs.items()},
        coverage={pid: _coverage(rows) for pid, rows in grid.coverage.items()},
        knockouts={
            pid: KnockoutOut(
                eliminated=result.eliminated,
                checks=[
                    CheckOut(
                        constraint=c.constraint,
                        status=c.status,
                        detail=c.detail,
                        facts=list(c.facts),
                        code=c.code or None,
                        params=dict(c.params),
                    )
                    for c in result.checks
                ],
            )
            for pid, result in comparison.knockouts.items()
        },
        differences=_differences(grid),
        low_confidence_inputs=[WeakOut(**item.__dict__) for item in grid.weak],
        risks=[
            Risk.model_validate(r)
            for r in change_risks(comparison.ctx.requirements.change_readiness)
        ],
        summary=text,
        **_returns(comparison, inputs.project, currency),
        vigilance=vigilance_points(inputs.project, comparison.ctx.requirements),
    )


def _returns(comparison: Comparison, project: Project, currency: str) -> dict[str, Any]:
    """Each compared product's ROI and the method's statement, when gains are stated."""
    gains = stated(project.gains)
    if gains is None:
        return {}
    facts = {f.id: f for f in comparison.facts}
    found = {
        pid: product_roi(facts[pid], cost, project, currency)
        for pid, cost in comparison.grid.costs.items()
        if pid in comparison.grid.products
    }
    statement = method(gains)
    return {
        "roi": {pid: out for pid, out in found.items() if out is not None},
        **{f"roi_method_{lang}": statement.in_lang(lang) for lang in LANGS},
    }


def _inputs(request: EvaluationRequest, comparison: Comparison) -> Inputs:
    w = request.weights
    return Inputs(
        project=request.project,
        requirements=request.requirements,
        weights=WeightsIn(
            weights=w.weights,
            method=w.method,
            stakeholders=w.stakeholders,
            spread=w.spread,
            disagreements=w.disagreements,
            group_ahp=w.group_ahp,
        ),
        products=[p.id for p in request.profiles],
        profiles={p.id: dump_profile(p) for p in request.profiles},
        method=request.method,
        params=dict(request.params or {}),
        catalog_version=request.catalog_version,
        include_eliminated=request.include_eliminated,
        samples=request.samples,
        price_bounds={
            mode: [_bound(b) for b in pair] for mode, pair in comparison.bounds.ranges.items()
        },
        rates=[_rate(r) for r in _rates_used(comparison)],
        policies={kind.value: policy(kind).en for kind in Kind},
        policies_fr={kind.value: policy(kind).fr for kind in Kind},
    )


def _rates_used(comparison: Comparison) -> list[Rate]:
    used: dict[str, Rate] = {}
    for cost in comparison.grid.costs.values():
        for option in cost.options:
            if option.rate is not None:
                used.setdefault(option.rate.currency, option.rate)
    for pair in comparison.bounds.ranges.values():
        for bound in pair:
            if bound.rate is not None:
                used.setdefault(bound.rate.currency, bound.rate)
    return [used[key] for key in sorted(used)]


def _rate(rate: Rate | None) -> RateOut | None:
    if rate is None:
        return None
    return RateOut(
        currency=rate.currency,
        into=rate.into,
        value=rate.value,
        source=rate.source,
        as_of=rate.as_of.isoformat() if rate.as_of else None,
    )


def _bound(bound: Any) -> PriceBoundOut:
    return PriceBoundOut(
        amount=bound.amount,
        product=bound.product,
        product_name=bound.product_name,
        edition=bound.edition,
        edition_name=bound.edition_name,
        list_amount=bound.list_amount,
        currency=bound.currency,
        unit=bound.unit,
        source=bound.source,
        as_of=bound.as_of,
        rate=_rate(bound.rate),
    )


def _left_out(grid: Grid, weights: Mapping[str, float]) -> list[LeftOut]:
    total = sum(criterion_weight(weights, key) for key in grid.applicable)
    return [
        LeftOut(
            criterion=key,
            code=grid.left_out_codes[key],
            reason=reason,
            weight_share=criterion_weight(weights, key) / total if total > 0 else 0.0,
        )
        for key, reason in grid.left_out.items()
    ]


def _unknown_facts(
    analysis: Analysis, comparison: Comparison
) -> tuple[list[UnknownFact], dict[str, Question]]:
    """Every unknown fact: first those that leave a criterion out (they cannot be ranked by
    influence, as the criterion is not in the draws), then the drawn ones by influence; and
    the question of each, by the fact's key, to write in any language."""
    grid = comparison.grid
    musts = [
        key for key, p in comparison.ctx.requirements.capabilities.items() if p.value == "must"
    ]
    ranked: list[tuple[Unknown, float, dict[str, float], str | None]] = [
        (unknown, 0.0, dict.fromkeys(grid.products, 0.0), criterion)
        for criterion, unknowns in grid.blocking.items()
        for unknown in unknowns
    ]
    if analysis.influences:
        ranked += [(i.unknown, i.total, i.change, None) for i in analysis.influences]
    else:
        ranked += [(u, 0.0, dict.fromkeys(grid.products, 0.0), None) for u in grid.unknowns()]
    out = []
    asked_by_key: dict[str, Question] = {}
    for unknown, total, change, blocks in ranked:
        asked = question(
            unknown, grid.names[unknown.product], grid.costs.get(unknown.product), musts
        )
        asked_by_key[unknown.key] = asked
        out.append(
            UnknownFact(
                key=unknown.key,
                product=unknown.product,
                path=unknown.path,
                kind=unknown.kind.value,
                low=unknown.low,
                high=unknown.high,
                mean=unknown.mean,
                favourable_high=unknown.favourable_high,
                influence=total,
                change=change,
                question=QuestionOut(
                    key=unknown.key,
                    influence=total,
                    blocks=blocks,
                    ask=asked.ask,
                    **asked.written(),
                ),
            )
        )
    return out, asked_by_key


def _outcomes(
    analysis: Analysis,
    comparison: Comparison,
    questions: Mapping[str, list[QuestionOut]],
    weights: Mapping[str, float],
) -> list[ProductOutcome]:
    grid = comparison.grid
    point = analysis.point
    joint = analysis.joint
    out = []
    for pid in point.ranking:
        i = grid.products.index(pid)
        profile = comparison.facts[i].profile
        out.append(
            ProductOutcome(
                id=pid,
                name=grid.names[pid],
                vendor=profile.vendor.value,
                rank=int(point.ranks[i]),
                score=float(point.scores[i]),
                p_first=None if joint is None else float(joint.first[i]),
                best_rank=analysis.best_rank(pid),
                worst_rank=analysis.worst_rank(pid),
                most_probable_rank=None
                if joint is None
                else int(np.argmax(joint.rank_acceptability[i])) + 1,
                mean_rank=None if joint is None else float(joint.mean_rank[i]),
                score_low=None
                if analysis.facts_only is None
                else float(analysis.facts_only.score_range[i, 0]),
                score_high=None
                if analysis.facts_only is None
                else float(analysis.facts_only.score_range[i, 1]),
                eliminated=comparison.knockouts[pid].eliminated,
                evidence=evidence_share(comparison, pid, weights),
                questions=questions.get(pid, []),
            )
        )
    return out


#: The 0-5 ratings a client's weights can call for, by the criterion that reads them.
RATED_BY = {
    "ease_of_use": "adoption",
    "ease_of_deployment": "ease_of_deployment",
    "scalability": "scalability",
}


def evidence_share(comparison: Comparison, pid: str, weights: Mapping[str, float]) -> EvidenceShare:
    """The share of the facts this client's requirements need that are known: each need's
    availability, the price of the edition to buy, each rating a weighted criterion reads,
    and each constraint's facts. It does not depend on which other products are compared."""
    grid = comparison.grid
    facts = next(f for f in comparison.facts if f.id == pid)
    known = unknown = 0
    rows = grid.coverage.get(pid) or coverage_rows(facts, comparison.ctx)
    for row in rows:
        if row.status == "unknown":
            unknown += 1
        else:
            known += 1
    cost = grid.costs[pid]
    if cost.price is None and not cost.unbounded:
        known += 1
    else:
        unknown += 1
    for rating, criterion in RATED_BY.items():
        if criterion_weight(weights, criterion) <= 0:
            continue
        if facts.ratings.get(rating) is None:
            unknown += 1
        else:
            known += 1
    for check in comparison.knockouts[pid].checks:
        if check.constraint == "budget" or check.constraint.startswith(("capability:", "domain:")):
            continue  # counted with the price and the needs
        if check.status == "to_confirm":
            unknown += 1
        else:
            known += 1
    total = known + unknown
    return EvidenceShare(known=known, unknown=unknown, share=known / total if total else 1.0)


def _smaa(result: Any) -> SmaaOut | None:
    return None if result is None else SmaaOut.model_validate(result.to_dict())


def _robustness(analysis: Analysis) -> Robustness:
    kind, robust = verdict(analysis)
    joint = analysis.first(analysis.joint) if analysis.joint is not None else None
    most = []
    if joint is not None:
        top = max(joint.values())
        most = [p for p in analysis.point.ranking if joint[p] >= top - 1e-12]
    return Robustness(
        winner=analysis.winner,
        most_probable=most,
        threshold=ROBUST_SHARE,
        to_weights=None if analysis.weights_only is None else analysis.first(analysis.weights_only),
        to_facts=None if analysis.facts_only is None else analysis.first(analysis.facts_only),
        joint=joint,
        robust=robust,
        verdict=kind,
        samples=analysis.samples,
        weight_spread=WEIGHT_SPREAD,
        joint_smaa=_smaa(analysis.joint),
        weights_smaa=_smaa(analysis.weights_only),
        facts_smaa=_smaa(analysis.facts_only),
        stability=StabilityOut.model_validate(analysis.stability.to_dict()),
        agreement=AgreementOut.model_validate(analysis.agreement),
    )


def _cost(cost: ProductCost, currency: str, project: Project) -> CostOut:
    if cost.unbounded:
        low = mean = high = None
        years: list[YearCost] = []
        items: dict[str, float] = {}
        by_year: list[dict[str, float]] = []
    else:
        low, mean, high = cost.low, cost.mean, cost.high
        cheapest, dearest = cost.extreme(False), cost.extreme(True)
        expected_years, items, by_year = cost.expected()
        years = [
            YearCost(year=y + 1, low=a, mean=b, high=c)
            for y, (a, b, c) in enumerate(
                zip(cheapest.year_totals, expected_years, dearest.year_totals, strict=True)
            )
        ]
    return CostOut(
        product=cost.product,
        mode=cost.mode,
        currency=currency,
        seats=cost.seats,
        choice=cost.choice,
        choice_code=cost.choice_code or None,
        known=not cost.unknowns and not cost.unbounded,
        unbounded=cost.unbounded,
        low=low,
        mean=mean,
        high=high,
        budget_fit=None if low is None or high is None else budget_fit(low, high, project.budget),
        years=years,
        items=items,
        items_by_year=by_year,
        options=[_option(option) for option in cost.options],
        maintenance_pct=cost.maintenance,
        maintenance_range=None
        if cost.maintenance_unknown is None
        else [cost.maintenance_unknown.low, cost.maintenance_unknown.high],
        implementation_days=cost.implementation_days,
        implementation_source=cost.implementation_source,
    )


def _option(option: Any) -> PriceOptionOut:
    price = option.list_price
    return PriceOptionOut(
        edition=option.edition,
        edition_name=option.edition_name,
        unit=option.unit.value,
        low=None if option.unbounded else option.low,
        high=None if option.unbounded else option.high,
        known=option.known,
        seats_billed=option.seats_billed,
        list_amount=None if price is None else price.amount,
        list_currency=None if price is None else price.currency,
        billed=None if price is None or price.billed is None else price.billed.value,
        source=None if price is None else price.evidence.source,
        as_of=None if price is None else price.evidence.as_of,
        confidence=None if price is None else price.evidence.confidence,
        rate=_rate(option.rate),
        bounds=[] if option.bound is None else [_bound(b) for b in option.bound],
    )


def _coverage(rows: Sequence[Any]) -> CoverageOut:
    counts = dict.fromkeys(("covered", "partial", "gap", "unknown"), 0)
    for row in rows:
        counts[row.status] += 1
    important = [row for row in rows if row.priority in {"must", "should"}]
    return CoverageOut(
        rows=[CoverageRowOut(**row.__dict__) for row in rows],
        counts=counts,
        gaps=[row.requirement for row in important if row.status == "gap"],
        to_confirm=[row.requirement for row in important if row.status == "unknown"],
    )


def _differences(grid: Grid) -> list[Difference]:
    """Criteria on which the expected values differ by more than 5 % of the criterion's scale;
    `certain` when the best is better than every other over the ends the values are shown
    between."""
    central = grid.central
    low, high, _ = grid.shown()
    rows = []
    for j, key in enumerate(grid.criteria):
        column = central[:, j]
        scale = float(np.max(np.abs(column))) or 1.0
        if float(np.ptp(column)) / scale <= DIFFERENCE_THRESHOLD:
            continue
        best = int(column.argmin() if CRITERIA[key].objective == "min" else column.argmax())
        certain = all(
            claim_holds(
                Claim(kind="better_on", subject=grid.products[best], other=other, criterion=key),
                grid.products,
                grid.criteria,
                low,
                high,
            )
            for other in grid.products
            if other != grid.products[best]
        )
        rows.append(
            Difference(
                criterion=key,
                values=dict(zip(grid.products, column.tolist(), strict=True)),
                best=grid.products[best],
                certain=certain,
            )
        )
    return rows
