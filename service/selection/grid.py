"""The decision grid of one comparison: each compared product's value on each criterion, a
point where the facts are known and a range where they are not, with the criteria left out
and why, how each need is covered, and the weak evidence used.

A criterion is left out only when it cannot tell the products apart: no compared product has
the facts it needs (no rating anywhere), a value has no stated bound, or every product has
the same known value. Unknown values are never replaced by a known product's value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from criteria.problem import FloatArray
from criteria.ranks import within_rounding
from service.selection.benefit import NetBenefit
from service.selection.costs import ProductCost
from service.selection.facts import Evidence, ProductFacts
from service.selection.registry import (
    CRITERIA,
    POPULATION_CAPABILITIES,
    Context,
    applicable_criteria,
)
from service.selection.unknowns import Cell, Unknown, is_known
from vendors.vocabulary import Availability, Domain


@dataclass(frozen=True)
class CoverageRow:
    """How one product meets one need: known covered, partial, known missing, or unknown."""

    requirement: str
    kind: str
    priority: str
    availability: str | None
    depth: float | None
    in_editions: list[str] | None
    status: str  # "covered", "partial", "gap" (known missing) or "unknown"


@dataclass(frozen=True)
class WeakInput:
    """A fact the comparison used whose evidence is weak (third party, or inferred)."""

    product: str
    fact: str
    confidence: str | None
    inferred: bool
    source: str | None


@dataclass
class Grid:
    """Products x criteria as ranged values, with what was left out and how needs are met."""

    products: list[str]
    names: dict[str, str]
    criteria: list[str]
    applicable: list[str]
    cells: dict[tuple[str, str], Cell]
    left_out: dict[str, str]
    costs: dict[str, ProductCost]
    #: Why each criterion was left out, as a code: no_facts, no_bound or same_value.
    left_out_codes: dict[str, str]
    coverage: dict[str, list[CoverageRow]]
    weak: list[WeakInput] = field(default_factory=list)
    #: Per criterion left out for want of a bound, the unknown facts that leave it out.
    blocking: dict[str, list[Unknown]] = field(default_factory=dict)

    @property
    def objectives(self) -> list[str]:
        """``max`` or ``min`` per kept criterion."""
        return [CRITERIA[key].objective for key in self.criteria]

    def table(self, pick: str) -> FloatArray:
        """The (products x criteria) matrix of ``low``, ``mean`` or ``high`` values."""
        return np.array(
            [[getattr(self.cells[(p, k)], pick) for k in self.criteria] for p in self.products],
            dtype=np.float64,
        ).reshape(len(self.products), len(self.criteria))

    @property
    def central(self) -> FloatArray:
        """Each value at its expectation: the point ranking's matrix."""
        return self.table("mean")

    def shown(self) -> tuple[FloatArray, FloatArray, np.ndarray[Any, np.dtype[np.bool_]]]:
        """The (products x criteria) ends each value is shown between, and which values are
        shown as one known figure (:func:`shown`)."""
        cells = [[shown(self.cells[(p, k)]) for k in self.criteria] for p in self.products]
        shape = (len(self.products), len(self.criteria))
        low, high, known = (
            np.array([[cell[n] for cell in row] for row in cells]).reshape(shape) for n in range(3)
        )
        return low.astype(np.float64), high.astype(np.float64), known.astype(np.bool_)

    def unknowns(self) -> list[Unknown]:
        """Every unknown fact the kept values rest on, once each, products in order."""
        seen: dict[str, Unknown] = {}
        for p in self.products:
            for k in self.criteria:
                for unknown in self.cells[(p, k)].unknowns:
                    seen.setdefault(unknown.key, unknown)
        return list(seen.values())

    def sample(self, draws: Mapping[str, FloatArray], size: int) -> FloatArray:
        """(samples x products x criteria) matrices for drawn quantiles."""
        out = np.empty((size, len(self.products), len(self.criteria)))
        for i, p in enumerate(self.products):
            for j, k in enumerate(self.criteria):
                cell = self.cells[(p, k)]
                out[:, i, j] = cell.mean if is_known(cell) else cell.sample(draws, size)
        return out

    def extreme(self, product: int, *, favourable: bool) -> FloatArray:
        """The matrix where ``product`` has every unknown at its favourable (or unfavourable)
        end and every other product at the opposite end."""
        return np.array(
            [
                [
                    _extreme(self.cells[(p, k)], (i == product) == favourable, objective)
                    for k, objective in zip(self.criteria, self.objectives, strict=True)
                ]
                for i, p in enumerate(self.products)
            ],
            dtype=np.float64,
        ).reshape(len(self.products), len(self.criteria))


def shown(cell: Cell) -> tuple[float, float, bool]:
    """The ends a value is shown between, and whether it is one known figure: the ends of its
    unknown facts, but a net benefit's reach over the client's stated gain ranges as well,
    which rank no product above another but are estimates all the same."""
    if isinstance(cell, NetBenefit):
        return cell.shown_low, cell.shown_high, cell.shown_known
    return cell.low, cell.high, is_known(cell)


def _extreme(cell: Cell, favourable: bool, objective: str) -> float:
    """The cell's value with every unknown at its favourable end (low for a cost)."""
    return cell.high if favourable == (objective == "max") else cell.low


