"""What the client expects a CRM to bring in, year by year (004 §09): time saved per user
population, revenue effects, support effects and custom lines, each a range with its basis.

A gain is never invented: a project without lines has no return on investment. The article's
examples are offered as suggestions (:data:`SUGGESTIONS`), each with the capabilities it
relies on; a line that relies on capabilities counts for a product only as far as the product
is known to offer them (see :func:`product_spans`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StrictBool, StrictFloat, model_validator

from service.selection.facts import Coverage
from service.selection.fields import (
    WHOLE_NUMBER,
    CapabilityKey,
    InputModel,
    LowHigh,
    Money,
    Population,
    UserCount,
    no_repeats,
)
from vendors.vocabulary import Availability

Span = tuple[float, float]
GainYear = Annotated[int, Field(ge=1, le=15), WHOLE_NUMBER]
Hours = Annotated[StrictFloat, Field(ge=0, le=60)]
#: Working weeks a year over which weekly time savings count: 52 less five weeks of paid
#: leave and about two of public holidays in France. A stated assumption, overridable.
DEFAULT_WEEKS_PER_YEAR = 45.0


class GainKind(StrEnum):
    """What a gain line is made of."""

    TIME_SAVED = "time_saved"  # hours a week per user, valued at a loaded hourly cost
    ADDITIONAL_SALES = "additional_sales"  # margin on sales the CRM brings
    RETENTION = "retention"  # margin on customers kept
    FEWER_LOST_QUOTES = "fewer_lost_quotes"  # margin on quotes no longer lost
    SUPPORT = "support"  # support costs saved (tickets handled, calls avoided)
    CUSTOM = "custom"  # anything else, with its own label


class Suggestion(StrEnum):
    """The article's examples of gains (004 §09), offered as ready lines."""

    CENTRALISED_DATA = "centralised_data"
    DASHBOARDS = "dashboards"
    TARGETING = "targeting"
    MOBILITY = "mobility"
    FIELD_ROUNDS = "field_rounds"
    NPS = "nps"
    SUPPORT_TICKETS = "support_tickets"


@dataclass(frozen=True)
class SuggestedLine:
    """A suggestion's kind, the population whose time it saves, and what it relies on."""

    kind: GainKind
    population: Population | None
    requires: tuple[str, ...]


SUGGESTIONS: Mapping[Suggestion, SuggestedLine] = {
    Suggestion.CENTRALISED_DATA: SuggestedLine(GainKind.TIME_SAVED, "sales_office", ()),
    Suggestion.DASHBOARDS: SuggestedLine(GainKind.TIME_SAVED, "management", ("dashboards",)),
    Suggestion.TARGETING: SuggestedLine(GainKind.ADDITIONAL_SALES, None, ("segmentation",)),
    Suggestion.MOBILITY: SuggestedLine(GainKind.FEWER_LOST_QUOTES, None, ("mobile_app",)),
    Suggestion.FIELD_ROUNDS: SuggestedLine(GainKind.TIME_SAVED, "sales_field", ("mobile_app",)),
    Suggestion.NPS: SuggestedLine(GainKind.RETENTION, None, ()),
    Suggestion.SUPPORT_TICKETS: SuggestedLine(GainKind.SUPPORT, None, ("ticketing",)),
}


class AmountRange(LowHigh):
    """A yearly amount in the project's currency, as a low-high range."""

    low: Money
    high: Money


class HoursRange(LowHigh):
    """Hours saved a week by each user of the population, as a low-high range."""

    low: Hours
    high: Hours


class GainLine(InputModel):
    """One expected gain, a range a year from `from_year` to the end of the horizon."""

    kind: GainKind
    suggestion: Suggestion | None = Field(
        default=None, description="The article's example this line follows, if any."
    )
    label: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="Required for a custom line; otherwise the kind's or suggestion's name.",
    )
    basis: str | None = Field(
        default=None,
        max_length=1000,
        description="How the figure was estimated, e.g. 'NPS 32 before, 41 targeted'.",
    )
    amount_per_year: AmountRange | None = Field(
        default=None, description="Every kind but time_saved: the gain a year."
    )
    population: Population | None = Field(
        default=None, description="time_saved: whose time is saved."
    )
    hours_per_week: HoursRange | None = Field(
        default=None, description="time_saved: hours saved a week by each of its users."
    )
    users: UserCount | None = Field(
        default=None, description="time_saved: how many; default the population's count."
    )
    hourly_cost: Money | None = Field(
        default=None,
        description="time_saved: loaded cost of an hour; default project.tco.internal_hourly_cost.",
    )
    from_year: GainYear = Field(default=1, description="The first year the gain counts.")
    requires: Annotated[list[CapabilityKey], AfterValidator(no_repeats)] = Field(
        default_factory=list,
        max_length=10,
        json_schema_extra={"uniqueItems": True},
        description="Capabilities the gain relies on: a product known to lack one gains "
        "nothing from the line, one not known to offer them gains 0 to the stated amount.",
    )

    @model_validator(mode="after")
    def _complete(self) -> GainLine:
        timed = self.kind is GainKind.TIME_SAVED
        if timed and (self.population is None or self.hours_per_week is None):
            raise ValueError("a time_saved line needs population and hours_per_week")
        if timed and self.amount_per_year is not None:
            raise ValueError("a time_saved line gives hours_per_week, not amount_per_year")
        if not timed and self.amount_per_year is None:
            raise ValueError(f"a {self.kind.value} line needs amount_per_year")
        if not timed and (self.hours_per_week or self.population or self.users is not None):
            raise ValueError("population, hours_per_week and users are for time_saved lines")
        if not timed and self.hourly_cost is not None:
            raise ValueError("hourly_cost is for time_saved lines")
        if self.kind is GainKind.CUSTOM and self.label is None:
            raise ValueError("a custom line needs a label")
        if self.suggestion is not None and SUGGESTIONS[self.suggestion].kind is not self.kind:
            expected = SUGGESTIONS[self.suggestion].kind.value
            raise ValueError(f"the suggestion {self.suggestion.value} is a {expected} line")
        return self


