// Builds the browser files Cue serves from public/: sdk.js (window.Cue) and cue-sw.js
// (the push service worker). Both are committed, so `next build` alone serves them; the
// unit test fails when they are older than their sources.
import { gzipSync } from "node:zlib";
import path from "node:path";
import { buildSync } from "esbuild";

export const BUNDLES = [
  { entry: "lib/sdk/browser.ts", output: "public/sdk.js" },
  { entry: "lib/sdk/service-worker.ts", output: "public/cue-sw.js" },
] as const;

export type BuiltFile = { output: string; code: string; bytes: number; gzipBytes: number };

export function buildSdkFiles(root: string): BuiltFile[] {
  return BUNDLES.map(({ entry, output }) => {
    const result = buildSync({
      entryPoints: [path.join(root, entry)],
      bundle: true,
      minify: true,
      format: "iife",
      target: "es2019",
      platform: "browser",
      legalComments: "none",
      // Plain assignments for class fields: smaller than defineProperty helpers, same behaviour here.
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
      banner: { js: `/* Cue browser SDK (${path.basename(output)}), generated from ${entry} by scripts/build-sdk.ts */` },
      write: false,
      logLevel: "silent",
    });
    const code = result.outputFiles[0]!.text;
    return { output, code, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length };
  });
}
