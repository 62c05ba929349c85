// Figures the fault, bad-input and interleaving tests report (faults injected and survived,
// malformed inputs tried, interleavings checked). `npm run test:faults -- --json` sets
// NASTAVNIK_FIGURES to a file; each test adds its figures to it. Outside that run this is a
// no-op, so the ordinary suite writes nothing.

import { appendFileSync } from "node:fs";

/** Adds `value` to the figure `name` (figures of the same name from several tests are summed). */
export function recordFigure(name: string, value: number): void {
  const file = process.env.NASTAVNIK_FIGURES;
  if (!file) return;
  appendFileSync(file, `${JSON.stringify({ name, value })}\n`);
}
