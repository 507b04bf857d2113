"""ELECTRE I: concordance, discordance, outranking and the kernel."""

from __future__ import annotations

from typing import Any

import numpy as np

from criteria.evaluation import Evaluation, chunk_rows, weighted_rows
from criteria.problem import BoolArray, FloatArray, InvalidProblem
from criteria.ranks import TIE_TOLERANCE


class Electre1:
    """ELECTRE I with concordance threshold ``p`` and discordance threshold ``q``.

    Each column is divided by its sum (an all-zero column stays zero), as in Cebrián &
    Porcar's worked example; values must be non-negative. Then, as in
    scikit-criteria's ``concordance`` and ``discordance`` kernels:

    - concordance ``C(a, b)``: total weight of the criteria on which a is at least as
      good as b;
    - discordance ``D(a, b)``: the largest normalised amount by which b beats a on any
      criterion, divided by the largest range of any normalised criterion (0 when every
      criterion is constant);
    - a outranks b when ``C(a, b) >= p`` and ``D(a, b) <= q`` (compared with a 1e-12
      tolerance, so a concordance that is mathematically equal to p counts);
    - the kernel (Roy 1968) is the set K in which no member outranks another and every
      alternative outside K is outranked by a member of K. On an acyclic outranking
      graph it is unique and found by taking the alternatives nobody outranks, setting
      aside what they outrank, and repeating. When the rest of the graph is a cycle
      (two identical alternatives outranking each other, say), the procedure stops:
      ``details["kernel"]`` holds what was found and ``details["kernel_complete"]`` is
      False.

    The diagonal of C and D (an alternative against itself) is reported as 0.

    Score: the net outranking balance ``(outranked by a - outranking a) / (m - 1)`` in
    [-1, 1]; ranks follow it. ELECTRE I's own answer is the kernel in
    ``details["kernel"]``: an alternative incomparable with the rest is in the kernel
    with a balance of 0, and may rank below a non-kernel alternative that outranks
    several others.

    Contributions: per-criterion net concordance
    ``w_j sum_b ([a >=_j b] - [b >=_j a]) / (m - 1)``; each row sums to the net
    concordance ``sum_b (C(a, b) - C(b, a)) / (m - 1)`` (discordance vetoes are in the
    details, not in the contributions).

    References
    ----------
    .. [1] Roy, B. (1968). Classement et choix en présence de points de vue multiples
       (la méthode ELECTRE). RIRO, 2(8), 57-75.
    .. [2] Tzeng, G.-H., & Huang, J.-J. (2011). Multiple Attribute Decision Making:
       Methods and Applications. CRC Press, ch. 6.
    .. [3] Cebrián, L. I. G., & Porcar, A. M. (2009). Localización empresarial en
       Aragón: una aplicación empírica de la ayuda a la decisión multicriterio tipo
       ELECTRE I y III. Revista de Métodos Cuantitativos para la Economía y la Empresa,
       7, 31-56.
    """

    def __init__(
        self,
        matrix: FloatArray,
        is_max: BoolArray,
        criteria: tuple[str, ...],
        p: float,
        q: float,
    ) -> None:
        if (matrix < 0).any():
            i, j = (int(k) for k in np.argwhere(matrix < 0)[0])
            raise InvalidProblem(
                f"matrix[{i}][{j}]",
                f"is {matrix[i, j]:g}; ELECTRE I divides each criterion by its total and "
                f"needs values >= 0 (criterion {criteria[j]!r})",
            )
        m = matrix.shape[0]
        self.p, self.q = p, q
        ahead, self.discordance = concordance_parts(matrix, is_max)
        ahead_share = ahead.astype(np.float64)
        self._ahead: FloatArray = ahead_share.reshape(m * m, -1)
        self._vetoed: BoolArray = self.discordance > q + TIE_TOLERANCE
        np.fill_diagonal(self._vetoed, True)
        balance = ahead_share.sum(axis=1) - ahead_share.sum(axis=0)
        self._net_concordance: FloatArray = balance / (m - 1)

    def scores_batch(self, weights: FloatArray) -> FloatArray:
        """Return the net outranking balance for each row of a weight array."""
        m = self.discordance.shape[0]
        scores = np.empty((weights.shape[0], m))
        # Concordance is (rows x m x m): built a chunk of rows at a time.
        step = chunk_rows(m * m)
        for start in range(0, weights.shape[0], step):
            block = weights[start : start + step]
            concordance = weighted_rows(block, self._ahead).reshape(-1, m, m)
            outranks = (concordance >= self.p - TIE_TOLERANCE) & ~self._vetoed
            scores[start : start + step] = (outranks.sum(axis=2) - outranks.sum(axis=1)) / (m - 1.0)
        return scores

    def evaluate(self, weights: FloatArray, alternatives: tuple[str, ...]) -> Evaluation:
        """Return the balance, concordance, discordance, outranking and the kernel."""
        m = self.discordance.shape[0]
        concordance = (self._ahead @ weights).reshape(m, m)
        np.fill_diagonal(concordance, 0.0)
        outranks = (concordance >= self.p - TIE_TOLERANCE) & ~self._vetoed
        kernel, cyclic = roy_kernel(outranks)
        discordance = self.discordance.copy()
        np.fill_diagonal(discordance, 0.0)
        details: dict[str, Any] = {
            "concordance": concordance,
            "discordance": discordance,
            "outranks": outranks,
            "kernel": tuple(alternatives[k] for k in kernel),
            "kernel_complete": not cyclic,
        }
        scores = (outranks.sum(axis=1) - outranks.sum(axis=0)) / (m - 1.0)
        return Evaluation(scores, details, self._net_concordance * weights)


