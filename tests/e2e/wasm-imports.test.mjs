// scripts/wasm-imports.mjs: the short import names dist/ ships. A module and its glue
// renamed together still link, and each import still reaches its own function; a glue
// that does not name an import exactly once is refused, and imports wasm-bindgen did not
// name keep their names.
import { test } from "node:test";
import assert from "node:assert/strict";
import { shortenImports } from "../../scripts/wasm-imports.mjs";

const hash = (i) => i.toString(16).padStart(16, "0");
const F = `__wbg_forty_${hash(0xabc)}`;
const G = `__wbindgen_one_${hash(0xdef)}`;

/** Unsigned LEB128, as the binary format writes counts, sizes and indices. */
function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

/** A wasm module importing `names` (each () -> i32) from "./x_bg.js" and exporting `run`,
 *  which folds what they return in order (acc * 31 + f_i): any two imports swapped give
 *  another number, so a name paired with the wrong function shows. */
function moduleImporting(names) {
  const bytes = (s) => [...leb(Buffer.byteLength(s)), ...Buffer.from(s)];
  const section = (id, content) => [id, ...leb(content.length), ...content];
  const imports = names.flatMap((n) => [...bytes("./x_bg.js"), ...bytes(n), 0, 0]);
  const fold = names.flatMap((_, i) => [0x41, 31, 0x6c, 0x10, ...leb(i), 0x6a]);
  const body = [0, 0x41, 0, ...fold, 0x0b];
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [1, 0x60, 0, 1, 0x7f]),
    ...section(2, [...leb(names.length), ...imports]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...bytes("run"), 0, ...leb(names.length)]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
}

/** What `run` gives when the imports return `values`, in order. */
const folded = (values) => values.reduce((acc, v) => (Math.imul(acc, 31) + v) | 0, 0);

/** A glue whose `imports` object gives import `names[i]` a function returning `values[i]`. */
const glueOf = (names, values) =>
  `export const imports = { "./x_bg.js": { ${names.map((n, i) => `${n}: () => ${values[i]}`).join(", ")} } };`;

/** Runs a glue's text as a module: it exports `imports`, the object a wasm links with. */
const load = (glue) => import(`data:text/javascript,${encodeURIComponent(glue)}`);

const importNames = (wasm) => WebAssembly.Module.imports(new WebAssembly.Module(wasm)).map((i) => i.name);

async function run(wasm, glue) {
  const { instance } = await WebAssembly.instantiate(wasm, (await load(glue)).imports);
  return instance.exports.run();
}

test("a module and its glue renamed together link, each import reaching its own function", async () => {
  const names = [F, G], values = [41, 1];
  const { wasm, glue, renamed } = shortenImports(moduleImporting(names), glueOf(names, values));
  assert.equal(renamed, 2);
  assert.deepEqual(importNames(wasm), ["a", "b"]);
  assert.ok(!glue.includes("__wb"), glue);
  assert.equal(await run(wasm, glue), folded(values));
  assert.notEqual(folded(values), folded([...values].reverse()), "the test would not see a swap");
});

test("two hundred imports: counts and sizes of more than one byte, names of two letters", async () => {
  const names = Array.from({ length: 200 }, (_, i) => `__wbg_f${i}_${hash(i)}`);
  const values = names.map((_, i) => i * 7 + 3);
  const { wasm, glue, renamed } = shortenImports(moduleImporting(names), glueOf(names, values));
  assert.equal(renamed, 200);
  const short = importNames(wasm);
  assert.equal(new Set(short).size, 200);
  assert.ok(short.every((n) => /^[a-zA-Z]{1,2}$/.test(n)), short.join(" "));
  assert.equal(await run(wasm, glue), folded(values));
});

test("imports wasm-bindgen did not name keep their names, and no short name takes one", async () => {
  const names = ["a", F], values = [40, 2];
  const { wasm, glue } = shortenImports(moduleImporting(names), glueOf(names, values));
  assert.deepEqual(importNames(wasm), ["a", "b"]);
  assert.equal(await run(wasm, glue), folded(values));
});

test("a glue that names an import twice, or never, is refused", () => {
  const wasm = moduleImporting([F, G]);
  assert.throws(() => shortenImports(wasm, `${F} ${F} ${G}`), /names it 2 times/);
  assert.throws(() => shortenImports(wasm, `${F}`), /names it 0 times/);
  assert.throws(() => shortenImports(Buffer.from("not wasm"), ""), /not a wasm module/);
});
