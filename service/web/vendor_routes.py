"""The vendor questionnaire: opened by a vendor request's link, without an account, in French
or English, without JavaScript; answers are saved on every post and submitted at the end."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from service.deps import SessionDep, SettingsDep
from service.vendor_requests import service as vendor_requests
from service.vendor_requests.models import GivenAnswer, VendorRequest
from service.web import csrf
from service.web.i18n import Translator
from service.web.routes import (
    SWITCH_LANG,
    FormDep,
    LangDep,
    PageError,
    check_csrf,
    page_link,
    render,
)
from service.web.vendor_form import error_field, parse_answer, question_forms, text_value
from vendors import service as catalog

router = APIRouter(include_in_schema=False)


@dataclass
class VendorVisit:
    """One request of a vendor through an active vendor request."""

    request: Request
    token: str
    item: VendorRequest
    tr: Translator

    def url(self, name: str) -> str:
        return page_link(self.request, name, self.tr.lang, token=self.token)


def vendor_visit(request: Request, token: str, session: SessionDep, lang: LangDep) -> VendorVisit:
    """The active vendor request of the link, or the friendly 404 page."""
    item = vendor_requests.open_request(session, token=token)
    if item is None:
        raise PageError(404, "not_found", lang)
    return VendorVisit(request, token, item, Translator(lang))


VendorVisitDep = Annotated[VendorVisit, Depends(vendor_visit)]


def _page(
    v: VendorVisit,
    session: SessionDep,
    secret: str,
    *,
    form: dict[str, list[str]] | None = None,
    errors: dict[str, str] | None = None,
    saved: bool = False,
    status_code: int = 200,
) -> HTMLResponse:
    product = catalog.get_product(session, firm_id=v.item.firm_id, slug=v.item.product)
    answers = vendor_requests.answers_of(session, request_id=v.item.id)
    values = form if form is not None else _stored_values(v, answers)
    return render(
        v.request,
        v.tr,
        "vendor.html",
        title=v.tr("vendor_title", product=product.product.name),
        status_code=status_code,
        product=product.product.name,
        expires=v.tr.date(v.item.expires_at),
        questions=question_forms(v.item.questions, product.profile, v.tr),
        values=values,
        errors=errors or {},
        saved=saved,
        action=v.url("vendor_questionnaire"),
        csrf=csrf.issue(secret, v.item.id),
    )


def _stored_values(v: VendorVisit, answers: list[Any]) -> dict[str, list[str]]:
    """The form as the saved answers fill it, so a returning vendor finds them."""
    by_key = {answer.question: answer for answer in answers}
    values: dict[str, list[str]] = {}
    name = next((a.answered_by for a in answers), "")
    if name:
        values["answered_by"] = [name]
    for index, question in enumerate(v.item.questions):
        answer = by_key.get(question["key"])
        if answer is None:
            continue
        for path, value in answer.facts.items():
            prefix = f"q{index}-{path}"
            if isinstance(value, dict):
                for part in ("amount", "currency", "unit", "billed"):
                    if part in value:
                        values[f"{prefix}-{part}"] = [str(value[part])]
            elif isinstance(value, list):
                joined = path in ("hosting.countries", "ui_languages")
                values[prefix] = [", ".join(value)] if joined else [str(x) for x in value]
            elif isinstance(value, bool):
                on_request = path.endswith(".price_on_request")
                values[prefix] = ["on" if on_request else ("yes" if value else "no")]
            else:
                values[prefix] = [str(value)]
        values[f"q{index}-evidence"] = [answer.evidence_url or ""]
        values[f"q{index}-comment"] = [answer.comment or ""]
    return values


@router.get("/vendor/{token}", name="vendor_questionnaire")
def questionnaire(v: VendorVisitDep, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    """The questions, with the answers saved so far."""
    return _page(v, session, settings.secret_key)


@router.post("/vendor/{token}")
def answer(
    v: VendorVisitDep, form: FormDep, session: SessionDep, settings: SettingsDep
) -> Response:
    """Save every answered question; `submit` also closes the questionnaire."""
    retry = v.url("vendor_questionnaire")
    check_csrf(v.request, form, settings.secret_key, v.item.id, v.tr.lang, retry)
    if SWITCH_LANG in form:  # the other language, the answers as typed, nothing saved
        return _page(v, session, settings.secret_key, form=form)
    errors: dict[str, str] = {}
    answered_by = text_value(form, "answered_by")
    if answered_by is None:
        errors["answered_by"] = v.tr("vendor_name_error")
    given: list[tuple[int, dict[str, Any], GivenAnswer]] = []
    for index, question in enumerate(v.item.questions):
        facts, problems = parse_answer(index, question, form, v.tr)
        errors.update(problems)
        evidence = text_value(form, f"q{index}-evidence")
        if evidence is not None and not evidence.lower().startswith(("https://", "http://")):
            errors[f"q{index}-evidence"] = v.tr("vendor_url_error")
        if facts:
            comment = text_value(form, f"q{index}-comment")
            item = GivenAnswer(question["key"], facts, evidence, comment)
            given.append((index, question, item))
    if errors or answered_by is None:
        return _page(v, session, settings.secret_key, form=form, errors=errors, status_code=422)
    refused = vendor_requests.save_answers(
        session, request=v.item, given=[item for _, _, item in given], answered_by=answered_by[:150]
    )
    for index, question, item in given:
        for problem in refused.get(item.question, []):
            name = error_field(index, question, problem.field.removeprefix("facts."))
            errors[name] = v.tr("vendor_value_error", reason=problem.message)
    if errors:
        return _page(v, session, settings.secret_key, form=form, errors=errors, status_code=422)
    if "submit" in form:
        vendor_requests.submit(session, request=v.item, answered_by=answered_by[:150])
        return RedirectResponse(
            v.url("vendor_done"), status_code=303, headers={"Cache-Control": "no-store"}
        )
    return _page(v, session, settings.secret_key, saved=True)


@router.get("/vendor/{token}/done", name="vendor_done")
def done(request: Request, token: str, lang: LangDep) -> HTMLResponse:
    """Thanks: the link no longer opens the questionnaire once it is submitted."""
    tr = Translator(lang)
    return render(request, tr, "vendor_done.html", title=tr("vendor_done_title"))
