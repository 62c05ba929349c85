// The built-in demo school: a fictional organisation used by `npm start`.
// Everything here is invented; no real person's data.

import type { SettingsValues } from "../app/settings";
import type { RecordOf } from "../domain/table";

/** The demo school's settings; its academic year is the current one, so deadlines are live. */
export function demoSettings(today: Date): Partial<SettingsValues> {
  const year = today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
  return { ...DEMO_SETTINGS, academicYearStart: `01.09.${year}` };
}

const DEMO_SETTINGS: Partial<SettingsValues> = {
  orgFullName:
    "Муниципальное автономное общеобразовательное учреждение «Средняя общеобразовательная школа № 14»",
  orgShortName: "МАОУ СОШ № 14",
  orgType: "Школа",
  city: "г. Тюмень",
  directorName: "Воронцова Елена Сергеевна",
  directorPost: "Директор",
  curatorName: "Белова Ольга Николаевна",
  curatorEmail: "belova@school14.example.ru",
  orderNumberPrefix: "01-05/",
};

export const DEMO_TEAM: Partial<RecordOf<"team">>[] = [
  {
    fullName: "Воронцова Елена Сергеевна",
    role: "Директор",
    position: "Директор",
    email: "direktor@school14.example.ru",
    reminders: false,
  },
  {
    fullName: "Белова Ольга Николаевна",
    role: "Куратор",
    position: "Заместитель директора по УВР",
    email: "belova@school14.example.ru",
    reminders: true,
  },
  {
    fullName: "Кузнецов Андрей Павлович",
    role: "Системный администратор",
    position: "Учитель информатики",
    email: "kuznetsov@school14.example.ru",
    reminders: true,
  },
  {
    fullName: "Лебедева Дарья Игоревна",
    role: "Педагог-психолог",
    position: "Педагог-психолог",
    email: "lebedeva@school14.example.ru",
    reminders: true,
  },
];

/** The default roadmap the demo school starts from. */
export const DEMO_ROADMAP = "students";
