"""A catalog fact as a client reads it: its path (`editions.growth.price`) as words, its value
(a price with its unit and billing, codes as names, yes or no) and how sure it is, in French
or English. A path or value this module does not know is shown as it is, never dropped."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from service import i18n
from service.exports.common import edition_names
from service.exports.texts import has_message, number, percent, t
from service.i18n import Lang
from service.selection.snapshot import Snapshot
from vendors.vocabulary import (
    CAPABILITIES,
    CERTIFICATIONS,
    COMPANY_SIZE_LABELS,
    DOMAIN_LABELS,
    VERTICALS,
    CompanySize,
    Domain,
)

# Facts at fixed paths: their message in the reports catalogs is `fact_` + the path's parts.
_FIXED = {
    "deployment.implementation_days",
    "deployment.licence_models",
    "deployment.maintenance_pct",
    "deployment.on_premise",
    "deployment.private_cloud",
    "deployment.saas",
    "hosting.certifications",
    "hosting.countries",
    "hosting.regions",
    "origin_country",
    "pricing.billing_periods",
    "pricing.commitment_months",
    "pricing.free_tier",
    "pricing.minimum_seats",
    "pricing.price_on_request",
    "product",
    "public_ratings.capterra",
    "public_ratings.g2",
    "public_ratings.gartner",
    "ratings.customisability",
    "ratings.ease_of_deployment",
    "ratings.ease_of_use",
    "ratings.scalability",
    "ratings.vendor_viability",
    "target_sizes",
    "ui_languages",
    "vendor",
    "vertical_focus",
}
_EDITION_FIELDS = {
    "price",
    "price_on_request",
    "minimum_seats",
    "commitment_months",
    "billing_periods",
}
_COVERAGE_FIELDS = {"availability", "depth", "in_editions"}


def fact_label(path: str, lang: Lang, editions: Mapping[str, str]) -> str:
    """The fact at `path` in words; `editions` names the product's editions by key."""
    parts = path.split(".")
    if path in _FIXED:
        return t("fact_" + path.replace(".", "_"), lang)
    match parts:
        case ["capabilities", key, field] if key in CAPABILITIES and field in _COVERAGE_FIELDS:
            what = CAPABILITIES[key].in_lang(lang)
            return f"{what} – {t('fact_part_' + field, lang)}"
        case ["domains", domain, field] if domain in set(Domain) and field in _COVERAGE_FIELDS:
            what = DOMAIN_LABELS[Domain(domain)].in_lang(lang)
            return f"{what} – {t('fact_part_' + field, lang)}"
        case ["editions", "*", "price"]:
            return t("fact_editions_price", lang)
        case ["editions", key, field] if field in _EDITION_FIELDS:
            return t("fact_edition_" + field, lang, edition=editions.get(key, key))
    return path


def confidence_word(confidence: str | None, lang: Lang) -> str:
    """How a fact was obtained, in words."""
    if confidence is None:
        return ""
    return t("confidence_" + confidence, lang)


def fact_value(path: str, value: Any, lang: Lang, editions: Mapping[str, str]) -> str:
    """A fact's value as short text for a cell, in `lang`."""
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if path.endswith(".availability") and isinstance(value, str):
        return t(value, lang)
    if path.endswith(".in_editions") and isinstance(value, list):
        return ", ".join(editions.get(str(key), str(key)) for key in value)
    if path == "deployment.maintenance_pct" and isinstance(value, int | float):
        return percent(float(value) / 100, lang, 1)
    if path.endswith((".depth",)) or path.startswith("ratings."):
        return f"{number(float(value), lang, 1)}\u00a0/\u00a05"
    if isinstance(value, dict) and {"amount", "currency", "unit"} <= set(value):
        return _price(value, lang)
    if isinstance(value, dict) and "score" in value:
        return _review(value, lang)
    if isinstance(value, list):
        return ", ".join(_code(path, str(item), lang) for item in value)
    if isinstance(value, int | float):
        return number(float(value), lang, 0 if float(value).is_integer() else 2)
    return _code(path, str(value), lang)


def _price(price: Mapping[str, Any], lang: Lang) -> str:
    amount = float(price["amount"])
    text = f"{number(amount, lang, 0 if amount.is_integer() else 2)}\u00a0{price['currency']}"
    text += f" {t(str(price['unit']), lang)}"
    if price.get("billed"):
        text += f", {t('billing_' + str(price['billed']), lang)}"
    return text


def _review(review: Mapping[str, Any], lang: Lang) -> str:
    text = f"{number(float(review['score']), lang, 1)}\u00a0/\u00a05"
    if review.get("review_count"):
        text += f" ({t('reviews', lang, n=number(float(review['review_count']), lang))})"
    return text


def _code(path: str, code: str, lang: Lang) -> str:
    """A vocabulary code as its name: a country, a language, a certification."""
    if path in ("hosting.countries", "origin_country"):
        return i18n.territory(code, lang) or code
    if path == "hosting.regions":
        return (i18n.territory(code, lang) if code == "EU" else None) or code
    if path == "ui_languages":
        return i18n.language_name(code, lang) or code
    if path == "hosting.certifications":
        return CERTIFICATIONS.get(code, code)
    if path == "hosting.regions" and code == "EEA":
        return t("region_eea", lang)
    if path == "target_sizes" and code in set(CompanySize):
        return COMPANY_SIZE_LABELS[CompanySize(code)].in_lang(lang)
    if path.endswith("billing_periods"):
        return t("period_" + code, lang) if has_message("period_" + code) else code
    if path == "vertical_focus" and code in VERTICALS:
        return VERTICALS[code].in_lang(lang)
    return code


def product_fact(
    snapshot: Snapshot, pid: str, path: str, lang: Lang, alternative: int | None = None
) -> str:
    """A fact of a compared product in words, with which other source when it is one."""
    label = fact_label(path, lang, edition_names(snapshot, pid))
    return label if alternative is None else f"{label} ({t('alternative_n', lang, n=alternative)})"


def product_value(snapshot: Snapshot, pid: str, path: str, value: Any, lang: Lang) -> str:
    """A compared product's fact value in words; "unknown" when it is not known."""
    if value is None:
        return t("unknown", lang)
    return fact_value(path, value, lang, edition_names(snapshot, pid))
