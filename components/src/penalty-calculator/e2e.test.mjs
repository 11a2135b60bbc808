// The penalty calculator in the demo portal: keyboard-only use, every example state
// scanned by axe, the JSON the host receives, and a live language switch.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { launch, openPage, expectNoAxeViolations, expectNoErrors, tabTo } from "../../../tests/e2e/harness.mjs";

// The examples of the "load an example" menu: those with hand-computed figures.
const DIR = "components/src/penalty-calculator/examples";
const EXAMPLES = fs.readdirSync(DIR)
  .filter((f) => JSON.parse(fs.readFileSync(`${DIR}/${f}`, "utf8")).expect)
  .map((f) => f.replace(/\.json$/, ""));
let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });


test("keyboard only: open the calculator, find a rule, answer, read the result", async () => {
  const page = await openPage(env);
  await tabTo(page, () => document.activeElement.textContent === "处罚裁量计算");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#yj-pc-query");
  await tabTo(page, () => document.activeElement.id === "yj-pc-query");
  await page.keyboard.type("追溯");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "yj-pc-rule");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.inputValue("#yj-pc-rule"), "dal-127-3");
  assert.match(await page.textContent("[data-testid=pc-outcome]"), /警告/);
  await tabTo(page, () => document.activeElement.id === "yj-pc-deadline_missed");
  await page.keyboard.press("Space");
  assert.match(await page.textContent("[data-testid=pc-outcome]"), /逾期不改正，处以罚款/);
  // 10万..50万, ordinary third 23.33万..36.67万 → 30万.
  assert.match(await page.textContent("[data-testid=pc-suggested]"), /30万元/);
  // The host receives the same result as JSON.
  const emitted = JSON.parse(await page.textContent("[data-testid=emitted-json]"));
  assert.equal(emitted.type, "penalty.assessment");
  assert.equal(emitted.assessment.fine_suggested, "300000.00");
  assert.equal(emitted.case.rule, "dal-127-3");
  expectNoErrors(page);
  await page.context().close();
});

test("keyboard only: the error summary takes focus and its link moves to the field", async () => {
  const page = await openPage(env, "/#penalty");
  await page.selectOption("#yj-pc-rule", "dal-120");
  await page.focus("#yj-pc-rule");
  await tabTo(page, () => document.activeElement.textContent === "核对输入", 120);
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "yj-pc-error-summary");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "yj-pc-income");
  await page.keyboard.type("3万");
  assert.match(await page.textContent("[data-testid=pc-outcome]"), /罚款/);
  await page.context().close();
});

test("typed text is kept when it is wrong, with the message tied to the field", async () => {
  const page = await openPage(env, "/#penalty");
  await page.selectOption("#yj-pc-rule", "dal-116");
  await page.fill("#yj-pc-goods_value", "-5");
  await page.keyboard.press("Tab");
  assert.equal(await page.inputValue("#yj-pc-goods_value"), "-5");
  assert.equal(await page.getAttribute("#yj-pc-goods_value", "aria-invalid"), "true");
  assert.match(await page.getAttribute("#yj-pc-goods_value", "aria-describedby"), /yj-pc-goods_value-error/);
  assert.match(await page.textContent("#yj-pc-goods_value-error"), /不能为负数/);
  for (const bad of ["abc", "1.234", "99999999999999999"]) {
    await page.fill("#yj-pc-goods_value", bad);
    assert.equal(await page.inputValue("#yj-pc-goods_value"), bad);
    assert.ok((await page.textContent("#yj-pc-goods_value-error")).length > 0, bad);
  }
  expectNoErrors(page);
  await page.context().close();
});

test("the language switch re-renders the result in English", async () => {
  const page = await openPage(env, "/#penalty");
  await page.selectOption("#yj-pc-example", "kickbacks");
  await page.selectOption("#yj-portal-lang", "en");
  assert.match(await page.textContent("[data-testid=pc-outcome]"), /Fine/);
  assert.match(await page.textContent("[data-testid=pc-steps]"), /Statutory range: ¥300,000 to ¥3,000,000/);
  assert.equal(await page.textContent("[data-testid=pc-suggested]"), "¥1,650,000");
  await page.context().close();
});

test("axe: no violations in the empty state", async () => {
  const page = await openPage(env, "/#penalty");
  await expectNoAxeViolations(page, "penalty, empty");
  await page.context().close();
});

for (const name of EXAMPLES) {
  test(`axe: no violations with example ${name}, clauses open, after checking`, async () => {
    const page = await openPage(env, "/#penalty");
    await page.selectOption("#yj-pc-example", name);
    await page.click("text=核对输入");
    await page.$$eval("details", (ds) => ds.forEach((d) => { d.open = true; }));
    await expectNoAxeViolations(page, `penalty example ${name}`);
    expectNoErrors(page);
    await page.context().close();
  });
}

test("axe: no violations with a rejected benchmark", async () => {
  const page = await openPage(env, "/#penalty");
  await page.selectOption("#yj-pc-example", "fake-drug-small");
  await page.click("text=加载本地裁量基准（JSON）");
  await page.fill("#yj-pc-bm-json", "{\"schema\": \"yaojian/penalty-benchmark/1\"}");
  await page.click("text=使用此基准");
  assert.match(await page.textContent("#yj-pc-bm-errors"), /\$/);
  await expectNoAxeViolations(page, "penalty, bad benchmark");
  await page.context().close();
});
