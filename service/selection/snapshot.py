"""The evaluation snapshot as typed models: what an evaluation stores, the API returns, the web
page shows and every export reads. The JSON Schema of the JSON export is generated from
:class:`Snapshot` (``service.exports.json_export``), so a rename is a type error, not a
silent gap in a spreadsheet.

Every value is in the budget currency, shares are 0-1, ranks start at 1. A value is ``known``
when every fact it rests on is known; otherwise ``low``/``high`` bound it and ``mean`` is its
expectation under the stated policies (``inputs.policies``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from service.selection.inputs import Project, Requirements

SCHEMA_VERSION: Literal[2] = 2
Verdict = Literal[
    "robust", "depends_on_weights", "depends_on_facts", "depends_on_both", "not_sampled"
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RateOut(_Model):
    """A conversion used: budget-currency units per unit of ``currency``."""

    currency: str
    into: str
    value: float
    source: str = Field(description='"project" or the ECB reference rates')
    as_of: str | None


class PriceBoundOut(_Model):
    """One end of a catalog price range, per user (per month for SaaS), with its source."""

    amount: float
    product: str
    product_name: str
    edition: str
    edition_name: str
    list_amount: float
    currency: str
    unit: str
    source: str | None
    as_of: str | None
    rate: RateOut | None


class WeightsIn(_Model):
    """The project's weights and how its stakeholders' were combined."""

    weights: dict[str, float]
    method: str
    stakeholders: list[str]
    spread: dict[str, dict[str, float]]
    disagreements: list[str]
    group_ahp: dict[str, JsonValue] | None = None


class Inputs(_Model):
    """Everything the evaluation depends on."""

    project: Project
    requirements: Requirements
    weights: WeightsIn
    products: list[str]
    profiles: dict[str, dict[str, JsonValue]]
    method: str
    params: dict[str, JsonValue]
    catalog_version: str | None
    include_eliminated: bool
    samples: int
    price_bounds: dict[str, list[PriceBoundOut]] = Field(
        description="Per deployment family (saas, on_premise): the lowest and highest "
        "per-user list price in the catalog the firm sees."
    )
    rates: list[RateOut]
    policies: dict[str, str] = Field(description="How each kind of unknown fact is treated.")
    policies_fr: dict[str, str] = Field(description="The same policies in French.")

    def policies_in(self, lang: str) -> dict[str, str]:
        """The policies as this evaluation wrote them in `lang` (`policies` is English)."""
        written: dict[str, str] = getattr(self, "policies" if lang == "en" else f"policies_{lang}")
        return written


class EvidenceShare(_Model):
    """How many of the facts this client's requirements need are known for the product."""

    known: int
    unknown: int
    share: float


class QuestionOut(_Model):
    """A question that settles one unknown fact, in both languages, and who answers it."""

    key: str
    fr: str
    en: str
    about_fr: str
    about_en: str
    ask: Literal["vendor", "demo"]
    influence: float
    blocks: str | None = Field(
        default=None,
        description="A criterion this fact leaves out of the comparison until it is answered "
        "(an unknown price with nothing to bound it): asked first.",
    )

    def in_lang(self, lang: str) -> str:
        """The question as the evaluation wrote it in `lang`."""
        return str(getattr(self, str(lang)))

    def about_in(self, lang: str) -> str:
        """The fact in a few words, as the evaluation wrote it in `lang`."""
        return str(getattr(self, f"about_{lang}"))


class ProductOutcome(_Model):
    """One compared product: its place, its chances and how much is known about it."""

    id: str
    name: str
    vendor: str | None
    rank: int = Field(description="Rank at expected values and stated weights (1 is best).")
    score: float
    p_first: float | None = Field(
        description="Probability of ranking first over the joint draws of weights and unknowns."
    )
    best_rank: int
    worst_rank: int
    most_probable_rank: int | None
    mean_rank: float | None
    score_low: float | None
    score_high: float | None
    eliminated: bool
    evidence: EvidenceShare
    questions: list[QuestionOut]


class Matrix(_Model):
    """The decision matrix: expected values, the ends each is shown between, and which are one
    known figure. A net benefit's ends take in the client's stated gain ranges, which it is
    ranked at the middle of."""

    products: list[str]
    criteria: list[str]
    objectives: list[str]
    values: list[list[float]]
    low: list[list[float]]
    high: list[list[float]]
    known: list[list[bool]]


class LeftOut(_Model):
    """A criterion that could not tell the products apart, with its share of the weights."""

    criterion: str
    code: Literal["no_facts", "no_bound", "same_value"] = Field(
        description="no_facts: no compared product has what it needs (a rating, a need in "
        "scope); no_bound: a value cannot even be ranged; same_value: all known and equal."
    )
    reason: str
    weight_share: float


class RankingOut(_Model):
    """The point ranking (``criteria.Ranking.to_dict``)."""

    method: str
    alternatives: list[str]
    criteria: list[str]
    scores: list[float]
    ranks: list[int]
    ranking: list[str]
    higher_is_better: bool
    details: dict[str, JsonValue]
    contributions: list[list[float]]


