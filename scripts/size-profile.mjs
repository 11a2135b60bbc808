// Where the bytes of the wasm bundle go, as twiggy's "top" would say (twiggy is not
// installed here): each section, the code and data sections alone after brotli, code
// bytes by crate and by module path, and the largest functions. It reads the function
// names, so give it the release wasm before wasm-opt with its name section kept:
//   cargo build -p yaojian-components --lib --release --target wasm32-unknown-unknown
//   wasm-bindgen target/wasm32-unknown-unknown/release/yaojian_components.wasm --target web \
//     --out-dir target/size-profile --out-name yaojian_core --no-typescript --keep-debug
//   node scripts/size-profile.mjs target/size-profile/yaojian_core_bg.wasm [how many rows]
// Sizes are before wasm-opt (which takes off about a tenth); compare builds with it.
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";

const file = process.argv[2];
const top = Number(process.argv[3] ?? 30);
const buf = readFileSync(file);
let pos = 8;

function uleb() {
  let result = 0, shift = 0, byte;
  do {
    byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return result;
}
const name = () => { const n = uleb(); const s = buf.toString("utf8", pos, pos + n); pos += n; return s; };

/** Rust's legacy mangling (`_ZN3std2io5stdio6_print17h…E`) → `std::io::stdio::_print`. */
function demangle(s) {
  if (!s.startsWith("_ZN")) return s;
  const parts = [];
  let i = 3;
  while (i < s.length && s[i] !== "E") {
    let j = i;
    while (/[0-9]/.test(s[j])) j++;
    const n = Number(s.slice(i, j));
    if (!n) break;
    parts.push(s.slice(j, j + n));
    i = j + n;
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? "")) parts.pop();
  return parts.join("::").replace(/\$LT\$/g, "<").replace(/\$GT\$/g, ">").replace(/\$u20\$/g, " ")
    .replace(/\$RF\$/g, "&").replace(/\$C\$/g, ",").replace(/\$u7b\$/g, "{").replace(/\$u7d\$/g, "}")
    .replace(/\.\./g, "::");
}

let imported = 0;
const bodies = [];
const names = new Map();
const sections = [];
const raw = {};
while (pos < buf.length) {
  const id = buf[pos++];
  const size = uleb();
  const end = pos + size;
  if (id === 0) {
    const n = name();
    sections.push([`custom ${n}`, size]);
    if (n === "name") {
      while (pos < end) {
        const sub = buf[pos++];
        const subSize = uleb();
        const subEnd = pos + subSize;
        if (sub === 1) {
          const count = uleb();
          for (let k = 0; k < count; k++) { const idx = uleb(); names.set(idx, name()); }
        }
        pos = subEnd;
      }
    }
  } else {
    raw[id] = buf.subarray(pos, end);
    sections.push([["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "data count"][id] ?? `#${id}`, size]);
    if (id === 2) {
      const count = uleb();
      for (let k = 0; k < count; k++) {
        name(); name();
        const kind = buf[pos++];
        if (kind === 0) { uleb(); imported++; }
        else if (kind === 1) { pos++; const f = buf[pos++]; uleb(); if (f & 1) uleb(); }
        else if (kind === 2) { const f = buf[pos++]; uleb(); if (f & 1) uleb(); }
        else if (kind === 3) { pos += 2; }
      }
    } else if (id === 10) {
      const count = uleb();
      for (let k = 0; k < count; k++) { const s = uleb(); bodies.push([imported + k, s]); pos += s; }
    }
  }
  pos = end;
}

const total = buf.length;
const pct = (n) => `${((100 * n) / total).toFixed(1)}%`;
console.log(`${file}: ${total} bytes, ${bodies.length} functions`);
const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log(`code section alone: ${brotli(raw[10])} bytes brotli; data section alone: ${brotli(raw[11] ?? Buffer.alloc(0))} bytes brotli`);
console.log("\nsections:");
for (const [n, s] of sections.sort((a, b) => b[1] - a[1])) console.log(`  ${String(s).padStart(9)}  ${pct(s).padStart(6)}  ${n}`);

// A function belongs to the first crate named in its path, generic arguments included
// (`<serde_json::de::… as serde::de::…>` counts for serde_json, where the work is).
const crateOf = (d) => {
  const m = d.replace(/^(<|&|mut |\s)+/, "").match(/^([A-Za-z_][A-Za-z0-9_]*)/);
  return m ? m[1] : "?";
};
const moduleOf = (d) => d.replace(/^(<|&|mut |\s)+/, "").split(/::|\s/).slice(0, 3).join("::");
const group = (key) => {
  const m = new Map();
  for (const [idx, s] of bodies) {
    const k = key(demangle(names.get(idx) ?? `#${idx}`));
    m.set(k, (m.get(k) ?? 0) + s);
  }
  return [...m].sort((a, b) => b[1] - a[1]);
};
const code = bodies.reduce((a, [, s]) => a + s, 0);
console.log(`\ncode by crate (${code} bytes of code):`);
for (const [k, s] of group(crateOf).slice(0, top)) console.log(`  ${String(s).padStart(9)}  ${pct(s).padStart(6)}  ${k}`);
console.log("\ncode by module:");
for (const [k, s] of group(moduleOf).slice(0, top)) console.log(`  ${String(s).padStart(9)}  ${pct(s).padStart(6)}  ${k}`);
console.log("\nlargest functions:");
for (const [idx, s] of [...bodies].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`  ${String(s).padStart(9)}  ${pct(s).padStart(6)}  ${demangle(names.get(idx) ?? `#${idx}`).slice(0, 140)}`);
}
