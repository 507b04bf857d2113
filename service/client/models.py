# Generated from the service's OpenAPI document by datamodel-code-generator: do not edit.
# Regenerate with `make client-models`; the models' base is service/client/base.py.

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import AwareDatetime, ConfigDict, Field
from typing_extensions import TypeAliasType

from service.client.base import ApiModel


class AggregatePublic(ApiModel):
    """
    The weights an evaluation would use now, and where the stakeholders disagree.
    """

    weights: Annotated[dict[str, float], Field(title="Weights")]
    method: Annotated[str, Field(title="Method")]
    """
    preset:<context>, a weighting method, or how several stakeholders were combined.
    """
    stakeholders: Annotated[list[str], Field(title="Stakeholders")]
    spread: Annotated[dict[str, dict[str, float]], Field(title="Spread")]
    """
    Per criterion, the lowest and highest weight a stakeholder gave it.
    """
    disagreements: Annotated[list[str], Field(title="Disagreements")]
    """
    Criteria whose weights differ by more than 0.10 between stakeholders.
    """


Alternative = TypeAliasType("Alternative", Annotated[str, Field(max_length=100, min_length=1)])


Alternatives = TypeAliasType(
    "Alternatives",
    Annotated[list[Alternative], Field(max_length=200, title="Alternatives")],
)
"""
Row names (default A1, A2, ...).
"""


Criterion = TypeAliasType("Criterion", Annotated[str, Field(max_length=100, min_length=1)])


Criteria = TypeAliasType(
    "Criteria", Annotated[list[Criterion], Field(max_length=100, title="Criteria")]
)
"""
Column names (default C1, C2, ...).
"""


MatrixItemItem = TypeAliasType(
    "MatrixItemItem",
    Annotated[float, Field(ge=-1000000000000000.0, le=1000000000000000.0)],
)


MatrixItem = TypeAliasType(
    "MatrixItem", Annotated[list[MatrixItemItem], Field(max_length=100, min_length=1)]
)


Weight = TypeAliasType("Weight", Annotated[float, Field(ge=0.0)])


class AgreementOut(ApiModel):
    """
    Other methods' rankings at expected values, with Kendall's tau.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    methods: Annotated[list[str], Field(title="Methods")]
    rankings: Annotated[dict[str, list[str]], Field(title="Rankings")]
    winners: Annotated[dict[str, str], Field(title="Winners")]
    kendall_tau: Annotated[list[list[float]] | None, Field(title="Kendall Tau")]
    not_applicable: Annotated[dict[str, str], Field(title="Not Applicable")]


PairwiseItem = TypeAliasType("PairwiseItem", Annotated[float, Field(gt=0.0, le=9.0)])


class AhpIn(ApiModel):
    """
    A pairwise comparison matrix on Saaty's 1/9-9 scale, reciprocal.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    criteria: Annotated[list[Criterion], Field(max_length=15, min_length=2, title="Criteria")]
    pairwise: Annotated[
        list[list[PairwiseItem]], Field(max_length=15, min_length=2, title="Pairwise")
    ]


class AmountRange(ApiModel):
    """
    A yearly amount in the project's currency, as a low-high range.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    low: Annotated[float, Field(ge=0.0, le=1000000000000.0, title="Low")]
    high: Annotated[float, Field(ge=0.0, le=1000000000000.0, title="High")]


class AnalysisPublic(ApiModel):
    """
    How an evaluation draws the weights and the unknown facts, and when it calls a verdict
    robust.
    """

    samples: Annotated[int, Field(title="Samples")]
    weight_spread: Annotated[float, Field(title="Weight Spread")]
    """
    Each weight may be off by up to this share of it.
    """
    robust_share: Annotated[float, Field(title="Robust Share")]
    """
    A winner is robust when it stays first in at least this share of the weight draws and of the completions of the unknown facts.
    """
    exchange_rates: Annotated[str, Field(title="Exchange Rates")]
    """
    Where default exchange rates come from.
    """


class AnswerReview(ApiModel):
    """
    The consultant's decision on an answer.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    decision: Annotated[Literal["accepted", "verified", "rejected"], Field(title="Decision")]
    """
    accepted: your firm's facts as vendor_declared; verified: as consultant_verified (you checked it); rejected: recorded nowhere.
    """


class BatchRowError(ApiModel):
    """
    A client row that could not be evaluated.
    """

    row: Annotated[int, Field(title="Row")]
    """
    Row in the file (header = 1); for JSON, the position.
    """
    client_name: Annotated[str, Field(title="Client Name")]
    column: Annotated[str, Field(title="Column")]
    """
    The column at fault; empty when the row as a whole.
    """
    reason: Annotated[str, Field(title="Reason")]


WebhookUrl = TypeAliasType(
    "WebhookUrl", Annotated[str, Field(max_length=2000, title="Webhook Url")]
)
"""
Called (signed POST) when the batch is done or failed: see the README for the signature.
"""


class BodyVendorRequestsUploadQuestionnaire(ApiModel):
    file: Annotated[
        str,
        Field(
            json_schema_extra={"contentMediaType": "application/octet-stream"},
            title="File",
        ),
    ]
    """
    The questionnaire, filled in (XLSX).
    """
    answered_by: Annotated[str, Field(max_length=150, min_length=1, title="Answered By")]
    """
    Who answered at the vendor (name, role).
    """


class Budget(ApiModel):
    """
    The client's budget over the TCO horizon, as a low-high range (004 §10).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    low: Annotated[float, Field(ge=0.0, le=1000000000000.0, title="Low")]
    high: Annotated[float, Field(ge=0.0, le=1000000000000.0, title="High")]
    currency: Annotated[
        Literal[
            "AUD",
            "CAD",
            "CHF",
            "CZK",
            "DKK",
            "EUR",
            "GBP",
            "INR",
            "JPY",
            "NOK",
            "PLN",
            "SEK",
            "USD",
        ]
        | None,
        Field(title="Currency"),
    ] = "EUR"


class CatalogVersionPublic(ApiModel):
    """
    One state of the public catalog.
    """

    id: Annotated[UUID, Field(title="Id")]
    content_hash: Annotated[str, Field(title="Content Hash")]
    product_count: Annotated[int, Field(title="Product Count")]
    created_at: Annotated[AwareDatetime, Field(title="Created At")]


class CatalogVersionsPublic(ApiModel):
    """
    Catalog versions, newest first.
    """

    data: Annotated[list[CatalogVersionPublic], Field(title="Data")]
    count: Annotated[int, Field(title="Count")]


class CellErrorOut(ApiModel):
    """
    A refused cell of a returned questionnaire, as the spreadsheet numbers its rows.
    """

    row: Annotated[int, Field(title="Row")]
    column: Annotated[str, Field(title="Column")]
    message: Annotated[str, Field(title="Message")]


Sponsors = TypeAliasType("Sponsors", Annotated[int, Field(ge=1, le=5, title="Sponsors")])


Governance = TypeAliasType("Governance", Annotated[int, Field(ge=1, le=5, title="Governance")])


ScopingPlanning = TypeAliasType(
    "ScopingPlanning", Annotated[int, Field(ge=1, le=5, title="Scoping Planning")]
)


HumanImpacts = TypeAliasType(
    "HumanImpacts", Annotated[int, Field(ge=1, le=5, title="Human Impacts")]
)


Communication = TypeAliasType(
    "Communication", Annotated[int, Field(ge=1, le=5, title="Communication")]
)


class ChangeReadiness(ApiModel):
    """
    The client's readiness on the five change-management factors (1 weak - 5 strong).

    Shown as risks and advice; never mixed into the products' scores.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    sponsors: Annotated[Sponsors | None, Field(title="Sponsors")] = None
    governance: Annotated[Governance | None, Field(title="Governance")] = None
    scoping_planning: Annotated[ScopingPlanning | None, Field(title="Scoping Planning")] = None
    human_impacts: Annotated[HumanImpacts | None, Field(title="Human Impacts")] = None
    communication: Annotated[Communication | None, Field(title="Communication")] = None


Source = TypeAliasType("Source", Annotated[str, Field(min_length=1, title="Source")])


Note = TypeAliasType("Note", Annotated[str, Field(min_length=1, title="Note")])


class CostRange(ApiModel):
    """
    A TCO over the horizon: a point when every fact is known, else its bounds.
    """

    low: Annotated[float | None, Field(title="Low")]
    mean: Annotated[float | None, Field(title="Mean")]
    high: Annotated[float | None, Field(title="High")]
    known: Annotated[bool, Field(title="Known")]


class CoverageRowOut(ApiModel):
    """
    How one product meets one need.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    requirement: Annotated[str, Field(title="Requirement")]
    kind: Annotated[str, Field(title="Kind")]
    priority: Annotated[str, Field(title="Priority")]
    availability: Annotated[str | None, Field(title="Availability")]
    depth: Annotated[float | None, Field(title="Depth")]
    in_editions: Annotated[list[str] | None, Field(title="In Editions")]
    status: Annotated[Literal["covered", "partial", "gap", "unknown"], Field(title="Status")]


class CriterionChange(ApiModel):
    """
    One criterion's expected value for one product, before and after (None: not compared
    on it in that evaluation).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    criterion: Annotated[str, Field(title="Criterion")]
    product: Annotated[str, Field(title="Product")]
    before: Annotated[float | None, Field(title="Before")]
    after: Annotated[float | None, Field(title="After")]
    known_before: Annotated[bool | None, Field(title="Known Before")]
    known_after: Annotated[bool | None, Field(title="Known After")]


class CriterionPublic(ApiModel):
    """
    One criterion: what it measures, how, and what happens when a fact is missing.
    """

    key: Annotated[str, Field(title="Key")]
    label_fr: Annotated[str, Field(title="Label Fr")]
    label_en: Annotated[str, Field(title="Label En")]
    objective: Annotated[str, Field(title="Objective")]
    unit: Annotated[str, Field(title="Unit")]
    formula: Annotated[str, Field(title="Formula")]
    when_missing: Annotated[str, Field(title="When Missing")]
    applies: Annotated[str, Field(title="Applies")]


Note1 = TypeAliasType("Note1", Annotated[str, Field(max_length=1000, title="Note")])


class DecisionImpact(ApiModel):
    """
    A requirement's two ratings (004 §07), 1 (low) to 5 (high).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    customer_impact: Annotated[int, Field(ge=1, le=5, title="Customer Impact")]
    """
    Positive impact for the end customer.
    """
    habit_change: Annotated[int, Field(ge=1, le=5, title="Habit Change")]
    """
    Change of habits it imposes on staff.
    """
    populations: Annotated[
        list[Literal["sales_field", "sales_office", "marketing", "service", "management"]] | None,
        Field(title="Populations"),
    ] = None
    """
    Whose habits change; by default those of the requirement's domain.
    """
    note: Annotated[Note1 | None, Field(title="Note")] = None


class Difference(ApiModel):
    """
    A criterion on which the products differ by more than 5 % of its scale.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    criterion: Annotated[str, Field(title="Criterion")]
    values: Annotated[dict[str, float], Field(title="Values")]
    best: Annotated[str, Field(title="Best")]
    """
    The best expected value.
    """
    certain: Annotated[bool, Field(title="Certain")]
    """
    Whether the best is better whatever the unknown facts are.
    """


class DisagreementOut(ApiModel):
    """
    An evaluator whose scores sit furthest from the median (a whole point or more).
    """

    evaluator: Annotated[str, Field(title="Evaluator")]
    role: Annotated[str, Field(title="Role")]
    mean: Annotated[float, Field(title="Mean")]
    distance: Annotated[float, Field(title="Distance")]


class EditionPrice(ApiModel):
    """
    An edition's list price, when published.
    """

    key: Annotated[str, Field(title="Key")]
    name: Annotated[str, Field(title="Name")]
    amount: Annotated[float | None, Field(title="Amount")]
    currency: Annotated[str | None, Field(title="Currency")]
    unit: Annotated[str | None, Field(title="Unit")]


class EvaluationSummary(ApiModel):
    """
    An evaluation in a listing.
    """

    id: Annotated[UUID, Field(title="Id")]
    project_id: Annotated[UUID, Field(title="Project Id")]
    method: Annotated[str, Field(title="Method")]
    project_version: Annotated[int, Field(title="Project Version")]
    catalog_version: Annotated[UUID | None, Field(title="Catalog Version")]
    input_hash: Annotated[str, Field(title="Input Hash")]
    winner: Annotated[str, Field(title="Winner")]
    include_eliminated: Annotated[bool, Field(title="Include Eliminated")]
    """
    Whether products a knock-out eliminates were compared anyway.
    """
    created_by: Annotated[str, Field(title="Created By")]
    created_at: Annotated[AwareDatetime, Field(title="Created At")]


class EvaluationsPublic(ApiModel):
    """
    A project's evaluations, newest first.
    """

    data: Annotated[list[EvaluationSummary], Field(title="Data")]
    count: Annotated[int, Field(title="Count")]


class EvidenceShare(ApiModel):
    """
    How many of the facts this client's requirements need are known for the product.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    known: Annotated[int, Field(title="Known")]
    unknown: Annotated[int, Field(title="Unknown")]
    share: Annotated[float, Field(title="Share")]


class FieldError(ApiModel):
    """
    One invalid input: where it is and why it is rejected.
    """

    field: Annotated[str, Field(title="Field")]
    """
    Path of the input, e.g. `body.weights[2]` or `query.limit`.
    """
    message: Annotated[str, Field(title="Message")]


class FirmPublic(ApiModel):
    """
    The caller's firm.
    """

    id: Annotated[UUID, Field(title="Id")]
    name: Annotated[str, Field(title="Name")]


Label = TypeAliasType("Label", Annotated[str, Field(max_length=200, min_length=1, title="Label")])
"""
Required for a custom line; otherwise the kind's or suggestion's name.
"""


Basis = TypeAliasType("Basis", Annotated[str, Field(max_length=1000, title="Basis")])
"""
How the figure was estimated, e.g. 'NPS 32 before, 41 targeted'.
"""


Users = TypeAliasType("Users", Annotated[int, Field(ge=0, le=1000000, title="Users")])
"""
time_saved: how many; default the population's count.
"""


HourlyCost = TypeAliasType(
    "HourlyCost",
    Annotated[float, Field(ge=0.0, le=1000000000000.0, title="Hourly Cost")],
)
"""
time_saved: loaded cost of an hour; default project.tco.internal_hourly_cost.
"""


class GainLineOut(ApiModel):
    """
    One stated gain line as it counts for one product.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    line: Annotated[int, Field(title="Line")]
    """
    Its index in project.gains.lines.
    """
    kind: Annotated[str, Field(title="Kind")]
    suggestion: Annotated[str | None, Field(title="Suggestion")]
    label_fr: Annotated[str, Field(title="Label Fr")]
    label_en: Annotated[str, Field(title="Label En")]
    basis: Annotated[str | None, Field(title="Basis")]
    from_year: Annotated[int, Field(title="From Year")]
    stated_low: Annotated[float, Field(title="Stated Low")]
    """
    A full year of it as stated, low end.
    """
    stated_high: Annotated[float, Field(title="Stated High")]
    per_year_low: Annotated[float, Field(title="Per Year Low")]
    """
    A full year of it for this product, low end.
    """
    per_year_expected: Annotated[float, Field(title="Per Year Expected")]
    """
    Its expected value: the middle, halved for each capability not known.
    """
    per_year_high: Annotated[float, Field(title="Per Year High")]
    status: Annotated[Literal["counts", "lacks", "unknown"], Field(title="Status")]
    """
    counts: the product is known to offer what the line relies on; lacks: known not to (the line is worth 0); unknown: not known (0 to the stated high).
    """
    capabilities: Annotated[list[str], Field(title="Capabilities")]
    """
    The capabilities lacking or not known.
    """


class Health(ApiModel):
    """
    The service is up and its database answers.
    """

    status: Annotated[Literal["ok"], Field(title="Status")]
    version: Annotated[str, Field(title="Version")]
    database: Annotated[str, Field(title="Database")]


