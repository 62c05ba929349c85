#!/usr/bin/env node
// The command line of the local edition: the same use cases as the add-on, on an .xlsx file.

import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { userMessage } from "../app/errors";
import { buildOverview, type Overview } from "../app/overview";
import {
  describeProgress,
  type ImportMode,
  importRoadmap,
  type RoadmapImportResult,
  type RoadmapRefresh,
  refreshRoadmap,
  templateDrafts,
} from "../app/roadmap";
import { describeSetup, type SetupReport, setupWorkbook } from "../app/setup";
import { describeImport, importRoadmapDocument, type RoadmapImport } from "../domain/roadmap/import";
import { ROADMAP_TEMPLATES, roadmapTemplate } from "../domain/roadmap/templates";
import { closeYearCommand } from "./close-year-command";
import type { Command } from "./command";
import { demoCommand } from "./demo-command";
import { docsCommand } from "./docs-command";
import { withWorkbookFile } from "./env";
import { matchCommand } from "./match";
import { monitoringCommand } from "./monitoring-command";
import { regionCommand } from "./region";
import { meetingsCommand, remindCommand } from "./remind";
import { reportCommand } from "./report-command";
import { responsesCommand } from "./responses";
import { readRoadmapFile } from "./roadmap-readers";

function out(line = ""): void {
  process.stdout.write(`${line}\n`);
}

function parse<O extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    const m = /Unknown option '([^']+)'/.exec(text);
    throw new Error(
      m ? `Неизвестный параметр «${m[1]}». Справка: nastavnik help` : `Неверные параметры: ${text}`,
    );
  }
}

function requireFile(positionals: string[], command: string): string {
  const file = positionals[0];
  if (!file) throw new Error(`Не указан файл книги. Пример: nastavnik ${command} школа.xlsx`);
  if (!/\.xlsx$/i.test(file)) throw new Error(`«${file}» — ожидается файл книги Excel с расширением .xlsx`);
  return resolve(file);
}

function printOverview(o: Overview): void {
  out(o.organisation ? `Организация: ${o.organisation}` : "Организация не указана в «Настройки».");
  for (const s of o.sheets) {
    const statuses = Object.entries(s.byStatus)
      .map(([k, v]) => `${k}: ${v}`)
      .join(", ");
    const state = !s.present ? "нет листа" : s.counted ? `${s.rows} зап.` : "—";
    out(
      `  ${s.name.padEnd(18)} ${state}${statuses ? ` (${statuses})` : ""}${s.problem ? ` — ${s.problem}` : ""}`,
    );
  }
  if (o.nextSteps.length > 0) {
    out("Что дальше:");
    for (const step of o.nextSteps) out(`  • ${step}`);
  }
}

const init: Command = {
  name: "init",
  usage: "nastavnik init КНИГА.xlsx [--json]",
  summary: "создать или донастроить книгу (как «Настроить книгу» в таблице)",
  help:
    "Создаёт файл книги, если его нет, и добавляет недостающие листы, столбцы, списки и параметры.\n" +
    "Существующие данные не меняются; повторный запуск ничего не дублирует.\n" +
    "  --json   вывести отчёт в формате JSON",
  async run(args) {
    const { values, positionals } = parse(args, { json: { type: "boolean" } });
    const file = requireFile(positionals, "init");
    await mkdir(dirname(file), { recursive: true });
    const report = await withWorkbookFile<SetupReport>(
      file,
      { create: true, save: (r) => r.changed || true },
      (env) => setupWorkbook(env),
    );
    if (values.json) out(JSON.stringify({ file, ...report }, null, 2));
    else {
      out(`Книга: ${file}`);
      for (const line of describeSetup(report)) out(line);
    }
    return 0;
  },
};

const status: Command = {
  name: "status",
  usage: "nastavnik status КНИГА.xlsx [--json]",
  summary: "показать состояние книги и что делать дальше",
  help: "Показывает листы книги, число записей и статусы, незаполненные настройки и следующие шаги.\n  --json   вывести в формате JSON",
  async run(args) {
    const { values, positionals } = parse(args, { json: { type: "boolean" } });
    const file = requireFile(positionals, "status");
    const overview = await withWorkbookFile(file, { create: false, save: () => false }, (env) =>
      buildOverview(env.workbook),
    );
    if (values.json) out(JSON.stringify(overview, null, 2));
    else printOverview(overview);
    return 0;
  },
};

