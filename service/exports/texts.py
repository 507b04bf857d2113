"""The words of the exports, in French and English."""

from __future__ import annotations

import math
from collections.abc import Mapping

from service.exports.common import Lang, criterion_label, requirement_label
from service.selection.snapshot import Snapshot, StabilityOut

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
    "score_expected": ("Score (valeurs attendues)", "Score (expected values)"),
    "tco": ("Coût total (TCO)", "Total cost (TCO)"),
    "currency": ("Devise", "Currency"),
    "budget_fit": ("Budget", "Budget fit"),
    "gaps": ("Besoins non couverts", "Gaps"),
    "to_confirm_needs": ("Besoins à confirmer", "Needs to confirm"),
    "why": ("Pourquoi", "Why"),
    "criterion": ("Critère", "Criterion"),
    "constraint": ("Contrainte", "Constraint"),
    "key": ("Clé", "Key"),
    "objective": ("Sens", "Objective"),
    "unit": ("Unité", "Unit"),
    "weight": ("Poids", "Weight"),
    "weight_share": ("Part des poids", "Share of the weights"),
    "value": ("Valeur", "Value"),
    "contribution": ("Contribution", "Contribution"),
    "left_out": ("Critères écartés", "Criteria left out"),
    "reason": ("Raison", "Reason"),
    "year": ("Année", "Year"),
    "year_total": ("Total de l'année", "Year total"),
    "cumulative": ("Cumul", "Cumulative"),
    "total": ("Total", "Total"),
    "mode": ("Mode", "Mode"),
    "edition": ("Édition", "Edition"),
    "edition_choice": ("Édition retenue", "Edition priced"),
    "list_price": ("Prix catalogue", "List price"),
    "price_unit": ("Unité de prix", "Price unit"),
    "price_in": ("Prix en {c}", "Price in {c}"),
    "billed": ("Facturation", "Billing"),
    "rate": ("Taux de change", "Exchange rate"),
    "seats": ("Licences facturées", "Seats billed"),
    "price_basis": ("Base de prix", "Price basis"),
    "bounds": ("Bornes du catalogue", "Catalog bounds"),
    "bound_low": ("le moins cher", "cheapest"),
    "bound_high": ("le plus cher", "dearest"),
    "unpublished_price": (
        "prix non publié : entre {low} et {high} {unit} (bornes du catalogue)",
        "no published price: between {low} and {high} {unit} (catalog bounds)",
    ),
    "implementation_per_product": (
        "estimation propre à chaque produit, sinon 15 jours",
        "each product's own estimate, else 15 days",
    ),
    "unpublished_unbounded": (
        "prix non publié et aucun prix du catalogue pour le borner : inconnu",
        "no published price and no catalog price to bound it: unknown",
    ),
    "requirement": ("Besoin", "Requirement"),
    "kind": ("Type", "Kind"),
    "priority": ("Priorité", "Priority"),
    "coverage": ("Couverture", "Coverage"),
    "availability": ("Disponibilité", "Availability"),
    "depth": ("Profondeur", "Depth"),
    "in_editions": ("Éditions", "Editions"),
    "status": ("Statut", "Status"),
    "acceptability": ("Acceptabilité de rang (SMAA)", "Rank acceptability (SMAA)"),
    "acceptability_note": (
        "Part des tirages conjoints des poids et des faits inconnus où le produit a chaque rang.",
        "Share of the joint draws of the weights and unknown facts in which the product has "
        "each rank.",
    ),
    "acceptability_weights_note": (
        "Part des tirages des poids (faits inconnus à leur valeur attendue) où le produit a "
        "chaque rang.",
        "Share of the weight draws (unknown facts at their expected values) in which the "
        "product has each rank.",
    ),
    "rank_n": ("Rang {n}", "Rank {n}"),
    "confidence": ("Confiance", "Confidence"),
    "stability": ("Intervalles de stabilité des poids", "Weight stability intervals"),
    "low": ("Bas", "Low"),
    "high": ("Haut", "High"),
    "expected": ("Attendu", "Expected"),
    "expected_value": ("attendu {v}", "expected {v}"),
    "agreement": ("Accord des méthodes", "Method agreement"),
    "winner": ("Premier", "Winner"),
    "ranking": ("Classement", "Ranking"),
    "kendall": ("Tau de Kendall avec {m}", "Kendall tau with {m}"),
    "fact": ("Fait", "Fact"),
    "changes_section": (
        "Ce qui a changé depuis l'évaluation précédente",
        "What changed since the previous evaluation",
    ),
    "previous_evaluation": ("Évaluation précédente", "Previous evaluation"),
    "before": ("Avant", "Before"),
    "after": ("Après", "After"),
    "no_fact_changed": ("Aucun fait n'a changé de valeur.", "No fact changed value."),
    "source": ("Source", "Source"),
    "as_of": ("Date du fait", "As of"),
    "precision": ("Précision", "Precision"),
    "rated_by": ("Noté par", "Rated by"),
    "inferred": ("Déduit", "Inferred"),
    "note": ("Note", "Note"),
    "treatment": ("Traitement", "Treatment"),
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
    "tco_chart": (
        "Coût par année : valeur attendue et fourchette",
        "Cost per year: expected value and range",
    ),
    "tco_section": ("Coût total de possession", "Total cost of ownership"),
    "requirements_section": ("Couverture des besoins", "Requirements coverage"),
    "robustness_section": ("Robustesse du classement", "Robustness of the ranking"),
    "questions_section": ("Questions à poser", "Questions to ask"),
    "question": ("Question", "Question"),
    "question_fr": ("Question (français)", "Question (French)"),
    "question_en": ("Question (anglais)", "Question (English)"),
    "ask": ("Qui répond", "Who answers"),
    "influence": ("Influence", "Influence"),
    "influence_note": (
        "Influence : de combien la probabilité d'arriver en tête varie selon la réponse "
        "(0 à 100 %). Les questions sont classées par influence.",
        "Influence: how much the chances of ranking first move with the answer (0 to 100%). "
        "The questions are ranked by influence.",
    ),
    "no_questions": (
        "Aucune question : tous les faits utilisés pour ce produit sont connus.",
        "No question: every fact used for this product is known.",
    ),
    "sources_section": ("Sources", "Sources"),
    "knockouts": ("Contraintes éliminatoires", "Knock-out constraints"),
    "facts_to_confirm": ("Faits en cause", "Facts involved"),
    "policies": ("Comment les faits inconnus sont estimés", "How unknown facts are estimated"),
    "estimated_note": (
        "« estimé » : au moins un fait est inconnu ; la valeur est donnée comme une fourchette "
        "basse–haute, avec la valeur attendue qui sert au classement. « à confirmer » : le "
        "catalogue ne dit pas si le besoin est couvert.",
        '"estimated": at least one fact is unknown; the value is given as a low–high range, '
        'with the expected value used for the ranking. "to confirm": the catalog does not '
        "say whether the need is covered.",
    ),
    "eliminated_note": (
        "Produit éliminé par une contrainte du client, comparé à la demande du consultant.",
        "Product eliminated by a client constraint, compared at the consultant's request.",
    ),
    "eliminated_flag": ("Éliminé", "Eliminated"),
    "eliminated": ("éliminé", "eliminated"),
    "eliminated_by": ("{p} est éliminé{c} {why}", "{p} is eliminated{c} {why}"),
    "days": ("jours", "days"),
    "hours": ("heures", "hours"),
    "rate_value": ("1 {c} = {v} {into}", "1 {c} = {v} {into}"),
    "rate_source_project": ("taux du projet", "project rate"),
    "kind_availability": ("Disponibilité d'une fonction", "Availability of a capability"),
    "kind_depth": ("Profondeur d'une fonction", "Depth of a capability"),
    "kind_rating": ("Note 0-5", "0-5 rating"),
    "kind_price": ("Prix", "Price"),
    "kind_maintenance": ("Maintenance", "Maintenance"),
    "kind_hosting": ("Hébergement", "Hosting"),
    "kind_certification": ("Certification", "Certification"),
    "possible_ranks": ("Rangs possibles", "Possible ranks"),
    "p_first": ("Probabilité d'être premier", "Probability of ranking first"),
    "p_first_joint": ("P(1er) poids et faits", "P(first) weights and facts"),
    "p_first_weights": ("P(1er) poids seuls", "P(first) weights only"),
    "p_first_facts": ("P(1er) faits seuls", "P(first) facts only"),
    "best_rank": ("Meilleur rang", "Best rank"),
    "worst_rank": ("Pire rang", "Worst rank"),
    "most_probable_rank": ("Rang le plus probable", "Most probable rank"),
    "mean_rank": ("Rang moyen", "Mean rank"),
    "evidence": ("Faits connus", "Facts known"),
    "point_winner": (
        "En tête aux poids indiqués, chaque fait inconnu à sa valeur attendue{c} {p}.",
        "First at the stated weights, each unknown fact at its expected value{c} {p}.",
    ),
    "point_tie": (
        "À égalité en tête aux poids indiqués, chaque fait inconnu à sa valeur attendue{c} {p}.",
        "Tied for first at the stated weights, each unknown fact at its expected value{c} {p}.",
    ),
    "joint_sentence": (
        "Les deux à la fois{c} {p} reste premier dans {x} des tirages conjoints des poids et "
        "des faits inconnus.",
        "Both at once{c} {p} stays first in {x} of the joint draws of the weights and the "
        "unknown facts.",
    ),
    "to_weights_sentence": (
        "Sensibilité aux poids{c} {p} reste premier dans {x} des jeux de poids tirés autour "
        "des poids indiqués (faits inconnus à leur valeur attendue).",
        "Sensitivity to the weights{c} {p} stays first in {x} of the weight sets drawn around "
        "the stated weights (unknown facts at their expected values).",
    ),
    "to_facts_sentence": (
        "Sensibilité aux faits manquants{c} {p} reste premier dans {x} des tirages des "
        "faits inconnus (poids indiqués).",
        "Sensitivity to the missing facts{c} {p} stays first in {x} of the draws of the "
        "unknown facts (stated weights).",
    ),
    "no_draws_sentence": (
        "Sensibilité {what}{c} non mesurée (aucun tirage).",
        "Sensitivity {what}{c} not measured (no draws).",
    ),
    "to_weights_what": ("aux poids", "to the weights"),
    "to_facts_what": ("aux faits manquants", "to the missing facts"),
    "verdict_sentence": (
        "Verdict{c} {v} (robuste s'il reste premier dans au moins {x} des tirages, dans les "
        "deux cas).",
        "Verdict{c} {v} (robust when it stays first in at least {x} of the draws, in both).",
    ),
    "robust": ("robuste", "robust"),
    "depends_on_weights": ("dépend des poids", "depends on the weights"),
    "depends_on_facts": ("dépend des faits inconnus", "depends on the unknown facts"),
    "depends_on_both": (
        "dépend des poids et des faits inconnus",
        "depends on the weights and the unknown facts",
    ),
    "not_sampled": ("non mesuré par tirages", "not measured by draws"),
    "vendor_ask": ("l'éditeur", "the vendor"),
    "demo": ("une démonstration", "a demo"),
    "yes": ("oui", "yes"),
    "no": ("non", "no"),
    "known": ("connu", "known"),
    "estimated": ("estimé", "estimated"),
    "unknown": ("inconnu", "unknown"),
    "to_confirm": ("à confirmer", "to confirm"),
    "within": ("dans le budget", "within budget"),
    "above": ("au-dessus du budget", "above budget"),
    "below": ("sous le budget", "below budget"),
    "covered": ("couvert", "covered"),
    "partial": ("partiel", "partial"),
    "gap": ("non couvert", "gap"),
    "included": ("inclus", "included"),
    "add_on": ("en option", "add-on"),
    "separate_product": ("produit séparé", "separate product"),
    "not_available": ("non disponible", "not available"),
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
    "user_month": ("par utilisateur et par mois", "per user and month"),
    "user_year": ("par utilisateur et par an", "per user and year"),
    "licence_one_off": ("par utilisateur, une fois", "per user, once"),
    "flat_month": ("par mois", "per month"),
    "flat_year": ("par an", "per year"),
    "stability_none": (
        "Aucun changement d'un seul poids ne met un autre produit en tête.",
        "No change of a single weight puts another product first.",
    ),
    "stability_change": (
        "Déplacer le poids de « {c} » de {x} (du total) mettrait {p} en tête.",
        'Moving the weight of "{c}" by {x} (of the total) would put {p} first.',
    ),
    "generated": (
        "Rapport produit par Shortlist à partir d'un instantané immuable de l'évaluation.",
        "Report produced by Shortlist from an immutable snapshot of the evaluation.",
    ),
    "assumptions": (
        "Hypothèses de coût du projet (modifiables)",
        "Project cost assumptions (overridable)",
    ),
    "assumption": ("Hypothèse", "Assumption"),
    "first_crm": ("Premier CRM", "First CRM"),
    "relaunch": ("Relance d'un CRM peu adopté", "Relaunch of a poorly adopted CRM"),
    "cloud_migration": ("Migration vers le SaaS", "Migration to SaaS"),
    "marketing_automation": ("Automatisation marketing", "Marketing automation"),
}