def build_grid(compared: Sequence[ProductFacts], ctx: Context, *, details: bool = True) -> Grid:
    """Compute every applicable criterion for the compared products and leave out those that
    cannot tell them apart (``details``: also how each need is met and the weak evidence,
    which a screening of many products does without)."""
    products = [facts.id for facts in compared]
    applicable = applicable_criteria(ctx.project, ctx.requirements, ctx.requirements_plan)
    cells: dict[tuple[str, str], Cell] = {}
    kept: list[str] = []
    left_out: dict[str, str] = {}
    codes: dict[str, str] = {}
    blocking: dict[str, list[Unknown]] = {}
    for key in applicable:
        entry = CRITERIA[key]
        column = {facts.id: entry.compute(facts, ctx) for facts in compared}
        found = _left_out(column, compared, entry.left_out)
        if found is not None:
            codes[key], left_out[key] = found
            if found[0] == "no_bound":
                blocking[key] = [
                    unknown
                    for cell in column.values()
                    if cell is not None and cell.unbounded
                    for unknown in cell.unknowns
                ]
            continue
        kept.append(key)
        for pid, cell in column.items():
            assert cell is not None
            cells[(pid, key)] = cell
    return Grid(
        products=products,
        names={facts.id: facts.name for facts in compared},
        criteria=kept,
        applicable=applicable,
        cells=cells,
        left_out=left_out,
        left_out_codes=codes,
        blocking=blocking,
        costs={facts.id: ctx.cost(facts) for facts in compared},
        coverage={facts.id: coverage_rows(facts, ctx) for facts in compared} if details else {},
        weak=_weak_inputs(compared, ctx) if details else [],
    )


def _left_out(
    column: Mapping[str, Cell | None], compared: Sequence[ProductFacts], nothing: str
) -> tuple[str, str] | None:
    """Why a criterion cannot tell the products apart, as (code, reason), or None."""
    values = list(column.values())
    if any(cell is None for cell in values):
        return "no_facts", nothing
    names = {facts.id: facts.name for facts in compared}
    unbounded = [names[pid] for pid, cell in column.items() if cell is not None and cell.unbounded]
    if unbounded:
        return "no_bound", (
            f"the value of {', '.join(unbounded)} has no stated bound (an unknown price with "
            "no comparable price in the catalog)"
        )
    present = [cell for cell in values if cell is not None]
    if len(present) > 1 and all(is_known(cell) for cell in present):
        means = np.array([cell.mean for cell in present])
        if bool(within_rounding(means, means[0], 1e-9).all()):
            return "same_value", "every compared product has the same known value"
    return None


def coverage_rows(facts: ProductFacts, ctx: Context) -> list[CoverageRow]:
    """How the product meets each need of the functional fit."""
    rows = []
    for need in ctx.requirements_plan:
        coverage = (
            facts.coverage(need.name)
            if need.kind == "capability"
            else facts.domains[Domain(need.name)]
        )
        availability = coverage.availability
        if availability is None:
            status = "unknown" if coverage.depth is None else _by_depth(coverage.depth)
        elif availability is Availability.NOT_AVAILABLE:
            status = "gap"
        elif availability is Availability.SEPARATE_PRODUCT:
            status = "partial"
        else:
            status = "covered" if coverage.depth is None else _by_depth(coverage.depth)
        rows.append(
            CoverageRow(
                requirement=need.name,
                kind=need.kind,
                priority=need.priority.value,
                availability=None if availability is None else availability.value,
                depth=coverage.depth,
                in_editions=None if coverage.in_editions is None else sorted(coverage.in_editions),
                status=status,
            )
        )
    return rows


def _by_depth(depth: float) -> str:
    return "covered" if depth >= 3 else "partial" if depth > 0 else "gap"


def _weak_inputs(compared: Sequence[ProductFacts], ctx: Context) -> list[WeakInput]:
    """Facts read by the comparison whose evidence is third-party or inferred."""
    paths = [
        f"{need.path}.{part}"
        for need in ctx.requirements_plan
        for part in ("availability", "depth", "in_editions")
    ]
    paths += [
        f"capabilities.{key}.availability"
        for keys in POPULATION_CAPABILITIES.values()
        for key in keys
    ]
    paths += ["ratings.ease_of_use", "ratings.ease_of_deployment", "ratings.scalability"]
    c = ctx.requirements.constraints
    if c.hosting:
        paths += ["hosting.regions", "hosting.countries"]
    if c.certifications:
        paths.append("hosting.certifications")
    if c.ui_languages:
        paths.append("ui_languages")
    paths += [f"deployment.{mode.value}" for mode in c.deployment_modes]
    out: list[WeakInput] = []
    for facts in compared:
        seen: set[str] = set()
        for path in paths:
            evidence = facts.weak(path)
            if evidence is not None and path not in seen:
                seen.add(path)
                out.append(_weak(facts.id, path, evidence))
        for option in ctx.cost(facts).options:
            if option.list_price is not None and option.list_price.evidence.weak:
                path = f"editions.{option.edition}.price"
                out.append(_weak(facts.id, path, option.list_price.evidence))
    return out


def _weak(product: str, path: str, evidence: Evidence) -> WeakInput:
    return WeakInput(product, path, evidence.confidence, evidence.inferred, evidence.source)
