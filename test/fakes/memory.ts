// An in-memory implementation of the ports, for use-case tests with plain values.

import type { CellValue, CellWrite, Env, SheetLayout, WorkbookPort, WriteResult } from "../../src/app/ports";
import { keepEdited, relocateWrites, sameCell } from "../../src/domain/table";

export class MemoryWorkbook implements WorkbookPort {
  readonly sheets = new Map<string, CellValue[][]>();
  readonly layouts = new Map<string, SheetLayout[]>();
  writes = 0;
  /**
   * Test hook: runs at the start of every write, before the sheet is checked — a curator's edit
   * made between the action's read and its write (test/faults/curator-edit.test.ts).
   */
  onWrite?: (sheet: string) => void;

  sheetNames(): string[] {
    return [...this.sheets.keys()];
  }

  read(sheet: string): CellValue[][] | null {
    const grid = this.sheets.get(sheet);
    if (!grid) return null;
    let lastRow = 0;
    let lastCol = 0;
    grid.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v !== "" && v !== undefined && v !== null) {
          lastRow = Math.max(lastRow, r + 1);
          lastCol = Math.max(lastCol, c + 1);
        }
      });
    });
    const out: CellValue[][] = [];
    for (let r = 0; r < lastRow; r++) {
      const row = grid[r] ?? [];
      out.push(Array.from({ length: lastCol }, (_, c) => row[c] ?? ""));
    }
    return out;
  }

  createSheet(sheet: string): void {
    if (this.sheets.has(sheet)) throw new Error(`Лист «${sheet}» уже есть`);
    this.sheets.set(sheet, []);
  }

  // biome-ignore lint/suspicious/noConfusingVoidType: subclasses in tests may return nothing
  write(sheet: string, cells: CellWrite[]): WriteResult | void {
    this.onWrite?.(sheet);
    const grid = this.grid(sheet);
    this.writes++;
    // Conditional cells are checked against the sheet as it is now (see WorkbookPort.write).
    const at = (row: number, col: number): CellValue => grid[row - 1]?.[col - 1] ?? "";
    const rowsOf = (col: number, value: CellValue): number[] => {
      const rows: number[] = [];
      grid.forEach((line, i) => {
        if (i > 0 && sameCell(line?.[col - 1] ?? "", value)) rows.push(i + 1);
      });
      return rows;
    };
    const placed = relocateWrites(cells, at, rowsOf);
    const kept = keepEdited(placed.cells, at);
    for (const { row, col, value } of kept.cells) {
      if (row < 1 || col < 1) throw new Error(`bad cell ${row}:${col}`);
      const line = grid[row - 1] ?? [];
      grid[row - 1] = line;
      for (let c = line.length; c < col - 1; c++) line[c] = "";
      line[col - 1] = value;
    }
    return { skipped: [...placed.skipped, ...kept.skipped] };
  }

  append(sheet: string, rows: CellValue[][]): number {
    const first = (this.read(sheet)?.length ?? 0) + 1;
    this.write(
      sheet,
      rows.flatMap((r, i) => r.map((value, c) => ({ row: first + i, col: c + 1, value }))),
    );
    return first;
  }

  deleteRows(sheet: string, rows: number[]): void {
    const grid = this.grid(sheet);
    for (const r of [...new Set(rows)].sort((a, b) => b - a)) grid.splice(r - 1, 1);
    this.writes++;
  }

  applyLayout(sheet: string, layout: SheetLayout): void {
    this.grid(sheet);
    const list = this.layouts.get(sheet) ?? [];
    list.push(layout);
    this.layouts.set(sheet, list);
  }

  /** Test helper: set whole rows starting at row 1. */
  load(sheet: string, rows: CellValue[][]): void {
    this.sheets.set(
      sheet,
      rows.map((r) => [...r]),
    );
  }

  private grid(sheet: string): CellValue[][] {
    const grid = this.sheets.get(sheet);
    if (!grid) throw new Error(`Нет листа «${sheet}»`);
    return grid;
  }
}

export function memoryEnv(workbook = new MemoryWorkbook(), now = new Date(2025, 8, 1, 10, 0)) {
  const meta = new Map<string, string>();
  let locked = false;
  const env: Env & { workbook: MemoryWorkbook; metaMap: Map<string, string> } = {
    workbook,
    metaMap: meta,
    meta: { get: (k) => meta.get(k) ?? null, set: (k, v) => void meta.set(k, v) },
    lock: {
      withLock<T>(fn: () => T): T {
        if (locked) throw new Error("Книга занята другим действием надстройки.");
        locked = true;
        try {
          return fn();
        } finally {
          locked = false;
        }
      },
    },
    clock: { now: () => now },
    user: { current: () => "kurator@school.ru" },
  };
  return env;
}
