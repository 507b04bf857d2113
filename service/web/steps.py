"""The questionnaire's six steps: what each form shows, how the server checks its answers,
and where they go in the project.

Each step's answers are checked by the selection's own input models (`Project`,
`Requirements`, `StakeholderWeightsIn`) and stored through the project service, so the
consultant sees them in the API and the history like any other change. The answers as the form
shows them are kept on the invitation, so a returning client finds them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session

from criteria import InvalidProblem
from service.invitations import service as invitations
from service.invitations.models import Invitation
from service.invitations.service import Step
from service.projects import service as projects
from service.projects.models import ClientProject, StakeholderWeight
from service.selection.inputs import (
    Constraints,
    Populations,
    Priority,
    ProjectContext,
    Requirements,
)
from service.selection.weights import StakeholderWeightsIn, WeightMethod, stakeholder_weights
from service.web import gains_step
from service.web.answers import (
    first,
    messages,
    plain_number,
    project_errors,
    put_requirements,
    read_amount,
    update_project,
    whole,
)
from service.web.i18n import CURRENCY_NAMES, LANGUAGE_NAMES, PLACES, Translator
from service.web.pairwise import (
    AHP_SCALE,
    AhpFeedback,
    ahp_criteria,
    ahp_feedback,
    matrix,
    pair_name,
    pairs,
)
from vendors.vocabulary import (
    CAPABILITIES,
    COUNTRIES,
    CURRENCIES,
    LANGUAGES,
    REGIONS,
    CompanySize,
    DeploymentMode,
    Domain,
)

Form = Mapping[str, Sequence[str]]
Values = dict[str, Any]

CLIENT_STAKEHOLDER = "client"
POPULATIONS = ("sales_field", "sales_office", "marketing", "service", "management")
PRIORITIES = (Priority.MUST, Priority.SHOULD, Priority.COULD, Priority.NONE)
SLIDER_MAX = 10
SLIDER_DEFAULT = 5
_ALWAYS_WEIGHED = (
    "fit_platform",
    "tco",
    "adoption",
    "ease_of_deployment",
    "scalability",
    "hosting_compliance",
)
# A currency written before or after an amount: a symbol or a three-letter code.


@dataclass
class Outcome:
    """A step's answers as the form shows them, and what is wrong with them (by field)."""

    values: Values
    errors: dict[str, str] = field(default_factory=dict)
    ahp: AhpFeedback | None = None

    @property
    def ok(self) -> bool:
        """Tell whether the answers were accepted and stored."""
        return not self.errors


# --- what each step shows --------------------------------------------------------------------


def slider_criteria(requirements: Requirements) -> list[str]:
    """The criteria a client weighs with sliders: the fit of each domain in scope, then the rest."""
    scope = requirements.in_scope() or list(Domain)
    return [f"fit_{domain.value}" for domain in scope] + list(_ALWAYS_WEIGHED)


def place_options(chosen: Sequence[str]) -> list[str]:
    """The hosting places offered: the usual ones, then any other already chosen."""
    return list(PLACES) + [code for code in chosen if code not in PLACES]


def language_options(chosen: Sequence[str]) -> list[str]:
    """The UI languages offered: the usual ones, then any other already chosen."""
    return list(LANGUAGE_NAMES) + [code for code in chosen if code not in LANGUAGE_NAMES]


def currency_options() -> list[str]:
    """Currencies: the usual ones first, then the rest of the vocabulary."""
    return list(CURRENCY_NAMES) + sorted(code for code in CURRENCIES if code not in CURRENCY_NAMES)


