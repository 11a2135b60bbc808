// Embedding in host pages that no framework built (and one Vue page): the pages of
// docs/examples served as a portal would serve them, with the release bundle in dist/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { personalSubmissions } from "../../bench/generate.mjs";
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { launch, openExample, expectNoAxeViolations, expectNoErrors } from "./harness.mjs";
import { EXAMPLE_MOUNTS } from "../../scripts/serve.mjs";
import { langFiles } from "../../scripts/page-weights.mjs";

let env;
before(async () => {
  assert.ok(fs.existsSync("dist/yaojian.js"), "dist/ missing: run scripts/release.sh");
  env = await launch({ mounts: EXAMPLE_MOUNTS, extraArgs: ["--js-flags=--expose-gc", "--enable-precise-memory-info"] });
});
after(async () => { await env?.close(); });

/// Waits until the widget inside `host` (a selector) has rendered its form.
async function widgetReady(page, host) {
  await page.waitForSelector(`${host} >> select.yj-pc__rules`);
}

test("plain page: the element upgrades into an open shadow root and emits events", async () => {
  const page = await openExample(env, "/plain.html");
  await widgetReady(page, "#calc");
  assert.equal(await page.evaluate(() => document.getElementById("calc").shadowRoot?.mode), "open");
  // The widget lives in the shadow root, not in the light DOM.
  assert.equal(await page.evaluate(() => document.getElementById("calc").children.length), 0);
  await page.selectOption("#calc >> #yj-pc-example", "kickbacks");
  await page.waitForFunction(() => document.getElementById("log").textContent.includes("penalty.assessment"));
  assert.match(await page.textContent("#log"), /yj-change penalty\.assessment\n"1650000\.00"/);
  assert.equal(await page.evaluate(() => document.getElementById("calc").value.assessment.fine_suggested), "1650000.00");
  // Styles reach the shadow root (the shared stylesheet): the result panel has its border.
  const border = await page.$eval("#calc >> .yj-pc__result", (el) => getComputedStyle(el).borderTopWidth);
  assert.equal(border, "2px");
  // Every widget is on the plain page: the requirement checker too.
  await page.waitForSelector("#req >> [data-testid=rq-summary]");
  await page.selectOption("#req >> #yj-rq-template", "drug-trading-licence");
  await page.check("#req >> #yj-rq-q_channel-1");
  const req = await page.evaluate(() => document.getElementById("req").value);
  assert.equal(req.type, "requirements.result");
  assert.equal(req.answers.q_channel, "retail");
  // And the rectification checklist.
  await page.waitForSelector("#list >> [data-testid=cl-table]");
  assert.equal(await page.evaluate(() => document.getElementById("list").value.type), "checklist.change");
  await expectNoAxeViolations(page, "plain page");
  expectNoErrors(page);
  await page.context().close();
});

test("plain page: <yj-self-inspection> takes a template, submits with yj-submit, and shows a bad template's paths", async () => {
  const page = await openExample(env, "/plain.html");
  await page.waitForSelector("#form >> .yj-si");
  assert.match(await page.textContent("#form >> .yj-si__title"), /医药代表个人自查表/);
  await page.evaluate(() => {
    window.__submits = [];
    window.__errors = [];
    window.__saved = [];
    document.addEventListener("yj-submit", (e) => window.__submits.push(e.detail));
    document.addEventListener("yj-error", (e) => window.__errors.push(e.detail));
    document.addEventListener("yj-draft-saved", (e) => window.__saved.push(e.detail));
    document.getElementById("form").template = {
      schema: "yaojian/form/1", id: "embed-test", version: "1", title: "嵌入测试",
      sections: [{ id: "s", title: "唯一部分", questions: [{ id: "who", kind: "text", label: "填报人", required: true }] }],
    };
  });
  await page.waitForFunction(() => document.getElementById("form").shadowRoot.textContent.includes("嵌入测试"));
  await page.fill("#form >> [id$='-who']", "张三");
  await page.waitForFunction(() => window.__saved.length > 0);
  assert.equal(await page.evaluate(() => window.__saved.at(-1).storage_key), "yaojian:form:embed-test:1:plain-demo");
  await page.click("#form >> [id$='-continue']");
  await page.click("#form >> [id$='-submit']");
  await page.waitForFunction(() => window.__submits.length === 1);
  const s = await page.evaluate(() => window.__submits[0].submission);
  assert.equal(s.template.id, "embed-test");
  assert.equal(s.answers.who, "张三");
  assert.equal(s.key, "plain-demo");
  assert.match(s.reference, /^ZC\d{8}-[0-9A-F]{8}$/);
  await expectNoAxeViolations(page, "plain page, form receipt");
  await page.evaluate(() => {
    document.getElementById("form").template = { schema: "yaojian/form/1", id: "x", version: "1", title: "T",
      sections: [{ id: "s", title: "S", questions: [{ id: "q", kind: "single_choice", label: "Q" }] }] };
  });
  await page.waitForSelector("#form >> .yj-si__template-errors");
  assert.match(await page.textContent("#form >> .yj-si__template-errors"), /\$\.sections\[0\]\.questions\[0\]\.options/);
  assert.equal(await page.evaluate(() => window.__errors[0].errors[0].path), "$.sections[0].questions[0].options");
  expectNoErrors(page);
  await page.context().close();
});

