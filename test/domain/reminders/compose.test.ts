import { describe, expect, it } from "vitest";
import {
  composeEmails,
  escapeHtml,
  greetingName,
  type PlannedEmail,
  selectForQuota,
} from "../../../src/domain/reminders/compose";
import {
  neededTemplates,
  PAIR_PLACEHOLDER,
  personalLink,
  prefillAnswers,
  templateKey,
} from "../../../src/domain/reminders/links";
import { messageKey, parseKey } from "../../../src/domain/reminders/log";
import { pluralRu } from "../../../src/domain/reminders/plan";
import { type PlannedMessage, type ReminderKind, URGENCY } from "../../../src/domain/reminders/types";
import { d } from "./school";

const SETTINGS = {
  orgShortName: "МБОУ СОШ № 7",
  curatorName: "Кузьмина Ольга Сергеевна",
  curatorEmail: "kurator@school.ru",
  date: d("2025-09-15"),
};

function msg(
  kind: ReminderKind,
  recipient: string,
  subjectItem: string,
  due: string,
  over: Partial<PlannedMessage> = {},
) {
  const m: PlannedMessage = {
    key: messageKey(kind, recipient, subjectItem, d(due)),
    kind,
    recipient,
    recipientName: "Абрамова Вера Николаевна",
    recipientId: "НР-0001",
    subjectItem,
    dueDate: d(due),
    urgency: URGENCY[kind],
    title: `${kind} ${subjectItem}`,
    lines: [`строка ${subjectItem}`],
    links: [],
    ...over,
  };
  return m;
}

