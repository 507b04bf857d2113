"""The report's method in plain words, its glossary, and each source as the reader sees it."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from service.exports.common import criterion_label
from service.exports.texts import has_message, number, percent, t
from service.i18n import Lang, long_date
from service.selection.snapshot import Snapshot

GLOSSARY = ("tco", "moscow", "robustness", "acceptability", "estimated", "to_confirm", "method")


def method_paragraphs(snapshot: Snapshot, lang: Lang) -> list[str]:
    """How the comparison was made, for a reader who is not an analyst."""
    criteria = ", ".join(criterion_label(key, lang) for key in snapshot.matrix.criteria)
    robustness = snapshot.robustness
    method = snapshot.result.method
    about = f"method_about_{method}"
    grid = t("method_grid", lang, criteria=criteria, method=method.upper())
    return [
        f"{grid} {t(about, lang)}" if has_message(about) else grid,
        t("method_evidence", lang),
        t(
            "method_unknowns",
            lang,
            samples=number(robustness.samples, lang),
            spread=percent(robustness.weight_spread, lang),
            threshold=percent(robustness.threshold, lang),
        ),
    ]


def glossary(lang: Lang) -> list[tuple[str, str]]:
    """The terms the report uses, with their meaning."""
    return [(t(f"term_{key}", lang), t(f"term_{key}_meaning", lang)) for key in GLOSSARY]


# The sources the service itself writes (vendor_requests.service, demos.ratings).
_QUESTIONNAIRE = re.compile(
    r"questionnaire [0-9a-f-]{36}, answered by (?P<who>.+?) on (?P<day>\d{4}-\d{2}-\d{2})"
    r"(?:, verified by .+)?"
)
_DEMO = re.compile(r"demo scorecards of project [0-9a-f-]{36}: scenarios .+")


def source_parts(source: str | None, lang: Lang) -> tuple[str, str]:
    """Who published a source and the source as the reader sees it: a link's domain (without
    www.) and the link; the firm's questionnaire or demonstrations in words (their ids stay in
    the evaluation); any other source as it is."""
    if not source:
        return "", ""
    if source.startswith(("http://", "https://")):
        host = urlsplit(source).hostname or ""
        return host.removeprefix("www."), source
    if found := _QUESTIONNAIRE.fullmatch(source):
        day = long_date(date.fromisoformat(found["day"]), lang)
        text = t("source_questionnaire", lang, who=found["who"], day=day)
        return t("publisher_questionnaire", lang), text
    if _DEMO.fullmatch(source):
        return t("publisher_demo", lang), t("source_demo", lang)
    return "", source


_DEMO_RATERS = re.compile(r"(?P<n>\d+) evaluator\(s\) in scripted demonstrations")


def rated_by_text(rated_by: str | None, lang: Lang) -> str:
    """Whose judgement a rating is, in words (the demonstrations' evaluators in `lang`)."""
    if not rated_by:
        return ""
    if found := _DEMO_RATERS.fullmatch(rated_by):
        return t("rated_by_demo", lang, n=found["n"])
    return rated_by
