"""The words of the exports, in French and English."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from service.exports.common import Lang, criterion_label

_TEXTS: dict[str, tuple[str, str]] = {
    # key: (fr, en)
    "title": ("Comparaison de solutions CRM", "CRM solutions comparison"),
    "client": ("Client", "Client"),
    "context": ("Contexte", "Context"),
    "evaluation": ("Évaluation", "Evaluation"),
    "method": ("Méthode", "Method"),
    "date": ("Date", "Date"),
    "made_by": ("Réalisée par", "Made by"),
    "catalog_version": ("Version du catalogue", "Catalog version"),
    "input_hash": ("Empreinte des entrées", "Input hash"),
    "horizon": ("Horizon", "Horizon"),
    "years": ("ans", "years"),
    "users": ("Utilisateurs", "Users"),
    "budget": ("Budget", "Budget"),
    "rank": ("Rang", "Rank"),
    "product": ("Produit", "Product"),
    "vendor": ("Éditeur", "Vendor"),
    "score": ("Score", "Score"),
    "tco": ("Coût total (TCO)", "Total cost (TCO)"),
    "currency": ("Devise", "Currency"),
    "budget_fit": ("Budget", "Budget fit"),
    "gaps": ("Besoins non couverts", "Gaps"),
    "why": ("Pourquoi", "Why"),
    "criterion": ("Critère", "Criterion"),
    "key": ("Clé", "Key"),
    "objective": ("Sens", "Objective"),
    "unit": ("Unité", "Unit"),
    "weight": ("Poids", "Weight"),
    "value": ("Valeur", "Value"),
    "contribution": ("Contribution", "Contribution"),
    "dropped": ("Critères écartés", "Criteria left out"),
    "reason": ("Raison", "Reason"),
    "year": ("Année", "Year"),
    "year_total": ("Total de l'année", "Year total"),
    "cumulative": ("Cumul", "Cumulative"),
    "total": ("Total", "Total"),
    "mode": ("Mode", "Mode"),
    "edition": ("Édition", "Edition"),
    "list_price": ("Prix catalogue", "List price"),
    "price_unit": ("Unité de prix", "Price unit"),
    "seats": ("Licences facturées", "Seats billed"),
    "requirement": ("Besoin", "Requirement"),
    "kind": ("Type", "Kind"),
    "priority": ("Priorité", "Priority"),
    "coverage": ("Couverture", "Coverage"),
    "status": ("Statut", "Status"),
    "acceptability": ("Acceptabilité de rang (SMAA)", "Rank acceptability (SMAA)"),
    "rank_n": ("Rang {n}", "Rank {n}"),
    "confidence": ("Confiance", "Confidence"),
    "stability": ("Intervalles de stabilité des poids", "Weight stability intervals"),
    "low": ("Bas", "Low"),
    "high": ("Haut", "High"),
    "agreement": ("Accord des méthodes", "Method agreement"),
    "winner": ("Premier", "Winner"),
    "ranking": ("Classement", "Ranking"),
    "kendall": ("Tau de Kendall avec {m}", "Kendall tau with {m}"),
    "fact": ("Fait", "Fact"),
    "source": ("Source", "Source"),
    "as_of": ("Date du fait", "As of"),
    "precision": ("Précision", "Precision"),
    "rated_by": ("Noté par", "Rated by"),
    "inferred": ("Déduit", "Inferred"),
    "note": ("Note", "Note"),
    "treatment": ("Traitement", "Treatment"),
    "missing": ("Faits manquants", "Missing facts"),
    "low_confidence": ("Faits peu sûrs", "Low-confidence facts"),
    "risks": ("Risques de conduite du changement", "Change-management risks"),
    "factor": ("Facteur", "Factor"),
    "level": ("Niveau", "Level"),
    "advice": ("Conseil", "Advice"),
    "no_risks": (
        "Aucun facteur de conduite du changement n'a été évalué.",
        "No change-management factor was rated.",
    ),
    "comparison": ("Tableau comparatif", "Comparison table"),
    "scores_chart": ("Scores", "Scores"),
    "tco_chart": ("Coût par année", "Cost per year"),
    "tco_section": ("Coût total de possession", "Total cost of ownership"),
    "requirements_section": ("Couverture des besoins", "Requirements coverage"),
    "robustness_section": ("Robustesse du classement", "Robustness of the ranking"),
    "sources_section": ("Sources", "Sources"),
    "knockouts": ("Contraintes éliminatoires", "Knock-out constraints"),
    "yes": ("oui", "yes"),
    "no": ("non", "no"),
    "unknown": ("inconnu", "unknown"),
    "within": ("dans le budget", "within budget"),
    "above": ("au-dessus du budget", "above budget"),
    "below": ("sous le budget", "below budget"),
    "covered": ("couvert", "covered"),
    "partial": ("partiel", "partial"),
    "gap": ("non couvert", "gap"),
    "must": ("indispensable", "must"),
    "should": ("important", "should"),
    "could": ("souhaitable", "could"),
    "capability": ("fonction", "capability"),
    "domain": ("domaine", "domain"),
    "max": ("plus = mieux", "higher is better"),
    "min": ("moins = mieux", "lower is better"),
    "high_risk": ("élevé", "high"),
    "watch": ("à surveiller", "watch"),
    "low_risk": ("faible", "low"),
    "pass": ("respectée", "pass"),
    "fail": ("échec", "fail"),
    "saas": ("SaaS (location)", "SaaS (rental)"),
    "on_premise": ("Licence (sur site)", "Licence (on premise)"),
    "no_price": ("prix non publié", "no published price"),
    "stability_none": (
        "Aucun changement d'un seul poids ne met un autre produit en tête.",
        "No change of a single weight puts another product first.",
    ),
    "stability_change": (
        "Déplacer le poids de « {c} » de {x:.0%} (du total) mettrait {p} en tête.",
        'Moving the weight of "{c}" by {x:.0%} (of the total) would put {p} first.',
    ),
    "generated": (
        "Rapport produit par Shortlist à partir d'un instantané immuable de l'évaluation.",
        "Report produced by Shortlist from an immutable snapshot of the evaluation.",
    ),
    "assumptions": (
        "Hypothèses de coût du projet (modifiables)",
        "Project cost assumptions (overridable)",
    ),
    "first_crm": ("Premier CRM", "First CRM"),
    "relaunch": ("Relance d'un CRM peu adopté", "Relaunch of a poorly adopted CRM"),
    "cloud_migration": ("Migration vers le SaaS", "Migration to SaaS"),
    "marketing_automation": ("Automatisation marketing", "Marketing automation"),
}

_RISK_LEVELS = {"high": "high_risk", "watch": "watch", "low": "low_risk"}


def t(key: str, lang: Lang, **values: object) -> str:
    """The text `key` in `lang`, with `values` filled in."""
    fr, en = _TEXTS[key]
    text = fr if lang is Lang.FR else en
    return text.format(**values) if values else text


def word(value: str | None, lang: Lang) -> str:
    """A vocabulary value (status, priority, level...) in `lang`; unknown values as given."""
    if value is None:
        return t("unknown", lang)
    key = _RISK_LEVELS.get(value, value)
    return t(key, lang) if key in _TEXTS else value


def stability_sentence(stability: Mapping[str, Any], names: Mapping[str, str], lang: Lang) -> str:
    """What smallest change of one weight would put another product first, in `lang`."""
    if stability.get("min_change") is None:
        return t("stability_none", lang)
    new = str(stability["new_winner"])
    return t(
        "stability_change",
        lang,
        c=criterion_label(str(stability["criterion"]), lang),
        x=float(stability["min_change"]),
        p=names.get(new, new),
    )
