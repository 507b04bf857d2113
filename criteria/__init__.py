"""Shortlist's decision engine: MCDA ranking, weighting and sensitivity analysis.

- :func:`rank` ranks alternatives with one of :data:`METHODS` and returns a
  :class:`Ranking`; :func:`scores_batch` and :func:`ranks_batch` score many weight
  vectors at once.
- :mod:`criteria.weights`: direct, ROC, swing, AHP (single and group), entropy, CRITIC.
- :mod:`criteria.sensitivity`: SMAA, weight stability intervals, method agreement.
- Invalid input raises :class:`InvalidProblem` (a ValueError) naming the field.

Pure numpy/scipy/pandas/scikit-criteria; no web, database or settings code, so a notebook
or a batch job can use it alone.
"""

from criteria import sensitivity, weights
from criteria.methods import METHODS, rank, ranks_batch, scores_batch
from criteria.problem import InvalidProblem
from criteria.results import Ranking

__all__ = [
    "METHODS",
    "InvalidProblem",
    "Ranking",
    "rank",
    "ranks_batch",
    "scores_batch",
    "sensitivity",
    "weights",
]
