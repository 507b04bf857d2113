"""Plain-language explanations, in French and English, generated from the analysis: who ranks
first and how likely, how robust that is to the weights and to the missing facts, why (only
comparisons that hold whatever the unknown facts are), what was left out, which unknown facts
matter most, and the client's change-management risks (never mixed into the scores).

Every comparative sentence comes from a :class:`~service.selection.snapshot.Claim` that
:func:`claim_holds` checks against the matrix before it is written.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from service import i18n
from service.selection.analysis import ROBUST_SHARE, Analysis
from service.selection.inputs import ChangeReadiness
from service.selection.questions import french_de, french_que
from service.selection.registry import CRITERIA
from service.selection.snapshot import Claim, LeftOut, QuestionOut, Summary, Verdict
from vendors.vocabulary import CAPABILITIES, DOMAIN_PHRASES, Domain, Label

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
        "Associer tôt les commerciaux et le SAV\u202f; présenter le CRM comme un outil pour eux, "
        "pas comme un outil de surveillance.",
        "Involve sales and after-sales early; present the CRM as their tool, not surveillance.",
    ),
    "communication": (
        "Communication",
        "Communication",
        "Prévoir un plan de communication\u00a0: pourquoi, quand, ce qui change pour chacun.",
        "Plan the communication: why, when, and what changes for each person.",
    ),
}
#: An unknown fact is named in the summary when it moves first place by at least this much.
INFLUENTIAL = 0.05
NBSP = "\u202f"


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


def claim_holds(
    claim: Claim, products: Sequence[str], criteria: Sequence[str], low: Any, high: Any
) -> bool:
    """Whether ``claim`` holds in the matrix bounds: the subject's worst value is strictly
    better than the other's best value on the criterion."""
    i, k = products.index(claim.subject), products.index(claim.other)
    j = list(criteria).index(claim.criterion)
    if CRITERIA[claim.criterion].objective == "min":
        gap = float(low[k][j]) - float(high[i][j])
    else:
        gap = float(low[i][j]) - float(high[k][j])
    scale = max(abs(float(high[i][j])), abs(float(high[k][j])), 1e-300)
    return gap > 1e-9 * scale


def verdict(analysis: Analysis) -> tuple[Verdict, bool]:
    """Robust when the point winner stays first in enough of the weight draws, of the draws
    of the unknown facts, and of the joint draws of both."""
    if analysis.weights_only is None or analysis.facts_only is None or analysis.joint is None:
        return "not_sampled", False
    winner = analysis.grid.products.index(analysis.winner)
    weights_ok = float(analysis.weights_only.first[winner]) >= ROBUST_SHARE
    facts_ok = float(analysis.facts_only.first[winner]) >= ROBUST_SHARE
    joint_ok = float(analysis.joint.first[winner]) >= ROBUST_SHARE
    if weights_ok and facts_ok and joint_ok:
        return "robust", True
    if facts_ok and not weights_ok:
        return "depends_on_weights", False
    if weights_ok and not facts_ok:
        return "depends_on_facts", False
    return "depends_on_both", False


CONSTRAINTS = {
    "deployment": Label("le mode de déploiement", "the deployment mode"),
    "hosting": Label("le lieu d'hébergement", "the hosting location"),
    "ui_languages": Label("les langues de l'interface", "the interface languages"),
    "certifications": Label("les certifications", "the certifications"),
    "editions": Label(
        "les éditions (aucune n'a tous les indispensables)",
        "the editions (none has every must-have)",
    ),
    "budget": Label("le plafond de budget", "the budget ceiling"),
}


def constraint_label(constraint: str) -> Label:
    """A knock-out constraint in words: ``capability:quotes`` is the capability's phrase."""
    kind, _, key = constraint.partition(":")
    if kind == "capability" and key in CAPABILITIES:
        return CAPABILITIES[key].phrase
    if kind == "domain":
        return DOMAIN_PHRASES[Domain(key)]
    return CONSTRAINTS.get(constraint, Label(constraint, constraint))


