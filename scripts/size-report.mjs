// Size report of dist/: raw, gzip (level 9) and brotli (quality 11) per file and in
// total, then what a page downloads (scripts/page-weights.mjs): each widget alone and
// the bureau's review page (summary + rectification), split into JS, wasm, data (the
// catalog in the default language) and CSS.
// Prints both tables and a "figure:" line per page (scripts/test.sh repeats them),
// writes DIR/size-report.json (with, from PROFILES/<module>/profile.json, where each
// module's bytes go: scripts/build-modules.sh), and ends with "brotli total: N bytes".
// Usage: node scripts/size-report.mjs DIR [PROFILES]
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { brotli, pageWeights } from "./page-weights.mjs";

const dir = process.argv[2] || "dist";
const profilesDir = process.argv[3];
const files = fs.readdirSync(dir)
  .filter((f) => /\.(js|wasm|css)$/.test(f) || /\.[0-9a-f]{10}\.json$/.test(f))
  .sort();
if (files.length === 0) { console.error(`no .js/.wasm/.css/data files in ${dir}`); process.exit(1); }
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
console.log(`\nwhat a page downloads (brotli)\n${"page".padEnd(40)}${"JS".padStart(11)}${"wasm".padStart(11)}${"data".padStart(11)}${"CSS".padStart(11)}${"total".padStart(11)}`);
for (const p of pages) console.log(`${p.name.padEnd(40)}${kb(p.js)}${kb(p.wasm)}${kb(p.data)}${kb(p.css)}${kb(p.total)}`);
const short = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const p of pages) {
  const what = p.kinds.map((k) => `<yj-${k}>`).join(" and ");
  console.log(`figure: page with only ${what}: ${short(p.total)} brotli (JS ${short(p.js)}, wasm ${short(p.wasm)}, data ${short(p.data)}, CSS ${short(p.css)}; module ${p.modules.join(" + ")})`);
}
console.log(`figure: dist/ in all: ${short(total.brotli)} brotli, ${rows.length} files`);
// Each module's profile: its largest crates and functions, before wasm-opt.
const profiles = {};
for (const m of profilesDir && fs.existsSync(profilesDir) ? fs.readdirSync(profilesDir).sort() : []) {
  const f = path.join(profilesDir, m, "profile.json");
  if (fs.existsSync(f)) profiles[m] = JSON.parse(fs.readFileSync(f, "utf8"));
}
for (const [m, p] of Object.entries(profiles)) {
  const top = p.crates.slice(0, 5).map((c) => `${c.name} ${(c.bytes / 1024).toFixed(0)} KB`).join(", ");
  console.log(`figure: module ${m}: code ${(p.code_brotli / 1024).toFixed(1)} KB, data ${(p.data_brotli / 1024).toFixed(1)} KB brotli (before wasm-opt); largest crates: ${top}`);
}
fs.writeFileSync(path.join(dir, "size-report.json"), JSON.stringify({ files: rows, total, pages, profiles }, null, 2) + "\n");
console.log(`brotli total: ${total.brotli} bytes`);
