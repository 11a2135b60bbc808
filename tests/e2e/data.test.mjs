// Issue 37: the words and the statute data are data, not code. No widget's wasm carries
// a catalog or the penalty rule table, circumstances, benchmark or translations; each
// module has a catalog per language in dist/ with only its widgets' words (and the
// shared and the engine's), and lists the data files its widgets need, fetched in the
// page's language (the translations only where the page is not in zh-CN). A file that
// cannot be had is said in words, fired as yj-error "data.unavailable" naming the file,
// and fetched again when asked, and what was typed stays. A portal may host the files
// itself (data-base).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { launch, blankPage, expectNoAxeViolations, expectNoErrors } from "./harness.mjs";
import { EXAMPLE_MOUNTS } from "../../scripts/serve.mjs";
import { langFiles } from "../../scripts/page-weights.mjs";

const manifest = () => JSON.parse(fs.readFileSync("dist/yaojian-manifest.json", "utf8"));
const catalog = (file) => JSON.parse(fs.readFileSync(`dist/${file}`, "utf8"));
const prefixes = (words) => new Set(Object.keys(words).map((k) => k.split(".")[0]));

let env;
before(async () => {
  assert.ok(fs.existsSync("dist/yaojian.js"), "dist/ missing: run scripts/release.sh");
  env = await launch({ mounts: EXAMPLE_MOUNTS });
});
after(async () => { await env?.close(); });

test("no wasm carries words; each module's catalog has its widgets' words and no other widget's", () => {
  const own = { "penalty-calculator": "pc", "self-inspection": "si", "submissions-summary": "fs", rectification: "cl", requirements: "rq", "form-builder": "fb" };
  for (const m of manifest().modules) {
    // Of the module's longer texts, next to none is in its wasm (the few that are, are
    // also the text of a rule, a template or a contract: 统一社会信用代码). The examples
    // a widget offers (the calculator's sample cases) are in its wasm, with the texts
    // they say it shows: those are not counted.
    const wasm = fs.readFileSync(`dist/${m.wasm}`);
    const examples = m.kinds.flatMap((k) => fs.readdirSync(`components/src/${k}/examples`).map((f) => fs.readFileSync(`components/src/${k}/examples/${f}`, "utf8"))).join("\n");
    const texts = Object.values(catalog(m.catalogs["zh-CN"])).filter((t) => Buffer.byteLength(t) >= 18);
    const carried = texts.filter((t) => wasm.indexOf(Buffer.from(t)) >= 0 && !examples.includes(t));
    assert.ok(texts.length > 100, `${m.name}: its catalog`);
    assert.ok(carried.length < texts.length / 20, `${m.wasm} carries ${carried.length} of its ${texts.length} texts: ${carried.slice(0, 20).join(" / ")}`);
    assert.deepEqual(Object.keys(m.catalogs).sort(), ["en", "zh-CN", "zh-TW"], `${m.name}: a catalog per language`);
    const words = prefixes(catalog(m.catalogs["zh-CN"]));
    for (const kind of m.kinds) assert.ok(words.has(own[kind]), `${m.name}: the words of ${kind}`);
    for (const shared of ["common", "error"]) assert.ok(words.has(shared), `${m.name}: the ${shared} words`);
    assert.ok(!words.has("portal"), `${m.name}: the demo portal's words`);
    for (const [kind, p] of Object.entries(own)) {
      // The builder's preview is the form widget, so its module carries the form's words.
      const carried = m.kinds.includes(kind) || (kind === "self-inspection" && m.kinds.includes("form-builder"));
      assert.equal(words.has(p), carried, `${m.name}: words of ${kind}`);
    }
    // The same keys in every language.
    const keys = Object.keys(catalog(m.catalogs["zh-CN"])).sort();
    for (const lang of ["zh-TW", "en"]) assert.deepEqual(Object.keys(catalog(m.catalogs[lang])).sort(), keys, `${m.name} ${lang}`);
  }
});

