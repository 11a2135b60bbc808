// The real system for the e2e tests that need it: yaojian-server (--demo, SQLite in a
// temporary directory) serving the demo portal on a free loopback port, headless
// Chromium, and a person signed in through the portal's sample sign-in. Needs
// target/demo-dist (scripts/demo-build.sh) and target/debug/yaojian-server.
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { launchChromium } from "../../scripts/browser.mjs";
import { DEMO_DIR, expectNoAxeViolations } from "./harness.mjs";

export const BIN = "target/debug/yaojian-server";

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
});

/** Starts the server and a browser: `{base, dir, browser, token(...args), stop()}`. */
export async function startDemoServer() {
  assert.ok(fs.existsSync(BIN), `${BIN} missing: run cargo build -p yaojian-server`);
  assert.ok(fs.existsSync(`${DEMO_DIR}/index.html`), `${DEMO_DIR} missing: run scripts/demo-build.sh`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yaojian-e2e-server-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(BIN, ["serve", "--demo", "--bureau", "示例市药品监督管理局（演示）", "--listen", `127.0.0.1:${port}`, "--database", `sqlite:${dir}/db.sqlite`,
    "--key", `${dir}/key`, "--site", DEMO_DIR], { stdio: ["ignore", "ignore", "inherit"] });
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(`${base}/api/v1/healthz`)).ok) break; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  const browser = await launchChromium(["--disable-quic"]);
  return {
    base, dir, browser,
    /** A token signed with the server's key (`yaojian-server token` arguments). */
    token: (...args) => execFileSync(BIN, ["token", "--key", `${dir}/key`, ...args]).toString().trim(),
    async stop() {
      await browser?.close();
      server.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new browser context on the portal, signed in as the sample user `user`. */
export async function signedIn(demo, user) {
  const context = await demo.browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.on("console", (m) => {
    // A filing refused by the network is the point of the offline test, not a fault.
    if (m.type() === "error" && !/ERR_INTERNET_DISCONNECTED|ERR_FAILED|Failed to load resource/.test(m.text())) page.errors.push(m.text());
  });
  await page.goto(demo.base + "/");
  await page.waitForSelector("#yj-portal-sign-in");
  await expectNoAxeViolations(page, "portal with the sample sign-in");
  await page.selectOption("#yj-portal-user", user);
  await page.click("#yj-portal-sign-in");
  await page.waitForSelector("#yj-portal-signed-in");
  return page;
}
