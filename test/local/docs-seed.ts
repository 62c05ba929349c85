// A small school for the document tests and previews: settings, team, mentors, mentees and pairs
// (with one group: a mentor with two mentees). Invented names.

import { insertRecords, readRecords } from "../../src/app/records";
import { writeSettings } from "../../src/app/settings";
import type { RecordOf } from "../../src/domain/table";
import { DEMO_TEAM } from "../../src/local/demo";
import { withWorkbookFile } from "../../src/local/env";

const MENTORS: [string, string][] = [
  ["Петров Иван Сергеевич", "учитель математики"],
  ["Коваленко Ольга Викторовна", "учитель русского языка и литературы"],
  ["Смирнова Анна Павловна", "учитель начальных классов"],
  ["Зайцев Дмитрий Ильич", "учитель физики"],
  ["Громова Татьяна Никитична", "учитель истории"],
  ["Белых Сергей Андреевич", "учитель информатики"],
  ["Федорчук Наталья Олеговна", "учитель биологии"],
  ["Орлов Михаил Юрьевич", "учитель физической культуры"],
  ["Яковлева Елена Борисовна", "учитель английского языка"],
  ["Соколовский Павел Геннадьевич", "учитель химии"],
  ["Кузьмина Ирина Валерьевна", "учитель географии"],
];

const MENTEES: [string, string][] = [
  ["Иванова Мария Петровна", "учитель математики"],
  ["Васильев Артём Денисович", "учитель русского языка"],
  ["Николаева Дарья Сергеевна", "учитель начальных классов"],
  ["Тихонов Глеб Максимович", "учитель физики"],
  ["Лебедева Ксения Андреевна", "учитель истории"],
  ["Морозов Егор Олегович", "учитель информатики"],
  ["Ершова Полина Игоревна", "учитель биологии"],
  ["Сорокин Кирилл Романович", "учитель физической культуры"],
  ["Киселёва Алина Викторовна", "учитель английского языка"],
  ["Поляков Никита Алексеевич", "учитель химии"],
  ["Андреева Софья Михайловна", "учитель географии"],
  ["Голубева Вера Ивановна", "учитель географии"],
];

export const SCHOOL = {
  orgFullName:
    "Муниципальное автономное общеобразовательное учреждение «Средняя общеобразовательная школа № 14»",
  orgShortName: "МАОУ СОШ № 14",
  city: "г. Тюмень",
  directorName: "Воронцова Елена Сергеевна",
  directorPost: "Директор",
  curatorName: "Белова Ольга Николаевна",
  orderNumberPrefix: "01-05/",
  orderNumberNext: 12,
  academicYearStart: "01.09.2025",
};

/**
 * Fills an initialised workbook: `pairs` mentors each with one mentee, the last mentor of the
 * list with two (a group) when `group`. Returns the pair IDs in order.
 */
export async function seedSchool(
  file: string,
  options: { pairs: number; group?: boolean },
): Promise<string[]> {
  return withWorkbookFile(file, { create: false, save: () => true }, (env) => {
    writeSettings(env.workbook, SCHOOL);
    insertRecords(env, "team", DEMO_TEAM);
    const n = Math.min(options.pairs, MENTORS.length);
    const mentorIds = insertRecords(
      env,
      "mentors",
      MENTORS.slice(0, n).map(([fullName, position]) => ({
        fullName,
        position,
        status: "Обучен",
        category: "Педагог",
        consent: true,
        mentoringConsent: true,
        capacity: 2,
      })),
    );
    const menteeCount = options.group ? n + 1 : n;
    const menteeIds = insertRecords(
      env,
      "mentees",
      MENTEES.slice(0, menteeCount).map(([fullName, position]) => ({
        fullName,
        position,
        status: "В паре",
        category: "Молодой специалист",
        consent: true,
        requests: ["Адаптация в коллективе", "Методика преподавания предмета"],
      })),
    );
    const pairs: Partial<RecordOf<"pairs">>[] = menteeIds.map((menteeId, i) => {
      const m = Math.min(i, n - 1);
      const grouped = options.group && m === n - 1;
      return {
        status: "Утверждена",
        mentorId: mentorIds[m],
        mentorName: MENTORS[m]?.[0],
        menteeId,
        menteeName: MENTEES[i]?.[0],
        form: "Учитель – учитель",
        kind: grouped ? "Групповое" : "Традиционное (один на один)",
        groupId: grouped ? "ГР-1" : "",
        startDate: { year: 2025, month: 9, day: 15 },
        endDate: { year: 2026, month: 5, day: 31 },
      };
    });
    insertRecords(env, "pairs", pairs, readRecords(env.workbook, "pairs"));
    return readRecords(env.workbook, "pairs").rows.map((r) => r.record.id);
  });
}
