// The widgets' examples (components/src/<kind>/examples/*.json) and how a test mounts
// one on a plain page and plays its actions; shared by examples.test.mjs and
// phone.test.mjs.
import assert from "node:assert/strict";
import fs from "node:fs";
import { launch } from "./harness.mjs";
import { EXAMPLE_MOUNTS } from "../../scripts/serve.mjs";
import { contracts } from "../../scripts/widget-docs.mjs";

export const SRC = "components/src";
export const FOLDERS = fs.readdirSync(SRC).filter((d) => fs.existsSync(`${SRC}/${d}/examples`)).sort();
export const EXAMPLES = FOLDERS.flatMap((kind) => fs.readdirSync(`${SRC}/${kind}/examples`).sort()
  .map((f) => ({ kind, name: f.replace(/\.json$/, ""), ex: JSON.parse(fs.readFileSync(`${SRC}/${kind}/examples/${f}`, "utf8")) })));

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
export async function mountExample(page, kind, ex, order) {
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

export async function act(page, a) {
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


/** The browser and a server of dist/ and the blank page the examples mount on, with the
 * widgets' contracts (`list`). */
export async function launchForExamples() {
  assert.ok(fs.existsSync("dist/yaojian.js"), "dist/ missing: run scripts/release.sh");
  const list = await contracts();
  const env = await launch({ mounts: { ...EXAMPLE_MOUNTS, "/blank.html": "tests/e2e/blank.html" } });
  return { env, list };
}

/** The names of the properties of `kind`, in the contract's order. */
export const propertyOrder = (list, kind) => list.find((c) => c.kind === kind).properties.map((p) => p.name);