class HoursRange(ApiModel):
    """
    Hours saved a week by each user of the population, as a low-high range.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    low: Annotated[float, Field(ge=0.0, le=60.0, title="Low")]
    high: Annotated[float, Field(ge=0.0, le=60.0, title="High")]


class InvitationCreate(ApiModel):
    """
    How long the link works and whether the client may see the comparison.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    expires_in_days: Annotated[int | None, Field(ge=1, le=90, title="Expires In Days")] = 14
    """
    Days the link works: 1 to 90.
    """
    show_results: Annotated[bool | None, Field(title="Show Results")] = False
    """
    Let the client see the comparison of the latest evaluation.
    """


class InvitationUpdate(ApiModel):
    """
    Allow or forbid the client to see the comparison.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    show_results: Annotated[bool, Field(title="Show Results")]


class LeftOut(ApiModel):
    """
    A criterion that could not tell the products apart, with its share of the weights.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    criterion: Annotated[str, Field(title="Criterion")]
    code: Annotated[Literal["no_facts", "no_bound", "same_value"], Field(title="Code")]
    """
    no_facts: no compared product has what it needs (a rating, a need in scope); no_bound: a value cannot even be ranged; same_value: all known and equal.
    """
    reason: Annotated[str, Field(title="Reason")]
    weight_share: Annotated[float, Field(title="Weight Share")]


class Live(ApiModel):
    """
    The process answers.
    """

    status: Annotated[Literal["ok"], Field(title="Status")]


class Matrix(ApiModel):
    """
    The decision matrix: expected values, the ends each is shown between, and which are one
    known figure. A net benefit's ends take in the client's stated gain ranges, which it is
    ranked at the middle of.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    products: Annotated[list[str], Field(title="Products")]
    criteria: Annotated[list[str], Field(title="Criteria")]
    objectives: Annotated[list[str], Field(title="Objectives")]
    values: Annotated[list[list[float]], Field(title="Values")]
    low: Annotated[list[list[float]], Field(title="Low")]
    high: Annotated[list[list[float]], Field(title="High")]
    known: Annotated[list[list[bool]], Field(title="Known")]


class OutcomeChange(ApiModel):
    """
    One product's place before and after (None: not compared in that evaluation).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    product: Annotated[str, Field(title="Product")]
    name: Annotated[str, Field(title="Name")]
    rank_before: Annotated[int | None, Field(title="Rank Before")]
    rank_after: Annotated[int | None, Field(title="Rank After")]
    score_before: Annotated[float | None, Field(title="Score Before")]
    score_after: Annotated[float | None, Field(title="Score After")]
    p_first_before: Annotated[float | None, Field(title="P First Before")]
    p_first_after: Annotated[float | None, Field(title="P First After")]


class PolicyPublic(ApiModel):
    """
    How one kind of unknown fact is ranged and drawn.
    """

    kind: Annotated[str, Field(title="Kind")]
    policy: Annotated[str, Field(title="Policy")]
    policy_fr: Annotated[str, Field(title="Policy Fr")]


class Populations(ApiModel):
    """
    CRM users per population; they react differently to a CRM (DOMAIN.md).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    sales_field: Annotated[int | None, Field(ge=0, le=1000000, title="Sales Field")] = 0
    sales_office: Annotated[int | None, Field(ge=0, le=1000000, title="Sales Office")] = 0
    marketing: Annotated[int | None, Field(ge=0, le=1000000, title="Marketing")] = 0
    service: Annotated[int | None, Field(ge=0, le=1000000, title="Service")] = 0
    management: Annotated[int | None, Field(ge=0, le=1000000, title="Management")] = 0


Sector = TypeAliasType("Sector", Annotated[str, Field(max_length=200, title="Sector")])


Notes = TypeAliasType("Notes", Annotated[str, Field(max_length=10000, title="Notes")])


class ProjectDeleted(ApiModel):
    """
    What deleting a project removed: its evaluations and history go with it.
    """

    id: Annotated[UUID, Field(title="Id")]
    deleted_evaluations: Annotated[int, Field(title="Deleted Evaluations")]
    deleted_history_events: Annotated[int, Field(title="Deleted History Events")]
    detail: Annotated[str, Field(title="Detail")]


class ProjectSummary(ApiModel):
    """
    A project in a listing.
    """

    id: Annotated[UUID, Field(title="Id")]
    client_name: Annotated[str, Field(title="Client Name")]
    context: Annotated[
        Literal["first_crm", "relaunch", "cloud_migration", "marketing_automation"],
        Field(title="ProjectContext"),
    ]
    """
    The four project contexts of the source articles (000-003).
    """
    version: Annotated[int, Field(title="Version")]
    updated_at: Annotated[AwareDatetime, Field(title="Updated At")]


Version = TypeAliasType("Version", Annotated[int, Field(ge=1, le=2147483647, title="Version")])
"""
The project version you read (or send its ETag as If-Match); a stale one gets 409.
"""


ClientName = TypeAliasType(
    "ClientName",
    Annotated[str, Field(max_length=200, min_length=1, title="Client Name")],
)


HorizonYears = TypeAliasType(
    "HorizonYears", Annotated[int, Field(ge=1, le=15, title="Horizon Years")]
)


class ProjectsPublic(ApiModel):
    """
    A page of projects.
    """

    data: Annotated[list[ProjectSummary], Field(title="Data")]
    count: Annotated[int, Field(title="Count")]


class QuestionOut(ApiModel):
    """
    A question that settles one unknown fact, in both languages, and who answers it.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    key: Annotated[str, Field(title="Key")]
    fr: Annotated[str, Field(title="Fr")]
    en: Annotated[str, Field(title="En")]
    about_fr: Annotated[str, Field(title="About Fr")]
    about_en: Annotated[str, Field(title="About En")]
    ask: Annotated[Literal["vendor", "demo"], Field(title="Ask")]
    influence: Annotated[float, Field(title="Influence")]
    blocks: Annotated[str | None, Field(title="Blocks")] = None
    """
    A criterion this fact leaves out of the comparison until it is answered (an unknown price with nothing to bound it): asked first.
    """


class RankingOut(ApiModel):
    """
    The point ranking (``criteria.Ranking.to_dict``).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    method: Annotated[str, Field(title="Method")]
    alternatives: Annotated[list[str], Field(title="Alternatives")]
    criteria: Annotated[list[str], Field(title="Criteria")]
    scores: Annotated[list[float], Field(title="Scores")]
    ranks: Annotated[list[int], Field(title="Ranks")]
    ranking: Annotated[list[str], Field(title="Ranking")]
    higher_is_better: Annotated[bool, Field(title="Higher Is Better")]
    details: Annotated[dict[str, Any], Field(title="Details")]
    contributions: Annotated[list[list[float]], Field(title="Contributions")]


class RateOut(ApiModel):
    """
    A conversion used: budget-currency units per unit of ``currency``.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    currency: Annotated[str, Field(title="Currency")]
    into: Annotated[str, Field(title="Into")]
    value: Annotated[float, Field(title="Value")]
    source: Annotated[str, Field(title="Source")]
    """
    "project" or the ECB reference rates
    """
    as_of: Annotated[str | None, Field(title="As Of")]


class RatingOut(ApiModel):
    """
    The demonstrations' rating of a product on one criterion: the value the project's
    evaluations use, as a `demo_verified` fact.
    """

    product: Annotated[str, Field(title="Product")]
    criterion: Annotated[str, Field(title="Criterion")]
    path: Annotated[str, Field(title="Path")]
    """
    The rating fact it sets in this project's evaluations.
    """
    median: Annotated[float, Field(title="Median")]
    low: Annotated[int, Field(title="Low")]
    high: Annotated[int, Field(title="High")]
    spread: Annotated[int, Field(title="Spread")]
    scores: Annotated[int, Field(title="Scores")]
    evaluators: Annotated[int, Field(title="Evaluators")]
    scenarios: Annotated[list[UUID], Field(title="Scenarios")]
    last_scored: Annotated[date, Field(title="Last Scored")]
    disagreeing: Annotated[list[DisagreementOut], Field(title="Disagreeing")]


class RatingsOut(ApiModel):
    """
    The project's demonstration ratings.
    """

    data: Annotated[list[RatingOut], Field(title="Data")]
    count: Annotated[int, Field(title="Count")]


class Ready(ApiModel):
    """
    The service can take requests: its database answers, and so does the job queue.
    """

    status: Annotated[Literal["ok"], Field(title="Status")]
    database: Annotated[str, Field(title="Database")]
    queue: Annotated[Literal["postgresql", "embedded"], Field(title="Queue")]
    """
    postgresql: batches go to `shortlist worker` processes; embedded: this service processes them (SQLite).
    """
    queue_workers: Annotated[int | None, Field(title="Queue Workers")]
    """
    Queue workers that reported recently (PostgreSQL); with none, batches wait. Not a reason to be unready: the API still takes them.
    """


class Risk(ApiModel):
    """
    A change-management factor the client rated, with advice.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    factor: Annotated[str, Field(title="Factor")]
    label_fr: Annotated[str, Field(title="Label Fr")]
    label_en: Annotated[str, Field(title="Label En")]
    score: Annotated[int, Field(title="Score")]
    level: Annotated[Literal["high", "watch", "low"], Field(title="Level")]
    advice_fr: Annotated[str | None, Field(title="Advice Fr")]
    advice_en: Annotated[str | None, Field(title="Advice En")]


Description = TypeAliasType(
    "Description", Annotated[str, Field(max_length=2000, title="Description")]
)
"""
The script, step by step.
"""


Criterion2 = TypeAliasType("Criterion2", Annotated[str, Field(max_length=120, min_length=1)])


Product = TypeAliasType("Product", Annotated[str, Field(max_length=100, min_length=1)])


class ScenarioCreate(ApiModel):
    """
    A scripted demonstration the finalists run.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    title: Annotated[str, Field(max_length=300, min_length=1, pattern="\\S", title="Title")]
    """
    What is shown, e.g. 'A field sales rep creates a quote offline'.
    """
    description: Annotated[Description | None, Field(title="Description")] = None
    """
    The script, step by step.
    """
    criteria: Annotated[list[Criterion2], Field(max_length=20, min_length=1, title="Criteria")]
    """
    What the scenario informs: `ease_of_use`, `ease_of_deployment`, `scalability`, `capability:<key>` (how deep it goes) or `domain:<domain>`.
    """
    products: Annotated[list[Product] | None, Field(max_length=10, title="Products")] = None
    """
    The products demonstrated; by default the newest evaluation's.
    """
    open_to_clients: Annotated[bool | None, Field(title="Open To Clients")] = False
    """
    Whether the client's key users score it through their invitation link.
    """


Title = TypeAliasType(
    "Title",
    Annotated[str, Field(max_length=300, min_length=1, pattern="\\S", title="Title")],
)


Description1 = TypeAliasType(
    "Description1", Annotated[str, Field(max_length=2000, title="Description")]
)


Criteria1Item = TypeAliasType("Criteria1Item", Annotated[str, Field(max_length=120, min_length=1)])


Criteria1 = TypeAliasType(
    "Criteria1",
    Annotated[list[Criteria1Item], Field(max_length=20, min_length=1, title="Criteria")],
)


class ScenarioUpdate(ApiModel):
    """
    What a scenario may change (its products stay: scores are given per product).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    title: Annotated[Title | None, Field(title="Title")] = None
    description: Annotated[Description1 | None, Field(title="Description")] = None
    criteria: Annotated[Criteria1 | None, Field(title="Criteria")] = None
    open_to_clients: Annotated[bool | None, Field(title="Open To Clients")] = None


Score = TypeAliasType("Score", Annotated[int, Field(ge=1, le=5, title="Score")])
"""
1: fails the scenario; 3: does it with effort; 5: does it with ease.
"""


Comment = TypeAliasType("Comment", Annotated[str, Field(max_length=2000, title="Comment")])


class ScoreGiven(ApiModel):
    """
    One product's score in the scenario (null withdraws your earlier one).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    product: Annotated[str, Field(max_length=100, min_length=1, title="Product")]
    score: Annotated[Score | None, Field(title="Score")]
    """
    1: fails the scenario; 3: does it with effort; 5: does it with ease.
    """
    comment: Annotated[Comment | None, Field(title="Comment")] = None


class ScoreOut(ApiModel):
    """
    A score, as kept.
    """

    id: Annotated[UUID, Field(title="Id")]
    product: Annotated[str, Field(title="Product")]
    evaluator: Annotated[str, Field(title="Evaluator")]
    role: Annotated[Literal["consultant", "client"], Field(title="Role")]
    score: Annotated[int, Field(title="Score")]
    comment: Annotated[str | None, Field(title="Comment")]
    scored_by: Annotated[str, Field(title="Scored By")]
    scored_at: Annotated[AwareDatetime, Field(title="Scored At")]


class ScoresGiven(ApiModel):
    """
    An evaluator's scores of the scenario's products.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    evaluator: Annotated[str, Field(max_length=200, min_length=1, pattern="\\S", title="Evaluator")]
    """
    Who scored: a name the client recognises.
    """
    scores: Annotated[list[ScoreGiven], Field(max_length=10, min_length=1, title="Scores")]


class SmaaAnalysisOut(ApiModel):
    """
    Rank acceptabilities ([i][k]: share of samples where i ranks k+1), central weights,
    confidence factors.
    """

    method: Annotated[str, Field(title="Method")]
    alternatives: Annotated[list[str], Field(title="Alternatives")]
    criteria: Annotated[list[str], Field(title="Criteria")]
    samples: Annotated[int, Field(title="Samples")]
    sampling: Annotated[str, Field(title="Sampling")]
    rank_acceptability: Annotated[list[list[float]], Field(title="Rank Acceptability")]
    central_weights: Annotated[list[list[float]], Field(title="Central Weights")]
    confidence: Annotated[list[float], Field(title="Confidence")]


Alternatives1Item = TypeAliasType(
    "Alternatives1Item", Annotated[str, Field(max_length=100, min_length=1)]
)


Alternatives1 = TypeAliasType(
    "Alternatives1",
    Annotated[list[Alternatives1Item], Field(max_length=200, title="Alternatives")],
)
"""
Row names (default A1, A2, ...).
"""


Criteria2Item = TypeAliasType("Criteria2Item", Annotated[str, Field(max_length=100, min_length=1)])


Criteria2 = TypeAliasType(
    "Criteria2", Annotated[list[Criteria2Item], Field(max_length=100, title="Criteria")]
)
"""
Column names (default C1, C2, ...).
"""


MatrixItem1Item = TypeAliasType(
    "MatrixItem1Item",
    Annotated[float, Field(ge=-1000000000000000.0, le=1000000000000000.0)],
)


MatrixItem1 = TypeAliasType(
    "MatrixItem1", Annotated[list[MatrixItem1Item], Field(max_length=100, min_length=1)]
)


Weights = TypeAliasType("Weights", Annotated[list[Weight], Field(max_length=100, title="Weights")])


Seed = TypeAliasType("Seed", Annotated[int, Field(ge=0, le=9223372036854776000, title="Seed")])


WeightBoundItem = TypeAliasType("WeightBoundItem", Annotated[float, Field(ge=0.0, le=1.0)])


WeightBound = TypeAliasType(
    "WeightBound", Annotated[list[WeightBoundItem], Field(max_length=2, min_length=2)]
)


WeightBounds = TypeAliasType(
    "WeightBounds",
    Annotated[list[WeightBound], Field(max_length=100, title="Weight Bounds")],
)
"""
[lower, upper] per criterion.
"""


class SmaaIn(ApiModel):
    """
    SMAA-2: weights sampled uniformly, around given weights, or within bounds.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    alternatives: Annotated[Alternatives1 | None, Field(title="Alternatives")] = None
    """
    Row names (default A1, A2, ...).
    """
    criteria: Annotated[Criteria2 | None, Field(title="Criteria")] = None
    """
    Column names (default C1, C2, ...).
    """
    matrix: Annotated[list[MatrixItem1], Field(max_length=200, min_length=2, title="Matrix")]
    """
    Performance values, finite.
    """
    objectives: Annotated[
        list[Literal["max", "min"]],
        Field(max_length=100, min_length=1, title="Objectives"),
    ]
    """
    max (benefit) or min (cost).
    """
    method: Annotated[
        Literal["topsis", "wsm", "wpm", "vikor", "promethee2", "electre1"] | None,
        Field(title="Method"),
    ] = "topsis"
    params: Annotated[dict[str, Any] | None, Field(title="Params")] = None
    """
    Method parameters, e.g. {"v": 0.5} (VIKOR), {"preference": "vshape", "p": 2} (PROMETHEE II), {"p": 0.65, "q": 0.35} (ELECTRE I).
    """
    weights: Annotated[Weights | None, Field(title="Weights")] = None
    samples: Annotated[int | None, Field(ge=1, le=100000, title="Samples")] = 10000
    """
    Weight vectors drawn; no more than fit about a second of computing for this matrix and method (a 422 says how many).
    """
    seed: Annotated[Seed | None, Field(title="Seed")] = None
    weight_bounds: Annotated[WeightBounds | None, Field(title="Weight Bounds")] = None
    """
    [lower, upper] per criterion.
    """
    spread: Annotated[float | None, Field(ge=0.0, lt=1.0, title="Spread")] = 0.5


