"""The field types of the project's input models: strict numbers, vocabulary codes published
as enums, and the model base that refuses unknown fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    WithJsonSchema,
    model_validator,
)

from vendors.schema import MAX_SEATS
from vendors.vocabulary import (
    CAPABILITIES,
    CERTIFICATIONS,
    COUNTRIES,
    CURRENCIES,
    LANGUAGES,
    REGIONS,
)


class InputModel(BaseModel):
    # Numbers and booleans are strict (no "5" for 5, no false for 0); enums still come as text.
    model_config = ConfigDict(extra="forbid")


def _member_of(vocabulary: Mapping[str, object], what: str) -> AfterValidator:
    def check(code: str) -> str:
        if code not in vocabulary:
            raise ValueError(f"unknown {what} {code!r}")
        return code

    return AfterValidator(check)


def _enum(vocabulary: Mapping[str, object]) -> WithJsonSchema:
    """Publish a vocabulary as an enum in the JSON schema."""
    return WithJsonSchema({"type": "string", "enum": sorted(vocabulary)})


def _json_integer(value: object) -> object:
    """Accept what JSON calls an integer (7 or 7.0), refuse text and booleans."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a whole number")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError("must be a whole number")
    return int(value)


# Constraints go before the validator, or pydantic leaves them out of the JSON schema.
WHOLE_NUMBER = BeforeValidator(_json_integer)
# Per population; five populations bill at most 5 x MAX_SEATS seats, which the costs allow for.
UserCount = Annotated[int, Field(ge=0, le=MAX_SEATS), WHOLE_NUMBER]
HorizonYears = Annotated[int, Field(ge=1, le=15), WHOLE_NUMBER]
Version = Annotated[int, Field(ge=1, le=2**31 - 1), WHOLE_NUMBER]


def no_repeats(items: list[str]) -> list[str]:
    if len(set(items)) != len(items):
        raise ValueError("items must not repeat")
    return items


_PLACES = {**REGIONS, **COUNTRIES}
CapabilityKey = Annotated[str, _member_of(CAPABILITIES, "capability"), _enum(CAPABILITIES)]
HostingPlace = Annotated[str, _member_of(_PLACES, "region or country code"), _enum(_PLACES)]
LanguageCode = Annotated[str, _member_of(LANGUAGES, "language code"), _enum(LANGUAGES)]
CertificationKey = Annotated[
    str, _member_of(CERTIFICATIONS, "certification"), _enum(CERTIFICATIONS)
]
CurrencyCode = Annotated[str, _member_of(CURRENCIES, "currency"), _enum(CURRENCIES)]
Money = Annotated[StrictFloat, Field(ge=0, le=1e12)]
Rating15 = Annotated[int, Field(ge=1, le=5), WHOLE_NUMBER]


class LowHigh(InputModel):
    """A low-high range; subclasses give the ends their types and bounds."""

    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.high < self.low:
            raise ValueError("high must be at least low")
        return self


#: The user populations of a project (DOMAIN.md): they react differently to a CRM.
Population = Literal["sales_field", "sales_office", "marketing", "service", "management"]
POPULATIONS: tuple[Population, ...] = (
    "sales_field",
    "sales_office",
    "marketing",
    "service",
    "management",
)
