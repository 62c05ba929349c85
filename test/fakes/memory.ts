// An in-memory implementation of the ports, for use-case tests with plain values.

import type { CellValue, CellWrite, Env, SheetLayout, WorkbookPort } from "../../src/app/ports";

export class MemoryWorkbook implements WorkbookPort {
  readonly sheets = new Map<string, CellValue[][]>();
  readonly layouts = new Map<string, SheetLayout[]>();
  writes = 0;

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

  write(sheet: string, cells: CellWrite[]): void {
    const grid = this.grid(sheet);
    this.writes++;
    for (const { row, col, value } of cells) {
      if (row < 1 || col < 1) throw new Error(`bad cell ${row}:${col}`);
      const line = grid[row - 1] ?? [];
      grid[row - 1] = line;
      for (let c = line.length; c < col - 1; c++) line[c] = "";
      line[col - 1] = value;
    }
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