class SmaaOut(ApiModel):
    """
    SMAA-2 indices over draws (``criteria.imprecise.JointSmaaResult.to_dict``).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    method: Annotated[str, Field(title="Method")]
    alternatives: Annotated[list[str], Field(title="Alternatives")]
    samples: Annotated[int, Field(title="Samples")]
    rank_acceptability: Annotated[list[list[float]], Field(title="Rank Acceptability")]
    first: Annotated[list[float], Field(title="First")]
    pairwise_winning: Annotated[list[list[float]], Field(title="Pairwise Winning")]
    best_rank: Annotated[list[int], Field(title="Best Rank")]
    worst_rank: Annotated[list[int], Field(title="Worst Rank")]
    mean_rank: Annotated[list[float], Field(title="Mean Rank")]
    score_range: Annotated[list[list[float]], Field(title="Score Range")]
    choice_entropy: Annotated[float, Field(title="Choice Entropy")]


class Spread(ApiModel):
    """
    A figure's pessimistic, expected and optimistic values (None: it does not exist there,
    e.g. no payback within the horizon; for a cost the pessimistic value is the highest).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    pessimistic: Annotated[float | None, Field(title="Pessimistic")]
    expected: Annotated[float | None, Field(title="Expected")]
    optimistic: Annotated[float | None, Field(title="Optimistic")]


class StabilityAnalysisOut(ApiModel):
    """
    Per criterion, the weight interval in which the winner stays first, and the smallest
    single-weight change that makes another alternative first.
    """

    method: Annotated[str, Field(title="Method")]
    alternatives: Annotated[list[str], Field(title="Alternatives")]
    criteria: Annotated[list[str], Field(title="Criteria")]
    winner: Annotated[str, Field(title="Winner")]
    weights: Annotated[list[float], Field(title="Weights")]
    intervals: Annotated[list[list[float]], Field(title="Intervals")]
    min_change: Annotated[float | None, Field(title="Min Change")]
    criterion: Annotated[str | None, Field(title="Criterion")]
    new_winner: Annotated[str | None, Field(title="New Winner")]


class StabilityOut(ApiModel):
    """
    Per-criterion weight intervals keeping the winner (``StabilityResult.to_dict``).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    method: Annotated[str, Field(title="Method")]
    alternatives: Annotated[list[str], Field(title="Alternatives")]
    criteria: Annotated[list[str], Field(title="Criteria")]
    winner: Annotated[str, Field(title="Winner")]
    weights: Annotated[list[float], Field(title="Weights")]
    intervals: Annotated[list[list[float]], Field(title="Intervals")]
    min_change: Annotated[float | None, Field(title="Min Change")]
    criterion: Annotated[str | None, Field(title="Criterion")]
    new_winner: Annotated[str | None, Field(title="New Winner")]


class StakeholderPublic(ApiModel):
    """
    A stakeholder's input, the weights derived from it and, for AHP, its consistency.
    """

    name: Annotated[str, Field(title="Name")]
    method: Annotated[str, Field(title="Method")]
    given: Annotated[dict[str, Any], Field(title="Given")]
    weights: Annotated[dict[str, float], Field(title="Weights")]
    consistency_ratio: Annotated[float | None, Field(title="Consistency Ratio")]
    consistent: Annotated[bool | None, Field(title="Consistent")]
    judgements_to_revisit: Annotated[list[dict[str, Any]], Field(title="Judgements To Revisit")]
    updated_at: Annotated[AwareDatetime, Field(title="Updated At")]


ExchangeRatesAdditionalProperty = TypeAliasType(
    "ExchangeRatesAdditionalProperty", Annotated[float, Field(gt=0.0, le=1000000.0)]
)


ImplementationDays = TypeAliasType(
    "ImplementationDays",
    Annotated[float, Field(ge=0.0, le=10000.0, title="Implementation Days")],
)
"""
Integrator days to set up the CRM, whatever the size. Empty: each product's own estimate when the catalog has one (deployment.implementation_days), else 15.
"""


class TcoAssumptions(ApiModel):
    """
    The cost assumptions of the TCO, each overridable per project.

    Vendor prices come from the catalog. Everything else is a planning assumption of
    Shortlist, not a market figure: the consultant should set it for each client. The
    maintenance default is the middle of the 15-20 % of 004 §05.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    exchange_rates: Annotated[
        dict[
            Literal[
                "AUD",
                "CAD",
                "CHF",
                "CZK",
                "DKK",
                "EUR",
                "GBP",
                "INR",
                "JPY",
                "NOK",
                "PLN",
                "SEK",
                "USD",
            ],
            ExchangeRatesAdditionalProperty,
        ]
        | None,
        Field(title="Exchange Rates"),
    ] = None
    """
    Units of the budget currency per unit of another currency, e.g. {"USD": 0.86}. Prices in a currency without a rate are treated as unpublished.
    """
    editions: Annotated[dict[str, str] | None, Field(title="Editions")] = None
    """
    Edition to price per product id, overriding the automatic choice.
    """
    integrator_day_rate: Annotated[
        float | None, Field(ge=0.0, le=1000000000000.0, title="Integrator Day Rate")
    ] = 900
    """
    Integrator day rate.
    """
    implementation_days: Annotated[
        ImplementationDays | None, Field(title="Implementation Days")
    ] = None
    """
    Integrator days to set up the CRM, whatever the size. Empty: each product's own estimate when the catalog has one (deployment.implementation_days), else 15.
    """
    implementation_days_per_user: Annotated[
        float | None, Field(ge=0.0, le=100.0, title="Implementation Days Per User")
    ] = 0.2
    """
    Further integrator days per user.
    """
    installation_days_on_premise: Annotated[
        float | None, Field(ge=0.0, le=1000.0, title="Installation Days On Premise")
    ] = 5
    """
    Extra days to install an on-premise product (none for SaaS).
    """
    project_management_pct: Annotated[
        float | None, Field(ge=0.0, le=100.0, title="Project Management Pct")
    ] = 15
    """
    Integrator fees (project management, specification, benchmark) as a % of the implementation services.
    """
    training_hours_per_user: Annotated[
        float | None, Field(ge=0.0, le=1000.0, title="Training Hours Per User")
    ] = 7
    """
    Initial training per user, in hours (year 1).
    """
    continuous_training_hours_per_user: Annotated[
        float | None,
        Field(ge=0.0, le=1000.0, title="Continuous Training Hours Per User"),
    ] = 2
    """
    Continuous training per user and year, from year 2.
    """
    trainer_day_rate: Annotated[
        float | None, Field(ge=0.0, le=1000000000000.0, title="Trainer Day Rate")
    ] = 900
    """
    Trainer day rate (7 hours).
    """
    internal_hours: Annotated[float | None, Field(ge=0.0, le=1000000.0, title="Internal Hours")] = (
        120
    )
    """
    Client staff hours on the project (year 1).
    """
    internal_hourly_cost: Annotated[
        float | None, Field(ge=0.0, le=1000000000000.0, title="Internal Hourly Cost")
    ] = 45
    """
    Loaded cost of a staff hour.
    """
    infrastructure_per_year: Annotated[
        float | None, Field(ge=0.0, le=1000000000000.0, title="Infrastructure Per Year")
    ] = 6000
    """
    Servers, backups, security software per year, on-premise only (004 §05).
    """
    maintenance_pct: Annotated[float | None, Field(ge=0.0, le=100.0, title="Maintenance Pct")] = (
        17.5
    )
    """
    Yearly maintenance as a % of the licences, when the catalog does not say (004 §05: typically 15-20 %).
    """


class TiedCandidate(ApiModel):
    """
    A product tied at the cut-off with the last candidate kept, but not kept.
    """

    id: Annotated[str, Field(title="Id")]
    product: Annotated[str, Field(title="Product")]
    screening_rank: Annotated[int, Field(title="Screening Rank")]
    score: Annotated[float, Field(title="Score")]


class UnknownFact(ApiModel):
    """
    A fact the sources do not give, its range, and how much it moves the outcome.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    key: Annotated[str, Field(title="Key")]
    product: Annotated[str, Field(title="Product")]
    path: Annotated[str, Field(title="Path")]
    kind: Annotated[str, Field(title="Kind")]
    low: Annotated[float, Field(title="Low")]
    high: Annotated[float, Field(title="High")]
    mean: Annotated[float, Field(title="Mean")]
    favourable_high: Annotated[bool, Field(title="Favourable High")]
    influence: Annotated[float, Field(title="Influence")]
    """
    How much first place moves between the fact's halves, 0-1.
    """
    change: Annotated[dict[str, float], Field(title="Change")]
    """
    Per product: P(first | upper half) - P(first | lower half).
    """
    question: QuestionOut


class VendorAnswerOut(ApiModel):
    """
    A vendor's answer and its review.
    """

    id: Annotated[UUID, Field(title="Id")]
    question: Annotated[str, Field(title="Question")]
    facts: Annotated[dict[str, Any], Field(title="Facts")]
    evidence_url: Annotated[str | None, Field(title="Evidence Url")]
    comment: Annotated[str | None, Field(title="Comment")]
    answered_by: Annotated[str, Field(title="Answered By")]
    answered_at: Annotated[AwareDatetime, Field(title="Answered At")]
    status: Annotated[
        Literal["pending", "accepted", "verified", "rejected"],
        Field(title="AnswerStatus"),
    ]
    """
    The consultant's review of an answer.
    """
    reviewed_by: Annotated[str | None, Field(title="Reviewed By")]
    reviewed_at: Annotated[AwareDatetime | None, Field(title="Reviewed At")]


class VendorQuestionOut(ApiModel):
    """
    One question, and the fact paths its answer may set.
    """

    key: Annotated[str, Field(title="Key")]
    kind: Annotated[str, Field(title="Kind")]
    fr: Annotated[str, Field(title="Fr")]
    en: Annotated[str, Field(title="En")]
    influence: Annotated[float | None, Field(title="Influence")]
    """
    How much the fact moves first place (0-1); null when you added it.
    """
    paths: Annotated[list[str], Field(title="Paths")]


Path = TypeAliasType("Path", Annotated[str, Field(max_length=200, min_length=1)])


class VendorRequestCreate(ApiModel):
    """
    Which product to ask about, what to add to the evaluation's questions, for how long.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    product: Annotated[str, Field(max_length=100, min_length=1, title="Product")]
    """
    The product's id, as the catalog or your firm names it.
    """
    paths: Annotated[list[Path] | None, Field(max_length=50, title="Paths")] = None
    """
    Facts to ask besides the evaluation's, by path: `capabilities.quotes.availability`, `editions.pro.price`, `hosting.countries`, `hosting.certifications`, `ui_languages`, `deployment.on_premise`, ...
    """
    limit: Annotated[int | None, Field(ge=1, le=30, title="Limit")] = 10
    """
    How many of the evaluation's most influential unknowns to ask.
    """
    expires_in_days: Annotated[int | None, Field(ge=1, le=90, title="Expires In Days")] = 21
    """
    Days the link works: 1 to 90.
    """


class VendorRequestCreated(ApiModel):
    """
    A new request with its link: send it to the vendor; it is shown only this once.
    """

    id: Annotated[UUID, Field(title="Id")]
    project_id: Annotated[UUID, Field(title="Project Id")]
    product: Annotated[str, Field(title="Product")]
    status: Annotated[
        Literal["active", "submitted", "expired", "revoked"],
        Field(title="RequestStatus"),
    ]
    """
    Whether the link still opens the questionnaire.
    """
    evaluation_id: Annotated[UUID | None, Field(title="Evaluation Id")]
    """
    The evaluation whose unknowns the questions come from.
    """
    expires_at: Annotated[AwareDatetime, Field(title="Expires At")]
    created_by: Annotated[str, Field(title="Created By")]
    created_at: Annotated[AwareDatetime, Field(title="Created At")]
    submitted_at: Annotated[AwareDatetime | None, Field(title="Submitted At")]
    questions: Annotated[list[VendorQuestionOut], Field(title="Questions")]
    url: Annotated[str, Field(title="Url")]
    """
    The questionnaire's address, with its unguessable token.
    """


class VendorRequestDetail(ApiModel):
    """
    A request with the vendor's answers.
    """

    id: Annotated[UUID, Field(title="Id")]
    project_id: Annotated[UUID, Field(title="Project Id")]
    product: Annotated[str, Field(title="Product")]
    status: Annotated[
        Literal["active", "submitted", "expired", "revoked"],
        Field(title="RequestStatus"),
    ]
    """
    Whether the link still opens the questionnaire.
    """
    evaluation_id: Annotated[UUID | None, Field(title="Evaluation Id")]
    """
    The evaluation whose unknowns the questions come from.
    """
    expires_at: Annotated[AwareDatetime, Field(title="Expires At")]
    created_by: Annotated[str, Field(title="Created By")]
    created_at: Annotated[AwareDatetime, Field(title="Created At")]
    submitted_at: Annotated[AwareDatetime | None, Field(title="Submitted At")]
    questions: Annotated[list[VendorQuestionOut], Field(title="Questions")]
    answers: Annotated[list[VendorAnswerOut], Field(title="Answers")]


class VendorRequestPublic(ApiModel):
    """
    A vendor request as stored: never its token.
    """

    id: Annotated[UUID, Field(title="Id")]
    project_id: Annotated[UUID, Field(title="Project Id")]
    product: Annotated[str, Field(title="Product")]
    status: Annotated[
        Literal["active", "submitted", "expired", "revoked"],
        Field(title="RequestStatus"),
    ]
    """
    Whether the link still opens the questionnaire.
    """
    evaluation_id: Annotated[UUID | None, Field(title="Evaluation Id")]
    """
    The evaluation whose unknowns the questions come from.
    """
    expires_at: Annotated[AwareDatetime, Field(title="Expires At")]
    created_by: Annotated[str, Field(title="Created By")]
    created_at: Annotated[AwareDatetime, Field(title="Created At")]
    submitted_at: Annotated[AwareDatetime | None, Field(title="Submitted At")]
    questions: Annotated[list[VendorQuestionOut], Field(title="Questions")]


class VendorRequestsPublic(ApiModel):
    """
    A project's vendor requests, newest first.
    """

    data: Annotated[list[VendorRequestPublic], Field(title="Data")]
    count: Annotated[int, Field(title="Count")]


