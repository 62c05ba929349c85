// Nothing personal goes to the logs. A small programme cycle runs through the built bundle with
// `console` and `Logger` replaced by capturing fakes: set-up, questionnaires from people with
// known names, e-mails and phones (loaded by the submission trigger, one of them invalid),
// matching and confirming, documents with a Docs failure injected, the daily run with a mail
// failure injected, a consent withdrawal. No captured line may hold any of the seeded names,
// e-mails or phones. Apps Script also writes every uncaught exception to Stackdriver
// (exceptionLogging in the manifest): the messages the top-level functions throw are collected
// too, and must not hold an e-mail or a phone either.

import vm from "node:vm";
import { describe, expect, it } from "vitest";
import type { FormsSyncResponse } from "../../src/app/contract";
import type { ProposalView } from "../../src/app/proposal-types";
import { LISTS } from "../../src/domain/schema";
import { createGasEnvironment, type GasEnvironment } from "../fakes/gas";
import { loadBundle } from "./load";
import { seedSchool, settableClock } from "./reminders-school";

const topics = LISTS.find((l) => l.key === "topics")?.values ?? [];

/** People who fill the questionnaires: what they type, and what must never reach a log. */
const PEOPLE = [
  {
    kind: "mentee",
    name: "Голубева Василиса Тимуровна",
    email: "golubeva.v@school.ru",
    phone: "8 (912) 345-67-89",
  },
  { kind: "mentee", name: "Ершов Платон Ильич", email: "ershov.platon@mail.ru", phone: "+7 903 111-22-33" },
  {
    kind: "mentor",
    name: "Лаврентьева Софья Марковна",
    email: "lavrentieva@school.ru",
    phone: "8-921-555-44-66",
  },
  { kind: "mentor", name: "Ковалёв Мирон Денисович", email: "kovalev.m@school.ru", phone: "89217778899" },
] as const;

/** Also seeded by seedSchool: the pairs' people. */
const SCHOOL_NAMES = ["Наставникова Мария 1", "Наставникова Мария 2", "Молодцова Анна 2", "Ожидающая Вера"];
const SCHOOL_EMAILS = ["mentor1@school.ru", "mentor2@school.ru", "mentee2@school.ru", "optout@school.ru"];

const digits = (s: string) => s.replace(/\D/g, "").slice(-10);

function start() {
  const gas = createGasEnvironment();
  const logged: string[] = [];
  const capture =
    (source: string) =>
    (...args: unknown[]) => {
      logged.push(`${source}: ${args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")}`);
    };
  const console = Object.fromEntries(
    ["log", "info", "warn", "error", "debug", "trace", "dir", "table", "time", "timeEnd"].map((m) => [
      m,
      capture(`console.${m}`),
    ]),
  );
  const Logger = { log: capture("Logger.log"), clear: () => undefined, getLog: () => logged.join("\n") };
  const ctx = loadBundle({ ...gas.globals, console, Logger });
  const setNow = settableClock(ctx, "2025-09-15T07:55:00");
  gas.useDateConstructor(vm.runInContext("Date", ctx) as DateConstructor);
  /** What Apps Script would write to Stackdriver for an uncaught exception of a top-level call. */
  const thrown: string[] = [];
  const call = <T>(name: string, ...args: unknown[]): T | undefined => {
    try {
      return (ctx[name] as (...a: unknown[]) => T)(...args);
    } catch (error) {
      thrown.push(
        `${name}: ${error instanceof Error || (error as Error)?.message ? (error as Error).message : String(error)}`,
      );
      return undefined;
    }
  };
  return { gas, ctx, call, setNow, logged, thrown };
}

function formOf(gas: GasEnvironment, kind: string) {
  const register = gas.spreadsheet.getSheetByName("Анкеты")?.getDataRange().getValues() ?? [];
  const header = register[0] ?? [];
  const row = register.find((r) => r[header.indexOf("Анкета")] === kind) ?? [];
  return gas.globals.FormApp.peek(String(row[header.indexOf("ID формы")]));
}

/** The questions of a form with the values a respondent gives, by question title. */
function answersFor(
  gas: GasEnvironment,
  kind: string,
  person: { name: string; email: string; phone: string },
): Record<string, string | string[]> {
  const form = formOf(gas, kind);
  const answers: Record<string, string | string[]> = {};
  for (const item of form.state.items) {
    const title = item.title;
    if (item.type === "PAGE_BREAK" || item.type === "SECTION_HEADER") continue;
    if (/Фамилия/i.test(title)) answers[title] = person.name;
    else if (/электронной почты/i.test(title)) answers[title] = person.email;
    else if (/Телефон/i.test(title)) answers[title] = person.phone;
    else if (!item.required) continue;
    else if (item.choices.length > 0)
      answers[title] = item.type === "CHECKBOX" ? [item.choices[0] ?? ""] : (item.choices[0] ?? "");
    else answers[title] = item.validation ? "2" : "Учитель математики";
  }
  if (kind === "mentee") {
    const help = Object.keys(answers).find((t) => /помощь/i.test(t));
    if (help) answers[help] = [topics[1] ?? ""];
  }
  return answers;
}