test("plain page: <yj-submissions-summary> summarises what the page sets and reports the counts", async () => {
  const page = await openExample(env, "/plain.html");
  await page.waitForSelector("#summary >> .yj-fs");
  assert.match(await page.textContent("#summary >> .yj-fs__loaded"), /尚未载入提交/);
  const batch = personalSubmissions(40, { seed: 1 });
  batch.push({ schema: "yaojian/submission/1", template: { id: "other", version: "1" }, reference: "x",
    started_at: "2026-11-01T09:00:00+08:00", submitted_at: "2026-11-01T09:30:00+08:00", answers: {}, findings: {} });
  const detail = await page.evaluate((batch) => new Promise((resolve) => {
    const el = document.getElementById("summary");
    el.addEventListener("yj-change", (e) => resolve(e.detail), { once: true });
    el.value = batch;
  }), batch);
  const withFindings = batch.filter((s) => Object.keys(s.findings).length > 0).length;
  assert.equal(detail.type, "summary.change");
  assert.equal(detail.total, 41);
  assert.equal(detail.counted, 40);
  assert.equal(detail.rejected, 1);
  assert.equal(detail.with_findings, withFindings);
  assert.equal(detail.template.id, "representative-personal");
  assert.equal(await page.textContent("#summary >> .yj-fs__stat >> nth=2 >> dd"), String(withFindings));
  // Live language switch from the attribute.
  await page.evaluate(() => document.getElementById("summary").setAttribute("lang", "en"));
  await page.waitForSelector("#summary >> text=Submitters reporting findings");
  await expectNoAxeViolations(page, "plain page with the summary");
  expectNoErrors(page);
  await page.context().close();
});

test("strict CSP and Trusted Types: the widget works and nothing is blocked", async () => {
  const page = await openExample(env, "/strict-csp.html");
  await widgetReady(page, "#calc");
  await page.waitForFunction(() => document.getElementById("suggested").textContent === "1650000.00");
  // Styles apply under style-src 'self' (no inline styles anywhere).
  assert.equal(await page.$eval("#calc >> .yj-pc__result", (el) => getComputedStyle(el).borderTopWidth), "2px");
  await page.fill("#calc >> #yj-pc-query", "假药");
  await page.selectOption("#calc >> #yj-pc-rule", "dal-116");
  await page.fill("#calc >> #yj-pc-goods_value", "2万");
  await page.waitForFunction(() => document.getElementById("suggested").textContent === "2250000.00");
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  expectNoErrors(page);
  // Trusted Types really are enforced on this page: an HTML sink throws (and is reported).
  const tt = await page.evaluate(() => { try { document.body.insertAdjacentHTML("beforeend", "<b>x</b>"); return "allowed"; } catch (e) { return e.name; } });
  assert.equal(tt, "TypeError");
  assert.equal(await page.evaluate(() => document.querySelectorAll("[style]").length), 0);
  assert.equal(await page.$$eval("#calc >> [style]", (els) => els.length), 0);
  await expectNoAxeViolations(page, "strict CSP page");
  await page.context().close();
});

