/** At most `max` items spread over the whole list, first and last kept: a long note's sections all take part. */
export function sampleEvenly<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  if (max <= 1) return items.slice(0, Math.max(0, max));
  const result: T[] = [];
  for (let k = 0; k < max; k++) result.push(items[Math.round((k * (items.length - 1)) / (max - 1))] as T);
  return result;
}