def initial_values(
    step: Step, *, session: Session, invitation: Invitation, row: ClientProject
) -> Values:
    """What the step's form shows: the client's saved answers, else what the project holds."""
    if step is Step.GAINS:  # what the project holds now: the consultant may have changed it
        return gains_step.initial(row)
    saved = invitation.answers.get(step.value)
    if saved is not None:
        return dict(saved)
    requirements = projects.project_requirements(row)
    data = row.data
    if step is Step.COMPANY:
        return {
            "client_name": data["client_name"],
            "sector": data.get("sector") or "",
            "size": data.get("size") or "",
            "context": data["context"],
        }
    if step is Step.USERS:
        return {pop: str(data["users"][pop]) for pop in POPULATIONS}
    if step is Step.SCOPE:
        return {
            "domains": {d.value: requirements.domains.get(d, Priority.NONE).value for d in Domain},
            "capabilities": [
                key for key, prio in requirements.capabilities.items() if prio is Priority.MUST
            ],
        }
    if step is Step.CONSTRAINTS:
        constraints = requirements.constraints
        budget = data.get("budget")
        return {
            "hosting": list(constraints.hosting),
            "deployment_modes": [mode.value for mode in constraints.deployment_modes],
            "ui_languages": list(constraints.ui_languages),
            "budget_low": "" if budget is None else plain_number(budget["low"]),
            "budget_high": "" if budget is None else plain_number(budget["high"]),
            "currency": "EUR" if budget is None else budget["currency"],
            "horizon_years": str(data["horizon_years"]),
        }
    return {
        "method": WeightMethod.DIRECT.value,
        "points": {key: str(SLIDER_DEFAULT) for key in slider_criteria(requirements)},
        "pairs": {},
    }


# --- the answers as typed ---------------------------------------------------------------------


def typed(step: Step, form: Form, row: ClientProject) -> Values:
    """A step's answers as the form sent them, unchecked: what the form shows again (with its
    errors, or in the other language)."""
    if step is Step.COMPANY:
        return {name: first(form, name) for name in ("client_name", "sector", "size", "context")}
    if step is Step.USERS:
        return {pop: first(form, pop) for pop in POPULATIONS}
    if step is Step.SCOPE:
        return {
            "domains": {
                d.value: first(form, f"domain_{d.value}") or Priority.NONE.value for d in Domain
            },
            "capabilities": [key for key in form.get("capabilities", []) if key],
        }
    if step is Step.GAINS:
        return gains_step.typed(form, row)
    if step is Step.CONSTRAINTS:
        return {
            "hosting": [code for code in form.get("hosting", []) if code],
            "deployment_modes": [mode for mode in form.get("deployment_modes", []) if mode],
            "ui_languages": [code for code in form.get("ui_languages", []) if code],
            "budget_low": first(form, "budget_low"),
            "budget_high": first(form, "budget_high"),
            "currency": first(form, "currency"),
            "horizon_years": first(form, "horizon_years"),
        }
    requirements = projects.project_requirements(row)  # the priorities weigh what is in scope
    if first(form, "method") == WeightMethod.AHP.value:
        criteria = ahp_criteria(requirements)
        return {
            "method": WeightMethod.AHP.value,
            "criteria": criteria,
            "pairs": {pair_name(a, b): first(form, pair_name(a, b)) for a, b in pairs(criteria)},
        }
    return {
        "method": WeightMethod.DIRECT.value,
        "points": {key: first(form, f"points_{key}") for key in slider_criteria(requirements)},
    }


# --- checking and storing each step -----------------------------------------------------------


def submit(
    step: Step,
    form: Form,
    *,
    session: Session,
    invitation: Invitation,
    row: ClientProject,
    tr: Translator,
) -> Outcome:
    """Check one step's answers; when they are right, store them in the project."""
    handlers: dict[Step, Callable[[Form, Session, Invitation, ClientProject, Translator], Outcome]]
    handlers = {
        Step.COMPANY: _company,
        Step.USERS: _users,
        Step.SCOPE: _scope,
        Step.CONSTRAINTS: _constraints,
        Step.GAINS: _gains,
        Step.PRIORITIES: _priorities,
    }
    outcome = handlers[step](form, session, invitation, row, tr)
    if outcome.ok:
        invitations.save_answers(session, invitation=invitation, step=step, answers=outcome.values)
    return outcome


def _company(
    form: Form, session: Session, invitation: Invitation, row: ClientProject, tr: Translator
) -> Outcome:
    values = typed(Step.COMPANY, form, row)
    errors: dict[str, str] = {}
    if not values["client_name"]:
        errors["client_name"] = tr("err_required")
    if values["size"] and values["size"] not in {s.value for s in CompanySize}:
        errors["size"] = tr("err_choose")
    if values["context"] not in {c.value for c in ProjectContext}:
        errors["context"] = tr("err_choose")
    changes = {
        "client_name": values["client_name"],
        "sector": values["sector"] or None,
        "size": values["size"] or None,
        "context": values["context"],
    }
    # The model's own checks (lengths) too, so that every error shows at once.
    errors = project_errors(row, changes, tr, lambda loc: str(loc[0])) | errors
    if not errors:
        update_project(session, invitation, row, changes)
    return Outcome(values, errors)


