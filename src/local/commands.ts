// The commands of the `nastavnik` command line and its dispatcher (main); src/local/cli.ts is the
// entry that runs it. Every command works on one workbook file (except demo and region combine).
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
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
import {
  CONFIG_OPTION,
  type Command,
  JSON_OPTION,
  out,
  outJson,
  parseOptions,
  reportError,
  UsageError,
  workbookPath,
} from "./command";
import { CONFIG_HELP, readWorkbookConfig } from "./config";
import { dailyCommand } from "./daily-command";
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

function requireFile(positionals: string[], command: string): string {
  return workbookPath(positionals, command);
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

const INIT_OPTIONS = { ...JSON_OPTION, ...CONFIG_OPTION };

const init: Command = {
  name: "init",
  usage: "nastavnik init КНИГА.xlsx [--json] [--config ФАЙЛ]",
  options: INIT_OPTIONS,
  summary: "создать или донастроить книгу (как «Настроить книгу» в таблице)",
  help:
    "Создаёт файл книги, если его нет, и добавляет недостающие листы, столбцы, списки и параметры.\n" +
    "Существующие данные не меняются; повторный запуск ничего не дублирует.\n" +
    "  --json   вывести отчёт в формате JSON",
  async run(args) {
    const { values, positionals } = parseOptions("init", args, INIT_OPTIONS);
    const file = requireFile(positionals, "init");
    // A broken configuration is reported now, not at the first command that needs it.
    await readWorkbookConfig(file, values.config);
    await mkdir(dirname(file), { recursive: true });
    const report = await withWorkbookFile<SetupReport>(
      file,
      { create: true, save: (r) => r.changed || true },
      (env) => setupWorkbook(env),
    );
    if (values.json) outJson({ file, ...report });
    else {
      out(`Книга: ${file}`);
      for (const line of describeSetup(report)) out(line);
    }
    return 0;
  },
};

const STATUS_OPTIONS = { ...JSON_OPTION, ...CONFIG_OPTION };

const status: Command = {
  name: "status",
  usage: "nastavnik status КНИГА.xlsx [--json] [--config ФАЙЛ]",
  options: STATUS_OPTIONS,
  summary: "показать состояние книги и что делать дальше",
  help: "Показывает листы книги, число записей и статусы, незаполненные настройки и следующие шаги.\n  --json   вывести в формате JSON",
  async run(args) {
    const { values, positionals } = parseOptions("status", args, STATUS_OPTIONS);
    const file = requireFile(positionals, "status");
    await readWorkbookConfig(file, values.config);
    const overview = await withWorkbookFile(
      file,
      { create: false, save: () => false, readOnly: true },
      (env) => buildOverview(env.workbook),
    );
    if (values.json) outJson(overview);
    else printOverview(overview);
    return 0;
  },
};

function parseYear(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new UsageError(
      `«${String(value)}» — укажите год начала учебного года четырьмя цифрами, например --year 2025`,
    );
  }
  return year;
}