class VendorSummary(ApiModel):
    """
    One product in a catalog listing.
    """

    id: Annotated[str, Field(title="Id")]
    """
    The product id, e.g. `pipedrive`.
    """
    vendor: Annotated[str, Field(title="Vendor")]
    product: Annotated[str, Field(title="Product")]
    visibility: Annotated[Literal["public", "private"], Field(title="Visibility")]
    origin_country: Annotated[str | None, Field(title="Origin Country")]
    deployment: Annotated[
        list[Literal["saas", "on_premise", "private_cloud"]], Field(title="Deployment")
    ]
    """
    Modes a source confirms.
    """
    hosting_regions: Annotated[list[str], Field(title="Hosting Regions")]
    hosting_countries: Annotated[list[str], Field(title="Hosting Countries")]
    domains: Annotated[dict[str, str | None], Field(title="Domains")]
    """
    Availability per functional domain.
    """
    ui_languages: Annotated[list[str], Field(title="Ui Languages")]
    editions: Annotated[list[EditionPrice], Field(title="Editions")]
    overridden_facts: Annotated[list[str], Field(title="Overridden Facts")]
    """
    Facts your firm has overridden.
    """


class VendorsPublic(ApiModel):
    """
    A page of products and how many match in all.
    """

    data: Annotated[list[VendorSummary], Field(title="Data")]
    count: Annotated[int, Field(title="Count")]


class VigilanceOut(ApiModel):
    """
    A requirement that imposes a strong change of habits (004 §07), and the advice.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    requirement: Annotated[str, Field(title="Requirement")]
    label_fr: Annotated[str, Field(title="Label Fr")]
    label_en: Annotated[str, Field(title="Label En")]
    customer_impact: Annotated[int, Field(title="Customer Impact")]
    habit_change: Annotated[int, Field(title="Habit Change")]
    populations: Annotated[list[str], Field(title="Populations")]
    resistant: Annotated[list[str], Field(title="Resistant")]
    weak_factors: Annotated[list[str], Field(title="Weak Factors")]
    level: Annotated[Literal["high", "watch"], Field(title="Level")]
    reconsider: Annotated[bool, Field(title="Reconsider")]
    advice_fr: Annotated[str, Field(title="Advice Fr")]
    advice_en: Annotated[str, Field(title="Advice En")]


class WeakOut(ApiModel):
    """
    A fact used whose evidence is weak (third party, or inferred).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    product: Annotated[str, Field(title="Product")]
    fact: Annotated[str, Field(title="Fact")]
    confidence: Annotated[str | None, Field(title="Confidence")]
    inferred: Annotated[bool, Field(title="Inferred")]
    source: Annotated[str | None, Field(title="Source")]


Alternatives2Item = TypeAliasType(
    "Alternatives2Item", Annotated[str, Field(max_length=100, min_length=1)]
)


Alternatives2 = TypeAliasType(
    "Alternatives2",
    Annotated[list[Alternatives2Item], Field(max_length=200, title="Alternatives")],
)
"""
Row names (default A1, A2, ...).
"""


Criteria3Item = TypeAliasType("Criteria3Item", Annotated[str, Field(max_length=100, min_length=1)])


Criteria3 = TypeAliasType(
    "Criteria3", Annotated[list[Criteria3Item], Field(max_length=100, title="Criteria")]
)
"""
Column names (default C1, C2, ...).
"""


MatrixItem2Item = TypeAliasType(
    "MatrixItem2Item",
    Annotated[float, Field(ge=-1000000000000000.0, le=1000000000000000.0)],
)


MatrixItem2 = TypeAliasType(
    "MatrixItem2", Annotated[list[MatrixItem2Item], Field(max_length=100, min_length=1)]
)


class WeightedProblem(ApiModel):
    """
    A decision matrix with one weight per criterion (>= 0, not all zero).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    alternatives: Annotated[Alternatives2 | None, Field(title="Alternatives")] = None
    """
    Row names (default A1, A2, ...).
    """
    criteria: Annotated[Criteria3 | None, Field(title="Criteria")] = None
    """
    Column names (default C1, C2, ...).
    """
    matrix: Annotated[list[MatrixItem2], Field(max_length=200, min_length=2, title="Matrix")]
    """
    Performance values, finite.
    """
    objectives: Annotated[
        list[Literal["max", "min"]],
        Field(max_length=100, min_length=1, title="Objectives"),
    ]
    """
    max (benefit) or min (cost).
    """
    method: Annotated[
        Literal["topsis", "wsm", "wpm", "vikor", "promethee2", "electre1"] | None,
        Field(title="Method"),
    ] = "topsis"
    params: Annotated[dict[str, Any] | None, Field(title="Params")] = None
    """
    Method parameters, e.g. {"v": 0.5} (VIKOR), {"preference": "vshape", "p": 2} (PROMETHEE II), {"p": 0.65, "q": 0.35} (ELECTRE I).
    """
    weights: Annotated[list[Weight], Field(max_length=100, min_length=1, title="Weights")]


class WeightsIn(ApiModel):
    """
    The project's weights and how its stakeholders' were combined.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    weights: Annotated[dict[str, float], Field(title="Weights")]
    method: Annotated[str, Field(title="Method")]
    stakeholders: Annotated[list[str], Field(title="Stakeholders")]
    spread: Annotated[dict[str, dict[str, float]], Field(title="Spread")]
    disagreements: Annotated[list[str], Field(title="Disagreements")]
    group_ahp: Annotated[dict[str, Any] | None, Field(title="Group Ahp")] = None


PointsAdditionalProperty = TypeAliasType(
    "PointsAdditionalProperty", Annotated[float, Field(ge=0.0, le=1000000.0)]
)


Order = TypeAliasType(
    "Order",
    Annotated[
        list[
            Literal[
                "fit_sales",
                "fit_marketing",
                "fit_service",
                "fit_field_service",
                "fit_platform",
                "tco",
                "adoption",
                "value_for_money",
                "ease_of_deployment",
                "scalability",
                "hosting_compliance",
            ]
        ],
        Field(max_length=10, min_length=1, title="Order"),
    ],
)


Criteria4 = TypeAliasType(
    "Criteria4",
    Annotated[
        list[
            Literal[
                "fit_sales",
                "fit_marketing",
                "fit_service",
                "fit_field_service",
                "fit_platform",
                "tco",
                "adoption",
                "value_for_money",
                "ease_of_deployment",
                "scalability",
                "hosting_compliance",
            ]
        ],
        Field(max_length=10, min_length=2, title="Criteria"),
    ],
)


Pairwise = TypeAliasType(
    "Pairwise",
    Annotated[list[list[PairwiseItem]], Field(max_length=10, min_length=2, title="Pairwise")],
)


class WeightsPut(ApiModel):
    """
    One stakeholder's priorities, replaced as a whole, with the project version.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    method: Annotated[Literal["direct", "rank", "ahp"], Field(title="WeightMethod")]
    """
    How a stakeholder expressed priorities.
    """
    points: Annotated[
        dict[
            Literal[
                "fit_sales",
                "fit_marketing",
                "fit_service",
                "fit_field_service",
                "fit_platform",
                "tco",
                "adoption",
                "value_for_money",
                "ease_of_deployment",
                "scalability",
                "hosting_compliance",
            ],
            PointsAdditionalProperty,
        ]
        | None,
        Field(title="Points"),
    ] = None
    order: Annotated[Order | None, Field(title="Order")] = None
    criteria: Annotated[Criteria4 | None, Field(title="Criteria")] = None
    pairwise: Annotated[Pairwise | None, Field(title="Pairwise")] = None
    version: Annotated[Version | None, Field(title="Version")] = None
    """
    The project version you read (or send its ETag as If-Match); a stale one gets 409.
    """


class YearCost(ApiModel):
    """
    One year of the horizon: the lowest, expected and highest cost.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    year: Annotated[int, Field(title="Year")]
    low: Annotated[float, Field(title="Low")]
    mean: Annotated[float, Field(title="Mean")]
    high: Annotated[float, Field(title="High")]


Note2 = TypeAliasType("Note2", Annotated[str, Field(min_length=1, title="Note")])


RatedBy = TypeAliasType("RatedBy", Annotated[str, Field(min_length=1, title="Rated By")])


ValueItem = TypeAliasType(
    "ValueItem",
    Annotated[str, Field(max_length=100, pattern="^[a-z0-9]+(_[a-z0-9]+)*$")],
)


Value = TypeAliasType("Value", Annotated[float, Field(ge=0.0, le=10000.0, title="Value")])


Value1 = TypeAliasType("Value1", Annotated[float, Field(ge=0.0, le=100.0, title="Value")])


Value2 = TypeAliasType("Value2", Annotated[int, Field(ge=0, le=600, title="Value")])


Value3 = TypeAliasType("Value3", Annotated[int, Field(ge=1, le=1000000, title="Value")])


Value4 = TypeAliasType("Value4", Annotated[str, Field(min_length=1, title="Value")])


Value5 = TypeAliasType("Value5", Annotated[float, Field(ge=0.0, le=5.0, title="Value")])


Amount = TypeAliasType("Amount", Annotated[float, Field(ge=0.0, le=1000000000.0, title="Amount")])


ReviewCount = TypeAliasType(
    "ReviewCount", Annotated[int, Field(ge=0, le=1000000000, title="Review Count")]
)


EaseOfUse = TypeAliasType("EaseOfUse", Annotated[float, Field(ge=0.0, le=5.0, title="Ease Of Use")])


EaseOfSetup = TypeAliasType(
    "EaseOfSetup", Annotated[float, Field(ge=0.0, le=5.0, title="Ease Of Setup")]
)


EaseOfAdmin = TypeAliasType(
    "EaseOfAdmin", Annotated[float, Field(ge=0.0, le=5.0, title="Ease Of Admin")]
)


QualityOfSupport = TypeAliasType(
    "QualityOfSupport",
    Annotated[float, Field(ge=0.0, le=5.0, title="Quality Of Support")],
)


Features = TypeAliasType("Features", Annotated[float, Field(ge=0.0, le=5.0, title="Features")])


ValueForMoney = TypeAliasType(
    "ValueForMoney", Annotated[float, Field(ge=0.0, le=5.0, title="Value For Money")]
)


class ReviewScore(ApiModel):
    """
    A public review-site score on a 0-5 scale, with the site's sub-ratings where it gives
    them. A sub-rating the site gives out of 10 (G2) is stored halved; the fact's note says so.
    These are the judgement of the site's reviewers, not a rating of the catalog.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    score: Annotated[float, Field(ge=0.0, le=5.0, title="Score")]
    review_count: Annotated[ReviewCount | None, Field(title="Review Count")] = None
    ease_of_use: Annotated[EaseOfUse | None, Field(title="Ease Of Use")] = None
    ease_of_setup: Annotated[EaseOfSetup | None, Field(title="Ease Of Setup")] = None
    ease_of_admin: Annotated[EaseOfAdmin | None, Field(title="Ease Of Admin")] = None
    quality_of_support: Annotated[QualityOfSupport | None, Field(title="Quality Of Support")] = None
    features: Annotated[Features | None, Field(title="Features")] = None
    value_for_money: Annotated[ValueForMoney | None, Field(title="Value For Money")] = None


class AgreementIn(ApiModel):
    """
    Several methods on the same problem; `params` go to `method` when it is among them,
    `method_params` give each method its own.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    alternatives: Annotated[Alternatives | None, Field(title="Alternatives")] = None
    """
    Row names (default A1, A2, ...).
    """
    criteria: Annotated[Criteria | None, Field(title="Criteria")] = None
    """
    Column names (default C1, C2, ...).
    """
    matrix: Annotated[list[MatrixItem], Field(max_length=200, min_length=2, title="Matrix")]
    """
    Performance values, finite.
    """
    objectives: Annotated[
        list[Literal["max", "min"]],
        Field(max_length=100, min_length=1, title="Objectives"),
    ]
    """
    max (benefit) or min (cost).
    """
    method: Annotated[
        Literal["topsis", "wsm", "wpm", "vikor", "promethee2", "electre1"] | None,
        Field(title="Method"),
    ] = "topsis"
    params: Annotated[dict[str, Any] | None, Field(title="Params")] = None
    """
    Method parameters, e.g. {"v": 0.5} (VIKOR), {"preference": "vshape", "p": 2} (PROMETHEE II), {"p": 0.65, "q": 0.35} (ELECTRE I).
    """
    weights: Annotated[list[Weight], Field(max_length=100, min_length=1, title="Weights")]
    methods: Annotated[
        list[Literal["topsis", "wsm", "wpm", "vikor", "promethee2", "electre1"]] | None,
        Field(max_length=6, min_length=2, title="Methods"),
    ] = None
    method_params: Annotated[
        dict[Literal["topsis", "wsm", "wpm", "vikor", "promethee2", "electre1"], dict[str, Any]]
        | None,
        Field(title="Method Params"),
    ] = None


class AhpOut(ApiModel):
    """
    AHP weights and consistency; the judgements to revisit when CR > 0.10.
    """

    criteria: Annotated[list[str], Field(title="Criteria")]
    pairwise: Annotated[list[list[float]], Field(title="Pairwise")]
    weights: Annotated[list[float], Field(title="Weights")]
    lambda_max: Annotated[float, Field(title="Lambda Max")]
    consistency_index: Annotated[float, Field(title="Consistency Index")]
    random_index: Annotated[float, Field(title="Random Index")]
    consistency_ratio: Annotated[float, Field(title="Consistency Ratio")]
    consistent: Annotated[bool, Field(title="Consistent")]
    inconsistent_judgements: Annotated[list[dict[str, Any]], Field(title="Inconsistent Judgements")]


class BatchPublic(ApiModel):
    """
    A batch's status and progress, and the rows that could not be evaluated.
    """

    id: Annotated[UUID, Field(title="Id")]
    status: Annotated[
        Literal["queued", "running", "done", "failed", "cancelled"],
        Field(title="Status"),
    ]
    filename: Annotated[str, Field(title="Filename")]
    input_format: Annotated[Literal["csv", "xlsx", "json"], Field(title="InputFormat")]
    """
    File formats a batch reads client profiles from.
    """
    output_format: Annotated[Literal["xlsx", "csv", "json"], Field(title="OutputFormat")]
    """
    File formats a batch writes its results to.
    """
    total: Annotated[int, Field(title="Total")]
    """
    Client rows in the file.
    """
    processed: Annotated[int, Field(title="Processed")]
    """
    Rows evaluated so far.
    """
    progress: Annotated[float, Field(ge=0.0, le=1.0, title="Progress")]
    """
    processed / total.
    """
    chunks: Annotated[int, Field(title="Chunks")]
    """
    Chunks the rows are stored and evaluated in.
    """
    chunks_done: Annotated[int, Field(title="Chunks Done")]
    """
    Chunks evaluated so far.
    """
    ranked: Annotated[int, Field(title="Ranked")]
    """
    Clients with at least one candidate.
    """
    without_candidate: Annotated[int, Field(title="Without Candidate")]
    """
    Clients for whom every product was eliminated.
    """
    failed_rows: Annotated[int, Field(title="Failed Rows")]
    """
    Rows that could not be evaluated.
    """
    error: Annotated[str | None, Field(title="Error")]
    """
    Why the batch as a whole failed.
    """
    attempts: Annotated[int, Field(title="Attempts")]
    """
    1 once started, plus 1 each time a chunk or the result file was run again after an error or a stopped worker.
    """
    result_url: Annotated[str | None, Field(title="Result Url")]
    """
    Where to download the result once done.
    """
    created_at: Annotated[AwareDatetime, Field(title="Created At")]
    updated_at: Annotated[AwareDatetime, Field(title="Updated At")]
    started_at: Annotated[AwareDatetime | None, Field(title="Started At")]
    finished_at: Annotated[AwareDatetime | None, Field(title="Finished At")]
    errors: Annotated[list[BatchRowError], Field(title="Errors")]
    """
    The first 200 rows that could not be evaluated.
    """


