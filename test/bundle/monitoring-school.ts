// A small school at the end of the academic year 2025/26 (the school day is Wednesday
// 20 May 2026), for «Мониторинг и итоги года» over the built bundle (the bundle cycle and the
// sidebar). Hand-counted:
// - mentees: 8 (6 students «Обучающийся», 2 «Молодой специалист»), one of them withdrew consent;
// - pairs: П-0001, П-0002 «Работает» (Учитель – учитель), П-0003 «Утверждена» (Ученик – ученик),
//   П-0004 «Завершена» on 01.03.2026 (Ученик – ученик), П-0005 «Работает» (Студент – ученик);
//   mentees in a pair: НЯ-0001…0004 and НЯ-0008; waiting for a pair: НЯ-0005, НЯ-0006;
// - meetings held: П-0001 3, П-0002 1, П-0004 2, П-0005 1; planned: П-0001 1; П-0003 none;
// - roadmap: 4 items — done on time, done late, overdue, not due yet;
// - feedback of mentees: entry 6 and 7, final 9, 8 and 10 (each answer the same on all three
//   scales); НЯ-0003 wants to mentor (in the base and in the final answer).

import type { GasEnvironment } from "../fakes/gas";
import { seedSheet, setSettings } from "./reminders-school";

export const MONITORING_DAY = "2026-05-20T10:00:00";
export const HOSTILE = '<img src=x onerror="window.__pwned=1">Злова Анна';

export interface SchoolOptions {
  /** The name of mentor НР-0004 (a name typed into a form can be anything). */
  mentorName?: string;
  /** The name of mentee НЯ-0003, who wants to become a mentor. */
  willingName?: string;
}

