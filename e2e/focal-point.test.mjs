// Pathways end-to-end: a focal point signs in, edits an institution of their economy, sees the
// change in its history, and is refused on another economy's institution. Runs the real binary
// on a fresh database and drives Debian's Chromium through playwright-core.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import net from "node:net";
import { chromium } from "playwright-core";

const BIN = process.env.PATHWAYS_BIN || "../target/debug/pathways";
const PASSWORD = "e2e-demo-password-long";
let server, browser, base;

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

async function waitFor(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { const r = await fetch(url); if (r.ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer ${url}`);
}

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), "pathways-e2e-"));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(BIN, ["serve", "--db", join(dir, "e2e.db"), "--bind", `127.0.0.1:${port}`, "--demo", "--demo-password", PASSWORD], { stdio: "inherit" });
  await waitFor(`${base}/healthz`, 60000);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill("SIGTERM");
});

test("a focal point edits their economy's institution, sees the history, and is refused elsewhere", async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel("E-mail").fill("fp-rs@demo");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/`);
  assert.match(await page.locator("header").innerText(), /fp-rs@demo/);

  // Own economy: the Serbian National Employment Service.
  await page.goto(`${base}/economies/RS`);
  await page.getByRole("link", { name: "National Employment Service" }).first().click();
  await page.getByRole("link", { name: "Edit" }).click();
  const website = "https://www.nsz.gov.rs/e2e-check";
  await page.getByLabel("Website").fill(website);
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(/\/institutions\/rs-nsz/);
  const history = page.locator("#history + table");
  assert.match(await history.innerText(), /fp-rs@demo/);
  assert.match(await history.innerText(), new RegExp(website.replace(/[./]/g, "\\$&")));

  // Another economy: no edit button on the page, and the edit form itself is refused.
  await page.goto(`${base}/institutions/al-akpa`);
  assert.equal(await page.getByRole("link", { name: "Edit" }).count(), 0);
  const refused = await page.goto(`${base}/institutions/al-akpa/edit`);
  assert.equal(refused.status(), 403);
  assert.match(await page.locator("main").innerText(), /may not edit data of AL/);
  await page.close();
});