/** Sets «Статус» of the rows the intake loaded («Новый») to `status`, as the curator would. */
function promote(gas: GasEnvironment, sheetName: string, status: string): void {
  const sheet = gas.spreadsheet.getSheetByName(sheetName);
  const values = sheet?.getDataRange().getValues() ?? [];
  const col = (values[0] ?? []).indexOf("Статус");
  values.forEach((row, i) => {
    if (i > 0 && row[col] === "Новый") sheet?.getRange(i + 1, col + 1).setValues([[status]]);
  });
}

describe("logs carry no personal data", () => {
  it("a whole small cycle, with failures, writes no name, e-mail or phone to console, Logger or thrown errors", () => {
    const { gas, ctx, call, setNow, logged, thrown } = start();
    call("apiSetupWorkbook");
    seedSchool(gas, 2);
    call<FormsSyncResponse>("apiSyncForms");
    // Questionnaires through the submission trigger; the first person submits twice.
    for (const p of [...PEOPLE, PEOPLE[0]]) {
      const event = formOf(gas, p.kind).submit(answersFor(gas, p.kind, p));
      call("onFormSubmitHandler", event);
    }
    const mentees = gas.spreadsheet.getSheetByName("Наставляемые")?.getDataRange().getValues() ?? [];
    expect(mentees.flat()).toContain(PEOPLE[0].name);
    // The curator admits the new people: mentors trained, mentees waiting for a pair.
    promote(gas, "Наставники", "Обучен");
    promote(gas, "Наставляемые", "Ожидает пары");
    // Matching and confirming whatever was proposed.
    const view = call<ProposalView>("apiProposePairs", { strategy: "optimal", scope: "unmatched" });
    call("apiConfirmPairs", view?.proposals ?? [], []);
    // Documents: the pairs order, with a Docs failure on the first try, then again.
    const pairs = gas.spreadsheet.getSheetByName("Пары и группы")?.getDataRange().getValues() ?? [];
    const ids = pairs
      .slice(1)
      .map((r) => String(r[0]))
      .filter((id) => id !== "");
    gas.globals.DriveApp.failNext("Body.insertTable", "Service Documents failed while accessing document.");
    call("apiGenerateDocuments", { kind: "pairs-order", ids, date: "2025-09-15" });
    call("apiGenerateDocuments", { kind: "pairs-order", ids, date: "2025-09-15" });
    // The daily run with a mail failure in Apps Script's own words (which name the address).
    gas.globals.MailApp.failOn.set("mentor2@school.ru", "Invalid email: mentor2@school.ru");
    setNow("2025-09-15T08:00:00");
    call("dailyRun");
    call("apiSendRemindersNow");
    // Every read action of the sidebar, and a withdrawal.
    for (const name of [
      "apiGetOverview",
      "apiRemindersState",
      "apiPreviewReminders",
      "apiMonitoringSummary",
      "apiDocumentsState",
    ])
      call(name);
    call("apiWithdrawPerson", "НЯ-0002", "Попросила по телефону 8 (912) 000-00-00");
    call("apiWithdrawPerson", "НЯ-9999", "");
    call("apiImportResponsesFromSheet", "Нет такого листа", "mentee");

    // The cycle did run: the order exists, reminders were attempted, the withdrawal is done.
    expect(gas.globals.DriveApp.peekFiles().some((f) => /Приказ/i.test(f.name))).toBe(true);
    expect(gas.globals.MailApp.attempts.length).toBeGreaterThan(0);
    expect(ids.length).toBeGreaterThan(2);
    expect(gas.globals.MailApp.attempts.some((a) => a.to === "mentor2@school.ru")).toBe(true);
    expect(thrown.some((t) => /^apiGenerateDocuments: /.test(t))).toBe(true);
    const withdrawn = gas.spreadsheet.getSheetByName("Наставляемые")?.getDataRange().getValues() ?? [];
    expect(withdrawn.find((r) => r[0] === "НЯ-0002")?.includes("Молодцова Анна 2")).toBe(false);
    // The capturing console is the one the bundle sees.
    vm.runInContext('console.log("probe")', ctx);
    expect(logged.pop()).toBe("console.log: probe");

    const names = [...PEOPLE.map((p) => p.name), ...SCHOOL_NAMES];
    const emails = [...PEOPLE.map((p) => p.email), ...SCHOOL_EMAILS];
    const phones = PEOPLE.map((p) => digits(p.phone));
    const personal = (line: string): string[] => {
      const lower = line.toLowerCase();
      return [
        ...names.filter((n) => line.includes(n) || line.includes(n.split(" ")[0] ?? n)),
        ...emails.filter((e) => lower.includes(e) || lower.includes(e.replace("@", " at "))),
        ...phones.filter((d) => line.replace(/\D/g, "").includes(d)),
      ];
    };
    expect(logged.filter((l) => personal(l).length > 0)).toEqual([]);
    // Thrown messages (Stackdriver): no e-mail, no phone of anyone.
    const leaks = thrown.filter(
      (t) => /[^\s«»"',;:()]+@[^\s«»"',;:()]+/.test(t) || /\d{3}\D?\d{2}\D?\d{2}\b/.test(t),
    );
    expect(leaks).toEqual([]);
  });
});
