#!/usr/bin/env node
// The command line of the local edition: the same use cases as the add-on, on an .xlsx file.

import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { userMessage } from "../app/errors";
import { writeJournal } from "../app/journal";
import { buildOverview, type Overview } from "../app/overview";
import { insertRecords, readRecords } from "../app/records";
import { writeSettings } from "../app/settings";
import { describeSetup, type SetupReport, setupWorkbook } from "../app/setup";
import { matchKey } from "../domain/normalize";
import { DEMO_SETTINGS, DEMO_TEAM } from "./demo";
import { withWorkbookFile } from "./env";

interface Command {
  name: string;
  usage: string;
  summary: string;
  help: string;
  run(args: string[]): Promise<number>;
}

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
    const state = !s.present ? "нет листа" : s.counted ? `${s.rows} зап.` : "ведётся";
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

const demo: Command = {
  name: "demo",
  usage: "nastavnik demo [--out ПАПКА]",
  summary: "демонстрационная школа: книга со всеми листами, настройками и командой",
  help:
    "Создаёт в папке (по умолчанию out/demo) книгу workbook.xlsx вымышленной школы: все листы,\n" +
    "выпадающие списки, реквизиты в «Настройки» и команду программы. Повторный запуск ничего не дублирует.\n" +
    "  --out ПАПКА   куда записать книгу",
  async run(args) {
    const { values } = parse(args, { out: { type: "string" } });
    const dir = resolve(String(values.out ?? join("out", "demo")));
    await mkdir(dir, { recursive: true });
    const file = join(dir, "workbook.xlsx");
    const started = Date.now();
    const result = await withWorkbookFile(file, { create: true, save: () => true }, (env) => {
      const report = setupWorkbook(env);
      const settings = writeSettings(env.workbook, DEMO_SETTINGS);
      const team = readRecords(env.workbook, "team");
      const present = new Set(team.rows.map((r) => matchKey(r.record.fullName)));
      const newcomers = DEMO_TEAM.filter((p) => !present.has(matchKey(p.fullName)));
      const ids = insertRecords(env, "team", newcomers, team);
      writeJournal(env, [
        {
          action: "Демо: реквизиты и команда",
          outcome: "успешно",
          details: `Параметров заполнено: ${settings.length}; добавлено в «Команда»: ${ids.join(", ") || "никого"}.`,
        },
      ]);
      return { report, settings, ids, overview: buildOverview(env.workbook) };
    });
    out("Наставник — демонстрационная школа");
    out(`Книга: ${file}`);
    for (const line of describeSetup(result.report)) out(`  ${line}`);
    out(
      `  «Настройки»: заполнено параметров — ${result.settings.length}` +
        (result.settings.length ? ` (${result.settings.join(", ")})` : " (уже были заполнены)"),
    );
    out(
      `  «Команда»: добавлено — ${result.ids.length}${result.ids.length ? ` (${result.ids.join(", ")})` : " (уже была внесена)"}`,
    );
    out();
    printOverview(result.overview);
    out();
    out(
      `Готово за ${((Date.now() - started) / 1000).toFixed(1)} с. Откройте ${file} в Excel или LibreOffice,`,
    );
    out("или импортируйте в Google Таблицы (Файл → Импортировать).");
    return 0;
  },
};

const COMMANDS: Command[] = [init, status, demo];

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
  for (const c of COMMANDS) out(`  ${c.name.padEnd(8)} ${c.summary}`);
  out(`  ${"help".padEnd(8)} справка; nastavnik help КОМАНДА — подробно о команде`);
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