class SmaaOut(_Model):
    """SMAA-2 indices over draws (``criteria.imprecise.JointSmaaResult.to_dict``)."""

    method: str
    alternatives: list[str]
    samples: int
    rank_acceptability: list[list[float]]
    first: list[float]
    pairwise_winning: list[list[float]]
    best_rank: list[int]
    worst_rank: list[int]
    mean_rank: list[float]
    score_range: list[list[float]]
    choice_entropy: float


class AgreementOut(_Model):
    """Other methods' rankings at expected values, with Kendall's tau."""

    methods: list[str]
    rankings: dict[str, list[str]]
    winners: dict[str, str]
    kendall_tau: list[list[float]] | None
    not_applicable: dict[str, str]


class StabilityOut(_Model):
    """Per-criterion weight intervals keeping the winner (``StabilityResult.to_dict``)."""

    method: str
    alternatives: list[str]
    criteria: list[str]
    winner: str
    weights: list[float]
    intervals: list[list[float]]
    min_change: float | None
    criterion: str | None
    new_winner: str | None


class Robustness(_Model):
    """How far the verdict holds: to the weights, to the missing facts, and to both."""

    winner: str
    most_probable: list[str] = Field(description="The products first most often (ties listed).")
    threshold: float
    to_weights: dict[str, float] | None = Field(
        description="P(first) per product with the weights drawn, unknowns at expected values."
    )
    to_facts: dict[str, float] | None = Field(
        description="P(first) per product with the unknowns drawn, weights as stated."
    )
    joint: dict[str, float] | None
    robust: bool
    verdict: Verdict
    samples: int
    weight_spread: float
    joint_smaa: SmaaOut | None
    weights_smaa: SmaaOut | None
    facts_smaa: SmaaOut | None
    stability: StabilityOut
    agreement: AgreementOut


class UnknownFact(_Model):
    """A fact the sources do not give, its range, and how much it moves the outcome."""

    key: str
    product: str
    path: str
    kind: str
    low: float
    high: float
    mean: float
    favourable_high: bool
    influence: float = Field(
        description="How much first place moves between the fact's halves, 0-1."
    )
    change: dict[str, float] = Field(
        description="Per product: P(first | upper half) - P(first | lower half)."
    )
    question: QuestionOut


class PriceOptionOut(_Model):
    """An edition the client may have to buy, with its price or its bounds."""

    edition: str | None
    edition_name: str | None
    unit: str
    low: float | None = Field(description="None when neither a list price nor bounds exist.")
    high: float | None
    known: bool
    seats_billed: int
    list_amount: float | None
    list_currency: str | None
    billed: str | None
    source: str | None
    as_of: str | None
    confidence: str | None
    rate: RateOut | None
    bounds: list[PriceBoundOut]


class YearCost(_Model):
    """One year of the horizon: the lowest, expected and highest cost."""

    year: int
    low: float
    mean: float
    high: float


class CostOut(_Model):
    """A product's TCO over the horizon: a point when its price is known, else a range."""

    product: str
    mode: Literal["saas", "on_premise"]
    currency: str
    seats: int
    choice: str = Field(description="Why these editions, in English.")
    choice_code: str | None = Field(
        default=None,
        description="`choice` as a code, for rendering it in another language (null in "
        "evaluations stored before codes existed).",
    )
    known: bool
    unbounded: bool
    low: float | None
    mean: float | None
    high: float | None
    budget_fit: Literal["below", "within", "above", "to_confirm"] | None
    years: list[YearCost]
    items: dict[str, float] = Field(description="Expected cost per item over the horizon.")
    items_by_year: list[dict[str, float]]
    options: list[PriceOptionOut]
    maintenance_pct: float | None
    maintenance_range: list[float] | None
    implementation_days: float = Field(description="Fixed integrator days of the project.")
    implementation_source: Literal["project", "product", "default"] = Field(
        description="The project's figure, the product's estimate, or Shortlist's default."
    )


class CoverageRowOut(_Model):
    """How one product meets one need."""

    requirement: str
    kind: str
    priority: str
    availability: str | None
    depth: float | None
    in_editions: list[str] | None
    status: Literal["covered", "partial", "gap", "unknown"]


class CoverageOut(_Model):
    """Needs known covered, known missing, and unknown."""

    rows: list[CoverageRowOut]
    counts: dict[str, int]
    gaps: list[str] = Field(description="Must and should needs known to be missing.")
    to_confirm: list[str] = Field(
        description="Must and should needs whose availability is unknown."
    )


class CheckOut(_Model):
    """A knock-out constraint's outcome for a product, with the facts it rests on."""

    constraint: str
    status: Literal["pass", "fail", "to_confirm"] = Field(
        description="fail: fails whatever the unknown facts are; to_confirm: an unknown fact "
        "(named in facts) decides it."
    )
    detail: str = Field(description="The outcome in English.")
    facts: list[str]
    code: str | None = Field(
        default=None,
        description="What the outcome says, for rendering it in another language with params "
        "(null in evaluations stored before codes existed: use detail).",
    )
    params: dict[str, JsonValue] = Field(default_factory=dict)