# Labels of the knock-out constraints, the cost items and the cost assumptions; a name missing
# here is shown as it is, so a new one is never dropped.
_CONSTRAINTS: dict[str, tuple[str, str]] = {
    "hosting": ("Hébergement", "Hosting"),
    "deployment": ("Mode de déploiement", "Deployment mode"),
    "ui_languages": ("Langues de l'interface", "UI languages"),
    "certifications": ("Certifications", "Certifications"),
    "budget": ("Plafond du budget", "Budget ceiling"),
}
_COST_ITEMS: dict[str, tuple[str, str]] = {
    "subscription": ("Abonnement", "Subscription"),
    "licences": ("Licences", "Licences"),
    "maintenance": ("Maintenance", "Maintenance"),
    "implementation": ("Mise en œuvre", "Implementation"),
    "installation": ("Installation sur site", "On-premise installation"),
    "infrastructure": ("Infrastructure", "Infrastructure"),
    "integrator_fees": ("Pilotage de l'intégrateur", "Integrator fees"),
    "training": ("Formation initiale", "Initial training"),
    "continuous_training": ("Formation continue", "Continuous training"),
    "internal_hours": ("Temps interne du client", "Client staff time"),
}
# (fr, en, unit): the unit is "money", "pct", "days", "hours" or "" (shown as is).
ASSUMPTIONS: dict[str, tuple[str, str, str]] = {
    "exchange_rates": ("Taux de change", "Exchange rates", ""),
    "editions": ("Édition imposée par produit", "Edition set per product", ""),
    "integrator_day_rate": ("Taux journalier de l'intégrateur", "Integrator day rate", "money"),
    "implementation_days": ("Jours de mise en œuvre (fixe)", "Implementation days (fixed)", "days"),
    "implementation_days_per_user": (
        "Jours de mise en œuvre par utilisateur",
        "Implementation days per user",
        "days",
    ),
    "installation_days_on_premise": (
        "Jours d'installation sur site",
        "On-premise installation days",
        "days",
    ),
    "project_management_pct": (
        "Pilotage de l'intégrateur (part de la mise en œuvre)",
        "Integrator fees (share of implementation)",
        "pct",
    ),
    "training_hours_per_user": (
        "Formation initiale par utilisateur",
        "Initial training per user",
        "hours",
    ),
    "continuous_training_hours_per_user": (
        "Formation continue par utilisateur et par an",
        "Continuous training per user and year",
        "hours",
    ),
    "trainer_day_rate": ("Taux journalier du formateur (7 h)", "Trainer day rate (7 h)", "money"),
    "internal_hours": ("Heures du personnel du client", "Client staff hours", "hours"),
    "internal_hourly_cost": ("Coût horaire chargé", "Loaded hourly cost", "money"),
    "infrastructure_per_year": (
        "Infrastructure par an (sur site)",
        "Infrastructure per year (on premise)",
        "money",
    ),
    "maintenance_pct": (
        "Maintenance annuelle si non publiée (part des licences)",
        "Yearly maintenance when unpublished (share of licences)",
        "pct",
    ),
}
_RISK_LEVELS = {"high": "high_risk", "watch": "watch", "low": "low_risk"}


