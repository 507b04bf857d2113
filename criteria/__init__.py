"""Shortlist's decision engine: MCDA ranking, weighting and sensitivity analysis.

- :func:`rank` ranks alternatives with one of :data:`METHODS` and returns a
  :class:`Ranking`; :func:`scores_batch` and :func:`ranks_batch` score many weight
  vectors at once.
- :mod:`criteria.weights`: direct, ROC, swing, AHP (single and group), entropy, CRITIC.
- :mod:`criteria.sensitivity`: SMAA, weight stability intervals, method agreement.
- :func:`scores_stack` scores many matrices at once, each with its own weights, and
  :mod:`criteria.imprecise` reads SMAA-2 indices when some values are uncertain too
  (:func:`criteria.imprecise.smaa_joint`) and how much each uncertain value moves the
  outcome (:func:`criteria.imprecise.influence`).
- :mod:`criteria.roi`: return on investment over a horizon as ranges (net benefit year by
  year, ROI, payback), undiscounted or discounted at a stated rate.
- Invalid input raises :class:`InvalidProblem` (a ValueError) naming the field.

Pure numpy/scipy/pandas/scikit-criteria; no web, database or settings code, so a notebook
or a batch job can use it alone.
"""

from criteria import imprecise, sensitivity, weights
from criteria.methods import METHODS, rank, ranks_batch, scores_batch
from criteria.problem import InvalidProblem
from criteria.results import Ranking
from criteria.stack import scores_stack

__all__ = [
    "METHODS",
    "InvalidProblem",
    "Ranking",
    "imprecise",
    "rank",
    "ranks_batch",
    "scores_batch",
    "scores_stack",
    "sensitivity",
    "weights",
]
