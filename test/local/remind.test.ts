// `nastavnik remind` and `nastavnik meetings` on a workbook file: .eml files in the outbox (parsed
// back: From with the school's name, To, the RFC 2047 subject, text and HTML parts), nothing twice,
// --dry-run writes nothing, a configuration holding a password is refused, and the SMTP path
// against a small SMTP server written here (enough of RFC 5321 for nodemailer).

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { insertRecords, readRecords } from "../../src/app/records";
import { writeSettings } from "../../src/app/settings";
import { setupWorkbook } from "../../src/app/setup";
import type { Command } from "../../src/local/command";
import { withWorkbookFile } from "../../src/local/env";
import { parseMailConfig } from "../../src/local/mail";
import { meetingsCommand, remindCommand } from "../../src/local/remind";

const ROOT = resolve(__dirname, "../..");
const TSX = resolve(ROOT, "node_modules/.bin/tsx");
const DAY = "2025-09-15";

function cli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(TSX, [resolve(ROOT, "src/local/cli.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, NASTAVNIK_SMTP_PASSWORD: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

/** A command run in this process (faster than a new one), its output captured. */
async function inProcess(command: Command, args: string[]): Promise<{ code: number; stdout: string }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    const code = await command.run(args);
    return { code, stdout: chunks.join("") };
  } finally {
    spy.mockRestore();
  }
}

const d = (iso: string) => {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  return { year, month, day };
};

/**
 * A workbook with a deadline owner, two working pairs meeting tomorrow, a mentee waiting for a
 * pair, and the curator.
 */
async function school(dir: string): Promise<string> {
  const file = join(dir, "школа.xlsx");
  await withWorkbookFile(file, { create: true, save: () => true }, (env) => {
    setupWorkbook(env);
    writeSettings(env.workbook, {
      orgShortName: "МБОУ СОШ № 1",
      curatorName: "Кураторова Анна Ивановна",
      curatorEmail: "kurator@school.ru",
    });
    insertRecords(env, "team", [
      {
        fullName: "Сидорова Ольга Петровна",
        role: "Ответственный",
        email: "sidorova@school.ru",
        reminders: true,
      },
    ]);
    insertRecords(env, "roadmap", [
      {
        stage: "Отбор и обучение наставников",
        event: "Обучение наставников",
        deadline: d("2025-09-22"),
        owners: "Сидорова О.П.",
        status: "Не начато",
      },
    ]);
    const mentors = insertRecords(env, "mentors", [
      {
        status: "Наставник",
        category: "Педагог",
        fullName: "Иванова Мария Петровна",
        email: "ivanova@school.ru",
        consent: true,
      },
      {
        status: "Наставник",
        category: "Педагог",
        fullName: "Петров Олег Ильич",
        email: "petrov@school.ru",
        consent: true,
      },
    ]);
    const mentees = insertRecords(env, "mentees", [
      {
        status: "В паре",
        category: "Молодой специалист",
        fullName: "Смирнова Алёна",
        email: "smirnova@school.ru",
        consent: true,
      },
      {
        status: "В паре",
        category: "Молодой специалист",
        fullName: "Орлов Пётр",
        email: "orlov@school.ru",
        consent: true,
      },
      // Waits for a pair: the curator gets a digest every day.
      {
        status: "Ожидает пары",
        category: "Молодой специалист",
        fullName: "Ожидающая Вера",
        email: "vera@school.ru",
        consent: true,
      },
    ]);
    const pairs = insertRecords(
      env,
      "pairs",
      [0, 1].map((i) => ({
        status: "Работает",
        mentorId: mentors[i],
        mentorName: i === 0 ? "Иванова Мария Петровна" : "Петров Олег Ильич",
        menteeId: mentees[i],
        menteeName: i === 0 ? "Смирнова Алёна" : "Орлов Пётр",
        startDate: d("2025-09-01"),
        endDate: d("2026-05-31"),
      })),
    );
    insertRecords(
      env,
      "meetings",
      pairs.map((pairId) => ({
        pairId,
        date: d("2025-09-16"),
        topic: "Знакомство",
        status: "Запланирована",
      })),
    );
  });
  return file;
}

const RECIPIENTS = [
  "ivanova@school.ru",
  "orlov@school.ru",
  "petrov@school.ru",
  "sidorova@school.ru",
  "smirnova@school.ru",
];

// ---------------------------------------------------------------------------------------------
// Reading an .eml back (just what the checks need: headers, RFC 2047 words, MIME parts).

function decodeWords(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([BQ])\?([^?]*)\?=(\s+(?==\?))?/gi,
    (_m, _cs, enc: string, text: string) => {
      if (enc.toUpperCase() === "B") return Buffer.from(text, "base64").toString("utf8");
      const bytes = text
        .replace(/_/g, " ")
        .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
      return Buffer.from(bytes, "latin1").toString("utf8");
    },
  );
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function parsePart(raw: string): Part {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const i = line.indexOf(":");
    if (i > 0) headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(part.body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = part.body
      .replace(/=\r\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return part.body;
}

function parseEml(raw: string) {
  const top = parsePart(raw);
  const type = top.headers.get("content-type") ?? "";
  const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1] ?? "";
  const parts = boundary
    ? top.body
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((p) => parsePart(p.replace(/^\r\n/, "")))
    : [];
  const part = (t: string) => parts.find((p) => (p.headers.get("content-type") ?? "").startsWith(t));
  const text = part("text/plain");
  const html = part("text/html");
  return {
    headers: top.headers,
    type,
    subject: decodeWords(top.headers.get("subject") ?? ""),
    from: decodeWords(top.headers.get("from") ?? ""),
    text: text ? decodeBody(text) : "",
    html: html ? decodeBody(html) : "",
    textCharset: text?.headers.get("content-type") ?? "",
  };
}

const hash = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

// ---------------------------------------------------------------------------------------------

describe("nastavnik remind — the outbox", () => {
  const dir = mkdtempSync(join(tmpdir(), "remind-"));
  let file = "";

  beforeAll(async () => {
    file = await school(dir);
  });

  it("--dry-run lists who gets what and writes nothing", async () => {
    const before = hash(file);
    const r = await cli(["remind", file, "--date", DAY, "--dry-run"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Предпросмотр рассылки на 15\.09\.2025: писем — 6\. Ничего не отправлено\./);
    expect(r.stdout).toMatch(
      /→ Сидорова Ольга Петровна <sidorova@school\.ru>\n {2}Тема: .+\n {2}• Через 7 дней срок: Обучение наставников/,
    );
    const json = JSON.parse((await cli(["remind", file, "--date", DAY, "--dry-run", "--json"])).stdout);
    expect(json.emails.map((e: { to: string }) => e.to).sort()).toEqual(
      ["kurator@school.ru", ...RECIPIENTS].sort(),
    );
    expect(readdirSync(dir)).not.toContain("outbox");
    expect(hash(file)).toBe(before);
  });

  it("writes one .eml per recipient, UTF-8, From with the school's name, text and HTML", async () => {
    const r = await cli(["remind", file, "--date", DAY]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Рассылка на 15\.09\.2025: отправлено писем — 6 \(в папку .*outbox\)\./);
    const files = readdirSync(join(dir, "outbox")).sort();
    expect(files).toHaveLength(6);
    for (const name of files) expect(name).toMatch(/^2025-09-15-\d{3}-[a-z0-9@._-]+\.eml$/);
    expect(files.map((f) => f.replace(/^2025-09-15-\d{3}-|\.eml$/g, "")).sort()).toEqual(
      ["kurator@school.ru", ...RECIPIENTS].sort(),
    );

    const raw = readFileSync(
      join(dir, "outbox", files.find((f) => f.endsWith("-ivanova@school.ru.eml")) ?? ""),
      "utf8",
    );
    const mail = parseEml(raw);
    // Non-ASCII headers are RFC 2047 encoded words, decoded back to the Russian text.
    expect(mail.headers.get("subject")).toMatch(/^=\?UTF-8\?[BQ]\?/i);
    expect(mail.subject).toMatch(/^Наставничество: .+ на 15\.09\.2025$/);
    expect(mail.from).toBe("МБОУ СОШ № 1 <kurator@school.ru>");
    expect(mail.headers.get("to")).toBe("ivanova@school.ru");
    expect(mail.headers.get("reply-to")).toBe("kurator@school.ru");
    expect(mail.type).toMatch(/^multipart\/alternative/);
    expect(mail.textCharset).toMatch(/charset=utf-8/i);
    expect(mail.text).toMatch(/Смирнова Алёна/);
    expect(mail.text).not.toMatch(/Орлов/);
    expect(mail.html).toMatch(/<[a-z]+[^>]*>[^<]*Смирнова Алёна/);
    expect(new Date(mail.headers.get("date") ?? "").getDate()).toBe(15);

    const log = await withWorkbookFile(file, { create: false, save: () => false }, (env) =>
      readRecords(env.workbook, "mailLog").rows.map((row) => row.record),
    );
    expect(log.length).toBeGreaterThanOrEqual(6);
    expect(log.every((row) => row.status === "Отправлено")).toBe(true);
  });

  it("a second run the same day writes nothing more", async () => {
    const r = await cli(["remind", file, "--date", DAY, "--json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ mode: "outbox", sent: [], failed: [], postponed: [], delivered: [] });
    expect(readdirSync(join(dir, "outbox"))).toHaveLength(6);
  });

  it("--out writes elsewhere; numbering continues after the files of that day already there", async () => {
    const other = join(dir, "другая-папка");
    mkdirSync(other);
    writeFileSync(join(other, "2025-09-16-001-someone@school.ru.eml"), "не трогать");
    const r = await cli(["remind", file, "--date", "2025-09-16", "--out", other]);
    expect(r.code, r.stderr).toBe(0);
    // On the 16th only the curator's daily digest is new (a mentee still waits for a pair).
    expect(readdirSync(other).sort()).toEqual([
      "2025-09-16-001-someone@school.ru.eml",
      "2025-09-16-002-kurator@school.ru.eml",
    ]);
    expect(readFileSync(join(other, "2025-09-16-001-someone@school.ru.eml"), "utf8")).toBe("не трогать");
    expect(parseEml(readFileSync(join(other, "2025-09-16-002-kurator@school.ru.eml"), "utf8")).text).toMatch(
      /Ожидающая Вера/,
    );
    expect(readdirSync(join(dir, "outbox"))).toHaveLength(6);
  });
});

describe("nastavnik remind — configuration", () => {
  it("refuses a configuration that holds a password, in Russian, before touching anything", async () => {
    const dir = mkdtempSync(join(tmpdir(), "remind-pw-"));
    const file = await school(dir);
    writeFileSync(
      join(dir, "nastavnik.config.json"),
      JSON.stringify({
        smtp: {
          host: "smtp.school.ru",
          port: 465,
          secure: true,
          user: "n@school.ru",
          from: "n@school.ru",
          password: "секрет",
        },
      }),
    );
    const before = hash(file);
    await expect(inProcess(remindCommand, [file, "--date", DAY])).rejects.toThrow(
      /содержит пароль \(«smtp\.password»\).*NASTAVNIK_SMTP_PASSWORD/,
    );
    expect(hash(file)).toBe(before);
    expect(readdirSync(dir)).not.toContain("outbox");
  });

  it("checks every field and names it", () => {
    const f = "/tmp/nastavnik.config.json";
    expect(() => parseMailConfig("{", f)).toThrow(/не JSON/);
    expect(() => parseMailConfig('{"smtp": {"host": "h", "from": "x"}}', f)).toThrow(
      /«from» — адрес отправителя/,
    );
    expect(() => parseMailConfig('{"smtp": {"host": "h", "port": 0, "from": "a@b.ru"}}', f)).toThrow(
      /«port»/,
    );
    expect(() => parseMailConfig('{"outbox": "o", "smtp": {"host": "h", "from": "a@b.ru"}}', f)).toThrow(
      /укажите что-то одно/,
    );
    expect(() => parseMailConfig('{"smtp": {"host": "h", "from": "a@b.ru", "pass": "x"}}', f)).toThrow(
      /пароль/,
    );
    expect(() => parseMailConfig('{"outbx": "o"}', f)).toThrow(/неизвестные поля «outbx»/);
    expect(parseMailConfig('{"outbox": "письма"}', f)).toEqual({
      file: f,
      outbox: "/tmp/письма",
      smtp: null,
    });
    expect(
      parseMailConfig('{"smtp": {"host": "smtp.school.ru", "secure": true, "from": "a@b.ru"}}', f).smtp,
    ).toEqual({
      host: "smtp.school.ru",
      port: 465,
      secure: true,
      user: null,
      from: "a@b.ru",
      dailyLimit: 300,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// A tiny SMTP server: greeting, EHLO (AUTH PLAIN LOGIN, no STARTTLS), AUTH, MAIL, RCPT (some
// addresses refused with 550), DATA with dot-unstuffing, RSET, NOOP, QUIT.

interface Received {
  from: string;
  to: string[];
  data: string;
}

function smtpServer(options: { password: string; refuse: string[] }) {
  const received: Received[] = [];
  const logins: string[] = [];
  const server = net.createServer((socket) => {
    let buffer = "";
    let mode: "command" | "data" | "auth-plain" | "auth-user" | "auth-pass" = "command";
    let user = "";
    let current: Received = { from: "", to: [], data: "" };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    const login = (u: string, p: string) => {
      logins.push(u);
      reply(
        p === options.password ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication failed",
      );
    };
    const plain = (b64: string) => {
      const [, u = "", p = ""] = Buffer.from(b64, "base64").toString("utf8").split("\0");
      login(u, p);
    };
    reply("220 smtp.test ESMTP");
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (mode === "data") {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          current.data = buffer.slice(0, end).replace(/^\.\./gm, ".");
          buffer = buffer.slice(end + 5);
          received.push(current);
          current = { from: "", to: [], data: "" };
          mode = "command";
          reply("250 2.0.0 OK queued");
          continue;
        }
        const nl = buffer.indexOf("\r\n");
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        if (mode === "auth-plain") {
          mode = "command";
          plain(line);
          continue;
        }
        if (mode === "auth-user") {
          user = Buffer.from(line, "base64").toString("utf8");
          mode = "auth-pass";
          reply("334 UGFzc3dvcmQ6");
          continue;
        }
        if (mode === "auth-pass") {
          mode = "command";
          login(user, Buffer.from(line, "base64").toString("utf8"));
          continue;
        }
        const upper = line.toUpperCase();
        if (upper.startsWith("EHLO"))
          reply("250-smtp.test\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250 SMTPUTF8");
        else if (upper.startsWith("HELO")) reply("250 smtp.test");
        else if (upper.startsWith("AUTH PLAIN")) {
          const arg = line.slice(10).trim();
          if (arg) plain(arg);
          else {
            mode = "auth-plain";
            reply("334 ");
          }
        } else if (upper.startsWith("AUTH LOGIN")) {
          mode = "auth-user";
          reply("334 VXNlcm5hbWU6");
        } else if (upper.startsWith("MAIL FROM:")) {
          current = { from: /<([^>]*)>/.exec(line)?.[1] ?? "", to: [], data: "" };
          reply("250 2.1.0 OK");
        } else if (upper.startsWith("RCPT TO:")) {
          const to = /<([^>]*)>/.exec(line)?.[1] ?? "";
          if (options.refuse.includes(to)) reply("550 5.1.1 No such user here");
          else {
            current.to.push(to);
            reply("250 2.1.5 OK");
          }
        } else if (upper === "DATA") {
          mode = "data";
          reply("354 End data with <CR><LF>.<CR><LF>");
        } else if (upper === "RSET") {
          current = { from: "", to: [], data: "" };
          reply("250 2.0.0 OK");
        } else if (upper === "NOOP") reply("250 2.0.0 OK");
        else if (upper === "QUIT") {
          reply("221 2.0.0 Bye");
          socket.end();
        } else reply("502 5.5.2 Command not implemented");
      }
    });
    socket.on("error", () => {});
  });
  return {
    received,
    logins,
    listen: () =>
      new Promise<number>((ok) =>
        server.listen(0, "127.0.0.1", () => ok((server.address() as net.AddressInfo).port)),
      ),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

describe("nastavnik remind — SMTP", () => {
  const smtp = smtpServer({ password: "s3cret-пароль", refuse: ["orlov@school.ru"] });
  let port = 0;
  const dir = mkdtempSync(join(tmpdir(), "remind-smtp-"));
  let file = "";

  beforeAll(async () => {
    port = await smtp.listen();
    file = await school(dir);
    writeFileSync(
      join(dir, "nastavnik.config.json"),
      JSON.stringify({
        smtp: {
          host: "127.0.0.1",
          port,
          secure: false,
          user: "nastavnik@school.ru",
          from: "nastavnik@school.ru",
        },
      }),
    );
  });

  afterAll(async () => {
    await smtp.close();
  });

  it("without the password in the environment: a Russian message, nothing recorded", async () => {
    const before = hash(file);
    const r = await cli(["remind", file, "--date", DAY]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/задайте пароль в переменной окружения NASTAVNIK_SMTP_PASSWORD/);
    expect(hash(file)).toBe(before);
  });

  it("a wrong password: refused at login, before anything is recorded", async () => {
    const before = hash(file);
    const r = await cli(["remind", file, "--date", DAY], { NASTAVNIK_SMTP_PASSWORD: "не тот" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Сервер почты не принял имя пользователя или пароль/);
    expect(smtp.received).toEqual([]);
    expect(hash(file)).toBe(before);
  });

  it("sends through the server; a refused address fails with its reason and the rest go; never twice", async () => {
    const r = await cli(["remind", file, "--date", DAY], { NASTAVNIK_SMTP_PASSWORD: "s3cret-пароль" });
    expect(r.stdout).toMatch(new RegExp(`отправлено писем — 5 \\(через сервер 127\\.0\\.0\\.1:${port}\\)`));
    expect(r.stdout).toMatch(
      /orlov@school\.ru: .*Неверный адрес «orlov@school\.ru»: сервер почты его не принял \(.*550 5\.1\.1/,
    );
    expect(r.code).toBe(4);
    expect(smtp.logins.at(-1)).toBe("nastavnik@school.ru");
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(
      ["kurator@school.ru", ...RECIPIENTS.filter((x) => x !== "orlov@school.ru")].sort(),
    );
    expect(smtp.received.every((m) => m.from === "nastavnik@school.ru" && m.to.length === 1)).toBe(true);
    const first = parseEml(smtp.received.find((m) => m.to[0] === "petrov@school.ru")?.data ?? "");
    expect(first.from).toBe("МБОУ СОШ № 1 <nastavnik@school.ru>");
    expect(first.subject).toMatch(/^Наставничество: /);
    expect(first.text).toMatch(/Орлов Пётр/);
    expect(first.html).toMatch(/Орлов Пётр/);
    const log = await withWorkbookFile(file, { create: false, save: () => false }, (env) =>
      readRecords(env.workbook, "mailLog").rows.map((row) => row.record),
    );
    const orlov = log.filter((row) => row.recipient === "orlov@school.ru");
    expect(orlov.length).toBeGreaterThan(0);
    expect(orlov.every((row) => row.status === "Ошибка" && /Адрес отклонён/.test(row.reason))).toBe(true);
    // The next run sends nothing again, and does not retry the refused address.
    const count = smtp.received.length;
    const again = await cli(["remind", file, "--date", DAY, "--json"], {
      NASTAVNIK_SMTP_PASSWORD: "s3cret-пароль",
    });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ mode: "smtp", sent: [], failed: [] });
    expect(smtp.received).toHaveLength(count);
  });
});

describe("nastavnik meetings", () => {
  it("schedules meetings of approved pairs once, and counts them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "meetings-"));
    const file = await school(dir);
    await withWorkbookFile(file, { create: false, save: () => true }, (env) => {
      const mentors = readRecords(env.workbook, "mentors").rows.map((x) => x.record.id);
      const mentees = insertRecords(env, "mentees", [
        {
          status: "В паре",
          category: "Молодой специалист",
          fullName: "Новикова Ира",
          email: "novikova@school.ru",
          consent: true,
        },
      ]);
      insertRecords(env, "pairs", [
        {
          status: "Утверждена",
          mentorId: mentors[0],
          mentorName: "Иванова Мария Петровна",
          menteeId: mentees[0],
          menteeName: "Новикова Ира",
          startDate: d("2025-09-22"),
          endDate: d("2025-12-22"),
        },
      ]);
    });
    const first = await inProcess(meetingsCommand, [file, "--schedule", "--date", DAY, "--json"]);
    expect(first.code).toBe(0);
    const json = JSON.parse(first.stdout);
    expect(json.schedule.created).toBeGreaterThan(0);
    expect(json.schedule.pairs).toEqual(["П-0003"]);
    expect(json.byStatus.Запланирована).toBe(2 + json.schedule.created);
    const second = await inProcess(meetingsCommand, [file, "--schedule", "--date", DAY]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Новых встреч не запланировано|«Встречи»: Запланирована: \d+\./m);
    expect(second.stdout).toMatch(new RegExp(`«Встречи»: Запланирована: ${2 + json.schedule.created}\\.`));
  });

  it("has Russian help", async () => {
    const r = await cli(["help"]);
    expect(r.stdout).toMatch(/remind\s+напоминания по почте/);
    expect(r.stdout).toMatch(/meetings\s+встречи пар/);
    expect((await cli(["remind", "--help"])).stdout).toMatch(/^Использование: nastavnik remind КНИГА\.xlsx/);
    await expect(inProcess(remindCommand, ["a.xlsx", "--bogus"])).rejects.toThrow(
      /Неизвестный параметр «--bogus»/,
    );
    await expect(inProcess(remindCommand, ["a.xlsx", "--date", "15.09.2025"])).rejects.toThrow(/ГГГГ-ММ-ДД/);
    await expect(inProcess(meetingsCommand, ["a.csv"])).rejects.toThrow(/ожидается файл книги Excel/);
  });
});