class BatchSummary(ApiModel):
    """
    A batch's status and progress.
    """

    id: Annotated[UUID, Field(title="Id")]
    status: Annotated[
        Literal["queued", "running", "done", "failed", "cancelled"],
        Field(title="Status"),
    ]
    filename: Annotated[str, Field(title="Filename")]
    input_format: Annotated[Literal["csv", "xlsx", "json"], Field(title="InputFormat")]
    """
    File formats a batch reads client profiles from.
    """
    output_format: Annotated[Literal["xlsx", "csv", "json"], Field(title="OutputFormat")]
    """
    File formats a batch writes its results to.
    """
    total: Annotated[int, Field(title="Total")]
    """
    Client rows in the file.
    """
    processed: Annotated[int, Field(title="Processed")]
    """
    Rows evaluated so far.
    """
    progress: Annotated[float, Field(ge=0.0, le=1.0, title="Progress")]
    """
    processed / total.
    """
    chunks: Annotated[int, Field(title="Chunks")]
    """
    Chunks the rows are stored and evaluated in.
    """
    chunks_done: Annotated[int, Field(title="Chunks Done")]
    """
    Chunks evaluated so far.
    """
    ranked: Annotated[int, Field(title="Ranked")]
    """
    Clients with at least one candidate.
    """
    without_candidate: Annotated[int, Field(title="Without Candidate")]
    """
    Clients for whom every product was eliminated.
    """
    failed_rows: Annotated[int, Field(title="Failed Rows")]
    """
    Rows that could not be evaluated.
    """
    error: Annotated[str | None, Field(title="Error")]
    """
    Why the batch as a whole failed.
    """
    attempts: Annotated[int, Field(title="Attempts")]
    """
    1 once started, plus 1 each time a chunk or the result file was run again after an error or a stopped worker.
    """
    result_url: Annotated[str | None, Field(title="Result Url")]
    """
    Where to download the result once done.
    """
    created_at: Annotated[AwareDatetime, Field(title="Created At")]
    updated_at: Annotated[AwareDatetime, Field(title="Updated At")]
    started_at: Annotated[AwareDatetime | None, Field(title="Started At")]
    finished_at: Annotated[AwareDatetime | None, Field(title="Finished At")]


class BatchesPublic(ApiModel):
    """
    A page of the firm's batches, most recent first, and how many there are.
    """

    data: Annotated[list[BatchSummary], Field(title="Data")]
    count: Annotated[int, Field(title="Count")]


class BodyBatchesCreateBatch(ApiModel):
    file: Annotated[
        str,
        Field(
            json_schema_extra={"contentMediaType": "application/octet-stream"},
            title="File",
        ),
    ]
    """
    Client profiles: CSV (UTF-8), XLSX or JSON, one row per client.
    """
    output_format: Annotated[Literal["xlsx", "csv", "json"] | None, Field(title="OutputFormat")] = (
        "xlsx"
    )
    """
    Format of the result file.
    """
    input_format: Literal["csv", "xlsx", "json"] | None = None
    """
    Format of the file; default: its extension.
    """
    webhook_url: Annotated[WebhookUrl | None, Field(title="Webhook Url")] = None
    """
    Called (signed POST) when the batch is done or failed: see the README for the signature.
    """


class CheckOut(ApiModel):
    """
    A knock-out constraint's outcome for a product, with the facts it rests on.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    constraint: Annotated[str, Field(title="Constraint")]
    status: Annotated[Literal["pass", "fail", "to_confirm"], Field(title="Status")]
    """
    fail: fails whatever the unknown facts are; to_confirm: an unknown fact (named in facts) decides it.
    """
    detail: Annotated[str, Field(title="Detail")]
    """
    The outcome in English.
    """
    facts: Annotated[list[str], Field(title="Facts")]
    code: Annotated[str | None, Field(title="Code")] = None
    """
    What the outcome says, for rendering it in another language with params (null in evaluations stored before codes existed: use detail).
    """
    params: Annotated[dict[str, Any] | None, Field(title="Params")] = None


class Claim(ApiModel):
    """
    A sourced statement that does not map to a fact of this profile.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    about: Annotated[str, Field(min_length=1, title="About")]
    text: Annotated[str, Field(min_length=1, title="Text")]


class Constraints(ApiModel):
    """
    Knock-outs: a product that fails one is eliminated, whatever its scores.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    hosting: Annotated[
        list[
            Literal[
                "AE",
                "AT",
                "AU",
                "BE",
                "BG",
                "BR",
                "CA",
                "CH",
                "CN",
                "CY",
                "CZ",
                "DE",
                "DK",
                "EE",
                "EEA",
                "EFTA",
                "ES",
                "EU",
                "FI",
                "FR",
                "GB",
                "GR",
                "HK",
                "HR",
                "HU",
                "IE",
                "IL",
                "IN",
                "IS",
                "IT",
                "JP",
                "KR",
                "LI",
                "LT",
                "LU",
                "LV",
                "MA",
                "MT",
                "MX",
                "NL",
                "NO",
                "NZ",
                "PL",
                "PT",
                "RO",
                "SA",
                "SE",
                "SG",
                "SI",
                "SK",
                "TN",
                "UA",
                "US",
                "ZA",
            ]
        ]
        | None,
        Field(title="Hosting"),
    ] = None
    """
    Allowed hosting places (EU, FR, ...); empty allows any.
    """
    deployment_modes: Annotated[
        list[Literal["saas", "on_premise", "private_cloud"]] | None,
        Field(title="Deployment Modes"),
    ] = None
    """
    Allowed deployment modes; empty allows any.
    """
    ui_languages: Annotated[
        list[
            Literal[
                "ar",
                "bg",
                "bn",
                "ca",
                "cs",
                "da",
                "de",
                "el",
                "en",
                "es",
                "et",
                "fa",
                "fi",
                "fr",
                "he",
                "hi",
                "hr",
                "hu",
                "id",
                "is",
                "it",
                "ja",
                "ko",
                "lt",
                "lv",
                "ms",
                "nl",
                "no",
                "pl",
                "pt",
                "ro",
                "ru",
                "sk",
                "sl",
                "sr",
                "sv",
                "th",
                "tl",
                "tr",
                "uk",
                "vi",
                "zh",
            ]
        ]
        | None,
        Field(title="Ui Languages"),
    ] = None
    """
    UI languages the product must offer.
    """
    certifications: Annotated[
        list[
            Literal[
                "c5",
                "csa_star",
                "cyber_essentials",
                "ens",
                "fedramp",
                "hds",
                "hipaa",
                "hitrust",
                "irap",
                "iso_22301",
                "iso_27001",
                "iso_27017",
                "iso_27018",
                "iso_27701",
                "iso_42001",
                "iso_9001",
                "pci_dss",
                "secnumcloud",
                "soc1",
                "soc2",
                "soc3",
                "tisax",
            ]
        ]
        | None,
        Field(title="Certifications"),
    ] = None
    """
    Certifications the service must hold.
    """
    budget_ceiling: Annotated[bool | None, Field(title="Budget Ceiling")] = True
    """
    Eliminate products whose TCO over the horizon exceeds budget.high.
    """


class CoverageOut(ApiModel):
    """
    Needs known covered, known missing, and unknown.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    rows: Annotated[list[CoverageRowOut], Field(title="Rows")]
    counts: Annotated[dict[str, int], Field(title="Counts")]
    gaps: Annotated[list[str], Field(title="Gaps")]
    """
    Must and should needs known to be missing.
    """
    to_confirm: Annotated[list[str], Field(title="To Confirm")]
    """
    Must and should needs whose availability is unknown.
    """


class CriteriaPublic(ApiModel):
    """
    Every criterion of the grid, and the policies for unknown facts.
    """

    data: Annotated[list[CriterionPublic], Field(title="Data")]
    count: Annotated[int, Field(title="Count")]
    policies: Annotated[list[PolicyPublic], Field(title="Policies")]
    analysis: AnalysisPublic


class Eliminated(ApiModel):
    """
    A product a constraint eliminates whatever its unknown facts are.
    """

    id: Annotated[str, Field(title="Id")]
    product: Annotated[str, Field(title="Product")]
    failed: Annotated[list[CheckOut], Field(title="Failed")]


class ErrorResponse(ApiModel):
    """
    The body of every error response.
    """

    error: Annotated[str, Field(title="Error")]
    """
    Stable machine-readable code, e.g. `validation_error`.
    """
    detail: Annotated[str, Field(title="Detail")]
    """
    What went wrong, in words.
    """
    fields: Annotated[list[FieldError] | None, Field(title="Fields")] = None


class EvaluationCreate(ApiModel):
    """
    Which products to compare, and how.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    products: Annotated[list[str], Field(max_length=10, min_length=2, title="Products")]
    """
    2 to 10 product ids.
    """
    method: Annotated[
        Literal["topsis", "wsm", "wpm", "vikor", "promethee2", "electre1"] | None,
        Field(title="Method"),
    ] = "topsis"
    params: Annotated[dict[str, Any] | None, Field(title="Params")] = None
    """
    Method parameters, e.g. {"v": 0.5} for VIKOR.
    """
    include_eliminated: Annotated[bool | None, Field(title="Include Eliminated")] = False
    """
    Compare products a knock-out constraint eliminates too (they are marked as eliminated in the result and the exports); without it, such a product is a 422.
    """


class EventPublic(ApiModel):
    """
    One change to a project.
    """

    id: Annotated[UUID, Field(title="Id")]
    actor: Annotated[str, Field(title="Actor")]
    action: Annotated[str, Field(title="Action")]
    version: Annotated[int, Field(title="Version")]
    detail: Annotated[dict[str, Any], Field(title="Detail")]
    created_at: Annotated[AwareDatetime, Field(title="Created At")]


class ExportJobPublic(ApiModel):
    """
    An export asked for asynchronously, and where to fetch its file once done.
    """

    id: Annotated[UUID, Field(title="Id")]
    evaluation_id: Annotated[UUID, Field(title="Evaluation Id")]
    format: Annotated[Literal["xlsx", "csv", "json", "html", "pdf"], Field(title="ExportFormat")]
    """
    The formats an evaluation exports to.
    """
    lang: Annotated[Literal["fr", "en"], Field(title="Lang")]
    """
    A language Shortlist speaks: French first, English too.
    """
    status: Annotated[Literal["queued", "running", "done", "failed"], Field(title="Status")]
    error: Annotated[str | None, Field(title="Error")]
    """
    Why the rendering failed.
    """
    file_url: Annotated[str | None, Field(title="File Url")]
    """
    Where to fetch the file once done.
    """
    created_at: Annotated[AwareDatetime, Field(title="Created At")]
    finished_at: Annotated[AwareDatetime | None, Field(title="Finished At")]


class ExportRequest(ApiModel):
    """
    An export to render in the background.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    format: Annotated[Literal["xlsx", "csv", "json", "html", "pdf"], Field(title="ExportFormat")]
    """
    xlsx, csv, json, html or pdf.
    """
    lang: Annotated[Literal["fr", "en"] | None, Field(title="Lang")] = "fr"
    """
    Language of the labels and the report.
    """


class FactPublic(ApiModel):
    """
    One fact with its provenance; `alternative` > 0 marks a value set aside.
    """

    path: Annotated[str, Field(title="Path")]
    value: Any
    source: Annotated[str | None, Field(title="Source")]
    as_of: Annotated[date | None, Field(title="As Of")]
    as_of_precision: Annotated[str, Field(title="As Of Precision")]
    confidence: Annotated[str | None, Field(title="Confidence")]
    note: Annotated[str | None, Field(title="Note")]
    inferred: Annotated[bool, Field(title="Inferred")]
    rated_by: Annotated[str | None, Field(title="Rated By")]
    alternative: Annotated[int, Field(title="Alternative")]
    overridden: Annotated[bool, Field(title="Overridden")]
    """
    Your firm's private value replaces the public one.
    """
    public_fact: Annotated[dict[str, Any] | None, Field(title="Public Fact")] = None
    """
    The public fact that your override replaces.
    """


class FactSide(ApiModel):
    """
    A fact as one evaluation used it.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    value: Any
    source: Annotated[str | None, Field(title="Source")]
    as_of: Annotated[str | None, Field(title="As Of")]
    confidence: Annotated[str | None, Field(title="Confidence")]


class FactsPatch(ApiModel):
    """
    Facts to set by path; null resets a fact (or removes your override of a public fact).
    """

    facts: Annotated[
        dict[str, dict[str, Any] | None],
        Field(max_length=200, min_length=1, title="Facts"),
    ]
    """
    Path -> fact, e.g. `{"editions.enterprise.price": {"value": {"amount": 140, "currency": "EUR", "unit": "user_month"}, "source": "quote Q-2026-114", "as_of": "2026-11-02", "confidence": "consultant_verified"}}`.
    """


class GainLine(ApiModel):
    """
    One expected gain, a range a year from `from_year` to the end of the horizon.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    kind: Annotated[
        Literal[
            "time_saved", "additional_sales", "retention", "fewer_lost_quotes", "support", "custom"
        ],
        Field(title="GainKind"),
    ]
    """
    What a gain line is made of.
    """
    suggestion: (
        Literal[
            "centralised_data",
            "dashboards",
            "targeting",
            "mobility",
            "field_rounds",
            "nps",
            "support_tickets",
        ]
        | None
    ) = None
    """
    The article's example this line follows, if any.
    """
    label: Annotated[Label | None, Field(title="Label")] = None
    """
    Required for a custom line; otherwise the kind's or suggestion's name.
    """
    basis: Annotated[Basis | None, Field(title="Basis")] = None
    """
    How the figure was estimated, e.g. 'NPS 32 before, 41 targeted'.
    """
    amount_per_year: AmountRange | None = None
    """
    Every kind but time_saved: the gain a year.
    """
    population: Annotated[
        Literal["sales_field", "sales_office", "marketing", "service", "management"] | None,
        Field(title="Population"),
    ] = None
    """
    time_saved: whose time is saved.
    """
    hours_per_week: HoursRange | None = None
    """
    time_saved: hours saved a week by each of its users.
    """
    users: Annotated[Users | None, Field(title="Users")] = None
    """
    time_saved: how many; default the population's count.
    """
    hourly_cost: Annotated[HourlyCost | None, Field(title="Hourly Cost")] = None
    """
    time_saved: loaded cost of an hour; default project.tco.internal_hourly_cost.
    """
    from_year: Annotated[int | None, Field(ge=1, le=15, title="From Year")] = 1
    """
    The first year the gain counts.
    """
    requires: Annotated[
        list[
            Literal[
                "activity_management",
                "built_in_invoicing",
                "contact_account_management",
                "cpq",
                "customer_portal",
                "dashboards",
                "data_import_deduplication",
                "document_generation",
                "e_signature",
                "email_campaigns",
                "email_integration",
                "erp_accounting_connectors",
                "event_management",
                "field_inventory",
                "forecasting",
                "knowledge_base",
                "lead_management",
                "lead_nurturing",
                "lead_scoring",
                "live_chat",
                "low_code_customisation",
                "marketing_automation",
                "mobile_app",
                "offline_mobile",
                "open_api",
                "opportunity_management",
                "pipeline_management",
                "product_catalogue",
                "quotes",
                "scheduling_dispatch",
                "segmentation",
                "service_reports",
                "sla_management",
                "telephony_cti",
                "ticketing",
                "web_forms_landing_pages",
                "work_orders",
                "workflow_automation",
            ]
        ]
        | None,
        Field(max_length=10, title="Requires"),
    ] = None
    """
    Capabilities the gain relies on: a product known to lack one gains nothing from the line, one not known to offer them gains 0 to the stated amount.
    """