class KnockoutOut(_Model):
    """Every constraint's outcome for one product."""

    eliminated: bool
    checks: list[CheckOut]


class Difference(_Model):
    """A criterion on which the products differ by more than 5 % of its scale."""

    criterion: str
    values: dict[str, float]
    best: str = Field(description="The best expected value.")
    certain: bool = Field(description="Whether the best is better whatever the unknown facts are.")


class WeakOut(_Model):
    """A fact used whose evidence is weak (third party, or inferred)."""

    product: str
    fact: str
    confidence: str | None
    inferred: bool
    source: str | None


class Risk(_Model):
    """A change-management factor the client rated, with advice."""

    factor: str
    label_fr: str
    label_en: str
    score: int
    level: Literal["high", "watch", "low"]
    advice_fr: str | None
    advice_en: str | None


class Spread(_Model):
    """A figure's pessimistic, expected and optimistic values (None: it does not exist there,
    e.g. no payback within the horizon; for a cost the pessimistic value is the highest)."""

    pessimistic: float | None
    expected: float | None
    optimistic: float | None


class GainLineOut(_Model):
    """One stated gain line as it counts for one product."""

    line: int = Field(description="Its index in project.gains.lines.")
    kind: str
    suggestion: str | None
    label_fr: str
    label_en: str
    basis: str | None
    from_year: int
    stated_low: float = Field(description="A full year of it as stated, low end.")
    stated_high: float
    per_year_low: float = Field(description="A full year of it for this product, low end.")
    per_year_expected: float = Field(
        description="Its expected value: the middle, halved for each capability not known."
    )
    per_year_high: float
    status: Literal["counts", "lacks", "unknown"] = Field(
        description="counts: the product is known to offer what the line relies on; lacks: "
        "known not to (the line is worth 0); unknown: not known (0 to the stated high)."
    )
    capabilities: list[str] = Field(description="The capabilities lacking or not known.")


class RoiYear(_Model):
    """One year: the gains for this product (the stated ones it can get, undiscounted), the
    net benefit and its running total (discounted when the method says so)."""

    year: int
    gains_low: float
    gains_high: float
    net: Spread
    cumulative: Spread


class RoiOut(_Model):
    """A product's return on investment over the horizon, every figure a range."""

    product: str
    currency: str
    discount_rate: float
    computed: bool = Field(description="False when the product's cost cannot be ranged.")
    known: bool = Field(description="Nothing unknown: cost known and every line counts.")
    years: list[RoiYear]
    gains: Spread | None
    costs: Spread | None
    net_benefit: Spread | None
    roi: Spread | None
    payback_years: Spread | None
    lines: list[GainLineOut]


class VigilanceOut(_Model):
    """A requirement that imposes a strong change of habits (004 §07), and the advice."""

    requirement: str
    label_fr: str
    label_en: str
    customer_impact: int
    habit_change: int
    populations: list[str]
    resistant: list[str]
    weak_factors: list[str]
    level: Literal["high", "watch"]
    reconsider: bool
    advice_fr: str
    advice_en: str


class Claim(_Model):
    """A comparative statement of the summary, in a form the matrix can check: ``subject``
    is better than ``other`` on ``criterion`` whatever the unknown facts are."""

    kind: Literal["better_on"]
    subject: str
    other: str
    criterion: str


class Summary(_Model):
    """The verdict in plain words, and the comparative claims it makes."""

    fr: str
    en: str
    claims: list[Claim]

    def in_lang(self, lang: str) -> str:
        """The verdict as the evaluation wrote it in `lang`."""
        return str(getattr(self, str(lang)))


class Snapshot(_Model):
    """An evaluation, immutable: its inputs and everything derived from them."""

    schema_version: Literal[2] = SCHEMA_VERSION
    input_hash: str
    seed: int
    inputs: Inputs
    products: list[ProductOutcome] = Field(description="The compared products, best first.")
    matrix: Matrix
    weights_used: dict[str, float]
    left_out: list[LeftOut]
    result: RankingOut
    robustness: Robustness
    unknowns: list[UnknownFact] = Field(description="Unknown facts, most influential first.")
    tco: dict[str, CostOut]
    coverage: dict[str, CoverageOut]
    knockouts: dict[str, KnockoutOut]
    differences: list[Difference]
    low_confidence_inputs: list[WeakOut]
    risks: list[Risk]
    summary: Summary
    roi: dict[str, RoiOut] = Field(
        default_factory=dict, description="Per compared product, when gains are stated."
    )
    roi_method_fr: str | None = None
    roi_method_en: str | None = None
    vigilance: list[VigilanceOut] = Field(default_factory=list)

    def product(self, pid: str) -> ProductOutcome:
        """The outcome of one compared product."""
        return next(p for p in self.products if p.id == pid)

    @property
    def names(self) -> dict[str, str]:
        """Each compared product's name."""
        return {p.id: p.name for p in self.products}
