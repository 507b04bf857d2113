"""What the questionnaire's steps share: reading typed numbers and amounts, the model's
errors in the client's words, and storing answers in the project through its service (so the
consultant sees them in the API and the history)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from sqlmodel import Session

from service.invitations import service as invitations
from service.invitations.models import Invitation
from service.projects import service as projects
from service.projects.models import ClientProject
from service.selection.inputs import Project, Requirements
from service.web.i18n import Translator

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_CURRENCY = re.compile(r"^(?:[€$£]|[A-Za-z]{3})|(?:[€$£]|[A-Za-z]{3})$")


def first(form: Mapping[str, Sequence[str]], name: str) -> str:
    """The first value of a form field, trimmed; empty when absent."""
    values = form.get(name) or []
    return values[0].strip() if values else ""


def whole(text: str) -> int | None:
    cleaned = _SPACES.sub("", text)
    if not re.fullmatch(r"[+-]?\d{1,12}", cleaned):
        return None
    return int(cleaned)


def read_amount(text: str) -> float | None:
    """A typed amount, with or without its currency (40 000 €, EUR 40000): spaces, commas
    before groups of three digits (40,000) and points before groups of three digits (40.000,
    1.250.000, 40.000,50) group digits; when both marks appear the last one is the decimal mark
    (40,000.50, 40.000,50); a lone comma otherwise is the decimal mark (40000,50)."""
    cleaned = _CURRENCY.sub("", _SPACES.sub("", text))
    if "," in cleaned and "." in cleaned:
        grouping = "," if cleaned.rindex(".") > cleaned.rindex(",") else "."
        cleaned = cleaned.replace(grouping, "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+", cleaned):
        cleaned = cleaned.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")  # a budget of 40.000 is forty thousand, not forty
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"\d{1,13}(\.\d{1,2})?", cleaned):
        return None
    return float(cleaned)


def plain_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def messages(
    errors: Sequence[ErrorDetails], tr: Translator, field_of: Callable[[tuple[Any, ...]], str]
) -> dict[str, str]:
    """Pydantic's errors in the client's language, by form field."""
    messages: dict[str, str] = {}
    for error in errors:
        ctx = error.get("ctx") or {}
        kind = error["type"]
        if kind in {"missing", "string_too_short"}:
            text = tr("err_required")
        elif kind == "string_too_long":
            text = tr.plural("err_too_long", ctx["max_length"], max=ctx["max_length"])
        elif kind == "greater_than_equal":
            text = tr("err_min", min=tr.number(float(ctx["ge"])))
        elif kind == "less_than_equal":
            text = tr("err_max", max=tr.number(float(ctx["le"])))
        elif kind in {"enum", "literal_error"}:
            text = tr("err_choose")
        else:
            text = tr("err_invalid")
        messages.setdefault(field_of(tuple(error["loc"]) or ("form",)), text)
    return messages


def project_errors(
    row: ClientProject,
    changes: Mapping[str, Any],
    tr: Translator,
    field_of: Callable[[tuple[Any, ...]], str],
) -> dict[str, str]:
    try:
        Project.model_validate({**row.data, **changes})
    except ValidationError as exc:
        return messages(exc.errors(), tr, field_of)
    return {}


def update_project(
    session: Session, invitation: Invitation, row: ClientProject, changes: Mapping[str, Any]
) -> None:
    """Store changed project fields; answers identical to the project's change nothing."""
    if all(row.data.get(key) == value for key, value in changes.items()):
        return
    projects.update_project(
        session,
        row=row,
        actor=invitations.actor(invitation),
        version=row.version,
        changes=changes,
    )


def put_requirements(
    session: Session, invitation: Invitation, row: ClientProject, requirements: Requirements
) -> None:
    requirements = Requirements.model_validate(requirements.model_dump(mode="json"))
    if row.requirements == requirements.model_dump(mode="json"):
        return
    projects.put_requirements(
        session,
        row=row,
        actor=invitations.actor(invitation),
        version=row.version,
        requirements=requirements,
    )
