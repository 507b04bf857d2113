"""The client's pages, reached only through an invitation link: a welcome page, the five steps
of the questionnaire, a review of the answers, and the comparison when the consultant shares it.

Server-rendered and usable without JavaScript; `static/web.js` only shows slider values as
they move and checks the pairwise answers as they change (consistency, answers to revisit,
what the answers given imply). Every POST carries a CSRF token. An
unknown, expired or revoked link gets the same friendly 404 page, and a link opens its own
project's questionnaire and nothing else.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlmodel import Session
from starlette.datastructures import UploadFile

from service.db import release
from service.demos import service as demos
from service.deps import SessionDep, SettingsDep, reads_only
from service.errors import AppError
from service.i18n import Text
from service.i18n.jinja import install as install_messages
from service.invitations import service as invitations
from service.invitations.models import Invitation
from service.invitations.service import Step
from service.projects import service as projects
from service.projects.models import ClientProject
from service.projects.service import StaleVersion
from service.selection.gains import SUGGESTIONS, GainLine
from service.selection.impacts import requirement_label
from service.selection.inputs import Priority, Project, ProjectContext
from service.selection.returns import line_name
from service.web import csrf, gains_step, pairwise, results, steps
from service.web.answers import first
from service.web.i18n import Lang, Translator, negotiate
from vendors.vocabulary import CAPABILITIES, CompanySize, DeploymentMode, Domain

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATES = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
# `_`, `gettext` and `ngettext` in the templates read the pages' catalogs in the page's `lang`.
install_messages(TEMPLATES, "pages")
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    # The pages show a client's answers: never kept by a shared cache or the browser's history.
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Vary": "Accept-Language",
}
STEP_TEMPLATES = {step: f"step_{step.value}.html" for step in Step}
# The button of the language switch on a page with a form: it sends the form, so that nothing
# typed is lost (the page comes back in the other language with the answers as typed).
SWITCH_LANG = "switch_lang"
PAGE_FORM = "page-form"
STEP_ORDER = list(Step)

router = APIRouter(include_in_schema=False)


class PageError(Exception):
    """A friendly error page: an unknown link (404), a failed CSRF check (403), a conflict,
    text that cannot be stored (422)."""

    def __init__(
        self,
        status_code: int,
        kind: Literal["not_found", "forbidden", "conflict", "not_shared", "invalid_text"],
        lang: Lang,
        *,
        retry_url: str | None = None,
    ) -> None:
        super().__init__(kind)
        self.status_code = status_code
        self.kind = kind
        self.lang = lang
        self.retry_url = retry_url


async def page_lang(request: Request, lang: str | None = None) -> Lang:
    """The page's language: `?lang=fr|en`, else the browser's Accept-Language, else French."""
    return negotiate(lang, request.headers.get("accept-language"))


LangDep = Annotated[Lang, Depends(page_lang)]


async def form_fields(request: Request, lang: LangDep) -> dict[str, list[str]]:
    """The posted form's text fields (files are not part of any form here); a NUL character,
    which PostgreSQL cannot store (SQLite would store it silently), is refused on both."""
    form = await request.form()
    fields: dict[str, list[str]] = {}
    for name, value in form.multi_items():
        if not isinstance(value, UploadFile):
            if "\0" in name or "\0" in value:
                raise PageError(422, "invalid_text", lang)
            fields.setdefault(name, []).append(value)
    return fields


FormDep = Annotated[dict[str, list[str]], Depends(form_fields)]


@dataclass
class Visit:
    """One request of a client through an active invitation."""

    request: Request
    token: str
    invitation: Invitation
    row: ClientProject
    tr: Translator

    @property
    def lang(self) -> Lang:
        """The page's language."""
        return self.tr.lang

    def url(self, name: str, query: Mapping[str, str] | None = None, **path: str) -> str:
        """A link to another page of this invitation, keeping the language."""
        return page_link(self.request, name, self.lang, query, token=self.token, **path)

    def step_url(self, step: Step, query: Mapping[str, str] | None = None) -> str:
        """The link to a step of the questionnaire."""
        return self.url("web_step", query, step=step.value)


def page_link(
    request: Request, name: str, lang: Lang, query: Mapping[str, str] | None = None, **path: str
) -> str:
    """A link to the page `name` of the same site, in `lang`."""
    target = request.app.url_path_for(name, **path)
    root = request.scope.get("root_path", "")
    return f"{root}{target}?{urlencode({'lang': lang, **(query or {})})}"


