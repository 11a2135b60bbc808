// The requirement checker in the demo portal: keyboard-only use, axe on every built-in
// template before and after answering, and the JSON the host receives.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, expectNoAxeViolations, expectNoErrors, tabTo } from "../../../tests/e2e/harness.mjs";

const TEMPLATES = ["drug-production-licence", "drug-trading-licence", "mr-filing-readiness", "no-penalty-eligibility"];
let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });


const summary = (page) => page.textContent("[data-testid=rq-summary]");

test("keyboard only: choose wholesale, tick a condition, read what is missing", async () => {
  const page = await openPage(env);
  await tabTo(page, () => document.activeElement.textContent === "办事指南自检");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#yj-rq-template");
  await tabTo(page, () => document.activeElement.id === "yj-rq-template");
  // Arrow keys change a select's value without opening it.
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.inputValue("#yj-rq-template"), "drug-trading-licence");
  const before = await summary(page);
  await tabTo(page, () => document.activeElement.id === "yj-rq-q_channel-0");
  await page.keyboard.press("Space");
  assert.notEqual(await summary(page), before);
  // The licence applied for is a note to read (须知), not a condition to tick.
  const notes = await page.textContent("[data-testid=rq-notes]");
  assert.match(notes, /省、自治区、直辖市人民政府药品监督管理部门/);
  assert.doesNotMatch(notes, /县级以上地方人民政府药品监督管理部门批准/);
  assert.equal(await page.locator("[data-testid=rq-notes] input").count(), 0);
  assert.equal(await page.locator("#yj-rq-have-r_wholesale_approval").count(), 0);
  assert.doesNotMatch(await page.textContent("[data-testid=rq-applicable]"), /取得药品经营许可证/);
  const missingBefore = await page.locator("[data-testid=rq-missing] li").count();
  await tabTo(page, () => document.activeElement.id === "yj-rq-have-r_pharmacist");
  await page.keyboard.press("Space");
  assert.equal(await page.locator("[data-testid=rq-missing] li").count(), missingBefore - 1);
  assert.match(await summary(page), /^已具备1项/);
  const emitted = JSON.parse(await page.textContent("[data-testid=emitted-json]"));
  assert.equal(emitted.type, "requirements.result");
  assert.deepEqual(emitted.have, ["r_pharmacist"]);
  assert.equal(emitted.answers.q_channel, "wholesale");
  expectNoErrors(page);
  await page.context().close();
});

for (const id of TEMPLATES) {
  test(`axe: no violations for ${id}, unanswered and answered`, async () => {
    const page = await openPage(env, "/#requirements");
    await page.selectOption("#yj-rq-template", id);
    await page.$$eval("details", (ds) => ds.forEach((d) => { d.open = true; }));
    await expectNoAxeViolations(page, `${id}, unanswered`);
    // Answer every question with its first option and tick the first item.
    const radios = await page.$$eval("input[type=radio][id^=yj-rq-]", (els) => [...new Set(els.map((e) => e.name))]);
    for (const name of radios) await page.check(`input[name="${name}"] >> nth=0`);
    const boxes = page.locator("[data-testid=rq-applicable] input[type=checkbox]");
    if (await boxes.count()) await boxes.first().check();
    await page.$$eval("details", (ds) => ds.forEach((d) => { d.open = true; }));
    await expectNoAxeViolations(page, `${id}, answered`);
    expectNoErrors(page);
    await page.context().close();
  });
}

test("the 不予处罚 template follows the route chosen", async () => {
  const page = await openPage(env, "/#requirements");
  await page.selectOption("#yj-rq-template", "no-penalty-eligibility");
  await page.check("#yj-rq-q_route-0"); // 违法行为轻微并及时改正，没有造成危害后果
  assert.match(await summary(page), /^已具备0项，缺少3项/);
  assert.match(await page.textContent("[data-testid=rq-missing]"), /第三十三条第一款/);
  await page.check("#yj-rq-q_route-3"); // 本地不予处罚清单
  await page.check("#yj-rq-q_item-0");
  assert.match(await page.textContent("[data-testid=rq-applicable]"), /未按照规定建立并实施药品追溯制度/);
  assert.match(await page.textContent("[data-testid=rq-applicable]"), /示例，请以本地规定为准/);
  await page.context().close();
});
