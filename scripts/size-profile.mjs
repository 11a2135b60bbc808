// Where the bytes of a wasm module go, as twiggy's "top" would say (twiggy is not
// installed here): each section, the code and data sections alone after brotli, code
// bytes by crate and by module path, and the largest functions. It reads the function
// names, so give it a wasm with its name section: scripts/build-modules.sh profiles every
// module it builds (wasm-bindgen --keep-debug, before wasm-opt) into
// target/per-widget/out/<module>/profile.json, which scripts/size-report.mjs puts into
// dist/size-report.json. By hand:
//   node scripts/size-profile.mjs FILE.wasm [how many rows]   (the tables)
//   node scripts/size-profile.mjs --json FILE.wasm [rows]      (the profile as JSON)
// Sizes are before wasm-opt (which takes off about a tenth); compare builds with it.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";
import { readImports, uleb as readUleb } from "./wasm-imports.mjs";

/** Rust's legacy mangling (`_ZN3std2io5stdio6_print17h…E`) → `std::io::stdio::_print`;
 * a name without it loses its hash. */
function demangle(s) {
  // Names already demangled keep their hash: `…::assess_one::he6f062cc4c35fec6`.
  if (!s.startsWith("_ZN")) return s.replace(/::h[0-9a-f]{16}$/, "");
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

/** The sections of a wasm module, its function bodies and their names. */
function read(buf) {
  let pos = 8;
  const uleb = () => {
    let value;
    [value, pos] = readUleb(buf, pos);
    return value;
  };
  const name = () => { const n = uleb(); const s = buf.toString("utf8", pos, pos + n); pos += n; return s; };
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
        imported = readImports(buf, pos, end).filter((i) => i.kind === 0).length;
      } else if (id === 10) {
        const count = uleb();
        for (let k = 0; k < count; k++) { const s = uleb(); bodies.push([imported + k, s]); pos += s; }
      }
    }
    pos = end;
  }
  return { bodies, names, sections, raw };
}

// A function belongs to the first crate named in its path, generic arguments included
// (`<serde_json::de::… as serde::de::…>` counts for serde_json, where the work is).
const crateOf = (d) => {
  const m = d.replace(/^(<|&|mut |\s)+/, "").match(/^([A-Za-z_][A-Za-z0-9_]*)/);
  return m ? m[1] : "?";
};
const moduleOf = (d) => d.replace(/^(<|&|mut |\s)+/, "").split(/::|\s/).slice(0, 3).join("::");
const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/**
 * The profile of the wasm in `buf`: its bytes, its sections, the code and data sections
 * after brotli, and the `top` largest crates, module paths and functions by code bytes.
 */
export function profile(buf, top = 20) {
  const { bodies, names, sections, raw } = read(buf);
  const nameOf = (idx) => demangle(names.get(idx) ?? `#${idx}`);
  const group = (key) => {
    const m = new Map();
    for (const [idx, s] of bodies) m.set(key(nameOf(idx)), (m.get(key(nameOf(idx))) ?? 0) + s);
    return [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, bytes]) => ({ name, bytes }));
  };
  return {
    bytes: buf.length,
    functions: bodies.length,
    code_bytes: bodies.reduce((a, [, s]) => a + s, 0),
    code_brotli: brotli(raw[10] ?? Buffer.alloc(0)),
    data_brotli: brotli(raw[11] ?? Buffer.alloc(0)),
    sections: sections.sort((a, b) => b[1] - a[1]).map(([name, bytes]) => ({ name, bytes })),
    crates: group(crateOf),
    modules: group(moduleOf),
    largest: [...bodies].sort((a, b) => b[1] - a[1]).slice(0, top).map(([idx, bytes]) => ({ name: nameOf(idx).slice(0, 200), bytes })),
  };
}

/** The profile as the tables a person reads. */
function print(file, p) {
  const pct = (n) => `${((100 * n) / p.bytes).toFixed(1)}%`;
  const rows = (list) => { for (const { name, bytes } of list) console.log(`  ${String(bytes).padStart(9)}  ${pct(bytes).padStart(6)}  ${name}`); };
  console.log(`${file}: ${p.bytes} bytes, ${p.functions} functions`);
  console.log(`code section alone: ${p.code_brotli} bytes brotli; data section alone: ${p.data_brotli} bytes brotli`);
  console.log("\nsections:");
  rows(p.sections);
  console.log(`\ncode by crate (${p.code_bytes} bytes of code):`);
  rows(p.crates);
  console.log("\ncode by module:");
  rows(p.modules);
  console.log("\nlargest functions:");
  rows(p.largest.map(({ name, bytes }) => ({ name: name.slice(0, 140), bytes })));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const json = process.argv[2] === "--json";
  const [file, top = json ? 20 : 30] = process.argv.slice(json ? 3 : 2);
  const p = profile(readFileSync(file), Number(top));
  if (json) console.log(JSON.stringify(p, null, 1));
  else print(file, p);
}
