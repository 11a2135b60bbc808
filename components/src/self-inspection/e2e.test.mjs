// The self-inspection form in the demo portal: the representative template filled in
// with the keyboard only, reload and restore the draft, submit and read the receipt;
// axe on the empty, error, review and receipt states; a storage failure shown while the
// form keeps working.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, expectNoAxeViolations, expectNoErrors, tabTo, fillPersonalForm } from "../../../tests/e2e/harness.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const focusedEndsWith = (suffix) => `document.activeElement && document.activeElement.id.endsWith(${JSON.stringify(suffix)})`;
const focusedText = (text) => `document.activeElement && document.activeElement.textContent.trim() === ${JSON.stringify(text)}`;
const emitted = async (page) => JSON.parse(await page.textContent("[data-testid=emitted-json]"));

async function typeInto(page, suffix, text) {
  await tabTo(page, focusedEndsWith(suffix));
  await page.keyboard.type(text);
}

/** A date input by keyboard. Headless Chromium lays the segments out in its UI
 *  language's order (en-US: month, day, year), whatever the page's locale. */
async function typeDate(page, suffix, iso) {
  const [y, m, d] = iso.split("-");
  await tabTo(page, focusedEndsWith(suffix));
  await page.keyboard.type(m + d + y);
  assert.equal(await page.evaluate(() => document.activeElement.value), iso);
}

/** Presses the section's continue button (its label varies on the last section). */
async function continueOn(page) {
  await tabTo(page, focusedEndsWith("-continue"));
  await page.keyboard.press("Enter");
}

async function openForm(page) {
  await tabTo(page, focusedText("医药代表个人自查"));
  await page.keyboard.press("Enter");
  await page.waitForSelector(".yj-si");
}

const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

test("keyboard only: fill the representative form, reload, restore, submit, read the receipt", async () => {
  const page = await openPage(env);
  await openForm(page);
  // 基本信息
  await typeInto(page, "-name", "张三");
  await typeInto(page, "-id_number", "11010519491231002x");
  await typeInto(page, "-phone", "138 0013 8000");
  await typeInto(page, "-mah_name", "示例药业有限公司");
  await typeInto(page, "-mah_uscc", "91350100M000100Y43");
  await continueOn(page);
  await page.waitForSelector("text=第 2 部分");
  // 备案情况: yes (Space on the first radio), then the filing date appears.
  await tabTo(page, focusedEndsWith("-filed"));
  await page.keyboard.press("Space");
  await typeDate(page, "-filing_date", "2025-03-01");
  await tabTo(page, focusedEndsWith("-contract"));
  await page.keyboard.press("Space");
  await continueOn(page);
  await page.waitForSelector("text=第 3 部分");
  // 禁止性行为: "no" by arrow key to the second radio, except 统方: yes, with the finding.
  for (const q of ["b_unfiled", "b_no_consent", "b_sales", "b_prescriptions", "b_funding", "b_misleading", "b_kickbacks"]) {
    await tabTo(page, focusedEndsWith(`-${q}`));
    if (q === "b_prescriptions") {
      await page.keyboard.press("Space");
      await typeInto(page, "-b_prescriptions-explanation", "应科室要求统计过一次处方量");
      await typeInto(page, "-b_prescriptions-measure", "停止统计并删除数据，参加合规培训");
      await typeDate(page, "-b_prescriptions-deadline", "2099-12-31");
    } else {
      await page.keyboard.press("ArrowRight");
    }
  }
  await continueOn(page);
  await page.waitForSelector("text=第 4 部分");
  await typeInto(page, "-activity_count", "0");
  await continueOn(page);
  await page.waitForSelector("text=第 5 部分");
  await tabTo(page, focusedEndsWith("-attestation"));
  await page.keyboard.press("Space");
  await typeInto(page, "-attestation-name", "张三");
  await typeDate(page, "-attestation-date", today());
  assert.match(await page.textContent(".yj-si__storage"), /草稿已自动保存/);
  const draftSaved = await emitted(page);
  assert.equal(draftSaved.type, "form.draft_saved");

  // Reload: the draft is offered; restore it with the keyboard.
  await page.reload();
  await page.waitForSelector(".yj-si__draft");
  await tabTo(page, focusedText("恢复草稿"));
  await page.keyboard.press("Enter");
  await page.waitForSelector("text=第 5 部分");
  assert.equal(await page.inputValue("[id$='-attestation-name']"), "张三");

  await continueOn(page);
  await page.waitForSelector("text=提交前检查您的答案");
  const review = await page.textContent(".yj-si");
  assert.match(review, /11010519491231002X/, "the ID is normalised to upper case");
  assert.match(review, /应科室要求统计过一次处方量/);
  await tabTo(page, focusedEndsWith("-submit"));
  await page.keyboard.press("Enter");
  await page.waitForSelector(".yj-si__receipt");
  const reference = (await page.textContent(".yj-si__reference-number")).trim();
  assert.match(reference, /^ZC\d{8}-[0-9A-F]{8}$/);
  const out = await emitted(page);
  assert.equal(out.type, "form.submit");
  assert.equal(out.submission.reference, reference);
  assert.equal(out.submission.template.id, "representative-personal");
  assert.equal(out.submission.answers.phone, "138 0013 8000");
  assert.deepEqual(Object.keys(out.submission.findings), ["b_prescriptions"]);
  assert.match(out.submission.submitted_at, /\+08:00$/);
  assert.equal(await page.evaluate(() => document.activeElement.className), "yj-si__receipt-title");
  // Filed: the draft is gone, and the page no longer speaks of one.
  assert.doesNotMatch(await page.textContent(".yj-si"), /草稿已自动保存/);
  expectNoErrors(page);
  await page.context().close();
});

