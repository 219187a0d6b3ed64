// Pathways end-to-end: the validation exercise in the browser. An analyst builds an exercise on
// two priority areas, invites the Serbian focal point as a delegate and opens round 1; the
// delegate rates both items and finds their answers kept; the analyst sees that Serbia answered
// (not what), closes the round, and the roadmap page shows the seeded demo roadmap with its
// timeline. Runs the real binary with --demo and drives Debian's Chromium through playwright-core.
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

async function signIn(page, email) {
  await page.goto(`${base}/login`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/`);
}

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), "pathways-e2e-v-"));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(BIN, ["serve", "--db", join(dir, "e2e.db"), "--bind", `127.0.0.1:${port}`, "--demo", "--demo-password", PASSWORD], { stdio: "inherit" });
  await waitFor(`${base}/healthz`, 90000);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill("SIGTERM");
});

test("a delegate rates in a round the analyst opened, anonymously", async () => {
  const analyst = await browser.newPage();
  await signIn(analyst, "analyst@demo");
  await analyst.goto(`${base}/exercises`);
  await analyst.getByLabel("Title").fill("Validation (e2e)");
  const priorities = analyst.locator("input[name=priority]");
  await priorities.nth(0).check();
  await priorities.nth(1).check();
  await analyst.getByRole("button", { name: "Create the exercise" }).click();
  await analyst.waitForURL(/\/exercises\/[0-9a-f-]+$/);
  const url = analyst.url();
  await analyst.getByLabel("E-mail").fill("fp-rs@demo");
  await analyst.getByRole("button", { name: "Invite" }).click();
  await analyst.getByRole("button", { name: "Open the next round" }).click();
  await analyst.getByText("0 / 1").waitFor();
  await analyst.close();

  const delegate = await browser.newPage();
  await signIn(delegate, "fp-rs@demo");
  await delegate.goto(url);
  const ratings = delegate.locator("select[name^=rating-]");
  assert.equal(await ratings.count(), 2);
  await ratings.nth(0).selectOption("8");
  await ratings.nth(1).selectOption("3");
  await delegate.locator("textarea[name^=comment-]").first().fill("private reason of Serbia");
  await delegate.getByRole("button", { name: "Save my ratings" }).click();
  await delegate.waitForURL(url);
  assert.equal(await delegate.locator("select[name^=rating-]").nth(0).inputValue(), "8");
  await delegate.close();

  const again = await browser.newPage();
  await signIn(again, "analyst@demo");
  await again.goto(url);
  await again.getByText("1 / 1").waitFor();
  assert.doesNotMatch(await again.locator("main").innerText(), /private reason of Serbia/);
  await again.getByRole("button", { name: "Close the round" }).click();
  await again.waitForURL(url);
  assert.match(await again.locator("main").innerText(), /Kendall's W/);

  await again.goto(`${base}/roadmap`);
  assert.match(await again.locator("main").innerText(), /Demo content/);
  assert.equal(await again.locator("figure svg").count(), 1);
  await again.close();
});