def concordance_parts(matrix: FloatArray, is_max: BoolArray) -> tuple[BoolArray, FloatArray]:
    """Return ``ahead[..., a, b, j]`` (a at least as good as b on j) and the discordance
    ``D[..., a, b]`` of a matrix or of each matrix of a stack."""
    totals = matrix.sum(axis=-2, keepdims=True)
    normalized = matrix / np.where(totals > 0, totals, 1.0)
    difference = normalized[..., :, np.newaxis, :] - normalized[..., np.newaxis, :, :]
    ahead: BoolArray = np.where(is_max, difference >= 0, difference <= 0)
    spans = normalized.max(axis=-2) - normalized.min(axis=-2)
    widest = spans.max(axis=-1)[..., np.newaxis, np.newaxis]
    # shortfall[a, b]: the most b beats a by on any criterion (0 if it beats it nowhere).
    shortfall = np.where(ahead, 0.0, np.abs(difference)).max(axis=-1)
    discordance: FloatArray = np.divide(
        shortfall, widest, out=np.zeros_like(shortfall), where=widest > 0
    )
    return ahead, discordance


def electre1_stack(
    matrices: FloatArray, is_max: BoolArray, weights: FloatArray, p: float, q: float
) -> FloatArray:
    """Return the net outranking balance for each sample's matrix with its own weights."""
    ahead, discordance = concordance_parts(matrices, is_max)
    m = matrices.shape[-2]
    concordance = np.einsum("kabn,kn->kab", ahead.astype(np.float64), weights)
    outranks = (concordance >= p - TIE_TOLERANCE) & (discordance <= q + TIE_TOLERANCE)
    outranks &= ~np.eye(m, dtype=np.bool_)
    scores: FloatArray = (outranks.sum(axis=2) - outranks.sum(axis=1)) / (m - 1.0)
    return scores


def roy_kernel(outranks: BoolArray) -> tuple[list[int], bool]:
    """Return the kernel of an outranking graph (indices, in order) and whether a cycle
    stopped the search before every alternative was placed."""
    m = outranks.shape[0]
    remaining = np.ones(m, dtype=bool)
    kernel: list[int] = []
    while remaining.any():
        inside = outranks & remaining[:, np.newaxis] & remaining[np.newaxis, :]
        sources = np.flatnonzero(remaining & ~inside.any(axis=0))
        if sources.size == 0:
            return kernel, True
        kernel.extend(int(k) for k in sources)
        beaten = inside[sources].any(axis=0)
        remaining &= ~beaten
        remaining[sources] = False
    return sorted(kernel), False
