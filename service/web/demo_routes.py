"""The client's key users score the scripted demonstrations through their invitation link:
a page that appears once the consultant opens a scenario to clients. Each evaluator gives
each demonstrated product a score from 1 to 5, with a comment; scoring again under the same
name, from the same browser, replaces that evaluator's scores (`service.web.demo_keys`)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from service.demos import service as demos
from service.demos.models import DemoScenario
from service.demos.ratings import SCORE_RANGE, target_label
from service.deps import SessionDep, SettingsDep
from service.web import csrf, demo_keys
from service.web.routes import (
    SWITCH_LANG,
    FormDep,
    PageError,
    Visit,
    VisitDep,
    check_csrf,
    render,
)
from service.web.vendor_form import text_value
from vendors import service as catalog

router = APIRouter(include_in_schema=False)

MAX_NAME = 200
SHOWN_FOR = "shown_for"  # the evaluator whose saved scores the page shows


@dataclass
class ScoredProduct:
    """One product of a scenario, with the field names of its score and comment."""

    slug: str
    name: str
    score_field: str
    comment_field: str


@dataclass
class ScenarioForm:
    """An open scenario as the page shows it."""

    scenario: DemoScenario
    criteria: list[str]
    products: list[ScoredProduct]


def open_forms(session: Session, v: Visit) -> list[ScenarioForm]:
    """The scenarios the consultant opened to the client, as the page shows them; the friendly
    404 page when there is none."""
    scenarios = [s for s in demos.list_scenarios(session, project_id=v.row.id) if s.open_to_clients]
    if not scenarios:
        raise PageError(404, "not_found", v.lang)
    names = {
        item.profile.id: item.product.name
        for item in catalog.visible_products(session, firm_id=v.row.firm_id)
    }
    return [
        ScenarioForm(
            scenario=s,
            criteria=[v.tr.label(target_label(t)) for t in s.criteria],
            products=[
                ScoredProduct(
                    slug,
                    names.get(slug, slug),
                    # Named by the scenario, so that a scenario opened or closed while the
                    # page was open never takes another's scores.
                    f"s{s.id.hex}-{position}-score",
                    f"s{s.id.hex}-{position}-comment",
                )
                for position, slug in enumerate(s.products)
            ],
        )
        for s in scenarios
    ]


def _page(
    v: Visit,
    forms: list[ScenarioForm],
    secret: str,
    values: dict[str, list[str]],
    errors: dict[str, str],
    *,
    saved: bool = False,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        v.request,
        v.tr,
        "demo.html",
        title=v.tr("demo_title"),
        status_code=status_code,
        client_name=v.row.client_name,
        scenarios=forms,
        scores=sorted(_SCORES),
        values=values,
        errors=errors,
        saved=saved,
        action=v.url("web_demo"),
        back_url=v.url("web_welcome"),
        csrf=csrf.issue(secret, v.invitation.id),
    )


def _stored(
    session: Session, forms: list[ScenarioForm], evaluator: str | None, key: str | None
) -> dict[str, list[str]]:
    """The form as the evaluator's saved scores fill it: those this browser saved (`key`, the
    digest of its secret) and no one else's."""
    if not evaluator:
        return {}
    values: dict[str, list[str]] = {"evaluator": [evaluator]}
    if key is None:
        return values
    scores = {
        (s.scenario_id, s.product): s
        for s in demos.scores_of(session, scenario_ids=[f.scenario.id for f in forms])
        if s.role == "client" and s.evaluator == evaluator and s.evaluator_key == key
    }
    for form in forms:
        for product in form.products:
            found = scores.get((form.scenario.id, product.slug))
            if found is not None:
                values[product.score_field] = [str(found.score)]
                values[product.comment_field] = [found.comment or ""]
    if scores:
        values[SHOWN_FOR] = [evaluator]
    return values


@router.get("/invite/{token}/demo", name="web_demo")
def show_demo(
    v: VisitDep, session: SessionDep, settings: SettingsDep, evaluator: str | None = None
) -> HTMLResponse:
    """The open scenarios, with the scores this browser gave under `evaluator` so far."""
    forms = open_forms(session, v)
    name = (evaluator or "").strip()[:MAX_NAME] or None
    values = _stored(session, forms, name, demo_keys.held(v.request, v.row.id))
    saved = SHOWN_FOR in values
    return _page(v, forms, settings.secret_key, values, {}, saved=saved)


@router.post("/invite/{token}/demo")
def submit_demo(v: VisitDep, form: FormDep, session: SessionDep, settings: SettingsDep) -> Response:
    """Check every score and comment, then keep them all, bound to this browser, or none and
    show the errors. A name whose scores another browser saved is refused (409)."""
    check_csrf(v.request, form, settings.secret_key, v.invitation.id, v.lang, v.url("web_demo"))
    forms = open_forms(session, v)
    if SWITCH_LANG in form:  # the other language, the scores as typed, nothing saved
        return _page(v, forms, settings.secret_key, form, {})
    evaluator = text_value(form, "evaluator")
    errors: dict[str, str] = {}
    if evaluator is None or len(evaluator) > MAX_NAME:
        errors["evaluator"] = v.tr("demo_name_error")
    given: list[tuple[DemoScenario, list[demos.ScoreIn]]] = []
    for shown in forms:
        scores = []
        for product in shown.products:
            raw = (form.get(product.score_field) or [""])[0].strip()
            if raw and raw not in _SCORES:
                errors[product.score_field] = v.tr("demo_score_error")
                continue
            scores.append(
                demos.ScoreIn(
                    product.slug,
                    int(raw) if raw else None,
                    text_value(form, product.comment_field),
                )
            )
        given.append((shown.scenario, scores))
    if not errors and not any(s.score is not None for _, scores in given for s in scores):
        errors[forms[0].products[0].score_field] = v.tr("demo_none_error")
    if errors or evaluator is None:
        return _page(v, forms, settings.secret_key, form, errors, status_code=422)
    secret, key = demo_keys.issue(v.request, v.row.id)
    # Saves for one project take turns (the project's row locked, its key left to others).
    session.refresh(v.row, with_for_update={"key_share": True})
    scenario_ids = [s.id for s in demos.list_scenarios(session, project_id=v.row.id)]
    if demos.held_by_another(session, scenario_ids=scenario_ids, evaluator=evaluator, key=key):
        errors["evaluator"] = v.tr("demo_name_taken")
        return _page(v, forms, settings.secret_key, form, errors, status_code=409)
    actor = f"client {evaluator[:150]} via invitation {v.invitation.id.hex[:8]}"
    # A product left blank withdraws its score only when the page showed the evaluator's
    # scores: one who comes back and types their name does not erase what they do not retype.
    withdraw = text_value(form, SHOWN_FOR) == evaluator
    for scenario, scores in given:  # the scenario's own products: nothing to refuse
        demos.give_scores(
            session,
            row=v.row,
            scenario=scenario,
            evaluator=evaluator,
            role="client",
            scores=scores,
            actor=actor,
            invitation_id=v.invitation.id,
            evaluator_key=key,
            withdraw_blanks=withdraw,
        )
    target = v.url("web_demo", {"evaluator": evaluator})
    response = RedirectResponse(target, status_code=303, headers={"Cache-Control": "no-store"})
    demo_keys.keep(response, v.request, secret=secret, until=v.invitation.expires_at)
    return response


_SCORES = {str(n) for n in range(SCORE_RANGE[0], SCORE_RANGE[1] + 1)}