def _users(
    form: Form, session: Session, invitation: Invitation, row: ClientProject, tr: Translator
) -> Outcome:
    values = typed(Step.USERS, form, row)
    errors: dict[str, str] = {}
    counts: dict[str, int] = {}
    for pop, text in values.items():
        number = whole(text or "0")
        if number is None:
            errors[pop] = tr("err_whole")
        else:
            counts[pop] = number
    try:
        users = Populations.model_validate(counts)  # the counts read, checked all at once
    except ValidationError as exc:
        errors |= messages(exc.errors(), tr, lambda loc: str(loc[0]))
    else:
        if not errors and users.total == 0:
            errors["users"] = tr("err_no_users")
        if not errors:
            values = {pop: str(counts[pop]) for pop in POPULATIONS}
            update_project(session, invitation, row, {"users": users.model_dump()})
    return Outcome(values, errors)


def _scope(
    form: Form, session: Session, invitation: Invitation, row: ClientProject, tr: Translator
) -> Outcome:
    values = typed(Step.SCOPE, form, row)
    domains: dict[str, str] = values["domains"]
    chosen: list[str] = values["capabilities"]
    errors: dict[str, str] = {}
    for domain, priority in domains.items():
        if priority not in {p.value for p in Priority}:
            errors[f"domain_{domain}"] = tr("err_choose")
    if not errors and all(p == Priority.NONE.value for p in domains.values()):
        errors["domains"] = tr("err_no_domain")
    if any(key not in CAPABILITIES for key in chosen) or len(set(chosen)) != len(chosen):
        errors["capabilities"] = tr("err_choose")
    outside = [
        key
        for key in chosen
        if key in CAPABILITIES
        and (area := CAPABILITIES[key].domain) is not None
        and domains[area.value] == Priority.NONE.value
    ]
    if outside and not any(name.startswith("domain_") for name in errors):
        names = ", ".join(tr.label(CAPABILITIES[key]) for key in outside)
        errors.setdefault("capabilities", tr("err_capability_out_of_scope", names=names))
    if errors:
        return Outcome(values, errors)
    current = projects.project_requirements(row)
    # The client ticks must-haves only: what the consultant rated should or could stays.
    capabilities: dict[str, Priority] = {
        key: priority
        for key, priority in current.capabilities.items()
        if priority is not Priority.MUST and key not in chosen
    }
    capabilities.update(dict.fromkeys(chosen, Priority.MUST))
    requirements = current.model_copy(
        update={
            "domains": {Domain(d): Priority(p) for d, p in domains.items() if p != "none"},
            "capabilities": capabilities,
        }
    )
    put_requirements(session, invitation, row, requirements)
    return Outcome(values, {})


def _constraints(
    form: Form, session: Session, invitation: Invitation, row: ClientProject, tr: Translator
) -> Outcome:
    values = typed(Step.CONSTRAINTS, form, row)
    errors: dict[str, str] = {}
    for name, allowed in (
        ("hosting", {**REGIONS, **COUNTRIES}),
        ("deployment_modes", {m.value: m for m in DeploymentMode}),
        ("ui_languages", LANGUAGES),
    ):
        chosen = values[name]
        if any(code not in allowed for code in chosen) or len(set(chosen)) != len(chosen):
            errors[name] = tr("err_choose")
    if values["currency"] not in CURRENCIES:
        errors["currency"] = tr("err_choose")
    horizon = whole(values["horizon_years"])
    if horizon is None:
        errors["horizon_years"] = tr("err_whole") if values["horizon_years"] else tr("err_required")
    budget: dict[str, Any] | None = None
    low_text, high_text = values["budget_low"], values["budget_high"]
    if low_text or high_text:
        low, high = read_amount(low_text), read_amount(high_text)
        for name, text, amount in (("budget_low", low_text, low), ("budget_high", high_text, high)):
            if not text:
                errors[name] = tr("err_budget_both")
            elif amount is None:
                errors[name] = tr("err_number")
        if low is not None and high is not None:
            if high < low:
                errors["budget_high"] = tr("err_budget_order")
            budget = {"low": low, "high": high, "currency": values["currency"]}
    # The model's own checks run on whatever was read, so that every error shows at once.
    changes: dict[str, Any] = {}
    if horizon is not None:
        changes["horizon_years"] = horizon
    if not {"budget_low", "budget_high", "currency"} & errors.keys():
        changes["budget"] = budget
    budget_fields = {"low": "budget_low", "high": "budget_high", "currency": "currency"}
    errors = (
        project_errors(
            row,
            changes,
            tr,
            lambda loc: (
                budget_fields.get(str(loc[-1]), "budget_high")
                if loc[0] == "budget"
                else str(loc[0])
            ),
        )
        | errors
    )
    current = projects.project_requirements(row)
    constraints_data = {
        **current.constraints.model_dump(mode="json"),
        "hosting": values["hosting"],
        "deployment_modes": values["deployment_modes"],
        "ui_languages": values["ui_languages"],
    }
    try:
        constraints = Constraints.model_validate(constraints_data)
    except ValidationError as exc:
        errors = messages(exc.errors(), tr, lambda loc: str(loc[0])) | errors
    if errors:
        return Outcome(values, errors)
    if budget is not None:
        values["budget_low"] = plain_number(budget["low"])
        values["budget_high"] = plain_number(budget["high"])
    update_project(session, invitation, row, changes)
    put_requirements(
        session, invitation, row, current.model_copy(update={"constraints": constraints})
    )
    return Outcome(values, {})


