// Native charts of a sheet (ChartsPort over the Spreadsheet service's embedded charts).
//
// Each chart the add-on draws has a stable key (ChartSpec.key). The chart ID Sheets gives it is
// kept per key in the document properties (MetaStore key `charts:<sheet>`), so the next ensure()
// finds the same chart and updates it in place (modify(): type, data range, position, title)
// instead of drawing a second one. When the ID is unknown or gone (a copy of the workbook, lost
// properties) a chart with the same title that no other key owns is taken over; when there is
// none (the curator deleted it) the chart is drawn again. Any other chart of the sheet — the
// curator's own — is never modified, moved or removed.
//
// Service calls: one getCharts() and one getChartId() per chart on the sheet; the titles only
// when an ID did not match; per chart drawn about ten builder calls and one insertChart /
// updateChart; after drawing new charts one more getCharts() to learn their IDs. Nothing depends
// on the number of data rows.

import { UserError } from "../app/errors";
import type { ChartSpec, ChartsPort, MetaStore } from "../app/ports";
import type {
  ChartsSheetLike,
  ChartsSpreadsheetLike,
  EmbeddedChartBuilderLike,
  EmbeddedChartLike,
} from "./charts-surface";

/** MetaStore key of the chart IDs of one sheet: `{ "<spec key>": <chart ID> }`. */
export function chartsMetaKey(sheet: string): string {
  return `charts:${sheet}`;
}

interface Block {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** "A1", "B2:D7" (absolute "$B$2" too) → 1-based row, column and size; null when it is not one. */
export function parseA1(range: string): Block | null {
  const m = /^\$?([A-Z]{1,3})\$?([1-9]\d{0,6})(?::\$?([A-Z]{1,3})\$?([1-9]\d{0,6}))?$/.exec(range.trim());
  if (!m) return null;
  const column = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const r1 = Number(m[2]);
  const c1 = column(m[1] ?? "");
  const r2 = m[4] ? Number(m[4]) : r1;
  const c2 = m[3] ? column(m[3]) : c1;
  return {
    row: Math.min(r1, r2),
    col: Math.min(c1, c2),
    numRows: Math.abs(r2 - r1) + 1,
    numCols: Math.abs(c2 - c1) + 1,
  };
}

function checkSpecs(charts: readonly ChartSpec[]): Map<string, Block> {
  const blocks = new Map<string, Block>();
  for (const spec of charts) {
    if (blocks.has(spec.key)) throw new Error(`Диаграмма «${spec.title}» указана дважды (ключ ${spec.key}).`);
    const block = parseA1(spec.range);
    if (!block) throw new Error(`Диаграмма «${spec.title}»: неверный диапазон данных «${spec.range}».`);
    if (
      !(Number.isInteger(spec.anchor.row) && spec.anchor.row >= 1) ||
      !(Number.isInteger(spec.anchor.col) && spec.anchor.col >= 1)
    )
      throw new Error(`Диаграмма «${spec.title}»: неверное место на листе.`);
    blocks.set(spec.key, block);
  }
  return blocks;
}

function readIds(meta: MetaStore, sheet: string): Record<string, number> {
  const raw = meta.get(chartsMetaKey(sheet));
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    const out: Record<string, number> = {};
    for (const [key, id] of Object.entries(parsed))
      if (typeof id === "number" && Number.isFinite(id)) out[key] = id;
    return out;
  } catch {
    return {};
  }
}

function withType(builder: EmbeddedChartBuilderLike, type: ChartSpec["type"]): EmbeddedChartBuilderLike {
  switch (type) {
    case "pie":
      return builder.asPieChart();
    case "column":
      return builder.asColumnChart();
    case "bar":
      return builder.asBarChart();
    case "line":
      return builder.asLineChart();
  }
}

/**
 * Type, data and title of a chart, the same whether it is drawn anew or updated. The place is
 * set only when the chart is first drawn: a chart the curator moved stays where they put it.
 */
