// The rectification checklist in the demo portal: keyboard-only status change, a
// refused action with its reason, and axe on each state. Assertions do not depend on
// today's date (the sample's overdue flags do).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, expectNoAxeViolations, expectNoErrors, tabTo } from "./harness.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

test("keyboard only: start rectification of an item and see its status change", async () => {
  const page = await openPage(env);
  await tabTo(page, () => document.activeElement.textContent === "整改清单");
  await page.keyboard.press("Enter");
  await page.waitForSelector("[data-testid=cl-table]");
  await tabTo(page, () => document.activeElement.getAttribute("aria-label") === "开始整改 ZG-2026-002");
  await page.keyboard.press("Enter");
  // The form's heading takes focus.
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "H4");
  await tabTo(page, () => document.activeElement.textContent === "确认");
  await page.keyboard.press("Enter");
  assert.equal(await page.textContent("[data-testid=cl-status-ZG-2026-002]"), "整改中");
  const emitted = JSON.parse(await page.textContent("[data-testid=emitted-json]"));
  assert.equal(emitted.type, "checklist.change");
  expectNoErrors(page);
  await page.context().close();
});

test("axe: no violations on the list, with a form open, and with a refusal shown", async () => {
  const page = await openPage(env, "/#rectification");
  await page.waitForSelector("[data-testid=cl-table]");
  await expectNoAxeViolations(page, "checklist list");
  await page.click("[aria-label='销号 ZG-2026-003']");
  await expectNoAxeViolations(page, "checklist close-out form");
  await page.fill("#yj-cl-f-approver", "孙八");
  await page.click("text=确认");
  assert.match(await page.textContent("[role=alert]"), /销号前须经复查确认已改正/);
  assert.equal(await page.getAttribute("#yj-cl-f-approver", "aria-invalid"), "true");
  await expectNoAxeViolations(page, "checklist refusal");
  await page.check("#yj-cl-overdue");
  await expectNoAxeViolations(page, "checklist filtered");
  expectNoErrors(page);
  await page.context().close();
});
