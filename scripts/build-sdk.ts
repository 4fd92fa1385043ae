// Writes public/sdk.js and public/cue-sw.js from lib/sdk (npm run build:sdk).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { buildSdkFiles } from "../lib/sdk/bundle";

const root = path.resolve(__dirname, "..");
for (const file of buildSdkFiles(root)) {
  writeFileSync(path.join(root, file.output), file.code);
  console.log(`${file.output}  ${(file.bytes / 1024).toFixed(1)} KB minified, ${(file.gzipBytes / 1024).toFixed(1)} KB gzip`);
}
