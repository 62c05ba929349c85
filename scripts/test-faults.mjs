// npm run test:faults [-- --json]
//
// Runs the fault, interleaving, curator-edit and bad-input tests (test/faults/) and prints their
// figures: faults injected and survived, interleavings checked, curator edits checked, malformed
// inputs tried — summed over the tests that record them (test/faults/figures.ts) — with the
// tests passed and failed. With --json: one JSON object on stdout; otherwise a Russian summary.
// FAULTS_FULL=1 makes the tests take their bigger sweep (e.g. every school day of the demo year).
// Exit code: 0 when every test passed, 1 otherwise.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const json = process.argv.includes("--json");
const dir = mkdtempSync(join(tmpdir(), "nastavnik-faults-"));
const figuresFile = join(dir, "figures.jsonl");
const reportFile = join(dir, "vitest.json");

const FIGURES = [
  ["faultsInjected", "Внесено сбоев"],
  ["faultsSurvived", "Пережито сбоев (инварианты выполнены, повтор завершился)"],
  ["interleavingsChecked", "Проверено чередований действий"],
  ["curatorEditsChecked", "Проверено правок куратора во время действия"],
  ["malformedInputs", "Испробовано некорректных входных данных"],
];

const started = Date.now();
const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const run = spawnSync(
  process.execPath,
  [vitest, "run", "test/faults", "--reporter=json", `--outputFile=${reportFile}`],
  {
    cwd: root,
    env: { ...process.env, NASTAVNIK_FIGURES: figuresFile },
    stdio: ["ignore", json ? "ignore" : "inherit", "inherit"],
  },
);

const figures = Object.fromEntries(FIGURES.map(([name]) => [name, 0]));
if (existsSync(figuresFile)) {
  for (const line of readFileSync(figuresFile, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const { name, value } = JSON.parse(line);
    figures[name] = (figures[name] ?? 0) + Number(value);
  }
}

let passed = 0;
let failed = 0;
let failures = [];
if (existsSync(reportFile)) {
  const report = JSON.parse(readFileSync(reportFile, "utf8"));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  failures = (report.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? [])
      .filter((t) => t.status === "failed")
      .map((t) => `${file.name.replace(`${root}/`, "")}: ${t.fullName}`),
  );
  // A file that failed to load has no assertion results, only a message.
  for (const file of report.testResults ?? []) {
    if (file.status === "failed" && (file.assertionResults ?? []).length === 0) {
      failed++;
      failures.push(`${file.name.replace(`${root}/`, "")}: ${String(file.message ?? "").split("\n")[0]}`);
    }
  }
} else {
  failed++;
  failures.push(`vitest не выдал отчёт (код выхода ${run.status})`);
}
rmSync(dir, { recursive: true, force: true });

const ok = failed === 0 && run.status === 0;
const seconds = Math.round((Date.now() - started) / 1000);
if (json) {
  process.stdout.write(
    `${JSON.stringify({ ...figures, testsPassed: passed, testsFailed: failed, failures, full: process.env.FAULTS_FULL === "1", seconds })}\n`,
  );
} else {
  const lines = [
    "",
    `Надёжность: тесты test/faults — пройдено ${passed}, не пройдено ${failed} (${seconds} с${process.env.FAULTS_FULL === "1" ? ", полный прогон" : ""}).`,
    ...FIGURES.map(([name, label]) => `  ${label}: ${figures[name]}`),
    ...(failures.length > 0 ? ["Не пройдены:", ...failures.map((f) => `  ${f}`)] : []),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
process.exit(ok ? 0 : 1);
