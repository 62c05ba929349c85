import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { readRecords } from "../../src/app/records";
import { setupWorkbook } from "../../src/app/setup";
import type { CellValue } from "../../src/domain/cells";
import { formDef } from "../../src/domain/forms";
import { withWorkbookFile } from "../../src/local/env";
import { readResponsesFile, responsesCommand } from "../../src/local/responses";
import { XlsxWorkbook } from "../../src/local/xlsx-workbook";

/** Runs the command as cli.ts would, capturing what it prints. */
async function cli(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await responsesCommand.run(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** A workbook as `nastavnik init` makes it. */
async function initWorkbook(dir: string): Promise<string> {
  const file = join(dir, "школа.xlsx");
  await withWorkbookFile(file, { create: true, save: () => true }, (env) => setupWorkbook(env));
  return file;
}

function csv(rows: CellValue[][]): string {
  return `${rows.map((r) => r.map((v) => `"${String(v).replace(/"/g, '""')}"`).join(",")).join("\r\n")}\r\n`;
}

async function mentees(book: string) {
  const wb = await XlsxWorkbook.open(book);
  return readRecords(wb, "mentees").rows.map((r) => r.record);
}

const QUOTED = 'Хочу научиться "держать" класс,\nа ещё — работать с родителями';

/** A Google Forms CSV export of the mentee form. */
function menteeExport(): string {
  const qs = formDef("mentee").questions;
  const row = (ts: string, answers: Record<string, string>) => [ts, ...qs.map((q) => answers[q.key] ?? "")];
  const base = {
    category: "Молодой специалист",
    position: "Учитель истории",
    requests: "Адаптация в коллективе, Работа с родителями",
    consent: "Даю согласие",
  };
  return csv([
    ["Отметка времени", ...qs.map((q) => q.title)],
    row("05.09.2025 14:03:27", {
      ...base,
      fullName: "Фёдорова Алёна Игоревна",
      email: "Fedorova@School.ru",
      phone: "8 (912) 345-67-89",
      requestText: QUOTED,
    }),
    row("05.09.2025 15:10:00", {
      ...base,
      fullName: "Смирнов Олег",
      email: "smirnov@school.ru",
      phone: "+7 912 000 00 01",
    }),
    row("06.09.2025 09:00:00", {
      ...base,
      fullName: "Ошибкин Илья",
      email: "oshibkin@school.ru",
      phone: "12-34",
    }),
    row("06.09.2025 10:00:00", {
      ...base,
      category: "Обучающийся",
      fullName: "Белова Екатерина",
      email: "belova@mail.ru",
      birthDate: "12.05.2011",
      position: "8Б",
    }),
  ]);
}