def summary(
    analysis: Analysis,
    *,
    names: Mapping[str, str],
    left_out: Sequence[LeftOut],
    questions: Sequence[QuestionOut],
    eliminated: Mapping[str, Sequence[str]],
) -> Summary:
    """The verdict in both languages, with the claims its comparisons make."""
    fr = _Text("fr")
    en = _Text("en")
    grid = analysis.grid
    point = analysis.point
    order = list(point.ranking)
    winner, runner_up = order[0], order[1]
    w_name, r_name = names[winner], names[runner_up]
    method = analysis.method.upper()
    tied = [p for p, rank in zip(grid.products, point.ranks, strict=True) if rank == 1]
    sampled = analysis.joint is not None
    unknown = bool(grid.unknowns())
    expected_fr = ", chaque fait inconnu pris à sa valeur attendue," if unknown else ","
    expected_en = ", with each unknown fact at its expected value," if unknown else ","
    if len(tied) > 1:
        listed = [names[p] for p in tied]
        fr.add(
            f"Aux poids indiqués{expected_fr} {_join(listed, 'et')} sont à égalité en tête "
            f"avec la méthode {method}."
        )
        en.add(
            f"At the stated weights{expected_en} {_join(listed, 'and')} tie for first place "
            f"with {method}."
        )
    else:
        fr.add(
            f"Aux poids indiqués{expected_fr} {w_name} arrive en tête avec la méthode {method}, "
            f"devant {r_name}."
        )
        en.add(
            f"At the stated weights{expected_en} {w_name} ranks first with {method}, ahead of "
            f"{r_name}."
        )
    if sampled:
        first = analysis.first(analysis.joint)
        shown = sorted(first, key=lambda p: (-first[p], order.index(p)))[:3]
        drawn_fr = "conjoints des poids et des faits inconnus" if unknown else "des poids"
        drawn_en = (
            "joint draws of the weights and the unknown facts"
            if unknown
            else "draws of the weights"
        )
        fr.add(
            "Sur " + _count(analysis.samples, "fr") + f" tirages {drawn_fr}, probabilité "
            "d'arriver en tête\u00a0: "
            + ", ".join(f"{names[p]} {fr.percent(first[p])}" for p in shown)
            + "."
        )
        en.add(
            "Over " + _count(analysis.samples, "en") + f" {drawn_en}, probability of ranking "
            "first: " + ", ".join(f"{names[p]} {en.percent(first[p])}" for p in shown) + "."
        )
        top = max(first.values())
        best = [p for p in order if first[p] >= top - 1e-12]
        if winner not in best:
            several = len(best) > 1
            fr.add(
                f"{_join([names[p] for p in best], 'et')} "
                f"{'arrivent' if several else 'arrive'} le plus souvent en tête, pas {w_name}"
                "\u00a0: le classement aux valeurs attendues ne suffit pas à trancher."
            )
            en.add(
                f"{_join([names[p] for p in best], 'and')} {'are' if several else 'is'} first "
                f"most often, not {w_name}: the ranking at expected values does not settle the "
                "choice."
            )
        _robustness_sentences(analysis, names, fr, en)
    claims = _claims(analysis, winner, runner_up)
    leads = [c for c in claims if c.subject == winner][:2]
    trails = [c for c in claims if c.subject == runner_up][:1]
    if leads:
        fr.add(
            f"{w_name} fait mieux {french_que(r_name)} sur "
            + _join([CRITERIA[c.criterion].phrase.fr for c in leads], "et")
            + ", quels que soient les faits inconnus."
        )
        en.add(
            f"{w_name} does better than {r_name} on "
            + _join([CRITERIA[c.criterion].phrase.en for c in leads], "and")
            + ", whatever the unknown facts turn out to be."
        )
    elif len(tied) == 1:
        fr.add(
            f"Aucun critère ne place {w_name} devant {r_name} quels que soient les faits "
            "inconnus\u00a0: son avance tient à leur valeur attendue et à la combinaison des "
            "critères."
        )
        en.add(
            f"No single criterion puts {w_name} ahead of {r_name} whatever the unknown facts "
            "are: its lead rests on their expected values and on the criteria combined."
        )
    for claim in trails:
        fr.add(f"{r_name} fait mieux sur {CRITERIA[claim.criterion].phrase.fr}.")
        en.add(f"{r_name} does better on {CRITERIA[claim.criterion].phrase.en}.")
    if winner in eliminated:
        failed = [constraint_label(c) for c in eliminated[winner]]
        fr.add(
            f"Attention\u00a0: {w_name} a été évalué bien qu'éliminé par une contrainte du client "
            f"({_join([f.fr for f in failed], 'et')})."
        )
        en.add(
            f"Warning: {w_name} was evaluated although a constraint of the client eliminates "
            f"it ({_join([f.en for f in failed], 'and')})."
        )
    # A criterion nobody weighed changes nothing by being left out: not worth a sentence.
    weighed = [item for item in left_out if item.weight_share > 0]
    missing = [item for item in weighed if item.code != "same_value"]
    same = [item for item in weighed if item.code == "same_value"]
    if missing:
        fr.add(
            "Écartés faute de faits qui départagent les produits\u00a0: "
            + "\u202f; ".join(
                f"{CRITERIA[item.criterion].phrase.fr} ({fr.percent(item.weight_share)} des poids "
                "donnés)"
                for item in missing
            )
            + "."
        )
        en.add(
            "Left out for lack of facts that tell the products apart: "
            + "; ".join(
                f"{CRITERIA[item.criterion].phrase.en} ({en.percent(item.weight_share)} of the "
                "stated weights)"
                for item in missing
            )
            + "."
        )
    if same:
        fr.add(
            "Écartés car tous les produits comparés y ont la même valeur connue\u00a0: "
            + "\u202f; ".join(
                f"{CRITERIA[item.criterion].phrase.fr} ({fr.percent(item.weight_share)} des poids "
                "donnés)"
                for item in same
            )
            + "."
        )
        en.add(
            "Left out as every compared product has the same known value on it: "
            + "; ".join(
                f"{CRITERIA[item.criterion].phrase.en} ({en.percent(item.weight_share)} of the "
                "stated weights)"
                for item in same
            )
            + "."
        )
    blocking = [q for q in questions if q.blocks is not None]
    if blocking:
        fr.add(
            "À demander d'abord, faute de quoi un critère reste écarté\u00a0: "
            + "\u202f; ".join(
                f"{q.about_fr} ({CRITERIA[q.blocks].phrase.fr})" for q in blocking if q.blocks
            )
            + "."
        )
        en.add(
            "To ask first, as a criterion stays left out without it: "
            + "; ".join(
                f"{q.about_en} ({CRITERIA[q.blocks].phrase.en})" for q in blocking if q.blocks
            )
            + "."
        )
    influential = [q for q in questions if q.blocks is None and q.influence >= INFLUENTIAL][:3]
    if influential:
        fr.add(
            "Ce qui pèse le plus sur le résultat\u00a0: "
            + "\u202f; ".join(q.about_fr for q in influential)
            + " (voir les questions à poser)."
        )
        en.add(
            "What matters most for the outcome: "
            + "; ".join(q.about_en for q in influential)
            + " (see the questions to ask)."
        )
    elif sampled and grid.unknowns():
        fr.add(
            f"Aucun fait inconnu ne déplace la première place de plus de {fr.percent(INFLUENTIAL)}."
        )
        en.add(f"No unknown fact moves first place by more than {en.percent(INFLUENTIAL)}.")
    _stability_sentence(analysis, names, fr, en)
    _agreement_sentence(analysis, fr, en)
    return Summary(fr=fr.text(), en=en.text(), claims=[*leads, *trails])