class Gains(ApiModel):
    """
    The gains the client expects, and how they are added up.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    lines: Annotated[list[GainLine] | None, Field(max_length=30, title="Lines")] = None
    weeks_per_year: Annotated[float | None, Field(gt=0.0, le=52.0, title="Weeks Per Year")] = 45.0
    """
    Working weeks a year over which weekly time savings count.
    """
    discount_rate_pct: Annotated[
        float | None, Field(ge=0.0, le=50.0, title="Discount Rate Pct")
    ] = 0
    """
    Yearly discount rate in %; 0 adds the years up undiscounted.
    """
    shown: Annotated[bool | None, Field(title="Shown")] = True
    """
    Whether the client's result page shows the ROI.
    """
    value_for_money: Annotated[bool | None, Field(title="Value For Money")] = False
    """
    Rank on the net benefit over the horizon (stated gains minus TCO, undiscounted) in place of the TCO: the `value_for_money` criterion takes the cost's weight.
    """


class HistoryPublic(ApiModel):
    """
    A project's changes, newest first.
    """

    data: Annotated[list[EventPublic], Field(title="Data")]
    count: Annotated[int, Field(title="Count")]


class InvitationCreated(ApiModel):
    """
    A new invitation with its link: send it to the client; it is shown only this once.
    """

    id: Annotated[UUID, Field(title="Id")]
    project_id: Annotated[UUID, Field(title="Project Id")]
    status: Annotated[Literal["active", "expired", "revoked"], Field(title="InvitationStatus")]
    """
    Whether an invitation still opens the questionnaire.
    """
    show_results: Annotated[bool, Field(title="Show Results")]
    expires_at: Annotated[AwareDatetime, Field(title="Expires At")]
    created_by: Annotated[str, Field(title="Created By")]
    created_at: Annotated[AwareDatetime, Field(title="Created At")]
    revoked_at: Annotated[AwareDatetime | None, Field(title="Revoked At")]
    answered_steps: Annotated[
        list[Literal["company", "users", "scope", "constraints", "gains", "priorities"]],
        Field(title="Answered Steps"),
    ]
    """
    Steps the client has answered so far.
    """
    answered_at: Annotated[AwareDatetime | None, Field(title="Answered At")]
    """
    When the client last saved an answer.
    """
    url: Annotated[str, Field(title="Url")]
    """
    The questionnaire's address, with its unguessable token.
    """


class InvitationPublic(ApiModel):
    """
    An invitation as stored: never its token, which only the creation response shows.
    """

    id: Annotated[UUID, Field(title="Id")]
    project_id: Annotated[UUID, Field(title="Project Id")]
    status: Annotated[Literal["active", "expired", "revoked"], Field(title="InvitationStatus")]
    """
    Whether an invitation still opens the questionnaire.
    """
    show_results: Annotated[bool, Field(title="Show Results")]
    expires_at: Annotated[AwareDatetime, Field(title="Expires At")]
    created_by: Annotated[str, Field(title="Created By")]
    created_at: Annotated[AwareDatetime, Field(title="Created At")]
    revoked_at: Annotated[AwareDatetime | None, Field(title="Revoked At")]
    answered_steps: Annotated[
        list[Literal["company", "users", "scope", "constraints", "gains", "priorities"]],
        Field(title="Answered Steps"),
    ]
    """
    Steps the client has answered so far.
    """
    answered_at: Annotated[AwareDatetime | None, Field(title="Answered At")]
    """
    When the client last saved an answer.
    """


class InvitationsPublic(ApiModel):
    """
    A page of a project's invitations.
    """

    data: Annotated[list[InvitationPublic], Field(title="Data")]
    count: Annotated[int, Field(title="Count")]


class KnockoutOut(ApiModel):
    """
    Every constraint's outcome for one product.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    eliminated: Annotated[bool, Field(title="Eliminated")]
    checks: Annotated[list[CheckOut], Field(title="Checks")]


class MethodAgreementOut(ApiModel):
    """
    Each method's ranking side by side, with Kendall's tau between every pair.
    """

    methods: Annotated[list[str], Field(title="Methods")]
    alternatives: Annotated[list[str], Field(title="Alternatives")]
    rankings: Annotated[dict[str, RankingOut], Field(title="Rankings")]
    ranks: Annotated[list[list[int]], Field(title="Ranks")]
    kendall_tau: Annotated[list[list[float]], Field(title="Kendall Tau")]


class PriceBoundOut(ApiModel):
    """
    One end of a catalog price range, per user (per month for SaaS), with its source.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    amount: Annotated[float, Field(title="Amount")]
    product: Annotated[str, Field(title="Product")]
    product_name: Annotated[str, Field(title="Product Name")]
    edition: Annotated[str, Field(title="Edition")]
    edition_name: Annotated[str, Field(title="Edition Name")]
    list_amount: Annotated[float, Field(title="List Amount")]
    currency: Annotated[str, Field(title="Currency")]
    unit: Annotated[str, Field(title="Unit")]
    source: Annotated[str | None, Field(title="Source")]
    as_of: Annotated[str | None, Field(title="As Of")]
    rate: RateOut | None


class PriceOptionOut(ApiModel):
    """
    An edition the client may have to buy, with its price or its bounds.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    edition: Annotated[str | None, Field(title="Edition")]
    edition_name: Annotated[str | None, Field(title="Edition Name")]
    unit: Annotated[str, Field(title="Unit")]
    low: Annotated[float | None, Field(title="Low")]
    """
    None when neither a list price nor bounds exist.
    """
    high: Annotated[float | None, Field(title="High")]
    known: Annotated[bool, Field(title="Known")]
    seats_billed: Annotated[int, Field(title="Seats Billed")]
    list_amount: Annotated[float | None, Field(title="List Amount")]
    list_currency: Annotated[str | None, Field(title="List Currency")]
    billed: Annotated[str | None, Field(title="Billed")]
    source: Annotated[str | None, Field(title="Source")]
    as_of: Annotated[str | None, Field(title="As Of")]
    confidence: Annotated[str | None, Field(title="Confidence")]
    rate: RateOut | None
    bounds: Annotated[list[PriceBoundOut], Field(title="Bounds")]


class ProductOutcome(ApiModel):
    """
    One compared product: its place, its chances and how much is known about it.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    id: Annotated[str, Field(title="Id")]
    name: Annotated[str, Field(title="Name")]
    vendor: Annotated[str | None, Field(title="Vendor")]
    rank: Annotated[int, Field(title="Rank")]
    """
    Rank at expected values and stated weights (1 is best).
    """
    score: Annotated[float, Field(title="Score")]
    p_first: Annotated[float | None, Field(title="P First")]
    """
    Probability of ranking first over the joint draws of weights and unknowns.
    """
    best_rank: Annotated[int, Field(title="Best Rank")]
    worst_rank: Annotated[int, Field(title="Worst Rank")]
    most_probable_rank: Annotated[int | None, Field(title="Most Probable Rank")]
    mean_rank: Annotated[float | None, Field(title="Mean Rank")]
    score_low: Annotated[float | None, Field(title="Score Low")]
    score_high: Annotated[float | None, Field(title="Score High")]
    eliminated: Annotated[bool, Field(title="Eliminated")]
    evidence: EvidenceShare
    questions: Annotated[list[QuestionOut], Field(title="Questions")]


class Project(ApiModel):
    """
    Everything the selection needs to know about one client project.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    client_name: Annotated[str, Field(max_length=200, min_length=1, title="Client Name")]
    sector: Annotated[Sector | None, Field(title="Sector")] = None
    size: Literal["micro", "small", "medium", "large", "enterprise"] | None = None
    context: Annotated[
        Literal["first_crm", "relaunch", "cloud_migration", "marketing_automation"],
        Field(title="ProjectContext"),
    ]
    """
    The four project contexts of the source articles (000-003).
    """
    users: Populations | None = None
    horizon_years: Annotated[int | None, Field(ge=1, le=15, title="Horizon Years")] = 3
    budget: Budget | None = None
    notes: Annotated[Notes | None, Field(title="Notes")] = None
    tco: TcoAssumptions | None = None
    gains: Gains | None = None
    """
    The gains the client expects a year (004 §09); with them, each finalist's return on investment. None: no gain is stated, no ROI is shown.
    """


class ProjectCreate(ApiModel):
    """
    A new client project.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    client_name: Annotated[str, Field(max_length=200, min_length=1, title="Client Name")]
    sector: Annotated[Sector | None, Field(title="Sector")] = None
    size: Literal["micro", "small", "medium", "large", "enterprise"] | None = None
    context: Annotated[
        Literal["first_crm", "relaunch", "cloud_migration", "marketing_automation"],
        Field(title="ProjectContext"),
    ]
    """
    The four project contexts of the source articles (000-003).
    """
    users: Populations | None = None
    horizon_years: Annotated[int | None, Field(ge=1, le=15, title="Horizon Years")] = 3
    budget: Budget | None = None
    notes: Annotated[Notes | None, Field(title="Notes")] = None
    tco: TcoAssumptions | None = None
    gains: Gains | None = None
    """
    The gains the client expects a year (004 §09); with them, each finalist's return on investment. None: no gain is stated, no ROI is shown.
    """


class ProjectUpdate(ApiModel):
    """
    Fields to change on a project (absent fields stay as they are), and its version.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    version: Annotated[Version | None, Field(title="Version")] = None
    """
    The project version you read (or send its ETag as If-Match); a stale one gets 409.
    """
    client_name: Annotated[ClientName | None, Field(title="Client Name")] = None
    sector: Annotated[Sector | None, Field(title="Sector")] = None
    size: Literal["micro", "small", "medium", "large", "enterprise"] | None = None
    context: Literal["first_crm", "relaunch", "cloud_migration", "marketing_automation"] | None = (
        None
    )
    users: Populations | None = None
    horizon_years: Annotated[HorizonYears | None, Field(title="Horizon Years")] = None
    budget: Budget | None = None
    notes: Annotated[Notes | None, Field(title="Notes")] = None
    tco: TcoAssumptions | None = None
    gains: Gains | None = None


class QuestionnaireImported(ApiModel):
    """
    What a returned questionnaire gave.
    """

    kept: Annotated[list[str], Field(title="Kept")]
    """
    The questions answered and kept, pending review.
    """
    errors: Annotated[list[CellErrorOut], Field(title="Errors")]
    """
    Refused cells; the other rows of a refused cell's question are not kept.
    """
    answers: Annotated[list[VendorAnswerOut], Field(title="Answers")]


class Requirements(ApiModel):
    """
    Domains and capabilities with their priority, the knock-outs, and change readiness.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    domains: Annotated[
        dict[
            Literal["sales", "marketing", "service", "field_service"],
            Literal["must", "should", "could", "none"],
        ]
        | None,
        Field(title="Domains"),
    ] = None
    """
    Priority per functional domain; missing means none.
    """
    capabilities: Annotated[
        dict[
            Literal[
                "activity_management",
                "built_in_invoicing",
                "contact_account_management",
                "cpq",
                "customer_portal",
                "dashboards",
                "data_import_deduplication",
                "document_generation",
                "e_signature",
                "email_campaigns",
                "email_integration",
                "erp_accounting_connectors",
                "event_management",
                "field_inventory",
                "forecasting",
                "knowledge_base",
                "lead_management",
                "lead_nurturing",
                "lead_scoring",
                "live_chat",
                "low_code_customisation",
                "marketing_automation",
                "mobile_app",
                "offline_mobile",
                "open_api",
                "opportunity_management",
                "pipeline_management",
                "product_catalogue",
                "quotes",
                "scheduling_dispatch",
                "segmentation",
                "service_reports",
                "sla_management",
                "telephony_cti",
                "ticketing",
                "web_forms_landing_pages",
                "work_orders",
                "workflow_automation",
            ],
            Literal["must", "should", "could", "none"],
        ]
        | None,
        Field(title="Capabilities"),
    ] = None
    """
    MoSCoW priority per capability.
    """
    constraints: Constraints | None = None
    change_readiness: ChangeReadiness | None = None
    impacts: Annotated[
        dict[
            Literal[
                "domain:sales",
                "domain:marketing",
                "domain:service",
                "domain:field_service",
                "capability:contact_account_management",
                "capability:lead_management",
                "capability:opportunity_management",
                "capability:pipeline_management",
                "capability:activity_management",
                "capability:quotes",
                "capability:cpq",
                "capability:product_catalogue",
                "capability:forecasting",
                "capability:document_generation",
                "capability:e_signature",
                "capability:email_campaigns",
                "capability:marketing_automation",
                "capability:lead_scoring",
                "capability:lead_nurturing",
                "capability:segmentation",
                "capability:web_forms_landing_pages",
                "capability:event_management",
                "capability:ticketing",
                "capability:knowledge_base",
                "capability:customer_portal",
                "capability:sla_management",
                "capability:live_chat",
                "capability:work_orders",
                "capability:scheduling_dispatch",
                "capability:field_inventory",
                "capability:service_reports",
                "capability:mobile_app",
                "capability:offline_mobile",
                "capability:dashboards",
                "capability:workflow_automation",
                "capability:low_code_customisation",
                "capability:open_api",
                "capability:erp_accounting_connectors",
                "capability:built_in_invoicing",
                "capability:email_integration",
                "capability:telephony_cti",
                "capability:data_import_deduplication",
                "constraint:hosting",
                "constraint:deployment_modes",
                "constraint:ui_languages",
                "constraint:certifications",
                "constraint:budget",
            ],
            DecisionImpact,
        ]
        | None,
        Field(max_length=47, title="Impacts"),
    ] = None
    """
    Decision impact per requirement (004 §07): `domain:<domain>`, `capability:<key>` or `constraint:<hosting|deployment_modes|ui_languages|certifications|budget>`, each rated 1-5 for the end customer and for staff habits.
    """


class RequirementsPut(ApiModel):
    """
    The project's requirements, replaced as a whole, with the project version.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    domains: Annotated[
        dict[
            Literal["sales", "marketing", "service", "field_service"],
            Literal["must", "should", "could", "none"],
        ]
        | None,
        Field(title="Domains"),
    ] = None
    """
    Priority per functional domain; missing means none.
    """
    capabilities: Annotated[
        dict[
            Literal[
                "activity_management",
                "built_in_invoicing",
                "contact_account_management",
                "cpq",
                "customer_portal",
                "dashboards",
                "data_import_deduplication",
                "document_generation",
                "e_signature",
                "email_campaigns",
                "email_integration",
                "erp_accounting_connectors",
                "event_management",
                "field_inventory",
                "forecasting",
                "knowledge_base",
                "lead_management",
                "lead_nurturing",
                "lead_scoring",
                "live_chat",
                "low_code_customisation",
                "marketing_automation",
                "mobile_app",
                "offline_mobile",
                "open_api",
                "opportunity_management",
                "pipeline_management",
                "product_catalogue",
                "quotes",
                "scheduling_dispatch",
                "segmentation",
                "service_reports",
                "sla_management",
                "telephony_cti",
                "ticketing",
                "web_forms_landing_pages",
                "work_orders",
                "workflow_automation",
            ],
            Literal["must", "should", "could", "none"],
        ]
        | None,
        Field(title="Capabilities"),
    ] = None
    """
    MoSCoW priority per capability.
    """
    constraints: Constraints | None = None
    change_readiness: ChangeReadiness | None = None
    impacts: Annotated[
        dict[
            Literal[
                "domain:sales",
                "domain:marketing",
                "domain:service",
                "domain:field_service",
                "capability:contact_account_management",
                "capability:lead_management",
                "capability:opportunity_management",
                "capability:pipeline_management",
                "capability:activity_management",
                "capability:quotes",
                "capability:cpq",
                "capability:product_catalogue",
                "capability:forecasting",
                "capability:document_generation",
                "capability:e_signature",
                "capability:email_campaigns",
                "capability:marketing_automation",
                "capability:lead_scoring",
                "capability:lead_nurturing",
                "capability:segmentation",
                "capability:web_forms_landing_pages",
                "capability:event_management",
                "capability:ticketing",
                "capability:knowledge_base",
                "capability:customer_portal",
                "capability:sla_management",
                "capability:live_chat",
                "capability:work_orders",
                "capability:scheduling_dispatch",
                "capability:field_inventory",
                "capability:service_reports",
                "capability:mobile_app",
                "capability:offline_mobile",
                "capability:dashboards",
                "capability:workflow_automation",
                "capability:low_code_customisation",
                "capability:open_api",
                "capability:erp_accounting_connectors",
                "capability:built_in_invoicing",
                "capability:email_integration",
                "capability:telephony_cti",
                "capability:data_import_deduplication",
                "constraint:hosting",
                "constraint:deployment_modes",
                "constraint:ui_languages",
                "constraint:certifications",
                "constraint:budget",
            ],
            DecisionImpact,
        ]
        | None,
        Field(max_length=47, title="Impacts"),
    ] = None
    """
    Decision impact per requirement (004 §07): `domain:<domain>`, `capability:<key>` or `constraint:<hosting|deployment_modes|ui_languages|certifications|budget>`, each rated 1-5 for the end customer and for staff habits.
    """
    version: Annotated[Version | None, Field(title="Version")] = None
    """
    The project version you read (or send its ETag as If-Match); a stale one gets 409.
    """


