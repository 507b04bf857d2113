"""The words of the exports, in French and English, from the `reports` catalogs of
`service.i18n`, and the number formats of each language."""

from __future__ import annotations

import math
from collections.abc import Mapping

from service import i18n
from service.exports.common import criterion_label, requirement_label
from service.i18n import DEFAULT_LANG, Lang, catalog, message
from service.selection.snapshot import Snapshot, StabilityOut

# The unit of each cost assumption: "money", "pct", "days", "hours" or "" (shown as is). The
# labels of the assumptions, knock-out constraints and cost items are in the reports catalogs
# (`assumption_<name>`, `constraint_<name>`, `cost_item_<name>`); a name missing there is shown
# as it is, so a new one is never dropped.
ASSUMPTION_UNITS: dict[str, str] = {
    "exchange_rates": "",
    "editions": "",
    "integrator_day_rate": "money",
    "implementation_days": "days",
    "implementation_days_per_user": "days",
    "installation_days_on_premise": "days",
    "project_management_pct": "pct",
    "training_hours_per_user": "hours",
    "continuous_training_hours_per_user": "hours",
    "trainer_day_rate": "money",
    "internal_hours": "hours",
    "internal_hourly_cost": "money",
    "infrastructure_per_year": "money",
    "maintenance_pct": "pct",
}
_RISK_LEVELS = {"high": "high_risk", "watch": "watch", "low": "low_risk"}


def number(value: float | None, lang: Lang, digits: int = 0) -> str:
    """A number with the thousands separator and decimal mark of `lang`."""
    return "–" if value is None else i18n.number(value, lang, digits)


def percent(value: float | None, lang: Lang, digits: int = 0) -> str:
    """A share (0-1) as a percentage in the typography of `lang`."""
    return "–" if value is None else i18n.percent(value, lang, digits)


def floor_percent(value: float, lang: Lang) -> str:
    """A share rounded down, so that 79.96 % never reads as the 80 % it falls short of."""
    return percent(math.floor(100 * value + 1e-9) / 100, lang)


def colon(lang: Lang) -> str:
    """A colon in the typography of `lang` (French puts a space before it)."""
    return "\u00a0:" if lang is Lang.FR else ":"


def t(key: str, lang: Lang, **values: object) -> str:
    """The text `key` in `lang` (the `reports` catalogs of `service.i18n`), with `values`
    filled in."""
    return message("reports", lang, key, **values)


def has_message(key: str) -> bool:
    """Whether the reports catalogs hold `key`."""
    return key in catalog(DEFAULT_LANG, "reports")


def _label(prefix: str, name: str, lang: Lang) -> str:
    """The catalog's label of `name` (message `prefix` + `name`), or `name` itself."""
    return t(prefix + name, lang) if has_message(prefix + name) else name


def word(value: str | None, lang: Lang) -> str:
    """A vocabulary value (status, priority, level...) in `lang`; unknown values as given."""
    if value is None:
        return t("unknown", lang)
    key = _RISK_LEVELS.get(value, value)
    return t(key, lang) if has_message(key) else value.replace("_", " ")


def coverage_word(status: str, lang: Lang) -> str:
    """A coverage status: an unknown availability is to confirm, never "not covered"."""
    return t("to_confirm", lang) if status == "unknown" else word(status, lang)


def ask_word(ask: str, lang: Lang) -> str:
    """Who answers a question."""
    return t("vendor_ask", lang) if ask == "vendor" else word(ask, lang)


def constraint_label(name: str, lang: Lang) -> str:
    """A knock-out constraint in words: ``capability:quotes`` is the capability's label."""
    kind, _, subject = name.partition(":")
    if subject:
        return requirement_label(subject, kind, lang)
    return _label("constraint_", name, lang)


def cost_item_label(item: str, lang: Lang) -> str:
    """A TCO item in words."""
    return _label("cost_item_", item, lang)


def assumption_label(name: str, lang: Lang) -> str:
    """A cost assumption in words."""
    return _label("assumption_", name, lang)


def assumption_unit(name: str) -> str:
    """How a cost assumption is measured: money, pct, days, hours, or "" when it is not a
    number."""
    return ASSUMPTION_UNITS.get(name, "")


def stability_sentence(stability: StabilityOut, names: Mapping[str, str], lang: Lang) -> str:
    """What smallest change of one weight would put another product first, in `lang`."""
    if stability.min_change is None or stability.criterion is None:
        return t("stability_none", lang)
    new = str(stability.new_winner)
    return t(
        "stability_change",
        lang,
        c=criterion_label(stability.criterion, lang),
        x=percent(stability.min_change, lang),
        p=names.get(new, new),
    )


def robustness_sentences(snapshot: Snapshot, lang: Lang) -> list[str]:
    """Who is first at the expected values, how far that holds when the weights move and when
    the missing facts are drawn (two separate statements), and the verdict."""
    robustness = snapshot.robustness
    winner = robustness.winner
    name = snapshot.names.get(winner, winner)
    c = colon(lang)
    first = [p.name for p in snapshot.products if p.rank == 1]
    if len(first) > 1:
        sentences = [t("point_tie", lang, c=c, p=", ".join(first))]
    else:
        sentences = [t("point_winner", lang, c=c, p=name)]
    for what, shares in (("to_weights", robustness.to_weights), ("to_facts", robustness.to_facts)):
        if shares is None:
            sentences.append(t("no_draws_sentence", lang, what=t(f"{what}_what", lang), c=c))
        else:
            share = floor_percent(shares.get(winner, 0.0), lang)
            sentences.append(t(f"{what}_sentence", lang, c=c, p=name, x=share))
    if robustness.joint is not None:
        share = floor_percent(robustness.joint.get(winner, 0.0), lang)
        sentences.append(t("joint_sentence", lang, c=c, p=name, x=share))
    verdict = t(robustness.verdict, lang)
    sentences.append(
        t("verdict_sentence", lang, c=c, v=verdict, x=percent(robustness.threshold, lang))
    )
    return sentences


def kind_word(kind: str, lang: Lang) -> str:
    """What an unknown fact is about, in words."""
    key = f"kind_{kind}"
    return t(key, lang) if has_message(key) else kind


def product_label(name: str, eliminated: bool, lang: Lang) -> str:
    """A product's name, marked when a constraint of the client eliminates it."""
    return f"{name} ({t('eliminated', lang)})" if eliminated else name