function parseYear(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new Error(
      `«${String(value)}» — укажите год начала учебного года четырьмя цифрами, например --year 2025`,
    );
  }
  return year;
}

function parseMode(value: unknown): ImportMode | undefined {
  if (value === undefined) return undefined;
  if (value === "replace" || value === "append") return value;
  throw new Error(
    `«${String(value)}» — параметр --mode принимает значения replace (заменить) или append (добавить)`,
  );
}

/** The current academic year by the calendar: September starts a new one. */
function thisAcademicYear(today = new Date()): number {
  return today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
}

function roadmapJson(parsed: RoadmapImport) {
  return {
    items: parsed.items.map((i) => ({
      stageNo: i.stageNo,
      stage: i.stage,
      event: i.event,
      expectedResult: i.expectedResult,
      document: i.document,
      owners: { people: i.owners.people, roles: i.owners.roles, raw: i.owners.raw },
      deadline: {
        raw: i.deadline.raw,
        recognised: i.deadline.recognised,
        occurrences: i.deadline.occurrences,
        recurrence: i.deadline.recurrence,
        ...(i.deadline.problem ? { problem: i.deadline.problem } : {}),
      },
      origin: i.origin,
    })),
    report: parsed.report,
  };
}

function printItems(parsed: RoadmapImport): void {
  let stage = "";
  for (const item of parsed.items) {
    if (item.stage !== stage) {
      stage = item.stage;
      out(`${item.stageNo ? `${item.stageNo}. ` : ""}${stage || "(без этапа)"}`);
    }
    const when = item.window
      ? item.window.start === item.window.end
        ? item.window.end
        : `${item.window.start} … ${item.window.end}`
      : "срок не распознан";
    const who = [...item.owners.people, ...item.owners.roles].join("; ");
    out(`  • ${item.event}`);
    out(
      `      срок: ${when}${item.deadline.raw ? ` («${item.deadline.raw.replace(/\s+/g, " ")}»)` : ""}${who ? `; ответственные: ${who}` : ""}`,
    );
  }
}

async function runImport(
  file: string | undefined,
  source: (year: number) => RoadmapImport,
  values: { year?: unknown; mode?: unknown; json?: unknown },
): Promise<number> {
  const year = parseYear(values.year);
  const mode = parseMode(values.mode);
  if (!file) {
    const parsed = source(year ?? thisAcademicYear());
    if (values.json) out(JSON.stringify(roadmapJson(parsed), null, 2));
    else {
      printItems(parsed);
      out();
      for (const line of describeImport(parsed)) out(line);
    }
    return 0;
  }
  const result = await withWorkbookFile<RoadmapImportResult>(
    file,
    { create: false, save: (r) => !r.needsDecision },
    (env) => importRoadmap(env, source, { year, mode }),
  );
  if (values.json) out(JSON.stringify(result, null, 2));
  else for (const line of result.lines) out(line);
  if (result.needsDecision) {
    process.stderr.write(
      "Книга не изменена. Повторите с --mode replace (заменить) или --mode append (добавить).\n",
    );
    return 3;
  }
  return 0;
}

