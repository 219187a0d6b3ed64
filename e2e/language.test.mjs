// Pathways end-to-end: the language switcher. A visitor switches the regional picture to Serbian
// Cyrillic and the page renders in Cyrillic (screenshot kept in test-results/ as an artifact); a
// focal point chooses Albanian with the switcher of any page, and the choice, saved with the
// account, follows them to a browser of their own at the next sign-in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { serveAndBrowse, signIn, PASSWORD } from "./harness.mjs";

const env = serveAndBrowse();
const CYRILLIC = /[\u0400-\u04FF]/;

test("a visitor switches the page to Serbian Cyrillic and it renders in Cyrillic", async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${env.base}/`);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await page.locator("details.lang summary").click();
  await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: "Српски (ћирилица)" }).click()]);
  assert.equal(await page.getAttribute("html", "lang"), "sr-Cyrl");
  const h1 = await page.locator("h1").first().textContent();
  assert.match(h1, CYRILLIC, `the title is in Cyrillic: ${h1}`);
  assert.match(await page.locator("nav").textContent(), /Институције/);
  assert.match(await page.locator("footer").textContent(), /Косова/, "the Kosovo* footnote is translated");
  assert.equal(await page.locator(".draft-note").count(), 1, "a draft translation says so");
  // The glyphs are drawn: the title is as wide as text, not a row of empty boxes.
  const box = await page.locator("h1").first().boundingBox();
  assert.ok(box && box.width > 200 && box.height > 10, JSON.stringify(box));
  mkdirSync("test-results", { recursive: true });
  await page.screenshot({ path: "test-results/language-sr-Cyrl.png", fullPage: false });
  // The choice sticks for the next page.
  await page.goto(`${env.base}/institutions`);
  assert.equal(await page.getAttribute("html", "lang"), "sr-Cyrl");
  await page.close();
});

test("a focal point's language is saved with the account and follows them", async () => {
  const page = await env.browser.newPage();
  await signIn(page, env.base, "fp-al@demo");
  await page.locator("details.lang summary").click();
  await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Shqip" }).click()]);
  assert.equal(new URL(page.url()).pathname, "/work");
  assert.equal(await page.getAttribute("html", "lang"), "sq");
  assert.match(await page.locator("h1").textContent(), /Puna ime/);
  await page.close();

  // Another browser, no language cookie: signing in brings the saved language back.
  const context = await env.browser.newContext({ locale: "en-GB" });
  const other = await context.newPage();
  await other.goto(`${env.base}/login`);
  assert.equal(await other.getAttribute("html", "lang"), "en");
  await other.getByLabel("E-mail").fill("fp-al@demo");
  await other.getByLabel("Password").fill(PASSWORD);
  await other.getByRole("button", { name: "Sign in" }).click();
  await other.waitForURL(`${env.base}/work`);
  assert.equal(await other.getAttribute("html", "lang"), "sq");
  await context.close();
});