class Robustness(ApiModel):
    """
    How far the verdict holds: to the weights, to the missing facts, and to both.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    winner: Annotated[str, Field(title="Winner")]
    most_probable: Annotated[list[str], Field(title="Most Probable")]
    """
    The products first most often (ties listed).
    """
    threshold: Annotated[float, Field(title="Threshold")]
    to_weights: Annotated[dict[str, float] | None, Field(title="To Weights")]
    """
    P(first) per product with the weights drawn, unknowns at expected values.
    """
    to_facts: Annotated[dict[str, float] | None, Field(title="To Facts")]
    """
    P(first) per product with the unknowns drawn, weights as stated.
    """
    joint: Annotated[dict[str, float] | None, Field(title="Joint")]
    robust: Annotated[bool, Field(title="Robust")]
    verdict: Annotated[
        Literal[
            "robust", "depends_on_weights", "depends_on_facts", "depends_on_both", "not_sampled"
        ],
        Field(title="Verdict"),
    ]
    samples: Annotated[int, Field(title="Samples")]
    weight_spread: Annotated[float, Field(title="Weight Spread")]
    joint_smaa: SmaaOut | None
    weights_smaa: SmaaOut | None
    facts_smaa: SmaaOut | None
    stability: StabilityOut
    agreement: AgreementOut


class RoiYear(ApiModel):
    """
    One year: the gains for this product (the stated ones it can get, undiscounted), the
    net benefit and its running total (discounted when the method says so).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    year: Annotated[int, Field(title="Year")]
    gains_low: Annotated[float, Field(title="Gains Low")]
    gains_high: Annotated[float, Field(title="Gains High")]
    net: Spread
    cumulative: Spread


class ScenarioOut(ApiModel):
    """
    A scenario with its scores.
    """

    id: Annotated[UUID, Field(title="Id")]
    project_id: Annotated[UUID, Field(title="Project Id")]
    title: Annotated[str, Field(title="Title")]
    description: Annotated[str | None, Field(title="Description")]
    criteria: Annotated[list[str], Field(title="Criteria")]
    products: Annotated[list[str], Field(title="Products")]
    open_to_clients: Annotated[bool, Field(title="Open To Clients")]
    created_by: Annotated[str, Field(title="Created By")]
    created_at: Annotated[AwareDatetime, Field(title="Created At")]
    scores: Annotated[list[ScoreOut], Field(title="Scores")]


class ScenariosOut(ApiModel):
    """
    A project's scenarios, oldest first.
    """

    data: Annotated[list[ScenarioOut], Field(title="Data")]
    count: Annotated[int, Field(title="Count")]


class Summary(ApiModel):
    """
    The verdict in plain words, and the comparative claims it makes.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    fr: Annotated[str, Field(title="Fr")]
    en: Annotated[str, Field(title="En")]
    claims: Annotated[list[Claim], Field(title="Claims")]


class VendorDetail(ApiModel):
    """
    A product with every fact and its provenance.
    """

    id: Annotated[str, Field(title="Id")]
    """
    The product id, e.g. `pipedrive`.
    """
    vendor: Annotated[str, Field(title="Vendor")]
    product: Annotated[str, Field(title="Product")]
    visibility: Annotated[Literal["public", "private"], Field(title="Visibility")]
    origin_country: Annotated[str | None, Field(title="Origin Country")]
    deployment: Annotated[
        list[Literal["saas", "on_premise", "private_cloud"]], Field(title="Deployment")
    ]
    """
    Modes a source confirms.
    """
    hosting_regions: Annotated[list[str], Field(title="Hosting Regions")]
    hosting_countries: Annotated[list[str], Field(title="Hosting Countries")]
    domains: Annotated[dict[str, str | None], Field(title="Domains")]
    """
    Availability per functional domain.
    """
    ui_languages: Annotated[list[str], Field(title="Ui Languages")]
    editions: Annotated[list[EditionPrice], Field(title="Editions")]
    overridden_facts: Annotated[list[str], Field(title="Overridden Facts")]
    """
    Facts your firm has overridden.
    """
    catalog_version: Annotated[str | None, Field(title="Catalog Version")]
    """
    Latest catalog version id.
    """
    stale_overrides: Annotated[list[str], Field(title="Stale Overrides")]
    """
    Your overrides that no longer fit the public profile and are not applied.
    """
    facts: Annotated[list[FactPublic], Field(title="Facts")]
    profile: Annotated[dict[str, Any], Field(title="Profile")]
    """
    The profile, in the catalog file format.
    """


class AlternativeAnnotatedFloatFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe0LeLe10000(
    ApiModel
):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[float, Field(ge=0.0, le=10000.0, title="Value")]
    rated_by: Annotated[RatedBy | None, Field(title="Rated By")] = None


class AlternativeAnnotatedFloatFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe0LeLe100(
    ApiModel
):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[float, Field(ge=0.0, le=100.0, title="Value")]
    rated_by: Annotated[RatedBy | None, Field(title="Rated By")] = None


class AlternativeAnnotatedFloatFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe0LeLe5(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[float, Field(ge=0.0, le=5.0, title="Value")]
    rated_by: Annotated[RatedBy | None, Field(title="Rated By")] = None


class AlternativeAnnotatedIntFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe0LeLe600(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[int, Field(ge=0, le=600, title="Value")]
    rated_by: Annotated[RatedBy | None, Field(title="Rated By")] = None


class AlternativeAnnotatedIntFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe1LeLe1000000(
    ApiModel
):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[int, Field(ge=1, le=1000000, title="Value")]
    rated_by: Annotated[RatedBy | None, Field(title="Rated By")] = None


class AlternativeAnnotatedListAnnotatedStrAfterValidatorAfterValidator(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[list[str], Field(title="Value")]
    rated_by: Annotated[RatedBy | None, Field(title="Rated By")] = None


class AlternativeAnnotatedListAnnotatedStrFieldInfoAnnotationNoneTypeRequiredTrueMetadataMaxLenMaxLength100PydanticGeneralMetadataPatternAZ09AZ09AfterValidator(
    ApiModel
):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[list[ValueItem], Field(title="Value")]
    rated_by: Annotated[RatedBy | None, Field(title="Rated By")] = None


class AlternativeAnnotatedListBillingPeriodAfterValidator(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[
        list[Literal["monthly", "quarterly", "half_yearly", "yearly"]],
        Field(title="Value"),
    ]
    rated_by: Annotated[RatedBy | None, Field(title="Rated By")] = None


class AlternativeAnnotatedListCompanySizeAfterValidator(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[
        list[Literal["micro", "small", "medium", "large", "enterprise"]],
        Field(title="Value"),
    ]
    rated_by: Annotated[RatedBy | None, Field(title="Rated By")] = None


class AlternativeAnnotatedListLicenceModelAfterValidator(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[
        list[Literal["perpetual", "term_subscription", "open_source"]],
        Field(title="Value"),
    ]
    rated_by: Annotated[RatedBy | None, Field(title="Rated By")] = None


class AlternativeAnnotatedStrAfterValidator(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[str, Field(title="Value")]
    rated_by: Annotated[RatedBy | None, Field(title="Rated By")] = None


class AlternativeAnnotatedStrFieldInfoAnnotationNoneTypeRequiredTrueMetadataMinLenMinLength1(
    ApiModel
):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[str, Field(min_length=1, title="Value")]
    rated_by: Annotated[RatedBy | None, Field(title="Rated By")] = None


class AlternativeAvailability(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[
        Literal["included", "add_on", "separate_product", "not_available"],
        Field(title="Availability"),
    ]
    """
    Whether a domain or capability comes with the product, and how.
    """
    rated_by: Annotated[RatedBy | None, Field(title="Rated By")] = None


class AlternativeReviewScore(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: ReviewScore
    rated_by: Annotated[RatedBy | None, Field(title="Rated By")] = None


class AlternativeBool(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[bool, Field(title="Value")]
    rated_by: Annotated[RatedBy | None, Field(title="Rated By")] = None


class FactAnnotatedFloatFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe0LeLe10000(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[Value | None, Field(title="Value")] = None
    alternatives: Annotated[
        list[AlternativeAnnotatedFloatFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe0LeLe10000]
        | None,
        Field(title="Alternatives"),
    ] = None


class FactAnnotatedFloatFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe0LeLe100(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[Value1 | None, Field(title="Value")] = None
    alternatives: Annotated[
        list[AlternativeAnnotatedFloatFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe0LeLe100]
        | None,
        Field(title="Alternatives"),
    ] = None


class FactAnnotatedIntFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe0LeLe600(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[Value2 | None, Field(title="Value")] = None
    alternatives: Annotated[
        list[AlternativeAnnotatedIntFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe0LeLe600]
        | None,
        Field(title="Alternatives"),
    ] = None


class FactAnnotatedIntFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe1LeLe1000000(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[Value3 | None, Field(title="Value")] = None
    alternatives: Annotated[
        list[AlternativeAnnotatedIntFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe1LeLe1000000]
        | None,
        Field(title="Alternatives"),
    ] = None


class FactAnnotatedListAnnotatedStrAfterValidatorAfterValidator(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[list[str] | None, Field(title="Value")] = None
    alternatives: Annotated[
        list[AlternativeAnnotatedListAnnotatedStrAfterValidatorAfterValidator] | None,
        Field(title="Alternatives"),
    ] = None


class FactAnnotatedListAnnotatedStrFieldInfoAnnotationNoneTypeRequiredTrueMetadataMaxLenMaxLength100PydanticGeneralMetadataPatternAZ09AZ09AfterValidator(
    ApiModel
):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[list[ValueItem] | None, Field(title="Value")] = None
    alternatives: Annotated[
        list[
            AlternativeAnnotatedListAnnotatedStrFieldInfoAnnotationNoneTypeRequiredTrueMetadataMaxLenMaxLength100PydanticGeneralMetadataPatternAZ09AZ09AfterValidator
        ]
        | None,
        Field(title="Alternatives"),
    ] = None


class FactAnnotatedListBillingPeriodAfterValidator(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[
        list[Literal["monthly", "quarterly", "half_yearly", "yearly"]] | None,
        Field(title="Value"),
    ] = None
    alternatives: Annotated[
        list[AlternativeAnnotatedListBillingPeriodAfterValidator] | None,
        Field(title="Alternatives"),
    ] = None


class FactAnnotatedListCompanySizeAfterValidator(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[
        list[Literal["micro", "small", "medium", "large", "enterprise"]] | None,
        Field(title="Value"),
    ] = None
    alternatives: Annotated[
        list[AlternativeAnnotatedListCompanySizeAfterValidator] | None,
        Field(title="Alternatives"),
    ] = None


class FactAnnotatedListLicenceModelAfterValidator(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[
        list[Literal["perpetual", "term_subscription", "open_source"]] | None,
        Field(title="Value"),
    ] = None
    alternatives: Annotated[
        list[AlternativeAnnotatedListLicenceModelAfterValidator] | None,
        Field(title="Alternatives"),
    ] = None


class FactAnnotatedStrAfterValidator(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[str | None, Field(title="Value")] = None
    alternatives: Annotated[
        list[AlternativeAnnotatedStrAfterValidator] | None, Field(title="Alternatives")
    ] = None


class FactAnnotatedStrFieldInfoAnnotationNoneTypeRequiredTrueMetadataMinLenMinLength1(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[Value4 | None, Field(title="Value")] = None
    alternatives: Annotated[
        list[AlternativeAnnotatedStrFieldInfoAnnotationNoneTypeRequiredTrueMetadataMinLenMinLength1]
        | None,
        Field(title="Alternatives"),
    ] = None


class FactAvailability(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Literal["included", "add_on", "separate_product", "not_available"] | None = None
    alternatives: Annotated[list[AlternativeAvailability] | None, Field(title="Alternatives")] = (
        None
    )


class FactReviewScore(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: ReviewScore | None = None
    alternatives: Annotated[list[AlternativeReviewScore] | None, Field(title="Alternatives")] = None


class FactBool(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[bool | None, Field(title="Value")] = None
    alternatives: Annotated[list[AlternativeBool] | None, Field(title="Alternatives")] = None


class Hosting(ApiModel):
    """
    Where SaaS data is hosted and which certifications cover the service.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    regions: FactAnnotatedListAnnotatedStrAfterValidatorAfterValidator | None = None
    countries: FactAnnotatedListAnnotatedStrAfterValidatorAfterValidator | None = None
    certifications: FactAnnotatedListAnnotatedStrAfterValidatorAfterValidator | None = None


class Judgement(ApiModel):
    """
    Someone's 0-5 rating; ``rated_by`` names whose judgement it is.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Annotated[Value5 | None, Field(title="Value")] = None
    alternatives: Annotated[
        list[AlternativeAnnotatedFloatFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe0LeLe5]
        | None,
        Field(title="Alternatives"),
    ] = None
    rated_by: Annotated[RatedBy | None, Field(title="Rated By")] = None


class Price(ApiModel):
    """
    A list price; ``billed`` is the billing period it applies to, when the source says.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    amount: Annotated[Amount | str, Field(title="Amount")]
    currency: Annotated[str, Field(title="Currency")]
    unit: Annotated[
        Literal["user_month", "user_year", "licence_one_off", "flat_month", "flat_year"],
        Field(title="PriceUnit"),
    ]
    """
    What one list price pays for.
    """
    billed: Literal["monthly", "quarterly", "half_yearly", "yearly"] | None = None


class Pricing(ApiModel):
    """
    Product-wide commercial terms, applying to every edition that does not say otherwise;
    ``price_on_request`` true says the vendor quotes every edition that states no price.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    free_tier: FactBool | None = None
    price_on_request: FactBool | None = None
    billing_periods: FactAnnotatedListBillingPeriodAfterValidator | None = None
    minimum_seats: (
        FactAnnotatedIntFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe1LeLe1000000 | None
    ) = None
    commitment_months: (
        FactAnnotatedIntFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe0LeLe600 | None
    ) = None


class PublicRatings(ApiModel):
    """
    Review-site scores and analyst placements, each dated.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    g2: FactReviewScore | None = None
    capterra: FactReviewScore | None = None
    gartner: (
        FactAnnotatedStrFieldInfoAnnotationNoneTypeRequiredTrueMetadataMinLenMinLength1 | None
    ) = None


