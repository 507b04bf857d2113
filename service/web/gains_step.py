"""The questionnaire's gains step (004 §07 and §09): what the client expects the CRM to bring
in a year, line by line from the article's examples, and how each requirement rates for the
end customer and for staff habits.

The form edits the lines that follow an example (one each) and one line of the client's own;
lines the consultant set up otherwise (an example not offered because its population has no
user, a second line of the client's own, a line of no example) are kept as they are, and a
line's other settings (first year, capabilities it relies on, hourly cost) stay as the
consultant set them. A gain left blank is not stated: nothing is assumed in its place. Hours
are per person and per week for the examples that save time; the others are amounts a year in
the budget's currency.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session

from service.invitations.models import Invitation
from service.projects import service as projects
from service.projects.models import ClientProject
from service.selection.gains import SUGGESTIONS, GainKind, GainLine, Gains, Suggestion
from service.selection.impacts import DecisionImpact
from service.selection.inputs import Project
from service.web.answers import (
    first,
    messages,
    plain_number,
    put_requirements,
    read_amount,
    update_project,
)
from service.web.i18n import Translator

Form = Mapping[str, Sequence[str]]
RATINGS = ("1", "2", "3", "4", "5")
CUSTOM = "custom"


def field(key: str) -> str:
    """A requirement key as a form field stem: `domain:sales` -> `impact_domain__sales`."""
    return "impact_" + key.replace(":", "__")


def currency(row: ClientProject) -> str:
    """The currency amounts are stated in: the budget's (EUR without a budget)."""
    budget = row.data.get("budget")
    return str(budget["currency"]) if budget else "EUR"


def suggestions(row: ClientProject) -> list[Suggestion]:
    """The examples offered: all but those saving time of a population without users."""
    users = row.data["users"]
    return [
        s
        for s, line in SUGGESTIONS.items()
        if line.population is None or users.get(line.population, 0) > 0
    ]


def rated_keys(row: ClientProject) -> list[str]:
    """The requirements the client can rate: those the project asks for."""
    requirements = projects.project_requirements(row)
    return requirements.requirement_keys(has_budget=row.data.get("budget") is not None)


def initial(row: ClientProject) -> dict[str, Any]:
    """The form as the project holds it."""
    gains = _gains(row)
    values: dict[str, Any] = {}
    for line in gains.lines if gains else []:
        stem = _stem(line)
        if stem is None or f"gain_{stem}_low" in values:
            continue
        span = line.hours_per_week or line.amount_per_year
        assert span is not None
        values[f"gain_{stem}_low"] = plain_number(span.low)
        values[f"gain_{stem}_high"] = plain_number(span.high)
        values[f"gain_{stem}_basis"] = line.basis or ""
        if stem == CUSTOM:
            values["gain_custom_label"] = line.label or ""
    impacts = projects.project_requirements(row).impacts
    for key in rated_keys(row):
        rating = impacts.get(key)
        values[f"{field(key)}_customer"] = str(rating.customer_impact) if rating else ""
        values[f"{field(key)}_habit"] = str(rating.habit_change) if rating else ""
    return values


def typed(form: Form, row: ClientProject) -> dict[str, Any]:
    """The answers as sent, unchecked."""
    names = [f"gain_{s.value}_{part}" for s in suggestions(row) for part in _PARTS]
    names += [f"gain_{CUSTOM}_{part}" for part in (*_PARTS, "label")]
    names += [f"{field(key)}_{part}" for key in rated_keys(row) for part in ("customer", "habit")]
    return {name: first(form, name) for name in names}


