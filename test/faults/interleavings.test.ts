// Concurrency through the built bundle, deterministically: a form submission (the installed
// trigger onFormSubmitHandler), the daily trigger (dailyRun) and a curator action
// (apiConfirmPairs from the sidebar) interleaved at every write point. Action A runs; at its k-th
// write call (Range.setValues, through the fakes' call hook) action B runs to completion. What
// Apps Script's document lock really does is modelled: while A holds the lock, B's waitLock does
// not get it (A is paused, so B's 30 s run out) and B fails with the lock message — then B runs
// again after A, as the next trigger or the curator would; when A is between an unlocked read
// and a write, B runs in between for real. Every schedule must end as one of the two sequential
// orders does: nothing lost (every submission in the base, every approved pair, every email) and
// nothing doubled (IDs, pairs, emails by key).

import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { LISTS } from "../../src/domain/schema";
import { loadBundle } from "../bundle/load";
import { CURATOR, seedSchool, seedSheet, settableClock } from "../bundle/reminders-school";
import { faultPlan } from "../fakes/faults";
import { createGasEnvironment, type GasEnvironment } from "../fakes/gas";
import { recordFigure } from "./figures";

const TOPICS = LISTS.find((l) => l.key === "topics")?.values ?? [];

type Call = <T>(name: string, ...args: unknown[]) => T;

interface School {
  gas: GasEnvironment;
  call: Call;
  /** The submission's trigger event (the answer is already in the responses sheet). */
  submission: unknown;
}

function school(): School {
  const gas = createGasEnvironment();
  const ctx = loadBundle({ ...gas.globals });
  settableClock(ctx, "2025-09-15T08:00:00");
  gas.useDateConstructor(vm.runInContext("Date", ctx) as DateConstructor);
  const call: Call = <T>(name: string, ...args: unknown[]): T =>
    (ctx[name] as (...a: unknown[]) => T)(...args);
  call("apiSetupWorkbook");
  seedSchool(gas, 2);
  seedSheet(gas, "Наставники", [
    {
      ID: "НР-0003",
      Статус: "Обучен",
      Категория: "Педагог",
      ФИО: "Свободная Ирина 3",
      Email: "mentor3@school.ru",
      "Сколько наставляемых может взять": 1,
      "Согласие на обработку ПДн": true,
    },
  ]);
  gas.globals.MailApp.quota = 100;
  call("apiSyncForms");
  const register = gas.spreadsheet.getSheetByName("Анкеты")?.getDataRange().getValues() ?? [];
  const header = register[0] ?? [];
  const row = register.find((r) => r[header.indexOf("Анкета")] === "mentee") ?? [];
  const form = gas.globals.FormApp.peek(String(row[header.indexOf("ID формы")]));
  const submission = form.submit({
    "Кто вы": "Молодой специалист",
    "Фамилия, имя, отчество": "Новикова Дарья Олеговна",
    "Адрес электронной почты": "novikova@school.ru",
    "Должность или класс (группа)": "Учитель химии",
    "С чем вам нужна помощь наставника": [TOPICS[1] ?? "", TOPICS[9] ?? ""],
    "Согласие на обработку персональных данных": ["Даю согласие"],
  });
  return { gas, call, submission };
}

type ActionName = "submission" | "daily" | "confirm";

const ACTIONS: Record<ActionName, (s: School) => void> = {
  submission: (s) => s.call("onFormSubmitHandler", s.submission),
  daily: (s) => s.call("dailyRun"),
  confirm: (s) =>
    s.call(
      "apiConfirmPairs",
      [
        {
          menteeId: "НЯ-0004",
          mentorId: "НР-0003",
          score: 70,
          reasons: "",
          form: "Учитель – учитель",
          locked: false,
        },
      ],
      [],
    ),
};