const roadmap: Command = {
  name: "roadmap",
  usage: "nastavnik roadmap import ФАЙЛ [--year ГОД] [--into КНИГА.xlsx] [--mode replace|append] [--json]",
  summary: "дорожная карта: импорт таблицы школы, шаблоны, сроки и просрочки",
  help: [
    "nastavnik roadmap import ФАЙЛ [--year ГОД] [--into КНИГА.xlsx] [--mode replace|append] [--json]",
    "    Читает дорожную карту школы из .docx (таблица Word), .csv или .tsv и печатает распознанные",
    "    мероприятия, сроки и ответственных с отчётом о нераспознанном. С --into записывает их в лист",
    "    «Дорожная карта» книги; если там уже есть мероприятия, нужен --mode: replace — заменить",
    "    (прежние сохраняются в архивном листе), append — добавить (повторы не добавляются).",
    "    --year — год начала учебного года (по умолчанию — из «Настройки» книги или текущий).",
    "    --json — вывести мероприятия и отчёт в формате JSON.",
    "nastavnik roadmap template ШАБЛОН --into КНИГА.xlsx [--year ГОД] [--mode replace|append] [--json]",
    `    Загружает шаблон: ${ROADMAP_TEMPLATES.map((t) => `${t.key} — «${t.title}»`).join("; ")}.`,
    "nastavnik roadmap status КНИГА.xlsx [--json]",
    "    Пересчитывает статусы, просрочки и дни до срока, печатает ход выполнения и ближайшие сроки.",
  ].join("\n"),
  async run(args) {
    const [sub, ...rest] = args;
    const { values, positionals } = parse(rest, {
      year: { type: "string" },
      into: { type: "string" },
      mode: { type: "string" },
      json: { type: "boolean" },
    });
    if (sub === "import") {
      const file = positionals[0];
      if (!file)
        throw new Error("Не указан файл дорожной карты. Пример: nastavnik roadmap import карта.docx");
      const into = values.into ? requireFile([String(values.into)], "roadmap import ФАЙЛ --into") : undefined;
      const doc = await readRoadmapFile(resolve(file));
      return runImport(into, (year) => importRoadmapDocument(doc, year), values);
    }
    if (sub === "template") {
      const key = positionals[0] ?? "";
      const template = roadmapTemplate(key);
      if (!template) {
        throw new Error(
          `Нет шаблона «${key}». Доступны: ${ROADMAP_TEMPLATES.map((t) => `${t.key} («${t.title}»)`).join(", ")}`,
        );
      }
      if (!values.into) throw new Error("Укажите книгу: nastavnik roadmap template ШАБЛОН --into КНИГА.xlsx");
      const into = requireFile([String(values.into)], "roadmap template ШАБЛОН --into");
      return runImport(into, (year) => templateDrafts(template, year), values);
    }
    if (sub === "status") {
      const file = requireFile(positionals, "roadmap status");
      const result = await withWorkbookFile<RoadmapRefresh>(
        file,
        { create: false, save: (r) => r.changedCells > 0 },
        (env) => refreshRoadmap(env),
      );
      if (values.json) out(JSON.stringify(result, null, 2));
      else {
        out(`Обновлено ячеек: ${result.changedCells}.`);
        for (const line of describeProgress(result.progress)) out(line);
      }
      return 0;
    }
    throw new Error(
      `Неизвестная подкоманда «${sub ?? ""}». Доступны: import, template, status. Справка: nastavnik roadmap --help`,
    );
  },
};

const COMMANDS: Command[] = [
  init,
  status,
  roadmap,
  responsesCommand,
  matchCommand,
  docsCommand,
  meetingsCommand,
  remindCommand,
  monitoringCommand,
  reportCommand,
  regionCommand,
  closeYearCommand,
  demoCommand,
];

function help(name?: string): number {
  const command = COMMANDS.find((c) => c.name === name);
  if (command) {
    out(`Использование: ${command.usage}`);
    out();
    out(command.help);
    return 0;
  }
  out("Наставник — программа наставничества в книге Excel (локальная версия надстройки Google Таблиц).");
  out();
  out("Использование: nastavnik КОМАНДА [параметры]   (из репозитория: npm run cli -- КОМАНДА …)");
  out();
  out("Команды:");
  for (const c of COMMANDS) out(`  ${c.name.padEnd(10)} ${c.summary}`);
  out(`  ${"help".padEnd(10)} справка; nastavnik help КОМАНДА — подробно о команде`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") return help(rest[0]);
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`Неизвестная команда «${name}». Список команд: nastavnik help\n`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) return help(name);
  try {
    return await command.run(rest);
  } catch (error) {
    process.stderr.write(`Ошибка: ${userMessage(error)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`Ошибка: ${userMessage(error)}\n`);
    process.exitCode = 1;
  },
);
