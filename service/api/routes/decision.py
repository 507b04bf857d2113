"""The raw decision API: rank a matrix you bring, elicit AHP weights, test robustness.

Thin wrappers around `criteria`; a problem the engine refuses is a 422 naming the field.

Every request's work is estimated from its shape by `criteria.cost` (nanoseconds of the
2-core reference machine, measured per method) and refused beyond `MAX_WORK_NS`, about a
second: a 422 naming the field to reduce and the most it may be. `rank` and `ahp` are
`async def`: they use no database and their usual work is a few hundred microseconds of
numpy, cheaper on the event loop than a hop to the thread pool; a ranking estimated above
`EVENT_LOOP_NS` (a pairwise method on a large matrix) moves to the thread pool, so that it
cannot hold up the other requests. The sensitivity routes run in the thread pool.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    StrictFloat,
    ValidationInfo,
    field_validator,
    model_validator,
)

import criteria
from criteria import cost, sensitivity
from criteria import weights as elicitation
from service.computing import computing
from service.errors import FieldError, InvalidInput
from service.selection.analysis import AGREEMENT_METHODS, MAX_WORK_NS
from service.selection.fields import WHOLE_NUMBER
from service.selection.methods import Method, check_method_params
from service.selection.snapshot import RankingOut

router = APIRouter(tags=["decision"])

# Values beyond +-1e15 are not performance data; refusing them keeps every sum finite.
Number = Annotated[StrictFloat, Field(ge=-1e15, le=1e15)]
Name = Annotated[str, Field(min_length=1, max_length=100)]
MAX_ALTERNATIVES = 200
MAX_CRITERIA = 100
MAX_SAMPLES = 100_000
#: A ranking estimated above this runs in the thread pool rather than on the event loop.
EVENT_LOOP_NS = 2_000_000

T = TypeVar("T")


class Problem(BaseModel):
    """A decision matrix: alternatives (rows) x criteria (columns)."""

    model_config = ConfigDict(extra="forbid")

    alternatives: list[Name] | None = Field(
        default=None, max_length=MAX_ALTERNATIVES, description="Row names (default A1, A2, ...)."
    )
    criteria: list[Name] | None = Field(
        default=None, max_length=MAX_CRITERIA, description="Column names (default C1, C2, ...)."
    )
    matrix: list[Annotated[list[Number], Field(min_length=1, max_length=MAX_CRITERIA)]] = Field(
        min_length=2, max_length=MAX_ALTERNATIVES, description="Performance values, finite."
    )
    objectives: list[Literal["max", "min"]] = Field(
        min_length=1, max_length=MAX_CRITERIA, description="max (benefit) or min (cost)."
    )
    method: Method = "topsis"
    params: dict[str, JsonValue] = Field(
        default_factory=dict,
        description='Method parameters, e.g. {"v": 0.5} (VIKOR), {"preference": "vshape", '
        '"p": 2} (PROMETHEE II), {"p": 0.65, "q": 0.35} (ELECTRE I).',
    )

    @field_validator("params")
    @classmethod
    def _known_params(
        cls, params: dict[str, JsonValue], info: ValidationInfo
    ) -> dict[str, JsonValue]:
        method = info.data.get("method")
        if method is not None:
            check_method_params(method, params)
        return params

    @property
    def shape(self) -> tuple[int, int]:
        """Alternatives (rows) and criteria (columns) of the matrix."""
        # The widest row: a ragged matrix is refused by the engine, after the budget.
        return len(self.matrix), max(len(row) for row in self.matrix)


class WeightedProblem(Problem):
    """A decision matrix with one weight per criterion (>= 0, not all zero)."""

    weights: list[Annotated[StrictFloat, Field(ge=0, allow_inf_nan=False)]] = Field(
        min_length=1, max_length=MAX_CRITERIA
    )


class AhpIn(BaseModel):
    """A pairwise comparison matrix on Saaty's 1/9-9 scale, reciprocal."""

    model_config = ConfigDict(extra="forbid")

    criteria: list[Name] = Field(min_length=2, max_length=15)
    pairwise: list[list[Annotated[StrictFloat, Field(gt=0, le=9)]]] = Field(
        min_length=2, max_length=15
    )

    @model_validator(mode="after")
    def _square(self) -> AhpIn:
        n = len(self.criteria)
        if len(self.pairwise) != n or any(len(row) != n for row in self.pairwise):
            raise ValueError(f"pairwise must be a {n} x {n} matrix, one row per criterion")
        return self


