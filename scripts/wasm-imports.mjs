// Short import names for a wasm module and its wasm-bindgen glue. wasm-bindgen names each
// import after the function it calls and a 16-digit hash (`__wbg_setAttribute_cf6df322f468ae4b`):
// some 130 names per module, whose hashes brotli cannot compress, written twice (the
// wasm's import section and the glue). shortenImports() gives every import wasm-bindgen
// named (`__wbg_…`, `__wbindgen_…`) a short name (`a`, `b`, … `aB`) in both, and refuses a
// glue that does not name each import exactly once, so a module it passes links as before.
// Used by scripts/dist-manifest.mjs; tests/e2e/wasm-imports.test.mjs tests it. Its
// readers of the binary (uleb, readImports) serve scripts/size-profile.mjs too.

/** Whether wasm-bindgen named this import (and its glue defines it). */
const bindgenName = (field) => /^__wb(g|indgen)_[A-Za-z0-9_]+$/.test(field);

/** Reads an unsigned LEB128 at `pos`; returns [value, next position]. */
export function uleb(buf, pos) {
  let value = 0, shift = 0, byte;
  do {
    byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, pos];
}

/** Writes `n` as unsigned LEB128. */
function writeUleb(n) {
  const out = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}

/** A name as the binary writes it: its length, then its UTF-8 bytes. */
const name = (s) => Buffer.concat([writeUleb(Buffer.byteLength(s)), Buffer.from(s, "utf8")]);

/** Skips an import's description (what kind of import, and its type); returns the end. */
function skipDescription(buf, pos) {
  const kind = buf[pos++];
  const limits = (p) => {
    const flags = buf[p++];
    [, p] = uleb(buf, p);
    if (flags & 1) [, p] = uleb(buf, p);
    return p;
  };
  switch (kind) {
    case 0: return uleb(buf, pos)[1]; // function: its type index
    case 1: return limits(pos + 1); // table: element type, limits
    case 2: return limits(pos); // memory: limits
    case 3: return pos + 2; // global: value type, mutability
    case 4: return uleb(buf, pos + 1)[1]; // tag: attribute, type index
    default: throw new Error(`wasm import of unknown kind ${kind}`);
  }
}

/** The imports of an import section whose body runs from `start` to `end`: each one's
 *  module, field, kind (0: a function) and description bytes. */
export function readImports(buf, start, end) {
  let [count, pos] = uleb(buf, start);
  const imports = [];
  while (count--) {
    const [moduleLen, p1] = uleb(buf, pos);
    const [fieldLen, p2] = uleb(buf, p1 + moduleLen);
    const descStart = p2 + fieldLen;
    pos = skipDescription(buf, descStart);
    imports.push({
      module: buf.toString("utf8", p1, p1 + moduleLen),
      field: buf.toString("utf8", p2, descStart),
      kind: buf[descStart],
      description: buf.subarray(descStart, pos),
    });
  }
  if (pos !== end) throw new Error("wasm import section: its length does not match its imports");
  return imports;
}

/** The nth short name: a, b, … z, A, … Z, aa, ab, … */
function shortName(n) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let s = "";
  do {
    s = letters[n % letters.length] + s;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return s;
}

/** The import section's body with each import wasm-bindgen named under a short name
 *  (recorded in `names`, long → short), never one another import already has. */
function renamedImports(imports, names) {
  const taken = new Set(imports.map((i) => i.field).filter((f) => !bindgenName(f)));
  let next = 0;
  const parts = [writeUleb(imports.length)];
  for (const { module, field, description } of imports) {
    while (bindgenName(field) && !names.has(field)) {
      const short = shortName(next++);
      if (!taken.has(short)) names.set(field, short);
    }
    parts.push(name(module), name(names.get(field) ?? field), description);
  }
  return Buffer.concat(parts);
}

/**
 * Gives each import wasm-bindgen named a short name in the wasm and in the glue.
 * Returns { wasm, glue, renamed } (renamed: how many names changed).
 */
export function shortenImports(wasm, glue) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error("not a wasm module");
  const names = new Map();
  const sections = [wasm.subarray(0, 8)];
  let pos = 8;
  while (pos < wasm.length) {
    const id = wasm[pos];
    const [size, start] = uleb(wasm, pos + 1);
    const end = start + size;
    if (id === 2) {
      const body = renamedImports(readImports(wasm, start, end), names);
      sections.push(Buffer.from([2]), writeUleb(body.length), body);
    } else {
      sections.push(wasm.subarray(pos, end));
    }
    pos = end;
  }
  let text = glue;
  for (const [long, short] of names) {
    const uses = text.split(long).length - 1;
    if (uses !== 1) throw new Error(`wasm import ${long}: the glue names it ${uses} times, not once`);
    // The glue names this import exactly once (checked just above, on the text as it is
    // now): its definition, a key of the imports object, where a short name (letters only,
    // a keyword included) is a valid key. Each long name ends in its own hash, so it is no
    // part of the glue's other `__wbg_`/`__wbindgen_` names (`__wbg_init`, `__wbg_ptr`),
    // and if it ever were, the count would stop the release rather than misplace it.
    text = text.replace(long, short);
  }
  return { wasm: Buffer.concat(sections), glue: text, renamed: names.size };
}
