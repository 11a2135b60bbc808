// Issue 37: the built-in self-inspection templates are data files (form-<id>), fetched
// when a widget shows one, in the page's language (the other's texts when switched). The form and the summary have their default template with
// their words and fetch another when a page names it; the builder fetches the one picked
// to start from; the list fetches them all when its import panel is opened. A template
// that cannot be had is said in words and as data.unavailable, and a value given before
// its template is there is checked once it is.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { launch, blankPage, expectNoAxeViolations, expectNoErrors } from "./harness.mjs";
import { EXAMPLE_MOUNTS } from "../../scripts/serve.mjs";
import { langFiles } from "../../scripts/page-weights.mjs";

const manifest = () => JSON.parse(fs.readFileSync("dist/yaojian-manifest.json", "utf8"));
const moduleOf = (kind) => manifest().modules.find((m) => m.kinds.join() === kind);
const title = (id) => JSON.parse(fs.readFileSync(`data/forms/${id}.json`, "utf8")).title["zh-CN"];
const MAH = "mah-representative-management";
const PERSONAL = "representative-personal";
/** Waits (up to 10 s) until `ok()` holds, e.g. for requests the page made. */
async function until(ok, what) {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(ok(), what);
}
// A template's file: whole (`form-<id>.<hash>.json`, the builder's) or cut to a language
// (`form-<id>.<lang>.<hash>.json`).
const isTemplate = (p) => new RegExp(`/form-(?:${MAH}|${PERSONAL})\\.(?:(?:zh-CN|zh-TW|en)\\.)?[0-9a-f]{10}\\.json$`).test(p);
const titleIn = (id, lang) => JSON.parse(fs.readFileSync(`data/forms/${id}.json`, "utf8")).title[lang];

let env;
before(async () => {
  assert.ok(fs.existsSync("dist/yaojian.js"), "dist/ missing: run scripts/release.sh");
  env = await launch({ mounts: EXAMPLE_MOUNTS });
});
after(async () => { await env?.close(); });

test("the form has its default template at once, another when named; a value waits for it", async () => {
  const page = await blankPage(env);
  const m = moduleOf("self-inspection");
  assert.deepEqual(m.onDemand.map((d) => d.name), [`form-${MAH}`]);
  const mah = m.onDemand[0].files["zh-CN"];
  await page.evaluate(() => { add("yj-self-inspection"); });
  await page.waitForSelector(`yj-self-inspection >> h2:has-text("${title(PERSONAL)}")`);
  assert.deepEqual(page.fetched.filter((p) => !p.endsWith("manifest.json")).sort(), langFiles(m, "zh-CN").map((f) => `/yaojian/${f}`).sort());
  // Named while its file cannot be had: said in words and as data.unavailable naming it;
  // the value given meanwhile is taken, not refused.
  let refuse = true;
  await page.route(`**/${mah}`, (route) => (refuse ? route.abort() : route.continue()));
  await page.evaluate((id) => {
    window.si = add("yj-self-inspection", { "template-id": id });
    window.si.value = { answers: { nonesuch: "x" } };
  }, MAH);
  await page.waitForSelector(`yj-self-inspection[template-id="${MAH}"] >> .yj-failure [role=alert]`);
  assert.deepEqual(await page.evaluate(() => window.errors.map((e) => [e.type, e.file])), [["data.unavailable", mah]]);
  await expectNoAxeViolations(page, "a form whose template did not load");
  refuse = false;
  await page.click(`yj-self-inspection[template-id="${MAH}"] >> .yj-failure button`);
  await page.waitForSelector(`yj-self-inspection[template-id="${MAH}"] >> h2:has-text("${title(MAH)}")`);
  // Checked once the template is there: refused then, as it would have been at once.
  await page.waitForFunction(() => window.errors.length === 2);
  const late = await page.evaluate(() => window.errors[1]);
  assert.equal(late.type, "value.invalid");
  assert.ok(late.errors.length > 0 && late.errors.every((e) => e.path.startsWith("$.answers")), JSON.stringify(late.errors));
  assert.equal(page.fetched.filter((p) => p.endsWith(mah)).length, 2, "asked again once");
  const unexpected = page.errors.filter((e) => !/ERR_FAILED|Failed to load resource/.test(e));
  assert.deepEqual(unexpected, []);
  await page.context().close();
});