describe("nastavnik responses import", () => {
  it("loads a Google Forms CSV export, and a second run changes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "responses-"));
    const book = await initWorkbook(dir);
    const file = join(dir, "ответы.csv");
    writeFileSync(file, `\uFEFF${menteeExport()}`);

    const first = await cli("import", book, file, "--kind", "mentee");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const lines = first.stdout.split("\n");
    expect(lines[0]).toBe("Анкета наставляемого: Файл «ответы.csv» → лист «Наставляемые».");
    expect(lines).toContain("Ответов: 4. Новых записей: 4, обновлено: 0, без изменений: 0, не загружено: 0.");
    expect(lines).toContain("Требуют проверки: 1, без согласия: 1.");
    expect(lines).toContain(
      "  Файл «ответы.csv», строка 4, вопрос «Телефон»: «12-34» — номер телефона должен содержать 10 цифр после +7 [НЯ-0003, «Требует проверки»]",
    );
    expect(first.stdout).toMatch(
      /Файл «ответы\.csv», строка 5: Нет согласия законного представителя: наставляемому 14 лет.*\[НЯ-0004, «Нет согласия»\]/,
    );

    const records = await mentees(book);
    expect(records.map((r) => [r.id, r.fullName, r.status])).toEqual([
      ["НЯ-0001", "Фёдорова Алёна Игоревна", "Новый"],
      ["НЯ-0002", "Смирнов Олег", "Новый"],
      ["НЯ-0003", "Ошибкин Илья", "Требует проверки"],
      ["НЯ-0004", "Белова Екатерина", "Нет согласия"],
    ]);
    expect(records[0]).toMatchObject({
      email: "fedorova@school.ru",
      phone: "+7 912 345-67-89",
      requests: ["Адаптация в коллективе", "Работа с родителями"],
      requestText: QUOTED,
      source: "Файл «ответы.csv»",
      consent: true,
    });
    expect(records[0]?.updatedAt).toEqual(new Date(2025, 8, 5, 14, 3, 27));
    expect(records[3]?.birthDate).toEqual({ year: 2011, month: 5, day: 12 });

    const saved = statSync(book).mtimeMs;
    const again = await cli("import", book, file, "--kind", "mentee", "--json");
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout);
    expect(report).toMatchObject({ total: 4, created: 0, updated: 0, unchanged: 4, rejected: [] });
    expect(report.held).toHaveLength(2);
    // Nothing changed, so the workbook file is not even rewritten.
    expect(statSync(book).mtimeMs).toBe(saved);
  });

  it("loads an .xlsx list with the headers of the base sheet and lists the rows it could not store", async () => {
    const dir = mkdtempSync(join(tmpdir(), "responses-"));
    const book = await initWorkbook(dir);
    const list = XlsxWorkbook.create();
    list.createSheet("Наставники школы");
    const rows: CellValue[][] = [
      [
        "ID",
        "Статус",
        "Категория",
        "Контур",
        "ФИО",
        "Email",
        "Телефон",
        "Место работы / учёбы",
        "Компетенции",
        "Ресурс времени, ч/мес",
        "Сколько наставляемых может взять",
        "Согласие на обработку ПДн",
        "Стаж в школе",
      ],
      [
        "1",
        "Отобран",
        "Педагог",
        "Внутренний",
        "Громова Анна Петровна",
        "GROMOVA@school.ru",
        89123456789,
        "МБОУ СОШ № 1",
        "Работа с родителями; Подготовка к ОГЭ и ЕГЭ",
        6,
        2,
        true,
        "15",
      ],
      [
        "2",
        "",
        "Выпускник",
        "Внешний",
        "Лебедев Иван",
        "lebedev@mail.ru",
        "",
        "ООО «Ромашка»",
        "Предпринимательство",
        4,
        0,
        true,
        "",
      ],
      ["3", "", "Педагог", "", "", "", "", "", "", "", "", false, ""],
    ];
    list.write(
      "Наставники школы",
      rows.flatMap((r, i) => r.map((value, c) => ({ row: i + 1, col: c + 1, value }))),
    );
    const file = join(dir, "наставники.xlsx");
    await list.save(file);

    const table = await readResponsesFile(file);
    expect(table.name).toBe("наставники.xlsx");
    expect(table.values).toHaveLength(4);

    const r = await cli("import", book, file, "--kind", "mentor", "--json");
    expect(r.stderr).toBe("");
    // One row could not be stored: exit code 3, and the row is listed.
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      kind: "mentor",
      total: 3,
      created: 2,
      needsReview: 1,
      withoutConsent: 0,
      ignoredColumns: ["ID", "Статус", "Стаж в школе"],
      rejected: [{ line: 4, reason: expect.stringMatching(/^нет ни ФИО, ни адреса электронной почты/) }],
    });
    // Reasons name the column as the school's list calls it.
    expect(report.held[0]).toMatchObject({
      line: 3,
      id: "НР-0002",
      reason: "Вопрос «Сколько наставляемых может взять»: 0 — вне допустимых пределов 1–30",
    });
    const wb = await XlsxWorkbook.open(book);
    const mentors = readRecords(wb, "mentors").rows.map((x) => x.record);
    expect(mentors[0]).toMatchObject({
      id: "НР-0001",
      // The list's «Статус» is the school's, not ours: a new record starts as «Новый».
      status: "Новый",
      fullName: "Громова Анна Петровна",
      email: "gromova@school.ru",
      phone: "+7 912 345-67-89",
      competences: ["Работа с родителями", "Подготовка к ОГЭ и ЕГЭ"],
      hoursPerMonth: 6,
      capacity: 2,
      consent: true,
      source: "Файл «наставники.xlsx»",
    });

    const text = await cli("import", book, file, "--kind", "mentor");
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/Файл «наставники\.xlsx», строка 4: нет ни ФИО/);
    expect(text.stdout).toMatch(/Не загружаются столбцы: «ID», «Статус», «Стаж в школе»\./);
    // Without submission times the list counts as current: read again, it changes nothing.
    expect(text.stdout).toMatch(/Новых записей: 0, обновлено: 0, без изменений: 2, не загружено: 1\./);
  });

  it("says in Russian what is wrong with the command, the file or the workbook", async () => {
    const dir = mkdtempSync(join(tmpdir(), "responses-"));
    const book = await initWorkbook(dir);
    const file = join(dir, "ответы.csv");
    writeFileSync(file, menteeExport());

    expect(await cli("import", book, file)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Укажите анкету: --kind/),
    });
    expect(await cli("import", book, file, "--kind", "teacher")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/«teacher» — нет такой анкеты/),
    });
    expect(await cli("import", book)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Укажите книгу и файл/),
    });
    expect(await cli("export")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Неизвестная подкоманда «export»/),
    });
    expect(await cli("import", book, file, "--kind", "mentee", "--bogus")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Неизвестный параметр «--bogus»/),
    });
    expect(await cli("import", book, join(dir, "нет.csv"), "--kind", "mentee")).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Файл «.*нет\.csv» не найден/),
    });
    const pdf = join(dir, "ответы.pdf");
    writeFileSync(pdf, "%PDF");
    expect(await cli("import", book, pdf, "--kind", "mentee")).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Формат файла «ответы\.pdf» не поддерживается/),
    });
    expect(await cli("import", join(dir, "другая.xlsx"), file, "--kind", "mentee")).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Файл «.*другая\.xlsx» не найден/),
    });
    // A mentor export loaded as the mentee form: nothing matches, nothing is written.
    const wrong = join(dir, "чужое.csv");
    writeFileSync(
      wrong,
      csv([
        ["Отметка времени", "Балл"],
        ["05.09.2025 10:00:00", "5"],
      ]),
    );
    const saved = statSync(book).mtimeMs;
    expect(await cli("import", book, wrong, "--kind", "mentee")).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Файл «чужое\.csv»: в первой строке не найдено ни одного вопроса/),
    });
    expect(statSync(book).mtimeMs).toBe(saved);
    expect(responsesCommand.help).toMatch(/Код завершения: 0/);
  });
});
