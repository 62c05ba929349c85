// Builds the Apps Script project into dist/:
//   dist/Code.js          — the bundle: esbuild IIFE + one top-level function per export of src/gas/main.ts
//   dist/Sidebar.html     — the sidebar with its client script inlined
//   dist/appsscript.json  — the manifest
//   dist/cli.js           — the local edition's command line (scripts/build-cli.mjs), the `nastavnik` bin
// Stubs are generated the way gas-webpack-plugin does it, with its engine gas-entry-generator:
// the bundle assigns each export to `global.NAME`, and a plain `function NAME() {}` declared at
// top level makes the name visible to Apps Script (menus, triggers, google.script.run).
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { generate } from "gas-entry-generator";
import { buildCli } from "./build-cli.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const entry = join(root, "src/gas/main.ts");

async function exportNames() {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    metafile: true,
    outdir: "out-probe",
    logLevel: "silent",
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  if (!output) throw new Error("esbuild gave no entry output");
  return [...output.exports].sort();
}

async function buildServer() {
  const names = await exportNames();
  const bad = names.filter((n) => !/^[A-Za-z_$][\w$]*$/.test(n) || n === "default");
  if (bad.length) throw new Error(`Exports that cannot be Apps Script functions: ${bad.join(", ")}`);
  const stdin = [
    'import * as entry from "./src/gas/main";',
    "var global = globalThis;",
    ...names.map((n) => `global.${n} = entry.${n};`),
  ].join("\n");
  const result = await esbuild.build({
    stdin: { contents: stdin, resolveDir: root, sourcefile: "gas-entry.ts", loader: "ts" },
    bundle: true,
    write: false,
    format: "iife",
    target: "es2020",
    platform: "neutral",
    mainFields: ["module", "main"],
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
  });
  const bundle = result.outputFiles[0].text;
  const { entryPointFunctions } = generate(bundle, { comment: true });
  const header = "// Наставник — собрано scripts/build.mjs. Не редактируйте: исходники в src/.\n";
  const code = `${header}${entryPointFunctions}\n${bundle}`;
  await writeFile(join(dist, "Code.js"), code);
  return { names, bytes: Buffer.byteLength(code) };
}

async function buildSidebar() {
  const result = await esbuild.build({
    entryPoints: [join(root, "src/ui/client.ts")],
    bundle: true,
    write: false,
    format: "iife",
    target: "es2019",
    platform: "browser",
    minify: true,
    charset: "utf8",
    logLevel: "warning",
  });
  const js = result.outputFiles[0].text.replace(/<\/script/gi, "<\\/script");
  const template = await readFile(join(root, "src/ui/sidebar.html"), "utf8");
  if (!template.includes("/*CLIENT_JS*/"))
    throw new Error("src/ui/sidebar.html has no /*CLIENT_JS*/ placeholder");
  const html = template.replace("/*CLIENT_JS*/", () => js);
  await writeFile(join(dist, "Sidebar.html"), html);
  return { bytes: Buffer.byteLength(html) };
}

await mkdir(dist, { recursive: true });
const [server, sidebar, cli] = await Promise.all([buildServer(), buildSidebar(), buildCli()]);
await copyFile(join(root, "appsscript.json"), join(dist, "appsscript.json"));
console.log(
  `dist/Code.js: ${server.names.length} функций (${server.names.join(", ")}), ${server.bytes} байт; ` +
    `dist/Sidebar.html: ${sidebar.bytes} байт; dist/appsscript.json; dist/cli.js: ${cli.bytes} байт`,
);
