"""What changed between two evaluations of a project: the facts, the inputs, each criterion's
values, and the outcome (score, rank, probability of ranking first, winner), with a short
paragraph in each language (the `analysis` catalogs' ``changes_*`` messages) whose every
statement is read from the two snapshots."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationError

from service import i18n
from service.i18n import LANGS, FieldValue, Text
from service.selection.registry import CRITERIA
from service.selection.snapshot import Snapshot
from service.selection.wording import counted, percent, said
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

    def summary_in(self, lang: str) -> str:
        """The paragraph in `lang`."""
        return str(getattr(self, f"summary_{lang}"))


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
    texts = _summary(changes, {**before.names, **after.names})
    return changes.model_copy(
        update={f"summary_{lang}": " ".join(text.in_lang(lang) for text in texts) for lang in LANGS}
    )


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


def _summary(changes: Changes, names: Mapping[str, str]) -> list[Text]:
    """Two or three sentences, each read from ``changes``."""
    texts = [_facts_sentence(changes)]
    if changes.weights_before != changes.weights_after or changes.requirements_changed:
        texts.append(said("changes_requirements"))
    if changes.project_changed:
        texts.append(said("changes_project"))
    if changes.method_before != changes.method_after:
        texts.append(
            said("changes_method", before=changes.method_before, after=changes.method_after)
        )
    texts += [
        said("changes_product_added", product=names.get(p, p)) for p in changes.products_added
    ]
    texts += [
        said("changes_product_removed", product=names.get(p, p)) for p in changes.products_removed
    ]
    texts.append(_winner_sentence(changes, names))
    texts += [
        said(
            "changes_criterion_left",
            criterion=CRITERIA[criterion].label,
            why=said(f"changes_left_{code}"),
        )
        for criterion, code in changes.criteria_left.items()
        if criterion in CRITERIA
    ]
    texts += [
        said("changes_criterion_joined", criterion=CRITERIA[criterion].label)
        for criterion in changes.criteria_joined
        if criterion in CRITERIA
    ]
    moved = [
        c
        for c in changes.criteria
        if c.before is not None
        and c.after is not None
        and c.criterion in CRITERIA
        and _shown(c.before) != _shown(c.after)
    ]
    if moved:
        top = max(moved, key=_relative_move)
        texts.append(
            said(
                "changes_most_marked",
                criterion=CRITERIA[top.criterion].phrase,
                product=names.get(top.product, top.product),
                before=_number(top.before),
                after=_number(top.after),
            )
        )
    return texts


def _facts_sentence(changes: Changes) -> Text:
    """How many facts changed value, and how many of them were unknown before."""
    valued = [c for c in changes.facts if c.value_changed]
    learned = sum(1 for c in valued if c.before.value is None)
    if not valued:
        return said("changes_no_fact")
    if not learned:
        return counted("changes_facts", len(valued))
    return counted(
        "changes_facts_learned",
        len(valued),
        learned=counted("changes_unknown_before", learned),
    )


def _winner_sentence(changes: Changes, names: Mapping[str, str]) -> Text:
    """Who is first now, and who was."""
    old, new = changes.winner_before, changes.winner_after
    name = names.get(new, new)
    if changes.winner_changed and old in changes.products_removed:
        return said("changes_new_winner", product=name)
    if changes.winner_changed:
        return said("changes_winner_changed", product=name, previous=names.get(old, old))
    outcome = next(o for o in changes.outcomes if o.product == new)
    p0, p1 = outcome.p_first_before, outcome.p_first_after
    # Said only when the whole percentages a reader sees differ.
    if p0 is not None and p1 is not None and round(100 * p0) != round(100 * p1):
        return said(
            "changes_winner_kept_probability",
            product=name,
            before=percent(p0),
            after=percent(p1),
        )
    return said("changes_winner_kept", product=name)


def _relative_move(change: CriterionChange) -> float:
    """A criterion's change on its own scale: points of 100 for a percentage, of 5 for a
    rating, and a share of the larger value for a cost."""
    before, after = change.before or 0.0, change.after or 0.0
    unit = CRITERIA[change.criterion].unit
    scale = {"%": 100.0, "0-5": 5.0}.get(unit) or max(abs(before), abs(after), TOLERANCE)
    return abs(after - before) / scale


def _digits(value: float) -> int:
    """Decimals shown: none from 100 up, else up to two."""
    return 0 if abs(value) >= 100 else 2


def _shown(value: float) -> float:
    """A value as a reader sees it (rounded to its decimals shown)."""
    return round(value, _digits(value))


def _number(value: float | None) -> FieldValue:
    """A criterion's value in each language's digits: 1 234 567; 12,5 (up to two decimals)."""
    if value is None:
        return "—"
    return lambda lang: i18n.number(value, lang, _digits(value), trailing_zeros=False)