class Gains(InputModel):
    """The gains the client expects, and how they are added up."""

    lines: list[GainLine] = Field(default_factory=list, max_length=30)
    weeks_per_year: Annotated[StrictFloat, Field(gt=0, le=52)] = Field(
        default=DEFAULT_WEEKS_PER_YEAR,
        description="Working weeks a year over which weekly time savings count.",
    )
    discount_rate_pct: Annotated[StrictFloat, Field(ge=0, le=50)] = Field(
        default=0,
        description="Yearly discount rate in %; 0 adds the years up undiscounted.",
    )
    shown: StrictBool = Field(
        default=True, description="Whether the client's result page shows the ROI."
    )
    value_for_money: StrictBool = Field(
        default=False,
        description="Rank on the net benefit over the horizon (stated gains minus TCO, "
        "undiscounted) in place of the TCO: the `value_for_money` criterion takes the "
        "cost's weight.",
    )


def stated(gains: Gains | None) -> Gains | None:
    """The gains when at least one line is stated (no line: no gain, no ROI)."""
    return gains if gains is not None and gains.lines else None


def value_for_money(gains: Gains | None) -> bool:
    """Whether the consultant ranks on net benefit rather than on cost."""
    found = stated(gains)
    return found is not None and found.value_for_money


Status = Literal["counts", "lacks", "unknown"]


@dataclass(frozen=True)
class LineValue:
    """One gain line for one product: what a year of it is worth, and whether it counts."""

    low: float
    high: float
    expected: float  # each capability not known offered or not, equally likely
    status: Status  # counts: nothing unknown; lacks: a capability known absent
    missing: tuple[str, ...]  # the capabilities known absent (lacks) or not known (unknown)


def yearly_value(line: GainLine, gains: Gains, users: Mapping[str, int], hourly: float) -> Span:
    """What a full year of the line is worth, (low, high), before any product is considered."""
    if line.amount_per_year is not None:
        return line.amount_per_year.low, line.amount_per_year.high
    assert line.hours_per_week is not None
    assert line.population is not None
    people = line.users if line.users is not None else users[line.population]
    rate = hourly if line.hourly_cost is None else line.hourly_cost
    scale = people * gains.weeks_per_year * rate
    return scale * line.hours_per_week.low, scale * line.hours_per_week.high


def adds_nothing(line: GainLine, full: Span, horizon: int) -> bool:
    """Whether the line is worth nothing over the horizon: it starts after its last year, or
    its year is stated as 0 to 0 (`full`, from :func:`yearly_value`)."""
    return line.from_year > horizon or full[0] + full[1] == 0


def offered(coverage: Coverage) -> Availability | None:
    """What is known of a capability's availability, as the functional fit reads it: a rated
    depth implies the capability is offered; None when nothing says."""
    if coverage.availability is None and coverage.depth is not None:
        return Availability.INCLUDED
    return coverage.availability


def line_value(
    line: GainLine,
    full: Span,
    availability: Mapping[str, Availability | None],
) -> LineValue:
    """The line for one product, from what is known of the capabilities it relies on
    (`availability[key]`, None when unknown): a capability known not to be available makes it
    worth nothing; one not known widens it to 0 - high, and its expected value is the
    middle of the stated range times 1/2 for each capability not known (offered or not, each
    equally likely, as the functional fit has it)."""
    absent = tuple(k for k in line.requires if availability[k] is Availability.NOT_AVAILABLE)
    if absent:
        return LineValue(0.0, 0.0, 0.0, "lacks", absent)
    middle = (full[0] + full[1]) / 2
    unknown = tuple(k for k in line.requires if availability[k] is None)
    if unknown:
        return LineValue(0.0, full[1], middle / 2 ** len(unknown), "unknown", unknown)
    return LineValue(full[0], full[1], middle, "counts", ())


def product_spans(
    values: Sequence[tuple[GainLine, LineValue]], horizon: int
) -> list[tuple[float, float, float]]:
    """A product's gains year by year over the horizon, (low, expected, high): each line from
    its first year."""
    return [
        (
            sum(v.low for line, v in values if line.from_year <= year),
            sum(v.expected for line, v in values if line.from_year <= year),
            sum(v.high for line, v in values if line.from_year <= year),
        )
        for year in range(1, horizon + 1)
    ]