def number(value: float | None, lang: Lang, digits: int = 0) -> str:
    """A number with the thousands separator and decimal mark of `lang`."""
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    if lang is Lang.FR:
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def percent(value: float | None, lang: Lang, digits: int = 0) -> str:
    """A share (0-1) as a percentage in the typography of `lang`."""
    if value is None:
        return "–"
    text = number(100 * value, lang, digits)
    return f"{text}\u202f%" if lang is Lang.FR else f"{text}%"


def floor_percent(value: float, lang: Lang) -> str:
    """A share rounded down, so that 79.96 % never reads as the 80 % it falls short of."""
    return percent(math.floor(100 * value + 1e-9) / 100, lang)


def colon(lang: Lang) -> str:
    """A colon in the typography of `lang` (French puts a space before it)."""
    return "\u00a0:" if lang is Lang.FR else ":"


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang is Lang.FR else pair[1]


def t(key: str, lang: Lang, **values: object) -> str:
    """The text `key` in `lang`, with `values` filled in."""
    text = _pick(_TEXTS[key], lang)
    return text.format(**values) if values else text


def word(value: str | None, lang: Lang) -> str:
    """A vocabulary value (status, priority, level...) in `lang`; unknown values as given."""
    if value is None:
        return t("unknown", lang)
    key = _RISK_LEVELS.get(value, value)
    return t(key, lang) if key in _TEXTS else value.replace("_", " ")


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
    return _pick(_CONSTRAINTS[name], lang) if name in _CONSTRAINTS else name


def cost_item_label(item: str, lang: Lang) -> str:
    """A TCO item in words."""
    return _pick(_COST_ITEMS[item], lang) if item in _COST_ITEMS else item


def assumption_label(name: str, lang: Lang) -> str:
    """A cost assumption in words."""
    if name not in ASSUMPTIONS:
        return name
    fr, en, _unit = ASSUMPTIONS[name]
    return fr if lang is Lang.FR else en


def assumption_unit(name: str) -> str:
    """How a cost assumption is measured: money, pct, days, hours, or "" when it is not a
    number."""
    return ASSUMPTIONS[name][2] if name in ASSUMPTIONS else ""


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
    return t(key, lang) if key in _TEXTS else kind


def product_label(name: str, eliminated: bool, lang: Lang) -> str:
    """A product's name, marked when a constraint of the client eliminates it."""
    return f"{name} ({t('eliminated', lang)})" if eliminated else name
