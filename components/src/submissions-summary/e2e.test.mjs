// The submissions summary (自查汇总) in the demo portal: the example batch counted,
// files loaded with the file picker (one of them broken), filters by keyboard, the CSV
// download (UTF-8 with BOM), a language switch, and axe with zero violations.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { launch, openPage, expectNoAxeViolations, expectNoErrors, tabTo } from "../../../tests/e2e/harness.mjs";
import { personalSubmissions } from "../../../bench/generate.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const stat = (page, label) =>
  page.locator(".yj-fs__stat", { has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd").textContent();
const range = (page) => page.locator("[id$='-range']").textContent();

async function openSummary() {
  const page = await openPage(env, "/#submissions-summary");
  await page.waitForSelector(".yj-fs .yj-fs__stat");
  return page;
}

test("the example batch is counted, and axe finds nothing", async () => {
  const page = await openSummary();
  assert.equal(await stat(page, "载入总数"), "62");
  assert.equal(await stat(page, "报告问题的填报人"), "7");
  assert.equal(await stat(page, "缺少承诺"), "2");
  assert.equal(await stat(page, "未计入（格式或模板不符）"), "2");
  assert.equal(await range(page), "第 1–50 条，共 60 条");
  // Generated filings shown without the server are said to be samples.
  assert.match(await page.textContent("[data-testid=portal-sample-data]"), /示例数据/);
  await expectNoAxeViolations(page, "summary with the example batch");
  await expectNoErrors(page);
});

test("files are added to the batch; a broken file is named in a focused error summary", async () => {
  const page = await openSummary();
  const five = JSON.stringify(personalSubmissions(5, { seed: 99 }));
  await page.setInputFiles("[id$='-files']", [
    { name: "第二批.json", mimeType: "application/json", buffer: Buffer.from(five) },
    { name: "损坏.json", mimeType: "application/json", buffer: Buffer.from("[{\"schema\": ") },
  ]);
  await page.waitForSelector(".yj-fs .yj-error-summary");
  const summary = page.locator(".yj-fs .yj-error-summary");
  assert.match(await summary.textContent(), /损坏\.json：/);
  assert.ok(await summary.evaluate((el) => el === document.activeElement), "the error summary takes focus");
  assert.equal(await stat(page, "载入总数"), "67");
  assert.match(await page.locator(".yj-fs__loaded").textContent(), /已载入 67 份提交（2 次载入）/);
  await expectNoAxeViolations(page, "summary with a load error");
  // Clearing empties the batch; the rows go with it.
  await page.click("[id$='-clear']");
  await page.waitForSelector("text=尚未载入提交。");
  assert.equal(await page.locator(".yj-fs__stat").count(), 0);
});

test("keyboard filters, then the CSV download carries exactly the filtered rows, with a BOM", async () => {
  const page = await openSummary();
  await tabTo(page, "document.activeElement && document.activeElement.id.endsWith('-f-with')");
  await page.keyboard.press("Space");
  await page.waitForFunction(() => document.querySelector("[id$='-range']").textContent === "第 1–7 条，共 7 条");
  await tabTo(page, "document.activeElement && document.activeElement.id.endsWith('-export')");
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  assert.match(download.suggestedFilename(), /^自查汇总-representative-personal-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = fs.readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM for Excel");
  const lines = bytes.toString("utf8").slice(1).trim().split(/\r?\n/);
  assert.match(lines[0], /^回执编号,填报人,所属单位,证件号码,提交时间,发现问题,最高严重程度,已承诺,校验问题数$/);
  assert.equal(lines.length, 1 + 7);
  assert.ok(lines.slice(1).every((l) => l.includes(",严重,")), lines.join("\n"));
  const emitted = JSON.parse(await page.textContent("[data-testid=emitted-json]"));
  assert.equal(emitted.type, "summary.export");
  assert.equal(emitted.rows, 7);
  // The second CSV: one line per finding of those rows, with what each filer wrote.
  await page.keyboard.press("Tab");
  assert.ok(await page.evaluate(() => document.activeElement.id.endsWith("-findings-csv")));
  const [second] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  assert.match(second.suggestedFilename(), /^自查问题清单-representative-personal-\d{4}-\d{2}-\d{2}\.csv$/);
  const findings = fs.readFileSync(await second.path()).toString("utf8").slice(1).trim().split(/\r?\n/);
  assert.equal(findings[0], "回执编号,填报人,所属单位,问题,严重程度,违反的规定,情况说明,整改措施,整改期限");
  const told = JSON.parse(await page.textContent("[data-testid=emitted-json]"));
  assert.equal(told.rows, findings.length - 1);
  assert.ok(findings.length - 1 >= 7, "at least one finding per filtered row");
  await expectNoAxeViolations(page, "summary filtered");
});

test("switching the language relabels the summary and its counts", async () => {
  const page = await openSummary();
  await page.selectOption("#yj-portal-lang", "en");
  await page.waitForSelector("text=Submitters reporting findings");
  assert.equal(await stat(page, "Submitters reporting findings"), "7");
  assert.match(await page.locator("[id$='-findings']").textContent(), /Sales targets or sales activity/);
  assert.equal(await range(page), "1–50 of 60");
  await page.selectOption("#yj-portal-lang", "zh-TW");
  await page.waitForSelector("text=報告問題的填報人");
  assert.match(await page.locator("[id$='-findings']").textContent(), /承擔銷售任務或實施銷售行為/);
  await expectNoErrors(page);
});
