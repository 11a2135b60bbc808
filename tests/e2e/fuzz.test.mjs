// A seeded fuzz test of every widget's contract through its <yj-…> element: random and
// hostile values for each property and setting (wrong types, huge, deep, empty,
// control characters, values JSON cannot hold), in random order, interleaved with
// typing. It asserts that nothing panics, that every refused value gets a yj-error
// whose errors each name a path, that values of the wrong kind are refused, and that
// what the user typed survives every refusal.
//
// Reproduce a run with YJ_FUZZ_SEED=<seed> (printed); YJ_FUZZ_STEPS sets the length.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { launch, openExample } from "./harness.mjs";
import { EXAMPLE_MOUNTS } from "../../scripts/serve.mjs";
import { contracts } from "../../scripts/widget-docs.mjs";

const SEED = Number(process.env.YJ_FUZZ_SEED ?? 20261202);
const STEPS = Number(process.env.YJ_FUZZ_STEPS ?? 40);

/** Each widget's contract, from the wasm's one list: the properties and settings a page can set. */
const CONTRACT = Object.fromEntries((await contracts()).map((c) => [c.kind, {
  properties: c.properties.map((p) => p.name),
  settings: c.settings.map((x) => x.name),
}]));

let env;
before(async () => {
  assert.ok(fs.existsSync("dist/yaojian.js"), "dist/ missing: run scripts/release.sh");
  env = await launch({ mounts: EXAMPLE_MOUNTS });
});
after(async () => { await env?.close(); });

for (const [kind, contract] of Object.entries(CONTRACT)) {
  test(`fuzz <yj-${kind}>: ${STEPS} hostile properties and settings among typing (seed ${SEED})`, async () => {
    const page = await openExample(env, "/index.html");
    const report = await page.evaluate(runFuzz, { kind, contract, seed: SEED + kind.length, steps: STEPS });
    const panics = page.errors.filter((e) => /internal error|unreachable|RuntimeError/.test(e));
    assert.deepEqual(panics, [], `seed ${SEED}: panics\n${report.log.join("\n")}`);
    assert.deepEqual(report.failures, [], `seed ${SEED}: ${report.failures.length} failures\n${report.log.join("\n")}`);
    assert.ok(report.refused > 0 && report.typed > 0, `the run refused ${report.refused} values and typed ${report.typed} times`);
    await page.context().close();
  });
}

