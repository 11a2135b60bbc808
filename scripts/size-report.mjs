// Size report of dist/: raw, gzip (level 9) and brotli (quality 11) per file and in
// total, then what a page downloads (scripts/page-weights.mjs): each widget alone and
// the bureau's review page (summary + rectification), split into JS, wasm and CSS.
// Prints both tables and a "figure:" line per page (scripts/test.sh repeats them),
// writes DIR/size-report.json, and ends with "brotli total: N bytes".
// Usage: node scripts/size-report.mjs DIR
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { brotli, pageWeights } from "./page-weights.mjs";

const dir = process.argv[2] || "dist";
const files = fs.readdirSync(dir)
  .filter((f) => /\.(js|wasm|css)$/.test(f))
  .sort();
if (files.length === 0) { console.error(`no .js/.wasm/.css files in ${dir}`); process.exit(1); }
const rows = files.map((f) => {
  const body = fs.readFileSync(path.join(dir, f));
  return { file: f, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length, brotli: brotli(body) };
});
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
const width = Math.max(28, ...rows.map((r) => r.file.length + 2));
console.log(`${"file".padEnd(width)}${"raw".padStart(11)}${"gzip".padStart(11)}${"brotli".padStart(11)}`);
for (const r of rows) console.log(`${r.file.padEnd(width)}${kb(r.raw)}${kb(r.gzip)}${kb(r.brotli)}`);
console.log(`${"total of dist/".padEnd(width)}${kb(total.raw)}${kb(total.gzip)}${kb(total.brotli)}`);

const pages = pageWeights(dir);
console.log(`\nwhat a page downloads (brotli)\n${"page".padEnd(40)}${"JS".padStart(11)}${"wasm".padStart(11)}${"CSS".padStart(11)}${"total".padStart(11)}`);
for (const p of pages) console.log(`${p.name.padEnd(40)}${kb(p.js)}${kb(p.wasm)}${kb(p.css)}${kb(p.total)}`);
const short = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const p of pages) {
  const what = p.kinds.map((k) => `<yj-${k}>`).join(" and ");
  console.log(`figure: page with only ${what}: ${short(p.total)} brotli (JS ${short(p.js)}, wasm ${short(p.wasm)}, CSS ${short(p.css)}; module ${p.modules.join(" + ")})`);
}
console.log(`figure: dist/ in all: ${short(total.brotli)} brotli, ${rows.length} files`);
fs.writeFileSync(path.join(dir, "size-report.json"), JSON.stringify({ files: rows, total, pages }, null, 2) + "\n");
console.log(`brotli total: ${total.brotli} bytes`);