function configure(
  builder: EmbeddedChartBuilderLike,
  sheet: ChartsSheetLike,
  spec: ChartSpec,
  block: Block,
  place: boolean,
): EmbeddedChartLike {
  const configured = withType(builder, spec.type)
    .clearRanges()
    .addRange(sheet.getRange(block.row, block.col, block.numRows, block.numCols))
    .setNumHeaders(1)
    .setOption("title", spec.title)
    .setOption("legend.position", spec.type === "pie" ? "right" : "bottom");
  return (place ? configured.setPosition(spec.anchor.row, spec.anchor.col, 0, 0) : configured).build();
}

function titleOf(chart: EmbeddedChartLike): string {
  const title = chart.getOptions().get("title");
  return typeof title === "string" ? title : "";
}

export class GasCharts implements ChartsPort {
  /**
   * @param spreadsheet the active spreadsheet, asked for only when ensure() runs
   * @param meta        where the chart IDs are kept (the document properties)
   */
  constructor(
    private readonly spreadsheet: () => ChartsSpreadsheetLike,
    private readonly meta: MetaStore,
  ) {}

  ensure(sheetName: string, charts: readonly ChartSpec[]): { created: number; updated: number } {
    if (charts.length === 0) return { created: 0, updated: 0 };
    const blocks = checkSpecs(charts);
    const sheet = this.spreadsheet().getSheetByName(sheetName);
    if (!sheet) throw new UserError(`В книге нет листа «${sheetName}». Нажмите «Настроить книгу».`);

    const stored = readIds(this.meta, sheetName);
    const existing = sheet.getCharts();
    const ids = existing.map((c) => c.getChartId());
    /** Charts of the sheet some key owns (by its stored ID), whether or not it is ensured now. */
    const owned = new Set<number>();
    for (const id of Object.values(stored)) {
      const i = ids.indexOf(id);
      if (i >= 0) owned.add(i);
    }

    const found = new Map<string, number>();
    for (const spec of charts) {
      const id = stored[spec.key];
      const i = id === undefined ? -1 : ids.indexOf(id);
      if (i >= 0) found.set(spec.key, i);
    }
    // The ID did not match: a chart with the same title that no key owns is ours.
    const missing = charts.filter((s) => !found.has(s.key));
    if (missing.length > 0) {
      const free = existing.map((_, i) => i).filter((i) => !owned.has(i) && ids[i] !== null);
      const titles = new Map(free.map((i) => [i, titleOf(existing[i] as EmbeddedChartLike)]));
      for (const spec of missing) {
        const i = free.find((j) => titles.get(j) === spec.title && !owned.has(j));
        if (i === undefined) continue;
        owned.add(i);
        found.set(spec.key, i);
      }
    }

    const next: Record<string, number> = { ...stored };
    let updated = 0;
    const drawn: ChartSpec[] = [];
    for (const spec of charts) {
      const block = blocks.get(spec.key) as Block;
      const i = found.get(spec.key);
      if (i === undefined) {
        sheet.insertChart(configure(sheet.newChart(), sheet, spec, block, true));
        drawn.push(spec);
        delete next[spec.key];
        continue;
      }
      const chart = existing[i] as EmbeddedChartLike;
      sheet.updateChart(configure(chart.modify(), sheet, spec, block, false));
      next[spec.key] = ids[i] as number;
      updated++;
    }

    if (drawn.length > 0) {
      // The IDs of the new charts: those that were not on the sheet before, matched by title,
      // then (same titles) in the order they were drawn.
      const before = new Set(ids.filter((id): id is number => id !== null));
      const fresh = sheet
        .getCharts()
        .map((chart) => ({ chart, id: chart.getChartId() }))
        .filter((c): c is { chart: EmbeddedChartLike; id: number } => c.id !== null && !before.has(c.id))
        .map((c) => ({ id: c.id, title: titleOf(c.chart) }));
      const left = [...drawn];
      for (const spec of drawn) {
        const j = fresh.findIndex((f) => f.title === spec.title);
        if (j < 0) continue;
        next[spec.key] = (fresh[j] as { id: number }).id;
        fresh.splice(j, 1);
        left.splice(left.indexOf(spec), 1);
      }
      left.forEach((spec, k) => {
        const f = fresh[k];
        if (f) next[spec.key] = f.id;
      });
    }

    if (JSON.stringify(next) !== JSON.stringify(stored))
      this.meta.set(chartsMetaKey(sheetName), JSON.stringify(next));
    return { created: drawn.length, updated };
  }
}
