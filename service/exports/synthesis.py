"""The report's executive summary: the recommendation (made only when the verdict is robust and
the leader meets every constraint), the solutions compared, the decisive differences, how sure
the verdict is, and what could change it. Every sentence is read from the snapshot it
summarises; `tests/service/exports/test_synthesis.py` holds them to it."""

from __future__ import annotations

from dataclasses import dataclass

from service.exports.common import criterion_label
from service.exports.texts import floor_percent, number, stability_sentence, t
from service.i18n import Lang, listed
from service.selection.snapshot import Snapshot

#: How many decisive differences and open questions the summary names.
SHOWN = 3


@dataclass(frozen=True)
class Synthesis:
    """The summary's parts, each a sentence or a list of short ones."""

    headline: str
    recommended: str | None  # the product recommended, when the verdict allows one
    compared: str
    confidence: str
    differences: list[str]
    could_change: list[str]


def synthesis(snapshot: Snapshot, lang: Lang) -> Synthesis:
    """The executive summary of `snapshot` in `lang`."""
    names = snapshot.names
    robustness = snapshot.robustness
    winner = robustness.winner
    name = names.get(winner, winner)
    leaders = [p for p in snapshot.products if p.rank == 1]
    eliminated = {p.id for p in snapshot.products if p.eliminated}
    recommended = None
    if len(leaders) > 1:
        headline = t("synthesis_tie", lang, names=listed([p.name for p in leaders], lang))
    elif winner in eliminated:
        headline = t("synthesis_leader_eliminated", lang, name=name)
    elif robustness.robust:
        recommended = winner
        headline = t("synthesis_recommend", lang, name=name)
    else:
        clause = t(f"synthesis_clause_{robustness.verdict}", lang)
        headline = t("synthesis_leads", lang, name=name, verdict=clause)
    return Synthesis(
        headline=headline,
        recommended=recommended,
        compared=t(
            "synthesis_compared",
            lang,
            names=listed([p.name for p in snapshot.products], lang),
        ),
        confidence=_confidence(snapshot, lang),
        differences=_differences(snapshot, lang),
        could_change=_could_change(snapshot, lang),
    )


def _confidence(snapshot: Snapshot, lang: Lang) -> str:
    robustness = snapshot.robustness
    name = snapshot.names.get(robustness.winner, robustness.winner)
    if robustness.joint is None:
        return t("synthesis_not_sampled", lang, name=name)
    return t(
        "synthesis_confidence",
        lang,
        name=name,
        share=floor_percent(robustness.joint.get(robustness.winner, 0.0), lang),
        samples=number(robustness.samples, lang),
    )


def _differences(snapshot: Snapshot, lang: Lang) -> list[str]:
    """The criteria on which the products differ (by more than 5 % of the scale), the ones
    certain whatever the unknown facts first."""
    ordered = sorted(snapshot.differences, key=lambda d: not d.certain)[:SHOWN]
    return [
        t(
            "synthesis_difference_certain" if d.certain else "synthesis_difference_expected",
            lang,
            criterion=criterion_label(d.criterion, lang),
            name=snapshot.names.get(d.best, d.best),
        )
        for d in ordered
    ]


def _could_change(snapshot: Snapshot, lang: Lang) -> list[str]:
    """The unknown facts that move first place most, then the smallest change of a weight
    that would."""
    moving = [u for u in snapshot.unknowns if u.influence > 0][:SHOWN]
    found = [u.question.about_in(lang) for u in moving]
    found = [text[:1].upper() + text[1:] for text in found]
    found.append(stability_sentence(snapshot.robustness.stability, snapshot.names, lang))
    return found