test("a form given its own template fetches no built-in one; one named by template-id only that one", async () => {
  const page = await blankPage(env);
  const m = moduleOf("self-inspection");
  const own = JSON.parse(fs.readFileSync(`data/forms/${MAH}.json`, "utf8"));
  own.id = "own-form";
  own.title["zh-CN"] = "本局自查表";
  // Set just after the element is added, as a page's script does: not even the default
  // template the module lists beside its wasm is fetched.
  await page.evaluate((t) => { const el = add("yj-self-inspection", { "template-id": "mah-representative-management" }); el.template = t; }, own);
  await page.waitForSelector("yj-self-inspection >> h2:has-text('本局自查表')");
  assert.deepEqual(page.fetched.filter(isTemplate), []);
  // Named by template-id: that one only.
  await page.evaluate((id) => { window.mah = add("yj-self-inspection", { "template-id": id }); }, MAH);
  await page.waitForSelector(`yj-self-inspection[template-id="${MAH}"] >> h2:has-text("${title(MAH)}")`);
  const file = (name) => `/yaojian/${[...m.data, ...m.onDemand].find((d) => d.name === name).files["zh-CN"]}`;
  assert.deepEqual(page.fetched.filter(isTemplate), [file(`form-${MAH}`)]);
  // Switched to the default later: asked for then.
  await page.evaluate((id) => window.mah.setAttribute("template-id", id), PERSONAL);
  await page.waitForSelector(`yj-self-inspection[template-id="${PERSONAL}"] >> h2:has-text("${title(PERSONAL)}")`);
  assert.deepEqual(page.fetched.filter(isTemplate), [file(`form-${MAH}`), file(`form-${PERSONAL}`)]);
  expectNoErrors(page);
  await page.context().close();
});

test("the builder fetches a template to start from when it is picked", async () => {
  const page = await blankPage(env);
  await page.evaluate(() => { add("yj-form-builder"); });
  await page.waitForSelector("yj-form-builder >> [id$='-start']");
  assert.deepEqual(page.fetched.filter(isTemplate), [], "no template before one is picked");
  const names = await page.$$eval("yj-form-builder >> [id$='-start'] option", (os) => os.map((o) => o.textContent));
  assert.deepEqual(names.slice(1), [title(MAH), title(PERSONAL)]);
  await page.selectOption("yj-form-builder >> [id$='-start']", MAH);
  await page.waitForFunction(() => !document.querySelector("yj-form-builder").shadowRoot.querySelector("[id$='-load']").disabled);
  await page.click("yj-form-builder >> [id$='-load']");
  await page.waitForSelector(`yj-form-builder >> .yj-fb__preview h2:has-text("${title(MAH)}")`);
  assert.equal(page.fetched.filter(isTemplate).length, 1);
  expectNoErrors(page);
  await page.context().close();
});

test("the list fetches the templates when its import panel is opened, and imports against them", async () => {
  const page = await blankPage(env);
  await page.evaluate(() => { add("yj-rectification"); });
  await page.waitForSelector("yj-rectification >> details.yj-cl__import > summary");
  assert.deepEqual(page.fetched.filter(isTemplate), [], "no template before the panel is opened");
  await page.click("yj-rectification >> details.yj-cl__import > summary");
  // A submission to a built-in template is read against it (not "no such template"):
  // the button waits for the templates.
  await page.fill("yj-rectification >> [id$='-import-text']", JSON.stringify({ template: { id: MAH, version: "0" }, answers: {} }));
  await until(() => page.fetched.filter(isTemplate).length === 2, "both templates fetched");
  await page.waitForSelector("yj-rectification >> [id$='-import']:not([disabled])");
  await page.click("yj-rectification >> [id$='-import']");
  await page.waitForSelector("yj-rectification >> [id$='-import-errors'] li");
  assert.doesNotMatch(await page.textContent("yj-rectification >> [id$='-import-errors']"), /找不到模板/);
  await expectNoAxeViolations(page, "a list's import panel with errors");
  expectNoErrors(page);
  await page.context().close();
});