describe("composeEmails", () => {
  it("one email per recipient, messages by urgency, subject with the count and the date", () => {
    const emails = composeEmails(
      [
        msg("form-missing", "a@school.ru", "feedback:П-0001:Входная", "2025-09-15"),
        msg("roadmap-overdue", "a@school.ru", "ДК-0001", "2025-09-15"),
        msg("roadmap-before", "b@school.ru", "ДК-0002", "2025-09-15", { recipientName: "Смирнова Алёна" }),
        msg("meeting-tomorrow", "a@school.ru", "П-0001@2025-09-16", "2025-09-15"),
      ],
      SETTINGS,
    );
    expect(emails.map((e) => e.to)).toEqual(["a@school.ru", "b@school.ru"]);
    const [a, b] = emails as [PlannedEmail, PlannedEmail];
    expect(a.subject).toBe("Наставничество: 3 напоминания на 15.09.2025");
    expect(b.subject).toBe("Наставничество: 1 напоминание на 15.09.2025");
    expect(a.messages.map((m) => m.kind)).toEqual(["meeting-tomorrow", "roadmap-overdue", "form-missing"]);
    expect(a.keys).toEqual(a.messages.map((m) => m.key));
    expect(a.text.indexOf("meeting-tomorrow")).toBeLessThan(a.text.indexOf("roadmap-overdue"));
    expect(a.text).toMatch(/^Здравствуйте, Вера Николаевна!/);
    expect(b.text).toMatch(/^Здравствуйте, Алёна!/);
    expect(a.senderName).toBe("МБОУ СОШ № 7");
    expect(a.replyTo).toBe("kurator@school.ru");
    expect(a.text).toContain("МБОУ СОШ № 7");
  });

  it("escapes every value in the HTML and keeps only web links as links", () => {
    const [email] = composeEmails(
      [
        msg("roadmap-due", "a@school.ru", "ДК-1", "2025-09-15", {
          recipientName: "<b>Иванова</b> Мария",
          title: 'Срок: <img src=x onerror="alert(1)">',
          lines: ["Тема: A & B «в кавычках» 'x'"],
          links: [
            { label: "Анкета <1>", url: "https://forms.example/a?x=1&y=2" },
            { label: "Странная", url: 'https://forms.example/"><script>' },
            { label: "Опасная", url: "javascript:alert(1)" },
          ],
        }),
      ],
      SETTINGS,
    );
    const html = email?.html ?? "";
    expect(html).not.toMatch(/<img|<b>Иванова|javascript:alert\(1\)"/);
    expect(html).toContain("Срок: &lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("Тема: A &amp; B «в кавычках» &#39;x&#39;");
    expect(html).toContain(
      '<a href="https://forms.example/a?x=1&amp;y=2" style="color:#1a73e8">Анкета &lt;1&gt;</a>',
    );
    expect(html).toContain("Странная: https://forms.example/&quot;&gt;&lt;script&gt;");
    expect(html).not.toContain('href="javascript');
    expect(html).toContain("Опасная: javascript:alert(1)");
    expect(email?.text).toContain("Анкета <1>: https://forms.example/a?x=1&y=2");
    expect(escapeHtml(`<&>"'`)).toBe("&lt;&amp;&gt;&quot;&#39;");
  });

  it("the curator's email with the digest: the digest first, no reply-to to themselves", () => {
    const [email] = composeEmails(
      [
        msg("roadmap-overdue", "kurator@school.ru", "ДК-0001", "2025-09-15", { recipientId: "К-0001" }),
        msg("curator-digest", "kurator@school.ru", "digest", "2025-09-15", {
          recipientId: "curator",
          recipientName: "Кузьмина Ольга Сергеевна",
        }),
      ],
      SETTINGS,
    );
    expect(email?.subject).toBe("Наставничество: сводка и 1 напоминание на 15.09.2025");
    expect(email?.messages[0]?.kind).toBe("curator-digest");
    expect(email?.digest).toBe(true);
    expect(email?.replyTo).toBeUndefined();
    expect(email?.text).toContain("Здравствуйте, Ольга Сергеевна!");
  });

  it("orders emails for sending and fits them to the quota, the digest never dropped while quota > 0", () => {
    const emails = composeEmails(
      [
        msg("form-missing", "old@school.ru", "consent:НЯ-1", "2025-09-10"),
        msg("form-missing", "new@school.ru", "consent:НЯ-2", "2025-09-15"),
        msg("roadmap-overdue", "urgent@school.ru", "ДК-1", "2025-09-15"),
        msg("curator-digest", "kurator@school.ru", "digest", "2025-09-15", { recipientId: "curator" }),
      ],
      SETTINGS,
    );
    expect(emails.map((e) => e.to)).toEqual([
      "kurator@school.ru",
      "urgent@school.ru",
      "old@school.ru",
      "new@school.ru",
    ]);
    const one = selectForQuota(emails, 1);
    expect(one.send.map((e) => e.to)).toEqual(["kurator@school.ru"]);
    expect(one.postponed).toHaveLength(3);
    expect(selectForQuota(emails, 0).send).toEqual([]);
    expect(selectForQuota(emails, 3).postponed.map((e) => e.to)).toEqual(["new@school.ru"]);
  });

  it("Russian words", () => {
    expect([1, 2, 5, 11, 21, 22, 25, 111].map((n) => pluralRu(n, "день", "дня", "дней"))).toEqual([
      "день",
      "дня",
      "дней",
      "дней",
      "день",
      "дня",
      "дней",
      "дней",
    ]);
    expect(greetingName("Иванова Мария Петровна")).toBe("Мария Петровна");
    expect(greetingName("  Смирнова   Алёна ")).toBe("Алёна");
    expect(greetingName("Куратор")).toBe("Куратор");
    expect(greetingName("")).toBe("");
  });
});

describe("keys and links", () => {
  it("a key is kind|recipient|subject|date with the recipient in lower case", () => {
    const key = messageKey("roadmap-due", " Belova@School.RU ", "ДК-0001", d("2025-10-15"));
    expect(key).toBe("roadmap-due|belova@school.ru|ДК-0001|2025-10-15");
    expect(parseKey(key)).toEqual({
      kind: "roadmap-due",
      recipient: "belova@school.ru",
      subjectItem: "ДК-0001",
      dueDate: d("2025-10-15"),
    });
    expect(parseKey("вручную")).toBeNull();
  });

  it("one template per form, role and stage; each person's pair put in, encoded", () => {
    const spec = { form: "feedback" as const, role: "Наставник", stage: "Входная" };
    expect(prefillAnswers(spec)).toEqual({ pairId: PAIR_PLACEHOLDER, role: "Наставник", stage: "Входная" });
    expect(prefillAnswers({ form: "preference", role: "Наставляемый" })).toEqual({ role: "Наставляемый" });
    const forms = {
      published: { feedback: "https://forms.example/fb" },
      prefilled: { [templateKey(spec)]: `https://forms.example/fb?entry.1=${PAIR_PLACEHOLDER}&entry.2=x` },
    };
    expect(personalLink(forms, spec, "П-0001 & Г")).toBe(
      "https://forms.example/fb?entry.1=%D0%9F-0001%20%26%20%D0%93&entry.2=x",
    );
    expect(personalLink(forms, { ...spec, stage: "Итоговая" }, "П-0001")).toBe("https://forms.example/fb");
    const messages = [
      msg("form-missing", "a@x.ru", "1", "2025-09-15", { prefill: spec }),
      msg("form-missing", "b@x.ru", "2", "2025-09-15", { prefill: { ...spec } }),
      msg("form-missing", "c@x.ru", "3", "2025-09-15", { prefill: { ...spec, role: "Наставляемый" } }),
      msg("roadmap-due", "d@x.ru", "4", "2025-09-15"),
    ];
    expect(neededTemplates(messages)).toEqual([spec, { ...spec, role: "Наставляемый" }]);
  });
});