test("no wasm carries the penalty data; each module lists the files its widgets need", () => {
  const needs = {
    "penalty-calculator": ["penalty-rules", "penalty-circumstances", "penalty-benchmark", "penalty-titles"],
    requirements: ["requirements-drug-production-licence"],
    rectification: ["penalty-rules", "penalty-titles"],
    "form-builder": ["penalty-rules", "penalty-titles"],
    "self-inspection": ["penalty-rules", "form-representative-personal"],
    "submissions-summary": ["penalty-rules", "form-representative-personal"],
  };
  const rules = JSON.parse(fs.readFileSync("data/penalty/drug-law-2019.rules.json", "utf8"));
  const circumstances = JSON.parse(fs.readFileSync("data/penalty/circumstances.json", "utf8"));
  const titles = JSON.parse(fs.readFileSync("data/penalty/drug-law-2019.i18n.json", "utf8"));
  // Texts only the data files have: a rule's statute text, a circumstance's label, a title in English.
  const probes = [rules.rules[3].text, circumstances.circumstances[0].label["zh-CN"], Object.values(titles.texts)[5].en];
  for (const m of manifest().modules) {
    const wasm = fs.readFileSync(`dist/${m.wasm}`);
    for (const p of probes) assert.equal(wasm.indexOf(Buffer.from(p)), -1, `${m.wasm} carries "${p.slice(0, 30)}"`);
    const want = [...new Set(m.kinds.flatMap((k) => needs[k]))];
    assert.deepEqual(m.data.map((d) => d.name).sort(), want.sort(), `${m.name}: its data files`);
    for (const d of m.data) {
      // The translations: none in zh-CN (the table's language), each file only its language's.
      assert.deepEqual(Object.keys(d.files).sort(), d.name === "penalty-titles" ? ["en", "zh-TW"] : ["en", "zh-CN", "zh-TW"]);
      if (d.name !== "penalty-titles") continue;
      for (const [lang, file] of Object.entries(d.files)) {
        const langs = new Set(Object.values(catalog(file).texts).flatMap((t) => Object.keys(t)));
        assert.deepEqual([...langs], [lang], file);
      }
    }
  }
});

const moduleOf = (kind) => manifest().modules.find((m) => m.kinds.join() === kind);

test("a widget fetches its words and data in its language only, and the other language's when switched", async () => {
  const page = await blankPage(env);
  const m = moduleOf("penalty-calculator");
  await page.evaluate(() => { window.calc = add("yj-penalty-calculator", { lang: "en" }); });
  await page.waitForSelector("yj-penalty-calculator >> text=Step 1: the violation");
  const json = () => page.fetched.filter((p) => p.includes(".json") && !p.endsWith("manifest.json"));
  assert.deepEqual(json().sort(), langFiles(m, "en").map((f) => `/yaojian/${f}`).sort());
  // The rule titles are the English ones the translations file gave.
  const titles = JSON.parse(fs.readFileSync("data/penalty/drug-law-2019.i18n.json", "utf8")).texts;
  const title = titles[JSON.parse(fs.readFileSync("data/penalty/drug-law-2019.rules.json", "utf8")).rules[0].title].en;
  assert.ok(await page.textContent("yj-penalty-calculator >> select.yj-pc__rules").then((t) => t.includes(title)), title);
  // zh-HK is read as Traditional Chinese, as the engine reads it: its catalog and
  // translations are fetched, the rule table is not fetched again.
  const before = json().length;
  await page.evaluate(() => window.calc.setAttribute("lang", "zh-HK"));
  await page.waitForSelector("yj-penalty-calculator >> text=第一步：選擇違法行為");
  const added = json().slice(before).sort();
  assert.deepEqual(added, [`/yaojian/${m.catalogs["zh-TW"]}`, `/yaojian/${m.data.find((d) => d.name === "penalty-titles").files["zh-TW"]}`].sort());
  // Back to English: already fetched, not fetched again.
  await page.evaluate(() => window.calc.setAttribute("lang", "en"));
  await page.waitForSelector("yj-penalty-calculator >> text=Step 1: the violation");
  assert.equal(page.fetched.filter((p) => p.endsWith(m.catalogs.en)).length, 1);
  expectNoErrors(page);
  await page.context().close();
});

test("a catalog that cannot be had is said in words and as data.unavailable, and fetched again when asked", async () => {
  const page = await blankPage(env);
  const m = moduleOf("self-inspection");
  let refuse = true;
  await page.route(`**/${m.catalogs["zh-CN"]}`, (route) => (refuse ? route.abort() : route.continue()));
  await page.evaluate(() => { window.form = add("yj-self-inspection"); });
  await page.waitForSelector("yj-self-inspection >> .yj-failure [role=alert]");
  assert.match(await page.textContent("yj-self-inspection >> .yj-failure [role=alert]"), /数据未能载入/);
  const errors = await page.evaluate(() => window.errors);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].type, "data.unavailable");
  assert.equal(errors[0].file, m.catalogs["zh-CN"]);
  await expectNoAxeViolations(page, "a widget whose data did not load");
  refuse = false;
  await page.click("yj-self-inspection >> .yj-failure button");
  await page.waitForSelector("yj-self-inspection >> input[id$='-name']");
  assert.equal(await page.$("yj-self-inspection >> .yj-failure"), null);
  // Type, then switch to a language whose catalog cannot be had: the form stays as it
  // was, in its language, with what was typed, and says why.
  await page.fill("yj-self-inspection >> input[id$='-name']", "王小明");
  await page.waitForFunction(() => window.form.value?.answers?.name === "王小明");
  refuse = true;
  await page.route(`**/${m.catalogs.en}`, (route) => (refuse ? route.abort() : route.continue()));
  await page.evaluate(() => window.form.setAttribute("lang", "en"));
  await page.waitForFunction(() => window.errors.length === 2);
  assert.equal(await page.evaluate(() => window.errors[1].file), m.catalogs.en);
  assert.match(await page.textContent("yj-self-inspection >> .yj-failure [role=alert]"), /could not be loaded/);
  assert.equal(await page.inputValue("yj-self-inspection >> input[id$='-name']"), "王小明");
  refuse = false;
  await page.click("yj-self-inspection >> .yj-failure button");
  await page.waitForSelector("yj-self-inspection >> text=/required questions answered/");
  assert.equal(await page.$("yj-self-inspection >> .yj-failure"), null);
  assert.equal(await page.inputValue("yj-self-inspection >> input[id$='-name']"), "王小明");
  const unexpected = page.errors.filter((e) => !/ERR_FAILED|Failed to load resource/.test(e));
  assert.deepEqual(unexpected, []);
  await page.context().close();
});