class Ratings(ApiModel):
    """
    The comparison criteria of 004 §08 that are judgements about the product or vendor.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    ease_of_use: Judgement | None = None
    ease_of_deployment: Judgement | None = None
    scalability: Judgement | None = None
    customisability: Judgement | None = None
    vendor_viability: Judgement | None = None


class Candidate(ApiModel):
    """
    A product that no known fact eliminates, with its chances and what is still unknown.
    """

    id: Annotated[str, Field(title="Id")]
    product: Annotated[str, Field(title="Product")]
    rank: Annotated[int, Field(title="Rank")]
    """
    Order by probability of ranking first among the candidates.
    """
    screening_rank: Annotated[int, Field(title="Screening Rank")]
    """
    Rank among all survivors at expected values.
    """
    score: Annotated[float, Field(title="Score")]
    """
    Score among all survivors at expected values.
    """
    p_first: Annotated[float | None, Field(title="P First")]
    """
    Probability of ranking first among the candidates, over the weights and the unknown facts (the evaluation of these candidates gives the same).
    """
    evidence: EvidenceShare | None
    strengths: Annotated[list[str], Field(title="Strengths")]
    tco: CostRange
    budget_fit: Annotated[
        Literal["below", "within", "above", "to_confirm"] | None,
        Field(title="Budget Fit"),
    ]
    to_confirm: Annotated[list[CheckOut], Field(title="To Confirm")]


class CostOut(ApiModel):
    """
    A product's TCO over the horizon: a point when its price is known, else a range.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    product: Annotated[str, Field(title="Product")]
    mode: Annotated[Literal["saas", "on_premise"], Field(title="Mode")]
    currency: Annotated[str, Field(title="Currency")]
    seats: Annotated[int, Field(title="Seats")]
    choice: Annotated[str, Field(title="Choice")]
    """
    Why these editions, in English.
    """
    choice_code: Annotated[str | None, Field(title="Choice Code")] = None
    """
    `choice` as a code, for rendering it in another language (null in evaluations stored before codes existed).
    """
    known: Annotated[bool, Field(title="Known")]
    unbounded: Annotated[bool, Field(title="Unbounded")]
    low: Annotated[float | None, Field(title="Low")]
    mean: Annotated[float | None, Field(title="Mean")]
    high: Annotated[float | None, Field(title="High")]
    budget_fit: Annotated[
        Literal["below", "within", "above", "to_confirm"] | None,
        Field(title="Budget Fit"),
    ]
    years: Annotated[list[YearCost], Field(title="Years")]
    items: Annotated[dict[str, float], Field(title="Items")]
    """
    Expected cost per item over the horizon.
    """
    items_by_year: Annotated[list[dict[str, float]], Field(title="Items By Year")]
    options: Annotated[list[PriceOptionOut], Field(title="Options")]
    maintenance_pct: Annotated[float | None, Field(title="Maintenance Pct")]
    maintenance_range: Annotated[list[float] | None, Field(title="Maintenance Range")]
    implementation_days: Annotated[float, Field(title="Implementation Days")]
    """
    Fixed integrator days of the project.
    """
    implementation_source: Annotated[
        Literal["project", "product", "default"], Field(title="Implementation Source")
    ]
    """
    The project's figure, the product's estimate, or Shortlist's default.
    """


class FactChange(ApiModel):
    """
    A fact of a product compared in both evaluations whose value or provenance changed.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    product: Annotated[str, Field(title="Product")]
    path: Annotated[str, Field(title="Path")]
    before: FactSide
    after: FactSide
    value_changed: Annotated[bool, Field(title="Value Changed")]
    """
    False when only the source, date or confidence did.
    """


class Inputs(ApiModel):
    """
    Everything the evaluation depends on.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    project: Project
    requirements: Requirements
    weights: WeightsIn
    products: Annotated[list[str], Field(title="Products")]
    profiles: Annotated[dict[str, dict[str, Any]], Field(title="Profiles")]
    method: Annotated[str, Field(title="Method")]
    params: Annotated[dict[str, Any], Field(title="Params")]
    catalog_version: Annotated[str | None, Field(title="Catalog Version")]
    include_eliminated: Annotated[bool, Field(title="Include Eliminated")]
    samples: Annotated[int, Field(title="Samples")]
    price_bounds: Annotated[dict[str, list[PriceBoundOut]], Field(title="Price Bounds")]
    """
    Per deployment family (saas, on_premise): the lowest and highest per-user list price in the catalog the firm sees.
    """
    rates: Annotated[list[RateOut], Field(title="Rates")]
    policies: Annotated[dict[str, str], Field(title="Policies")]
    """
    How each kind of unknown fact is treated.
    """
    policies_fr: Annotated[dict[str, str], Field(title="Policies Fr")]
    """
    The same policies in French.
    """


class ProjectPublic(ApiModel):
    """
    A project as stored, with its requirements and stakeholders.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    client_name: Annotated[str, Field(max_length=200, min_length=1, title="Client Name")]
    sector: Annotated[Sector | None, Field(title="Sector")] = None
    size: Literal["micro", "small", "medium", "large", "enterprise"] | None = None
    context: Annotated[
        Literal["first_crm", "relaunch", "cloud_migration", "marketing_automation"],
        Field(title="ProjectContext"),
    ]
    """
    The four project contexts of the source articles (000-003).
    """
    users: Populations | None = None
    horizon_years: Annotated[int | None, Field(ge=1, le=15, title="Horizon Years")] = 3
    budget: Budget | None = None
    notes: Annotated[Notes | None, Field(title="Notes")] = None
    tco: TcoAssumptions | None = None
    gains: Gains | None = None
    """
    The gains the client expects a year (004 §09); with them, each finalist's return on investment. None: no gain is stated, no ROI is shown.
    """
    id: Annotated[UUID, Field(title="Id")]
    version: Annotated[int, Field(title="Version")]
    requirements: Requirements | None
    stakeholders: Annotated[list[StakeholderPublic], Field(title="Stakeholders")]
    weights: AggregatePublic
    created_at: Annotated[AwareDatetime, Field(title="Created At")]
    updated_at: Annotated[AwareDatetime, Field(title="Updated At")]


class RoiOut(ApiModel):
    """
    A product's return on investment over the horizon, every figure a range.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    product: Annotated[str, Field(title="Product")]
    currency: Annotated[str, Field(title="Currency")]
    discount_rate: Annotated[float, Field(title="Discount Rate")]
    computed: Annotated[bool, Field(title="Computed")]
    """
    False when the product's cost cannot be ranged.
    """
    known: Annotated[bool, Field(title="Known")]
    """
    Nothing unknown: cost known and every line counts.
    """
    years: Annotated[list[RoiYear], Field(title="Years")]
    gains: Spread | None
    costs: Spread | None
    net_benefit: Spread | None
    roi: Spread | None
    payback_years: Spread | None
    lines: Annotated[list[GainLineOut], Field(title="Lines")]


class ShortlistPublic(ApiModel):
    """
    Knock-outs on every product the firm sees, then the best candidates. ``criteria``,
    ``left_out`` and ``weights`` are those of the comparison of the candidates (what their
    chances rest on, as in their evaluation); the screening of all survivors may keep more.
    """

    method: Annotated[str, Field(title="Method")]
    weights: Annotated[dict[str, float], Field(title="Weights")]
    weights_source: Annotated[str, Field(title="Weights Source")]
    criteria: Annotated[list[str], Field(title="Criteria")]
    left_out: Annotated[list[LeftOut], Field(title="Left Out")]
    samples: Annotated[int, Field(title="Samples")]
    candidates: Annotated[list[Candidate], Field(title="Candidates")]
    tied_at_cutoff: Annotated[list[TiedCandidate], Field(title="Tied At Cutoff")]
    other_candidates: Annotated[int, Field(title="Other Candidates")]
    eliminated: Annotated[list[Eliminated], Field(title="Eliminated")]


class Snapshot(ApiModel):
    """
    An evaluation, immutable: its inputs and everything derived from them.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    schema_version: Annotated[Literal[2], Field(title="Schema Version")] = 2
    input_hash: Annotated[str, Field(title="Input Hash")]
    seed: Annotated[int, Field(title="Seed")]
    inputs: Inputs
    products: Annotated[list[ProductOutcome], Field(title="Products")]
    """
    The compared products, best first.
    """
    matrix: Matrix
    weights_used: Annotated[dict[str, float], Field(title="Weights Used")]
    left_out: Annotated[list[LeftOut], Field(title="Left Out")]
    result: RankingOut
    robustness: Robustness
    unknowns: Annotated[list[UnknownFact], Field(title="Unknowns")]
    """
    Unknown facts, most influential first.
    """
    tco: Annotated[dict[str, CostOut], Field(title="Tco")]
    coverage: Annotated[dict[str, CoverageOut], Field(title="Coverage")]
    knockouts: Annotated[dict[str, KnockoutOut], Field(title="Knockouts")]
    differences: Annotated[list[Difference], Field(title="Differences")]
    low_confidence_inputs: Annotated[list[WeakOut], Field(title="Low Confidence Inputs")]
    risks: Annotated[list[Risk], Field(title="Risks")]
    summary: Summary
    roi: Annotated[dict[str, RoiOut] | None, Field(title="Roi")] = None
    """
    Per compared product, when gains are stated.
    """
    roi_method_fr: Annotated[str | None, Field(title="Roi Method Fr")] = None
    roi_method_en: Annotated[str | None, Field(title="Roi Method En")] = None
    vigilance: Annotated[list[VigilanceOut] | None, Field(title="Vigilance")] = None


class AlternativePrice(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Price
    rated_by: Annotated[RatedBy | None, Field(title="Rated By")] = None


class CapabilityCoverage(ApiModel):
    """
    A capability's coverage, with the editions that include it.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    availability: FactAvailability | None = None
    depth: Judgement | None = None
    in_editions: (
        FactAnnotatedListAnnotatedStrFieldInfoAnnotationNoneTypeRequiredTrueMetadataMaxLenMaxLength100PydanticGeneralMetadataPatternAZ09AZ09AfterValidator
        | None
    ) = None


class Coverage(ApiModel):
    """
    Whether a domain is covered, and how deeply in someone's judgement.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    availability: FactAvailability | None = None
    depth: Judgement | None = None


class Deployment(ApiModel):
    """
    Deployment modes, for installed software the licence terms, and the implementation
    effort of a standard project when a source (or the consultant) estimates it.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    saas: FactBool | None = None
    on_premise: FactBool | None = None
    private_cloud: FactBool | None = None
    licence_models: FactAnnotatedListLicenceModelAfterValidator | None = None
    maintenance_pct: (
        FactAnnotatedFloatFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe0LeLe100 | None
    ) = None
    implementation_days: (
        FactAnnotatedFloatFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe0LeLe10000 | None
    ) = None


class Domains(ApiModel):
    """
    Coverage of the four functional domains.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    sales: Coverage | None = None
    marketing: Coverage | None = None
    service: Coverage | None = None
    field_service: Coverage | None = None


class FactPrice(ApiModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    source: Annotated[Source | None, Field(title="Source")] = None
    as_of: Annotated[date | None, Field(title="As Of")] = None
    as_of_precision: Annotated[
        Literal["day", "month", "year"] | None, Field(title="DatePrecision")
    ] = "day"
    """
    How precise an ``as_of`` date is; month and year dates are stored as the first day.
    """
    confidence: (
        Literal[
            "third_party",
            "vendor_published",
            "vendor_declared",
            "consultant_verified",
            "demo_verified",
        ]
        | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
    inferred: Annotated[bool | None, Field(title="Inferred")] = False
    value: Price | None = None
    alternatives: Annotated[list[AlternativePrice] | None, Field(title="Alternatives")] = None


class EvaluationChanges(ApiModel):
    """
    What changed from one evaluation of a project to another.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    products_added: Annotated[list[str], Field(title="Products Added")]
    products_removed: Annotated[list[str], Field(title="Products Removed")]
    method_before: Annotated[str, Field(title="Method Before")]
    method_after: Annotated[str, Field(title="Method After")]
    weights_before: Annotated[dict[str, float], Field(title="Weights Before")]
    """
    The stated weights, before.
    """
    weights_after: Annotated[dict[str, float], Field(title="Weights After")]
    """
    The stated weights, after.
    """
    criteria_left: Annotated[dict[str, str], Field(title="Criteria Left")]
    """
    Criteria compared before and not after, with why: a left_out code, or not_applicable when the requirements no longer call for the criterion.
    """
    criteria_joined: Annotated[list[str], Field(title="Criteria Joined")]
    """
    Criteria compared after and not before.
    """
    project_changed: Annotated[bool, Field(title="Project Changed")]
    requirements_changed: Annotated[bool, Field(title="Requirements Changed")]
    facts: Annotated[list[FactChange], Field(title="Facts")]
    criteria: Annotated[list[CriterionChange], Field(title="Criteria")]
    outcomes: Annotated[list[OutcomeChange], Field(title="Outcomes")]
    winner_before: Annotated[str, Field(title="Winner Before")]
    winner_after: Annotated[str, Field(title="Winner After")]
    winner_changed: Annotated[bool, Field(title="Winner Changed")]
    summary_fr: Annotated[str, Field(title="Summary Fr")]
    summary_en: Annotated[str, Field(title="Summary En")]
    project_id: Annotated[UUID, Field(title="Project Id")]
    before: EvaluationSummary
    after: EvaluationSummary


class EvaluationPublic(ApiModel):
    """
    An evaluation with its whole immutable snapshot (an evaluation made by an earlier
    engine keeps its earlier shape, without schema_version 2).
    """

    id: Annotated[UUID, Field(title="Id")]
    project_id: Annotated[UUID, Field(title="Project Id")]
    method: Annotated[str, Field(title="Method")]
    project_version: Annotated[int, Field(title="Project Version")]
    catalog_version: Annotated[UUID | None, Field(title="Catalog Version")]
    input_hash: Annotated[str, Field(title="Input Hash")]
    winner: Annotated[str, Field(title="Winner")]
    include_eliminated: Annotated[bool, Field(title="Include Eliminated")]
    """
    Whether products a knock-out eliminates were compared anyway.
    """
    created_by: Annotated[str, Field(title="Created By")]
    created_at: Annotated[AwareDatetime, Field(title="Created At")]
    snapshot: Annotated[Snapshot | dict[str, Any], Field(title="Snapshot")]


class Edition(ApiModel):
    """
    A commercial edition; its terms override the product-wide ``pricing`` terms.

    ``price_on_request`` true is a known fact: the vendor publishes no price for the edition
    and quotes it; the price itself stays unknown until a quote is recorded.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    key: Annotated[str, Field(max_length=100, pattern="^[a-z0-9]+(_[a-z0-9]+)*$", title="Key")]
    name: Annotated[str, Field(min_length=1, title="Name")]
    price: FactPrice | None = None
    price_on_request: FactBool | None = None
    billing_periods: FactAnnotatedListBillingPeriodAfterValidator | None = None
    minimum_seats: (
        FactAnnotatedIntFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe1LeLe1000000 | None
    ) = None
    commitment_months: (
        FactAnnotatedIntFieldInfoAnnotationNoneTypeRequiredTrueMetadataGeGe0LeLe600 | None
    ) = None
    note: Annotated[Note2 | None, Field(title="Note")] = None


class ProductProfile(ApiModel):
    """
    Everything the catalog knows about one CRM product, fact by fact.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    id: Annotated[str, Field(max_length=100, pattern="^[a-z0-9]+(_[a-z0-9]+)*$", title="Id")]
    vendor: (
        FactAnnotatedStrFieldInfoAnnotationNoneTypeRequiredTrueMetadataMinLenMinLength1 | None
    ) = None
    product: (
        FactAnnotatedStrFieldInfoAnnotationNoneTypeRequiredTrueMetadataMinLenMinLength1 | None
    ) = None
    origin_country: FactAnnotatedStrAfterValidator | None = None
    editions: Annotated[list[Edition] | None, Field(title="Editions")] = None
    pricing: Pricing | None = None
    deployment: Deployment | None = None
    hosting: Hosting | None = None
    domains: Domains | None = None
    capabilities: Annotated[dict[str, CapabilityCoverage] | None, Field(title="Capabilities")] = (
        None
    )
    ratings: Ratings | None = None
    ui_languages: FactAnnotatedListAnnotatedStrAfterValidatorAfterValidator | None = None
    target_sizes: FactAnnotatedListCompanySizeAfterValidator | None = None
    vertical_focus: FactAnnotatedListAnnotatedStrAfterValidatorAfterValidator | None = None
    public_ratings: PublicRatings | None = None
    other_claims: Annotated[list[Claim] | None, Field(title="Other Claims")] = None
    note: Annotated[Note2 | None, Field(title="Note")] = None