function rows(gas: GasEnvironment, sheet: string): Record<string, unknown>[] {
  const values = gas.spreadsheet.getSheetByName(sheet)?.getDataRange().getValues() ?? [];
  const header = (values[0] ?? []).map(String);
  return values
    .slice(1)
    .filter((r) => r.some((v) => v !== ""))
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** What must be neither lost nor doubled. */
function outcome(gas: GasEnvironment) {
  const mentees = rows(gas, "Наставляемые");
  const pairs = rows(gas, "Пары и группы").filter((r) => r.Статус !== "Отклонена");
  const mail = rows(gas, "Журнал рассылок").filter((r) =>
    ["Отправлено", "Отправляется", "Неизвестно"].includes(String(r.Статус)),
  );
  return {
    mentees: mentees.map((r) => `${r.ID}|${r.Email}|${r.Статус}`).sort(),
    mentors: rows(gas, "Наставники")
      .map((r) => `${r.ID}|${r.Статус}`)
      .sort(),
    pairs: pairs.map((r) => `${r.ID}|${r["ID наставника"]}|${r["ID наставляемого"]}|${r.Статус}`).sort(),
    mailKeys: mail.map((r) => String(r["Ключ письма"])).sort(),
    sent: gas.globals.MailApp.sent.map((m) => `${m.to}|${m.subject}`).sort(),
  };
}

function sequential(a: ActionName, b: ActionName) {
  const s = school();
  ACTIONS[a](s);
  ACTIONS[b](s);
  return outcome(s.gas);
}

function hasDuplicates(list: readonly string[]): boolean {
  return new Set(list).size !== list.length;
}

const ORDERS: [ActionName, ActionName][] = [
  ["submission", "daily"],
  ["daily", "submission"],
  ["submission", "confirm"],
  ["confirm", "submission"],
  ["daily", "confirm"],
  ["confirm", "daily"],
];

describe("a form submission, the daily trigger and a curator action interleaved at every write point", () => {
  for (const [a, b] of ORDERS) {
    it(`${b} at every write of ${a}: nothing lost, nothing doubled`, () => {
      const ab = sequential(a, b);
      const ba = sequential(b, a);
      // The sequential runs themselves: the submission is in, the pair approved, mail went out.
      for (const run of [ab, ba]) {
        const both = [a, b];
        if (both.includes("submission"))
          expect(run.mentees.some((m) => m.includes("novikova@school.ru"))).toBe(true);
        if (both.includes("daily")) expect(run.mailKeys.length).toBeGreaterThan(0);
        if (both.includes("confirm"))
          expect(run.pairs.some((p) => p.includes("|НР-0003|НЯ-0004|"))).toBe(true);
      }
      // A's write points, from a run alone.
      const probe = school();
      const plan = faultPlan(probe.gas);
      plan.scoped = true;
      plan.within(() => ACTIONS[a](probe));
      const writes = plan.trace.filter((m) => m === "Range.setValues").length;
      expect(writes).toBeGreaterThan(0);
      let blocked = 0;
      for (let k = 1; k <= writes; k++) {
        const s = school();
        const p = faultPlan(s.gas);
        p.scoped = true;
        let failedB: string | null = null;
        p.run(/^Range\.setValues$/, k, () => {
          // A holds the document lock now? Then, for B, another execution holds it.
          const held = s.gas.documentLock.holder === "self";
          if (held) s.gas.documentLock.holder = "other";
          const journalBefore = rows(s.gas, "Журнал").length;
          try {
            ACTIONS[b](s);
          } catch (e) {
            failedB = (e as Error).message;
          } finally {
            if (held) s.gas.documentLock.holder = "self";
          }
          // dailyRun does not throw: its steps that could not get the lock are in «Журнал».
          const busy = rows(s.gas, "Журнал")
            .slice(journalBefore)
            .some((r) => r.Результат === "ошибка" && /занята/.test(String(r.Подробности)));
          if (busy && failedB === null) failedB = "lock";
        });
        p.within(() => ACTIONS[a](s));
        expect(p.allFired, `${a}/${b} at write ${k}`).toBe(true);
        if (failedB !== null) {
          blocked++;
          expect(failedB, `${a}/${b} at write ${k}: B's message`).toMatch(/[а-яё]|lock/i);
          // B again, after A: the next trigger, or the curator repeating the action.
          ACTIONS[b](s);
        }
        const got = outcome(s.gas);
        const where = `${b} at write ${k} of ${a}`;
        expect(hasDuplicates(got.mailKeys), `${where}: an email key twice`).toBe(false);
        expect(hasDuplicates(got.sent), `${where}: an email sent twice`).toBe(false);
        expect(hasDuplicates(got.mentees.map((m) => m.split("|")[0] ?? "")), `${where}: mentee IDs`).toBe(
          false,
        );
        // A daily run the lock turned away is reported to the curator by the next run's digest:
        // the one difference from the sequential orders allowed (and only then).
        const digest = (o: typeof got) => ({
          ...o,
          mailKeys: o.mailKeys.filter((k) => !k.startsWith("curator-digest|")),
          sent: o.sent.filter((m) => !m.startsWith(`${CURATOR}|`)),
        });
        const blockedDaily = failedB !== null && b === "daily";
        const expected = blockedDaily ? [ab, ba].map(digest) : [ab, ba];
        expect(expected, `${where}: ends as one of the sequential orders`).toContainEqual(
          blockedDaily ? digest(got) : got,
        );
      }
      recordFigure("interleavingsChecked", writes);
      console.log(`${a} ← ${b}: ${writes} write points, B blocked by the lock at ${blocked}`);
    }, 120_000);
  }
});
