/**
 * Combining the dense and lexical rankings. Both methods are kept because the better one
 * depends on the embedding model; the default is the one that measured better on the
 * evaluation questions (see DEFAULT_FUSION).
 */

export interface Ranked {
  id: string;
  score: number;
}

/** The usual RRF constant (Cormack et al. 2009): damps the head so one list cannot dominate. */
export const RRF_K = 60;

/** Reciprocal rank fusion: Σ 1 / (k + rank), rank from 1. */
export function fuseRrf(lists: readonly (readonly Ranked[])[], k = RRF_K): Map<string, number> {
  const fused = new Map<string, number>();
  for (const list of lists) {
    list.forEach((item, i) => fused.set(item.id, (fused.get(item.id) ?? 0) + 1 / (k + i + 1)));
  }
  return fused;
}

/** Min-max normalised within each list, then α·dense + (1−α)·lexical; missing from a list counts 0. */
export function fuseWeighted(dense: readonly Ranked[], lexical: readonly Ranked[], denseWeight: number): Map<string, number> {
  const fused = new Map<string, number>();
  const add = (list: readonly Ranked[], weight: number): void => {
    if (list.length === 0) return;
    let min = Infinity;
    let max = -Infinity;
    for (const { score } of list) {
      if (score < min) min = score;
      if (score > max) max = score;
    }
    const span = max - min;
    for (const { id, score } of list) {
      // A single candidate (or all tied) is the best there is: it gets full weight.
      const normalised = span > 0 ? (score - min) / span : 1;
      fused.set(id, (fused.get(id) ?? 0) + weight * normalised);
    }
  };
  add(dense, denseWeight);
  add(lexical, 1 - denseWeight);
  return fused;
}