class AhpOut(BaseModel):
    """AHP weights and consistency; the judgements to revisit when CR > 0.10."""

    criteria: list[str]
    pairwise: list[list[float]]
    weights: list[float]
    lambda_max: float
    consistency_index: float
    random_index: float
    consistency_ratio: float
    consistent: bool
    inconsistent_judgements: list[dict[str, JsonValue]]


class SmaaIn(Problem):
    """SMAA-2: weights sampled uniformly, around given weights, or within bounds."""

    weights: list[Annotated[StrictFloat, Field(ge=0, allow_inf_nan=False)]] | None = Field(
        default=None, max_length=MAX_CRITERIA
    )
    samples: Annotated[
        int,
        Field(
            ge=1,
            le=MAX_SAMPLES,
            description="Weight vectors drawn; no more than fit about a second of computing "
            "for this matrix and method (a 422 says how many).",
        ),
        WHOLE_NUMBER,
    ] = 10_000
    seed: Annotated[int, Field(ge=0, le=2**63 - 1), WHOLE_NUMBER] | None = None
    weight_bounds: (
        list[
            Annotated[
                list[Annotated[StrictFloat, Field(ge=0, le=1)]], Field(min_length=2, max_length=2)
            ]
        ]
        | None
    ) = Field(default=None, max_length=MAX_CRITERIA, description="[lower, upper] per criterion.")
    spread: Annotated[StrictFloat, Field(ge=0, lt=1)] = 0.5

    @property
    def sampling(self) -> str:
        """How the weights are drawn, as :func:`criteria.cost.drawing` names it."""
        if self.weight_bounds is not None:
            return "bounds"
        return "uniform" if self.weights is None else "around"


class SmaaAnalysisOut(BaseModel):
    """Rank acceptabilities ([i][k]: share of samples where i ranks k+1), central weights,
    confidence factors."""

    method: str
    alternatives: list[str]
    criteria: list[str]
    samples: int
    sampling: str
    rank_acceptability: list[list[float]]
    central_weights: list[list[float]]
    confidence: list[float]


class StabilityAnalysisOut(BaseModel):
    """Per criterion, the weight interval in which the winner stays first, and the smallest
    single-weight change that makes another alternative first."""

    method: str
    alternatives: list[str]
    criteria: list[str]
    winner: str
    weights: list[float]
    intervals: list[list[float]]
    min_change: float | None
    criterion: str | None
    new_winner: str | None


class AgreementIn(WeightedProblem):
    """Several methods on the same problem; `params` go to `method` when it is among them,
    `method_params` give each method its own."""

    methods: list[Method] = Field(
        default_factory=lambda: list(AGREEMENT_METHODS), min_length=2, max_length=6
    )
    method_params: dict[Method, dict[str, JsonValue]] = Field(default_factory=dict)

    @field_validator("method_params")
    @classmethod
    def _known_method_params(
        cls, value: dict[str, dict[str, JsonValue]]
    ) -> dict[str, dict[str, JsonValue]]:
        for method, params in value.items():
            check_method_params(method, params)
        return value


class MethodAgreementOut(BaseModel):
    """Each method's ranking side by side, with Kendall's tau between every pair."""

    methods: list[str]
    alternatives: list[str]
    rankings: dict[str, RankingOut]
    ranks: list[list[int]]
    kendall_tau: list[list[float]]


@contextmanager
def engine_errors() -> Iterator[None]:
    """Report the engine's refusal as a 422 naming the field of the request body."""
    try:
        yield
    except criteria.InvalidProblem as exc:
        raise InvalidInput(
            f"Invalid problem: {exc}.",
            fields=[FieldError(field=f"body.{exc.field}", message=exc.reason)],
        ) from exc


