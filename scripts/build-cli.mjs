// Builds the local edition's command line into dist/cli.js — the `nastavnik` bin of package.json.
// Node ESM; the npm dependencies stay external (installed next to the package), the project's own
// sources are bundled. Run by scripts/build.mjs, or alone: npm run build:cli.
import { chmod, mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export async function buildCli() {
  const outfile = join(root, "dist/cli.js");
  await mkdir(dirname(outfile), { recursive: true });
  const result = await esbuild.build({
    entryPoints: [join(root, "src/local/cli.ts")],
    bundle: true,
    outfile,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    charset: "utf8",
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
  });
  await chmod(outfile, 0o755);
  return { bytes: result.metafile.outputs["dist/cli.js"]?.bytes ?? 0 };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { bytes } = await buildCli();
  console.log(`dist/cli.js: ${bytes} байт`);
}