test("a template comes in the page's language and gains another's texts when switched, keeping what was typed", async () => {
  const m = moduleOf("self-inspection");
  const files = m.data.find((d) => d.name === `form-${PERSONAL}`).files;
  // Each language's file has the texts of that language and zh-CN's (which the engine
  // requires), no others.
  for (const [lang, file] of Object.entries(files)) {
    const doc = JSON.parse(fs.readFileSync(`dist/${file}`, "utf8"));
    assert.deepEqual(Object.keys(doc.title).sort(), [...new Set(["zh-CN", lang])].sort(), file);
    assert.deepEqual(Object.keys(doc.sections[0].questions[0].label).sort(), Object.keys(doc.title).sort(), file);
  }
  // The builder edits every language of the template it starts from: its files are whole.
  const whole = moduleOf("form-builder").onDemand.find((d) => d.name === `form-${PERSONAL}`).files;
  assert.equal(new Set(Object.values(whole)).size, 1);
  assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(`dist/${whole.en}`, "utf8")).title).sort(), ["en", "zh-CN", "zh-TW"]);

  const page = await blankPage(env);
  await page.evaluate(() => { window.form = add("yj-self-inspection"); });
  await page.waitForSelector(`yj-self-inspection >> h2:has-text("${title(PERSONAL)}")`);
  assert.deepEqual(page.fetched.filter(isTemplate), [`/yaojian/${files["zh-CN"]}`]);
  await page.fill("yj-self-inspection >> input[id$='-name']", "王小明");
  await page.waitForFunction(() => window.form.value?.answers?.name === "王小明");
  await page.evaluate(() => window.form.setAttribute("lang", "en"));
  await page.waitForSelector(`yj-self-inspection >> h2:has-text("${titleIn(PERSONAL, "en")}")`);
  assert.equal(await page.inputValue("yj-self-inspection >> input[id$='-name']"), "王小明");
  assert.equal(await page.evaluate(() => window.form.value?.answers?.name), "王小明");
  assert.deepEqual(page.fetched.filter(isTemplate), [files["zh-CN"], files.en].map((f) => `/yaojian/${f}`));

  // A template fetched when a widget asks gains the new language's texts too.
  const mah = m.onDemand.find((d) => d.name === `form-${MAH}`).files;
  await page.evaluate((id) => { window.mah = add("yj-self-inspection", { "template-id": id }); }, MAH);
  await page.waitForSelector(`yj-self-inspection[template-id="${MAH}"] >> h2:has-text("${title(MAH)}")`);
  await page.evaluate(() => window.mah.setAttribute("lang", "zh-TW"));
  await page.waitForSelector(`yj-self-inspection[template-id="${MAH}"] >> h2:has-text("${titleIn(MAH, "zh-TW")}")`);
  assert.deepEqual(page.fetched.filter((p) => p.includes(`form-${MAH}`)), [mah["zh-CN"], mah["zh-TW"]].map((f) => `/yaojian/${f}`));
  // The first form, still in English, keeps its words.
  assert.ok(await page.$(`yj-self-inspection:not([template-id]) >> h2:has-text("${titleIn(PERSONAL, "en")}")`));
  await expectNoAxeViolations(page, "forms in two languages");
  expectNoErrors(page);
  await page.context().close();
});
