// Runs the command line in this process (src/local/commands.ts main, as src/local/cli.ts does),
// capturing what it prints: quicker than a child process per call, and the same code path.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { vi } from "vitest";
import { setupWorkbook } from "../../src/app/setup";
import { formDef } from "../../src/domain/forms";
import { main } from "../../src/local/commands";
import { withWorkbookFile } from "../../src/local/env";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(...argv: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

export async function initBook(file: string): Promise<string> {
  await withWorkbookFile(file, { create: true, save: () => true }, (env) => setupWorkbook(env));
  return file;
}

export function hash(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

function csv(rows: string[][]): string {
  return `${rows.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(",")).join("\r\n")}\r\n`;
}

/** A Google Forms export of the mentee questionnaire with two answers. */
export function menteeCsv(): string {
  const qs = formDef("mentee").questions;
  const row = (ts: string, answers: Record<string, string>) => [ts, ...qs.map((q) => answers[q.key] ?? "")];
  const base = {
    category: "Молодой специалист",
    position: "Учитель истории",
    requests: "Адаптация в коллективе",
    consent: "Даю согласие",
  };
  return csv([
    ["Отметка времени", ...qs.map((q) => q.title)],
    row("05.09.2025 14:03:27", { ...base, fullName: "Фёдорова Алёна Игоревна", email: "fedorova@school.ru" }),
    row("05.09.2025 15:10:00", { ...base, fullName: "Смирнов Олег Павлович", email: "smirnov@school.ru" }),
  ]);
}

export const ROADMAP_SEED = join(__dirname, "../fixtures/roadmaps/seed-000.csv");
