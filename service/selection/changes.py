"""What changed between two evaluations of a project: the facts, the inputs, each criterion's
values, and the outcome (score, rank, probability of ranking first, winner), with a short
paragraph in French and English whose every statement is read from the two snapshots."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationError

from service.selection.explain import NBSP, percent
from service.selection.questions import french_of
from service.selection.registry import CRITERIA
from service.selection.snapshot import Snapshot
from vendors.files import problems_of, profile_from_data
from vendors.schema import FlatFact, iter_facts
from vendors.service import InvalidStoredValue

#: Values closer than this are the same (the engine's outputs are floats).
TOLERANCE = 1e-9


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FactSide(_Model):
    """A fact as one evaluation used it."""

    value: JsonValue
    source: str | None
    as_of: str | None
    confidence: str | None


class FactChange(_Model):
    """A fact of a product compared in both evaluations whose value or provenance changed."""

    product: str
    path: str
    before: FactSide
    after: FactSide
    value_changed: bool = Field(description="False when only the source, date or confidence did.")


class CriterionChange(_Model):
    """One criterion's expected value for one product, before and after (None: not compared
    on it in that evaluation)."""

    criterion: str
    product: str
    before: float | None
    after: float | None
    known_before: bool | None
    known_after: bool | None


class OutcomeChange(_Model):
    """One product's place before and after (None: not compared in that evaluation)."""

    product: str
    name: str
    rank_before: int | None
    rank_after: int | None
    score_before: float | None
    score_after: float | None
    p_first_before: float | None
    p_first_after: float | None


class Changes(_Model):
    """Everything that differs between two evaluations of one project."""

    products_added: list[str]
    products_removed: list[str]
    method_before: str
    method_after: str
    weights_before: dict[str, float] = Field(description="The stated weights, before.")
    weights_after: dict[str, float] = Field(description="The stated weights, after.")
    criteria_left: dict[str, str] = Field(
        description="Criteria compared before and not after, with why: a left_out code, or "
        "not_applicable when the requirements no longer call for the criterion."
    )
    criteria_joined: list[str] = Field(description="Criteria compared after and not before.")
    project_changed: bool
    requirements_changed: bool
    facts: list[FactChange]
    criteria: list[CriterionChange]
    outcomes: list[OutcomeChange]
    winner_before: str
    winner_after: str
    winner_changed: bool
    summary_fr: str
    summary_en: str


def compare_snapshots(before: Snapshot, after: Snapshot) -> Changes:
    """The changes from ``before`` to ``after`` (two evaluations of the same project)."""
    left_out = {item.criterion: item.code for item in after.left_out}
    old_ids = [p.id for p in before.products]
    new_ids = [p.id for p in after.products]
    common = [pid for pid in new_ids if pid in old_ids]
    facts = [
        change
        for pid in common
        for change in _fact_changes(
            pid, before.inputs.profiles.get(pid), after.inputs.profiles.get(pid)
        )
    ]
    changes = Changes(
        products_added=[pid for pid in new_ids if pid not in old_ids],
        products_removed=[pid for pid in old_ids if pid not in new_ids],
        method_before=before.inputs.method,
        method_after=after.inputs.method,
        weights_before=dict(before.inputs.weights.weights),
        weights_after=dict(after.inputs.weights.weights),
        project_changed=before.inputs.project != after.inputs.project,
        requirements_changed=before.inputs.requirements != after.inputs.requirements,
        facts=facts,
        criteria=_criterion_changes(before, after),
        criteria_left={
            criterion: left_out.get(criterion, "not_applicable")
            for criterion in before.matrix.criteria
            if criterion not in after.matrix.criteria
        },
        criteria_joined=[c for c in after.matrix.criteria if c not in before.matrix.criteria],
        outcomes=_outcomes(before, after),
        winner_before=before.robustness.winner,
        winner_after=after.robustness.winner,
        winner_changed=before.robustness.winner != after.robustness.winner,
        summary_fr="",
        summary_en="",
    )
    names = {**before.names, **after.names}
    fr, en = _summary(changes, names)
    return changes.model_copy(update={"summary_fr": fr, "summary_en": en})


