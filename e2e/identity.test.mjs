// Pathways end-to-end: identity review. Serbia's case officer opens a case for a man, then a
// second one a year later with a renewed passport and his surname spelt otherwise; the second
// case's page says an earlier record may be the same person and why, in words. "Different
// persons" without a note is refused; "the same person" puts both cases on one timeline and
// empties the review queue of that pair. Runs the real binary with --demo and Debian's Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serveAndBrowse, signIn } from "./harness.mjs";

const env = serveAndBrowse();

async function openCase(page, base, surname, passport) {
  await page.goto(`${base}/screening/cases/new`);
  await page.getByLabel("Given name").fill("Dil Bahadur");
  await page.getByLabel("Surname").fill(surname);
  await page.getByLabel("Date of birth").fill("1987-09-23");
  await page.getByLabel("Sex").selectOption("M");
  await page.getByLabel("Nationality").selectOption("NP");
  await page.getByLabel("Passport number").fill(passport);
  await page.getByRole("button", { name: "Open the case" }).click();
  await page.waitForURL(/\/screening\/cases\/case_[0-9a-f]+$/);
  return page.url();
}

test("a renewed passport is suggested, explained and confirmed by an officer", async () => {
  const officer = await env.browser.newPage();
  await signIn(officer, env.base, "officer-rs@demo");
  const first = await openCase(officer, env.base, "Ghale", "PA5550001");
  const second = await openCase(officer, env.base, "Ghaley", "N8123476");
  const text = await officer.locator("main").innerText();
  assert.match(text, /Records that may be the same person \(1\)/);
  assert.match(text, /the same date of birth/);
  assert.match(text, /different passport numbers \(a renewed passport or another document\)/);
  assert.doesNotMatch(text, /jw>=|edits<=|exact_1_january/, "levels read as words, never codes");
  const card = officer.locator("article.link-card").first();
  await card.getByText("PA5550001").waitFor();
  await card.getByLabel("different persons").check();
  await card.getByRole("button", { name: "Save the decision" }).click();
  await officer.getByText(/say why/).waitFor();
  await officer.goto(second);
  const again = officer.locator("article.link-card").first();
  await again.getByLabel("the same person").check();
  await again.getByRole("button", { name: "Save the decision" }).click();
  await officer.waitForURL(second);
  const after = await officer.locator("main").innerText();
  assert.match(after, /Confirmed by an officer as the same person/);
  const timeline = officer.locator("ol.timeline a");
  assert.equal(await timeline.count(), 2);
  assert.ok((await timeline.evaluateAll((as) => as.map((a) => a.href))).includes(first));
  await officer.goto(`${env.base}/screening/identity`);
  assert.doesNotMatch(await officer.locator("main").innerText(), /N8123476/);
  // The checks' explanations, kept with the case in English, read in the officer's language.
  await officer.goto(`${second}?lang=mk`);
  const mk = await officer.locator("main").innerText();
  assert.match(mk, /Службеник потврдил дека е истото лице: предмет case_[0-9a-f]+, барање од/);
  assert.match(mk, /ист датум на раѓање/);
  assert.doesNotMatch(mk, /the same person|date of birth|is registered/);
  await officer.screenshot({ path: "test-results/case-checks-mk.png", fullPage: true });
  await officer.close();
});
