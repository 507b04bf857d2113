"""Plain-language explanations, in French and English: why the winner wins, what would change
that, and the change-management risks of the client (never mixed into the scores)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from service.selection.catalogue import CRITERIA
from service.selection.inputs import ChangeReadiness

READINESS_FACTORS = {
    "sponsors": (
        "Sponsors",
        "Sponsors",
        "Obtenir un sponsor de direction visible, qui arbitre et porte le projet.",
        "Secure a visible executive sponsor who arbitrates and champions the project.",
    ),
    "governance": (
        "Gouvernance",
        "Governance",
        "Installer un comité de pilotage régulier, avec des décisions tracées.",
        "Set up a regular steering committee with recorded decisions.",
    ),
    "scoping_planning": (
        "Cadrage et planification",
        "Scoping and planning",
        "Cadrer par lots courts et viser des gains rapides visibles des utilisateurs.",
        "Scope in short phases and aim for quick wins the users can see.",
    ),
    "human_impacts": (
        "Impacts humains",
        "Human impacts",
        "Associer tôt les commerciaux et le SAV ; présenter le CRM comme un outil pour eux, "
        "pas comme un outil de surveillance.",
        "Involve sales and after-sales early; present the CRM as their tool, not surveillance.",
    ),
    "communication": (
        "Communication",
        "Communication",
        "Prévoir un plan de communication : pourquoi, quand, ce qui change pour chacun.",
        "Plan the communication: why, when, and what changes for each person.",
    ),
}


def change_risks(readiness: ChangeReadiness) -> list[dict[str, Any]]:
    """One entry per factor the client rated: level (high risk at 1-2, watch at 3) and advice."""
    risks = []
    for key, (label_fr, label_en, advice_fr, advice_en) in READINESS_FACTORS.items():
        score = getattr(readiness, key)
        if score is None:
            continue
        level = "high" if score <= 2 else "watch" if score == 3 else "low"
        risks.append(
            {
                "factor": key,
                "label_fr": label_fr,
                "label_en": label_en,
                "score": score,
                "level": level,
                "advice_fr": advice_fr if level != "low" else None,
                "advice_en": advice_en if level != "low" else None,
            }
        )
    return risks


def summary(
    *,
    ranking: Mapping[str, Any],
    criteria: Sequence[str],
    contributions: Sequence[Sequence[float]],
    stability: Mapping[str, Any] | None,
    smaa_first: Mapping[str, float] | None,
    agreement_winners: Mapping[str, str],
) -> dict[str, str]:
    """Why the winner wins and what would change that, in both languages."""
    alternatives: list[str] = list(ranking["alternatives"])
    order: list[str] = list(ranking["ranking"])
    winner, runner_up = order[0], order[1]
    w, r = alternatives.index(winner), alternatives.index(runner_up)
    gaps = [contributions[w][j] - contributions[r][j] for j in range(len(criteria))]
    leads = sorted((j for j in range(len(criteria)) if gaps[j] > 0), key=lambda j: -gaps[j])[:2]
    behind = sorted((j for j in range(len(criteria)) if gaps[j] < 0), key=lambda j: gaps[j])[:1]
    method = str(ranking["method"]).upper()
    en = [f"{winner} ranks first with {method}, ahead of {runner_up}."]
    fr = [f"{winner} arrive en tête avec {method}, devant {runner_up}."]
    if leads:
        en.append(
            "It wins mainly on "
            + _join([CRITERIA[criteria[j]].label_en.lower() for j in leads], "and")
            + "."
        )
        fr.append(
            "Il l'emporte surtout sur "
            + _join([CRITERIA[criteria[j]].label_fr.lower() for j in leads], "et")
            + "."
        )
    if behind:
        j = behind[0]
        en.append(f"{runner_up} is better on {CRITERIA[criteria[j]].label_en.lower()}.")
        fr.append(f"{runner_up} fait mieux sur {CRITERIA[criteria[j]].label_fr.lower()}.")
    if smaa_first is not None:
        share = smaa_first.get(winner, 0.0)
        en.append(f"It stays first in {share:.0%} of the weight sets sampled around the weights.")
        fr.append(f"Il reste premier dans {share:.0%} des jeux de poids tirés autour des poids.")
    if stability and stability.get("min_change") is not None:
        crit = str(stability["criterion"])
        change = float(stability["min_change"])
        new = stability["new_winner"]
        en.append(
            f"What would change it: moving the weight of {CRITERIA[crit].label_en.lower()} by "
            f"{change:.0%} (of the total) would put {new} first."
        )
        fr.append(
            f"Ce qui le changerait : déplacer le poids de {CRITERIA[crit].label_fr.lower()} de "
            f"{change:.0%} (du total) mettrait {new} en tête."
        )
    else:
        en.append("No change of a single weight makes another product first.")
        fr.append("Aucun changement d'un seul poids ne met un autre produit en tête.")
    others = sorted({m for m, first in agreement_winners.items() if first != winner})
    if others:
        en.append(f"Methods that disagree on the winner: {', '.join(others)}.")
        fr.append(f"Méthodes en désaccord sur le vainqueur : {', '.join(others)}.")
    elif agreement_winners:
        en.append(f"All {len(agreement_winners)} methods agree on the winner.")
        fr.append(f"Les {len(agreement_winners)} méthodes s'accordent sur le vainqueur.")
    return {"en": " ".join(en), "fr": " ".join(fr)}


def _join(items: Sequence[str], word: str) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {word} {items[-1]}"