def submit(
    form: Form, session: Session, invitation: Invitation, row: ClientProject, tr: Translator
) -> tuple[dict[str, Any], dict[str, str]]:
    """Check the answers; when right, store the gains and ratings. The values shown again
    and the errors by field are returned."""
    values = typed(form, row)
    errors: dict[str, str] = {}
    stated: dict[str, GainLine] = {}
    shown = [*(s.value for s in suggestions(row)), CUSTOM]
    for stem in shown:
        line = _line(stem, values, row, tr, errors)
        if line is not None:
            stated[stem] = line
    impacts = dict(projects.project_requirements(row).impacts)
    for key in rated_keys(row):
        rating = _rating(key, values, tr, errors)
        if rating is None:
            impacts.pop(key, None)
        elif rating:
            earlier = impacts.get(key)  # the consultant's populations and note stay
            impacts[key] = (
                earlier.model_copy(update=rating) if earlier else DecisionImpact(**rating)
            )
    if errors:
        return values, errors
    current = _gains(row) or Gains()
    kept: list[GainLine] = []
    replaced: set[str] = set()
    for line in current.lines:  # the first line of each kind the form shows is the form's
        own = _stem(line)
        if own is not None and own in shown and own not in replaced:
            replaced.add(own)
        else:
            kept.append(line)
    try:
        gains = Gains.model_validate(
            {
                **current.model_dump(mode="json"),
                "lines": [*kept, *stated.values()],
            }
        )
    except ValidationError as exc:
        return values, messages(exc.errors(), tr, lambda loc: "gains")
    update_project(session, invitation, row, {"gains": gains.model_dump(mode="json")})
    requirements = projects.project_requirements(row)
    put_requirements(session, invitation, row, requirements.model_copy(update={"impacts": impacts}))
    return values, {}


_PARTS = ("low", "high", "basis")


def _gains(row: ClientProject) -> Gains | None:
    return Project.model_validate(row.data).gains


def _stem(line: GainLine) -> str | None:
    """Which of the form's lines `line` is: its example, the client's own line, or none."""
    if line.suggestion is not None:
        return line.suggestion.value
    if line.kind is GainKind.CUSTOM:
        return CUSTOM
    return None


def _line(
    stem: str, values: Mapping[str, str], row: ClientProject, tr: Translator, errors: dict[str, str]
) -> GainLine | None:
    """The line the answers state, None when left blank; an error is noted by field."""
    low_text, high_text = values[f"gain_{stem}_low"], values[f"gain_{stem}_high"]
    label = values.get(f"gain_{stem}_label", "")
    if not (low_text or high_text):
        if label:
            errors[f"gain_{stem}_low"] = tr("err_gain_both")
        return None
    low, high = read_amount(low_text), read_amount(high_text)
    for name, text, number in (
        (f"gain_{stem}_low", low_text, low),
        (f"gain_{stem}_high", high_text, high),
    ):
        if not text:
            errors[name] = tr("err_gain_both")
        elif number is None:
            errors[name] = tr("err_number")
    if low is None or high is None:
        return None
    if high < low:
        errors[f"gain_{stem}_high"] = tr("err_gain_order")
        return None
    previous = next(
        (known for known in (_gains(row) or Gains()).lines if _stem(known) == stem), None
    )
    data: dict[str, Any] = previous.model_dump(mode="json") if previous else {}
    if stem == CUSTOM:
        if not label:
            errors["gain_custom_label"] = tr("err_required")
            return None
        data |= {
            "kind": GainKind.CUSTOM.value,
            "label": label,
            "amount_per_year": {"low": low, "high": high},
        }
    else:
        suggested = SUGGESTIONS[Suggestion(stem)]
        data |= {"kind": suggested.kind.value, "suggestion": stem}
        if suggested.population is not None:
            data |= {
                "population": data.get("population") or suggested.population,
                "hours_per_week": {"low": low, "high": high},
            }
        else:
            data |= {"amount_per_year": {"low": low, "high": high}}
        if previous is None:
            data["requires"] = list(suggested.requires)
    data["basis"] = values[f"gain_{stem}_basis"] or None
    try:
        return GainLine.model_validate(data)
    except ValidationError as exc:
        errors |= messages(
            exc.errors(),
            tr,
            lambda loc: f"gain_{stem}_high" if "high" in loc else f"gain_{stem}_low",
        )
        return None


def _rating(
    key: str, values: Mapping[str, str], tr: Translator, errors: dict[str, str]
) -> dict[str, int] | None:
    """A requirement's two ratings; None when both are blank (no rating), empty on error."""
    stem = field(key)
    customer, habit = values[f"{stem}_customer"], values[f"{stem}_habit"]
    if not (customer or habit):
        return None
    ok = True
    for name, text in ((f"{stem}_customer", customer), (f"{stem}_habit", habit)):
        if text not in RATINGS:
            errors[name] = tr("err_rating_both") if not text else tr("err_choose")
            ok = False
    if not ok:
        return {}
    return {"customer_impact": int(customer), "habit_change": int(habit)}