def visit(request: Request, token: str, session: SessionDep, lang: LangDep) -> Visit:
    """The active invitation of the link, or the friendly 404 page."""
    opened = invitations.open_invitation(session, token=token)
    if opened is None:
        raise PageError(404, "not_found", lang)
    invitation, row = opened
    return Visit(request, token, invitation, row, Translator(lang))


VisitDep = Annotated[Visit, Depends(visit)]


def render(
    request: Request,
    tr: Translator,
    template: str,
    *,
    title: str,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """Render a page with the strict security headers of the client pages."""
    query = dict(request.query_params)
    other = "en" if tr.lang == "fr" else "fr"
    root = request.scope.get("root_path", "")
    switch_url = f"{request.url.path}?{urlencode({**query, 'lang': other})}"
    html = TEMPLATES.get_template(template).render(
        lang=tr.lang,
        title=title,
        switch_url=switch_url,
        static_url=lambda name: root + request.app.url_path_for("static", path=name),
        script=context.pop("script", False),
        client_name=context.pop("client_name", None),
        steps=context.pop("steps", None),
        switch_form=PAGE_FORM if "csrf" in context else None,
        switch_name=SWITCH_LANG,
        page_form=PAGE_FORM,
        **context,
    )
    return HTMLResponse(html, status_code=status_code, headers=PAGE_HEADERS)


async def page_error(request: Request, exc: Exception) -> Response:
    """Render a PageError as a friendly page in the visitor's language."""
    assert isinstance(exc, PageError)
    tr = Translator(exc.lang)
    titles = {
        "not_found": ("title_not_found", "not_found_text"),
        "forbidden": ("title_forbidden", "forbidden_text"),
        "conflict": ("title_conflict", "conflict_text"),
        "not_shared": ("title_results", "results_not_shared"),
        "invalid_text": ("title_invalid_text", "invalid_text_text"),
    }
    title, message = titles[exc.kind]
    return render(
        request,
        tr,
        "error.html",
        title=tr(title),
        status_code=exc.status_code,
        message=tr(message),
        retry_url=exc.retry_url,
        retry_label=tr("reload_step"),
    )


_STATUS_PAGES = {
    404: ("title_not_found", "not_found_text"),
    409: ("title_race", "race_text"),
    429: ("title_too_many", "too_many_text"),
    503: ("title_unavailable", "unavailable_text"),
}


def error_page(request: Request, error: AppError) -> Response:
    """A friendly page for an error met outside the pages' own checks: something the link
    reaches no longer there (404), a concurrent change (409), a refused request, a rate limit
    (429), a database that is busy or down (503), a defect (500)."""
    tr = Translator(
        negotiate(request.query_params.get("lang"), request.headers.get("accept-language"))
    )
    fallback = ("title_refused", "refused_text") if error.status_code < 500 else None
    title, message = _STATUS_PAGES.get(
        error.status_code, fallback or ("title_internal", "internal_text")
    )
    response = render(
        request,
        tr,
        "error.html",
        title=tr(title),
        status_code=error.status_code,
        message=tr(message),
        retry_url=None,
        retry_label="",
    )
    response.headers.update(error.headers or {})
    return response


def _nav(v: Visit, current: Step | None) -> list[dict[str, Any]]:
    answered = set(invitations.answered_steps(v.invitation))
    return [
        {
            "label": v.tr(f"step_{step.value}"),
            "url": v.step_url(step),
            "done": step in answered,
            "current": step is current,
        }
        for step in STEP_ORDER
    ]


def _results_url(v: Visit) -> str | None:
    return v.url("web_results") if v.invitation.show_results else None


def _demo_url(v: Visit, session: Session) -> str | None:
    """The demonstration scoring page, once the consultant opened a scenario to the client."""
    scenarios = demos.list_scenarios(session, project_id=v.row.id)
    return v.url("web_demo") if any(s.open_to_clients for s in scenarios) else None


def check_csrf(
    request: Request,
    form: Mapping[str, Sequence[str]],
    secret: str,
    owner: uuid.UUID,
    lang: Lang,
    retry: str,
) -> None:
    """The friendly 403 page for a cross-site post or a form whose token was not issued for
    `owner` (the invitation or vendor request the page belongs to)."""
    cross_site = request.headers.get("sec-fetch-site") == "cross-site"
    token = first(form, "csrf_token")
    if cross_site or not csrf.verify(secret, owner, token):
        raise PageError(403, "forbidden", lang, retry_url=retry)


def _step(name: str, lang: Lang) -> Step:
    try:
        return Step(name)
    except ValueError:
        raise PageError(404, "not_found", lang) from None


@router.get("/invite/{token}", name="web_welcome")
def welcome(v: VisitDep, session: SessionDep) -> HTMLResponse:
    """The invitation's welcome page: what is asked, what is saved, where to continue."""
    answered = invitations.answered_steps(v.invitation)
    remaining = [step for step in STEP_ORDER if step not in answered]
    next_url = v.step_url(remaining[0]) if remaining else v.url("web_done")
    label = "start" if not answered else ("continue" if remaining else "review")
    return render(
        v.request,
        v.tr,
        "welcome.html",
        title=v.tr("title_welcome"),
        client_name=v.row.client_name,
        step_list=_nav(v, None),
        expires=v.tr.date(v.invitation.expires_at),
        next_url=next_url,
        start_label=v.tr(label),
        results_url=_results_url(v),
        demo_url=_demo_url(v, session),
    )


@router.get("/invite/{token}/done", name="web_done")
def done(v: VisitDep, session: SessionDep) -> HTMLResponse:
    """The client's answers as the project now holds them, with what is left to answer."""
    answered = invitations.answered_steps(v.invitation)
    missing = [v.tr(f"step_{step.value}") for step in STEP_ORDER if step not in answered]
    return render(
        v.request,
        v.tr,
        "done.html",
        title=v.tr("title_done"),
        client_name=v.row.client_name,
        steps=_nav(v, None),
        missing=", ".join(missing),
        sections=_summary(v, session, answered),
        results_url=_results_url(v),
        demo_url=_demo_url(v, session),
    )


@router.get("/invite/{token}/results", name="web_results")
def show_results(v: VisitDep, session: SessionDep) -> HTMLResponse:
    """The comparison of the shortlisted solutions, when the consultant shares it."""
    if not v.invitation.show_results:
        raise PageError(403, "not_shared", v.lang)
    evaluation = projects.newest_evaluation(session, project_id=v.row.id)
    release(session)  # the comparison and the page are built with no transaction open
    comparison = None if evaluation is None else results.comparison(evaluation, tr=v.tr)
    return render(
        v.request,
        v.tr,
        "results.html",
        title=v.tr("title_results"),
        client_name=v.row.client_name,
        steps=_nav(v, None),
        comparison=comparison,
    )


@router.post(
    "/invite/{token}/priorities/check", name="web_ahp_check", dependencies=[Depends(reads_only)]
)
def check_pairwise(v: VisitDep, form: FormDep, settings: SettingsDep) -> JSONResponse:
    """Live feedback on the pairwise answers: their consistency and what to revisit."""
    check_csrf(
        v.request, form, settings.secret_key, v.invitation.id, v.lang, v.step_url(Step.PRIORITIES)
    )
    criteria = pairwise.ahp_criteria(projects.project_requirements(v.row))
    answers = {
        pairwise.pair_name(a, b): first(form, pairwise.pair_name(a, b))
        for a, b in pairwise.pairs(criteria)
    }
    feedback = pairwise.ahp_feedback(answers, criteria, v.tr)
    return JSONResponse(
        {
            "complete": feedback.complete,
            "consistent": feedback.consistent,
            "consistency_ratio": feedback.ratio,
            "message": feedback.message,
            "revisit": feedback.revisit,
            "suggest": feedback.suggest,
        },
        headers={"Cache-Control": "no-store"},
    )


@router.get("/invite/{token}/{step}", name="web_step")
def show_step(
    v: VisitDep, step: str, session: SessionDep, settings: SettingsDep, mode: str | None = None
) -> HTMLResponse:
    """One step of the questionnaire, with the client's saved answers."""
    current = _step(step, v.lang)
    values = steps.initial_values(current, session=session, invitation=v.invitation, row=v.row)
    feedback = None
    if current is Step.PRIORITIES:
        mode = mode if mode in {"direct", "ahp"} else values.get("method", "direct")
        if mode == "ahp" and values.get("pairs"):
            criteria = pairwise.ahp_criteria(projects.project_requirements(v.row))
            feedback = pairwise.ahp_feedback(values["pairs"], criteria, v.tr)
    return _step_page(v, current, values, {}, feedback, settings.secret_key, mode=mode)


@router.post("/invite/{token}/{step}")
def submit_step(
    v: VisitDep, step: str, form: FormDep, session: SessionDep, settings: SettingsDep
) -> Response:
    """Check and store one step's answers; show them again with the errors when wrong."""
    current = _step(step, v.lang)
    check_csrf(v.request, form, settings.secret_key, v.invitation.id, v.lang, v.step_url(current))
    if SWITCH_LANG in form:
        # The language switch sends the form: the answers come back as typed, unchecked and
        # unsaved, in the other language.
        values = steps.typed(current, form, v.row)
        feedback = None
        if values.get("method") == "ahp" and any(values["pairs"].values()):
            feedback = pairwise.ahp_feedback(values["pairs"], values["criteria"], v.tr)
        return _step_page(
            v, current, values, {}, feedback, settings.secret_key, mode=values.get("method")
        )
    try:
        outcome = steps.submit(
            current, form, session=session, invitation=v.invitation, row=v.row, tr=v.tr
        )
    except StaleVersion:
        raise PageError(409, "conflict", v.lang, retry_url=v.step_url(current)) from None
    if outcome.ok:
        position = STEP_ORDER.index(current)
        following = STEP_ORDER[position + 1] if position + 1 < len(STEP_ORDER) else None
        target = v.step_url(following) if following else v.url("web_done")
        return RedirectResponse(target, status_code=303, headers={"Cache-Control": "no-store"})
    return _step_page(
        v,
        current,
        outcome.values,
        outcome.errors,
        outcome.ahp,
        settings.secret_key,
        mode=outcome.values.get("method"),
        status_code=422,
    )


def _step_page(
    v: Visit,
    step: Step,
    values: dict[str, Any],
    errors: dict[str, str],
    feedback: pairwise.AhpFeedback | None,
    secret: str,
    *,
    mode: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    position = STEP_ORDER.index(step)
    context: dict[str, Any] = {
        "values": values,
        "errors": errors,
        "step_number": position + 1,
        "step_total": len(STEP_ORDER),
        "action": v.step_url(step),
        "csrf": csrf.issue(secret, v.invitation.id),
        "back_url": v.step_url(STEP_ORDER[position - 1]) if position else v.url("web_welcome"),
        "labels": {},
    }
    context.update(_STEP_CONTEXT[step](v, values, feedback, mode))
    return render(
        v.request,
        v.tr,
        STEP_TEMPLATES[step],
        title=v.tr(f"step_{step.value}"),
        status_code=status_code,
        client_name=v.row.client_name,
        steps=_nav(v, step),
        script=step is Step.PRIORITIES,
        **context,
    )


def _company_context(
    v: Visit, values: dict[str, Any], feedback: pairwise.AhpFeedback | None, mode: str | None
) -> dict[str, Any]:
    tr = v.tr
    return {
        "sizes": [(size.value, tr.size(size)) for size in CompanySize],
        "contexts": [
            (c.value, tr(f"context_{c.value}"), tr(f"context_{c.value}_hint"))
            for c in ProjectContext
        ],
        "labels": {name: tr(name) for name in ("client_name", "sector", "size", "context")},
    }


def _users_context(
    v: Visit, values: dict[str, Any], feedback: pairwise.AhpFeedback | None, mode: str | None
) -> dict[str, Any]:
    tr = v.tr
    return {
        "populations": [
            (pop, tr(f"pop_{pop}"), tr(f"pop_{pop}_hint")) for pop in steps.POPULATIONS
        ],
        "labels": {"users": tr("users_legend")}
        | {pop: tr(f"pop_{pop}") for pop in steps.POPULATIONS},
    }


def _scope_context(
    v: Visit, values: dict[str, Any], feedback: pairwise.AhpFeedback | None, mode: str | None
) -> dict[str, Any]:
    tr = v.tr
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for domain in [*Domain, None]:
        heading = tr.domain(domain) if domain else tr("capabilities_platform")
        items = [
            (key, tr.label(capability))
            for key, capability in CAPABILITIES.items()
            if capability.domain == domain
        ]
        groups.append((heading, items))
    return {
        "domains": [(d.value, tr.domain(d)) for d in Domain],
        "priorities": [(p.value, tr(f"prio_{p.value}")) for p in steps.PRIORITIES],
        "capability_groups": groups,
        "labels": {"domains": tr("domains_legend"), "capabilities": tr("capabilities_legend")}
        | {f"domain_{d.value}": tr.domain(d) for d in Domain},
    }


def _constraints_context(
    v: Visit, values: dict[str, Any], feedback: pairwise.AhpFeedback | None, mode: str | None
) -> dict[str, Any]:
    tr = v.tr
    return {
        "places": [(code, tr.place(code)) for code in steps.place_options(values["hosting"])],
        "modes": [(m.value, tr(f"dep_{m.value}")) for m in DeploymentMode],
        "languages": [
            (code, tr.language(code)) for code in steps.language_options(values["ui_languages"])
        ],
        "currencies": [(code, tr.currency(code)) for code in steps.currency_options()],
        "labels": {
            "hosting": tr("hosting_legend"),
            "deployment_modes": tr("deployment_legend"),
            "ui_languages": tr("languages_legend"),
            "horizon_years": tr("horizon_years"),
            "budget_low": tr("budget_low"),
            "budget_high": tr("budget_high"),
            "currency": tr("currency"),
        },
    }


def _gains_context(
    v: Visit, values: dict[str, Any], feedback: pairwise.AhpFeedback | None, mode: str | None
) -> dict[str, Any]:
    tr = v.tr
    currency = gains_step.currency(v.row)
    offered = []
    for suggestion in gains_step.suggestions(v.row):
        line = SUGGESTIONS[suggestion]
        offered.append(
            {
                "stem": suggestion.value,
                "label": tr.label(Text("analysis", f"gain_{suggestion.value}")),
                "hint": tr(f"gain_{suggestion.value}_hint"),
                "unit": tr("gain_unit_hours", population=tr(f"pop_{line.population}"))
                if line.population
                else tr("gain_unit_amount", currency=currency),
            }
        )
    ratings = [
        {"stem": gains_step.field(key), "label": tr.label(requirement_label(key))}
        for key in gains_step.rated_keys(v.row)
    ]
    labels = {f"gain_{o['stem']}_{end}": o["label"] for o in offered for end in ("low", "high")}
    labels |= {"gain_custom_label": tr("gain_custom_label")}
    labels |= {"gain_custom_low": tr("gain_custom"), "gain_custom_high": tr("gain_custom")}
    labels |= {
        f"{r['stem']}_{part}": f"{r['label']} – {tr('impact_' + part)}"
        for r in ratings
        for part in ("customer", "habit")
    }
    return {
        "offered": offered,
        "ratings": ratings,
        "rating_values": gains_step.RATINGS,
        "currency": currency,
        "labels": labels,
    }


def _priorities_context(
    v: Visit, values: dict[str, Any], feedback: pairwise.AhpFeedback | None, mode: str | None
) -> dict[str, Any]:
    tr = v.tr
    requirements = projects.project_requirements(v.row)
    points = values.get("points") or {}
    sliders = [
        {
            "name": f"points_{key}",
            "label": tr.criterion(key),
            "value": points.get(key) or str(steps.SLIDER_DEFAULT),
        }
        for key in steps.slider_criteria(requirements)
    ]
    criteria = pairwise.ahp_criteria(requirements)
    questions = pairwise.questions(criteria, values.get("pairs") or {}, tr)
    labels = {slider["name"]: slider["label"] for slider in sliders}
    labels |= {q.name: q.label for q in questions} | {"points": tr("sliders_legend")}
    return {
        "mode": "ahp" if mode == "ahp" else "direct",
        "direct_url": v.step_url(Step.PRIORITIES, {"mode": "direct"}),
        "ahp_url": v.step_url(Step.PRIORITIES, {"mode": "ahp"}),
        "check_url": v.url("web_ahp_check"),
        "sliders": sliders,
        "slider_max": steps.SLIDER_MAX,
        "questions": questions,
        "ahp_size": len(criteria),
        "feedback": feedback,
        "suggest": feedback.suggest if feedback else {},
        "labels": labels,
    }


_STEP_CONTEXT = {
    Step.COMPANY: _company_context,
    Step.USERS: _users_context,
    Step.SCOPE: _scope_context,
    Step.CONSTRAINTS: _constraints_context,
    Step.GAINS: _gains_context,
    Step.PRIORITIES: _priorities_context,
}


def _summary(v: Visit, session: Session, answered: Sequence[Step]) -> list[dict[str, Any]]:
    """The project's answers to each step, in plain words."""
    tr = v.tr
    data = v.row.data
    requirements = projects.project_requirements(v.row)
    constraints = requirements.constraints
    none = tr("none_ticked")
    items: dict[Step, list[tuple[str, str]]] = {
        Step.COMPANY: [
            (tr("client_name"), data["client_name"]),
            (tr("sector"), data.get("sector") or "—"),
            (tr("size"), tr.size(data["size"]) if data.get("size") else "—"),
            (tr("context"), tr(f"context_{data['context']}")),
        ],
        Step.USERS: [(tr(f"pop_{pop}"), tr.number(data["users"][pop])) for pop in steps.POPULATIONS]
        + [(tr("total"), tr.number(sum(data["users"].values())))],
        Step.SCOPE: [
            (tr.domain(domain), tr(f"prio_{requirements.domains[domain].value}"))
            for domain in requirements.in_scope()
        ]
        + [
            (
                tr("capabilities_legend"),
                ", ".join(
                    tr.label(CAPABILITIES[key])
                    for key, prio in requirements.capabilities.items()
                    if prio is Priority.MUST
                )
                or none,
            )
        ],
        Step.CONSTRAINTS: [
            (
                tr("hosting_legend"),
                ", ".join(tr.place(code) for code in constraints.hosting) or tr("anywhere"),
            ),
            (
                tr("deployment_legend"),
                ", ".join(tr(f"dep_{m.value}") for m in constraints.deployment_modes)
                or tr("any_mode"),
            ),
            (
                tr("languages_legend"),
                ", ".join(tr.language(code) for code in constraints.ui_languages) or none,
            ),
            (tr("budget_legend"), _budget_text(tr, data)),
        ],
        Step.GAINS: _gains_items(tr, v.row),
        Step.PRIORITIES: _weights_items(tr, session, v.row),
    }
    return [
        {
            "step": step.value,
            "title": tr(f"step_{step.value}"),
            "url": v.step_url(step),
            "entries": items[step] if step in answered else [],
        }
        for step in STEP_ORDER
    ]


def _budget_text(tr: Translator, data: Mapping[str, Any]) -> str:
    budget = data.get("budget")
    if budget is None:
        return tr("no_budget")
    return tr.plural(
        "budget_range",
        data["horizon_years"],
        low=tr.money(budget["low"], budget["currency"]),
        high=tr.money(budget["high"], budget["currency"]),
        years=data["horizon_years"],
    )


def _gains_items(tr: Translator, row: ClientProject) -> list[tuple[str, str]]:
    """The stated gains and the rated requirements, in plain words."""
    gains = Project.model_validate(row.data).gains
    items = [
        (line_name(line, tr.lang), _gain_span(tr, line, row))
        for line in (gains.lines if gains else [])
    ]
    impacts = projects.project_requirements(row).impacts
    items += [
        (
            tr.label(requirement_label(key)),
            tr("impact_summary", customer=rating.customer_impact, habit=rating.habit_change),
        )
        for key, rating in impacts.items()
    ]
    return items or [(tr("step_gains"), tr("gains_none"))]


def _gain_span(tr: Translator, line: GainLine, row: ClientProject) -> str:
    if line.hours_per_week is not None:
        low, high = line.hours_per_week.low, line.hours_per_week.high
        return tr("gain_hours_span", low=tr.number(low, 1), high=tr.number(high, 1))
    assert line.amount_per_year is not None
    currency = gains_step.currency(row)
    low, high = line.amount_per_year.low, line.amount_per_year.high
    return tr("gain_amount_span", low=tr.money(low, currency), high=tr.money(high, currency))


def _weights_items(tr: Translator, session: Session, row: ClientProject) -> list[tuple[str, str]]:
    stakeholder = steps.client_stakeholder(session, row=row)
    if stakeholder is None:
        return []
    ordered = sorted(stakeholder.weights.items(), key=lambda item: -item[1])
    return [(tr.criterion(key), tr.percent(weight)) for key, weight in ordered if weight > 0]
