// DocumentsPort of the local edition: .docx templates in a folder, filled copies in the output
// folder, PDF copies through LibreOffice when it is installed.

import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { UserError } from "../app/errors";
import type { DocumentRef, DocumentsPort } from "../app/ports";
import type { DocKind, DocModel, DocumentFill, TemplateScan } from "../domain/docs/model";
import { fillDocx, scanDocx } from "./docx";

/**
 * The templates shipped with the package: sheets-template/templates/<kind>.docx under the package
 * root — found from this file both in the sources (src/local/) and in the bundle (dist/cli.js).
 */
export const SHIPPED_TEMPLATES = shippedTemplates(dirname(fileURLToPath(import.meta.url)));

function shippedTemplates(from: string): string {
  const bundled = resolve(from, "../sheets-template/templates"); // dist/cli.js
  const sources = resolve(from, "../../sheets-template/templates"); // src/local/documents.ts
  return existsSync(sources) || !existsSync(bundled) ? sources : bundled;
}

/**
 * A file or folder name for a document title: what Windows, macOS and Linux refuse is replaced
 * («01-05/12» → «01-05-12», «:» → «.», «"» → «'», others and control characters → «_» or a space),
 * Cyrillic, «№» and dashes kept, no trailing dots or spaces, at most 150 characters.
 */
export function safeFileName(name: string): string {
  const replaced = Array.from(name, (c) => {
    if (c === "/" || c === "\\") return "-";
    if (c === ":") return ".";
    if (c === '"') return "'";
    if ("*?<>|".includes(c)) return "_";
    return c.charCodeAt(0) < 32 ? " " : c;
  }).join("");
  const cleaned = replaced
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 150)
    .replace(/[. ]+$/, "");
  return cleaned === "" || /^\.+$/.test(cleaned) ? "документ" : cleaned;
}

/** The file URL of a path: what «Приказы» and «Настройки» record as the link. */
export function fileUrl(path: string): string {
  return pathToFileURL(path).href;
}