/** Seeds the school into a set-up workbook. */
export function seedMonitoringSchool(gas: GasEnvironment, options: SchoolOptions = {}): void {
  setSettings(gas, {
    orgFullName: "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 7»",
    orgShortName: "МБОУ СОШ № 7",
    city: "Вологда",
    directorName: "Петров Иван Сергеевич",
    curatorName: "Кураторова Анна Ивановна",
    curatorEmail: "kurator@school.ru",
    academicYearStart: "01.09.2025",
  });
  const names = new Map<string, string>();
  const mentor = (id: string, name: string, category: string) => {
    names.set(id, name);
    return {
      ID: id,
      Статус: "Наставник",
      Категория: category,
      ФИО: name,
      Email: `${id.toLowerCase().replace("нр-", "mentor")}@school.ru`,
      "Согласие на обработку ПДн": true,
    };
  };
  seedSheet(gas, "Наставники", [
    mentor("НР-0001", "Наставникова Мария Ивановна", "Педагог"),
    mentor("НР-0002", "Учителева Ольга Петровна", "Педагог"),
    mentor("НР-0003", "Старшеклассников Пётр Андреевич", "Обучающийся"),
    mentor("НР-0004", options.mentorName ?? "Студентова Дарья Олеговна", "Студент"),
  ]);
  const mentee = (id: string, name: string, category: string, status: string, extra = {}) => {
    names.set(id, name);
    return {
      ID: id,
      Статус: status,
      Категория: category,
      ФИО: name,
      Email: `${id.toLowerCase().replace("ня-", "mentee")}@school.ru`,
      "Согласие на обработку ПДн": true,
      ...extra,
    };
  };
  seedSheet(gas, "Наставляемые", [
    mentee("НЯ-0001", "Молодцова Анна Сергеевна", "Молодой специалист", "В паре"),
    mentee("НЯ-0002", "Новикова Елена Викторовна", "Молодой специалист", "В паре"),
    mentee("НЯ-0003", options.willingName ?? "Ученикова Вера Павловна", "Обучающийся", "В паре", {
      "Хочет стать наставником": true,
    }),
    mentee("НЯ-0004", "Школьников Илья Ильич", "Обучающийся", "В паре"),
    mentee("НЯ-0005", "Ждущая Ольга Игоревна", "Обучающийся", "Ожидает пары"),
    mentee("НЯ-0006", "Ждущий Олег Романович", "Обучающийся", "Ожидает пары"),
    { ID: "НЯ-0007", Статус: "Согласие отозвано", Категория: "Обучающийся" },
    mentee("НЯ-0008", "Пятёркина Зоя Львовна", "Обучающийся", "В паре"),
  ]);
  const pair = (
    id: string,
    status: string,
    mentorId: string,
    menteeId: string,
    form: string,
    end = "31.05.2026",
  ) => ({
    ID: id,
    Статус: status,
    "ID наставника": mentorId,
    Наставник: names.get(mentorId) ?? "",
    "ID наставляемого": menteeId,
    Наставляемый: names.get(menteeId) ?? "",
    "Форма наставничества": form,
    "Дата начала": "01.10.2025",
    "Дата окончания": end,
  });
  seedSheet(gas, "Пары и группы", [
    pair("П-0001", "Работает", "НР-0001", "НЯ-0001", "Учитель – учитель"),
    pair("П-0002", "Работает", "НР-0002", "НЯ-0002", "Учитель – учитель"),
    pair("П-0003", "Утверждена", "НР-0003", "НЯ-0003", "Ученик – ученик"),
    pair("П-0004", "Завершена", "НР-0003", "НЯ-0004", "Ученик – ученик", "01.03.2026"),
    pair("П-0005", "Работает", "НР-0004", "НЯ-0008", "Студент – ученик"),
  ]);
  let n = 0;
  const meeting = (pairId: string, date: string, status: string) => ({
    ID: `ВС-${String(++n).padStart(4, "0")}`,
    "ID пары": pairId,
    Дата: date,
    Тема: "Встреча",
    Статус: status,
  });
  seedSheet(gas, "Встречи", [
    meeting("П-0001", "01.10.2025", "Проведена"),
    meeting("П-0001", "01.12.2025", "Проведена"),
    meeting("П-0001", "02.03.2026", "Проведена"),
    meeting("П-0001", "27.05.2026", "Запланирована"),
    meeting("П-0002", "06.10.2025", "Проведена"),
    meeting("П-0004", "15.10.2025", "Проведена"),
    meeting("П-0004", "15.02.2026", "Проведена"),
    meeting("П-0005", "12.05.2026", "Проведена"),
  ]);
  seedSheet(gas, "Дорожная карта", [
    {
      ID: "ДК-0001",
      Этап: "Подготовка",
      Мероприятие: "Приказ о программе",
      Срок: "01.10.2025",
      Статус: "Выполнено",
      "Дата выполнения": "25.09.2025",
    },
    {
      ID: "ДК-0002",
      Этап: "Формирование пар",
      Мероприятие: "Приказ о парах",
      Срок: "01.11.2025",
      Статус: "Выполнено",
      "Дата выполнения": "15.11.2025",
    },
    {
      ID: "ДК-0003",
      Этап: "Работа пар",
      Мероприятие: "Промежуточный мониторинг",
      Срок: "01.04.2026",
      Статус: "Не начато",
    },
    {
      ID: "ДК-0004",
      Этап: "Завершение",
      Мероприятие: "Круглый стол",
      Срок: "30.06.2026",
      Статус: "Не начато",
    },
  ]);
  let f = 0;
  const answer = (pairId: string, who: string, stage: string, score: number, extra = {}) => ({
    ID: `ОС-${String(++f).padStart(4, "0")}`,
    "ID пары": pairId,
    "ID участника": who,
    Роль: "Наставляемый",
    Этап: stage,
    "Комфорт (1–10)": score,
    "Польза (1–10)": score,
    "Ожидания оправдались (1–10)": score,
    ...extra,
  });
  seedSheet(gas, "Обратная связь", [
    answer("П-0001", "НЯ-0001", "Входная", 6),
    answer("П-0002", "НЯ-0002", "Входная", 7),
    answer("П-0001", "НЯ-0001", "Итоговая", 9),
    answer("П-0002", "НЯ-0002", "Итоговая", 8),
    answer("П-0003", "НЯ-0003", "Итоговая", 10, { "Хочет стать наставником": true }),
  ]);
}