test("a data file the engine refuses is said as data.unavailable naming it, and fetched again when asked", async () => {
  const page = await blankPage(env);
  const rules = moduleOf("penalty-calculator").data.find((d) => d.name === "penalty-rules").files["zh-CN"];
  // A broken copy first (a proxy that cut it short): the engine's reader refuses it.
  let refuse = true;
  await page.route(`**/${rules}`, (route) => (refuse ? route.fulfill({ body: '{"schema":', contentType: "application/json" }) : route.continue()));
  await page.evaluate(() => add("yj-penalty-calculator"));
  await page.waitForSelector("yj-penalty-calculator >> .yj-failure [role=alert]");
  const errors = await page.evaluate(() => window.errors);
  assert.deepEqual(errors.map((e) => [e.type, e.file]), [["data.unavailable", rules]]);
  refuse = false;
  await page.click("yj-penalty-calculator >> .yj-failure button");
  await page.waitForSelector("yj-penalty-calculator >> select.yj-pc__rules");
  assert.ok((await page.$$("yj-penalty-calculator >> select.yj-pc__rules option")).length >= 45, "every rule of the table");
  const unexpected = page.errors.filter((e) => !/ERR_FAILED|Failed to load resource/.test(e));
  assert.deepEqual(unexpected, []);
  await page.context().close();
});

test("a portal may host the data on its own path (data-base)", async () => {
  const page = await blankPage(env);
  const m = moduleOf("requirements");
  await page.route("**/portal-data/**", (route) => {
    const name = new URL(route.request().url()).pathname.split("/").pop();
    route.fulfill({ path: `dist/${name}`, contentType: "application/json" });
  });
  await page.evaluate(() => add("yj-requirements", { "data-base": "/portal-data" }));
  await page.waitForSelector("yj-requirements >> [data-testid=rq-summary]");
  const files = page.fetched.filter((p) => !p.endsWith("manifest.json"));
  assert.deepEqual(files.sort(), langFiles(m, "zh-CN").map((f) => `/portal-data/${f}`).sort());
  expectNoErrors(page);
  await page.context().close();
});