def _gains(
    form: Form, session: Session, invitation: Invitation, row: ClientProject, tr: Translator
) -> Outcome:
    values, errors = gains_step.submit(form, session, invitation, row, tr)
    return Outcome(values, errors)


def _priorities(
    form: Form, session: Session, invitation: Invitation, row: ClientProject, tr: Translator
) -> Outcome:
    values = typed(Step.PRIORITIES, form, row)
    if values["method"] == WeightMethod.AHP.value:
        criteria = values["criteria"]
        feedback = ahp_feedback(values["pairs"], criteria, tr)
        errors = {name: tr("err_pair") for name, answer in values["pairs"].items() if not answer}
        errors |= {
            name: tr("err_choose")
            for name, answer in values["pairs"].items()
            if answer and answer not in AHP_SCALE
        }
        if not errors and not feedback.consistent and first(form, "accept_inconsistent") != "1":
            errors = dict(feedback.revisit)
        if errors:
            return Outcome(values, errors, ahp=feedback)
        values["consistency_ratio"] = feedback.ratio
        given_data: dict[str, Any] = {
            "method": WeightMethod.AHP.value,
            "criteria": criteria,
            "pairwise": matrix(values["pairs"], criteria),
        }
        outcome = Outcome(values, {}, ahp=feedback)
    else:
        errors = {}
        points: dict[str, float] = {}
        for key, text in values["points"].items():
            number = whole(text)
            if number is None:
                errors[f"points_{key}"] = tr("err_whole")
            elif not 0 <= number <= SLIDER_MAX:
                errors[f"points_{key}"] = tr("err_range", min=0, max=SLIDER_MAX)
            else:
                points[key] = float(number)
        if not errors and not any(points.values()):
            errors["points"] = tr("err_all_zero")
        if errors:
            return Outcome(values, errors)
        given_data = {"method": WeightMethod.DIRECT.value, "points": points}
        outcome = Outcome(values, {})
    # Checked as the API checks it (criteria keys, matrix shape); the form sends nothing else.
    given = StakeholderWeightsIn.model_validate(given_data)
    try:
        derived = stakeholder_weights(CLIENT_STAKEHOLDER, given)
    except InvalidProblem:
        return Outcome(values, {"points": tr("err_invalid")})
    existing = client_stakeholder(session, row=row)
    if existing is None or existing.given != given.model_dump(mode="json", exclude_none=True):
        projects.put_stakeholder_weights(
            session,
            row=row,
            actor=invitations.actor(invitation),
            version=row.version,
            name=CLIENT_STAKEHOLDER,
            given=given,
            derived=derived,
        )
    return outcome


def client_stakeholder(session: Session, *, row: ClientProject) -> StakeholderWeight | None:
    """The weights the client gave, if any."""
    for stakeholder in projects.stakeholders(session, project_id=row.id):
        if stakeholder.name == CLIENT_STAKEHOLDER:
            return stakeholder
    return None