def _claims(analysis: Analysis, winner: str, runner_up: str) -> list[Claim]:
    """Checked claims: where the winner beats the runner-up whatever the unknowns are, by the
    size of its contribution lead, then where the runner-up beats the winner."""
    grid = analysis.grid
    low, high = grid.table("low"), grid.table("high")
    contributions = analysis.point.contributions
    sign = 1.0 if analysis.point.higher_is_better else -1.0
    w, r = grid.products.index(winner), grid.products.index(runner_up)
    gaps = sign * (contributions[w] - contributions[r])
    found = []
    for subject, other, direction in ((winner, runner_up, -1.0), (runner_up, winner, 1.0)):
        order = np.argsort(direction * gaps, kind="stable")
        for j in order:
            claim = Claim(
                kind="better_on", subject=subject, other=other, criterion=grid.criteria[int(j)]
            )
            if claim_holds(claim, grid.products, grid.criteria, low, high):
                found.append(claim)
    return found


def _robustness_sentences(
    analysis: Analysis, names: Mapping[str, str], fr: _Text, en: _Text
) -> None:
    assert analysis.weights_only is not None
    assert analysis.facts_only is not None
    assert analysis.joint is not None
    winner = analysis.winner
    i = analysis.grid.products.index(winner)
    to_weights = float(analysis.weights_only.first[i])
    to_facts = float(analysis.facts_only.first[i])
    joint = float(analysis.joint.first[i])
    kind, _ = verdict(analysis)
    name = names[winner]
    if analysis.grid.unknowns():
        detail_fr = (
            f"{name} reste premier dans {fr.floor(to_weights)} des jeux de poids tirés autour "
            f"des poids indiqués, dans {fr.floor(to_facts)} des tirages des faits inconnus "
            f"(poids indiqués) et dans {fr.floor(joint)} des tirages conjoints"
        )
        detail_en = (
            f"{name} stays first in {en.floor(to_weights)} of the weight sets drawn around the "
            f"stated weights, in {en.floor(to_facts)} of the draws of the unknown facts (stated "
            f"weights) and in {en.floor(joint)} of the joint draws"
        )
    else:
        detail_fr = (
            f"{name} reste premier dans {fr.floor(to_weights)} des jeux de poids tirés autour "
            "des poids indiqués, et aucun fait inconnu n'intervient"
        )
        detail_en = (
            f"{name} stays first in {en.floor(to_weights)} of the weight sets drawn around the "
            "stated weights, and no unknown fact is involved"
        )
    if kind == "robust":
        fr.add(f"Le verdict est robuste\u00a0: {detail_fr}.")
        en.add(f"The verdict is robust: {detail_en}.")
        return
    why_fr = {
        "depends_on_weights": "il dépend des poids",
        "depends_on_facts": "il dépend des faits inconnus",
        "depends_on_both": "il dépend des poids et des faits inconnus",
    }[kind]
    why_en = {
        "depends_on_weights": "it depends on the weights",
        "depends_on_facts": "it depends on the unknown facts",
        "depends_on_both": "it depends on both the weights and the unknown facts",
    }[kind]
    fr.add(
        f"Le verdict n'est pas robuste ({why_fr})\u00a0: {detail_fr}\u202f; il en faudrait "
        f"au moins {fr.percent(ROBUST_SHARE)} à chaque fois."
    )
    en.add(
        f"The verdict is not robust ({why_en}): {detail_en}; it would take at least "
        f"{en.percent(ROBUST_SHARE)} each time to call it robust."
    )


