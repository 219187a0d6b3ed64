// Pathways end-to-end: an analyst imports the shipped questionnaire and opens a round; a focal
// point fills a page in the browser, where every change is saved by htmx and the page re-renders
// with its skip logic and the form's messages. Runs the real binary on a fresh database and drives
// Debian's Chromium through playwright-core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openRound, serveAndBrowse, signIn } from "./harness.mjs";

const env = serveAndBrowse();

test("an analyst opens a round and a focal point fills a page with live skip logic", async () => {
  const analyst = await openRound(env, "Mapping 2026 (e2e)");
  assert.match(await analyst.locator("main").innerText(), /Serbia/);
  await analyst.close();

  const page = await env.browser.newPage();
  await signIn(page, env.base, "fp-rs@demo");
  await page.goto(`${env.base}/rounds`);
  await page.getByRole("link", { name: "Mapping 2026 (e2e)" }).click();
  await page.getByRole("link", { name: "Serbia" }).click();
  // Serbia's focal point reads the form in Serbian by default; these steps read it in English.
  assert.match(await page.locator("#response-pages").textContent(), /Потражња за радном снагом/);
  await Promise.all([page.waitForNavigation(), page.locator("select[name=form_lang]").selectOption("English (en)")]);
  await page.getByRole("link", { name: "Labour demand" }).click();
  const check = page.getByText("What is checked, and how?");
  assert.equal(await check.count(), 0, "asked only once there is a check");

  await page.getByLabel("Partial").check();
  await page.getByText("Saved (version 2).").waitFor();
  await check.waitFor();

  const status = page.locator("#response-status");
  assert.match(await status.innerText(), /Problems 0/, "nothing tried yet, nothing wrong");
  await page.getByLabel("Usual processing time (days)").fill("900");
  await page.getByLabel("Usual processing time (days)").press("Tab");
  await page.getByText("Between 0 and 730 days.").waitFor();
  // Issue 17, point 6: the progress line and the page's count follow each save, and "Saved"
  // shows where the user is.
  assert.match(await status.innerText(), /Problems 1/);
  assert.equal(await page.locator("#response-pages li[aria-current] .badge").innerText(), "1");

  await page.getByLabel("Usual processing time (days)").fill("4");
  await page.getByLabel("Usual processing time (days)").press("Tab");
  await page.getByText("Saved (version 4).").waitFor();
  assert.equal(await page.getByText("Between 0 and 730 days.").count(), 0);
  assert.match(await status.innerText(), /Problems 0/);
  assert.ok(await page.locator(".saved").isVisible(), "Saved in view");

  // A reload shows what was saved: nothing is kept only in the browser.
  await page.reload();
  assert.equal(await page.getByLabel("Usual processing time (days)").inputValue(), "4");
  assert.ok(await page.getByLabel("Partial").isChecked());

  // Issue 17, point 1: after an edit saved by htmx, "Submit for review" sends the version just
  // saved, not the one the page was opened with: no conflict with oneself.
  await page.getByLabel("Usual processing time (days)").fill("5");
  await page.getByLabel("Usual processing time (days)").press("Tab");
  await page.getByText("Saved (version 5).").waitFor();
  await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Submit for review" }).click()]);
  const after = await page.locator("main").innerText();
  assert.doesNotMatch(after, /someone else/i, after.slice(0, 400));
  assert.match(after, /cannot be submitted yet|submitted/i);
  await page.close();
});