test("the checker has its first template with its words, another only when picked, said when it cannot be had", async () => {
  const page = await blankPage(env);
  const m = moduleOf("requirements");
  const file = (name) => m.onDemand.find((d) => d.name === name).files["zh-CN"];
  const title = (id) => JSON.parse(fs.readFileSync(`data/requirements/${id}.json`, "utf8")).title["zh-CN"];
  assert.deepEqual(m.onDemand.map((d) => d.name), ["penalty-rules", "penalty-circumstances", "penalty-benchmark", "requirements-drug-trading-licence", "requirements-mr-filing-readiness"]);
  const trading = file("requirements-drug-trading-licence");
  let refuse = true;
  await page.route(`**/${trading}`, (route) => (refuse ? route.abort() : route.continue()));
  await page.evaluate(() => { window.rq = add("yj-requirements"); });
  await page.waitForSelector(`yj-requirements >> h3:has-text("${title("drug-production-licence")}")`);
  // The first template came with the words; the others are named in the menu, not fetched.
  assert.deepEqual(page.fetched.filter((p) => !p.endsWith("manifest.json")).sort(), langFiles(m, "zh-CN").map((f) => `/yaojian/${f}`).sort());
  const options = await page.$$eval("yj-requirements >> select.yj-select option", (os) => os.map((o) => o.textContent));
  assert.deepEqual(options.slice(0, 3), ["drug-production-licence", "drug-trading-licence", "mr-filing-readiness"].map(title));
  // Picked while its file cannot be had: said in words and as data.unavailable naming it.
  await page.selectOption("yj-requirements >> select.yj-select", "drug-trading-licence");
  await page.waitForSelector("yj-requirements >> .yj-failure [role=alert]");
  assert.deepEqual(await page.evaluate(() => window.errors.map((e) => [e.type, e.file])), [["data.unavailable", trading]]);
  assert.match(await page.textContent("yj-requirements >> [role=status]"), /正在载入/);
  await expectNoAxeViolations(page, "a checker whose template did not load");
  refuse = false;
  await page.click("yj-requirements >> .yj-failure button");
  await page.waitForSelector(`yj-requirements >> h3:has-text("${title("drug-trading-licence")}")`);
  assert.equal(await page.$("yj-requirements >> .yj-failure"), null);
  assert.equal(page.fetched.filter((p) => p.endsWith(trading)).length, 2, "asked again once");
  // A value naming a template not fetched yet is taken, and checked once it is there:
  // one that does not fit it is refused then, as it would have been at once.
  await page.evaluate(() => { window.rq.value = { template: "mr-filing-readiness", answers: { nonesuch: true } }; });
  await page.waitForSelector(`yj-requirements >> h3:has-text("${title("mr-filing-readiness")}")`);
  await page.waitForFunction(() => window.errors.length === 2);
  const late = await page.evaluate(() => window.errors[1]);
  assert.equal(late.type, "value.invalid");
  assert.equal(late.property, "value");
  assert.ok(late.errors.every((e) => e.path.startsWith("$.answers")), JSON.stringify(late.errors));
  // The 不予处罚 template is built from the penalty data: fetched when it is picked.
  const penalty = m.onDemand.filter((d) => d.name.startsWith("penalty-")).map((d) => `/yaojian/${d.files["zh-CN"]}`);
  assert.deepEqual(page.fetched.filter((p) => penalty.includes(p)), []);
  await page.selectOption("yj-requirements >> select.yj-select", "no-penalty-eligibility");
  await page.waitForSelector("yj-requirements >> h3:has-text('不予行政处罚条件自检')");
  assert.deepEqual(page.fetched.filter((p) => penalty.includes(p)).sort(), penalty.sort());
  const unexpected = page.errors.filter((e) => !/ERR_FAILED|Failed to load resource/.test(e));
  assert.deepEqual(unexpected, []);
  await page.context().close();
});

test("a benchmark given to the checker before the penalty data is there is read, or refused, once it is", async () => {
  const page = await blankPage(env);
  const m = moduleOf("requirements");
  const penalty = m.onDemand.filter((d) => d.name.startsWith("penalty-")).map((d) => `/yaojian/${d.files["zh-CN"]}`);
  await page.evaluate(() => { window.rq = add("yj-requirements"); });
  await page.waitForSelector("yj-requirements >> [data-testid=rq-summary]");
  assert.deepEqual(page.fetched.filter((p) => penalty.includes(p)), [], "no penalty data for the first template");
  // What can be checked without the data is refused at once.
  await page.evaluate(() => { window.rq.benchmark = { schema: "yaojian/penalty-benchmark/1", id: "x" }; });
  assert.equal(await page.evaluate(() => window.errors.length), 1);
  assert.equal(await page.evaluate(() => window.errors[0].type), "benchmark.invalid");
  // A rule the table does not have: taken while the data is fetched, refused once it is there.
  const good = JSON.parse(fs.readFileSync("data/penalty/benchmark.default.json", "utf8"));
  const unknownRule = structuredClone(good);
  unknownRule.no_penalty_list.items[0].rules[0] = "dal-999";
  await page.evaluate((b) => { window.rq.benchmark = b; }, unknownRule);
  await page.waitForFunction(() => window.errors.length === 2);
  const refused = await page.evaluate(() => window.errors[1]);
  assert.equal(refused.type, "benchmark.invalid");
  assert.equal(refused.property, "benchmark");
  assert.deepEqual(refused.errors.map((e) => [e.path, e.code]), [["$.no_penalty_list.items[0].rules[0]", "benchmark.unknown_rule"]]);
  assert.deepEqual(page.fetched.filter((p) => penalty.includes(p)).sort(), penalty.sort());
  // Now the data is there: a bad one is refused at once, a good one taken.
  await page.evaluate((b) => { window.rq.benchmark = b; }, unknownRule);
  assert.equal(await page.evaluate(() => window.errors.length), 3);
  await page.evaluate((b) => { window.rq.benchmark = b; }, good);
  await page.selectOption("yj-requirements >> select.yj-select", "no-penalty-eligibility");
  await page.waitForSelector("yj-requirements >> h3:has-text('不予行政处罚条件自检')");
  assert.equal(await page.evaluate(() => window.errors.length), 3);
  expectNoErrors(page);
  await page.context().close();
});
