// What every browser test shares: the real binary serving a fresh database with the demo accounts
// (and the demo cycle) on a free loopback port, Debian's Chromium driven by playwright-core, and
// signing in through the login form. Not a test file itself (node --test only runs *.test.mjs).
import { before, after } from "node:test";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import net from "node:net";
import { chromium } from "playwright-core";

const BIN = process.env.PATHWAYS_BIN || "../target/debug/pathways";
export const PASSWORD = "e2e-demo-password-long";

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

/// Registers the suite's before/after hooks and returns an object whose `base` (the server's URL)
/// and `browser` are set once the hooks have run.
export function serveAndBrowse() {
  const env = { base: undefined, browser: undefined, server: undefined };
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), "pathways-e2e-"));
    const port = await freePort();
    env.base = `http://127.0.0.1:${port}`;
    env.server = spawn(BIN, ["serve", "--db", join(dir, "e2e.db"), "--bind", `127.0.0.1:${port}`, "--demo", "--demo-password", PASSWORD], { stdio: "inherit" });
    await waitFor(`${env.base}/healthz`, 90000);
    env.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  });
  after(async () => {
    if (env.browser) await env.browser.close();
    if (env.server) env.server.kill("SIGTERM");
  });
  return env;
}

export async function signIn(page, base, email) {
  await page.goto(`${base}/login`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/work`);
}

const FORM = fileURLToPath(new URL("../data/questionnaires/mapping.xlsx", import.meta.url));

/// As the analyst: imports the shipped questionnaire and opens a round titled `title` for every
/// economy; returns the analyst's page on the round's dashboard (the caller closes it).
export async function openRound(env, title) {
  const analyst = await env.browser.newPage();
  await signIn(analyst, env.base, "analyst@demo");
  await analyst.goto(`${env.base}/rounds`);
  await analyst.getByLabel("File").setInputFiles(FORM);
  await analyst.getByRole("button", { name: "Import" }).click();
  await analyst.getByText(/is ready/).waitFor();
  await analyst.getByLabel("Title").fill(title);
  await analyst.getByLabel("Deadline").fill("2026-12-31");
  await analyst.getByRole("button", { name: "Open the round" }).click();
  await analyst.waitForURL(/\/rounds\/[0-9a-f-]+$/);
  return analyst;
}