test("axe: empty, error, review and receipt states have no violations", async () => {
  const page = await openPage(env, "/#self-inspection");
  await page.waitForSelector(".yj-si");
  // An optional question says so once.
  assert.match(await page.textContent(".yj-si"), /电子邮箱（选填）/);
  assert.doesNotMatch(await page.textContent(".yj-si"), /（选填）（选填）/);
  await expectNoAxeViolations(page, "empty");
  await page.click("[id$='-continue']");
  await page.waitForSelector(".yj-error-summary");
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains("yj-error-summary")), true);
  assert.equal(await page.locator("[aria-invalid=true]").count() > 0, true);
  await expectNoAxeViolations(page, "errors");
  // Clicking a summary link moves focus to its field.
  await page.click(".yj-error-summary a >> nth=0");
  assert.match(await page.evaluate(() => document.activeElement.id), /-name$/);
  // Go straight to the review page through the section navigation.
  await page.click(".yj-si__nav-button >> text=检查答案");
  await page.waitForSelector("text=提交前检查您的答案");
  await expectNoAxeViolations(page, "review");
  await page.click("[id$='-submit']");
  await page.waitForSelector(".yj-error-summary");
  await expectNoAxeViolations(page, "review with errors");
  // A complete submission through the mouse, then the receipt.
  await page.click(".yj-error-summary a >> nth=0");
  await fillPersonalForm(page, { name: "李四", phone: "010-12345678", mah: "示例药业", uscc: "91110000600037341L" });
  await page.click("[id$='-submit']");
  await page.waitForSelector(".yj-si__receipt");
  await expectNoAxeViolations(page, "receipt");
  expectNoErrors(page);
  await page.context().close();
});

test("axe: the MAH template, with a group row and a raised finding", async () => {
  const page = await openPage(env, "/#mah-self-inspection");
  await page.waitForSelector(".yj-si");
  await expectNoAxeViolations(page, "MAH empty");
  await page.click("[id$='-continue']");
  await page.click(".yj-si__nav-item >> nth=1 >> button");
  await page.check("[id$='-all_filed-1']");
  assert.equal(await page.locator("[id$='-all_filed-explanation']").count(), 1, "a 'no' raises the filing finding");
  await page.click("[id$='-representatives-add']");
  // Focus moves to the new row (in the task after the row is drawn).
  await page.waitForFunction(() => document.activeElement.tagName === "FIELDSET", null, { timeout: 2000 });
  await page.fill("[id$='-representatives-0-rep_id']", "123");
  await page.locator("[id$='-representatives-0-rep_id']").blur();
  assert.equal(await page.getAttribute("[id$='-representatives-0-rep_id']", "aria-invalid"), "true");
  await expectNoAxeViolations(page, "MAH filing with a row and a finding");
  expectNoErrors(page);
  await page.context().close();
});

test("a storage failure is shown and the form keeps working", async () => {
  const context = await env.browser.newContext({ locale: "zh-CN" });
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException("quota exceeded", "QuotaExceededError"); };
  });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(env.server.url + "/#self-inspection");
  await page.waitForSelector(".yj-si");
  await page.fill("[id$='-name']", "王五");
  await page.waitForSelector(".yj-si__storage--failed");
  assert.match(await page.textContent(".yj-si__storage--failed"), /草稿无法保存.*quota exceeded/);
  const out = await emitted(page);
  assert.equal(out.type, "form.change");
  assert.equal(out.answers.name, "王五");
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("switching the language relabels the form, its template text and its messages, keeping the answers", async () => {
  const page = await openPage(env);
  await openForm(page);
  await typeInto(page, "-name", "张三");
  await continueOn(page);
  await page.waitForSelector(".yj-si .yj-error-summary");
  assert.match(await page.locator(".yj-si .yj-error-summary").textContent(), /此项必填/);
  await page.selectOption("#yj-portal-lang", "en");
  await page.waitForSelector("text=Medical representative self-inspection (individual)");
  const summary = await page.locator(".yj-si .yj-error-summary").textContent();
  assert.match(summary, /There is a problem/);
  assert.match(summary, /This question must be answered/);
  assert.doesNotMatch(summary, /此项必填/);
  assert.equal(await page.inputValue("[id$='-name']"), "张三", "answers survive the switch");
  assert.equal((await page.locator("label[for$='-name']").textContent()).trim().startsWith("Full name"), true);
  await page.selectOption("#yj-portal-lang", "zh-TW");
  await page.waitForSelector("text=醫藥代表個人自查表");
  assert.match(await page.locator(".yj-si .yj-error-summary").textContent(), /此項必填/);
  assert.match(await page.locator(".yj-si").textContent(), /儲存並繼續/);
  await expectNoAxeViolations(page, "form in zh-TW with errors");
  await expectNoErrors(page);
});
