// Pathways end-to-end: a focal point's session expires while they fill the questionnaire. The
// change they make is refused without touching the page (no sign-in page in the form, the answer
// still in its field); they sign in again in another tab, come back, and the change is saved.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openRound, serveAndBrowse, signIn } from "./harness.mjs";

const env = serveAndBrowse();

test("an expired session keeps the answer and saves it after signing in again", async () => {
  const analyst = await openRound(env, "Session (e2e)");
  await analyst.close();

  const context = await env.browser.newContext();
  const page = await context.newPage();
  await signIn(page, env.base, "fp-rs@demo");
  await page.goto(`${env.base}/rounds`);
  await page.getByRole("link", { name: "Session (e2e)" }).click();
  await page.getByRole("link", { name: "Serbia" }).click();
  // Serbia's focal point reads the form in Serbian by default; these steps read it in English.
  assert.match(await page.locator("#response-pages").textContent(), /Потражња за радном снагом/);
  await Promise.all([page.waitForNavigation(), page.locator("select[name=form_lang]").selectOption("English (en)")]);
  await page.getByRole("link", { name: "Labour demand" }).click();
  // A fresh response is version 1; each save adds one (wait for each, so that no save is still
  // on its way when the session ends).
  await page.getByLabel("Partial").check();
  await page.getByText("Saved (version 2).").waitFor();
  const field = page.getByLabel("Usual processing time (days)");
  await field.fill("11");
  await field.press("Tab");
  await page.getByText("Saved (version 3).").waitFor();

  // The session ends (signed out elsewhere, or expired).
  await context.clearCookies();
  await field.fill("12");
  await field.press("Tab");
  await page.getByText("Your session has expired").waitFor();
  assert.equal(await field.inputValue(), "12", "the answer is still in its field");
  assert.equal(await page.getByRole("button", { name: "Sign in" }).count(), 0, "no sign-in page inside the form");

  // Signing in again in another tab, then coming back, saves the change.
  const other = await context.newPage();
  await signIn(other, env.base, "fp-rs@demo");
  await other.close();
  await page.bringToFront();
  await page.evaluate(() => window.dispatchEvent(new Event("focus")));
  await page.getByText("Saved (version 4).").waitFor();
  await page.getByText("Your session has expired").waitFor({ state: "detached" });
  await page.reload();
  assert.equal(await page.getByLabel("Usual processing time (days)").inputValue(), "12");
  await context.close();
});
