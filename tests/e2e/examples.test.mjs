// Every widget × every example (components/src/<kind>/examples/*.json), mounted through
// its <yj-…> element on a plain page: settings as attributes, properties as element
// properties, the user's actions, then what must be seen, axe (zero violations), no
// console error, no catalog key shown in place of its words, and every event checked
// against schemas/events.schema.json; an example's `server` answers its endpoint (as
// the browser tests' fake fetch does). Also: two
// of each widget on one light-DOM page share no element id, and the widget reference
// in docs/embedding.md is the one the contract makes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { openExample, expectNoAxeViolations, expectNoErrors } from "./harness.mjs";
import { FOLDERS, EXAMPLES, mountExample, act, launchForExamples, propertyOrder } from "./widget-examples.mjs";
import { reference, current, DOC } from "../../scripts/widget-docs.mjs";

const ajv = new Ajv2020({ allErrors: true, strict: false });
for (const f of ["submission.schema.json", "checklist.schema.json", "expression.schema.json"]) {
  ajv.addSchema(JSON.parse(fs.readFileSync(`schemas/${f}`, "utf8")));
}
const validEvent = ajv.compile(JSON.parse(fs.readFileSync("schemas/events.schema.json", "utf8")));

// Every catalog key: a widget that shows one as text lacks its words (a key left out of
// its module's catalog by scripts/dist-manifest.mjs shows as itself).
const CATALOG_KEYS = new Set(Object.keys(JSON.parse(fs.readFileSync("data/i18n/zh-CN.json", "utf8"))));
const keysShown = (text) => (text.match(/[a-z][a-z0-9_]*(\.[a-z0-9_]+)+/g) ?? []).filter((k) => CATALOG_KEYS.has(k));

const STATUS_TEXT = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 409: "Conflict", 422: "Unprocessable Entity" };

let env;
let list;
before(async () => { ({ env, list } = await launchForExamples()); });
after(async () => { await env?.close(); });

test("every widget folder with examples is a widget of the contract, and the reverse", () => {
  assert.deepEqual(list.map((c) => c.kind).sort(), FOLDERS);
});

test("the widget reference in docs/embedding.md is the contract's", () => {
  assert.equal(current(), reference(list), `${DOC} drifted from the contract: run node scripts/widget-docs.mjs`);
});

for (const { kind, name, ex } of EXAMPLES) {
  test(`${kind} / ${name}: shown, accessible, events as documented`, async () => {
    const page = await openExample(env, "/blank.html");
    await mountExample(page, kind, ex, propertyOrder(list, kind));
    for (const a of ex.actions ?? []) await act(page, a);
    const see = ex.see ?? [];
    // What the example shows and the events it says come: a text may show before the
    // property that makes the event is applied (a template's title), so wait for both.
    await page.waitForFunction(([see, events]) => {
      const text = document.getElementById("widget").shadowRoot.textContent;
      const types = (window.__events ?? []).map((e) => e.detail.type);
      return see.every((s) => text.includes(s)) && events.every((t) => types.includes(t));
    }, [see, ex.events ?? []], { timeout: 5000 }).catch(() => {});
    const state = await page.evaluate((fields) => {
      const root = document.getElementById("widget").shadowRoot;
      const values = Object.fromEntries(Object.keys(fields).map((k) => [k, root.querySelector(`[id$="-${k}"]`)?.value ?? null]));
      return { text: root.textContent, values, events: window.__events };
    }, ex.fields ?? {});
    for (const s of see) assert.ok(state.text.includes(s), `"${s}" not shown`);
    assert.deepEqual(keysShown(state.text), [], "catalog keys shown in place of their words");
    for (const s of ex.absent ?? []) assert.ok(!state.text.includes(s), `"${s}" shown`);
    assert.deepEqual(state.values, ex.fields ?? {});
    const types = state.events.map((e) => e.detail.type);
    for (const t of ex.events ?? []) assert.ok(types.includes(t), `no ${t} event in ${types}`);
    const refused = state.events.filter((e) => e.name === "yj-error" && e.detail.type?.endsWith(".invalid"))
      .map((e) => e.detail.property ?? e.detail.setting).sort();
    assert.deepEqual(refused, [...(ex.refused ?? [])].sort(), "refused settings and properties");
    for (const e of state.events) {
      assert.ok(validEvent(e.detail), `${e.name} ${e.detail.type} does not match events.schema.json: ${ajv.errorsText(validEvent.errors)}`);
    }
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
    await expectNoAxeViolations(page, `${kind} / ${name}`);
    // The browser logs each refusal the canned server answers (a 409 on purpose); nothing else.
    const canned = Object.values(ex.server ?? {}).map((a) => a.status).filter((s) => s >= 400);
    page.errors = page.errors.filter((e) => !canned.some((s) => e === `Failed to load resource: the server responded with a status of ${s} (${STATUS_TEXT[s] ?? ""})`));
    expectNoErrors(page);
    await page.context().close();
  });
}

test("two of each widget on one light-DOM page share no element id", async () => {
  const page = await openExample(env, "/blank.html");
  const kinds = list.map((c) => c.kind);
  await page.evaluate(async (kinds) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = "/yaojian/yaojian.css";
    document.head.append(link);
    await import("/yaojian/yaojian.js");
    for (const kind of kinds) {
      for (let i = 0; i < 2; i++) {
        const el = document.createElement(`yj-${kind}`);
        el.setAttribute("isolation", "light");
        document.querySelector("main").append(el);
      }
    }
  }, kinds);
  await page.waitForFunction((n) => document.querySelectorAll(".yj-embed > *").length === n, kinds.length * 2);
  const duplicates = await page.evaluate(() => {
    const seen = new Map();
    for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  assert.deepEqual(duplicates, []);
  // Each label still names its own field: every for= points at an element of its widget.
  const stray = await page.evaluate(() => [...document.querySelectorAll("label[for]")]
    .filter((l) => !l.closest(".yj-embed").querySelector(`#${CSS.escape(l.htmlFor)}`)).map((l) => l.htmlFor));
  assert.deepEqual(stray, []);
  await expectNoAxeViolations(page, "two of each widget, light DOM");
  expectNoErrors(page);
  await page.context().close();
});
