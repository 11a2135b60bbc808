// scripts/glue-strings.mjs: the glue's string reader with short ASCII strings built in
// JavaScript reads every string as wasm-bindgen's reader does (short and long, ASCII or
// not, at any place in memory), leaves the decoder out only for short ASCII strings, and
// a glue without wasm-bindgen's reader, or with it twice, is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BINDGEN_READER, readShortStringsInJs } from "../../scripts/glue-strings.mjs";

/** A glue as wasm-bindgen writes one, around its string reader, over a memory we fill. */
const GLUE = `let memory = new Uint8Array(0);
function getUint8ArrayMemory0() { return memory; }
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
let decoderCalls = 0;
function decodeText(bytes) { decoderCalls += 1; return decoder.decode(bytes); }
${BINDGEN_READER}
return { fill(bytes) { memory = bytes; }, read: getStringFromWasm0, decoderCalls: () => decoderCalls };`;

const load = (glue) => new Function(glue)();

/** Every string at its own offset in one memory, after a byte sequence that is not ASCII. */
function memoryOf(strings) {
  const encoder = new TextEncoder();
  const chunks = [encoder.encode("前")];
  const places = [];
  let at = chunks[0].length;
  for (const s of strings) {
    const bytes = encoder.encode(s);
    places.push([at, bytes.length]);
    chunks.push(bytes);
    at += bytes.length;
  }
  const memory = new Uint8Array(at);
  let offset = 0;
  for (const c of chunks) { memory.set(c, offset); offset += c.length; }
  return { memory, places };
}

const STRINGS = [
  "", "a", "class", "yj-si__question", "false", "第 1 项：是否存在问题", "（选填）", "否",
  "a否", "否a", "\u007f", "\u0000abc", "tab\there", "emoji 😀", "é",
  "x".repeat(63), "x".repeat(64), "x".repeat(65), "y".repeat(62) + "否", "z".repeat(300),
  "长".repeat(40), JSON.stringify({ files: ["penalty-rules.json"], lang: "zh-CN" }),
];

test("reads every string as wasm-bindgen's own reader does", () => {
  const { memory, places } = memoryOf(STRINGS);
  const theirs = load(GLUE);
  const ours = load(readShortStringsInJs(GLUE));
  theirs.fill(memory);
  ours.fill(memory);
  places.forEach(([ptr, len], i) => {
    assert.equal(ours.read(ptr, len), STRINGS[i], `string ${i}`);
    assert.equal(ours.read(ptr, len), theirs.read(ptr, len), `string ${i}`);
  });
});

test("leaves the decoder out only for ASCII strings under 64 bytes", () => {
  const { memory, places } = memoryOf(STRINGS);
  const ours = load(readShortStringsInJs(GLUE));
  ours.fill(memory);
  places.forEach(([ptr, len], i) => {
    const before = ours.decoderCalls();
    ours.read(ptr, len);
    const shortAscii = len < 64 && /^[\u0000-\u007f]*$/.test(STRINGS[i]);
    assert.equal(ours.decoderCalls() - before, shortAscii ? 0 : 1, `string ${i} (${len} bytes)`);
  });
});

test("refuses a glue without wasm-bindgen's reader, or with it twice", () => {
  assert.throws(() => readShortStringsInJs(GLUE.replace("ptr = ptr >>> 0;", "ptr >>>= 0;")), /found 0 times/);
  assert.throws(() => readShortStringsInJs(GLUE + "\n" + BINDGEN_READER), /found 2 times/);
});