function parseMode(value: unknown): ImportMode | undefined {
  if (value === undefined) return undefined;
  if (value === "replace" || value === "append") return value;
  throw new UsageError(
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
    if (values.json) outJson(roadmapJson(parsed));
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
  if (values.json) outJson(result);
  else for (const line of result.lines) out(line);
  if (result.needsDecision) {
    process.stderr.write(
      "Книга не изменена. Повторите с --mode replace (заменить) или --mode append (добавить).\n",
    );
    return 3;
  }
  return 0;
}

const ROADMAP_OPTIONS = {
  year: { type: "string" },
  into: { type: "string" },
  mode: { type: "string" },
  ...JSON_OPTION,
  ...CONFIG_OPTION,
} as const;

const roadmap: Command = {
  name: "roadmap",
  options: ROADMAP_OPTIONS,
  subcommands: ["import", "template", "status"],
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
    const { values, positionals } = parseOptions("roadmap", rest, ROADMAP_OPTIONS);
    const into =
      values.into === undefined
        ? undefined
        : requireFile([String(values.into)], `roadmap ${sub ?? ""} ФАЙЛ --into`);
    if (into) await readWorkbookConfig(into, values.config);
    if (sub === "import") {
      const file = positionals[0];
      if (!file)
        throw new UsageError("Не указан файл дорожной карты. Пример: nastavnik roadmap import карта.docx");
      const doc = await readRoadmapFile(resolve(file));
      return runImport(into, (year) => importRoadmapDocument(doc, year), values);
    }
    if (sub === "template") {
      const key = positionals[0] ?? "";
      const template = roadmapTemplate(key);
      if (!template) {
        throw new UsageError(
          `Нет шаблона «${key}». Доступны: ${ROADMAP_TEMPLATES.map((t) => `${t.key} («${t.title}»)`).join(", ")}`,
        );
      }
      if (!into) throw new UsageError("Укажите книгу: nastavnik roadmap template ШАБЛОН --into КНИГА.xlsx");
      return runImport(into, (year) => templateDrafts(template, year), values);
    }
    if (sub === "status") {
      const file = requireFile(positionals, "roadmap status");
      await readWorkbookConfig(file, values.config);
      const result = await withWorkbookFile<RoadmapRefresh>(
        file,
        { create: false, save: (r) => r.changedCells > 0 },
        (env) => refreshRoadmap(env),
      );
      if (values.json) outJson(result);
      else {
        out(`Обновлено ячеек: ${result.changedCells}.`);
        for (const line of describeProgress(result.progress)) out(line);
      }
      return 0;
    }
    throw new UsageError(
      `Неизвестная подкоманда «${sub ?? ""}». Доступны: import, template, status. Справка: nastavnik roadmap --help`,
    );
  },
};

/** Every command of the command line, in the order of the help. */
export const COMMANDS: readonly Command[] = [
  init,
  status,
  roadmap,
  responsesCommand,
  matchCommand,
  docsCommand,
  meetingsCommand,
  remindCommand,
  dailyCommand,
  monitoringCommand,
  reportCommand,
  regionCommand,
  closeYearCommand,
  demoCommand,
];

/** What main prints after a command's own help: the options and exit codes every command shares. */
function commonHelp(command: Command): string[] {
  const lines = ["", "Общие параметры:"];
  if ("config" in command.options) {
    lines.push(
      "  --config ФАЙЛ  файл настроек (по умолчанию nastavnik.config.json рядом с книгой): папки для",
      "                 документов, писем и выгрузок, сервер SMTP — подробно: nastavnik help config;",
    );
  }
  if ("json" in command.options) {
    lines.push(
      "  --json         результат в формате JSON — только JSON в стандартном выводе; ошибка —",
      '                 { "error": "текст" };',
    );
  }
  lines.push(
    "  --help, -h     эта справка.",
    "Коды выхода: 0 — выполнено; 1 — ошибка (файл не найден, занят, повреждён, книга другой версии,",
    "ошибка в данных); 2 — неверные параметры.",
  );
  return lines;
}

function help(name?: string): number {
  if (name === "config") {
    out(CONFIG_HELP);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command) {
    out(`Использование: ${command.usage}`);
    out();
    out(command.help);
    for (const line of commonHelp(command)) out(line);
    return 0;
  }
  out("Наставник — программа наставничества в книге Excel (локальная версия надстройки Google Таблиц).");
  out();
  out("Использование: nastavnik КОМАНДА [параметры]   (из репозитория: npm run cli -- КОМАНДА …)");
  out();
  out("Команды:");
  for (const c of COMMANDS) out(`  ${c.name.padEnd(10)} ${c.summary}`);
  out(`  ${"help".padEnd(10)} справка; nastavnik help КОМАНДА — подробно о команде`);
  out();
  out("Файл настроек (папки и почта): nastavnik help config. У каждой команды: --help — справка,");
  out("--json — результат в JSON для сценариев.");
  return 0;
}

/** Runs the command line; resolves with the exit code (never rejects). */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const json = rest.includes("--json");
  if (!name || name === "help" || name === "--help" || name === "-h") return help(rest[0]);
  const command = COMMANDS.find((c) => c.name === name);
  if (!command)
    return reportError(new UsageError(`Неизвестная команда «${name}». Список команд: nastavnik help`), json);
  if (rest.includes("--help") || rest.includes("-h")) return help(name);
  try {
    return await command.run(rest);
  } catch (error) {
    return reportError(error, json);
  }
}