def _flat(product: str, profile: Mapping[str, Any] | None) -> dict[str, FlatFact]:
    if profile is None:
        return {}
    try:
        parsed = profile_from_data(profile)
    except ValidationError as exc:  # stored before the current bounds, or edited by hand
        raise InvalidStoredValue(product, problems_of(exc, profile), kind="snapshot") from exc
    return {fact.path: fact for fact in iter_facts(parsed)}


def _side(fact: FlatFact | None) -> FactSide:
    if fact is None:
        return FactSide(value=None, source=None, as_of=None, confidence=None)
    return FactSide(
        value=fact.value,
        source=fact.source,
        as_of=fact.as_of.isoformat() if fact.as_of else None,
        confidence=fact.confidence.value if fact.confidence else None,
    )


def _fact_changes(
    product: str, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None
) -> list[FactChange]:
    """The facts of one product whose value or provenance differs, by path."""
    before, after = _flat(product, old), _flat(product, new)
    found: list[FactChange] = []
    for path in sorted(before.keys() | after.keys()):
        a, b = _side(before.get(path)), _side(after.get(path))
        if a != b:
            found.append(
                FactChange(
                    product=product, path=path, before=a, after=b, value_changed=a.value != b.value
                )
            )
    return found


def _cells(snapshot: Snapshot) -> dict[tuple[str, str], tuple[float, bool]]:
    matrix = snapshot.matrix
    return {
        (criterion, pid): (matrix.values[i][j], matrix.known[i][j])
        for i, pid in enumerate(matrix.products)
        for j, criterion in enumerate(matrix.criteria)
    }


def _criterion_changes(before: Snapshot, after: Snapshot) -> list[CriterionChange]:
    """Every (criterion, product) whose expected value or knownness differs."""
    old, new = _cells(before), _cells(after)
    found: list[CriterionChange] = []
    for key in sorted(old.keys() | new.keys()):
        a, b = old.get(key), new.get(key)
        if a is not None and b is not None and _same(a[0], b[0]) and a[1] == b[1]:
            continue
        found.append(
            CriterionChange(
                criterion=key[0],
                product=key[1],
                before=None if a is None else a[0],
                after=None if b is None else b[0],
                known_before=None if a is None else a[1],
                known_after=None if b is None else b[1],
            )
        )
    return found


def _outcomes(before: Snapshot, after: Snapshot) -> list[OutcomeChange]:
    old = {p.id: p for p in before.products}
    new = {p.id: p for p in after.products}
    order = [p.id for p in after.products] + [p.id for p in before.products if p.id not in new]
    found = []
    for pid in order:
        a, b = old.get(pid), new.get(pid)
        seen = b if b is not None else a
        found.append(
            OutcomeChange(
                product=pid,
                name=seen.name if seen is not None else pid,
                rank_before=None if a is None else a.rank,
                rank_after=None if b is None else b.rank,
                score_before=None if a is None else a.score,
                score_after=None if b is None else b.score,
                p_first_before=None if a is None else a.p_first,
                p_first_after=None if b is None else b.p_first,
            )
        )
    return found


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=TOLERANCE)