/** Runs in the page. Returns what failed and a log of the steps. */
async function runFuzz({ kind, contract, seed, steps }) {
  const api = await import("/yaojian/yaojian.js");
  await api.load();
  let s = seed >>> 0;
  const rnd = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const deep = (n) => { let v = 1; for (let i = 0; i < n; i++) v = [v]; return v; };
  const cyclic = () => { const o = { a: 1 }; o.self = o; return o; };
  const wide = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
  const hostile = "\u0000\u202e\u200b\ufeff\u0007";
  // [name, make(), mustRefuse(property)]: values of the wrong kind must be refused
  // wherever a document is expected (the summary takes any submission batch).
  const docProps = ["template", "benchmark"];
  const valueDoc = kind !== "submissions-summary";
  const VALUES = [
    ["number", () => pick([0, -1, 1e308, 42]), (p) => docProps.includes(p) || (p === "value" && valueDoc)],
    ["boolean", () => pick([true, false]), (p) => docProps.includes(p) || (p === "value" && valueDoc)],
    ["array", () => pick([[], [1, 2], [null]]), (p) => docProps.includes(p) || (p === "value" && valueDoc && kind !== "submissions-summary")],
    ["empty object", () => ({}), () => false],
    ["json text", () => pick(["{", "[[[", '{"a":1,"a":2}', "", "null"]), (p) => false],
    ["huge string", () => "x".repeat(200000), () => false],
    ["huge array", () => Array.from({ length: 5000 }, (_, i) => i), (p) => docProps.includes(p) || (p === "value" && valueDoc)],
    ["wide object", () => wide(2000), (p) => docProps.includes(p)],
    ["deep", () => deep(300), () => true],
    ["control characters", () => pick([hostile, { answers: { name: hostile } }, { rule: hostile }, { schema: hostile }]), () => false],
    ["near valid", () => pick([
      { rule: "dal-116", goods_value: {} }, { rule: "dal-116", goods_value: -5 }, { schema: "yaojian/checklist/1", items: [{}] },
      { template: 5 }, { answers: [] }, { answers: { nope: 1 } }, { schema: "yaojian/form/1", id: "x", sections: "no" },
      { schema: "yaojian/requirements/1", questions: [{ id: "" }] }, { __proto__: { polluted: 1 } },
    ]), () => false],
    ["bigint", () => 10n, () => true],
    ["cyclic", cyclic, () => true],
  ];
  const SETTING_VALUES = ["", "0", "-5", "abc", "{seq:99999}", "{seq", "x".repeat(100000), hostile, "20", "k1", "representative-personal", null];
  const el = document.createElement(`yj-${kind}`);
  const events = [];
  el.addEventListener("yj-error", (e) => events.push(e.detail));
  document.body.append(el);
  const settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  for (let i = 0; i < 50 && !el.shadowRoot?.querySelector(".yj-widget, .yj-embed > *"); i++) await settle();
  const failures = [];
  const log = [];
  let refused = 0, typed = 0;
  // What the user last typed or ticked: { input, prop: "value" | "checked", expected }.
  let typing = null;
  const typeSomething = () => {
    const root = el.shadowRoot;
    const texts = [...(root?.querySelectorAll("input[type=text], input[type=search], input:not([type]), textarea") ?? [])];
    const ticks = [...(root?.querySelectorAll("input[type=checkbox], input[type=radio]") ?? [])];
    if (texts.length && (rnd() < 0.7 || !ticks.length)) {
      const input = pick(texts);
      input.value = pick(["张三", "冷库", "=HYPERLINK(\"x\")", hostile, "9135 0100M000100Y43", "x".repeat(500)]);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      typing = { input, prop: "value", expected: input.value };
    } else if (ticks.length) {
      const input = pick(ticks);
      input.click();
      typing = { input, prop: "checked", expected: input.checked };
    } else {
      typing = null;
      return;
    }
    typed++;
  };
  const check = (what, before) => {
    const mine = events.slice(before);
    for (const d of mine) {
      if (d.type === "widget.failed") failures.push(`${what}: widget failed: ${d.message}`);
      if (!String(d.type).endsWith(".invalid") && d.type !== "draft.unreadable") continue;
      const errs = d.errors ?? [];
      if (d.type !== "draft.unreadable" && (!errs.length || !errs.every((e) => typeof e.path === "string" && e.path.length > 0 && typeof e.message === "string" && e.message.length > 0))) {
        failures.push(`${what}: a yj-error without a path: ${JSON.stringify(d).slice(0, 200)}`);
      }
    }
    return mine.some((d) => String(d.type).endsWith(".invalid"));
  };
  typeSomething();
  for (let step = 0; step < steps; step++) {
    const before = events.length;
    const r = rnd();
    let what, mustRefuse = false, hides = false;
    if (r < 0.55 && contract.properties.length) {
      const name = pick(contract.properties);
      const [label, make, must] = pick(VALUES);
      what = `#${step} ${name} = ${label}`;
      mustRefuse = must(name);
      // A bad template is shown as a panel naming its paths in the form's place (the
      // portal's developer must see it); the answers stay in the draft, not on screen.
      hides = name === "template" && (kind === "self-inspection" || kind === "submissions-summary");
      try { el[name] = make(); } catch (e) { failures.push(`${what}: the setter threw ${e}`); }
    } else if (r < 0.8 && contract.settings.length) {
      const name = pick(contract.settings);
      const v = pick(SETTING_VALUES);
      what = `#${step} @${name} = ${v === null ? "(removed)" : JSON.stringify(v.slice(0, 20))}`;
      if (v === null) el.removeAttribute(name); else el.setAttribute(name, v);
    } else {
      what = `#${step} typing`;
      typeSomething();
      await settle();
      if (typing) typing.expected = typing.input[typing.prop]; // as the widget drew it
    }
    const wasRefused = check(what, before);
    await settle();
    check(`${what} (after render)`, events.length);
    log.push(`${what}${wasRefused ? " → refused" : ""}`);
    if (wasRefused) {
      refused++;
      if (hides) typing = null;
      if (typing && (!typing.input.isConnected || typing.input[typing.prop] !== typing.expected)) {
        const was = JSON.stringify(String(typing.expected).slice(0, 20));
        const now = typing.input.isConnected ? JSON.stringify(String(typing.input[typing.prop]).slice(0, 20)) : "field removed";
        failures.push(`${what}: refused, yet what was typed is gone (${was} → ${now})`);
      }
    } else if (mustRefuse) {
      failures.push(`${what}: a value of the wrong kind was accepted`);
    } else if (!what.endsWith("typing")) {
      typeSomething(); // an accepted change may replace what was typed: type again
    }
    if (!el.shadowRoot?.querySelector(".yj-embed > div")?.childElementCount) failures.push(`${what}: the widget is blank`);
  }
  api.unmount(el);
  return { failures, log, refused, typed };
}
