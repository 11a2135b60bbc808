// Every widget × every example (components/src/<kind>/examples/*.json), mounted through
// its <yj-…> element on a plain page: settings as attributes, properties as element
// properties, the user's actions, then what must be seen, axe (zero violations), no
// console error, and every event checked against schemas/events.schema.json; an
// example's `server` answers its endpoint (as the browser tests' fake fetch does). Also: two
// of each widget on one light-DOM page share no element id, and the widget reference
// in docs/embedding.md is the one the contract makes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { launch, openExample, expectNoAxeViolations, expectNoErrors } from "./harness.mjs";
import { EXAMPLE_MOUNTS } from "../../scripts/serve.mjs";
import { contracts, reference, current, DOC } from "../../scripts/widget-docs.mjs";

const SRC = "components/src";
const FOLDERS = fs.readdirSync(SRC).filter((d) => fs.existsSync(`${SRC}/${d}/examples`)).sort();
const EXAMPLES = FOLDERS.flatMap((kind) => fs.readdirSync(`${SRC}/${kind}/examples`).sort()
  .map((f) => ({ kind, name: f.replace(/\.json$/, ""), ex: JSON.parse(fs.readFileSync(`${SRC}/${kind}/examples/${f}`, "utf8")) })));

const ajv = new Ajv2020({ allErrors: true, strict: false });
for (const f of ["submission.schema.json", "checklist.schema.json", "expression.schema.json"]) {
  ajv.addSchema(JSON.parse(fs.readFileSync(`schemas/${f}`, "utf8")));
}
const validEvent = ajv.compile(JSON.parse(fs.readFileSync("schemas/events.schema.json", "utf8")));

const STATUS_TEXT = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 409: "Conflict", 422: "Unprocessable Entity" };

let env;
let list;
before(async () => {
  assert.ok(fs.existsSync("dist/yaojian.js"), "dist/ missing: run scripts/release.sh");
  list = await contracts();
  env = await launch({ mounts: { ...EXAMPLE_MOUNTS, "/blank.html": "tests/e2e/blank.html" } });
});
after(async () => { await env?.close(); });

test("every widget folder with examples is a widget of the contract, and the reverse", () => {
  assert.deepEqual(list.map((c) => c.kind).sort(), FOLDERS);
});

test("the widget reference in docs/embedding.md is the contract's", () => {
  assert.equal(current(), reference(list), `${DOC} drifted from the contract: run node scripts/widget-docs.mjs`);
});

/** Answers the widget's `endpoint` from the example's canned `server` answers, by method
 * and path under it (query left out); anything else is 404. */
async function cannedServer(page, ex) {
  if (!ex.server) return;
  const base = ex.settings?.endpoint ?? "/api/v1";
  await page.route(`**${base}/**`, (route) => {
    const req = route.request();
    const path = new URL(req.url()).pathname.split(base)[1] ?? "";
    const a = ex.server[`${req.method()} ${path}`];
    return route.fulfill(a ? { status: a.status, contentType: "application/json", body: JSON.stringify(a.body) }
      : { status: 404, contentType: "application/json", body: '{"errors":[]}' });
  });
}

/** Mounts <yj-kind> with the example's settings and properties; resolves once rendered. */
async function mountExample(page, kind, ex, order) {
  await cannedServer(page, ex);
  await page.evaluate(async ({ kind, ex, order }) => {
    window.__events = [];
    await import("/yaojian/yaojian.js");
    const el = document.createElement(`yj-${kind}`);
    el.id = "widget";
    for (const [k, v] of Object.entries(ex.settings ?? {})) el.setAttribute(k, v);
    for (const name of ["yj-change", "yj-error", "yj-submit", "yj-draft-saved"]) {
      el.addEventListener(name, (e) => window.__events.push({ name, detail: e.detail }));
    }
    document.querySelector("main").append(el);
    for (const p of order) if (ex.properties?.[p] !== undefined) el[p] = ex.properties[p];
  }, { kind, ex, order });
  await page.waitForFunction(() => document.getElementById("widget").shadowRoot?.querySelector(".yj-embed > *"));
}

async function act(page, a) {
  if (a.click !== undefined) {
    const exact = new RegExp(`^\\s*${a.click.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
    await page.locator("#widget button").filter({ hasText: exact }).first().click();
  } else if (a.fill !== undefined) {
    const field = page.locator(`#widget [id$="-${a.fill}"]`).first();
    if (await field.evaluate((e) => e.tagName === "SELECT")) await field.selectOption(a.value);
    else await field.fill(a.value);
  } else if (a.check !== undefined) {
    await page.locator(`#widget [id$="-${a.check}"]`).first().click();
  } else {
    throw new Error(`unknown action ${JSON.stringify(a)}`);
  }
}

for (const { kind, name, ex } of EXAMPLES) {
  test(`${kind} / ${name}: shown, accessible, events as documented`, async () => {
    const page = await openExample(env, "/blank.html");
    const contract = list.find((c) => c.kind === kind);
    await mountExample(page, kind, ex, contract.properties.map((p) => p.name));
    for (const a of ex.actions ?? []) await act(page, a);
    const see = ex.see ?? [];
    await page.waitForFunction((see) => {
      const text = document.getElementById("widget").shadowRoot.textContent;
      return see.every((s) => text.includes(s));
    }, see, { timeout: 5000 }).catch(() => {});
    const state = await page.evaluate((fields) => {
      const root = document.getElementById("widget").shadowRoot;
      const values = Object.fromEntries(Object.keys(fields).map((k) => [k, root.querySelector(`[id$="-${k}"]`)?.value ?? null]));
      return { text: root.textContent, values, events: window.__events };
    }, ex.fields ?? {});
    for (const s of see) assert.ok(state.text.includes(s), `"${s}" not shown`);
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