test("two widgets on one page are independent; lang switches live; theme and large text apply", async () => {
  const page = await openExample(env, "/two-widgets.html");
  await widgetReady(page, "#a");
  await widgetReady(page, "#b");
  assert.match(await page.textContent("#b >> .yj-pc__legend"), /Step 1/, "B inherits lang=en from its section");
  assert.match(await page.textContent("#a >> .yj-pc__legend"), /第一步/);
  await page.selectOption("#a >> #yj-pc-example", "fake-drug-small");
  assert.match(await page.textContent("#a >> [data-testid=pc-outcome]"), /罚款/);
  assert.match(await page.textContent("#b >> [data-testid=pc-result]"), /Choose the violation first/);
  // Theming through custom properties, and large text, on B only.
  const brand = (sel) => page.$eval(`${sel} >> .yj-pc__legend`, (el) => getComputedStyle(el).color);
  assert.equal(await brand("#b"), "rgb(107, 20, 20)");
  assert.equal(await brand("#a"), "rgb(8, 58, 102)");
  const size = (sel) => page.$eval(`${sel} >> .yj-widget`, (el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok((await size("#b")) > (await size("#a")), "large-text makes B bigger");
  // The theme attribute switches live too.
  await page.evaluate(() => document.getElementById("a").setAttribute("theme", "high-contrast"));
  assert.equal(await brand("#a"), "rgb(0, 0, 0)");
  await page.evaluate(() => document.getElementById("a").removeAttribute("theme"));
  assert.equal(await brand("#a"), "rgb(8, 58, 102)");
  // The lang attribute switches live.
  await page.evaluate(() => document.getElementById("a").setAttribute("lang", "zh-TW"));
  await page.waitForFunction(() => document.getElementById("a").shadowRoot.textContent.includes("第一步：選擇違法行為"));
  assert.match(await page.textContent("#a >> [data-testid=pc-outcome]"), /罰款/);
  await expectNoAxeViolations(page, "two widgets");
  expectNoErrors(page);
  await page.context().close();
});

test("a host <form> posts the widget's JSON value, blocks while it is invalid, and the CLI re-validates it", async () => {
  const page = await openExample(env, "/form-post.html");
  await widgetReady(page, "yj-penalty-calculator");
  await page.selectOption("yj-penalty-calculator >> #yj-pc-rule", "dal-120");
  await page.fill("yj-penalty-calculator >> #yj-pc-income", "1.234");
  await page.waitForFunction(() => !document.querySelector("yj-penalty-calculator").checkValidity());
  assert.match(await page.evaluate(() => document.querySelector("yj-penalty-calculator").validationMessage), /\$\.income/);
  assert.equal(await page.evaluate(() => document.querySelector("form").checkValidity()), false);
  await page.fill("yj-penalty-calculator >> #yj-pc-income", "3万");
  await page.waitForFunction(() => document.querySelector("yj-penalty-calculator").checkValidity());
  await Promise.all([page.waitForURL("**/echo"), page.click("button[type=submit]")]);
  const posted = JSON.parse(await page.textContent("body"));
  assert.equal(posted.case_no, "（2026）药监罚第001号");
  const value = JSON.parse(posted.penalty);
  assert.equal(value.type, "penalty.assessment");
  assert.equal(value.case.rule, "dal-120");
  // Server-side re-validation: the same engine on the command line gives the same result.
  const cli = process.env.YAOJIAN_CLI || "target/debug/yaojian";
  assert.ok(fs.existsSync(cli), `${cli} missing: cargo build --features cli`);
  const again = JSON.parse(execFileSync(cli, ["penalty", "assess"], { input: JSON.stringify(value.case) }).toString());
  assert.equal(again.fine_suggested, value.assessment.fine_suggested);
  assert.equal(again.fine_suggested, "150000.00");
  await page.context().close();
});

test("a Vue host page: attributes and events through the framework", async () => {
  const page = await openExample(env, "/vue.html");
  await widgetReady(page, "yj-penalty-calculator");
  await page.selectOption("yj-penalty-calculator >> #yj-pc-example", "kickbacks");
  await page.waitForFunction(() => document.getElementById("vue-suggested").textContent === "1650000.00");
  await page.selectOption("#vue-lang", "en");
  await page.waitForFunction(() => document.querySelector("yj-penalty-calculator").shadowRoot.textContent.includes("Step 1"));
  await expectNoAxeViolations(page, "vue page");
  expectNoErrors(page);
  await page.context().close();
});

test("JS API: mount and unmount; kinds agree; a bad property is a yj-error naming the path", async () => {
  const page = await openExample(env, "/index.html");
  const result = await page.evaluate(async () => {
    const api = await import("/yaojian/yaojian.js");
    await api.load();
    const host = document.createElement("div");
    document.body.append(host);
    const once = (target, name) => new Promise((r) => target.addEventListener(name, (e) => r(e.detail), { once: true }));
    const events = [];
    host.addEventListener("yj-change", (e) => events.push(e.detail.type));
    const first = once(host, "yj-change");
    await api.mount(host, { widget: "penalty-calculator", value: { rule: "dal-140" }, lang: "en" });
    await first;
    const el = document.createElement("yj-penalty-calculator");
    const errors = [];
    el.addEventListener("yj-error", (e) => errors.push(e.detail.errors.map((x) => x.path).join(",")));
    // Set before the element has mounted: applied once it has, and reported then.
    el.benchmark = { schema: "nope" };
    const reported = once(el, "yj-error");
    document.body.append(el);
    await reported;
    const rendered = host.shadowRoot.textContent.includes("Statutory range");
    api.unmount(host);
    // An element that connected starts mounting by itself; mount() then resolves once
    // it has, its module loaded first (as a page's script awaits it).
    const late = document.createElement("yj-requirements");
    document.body.append(late);
    await api.mount(late);
    const lateMounted = late.shadowRoot?.querySelector(".yj-embed") != null;
    return { lateMounted, kinds: api.widgetKinds().filter((k) => customElements.get(`yj-${k}`)), wasmKinds: api.widgetContracts().map((c) => c.kind), events, rendered, after: host.shadowRoot.childElementCount, errors };
  });
  assert.ok(result.lateMounted, "mount() of a connected element waits for its mounting");
  assert.deepEqual(result.kinds, result.wasmKinds);
  assert.ok(result.rendered);
  assert.equal(result.events[0], "penalty.assessment");
  assert.equal(result.after, 0, "unmount empties the shadow root");
  assert.equal(result.errors.length, 1);
  assert.match(result.errors[0], /^\$/);
  await page.context().close();
});

test("a page downloads only the modules of the widgets it shows, each once", async () => {
  const manifest = JSON.parse(fs.readFileSync("dist/yaojian-manifest.json", "utf8"));
  const own = (kinds) => manifest.modules.find((m) => m.kinds.join() === kinds.join());
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const fetched = [];
  page.on("request", (r) => { const p = new URL(r.url()).pathname; if (p.startsWith("/yaojian/")) fetched.push(p.slice("/yaojian/".length)); });
  await page.goto(`${env.server.url}/calculator.html`);
  await widgetReady(page, "#calc");
  const calc = own(["penalty-calculator"]);
  // Each module with its words and data, in the page's language only.
  const calcData = langFiles(calc, "zh-CN");
  assert.ok(calcData.some((f) => f.startsWith("penalty-rules.")), "the calculator's rule table");
  // Its shadow roots take the module's stylesheet, not every widget's (yaojian.css).
  assert.deepEqual(fetched.sort(), [calc.js, calc.wasm, calc.css, ...calcData, "yaojian.js"].sort(), "a page with the calculator alone");
  // More calculators reuse the module; a widget that never appears costs nothing.
  fetched.length = 0;
  await page.evaluate(() => { for (let i = 0; i < 2; i++) document.querySelector("main").append(document.createElement("yj-penalty-calculator")); });
  await page.waitForFunction(() => [...document.querySelectorAll("yj-penalty-calculator")].every((el) => el.shadowRoot?.querySelector("select.yj-pc__rules")));
  assert.deepEqual(fetched, []);
  // The bureau's review page: the summary beside the list loads the one module carrying both
  // (the release ships it because it is lighter than the two apart), then a third kind its own.
  await page.evaluate(() => document.querySelector("main").append(document.createElement("yj-submissions-summary"), document.createElement("yj-rectification")));
  await page.waitForSelector("yj-rectification >> [data-testid=cl-table]");
  await page.waitForFunction(() => document.querySelector("yj-submissions-summary").shadowRoot?.querySelector(".yj-embed > div")?.childElementCount > 0);
  const review = own(["rectification", "submissions-summary"]) ?? own(["submissions-summary", "rectification"]);
  assert.ok(review, "the manifest has the review module");
  // A data file another module already fetched (the rule table) is not fetched again.
  const reviewData = langFiles(review, "zh-CN").filter((f) => !calcData.includes(f));
  assert.deepEqual(fetched.sort(), [review.js, review.wasm, review.css, ...reviewData].sort(), "the review widgets load one module");
  fetched.length = 0;
  await page.evaluate(() => document.querySelector("main").append(document.createElement("yj-requirements")));
  await page.waitForSelector("yj-requirements >> [data-testid=rq-summary]");
  const req = own(["requirements"]);
  const seen = [...calcData, ...langFiles(review, "zh-CN")];
  assert.deepEqual(fetched.sort(), [req.js, req.wasm, req.css, ...langFiles(req, "zh-CN").filter((f) => !seen.includes(f))].sort());
  await expectNoAxeViolations(page, "a page of widgets from three modules");
  await context.close();
});

// Each kind has its own wasm module, so each is measured on its own instance. Each
// mount is complete (mount() resolves once the widget is drawn) before the element goes.
// Yew forgets the listeners on an app's root, so a destroyed app would keep 1–3 KB;
// widgets are drawn in kept roots instead (components/src/contract/roots.rs).
const KINDS = JSON.parse(fs.readFileSync("dist/yaojian-manifest.json", "utf8")).widgets.map((c) => c.kind);
for (const kind of KINDS) {
  test(`<yj-${kind}>: mounting and removing 1,000 times returns the heap to its starting level`, async () => {
    const page = await openExample(env, "/index.html");
    const m = await page.evaluate(async (kind) => {
      const api = await import("/yaojian/yaojian.js");
      const wasm = await api.load(kind);
      const tag = `yj-${kind}`;
      const cycle = async (n) => {
        for (let i = 0; i < n; i++) {
          const el = document.createElement(tag);
          document.body.append(el);
          await api.mount(el);
          if (kind === "penalty-calculator") el.value = { rule: "dal-116", goods_value: "5万" };
          el.remove();
          await Promise.resolve();
          await new Promise((r) => setTimeout(r, 0));
        }
      };
      const measure = () => { gc(); return { js: performance.memory.usedJSHeapSize, wasm: wasm.memory.buffer.byteLength }; };
      await cycle(50);
      await new Promise((r) => setTimeout(r, 100));
      const start = measure();
      await cycle(1000);
      await new Promise((r) => setTimeout(r, 100));
      const end = measure();
      return { start, end, left: document.querySelectorAll(tag).length };
    }, kind);
    const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
    console.log(`figure: <yj-${kind}> mount+remove ×1000: JS heap ${kb(m.start.js)} → ${kb(m.end.js)}, wasm memory ${kb(m.start.wasm)} → ${kb(m.end.wasm)}`);
    assert.equal(m.left, 0);
    // Wasm linear memory never shrinks; a leak of even 1 KB per mount would grow it by ~1 MB.
    assert.ok(m.end.wasm - m.start.wasm <= 256 * 1024, `wasm memory grew by ${kb(m.end.wasm - m.start.wasm)}`);
    assert.ok(m.end.js - m.start.js <= 1024 * 1024, `JS heap grew by ${kb(m.end.js - m.start.js)}`);
    await page.context().close();
  });
}
