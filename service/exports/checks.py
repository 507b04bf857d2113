"""What the engine decided, in the reader's language, from the codes and parameters it stores:
a knock-out check's outcome, and why a cost rests on some editions (an evaluation stored
before codes existed keeps the engine's English)."""

from __future__ import annotations

from typing import Any

from service import i18n
from service.exports.common import edition_names
from service.exports.texts import t
from service.i18n import Lang, listed
from service.selection.snapshot import CheckOut, CostOut, Snapshot
from vendors.vocabulary import CAPABILITIES, CERTIFICATIONS, REGIONS


def check_detail(check: CheckOut, snapshot: Snapshot, pid: str, lang: Lang) -> str:
    """What the check found, in `lang`."""
    if not check.code:
        return check.detail
    values = {
        name: _param(name, value, snapshot, pid, lang) for name, value in check.params.items()
    }
    return t("check_" + check.code, lang, **values)


def cost_choice(cost: CostOut, lang: Lang) -> str:
    """Why the cost rests on these editions, in `lang` (an evaluation stored before choices had
    codes keeps its English)."""
    if not cost.choice_code:
        return cost.choice
    base, lacking, _ = cost.choice_code.partition("+lacking")
    text = t("choice_" + base, lang)
    return f"{text} ({t('choice_lacking', lang)})" if lacking else text


def _param(name: str, value: Any, snapshot: Snapshot, pid: str, lang: Lang) -> str:
    currency = (
        str(snapshot.inputs.project.budget.currency) if snapshot.inputs.project.budget else ""
    )
    if name in ("low", "high", "ceiling") and isinstance(value, int | float):
        return i18n.money(float(value), currency, lang)
    if name == "modes":
        return listed([t(str(mode), lang) for mode in value], lang, either=True)
    if name in ("places", "wanted"):
        return listed([_place(str(code), lang) for code in value], lang, either=True)
    if name == "items":
        return listed([_item(str(code), lang) for code in value], lang, either=True)
    if name == "capabilities":
        return listed([CAPABILITIES[k].in_lang(lang) for k in value], lang, either=True)
    if name == "edition":
        return edition_names(snapshot, pid).get(str(value), str(value))
    if name == "availability":
        return t(str(value), lang)
    return str(value)


def _place(code: str, lang: Lang) -> str:
    if code == "EEA":
        return t("region_eea", lang)
    return i18n.territory(code, lang) or REGIONS.get(code) or code


def _item(code: str, lang: Lang) -> str:
    """A language or a certification of a constraint, as a sentence writes it."""
    if code in CERTIFICATIONS:
        return CERTIFICATIONS[code]
    return i18n.language_name(code, lang, in_text=True) or code
