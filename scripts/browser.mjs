// Debian's Chromium, headless, as every browser-driving script here launches it (the
// e2e harness and the figures). CHROMIUM_PATH overrides where it is.
import { chromium } from "playwright-core";
import fs from "node:fs";

const CHROMIUM = process.env.CHROMIUM_PATH || ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));

export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", ...extraArgs],
  });
}
