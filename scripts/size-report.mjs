// Size report of a bundle directory: raw, gzip (level 9) and brotli (quality 11) per
// file and in total. Prints a table, writes DIR/size-report.json, and ends with the
// line "brotli total: N bytes" that scripts/test.sh repeats.
// Usage: node scripts/size-report.mjs DIR
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dir = process.argv[2] || "dist";
const files = fs.readdirSync(dir)
  .filter((f) => /\.(js|wasm|css)$/.test(f))
  .sort();
if (files.length === 0) { console.error(`no .js/.wasm/.css files in ${dir}`); process.exit(1); }
const rows = files.map((f) => {
  const body = fs.readFileSync(path.join(dir, f));
  return {
    file: f,
    raw: body.length,
    gzip: zlib.gzipSync(body, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length,
  };
});
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
console.log(`${"file".padEnd(28)}${"raw".padStart(11)}${"gzip".padStart(11)}${"brotli".padStart(11)}`);
for (const r of rows) console.log(`${r.file.padEnd(28)}${kb(r.raw)}${kb(r.gzip)}${kb(r.brotli)}`);
console.log(`${"total".padEnd(28)}${kb(total.raw)}${kb(total.gzip)}${kb(total.brotli)}`);
fs.writeFileSync(path.join(dir, "size-report.json"), JSON.stringify({ files: rows, total }, null, 2) + "\n");
console.log(`brotli total: ${total.brotli} bytes`);
