// Stable record IDs: «НР-0001», «НЯ-0042», «П-0007». Readable, sortable (numbers are
// zero-padded to four digits and compared numerically beyond that) and never reused:
// the highest number ever issued is remembered, so deleting the last row does not free it.

import { cleanText } from "./normalize";

export function formatId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(4, "0")}`;
}

/** The number of an ID of the given prefix, or null if the text is not such an ID. */
export function parseId(prefix: string, text: unknown): number | null {
  const m = /^(.+?)-(\d+)$/.exec(cleanText(text).toUpperCase());
  if (!m || m[1] !== prefix.toUpperCase()) return null;
  const n = Number(m[2]);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Compares IDs by prefix, then numerically. */
export function compareIds(a: string, b: string): number {
  const ma = /^(.*)-(\d+)$/.exec(a);
  const mb = /^(.*)-(\d+)$/.exec(b);
  if (ma && mb && ma[1] === mb[1]) return Number(ma[2]) - Number(mb[2]);
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface IdAllocation {
  ids: string[];
  /** The new highest number issued; store it. */
  counter: number;
}

/**
 * Issues `count` new IDs above both the remembered counter and every ID present in the
 * sheet (so an ID typed or pasted by hand is never issued again).
 */
export function allocateIds(
  prefix: string,
  existing: readonly unknown[],
  counter: number,
  count: number,
): IdAllocation {
  let max = Math.max(0, counter);
  for (const text of existing) {
    const n = parseId(prefix, text);
    if (n !== null && n > max) max = n;
  }
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) ids.push(formatId(prefix, max + i));
  return { ids, counter: max + count };
}
