// Pathways end-to-end: an analyst imports the shipped questionnaire and opens a round; a focal
// point fills a page in the browser, where every change is saved by htmx and the page re-renders
// with its skip logic and the form's messages. Runs the real binary on a fresh database and drives
// Debian's Chromium through playwright-core.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import net from "node:net";
import { chromium } from "playwright-core";

const BIN = process.env.PATHWAYS_BIN || "../target/debug/pathways";
const FORM = resolve("../data/questionnaires/mapping.xlsx");
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

async function signIn(page, email) {
  await page.goto(`${base}/login`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/`);
}

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), "pathways-e2e-q-"));
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

test("an analyst opens a round and a focal point fills a page with live skip logic", async () => {
  const analyst = await browser.newPage();
  await signIn(analyst, "analyst@demo");
  await analyst.goto(`${base}/rounds`);
  await analyst.getByLabel("File").setInputFiles(FORM);
  await analyst.getByRole("button", { name: "Import" }).click();
  await analyst.getByText(/is ready/).waitFor();
  await analyst.getByLabel("Title").fill("Mapping 2026 (e2e)");
  await analyst.getByLabel("Deadline").fill("2026-12-31");
  await analyst.getByRole("button", { name: "Open the round" }).click();
  await analyst.waitForURL(/\/rounds\/[0-9a-f-]+$/);
  assert.match(await analyst.locator("main").innerText(), /Serbia/);
  await analyst.close();

  const page = await browser.newPage();
  await signIn(page, "fp-rs@demo");
  await page.goto(`${base}/rounds`);
  await page.getByRole("link", { name: "Mapping 2026 (e2e)" }).click();
  await page.getByRole("link", { name: "Serbia" }).click();
  await page.getByRole("link", { name: "Labour demand" }).click();
  const check = page.getByText("What is checked, and how?");
  assert.equal(await check.count(), 0, "asked only once there is a check");

  await page.getByLabel("Partial").check();
  await page.getByText("Saved (version 2).").waitFor();
  await check.waitFor();

  await page.getByLabel("Usual processing time (days)").fill("900");
  await page.getByLabel("Usual processing time (days)").press("Tab");
  await page.getByText("Between 0 and 730 days.").waitFor();

  await page.getByLabel("Usual processing time (days)").fill("4");
  await page.getByLabel("Usual processing time (days)").press("Tab");
  await page.getByText("Saved (version 4).").waitFor();
  assert.equal(await page.getByText("Between 0 and 730 days.").count(), 0);

  // A reload shows what was saved: nothing is kept only in the browser.
  await page.reload();
  assert.equal(await page.getByLabel("Usual processing time (days)").inputValue(), "4");
  assert.ok(await page.getByLabel("Partial").isChecked());
  await page.close();
});