def _summary(changes: Changes, names: Mapping[str, str]) -> tuple[str, str]:
    """Two or three sentences in each language, each read from ``changes``."""
    fr: list[str] = []
    en: list[str] = []
    valued = [c for c in changes.facts if c.value_changed]
    learned = [c for c in valued if c.before.value is None]
    n, m = len(valued), len(learned)
    if n:
        fr.append(
            f"{n} fait{'s' if n > 1 else ''} {'ont' if n > 1 else 'a'} changé de valeur, "
            f"dont {m} jusque-là inconnu{'s' if m > 1 else ''}."
            if m
            else f"{n} fait{'s' if n > 1 else ''} {'ont' if n > 1 else 'a'} changé de valeur."
        )
        en.append(
            f"{n} fact{'s' if n > 1 else ''} changed value, {m} of them unknown before."
            if m
            else f"{n} fact{'s' if n > 1 else ''} changed value."
        )
    else:
        fr.append("Aucun fait n'a changé de valeur.")
        en.append("No fact changed value.")
    if changes.weights_before != changes.weights_after or changes.requirements_changed:
        fr.append("Les besoins ou les pondérations ont aussi changé.")
        en.append("The requirements or the weights changed too.")
    if changes.project_changed:
        fr.append("Le projet (utilisateurs, durée, budget ou hypothèses) a changé.")
        en.append("The project (users, horizon, budget or assumptions) changed.")
    if changes.method_before != changes.method_after:
        fr.append(f"La méthode passe de {changes.method_before} à {changes.method_after}.")
        en.append(f"The method changed from {changes.method_before} to {changes.method_after}.")
    for pids, fr_verb, en_verb in (
        (changes.products_added, "s'ajoute", "joins"),
        (changes.products_removed, "n'est plus comparé", "is no longer compared"),
    ):
        for pid in pids:
            fr.append(f"{names.get(pid, pid)} {fr_verb}.")
            en.append(f"{names.get(pid, pid)} {en_verb}.")
    old, new = changes.winner_before, changes.winner_after
    outcome = {o.product: o for o in changes.outcomes}
    if changes.winner_changed and old in changes.products_removed:
        b = names.get(new, new)
        fr.append(f"{b} passe en tête.")
        en.append(f"{b} now ranks first.")
    elif changes.winner_changed:
        a, b = names.get(old, old), names.get(new, new)
        fr.append(f"{b} passe en tête, devant {a} qui l'était.")
        en.append(f"{b} now ranks first, ahead of {a}, which did before.")
    else:
        name = names.get(new, new)
        p0, p1 = outcome[new].p_first_before, outcome[new].p_first_after
        if p0 is not None and p1 is not None and percent(p0, "en") != percent(p1, "en"):
            fr.append(
                f"{name} reste en tête\u202f; sa probabilité d'être premier passe de "
                f"{percent(p0, 'fr')} à {percent(p1, 'fr')}."
            )
            en.append(
                f"{name} still ranks first; its probability of ranking first moves from "
                f"{percent(p0, 'en')} to {percent(p1, 'en')}."
            )
        else:
            fr.append(f"{name} reste en tête.")
            en.append(f"{name} still ranks first.")
    for criterion, code in changes.criteria_left.items():
        if criterion in CRITERIA:
            label = CRITERIA[criterion].label
            why_fr, why_en = _LEFT[code]
            fr.append(f"«{NBSP}{label.fr}{NBSP}» ne départage plus les produits{NBSP}: {why_fr}.")
            en.append(f"{label.en} no longer tells the products apart: {why_en}.")
    for criterion in changes.criteria_joined:
        if criterion in CRITERIA:
            label = CRITERIA[criterion].label
            fr.append(f"«{NBSP}{label.fr}{NBSP}» départage désormais les produits.")
            en.append(f"{label.en} now tells the products apart.")
    moved = [
        c
        for c in changes.criteria
        if c.before is not None
        and c.after is not None
        and c.criterion in CRITERIA
        and _number(c.before, "en") != _number(c.after, "en")
    ]
    if moved:
        top = max(moved, key=_relative_move)
        phrase = CRITERIA[top.criterion].phrase
        product = names.get(top.product, top.product)
        fr.append(
            f"Le changement le plus marqué porte sur {phrase.fr} {french_of(product)}{NBSP}: "
            f"{_number(top.before, 'fr')} puis {_number(top.after, 'fr')}."
        )
        en.append(
            f"The most marked change is in {product}'s {phrase.en}: "
            f"{_number(top.before, 'en')} then {_number(top.after, 'en')}."
        )
    return " ".join(fr), " ".join(en)


_LEFT = {
    "same_value": ("leurs valeurs sont désormais égales", "their values are now equal"),
    "no_facts": (
        "aucun produit comparé n'a ce qu'il faut pour l'évaluer",
        "no compared product has what it takes to assess it",
    ),
    "no_bound": ("une valeur ne peut même plus être bornée", "a value cannot even be ranged"),
    "not_applicable": (
        "les besoins ne l'appellent plus",
        "the requirements no longer call for it",
    ),
}


def _relative_move(change: CriterionChange) -> float:
    """A criterion's change on its own scale: points of 100 for a percentage, of 5 for a
    rating, and a share of the larger value for a cost."""
    before, after = change.before or 0.0, change.after or 0.0
    unit = CRITERIA[change.criterion].unit
    scale = {"%": 100.0, "0-5": 5.0}.get(unit) or max(abs(before), abs(after), TOLERANCE)
    return abs(after - before) / scale


def _number(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "fr":
        return text.replace(",", NBSP).replace(".", ",")
    return text
