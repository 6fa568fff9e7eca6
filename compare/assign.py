"""One-to-one assignment on a sparse candidate graph: the pairing with the greatest total weight.

The candidate graph falls apart into many small connected components (an action and its few rivals),
so each component is solved on its own: densely with `linear_sum_assignment` when small, and with
`min_weight_full_bipartite_matching` on a sparse matrix when a component is too big for a dense one.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components, min_weight_full_bipartite_matching

Edge = tuple[int, int, float]  # (old index, new index, weight > 0)


def _components(edges: list[Edge]) -> list[list[Edge]]:
    rows = sorted({i for i, _, _ in edges})
    cols = sorted({j for _, j, _ in edges})
    row_at = {i: k for k, i in enumerate(rows)}
    col_at = {j: len(rows) + k for k, j in enumerate(cols)}
    n = len(rows) + len(cols)
    src = np.fromiter((row_at[i] for i, _, _ in edges), dtype=np.int64, count=len(edges))
    dst = np.fromiter((col_at[j] for _, j, _ in edges), dtype=np.int64, count=len(edges))
    graph = coo_matrix((np.ones(len(edges)), (src, dst)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[Edge]] = defaultdict(list)
    for e, s in zip(edges, src, strict=True):
        groups[int(labels[s])].append(e)
    return list(groups.values())


def _solve_dense(edges: list[Edge]) -> list[tuple[int, int]]:
    rows = sorted({i for i, _, _ in edges})
    cols = sorted({j for _, j, _ in edges})
    row_at = {i: k for k, i in enumerate(rows)}
    col_at = {j: k for k, j in enumerate(cols)}
    weights = np.zeros((len(rows), len(cols)))
    for i, j, w in edges:
        weights[row_at[i], col_at[j]] = w
    # a zero cell means "no pair": every real weight is positive, so leaving a node unpaired is never forced
    r, c = linear_sum_assignment(weights, maximize=True)
    return [(rows[a], cols[b]) for a, b in zip(r, c, strict=True) if weights[a, b] > 0]


def _solve_sparse(edges: list[Edge]) -> list[tuple[int, int]]:
    """Maximum-weight matching that may leave nodes unpaired, as a perfect matching on an augmented graph.

    Rows: old nodes, then one dummy per new node; columns: new nodes, then one dummy per old node.
    old i -> dummy i and dummy j -> new j let a node stay unpaired; dummy j -> dummy i for every real edge
    (i, j) keeps a perfect matching possible whichever real edges are used. Every perfect matching has
    the same number of edges, so adding one constant to all costs keeps them positive without changing
    the optimum.
    """
    rows = sorted({i for i, _, _ in edges})
    cols = sorted({j for _, j, _ in edges})
    row_at = {i: k for k, i in enumerate(rows)}
    col_at = {j: k for k, j in enumerate(cols)}
    r, c = len(rows), len(cols)
    shift = 1.0 + max(w for _, _, w in edges)
    src: list[int] = []
    dst: list[int] = []
    cost: list[float] = []
    for i, j, w in edges:
        a, b = row_at[i], col_at[j]
        src += [a, r + b]
        dst += [b, c + a]
        cost += [shift - w, shift]
    src += list(range(r)) + [r + b for b in range(c)]
    dst += [c + a for a in range(r)] + list(range(c))
    cost += [shift] * (r + c)
    graph = csr_matrix((cost, (src, dst)), shape=(r + c, r + c))
    match = min_weight_full_bipartite_matching(graph)[1]
    return [(rows[a], cols[match[a]]) for a in range(r) if match[a] < c]


def assign(edges: list[Edge], dense_limit: int = 1_000_000) -> list[tuple[int, int]]:
    """Pairs (old, new), each index at most once, maximising the summed weight of the pairs kept."""
    out: list[tuple[int, int]] = []
    for comp in _components(edges) if edges else []:
        if len(comp) == 1:
            out.append((comp[0][0], comp[0][1]))
            continue
        n_rows = len({i for i, _, _ in comp})
        n_cols = len({j for _, j, _ in comp})
        out.extend(_solve_dense(comp) if n_rows * n_cols <= dense_limit else _solve_sparse(comp))
    return sorted(out)
