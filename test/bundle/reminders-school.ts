// A small school for the reminder tests over the built bundle (the bundle cycle and the sidebar):
// a responsible person with a roadmap deadline a week ahead, N working pairs each with a meeting
// planned for the next day, one mentee opted out of emails, one withdrawn, one waiting for a pair
// (so the curator gets a digest). The school day is Monday 15 September 2025.

import vm from "node:vm";
import type { GasEnvironment } from "../fakes/gas";

export const SCHOOL_DAY = "2025-09-15";
export const CURATOR = "kurator@school.ru";
export const OWNER = "sidorova@school.ru";
export const OPTED_OUT = "optout@school.ru";
export const WITHDRAWN = "withdrawn@school.ru";

export const mentorEmail = (i: number) => `mentor${i}@school.ru`;
export const menteeEmail = (i: number) => `mentee${i}@school.ru`;
const id = (prefix: string, i: number) => `${prefix}-${String(i).padStart(4, "0")}`;

/**
 * Makes `Date` of a vm context tell a time the test sets (and moves); dates it makes stay
 * `instanceof Date`. Returns the setter. Call before `useDateConstructor`.
 */
export function settableClock(context: vm.Context, iso: string): (iso: string) => void {
  const set = vm.runInContext(
    `(() => {
      const Real = Date;
      let fixed = Real.now();
      function ClockDate(...args) {
        if (!new.target) return new Real(fixed).toString();
        return Reflect.construct(Real, args.length ? args : [fixed], new.target);
      }
      ClockDate.prototype = Real.prototype;
      ClockDate.now = () => fixed;
      ClockDate.UTC = Real.UTC;
      ClockDate.parse = Real.parse;
      globalThis.Date = ClockDate;
      return (iso) => {
        const t = new Real(iso).getTime();
        if (Number.isNaN(t)) throw new Error("bad time: " + iso);
        fixed = t;
      };
    })()`,
    context,
  ) as (iso: string) => void;
  set(iso);
  return set;
}

/** Writes records under the header row of a sheet by header name (the sheet must exist). */
export function seedSheet(gas: GasEnvironment, sheetName: string, records: Record<string, unknown>[]): void {
  const sheet = gas.spreadsheet.getSheetByName(sheetName);
  if (!sheet) throw new Error(`no sheet «${sheetName}»: run apiSetupWorkbook first`);
  const header = (sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? []).map(String);
  const rows = records.map((record) => {
    const row: unknown[] = header.map(() => "");
    for (const [name, value] of Object.entries(record)) {
      const column = header.indexOf(name);
      if (column < 0) throw new Error(`no column «${name}» in «${sheetName}»`);
      row[column] = value;
    }
    return row;
  });
  if (rows.length > 0) sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, header.length).setValues(rows);
}

/** Sets values of «Настройки» by key. */
export function setSettings(gas: GasEnvironment, values: Record<string, unknown>): void {
  const sheet = gas.spreadsheet.getSheetByName("Настройки");
  if (!sheet) throw new Error("no «Настройки»: run apiSetupWorkbook first");
  const all = sheet.getDataRange().getValues();
  const header = (all[0] ?? []).map(String);
  const keyCol = header.indexOf("Ключ");
  const valueCol = header.indexOf("Значение");
  for (const [key, value] of Object.entries(values)) {
    const row = all.findIndex((r) => r[keyCol] === key);
    if (row < 1) throw new Error(`no setting ${key}`);
    sheet.getRange(row + 1, valueCol + 1).setValues([[value]]);
  }
}

/** The school, with `pairs` working pairs (set up the workbook first). */
export function seedSchool(gas: GasEnvironment, pairs: number): void {
  setSettings(gas, {
    orgFullName: "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»",
    orgShortName: "МБОУ СОШ № 1",
    city: "Киров",
    directorName: "Петров Иван Сергеевич",
    curatorName: "Кураторова Анна Ивановна",
    curatorEmail: CURATOR,
    dailyRunHour: 8,
  });
  seedSheet(gas, "Команда", [
    {
      ID: "К-0001",
      ФИО: "Сидорова Ольга Петровна",
      Роль: "Ответственный",
      Email: OWNER,
      "Получать напоминания": true,
    },
  ]);
  seedSheet(gas, "Дорожная карта", [
    {
      ID: "ДК-0001",
      Этап: "Отбор и обучение наставников",
      Мероприятие: "Обучение наставников",
      Срок: "22.09.2025",
      Ответственные: "Сидорова О.П.",
      Статус: "Не начато",
    },
  ]);
  const mentors: Record<string, unknown>[] = [];
  const mentees: Record<string, unknown>[] = [];
  const pairRows: Record<string, unknown>[] = [];
  const meetings: Record<string, unknown>[] = [];
  for (let i = 1; i <= pairs; i++) {
    mentors.push({
      ID: id("НР", i),
      Статус: "Наставник",
      Категория: "Педагог",
      ФИО: `Наставникова Мария ${i}`,
      Email: mentorEmail(i),
      "Согласие на обработку ПДн": true,
    });
    mentees.push({
      ID: id("НЯ", i),
      Статус: "В паре",
      Категория: "Молодой специалист",
      ФИО: `Молодцова Анна ${i}`,
      Email: menteeEmail(i),
      "Согласие на обработку ПДн": true,
    });
    pairRows.push({
      ID: id("П", i),
      Статус: "Работает",
      "ID наставника": id("НР", i),
      Наставник: `Наставникова Мария ${i}`,
      "ID наставляемого": id("НЯ", i),
      Наставляемый: `Молодцова Анна ${i}`,
      "Дата начала": "01.09.2025",
      "Дата окончания": "31.05.2026",
    });
    meetings.push({
      ID: id("ВС", i),
      "ID пары": id("П", i),
      Дата: "16.09.2025",
      Тема: "Знакомство и план работы",
      Статус: "Запланирована",
    });
  }
  // The first pair's mentee asked for no emails; a withdrawn mentee; one waiting for a pair.
  const first = mentees[0];
  if (first) {
    first.Email = OPTED_OUT;
    first["Не присылать письма"] = true;
  }
  mentees.push(
    {
      ID: id("НЯ", pairs + 1),
      Статус: "Согласие отозвано",
      Категория: "Молодой специалист",
      ФИО: "",
      Email: WITHDRAWN,
    },
    {
      ID: id("НЯ", pairs + 2),
      Статус: "Ожидает пары",
      Категория: "Молодой специалист",
      ФИО: "Ожидающая Вера",
      Email: `waiting@school.ru`,
      "Согласие на обработку ПДн": true,
    },
  );
  seedSheet(gas, "Наставники", mentors);
  seedSheet(gas, "Наставляемые", mentees);
  seedSheet(gas, "Пары и группы", pairRows);
  seedSheet(gas, "Встречи", meetings);
}

/** Everyone who should get an email on the school day (one each). */
export function expectedRecipients(pairs: number): string[] {
  const out = [CURATOR, OWNER];
  for (let i = 1; i <= pairs; i++) {
    out.push(mentorEmail(i));
    if (i > 1) out.push(menteeEmail(i));
  }
  return out.sort();
}

/** «Журнал рассылок» as objects by header. */
export function mailLog(gas: GasEnvironment): Record<string, unknown>[] {
  const values = gas.spreadsheet.getSheetByName("Журнал рассылок")?.getDataRange().getValues() ?? [];
  const header = (values[0] ?? []).map(String);
  return values
    .slice(1)
    .filter((r) => r.some((v) => v !== ""))
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}
