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
    eliminated: Sequence[str] = (),
    dropped: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Why the winner wins and what would change that, in both languages."""
    alternatives: list[str] = list(ranking["alternatives"])
    order: list[str] = list(ranking["ranking"])
    ranks: list[int] = list(ranking["ranks"])
    winner, runner_up = order[0], order[1]
    w, r = alternatives.index(winner), alternatives.index(runner_up)
    # Contributions are what each criterion adds to the score; for VIKOR they are regrets,
    # where less is better.
    sign = 1.0 if ranking.get("higher_is_better", True) else -1.0
    gaps = [sign * (contributions[w][j] - contributions[r][j]) for j in range(len(criteria))]
    leads = sorted((j for j in range(len(criteria)) if gaps[j] > 0), key=lambda j: -gaps[j])[:2]
    behind = sorted((j for j in range(len(criteria)) if gaps[j] < 0), key=lambda j: gaps[j])[:1]
    method = str(ranking["method"]).upper()
    tied = [name for name, rank in zip(alternatives, ranks, strict=True) if rank == 1]
    if len(tied) > 1:
        en = [f"{_join(tied, 'and')} tie for first place with {method}."]
        fr = [f"{_join(tied, 'et')} sont à égalité en tête avec {method}."]
    else:
        en = [f"{winner} ranks first with {method}, ahead of {runner_up}."]
        fr = [f"{winner} arrive en tête avec {method}, devant {runner_up}."]
    if leads:
        labels_en = [CRITERIA[criteria[j]].label_en.lower() for j in leads]
        labels_fr = [CRITERIA[criteria[j]].label_fr.lower() for j in leads]
        en.append(f"It wins mainly on {_join(labels_en, 'and')}.")
        fr.append(f"Il l'emporte surtout sur {_join(labels_fr, 'et')}.")
    if behind:
        j = behind[0]
        en.append(f"{runner_up} is better on {CRITERIA[criteria[j]].label_en.lower()}.")
        fr.append(f"{runner_up} fait mieux sur {CRITERIA[criteria[j]].label_fr.lower()}.")
    if winner in eliminated:
        en.append(f"Warning: {winner} fails a knock-out constraint of the client (see knockouts).")
        fr.append(
            f"Attention : {winner} ne respecte pas une contrainte éliminatoire du client "
            "(voir knockouts)."
        )
    if smaa_first is not None:
        share = smaa_first.get(winner, 0.0)
        en.append(f"It stays first in {share:.0%} of the weight sets sampled around the weights.")
        fr.append(f"Il reste premier dans {share:.0%} des jeux de poids tirés autour des poids.")
    en_change, fr_change = _what_would_change(stability)
    en.append(en_change)
    fr.append(fr_change)
    others = sorted({m for m, first in agreement_winners.items() if first != winner})
    if others:
        en.append(f"Methods that disagree on the winner: {', '.join(others)}.")
        fr.append(f"Méthodes en désaccord sur le vainqueur : {', '.join(others)}.")
    elif agreement_winners:
        en.append(f"All {len(agreement_winners)} methods agree on the winner.")
        fr.append(f"Les {len(agreement_winners)} méthodes s'accordent sur le vainqueur.")
    if dropped:
        keys = [key for key in CRITERIA if key in dropped]
        en.append(
            "Left out for lack of facts that tell the products apart: "
            + ", ".join(CRITERIA[key].label_en.lower() for key in keys)
            + "."
        )
        fr.append(
            "Écartés faute de faits qui départagent les produits : "
            + ", ".join(CRITERIA[key].label_fr.lower() for key in keys)
            + "."
        )
    return {"en": " ".join(en), "fr": " ".join(fr)}


def _what_would_change(stability: Mapping[str, Any] | None) -> tuple[str, str]:
    """The smallest single-weight change that puts another product first, with its direction."""
    if not stability or stability.get("min_change") is None:
        return (
            "No change of a single weight makes another product first.",
            "Aucun changement d'un seul poids ne met un autre produit en tête.",
        )
    crit = str(stability["criterion"])
    j = list(stability["criteria"]).index(crit)
    now = float(stability["weights"][j])
    low, high = (float(x) for x in stability["intervals"][j])
    change = float(stability["min_change"])
    target = low if abs((now - low) - change) <= abs((high - now) - change) else high
    verb_en = "lowering" if target < now else "raising"
    verb_fr = "baisser" if target < now else "monter"
    new = stability["new_winner"]
    return (
        f"What would change it: {verb_en} the weight of {CRITERIA[crit].label_en.lower()} from "
        f"{now:.0%} to beyond {target:.0%} would put {new} first.",
        f"Ce qui le changerait : {verb_fr} le poids de {CRITERIA[crit].label_fr.lower()} de "
        f"{now:.0%} au-delà de {target:.0%} mettrait {new} en tête.",
    )


def _join(items: Sequence[str], word: str) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {word} {items[-1]}"