def _stability_sentence(analysis: Analysis, names: Mapping[str, str], fr: _Text, en: _Text) -> None:
    stable = analysis.stability
    if stable.min_change is None or stable.criterion is None or stable.new_winner is None:
        fr.add("Aucun changement d'un seul poids ne met un autre produit en tête.")
        en.add("No change of a single weight puts another product first.")
        return
    j = list(stable.criteria).index(stable.criterion)
    now = float(stable.weights[j])
    low, high = (float(x) for x in stable.intervals[j])
    change = float(stable.min_change)
    target = low if abs((now - low) - change) <= abs((high - now) - change) else high
    phrase = CRITERIA[stable.criterion].phrase
    new = names.get(stable.new_winner, stable.new_winner)
    lower = target < now
    verb_fr, past_fr = ("baisser", "en dessous de") if lower else ("monter", "au-delà de")
    verb_en, past_en = ("lowering", "below") if lower else ("raising", "beyond")
    fr.add(
        f"Ce qui changerait le vainqueur\u00a0: {verb_fr} le poids {french_de(phrase.fr)} de "
        f"{fr.percent(now)} {past_fr} {fr.percent(target)} des poids des critères comparés "
        f"mettrait {new} en tête."
    )
    en.add(
        f"What would change the winner: {verb_en} the weight of {phrase.en} from "
        f"{en.percent(now)} to {past_en} {en.percent(target)} of the compared criteria's "
        f"weights would put {new} first."
    )


def _agreement_sentence(analysis: Analysis, fr: _Text, en: _Text) -> None:
    winners = analysis.agreement["winners"]
    if not winners:
        return
    others = sorted({m.upper() for m, first in winners.items() if first != analysis.winner})
    if others:
        fr.add(f"Méthodes en désaccord sur la première place\u00a0: {', '.join(others)}.")
        en.add(f"Methods that disagree on the first place: {', '.join(others)}.")
    else:
        fr.add(f"Les {len(winners)} méthodes comparées placent le même produit en tête.")
        en.add(f"All {len(winners)} methods compared put the same product first.")


class _Text:
    """Sentences in one language, with its number typography."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.sentences: list[str] = []

    def add(self, sentence: str) -> None:
        self.sentences.append(sentence)

    def text(self) -> str:
        return " ".join(self.sentences)

    def percent(self, share: float) -> str:
        return percent(share, self.lang)

    def floor(self, share: float) -> str:
        """A share rounded down: 79.96 % is never shown as the 80 % it falls short of."""
        return percent(math.floor(100 * share + 1e-9) / 100, self.lang)


def percent(share: float, lang: str) -> str:
    """A 0-1 share as a whole percentage, with the language's spacing before %."""
    return i18n.percent(share, lang)


def _count(value: int, lang: str) -> str:
    text = f"{value:,}"
    return text.replace(",", NBSP) if lang == "fr" else text


def _join(items: Sequence[str], word: str) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {word} {items[-1]}"
