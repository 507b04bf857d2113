"""The report's executive summary says only what its snapshot holds: a recommendation only for
a robust, unique leader that meets every constraint, the leader's share of the draws as
computed, differences as certain only when they are, and the facts that move first place."""

from __future__ import annotations

import itertools
import re

from fastapi.testclient import TestClient

from service.exports.synthesis import synthesis
from service.exports.texts import floor_percent, number
from service.i18n import Lang
from service.selection.snapshot import Snapshot
from tests.service.exports.conftest import make_evaluation
from vendors.schema import ProductProfile


def variants(snapshot: Snapshot) -> list[Snapshot]:
    """The snapshot with its verdict, leader's standing and differences varied."""
    found = []
    winner = snapshot.robustness.winner
    for robust, eliminated, tie, share, certain in itertools.product(
        (True, False), (False, True), (False, True), (0.0, 0.4999, 0.8, 1.0), (True, False)
    ):
        verdict = "robust" if robust else "depends_on_facts"
        products = [
            p.model_copy(
                update={
                    "eliminated": eliminated and p.id == winner,
                    "rank": 1 if (tie and p.rank == 2) else p.rank,
                }
            )
            for p in snapshot.products
        ]
        joint = {p.id: (share if p.id == winner else (1 - share) / 2) for p in products}
        robustness = snapshot.robustness.model_copy(
            update={"robust": robust, "verdict": verdict, "joint": joint}
        )
        differences = [d.model_copy(update={"certain": certain}) for d in snapshot.differences]
        found.append(
            snapshot.model_copy(
                update={
                    "products": products,
                    "robustness": robustness,
                    "differences": differences,
                }
            )
        )
    return found


def test_every_sentence_of_the_summary_holds_in_its_snapshot(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    evaluation = make_evaluation(client)
    base = Snapshot.model_validate(evaluation["snapshot"])
    assert base.differences, "the fixture's products differ on some criterion"
    for snapshot in variants(base):
        robustness = snapshot.robustness
        winner = robustness.winner
        name = snapshot.names[winner]
        leaders = [p for p in snapshot.products if p.rank == 1]
        winner_out = next(p for p in snapshot.products if p.id == winner)
        for lang in Lang:
            summary = synthesis(snapshot, lang)
            headline = summary.headline.lower()
            recommends = headline.startswith(("nous recommandons", "we recommend"))
            assert recommends is (summary.recommended is not None)
            if summary.recommended is not None:
                assert summary.recommended == winner
                assert robustness.robust
                assert not winner_out.eliminated
                assert len(leaders) == 1
                assert name in summary.headline
            if len(leaders) > 1:
                assert all(p.name in summary.headline for p in leaders)
            assert robustness.joint is not None
            shown = floor_percent(robustness.joint[winner], lang)
            assert shown in summary.confidence
            assert number(robustness.samples, lang) in summary.confidence
            assert len(summary.differences) == min(3, len(snapshot.differences))
            certain_word = "quelles que soient" if lang is Lang.FR else "whatever"
            for line in summary.differences:
                difference = next(
                    d
                    for d in snapshot.differences
                    if line.startswith(_label(d.criterion, lang)) and snapshot.names[d.best] in line
                )
                assert (certain_word in line) is difference.certain
            moving = [u for u in snapshot.unknowns if u.influence > 0][:3]
            assert len(summary.could_change) == len(moving) + 1
            for line, unknown in zip(summary.could_change, moving, strict=False):
                about = unknown.question.about_fr if lang is Lang.FR else unknown.question.about_en
                assert line.lower() == about.lower()


def _label(criterion: str, lang: Lang) -> str:
    from service.exports.common import criterion_label

    return criterion_label(criterion, lang)


def test_the_report_opens_with_the_summary_and_names_its_author(
    client: TestClient, loaded_catalog: list[ProductProfile]
) -> None:
    evaluation = make_evaluation(client)
    html = client.get(
        f"/api/v1/evaluations/{evaluation['id']}/export", params={"format": "html", "lang": "fr"}
    ).text
    summary = html.index("Synthèse")
    assert summary < html.index("Pourquoi")
    me = client.get("/api/v1/me").json()
    author = re.search(r"Réalisée par[^:]*:\s*([^<]+)</span>", html)
    assert author is not None
    assert me["name"] in author.group(1)
    assert "api key" not in author.group(1)
    # Identifiers only in the footer.
    assert html.index(evaluation["id"]) > html.index("Sources")
