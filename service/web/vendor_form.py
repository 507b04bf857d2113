"""The vendor questionnaire's form: one set of fields per question, by the fact paths its
answer may set, and the parsing of a posted form back into fact values (checked again by the
catalog's schema when saved)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from service.web.i18n import Translator
from vendors.schema import ProductProfile
from vendors.vocabulary import (
    CERTIFICATIONS,
    CURRENCIES,
    REGIONS,
    Availability,
    BillingPeriod,
    PriceUnit,
)

_CODES = re.compile(r"[A-Za-z]{2}")
MAX_TEXT = 2000


@dataclass
class Field:
    """One input of the form: its name, kind, label and choices."""

    name: str
    kind: str  # select, checkboxes, number, text, checkbox
    label: str
    choices: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class QuestionForm:
    """A question's fields, with the values and errors of the last post."""

    index: int
    key: str
    text: str
    fields: list[Field]


def question_forms(
    questions: Sequence[Mapping[str, Any]], profile: ProductProfile, tr: Translator
) -> list[QuestionForm]:
    """The fields of every question, in order."""
    return [
        QuestionForm(
            index,
            str(question["key"]),
            str(question[tr.lang]),
            [f for path in question["paths"] for f in _fields(index, path, profile, tr)],
        )
        for index, question in enumerate(questions)
    ]


def _name(index: int, path: str, part: str = "") -> str:
    return f"q{index}-{path}" + (f"-{part}" if part else "")


def _fields(index: int, path: str, profile: ProductProfile, tr: Translator) -> list[Field]:
    editions = [(e.key, e.name) for e in profile.editions]
    name = _name(index, path)
    if path.endswith(".availability"):
        choices = [(a.value, tr(f"availability_{a.value}")) for a in Availability]
        return [Field(name, "select", tr("vendor_availability"), choices)]
    if path.endswith(".in_editions"):
        return [Field(name, "checkboxes", tr("vendor_in_editions"), editions)] if editions else []
    if path.endswith(".price_on_request"):
        return [Field(name, "checkbox", tr("vendor_on_request", edition=_edition(path, profile)))]
    if path.startswith("editions.") and path.endswith(".price"):
        edition = _edition(path, profile)
        return [
            Field(_name(index, path, "amount"), "number", tr("vendor_amount", edition=edition)),
            Field(
                _name(index, path, "currency"),
                "select",
                tr("vendor_currency"),
                [(code, code) for code in CURRENCIES],
            ),
            Field(
                _name(index, path, "unit"),
                "select",
                tr("vendor_unit"),
                [(u.value, tr(f"unit_{u.value}")) for u in PriceUnit],
            ),
            Field(
                _name(index, path, "billed"),
                "select",
                tr("vendor_billed"),
                [(b.value, tr(f"billed_{b.value}")) for b in BillingPeriod],
            ),
        ]
    if path == "hosting.regions":
        return [Field(name, "checkboxes", tr("vendor_regions"), [(r, r) for r in REGIONS])]
    if path == "hosting.certifications":
        certifications = list(CERTIFICATIONS.items())
        return [Field(name, "checkboxes", tr("vendor_certifications"), certifications)]
    if path in ("hosting.countries", "ui_languages"):
        return [Field(name, "text", tr(f"vendor_{path.split('.')[-1]}"))]
    if path.startswith("deployment.") and path != "deployment.maintenance_pct":
        return [Field(name, "select", tr("vendor_yes_no"), [("yes", tr("yes")), ("no", tr("no"))])]
    if path == "deployment.maintenance_pct":
        return [Field(name, "number", tr("vendor_maintenance"))]
    return []


def _edition(path: str, profile: ProductProfile) -> str:
    key = path.split(".")[1]
    return next((e.name for e in profile.editions if e.key == key), key)


def parse_answer(
    index: int, question: Mapping[str, Any], form: Mapping[str, Sequence[str]], tr: Translator
) -> tuple[dict[str, Any], dict[str, str]]:
    """The fact values a question's fields give (paths left blank are left out), and the
    errors by field name."""
    facts: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for path in question["paths"]:
        name = _name(index, path)
        values = [v.strip() for v in form.get(name, []) if v.strip()]
        if path.startswith("editions.") and path.endswith(".price"):
            price, problem = _price(index, path, form, tr)
            if problem:
                errors[_name(index, path, "amount")] = problem
            elif price is not None:
                facts[path] = price
        elif path.endswith(".price_on_request"):
            if values:
                facts[path] = True
        elif path.endswith((".in_editions", "hosting.regions", "hosting.certifications")):
            if values:
                facts[path] = values
        elif path in ("hosting.countries", "ui_languages"):
            if values:
                codes = [c.strip() for c in re.split(r"[,;\s]+", values[0]) if c.strip()]
                if not all(_CODES.fullmatch(c) for c in codes):
                    errors[name] = tr("vendor_codes_error")
                else:
                    upper = path == "hosting.countries"
                    facts[path] = [c.upper() if upper else c.lower() for c in codes]
        elif path == "deployment.maintenance_pct":
            if values:
                number = _number(values[0])
                if number is None:
                    errors[name] = tr("vendor_number_error")
                else:
                    facts[path] = float(number)
        elif path.startswith("deployment."):
            if values and values[0] in ("yes", "no"):
                facts[path] = values[0] == "yes"
            elif values:
                errors[name] = tr("vendor_yes_no_error")
        elif values:
            facts[path] = values[0]
    return facts, errors


def _price(
    index: int, path: str, form: Mapping[str, Sequence[str]], tr: Translator
) -> tuple[dict[str, Any] | None, str | None]:
    def one(part: str) -> str:
        given = form.get(_name(index, path, part), [""])
        return given[0].strip() if given else ""

    amount, currency, unit, billed = one("amount"), one("currency"), one("unit"), one("billed")
    if not amount:
        return None, None
    number = _number(amount)
    if number is None or not currency or not unit:
        return None, tr("vendor_price_error")
    price: dict[str, Any] = {"amount": float(number), "currency": currency, "unit": unit}
    if billed:
        price["billed"] = billed
    return price, None


def _number(text: str) -> Decimal | None:
    try:
        number = Decimal(text.replace("\u202f", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def error_field(index: int, question: Mapping[str, Any], path: str) -> str:
    """The form field next to which an error on fact `path` shows: the price's amount, the
    fact's own field, else the question's first field."""
    paths = list(question["paths"])
    target = path if path in paths else paths[0]
    if target.startswith("editions.") and target.endswith(".price"):
        return _name(index, target, "amount")
    return _name(index, target)


def text_value(form: Mapping[str, Sequence[str]], name: str) -> str | None:
    """A free-text field, trimmed and cut to the stored length (None when blank)."""
    given = form.get(name, [""])
    text = given[0].strip() if given else ""
    return text[:MAX_TEXT] or None
