// The built-in demo school: a fictional organisation used by `npm start`.
// Everything here is invented; no real person's data.

import type { SettingsValues } from "../app/settings";
import type { RecordOf } from "../domain/table";

export const DEMO_SETTINGS: Partial<SettingsValues> = {
  orgFullName:
    "Муниципальное автономное общеобразовательное учреждение «Средняя общеобразовательная школа № 14»",
  orgShortName: "МАОУ СОШ № 14",
  orgType: "Школа",
  city: "г. Тюмень",
  directorName: "Воронцова Елена Сергеевна",
  directorPost: "Директор",
  curatorName: "Белова Ольга Николаевна",
  curatorEmail: "belova@school14.example.ru",
  academicYearStart: "01.09.2025",
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