/** A path from a template reference: an absolute or relative path, or a file:// URL. */
function referencePath(ref: string, baseDir: string): string | null {
  const text = ref.trim();
  if (text === "") return null;
  if (/^file:\/\//i.test(text)) {
    try {
      return fileURLToPath(text);
    } catch {
      return null;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return null; // a Google Docs link in a local book
  return isAbsolute(text) ? text : resolve(baseDir, text);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** LibreOffice's command on this computer, or null. */
export function findSoffice(): string | null {
  const names = process.platform === "win32" ? ["soffice.exe", "soffice.com"] : ["soffice", "libreoffice"];
  const dirs = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  if (process.platform === "darwin") dirs.push("/Applications/LibreOffice.app/Contents/MacOS");
  if (process.platform === "win32") dirs.push("C:\\Program Files\\LibreOffice\\program");
  for (const dir of dirs) for (const name of names) if (isFile(join(dir, name))) return join(dir, name);
  return null;
}

export interface LocalDocumentsOptions {
  /** Where the curator's templates live; missing ones are copied there from `shipped`. */
  templatesDir?: string;
  /** Where documents go: <outDir>/<folder>/<name>.docx. */
  outDir: string;
  /** Relative template paths in «Настройки» are resolved from here (the workbook's folder). */
  baseDir?: string;
  /** The shipped templates (tests point elsewhere). */
  shippedDir?: string;
  /** LibreOffice's command; null: PDF copies are not made; undefined: looked up on PATH. */
  soffice?: string | null;
}

export class LocalDocuments implements DocumentsPort {
  readonly templatesDir: string;
  readonly outDir: string;
  private readonly baseDir: string;
  private readonly shippedDir: string;
  private soffice: string | null | undefined;
  private profile: string | null = null;
  /** Why the last PDF copy was not made (Russian), or null. */
  pdfProblem: string | null = null;
  /** Every file written, in order (for the command's summary). */
  readonly written: string[] = [];

  constructor(options: LocalDocumentsOptions) {
    this.shippedDir = resolve(options.shippedDir ?? SHIPPED_TEMPLATES);
    this.templatesDir = resolve(options.templatesDir ?? this.shippedDir);
    this.outDir = resolve(options.outDir);
    this.baseDir = resolve(options.baseDir ?? this.outDir);
    this.soffice = options.soffice;
  }

  ensureTemplates(
    defaults: readonly { kind: DocKind; title: string; model: DocModel }[],
    known: Partial<Record<DocKind, string>>,
  ): Record<DocKind, DocumentRef & { created: boolean }> {
    const result = {} as Record<DocKind, DocumentRef & { created: boolean }>;
    for (const { kind, title } of defaults) {
      const recorded = referencePath(known[kind] ?? "", this.baseDir);
      if (recorded && /\.docx$/i.test(recorded) && isFile(recorded)) {
        result[kind] = { id: recorded, url: fileUrl(recorded), created: false };
        continue;
      }
      const path = join(this.templatesDir, `${kind}.docx`);
      if (isFile(path)) {
        result[kind] = { id: path, url: fileUrl(path), created: false };
        continue;
      }
      const shipped = join(this.shippedDir, `${kind}.docx`);
      if (!isFile(shipped)) {
        throw new UserError(
          `Нет шаблона «${title}»: файла ${shipped} нет в пакете. Восстановите шаблоны командой npm run template.`,
        );
      }
      mkdirSync(this.templatesDir, { recursive: true });
      copyFileSync(shipped, path);
      result[kind] = { id: path, url: fileUrl(path), created: true };
    }
    return result;
  }

  private read(path: string, what: string): Buffer {
    try {
      return readFileSync(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UserError(
        code === "ENOENT"
          ? `${what} не найден: ${path}. Проверьте ссылку в «Настройки» или удалите её — будет взят шаблон по умолчанию.`
          : `${what} не открывается: ${path} (${code ?? String(e)}).`,
      );
    }
  }

  scan(templateId: string): TemplateScan {
    const path = referencePath(templateId, this.baseDir) ?? templateId;
    return scanDocx(this.read(path, `Шаблон «${basename(path)}»`), `Шаблон «${basename(path)}»`);
  }

  /** The folder of documents: absolute as given, or a sub-folder of the output folder. */
  folderPath(folder: string): string {
    const text = folder.trim();
    if (text !== "" && isAbsolute(text)) return text;
    return text === "" ? this.outDir : join(this.outDir, safeFileName(text));
  }

  documentPath(folder: string, name: string): string {
    return join(this.folderPath(folder), `${safeFileName(name)}.docx`);
  }

  existing(folder: string, name: string): DocumentRef | null {
    const path = this.documentPath(folder, name);
    return isFile(path) ? { id: path, url: fileUrl(path) } : null;
  }

  create(
    templateId: string,
    fill: DocumentFill,
    target: { folder: string; name: string; pdf: boolean },
  ): DocumentRef & { pdfUrl: string | null } {
    const template = referencePath(templateId, this.baseDir) ?? templateId;
    const what = `Шаблон «${basename(template)}»`;
    const bytes = fillDocx(this.read(template, what), fill, what);
    const path = this.documentPath(target.folder, target.name);
    mkdirSync(dirname(path), { recursive: true });
    // Written aside and renamed, so a crash never leaves half a document under the final name.
    const aside = `${path}.part`;
    writeFileSync(aside, bytes);
    renameSync(aside, path);
    this.written.push(path);
    const pdf = target.pdf ? this.toPdf(path) : null;
    return { id: path, url: fileUrl(path), pdfUrl: pdf ? fileUrl(pdf) : null };
  }

  /** A PDF copy next to the document, through LibreOffice; null (with pdfProblem) when it fails. */
  toPdf(path: string): string | null {
    if (this.soffice === undefined) this.soffice = findSoffice();
    if (!this.soffice) {
      this.pdfProblem = "PDF не создан: не установлен LibreOffice (https://ru.libreoffice.org).";
      return null;
    }
    // A profile of our own, so a LibreOffice the curator has open does not swallow the job.
    this.profile ??= mkdtempSync(join(tmpdir(), "nastavnik-lo-"));
    const dir = dirname(path);
    const r = spawnSync(
      this.soffice,
      [
        `-env:UserInstallation=${fileUrl(this.profile)}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        path,
      ],
      { encoding: "utf8", timeout: 180_000 },
    );
    const pdf = join(dir, `${basename(path, ".docx")}.pdf`);
    if (r.status === 0 && isFile(pdf)) {
      this.written.push(pdf);
      this.pdfProblem = null;
      return pdf;
    }
    const reason = (r.error?.message ?? r.stderr ?? "").trim().split("\n")[0] ?? "";
    this.pdfProblem = `PDF не создан: LibreOffice не смог преобразовать «${basename(path)}»${reason ? ` (${reason})` : ""}.`;
    return null;
  }

  /** Removes the private LibreOffice profile. */
  close(): void {
    if (this.profile) rmSync(this.profile, { recursive: true, force: true });
    this.profile = null;
  }
}