def _call(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    with engine_errors():
        return function(*args, **kwargs)


def _on_problem(function: Callable[..., T], body: Problem, weights: Any, **extra: Any) -> T:
    """Call an engine function on the body's matrix with its method and parameters."""
    return _call(
        function,
        body.matrix,
        body.objectives,
        weights,
        method=body.method,
        alternatives=body.alternatives,
        criteria=body.criteria,
        **extra,
        **body.params,
    )


def beyond_budget(work: float, field: str, what: str, fitting: str) -> InvalidInput:
    """The 422 refusing a request whose estimated ``work`` exceeds the budget, naming
    ``field`` and saying what would fit."""
    return InvalidInput(
        f"{what} exceeds the work one request may ask for (about {MAX_WORK_NS / 1e9:g} s of "
        f"computing; this one would take about {work / 1e9:.1f} s); {fitting}.",
        fields=[FieldError(field=field, message=f"too much work for one request: {fitting}")],
    )


def _alternatives_limit(work: Callable[[int], float], body: Problem, what: str) -> None:
    """Refuse a matrix with too many alternatives for ``work(m)``, naming how many fit."""
    m, n = body.shape
    if work(m) <= MAX_WORK_NS:
        return
    most = cost.largest(work, MAX_WORK_NS, 2, m)
    fitting = (
        f"at most {most} alternatives fit with {n} criteria, or use another method"
        if most >= 2
        else "use fewer criteria or another method"
    )
    raise beyond_budget(
        work(m), "body.matrix", f"{what} on {m} alternatives x {n} criteria", fitting
    )


@router.post("/rank", response_model=RankingOut)
async def rank(body: WeightedProblem) -> dict[str, Any]:
    """Rank alternatives with TOPSIS, WSM, WPM, VIKOR, PROMETHEE II or ELECTRE I."""
    n = body.shape[1]
    _alternatives_limit(lambda m: cost.rank(body.method, m, n), body, f"Ranking with {body.method}")
    if cost.rank(body.method, *body.shape) > EVENT_LOOP_NS:
        return await run_in_threadpool(_ranking_apart, body)
    return _ranking(body)


def _ranking(body: WeightedProblem) -> dict[str, Any]:
    return _on_problem(criteria.rank, body, body.weights).to_dict()


def _ranking_apart(body: WeightedProblem) -> dict[str, Any]:
    """A ranking too long for the event loop, in a computing slot of the thread pool."""
    with computing():
        return _ranking(body)


@router.post("/weights/ahp", response_model=AhpOut)
async def ahp(body: AhpIn) -> dict[str, Any]:
    """Weights from pairwise judgements (principal eigenvector), with Saaty's consistency."""
    return _call(elicitation.ahp, body.pairwise, criteria=body.criteria).to_dict()


@router.post("/sensitivity/smaa", response_model=SmaaAnalysisOut)
def smaa(body: SmaaIn) -> dict[str, Any]:
    """Stochastic multicriteria acceptability analysis (SMAA-2)."""
    m, n = body.shape

    def work(samples: int) -> float:
        return cost.smaa(body.method, m, n, samples, body.sampling)

    if work(body.samples) > MAX_WORK_NS:
        most = cost.largest(work, MAX_WORK_NS, 1, body.samples)
        raise beyond_budget(
            work(body.samples),
            "body.samples" if most else "body.matrix",
            f"SMAA with {body.samples:,} samples of {body.method} on {m} alternatives x "
            f"{n} criteria",
            f"at most {most:,} samples fit" if most else "use fewer alternatives or criteria",
        )
    with computing():
        result = _on_problem(
            sensitivity.smaa,
            body,
            body.weights,
            samples=body.samples,
            seed=body.seed,
            weight_bounds=body.weight_bounds,
            spread=body.spread,
        )
    return result.to_dict()


@router.post("/sensitivity/stability", response_model=StabilityAnalysisOut)
def stability(body: WeightedProblem) -> dict[str, Any]:
    """Weight stability intervals of today's winner, one criterion at a time."""
    n = body.shape[1]
    _alternatives_limit(
        lambda m: cost.stability(body.method, m, n), body, f"Stability of {body.method}"
    )
    return _on_problem(sensitivity.stability, body, body.weights).to_dict()


@router.post("/sensitivity/agreement", response_model=MethodAgreementOut)
def agreement(body: AgreementIn) -> dict[str, Any]:
    """The rankings of several methods side by side, with Kendall's tau."""
    n = body.shape[1]
    _alternatives_limit(
        lambda m: cost.agreement(body.methods, m, n),
        body,
        f"Agreement of {len(body.methods)} methods",
    )
    result = _call(
        sensitivity.agreement,
        body.matrix,
        body.objectives,
        body.weights,
        methods=body.methods,
        params={body.method: body.params} | body.method_params,
        alternatives=body.alternatives,
        criteria=body.criteria,
    )
    return result.to_dict()
