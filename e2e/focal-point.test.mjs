// Pathways end-to-end: a focal point signs in, edits an institution of their economy, sees the
// change in its history, and is refused on another economy's institution. Runs the real binary
// on a fresh database and drives Debian's Chromium through playwright-core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serveAndBrowse, signIn } from "./harness.mjs";

const env = serveAndBrowse();

test("a focal point edits their economy's institution, sees the history, and is refused elsewhere", async () => {
  const page = await env.browser.newPage();
  await signIn(page, env.base, "fp-rs@demo");
  assert.match(await page.locator("header").innerText(), /fp-rs@demo/);

  // Own economy: the Serbian National Employment Service.
  await page.goto(`${env.base}/economies/RS`);
  await page.getByRole("link", { name: "National Employment Service" }).first().click();
  await page.getByRole("link", { name: "Edit" }).click();
  const website = "https://www.nsz.gov.rs/e2e-check";
  await page.getByLabel("Website").fill(website);
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(/\/institutions\/rs-nsz/);
  const history = page.locator("#history + .table-scroll table");
  assert.match(await history.innerText(), /fp-rs@demo/);
  assert.match(await history.innerText(), new RegExp(website.replace(/[./]/g, "\\$&")));

  // Another economy: no edit button on the page, and the edit form itself is refused.
  await page.goto(`${env.base}/institutions/al-akpa`);
  assert.equal(await page.getByRole("link", { name: "Edit" }).count(), 0);
  const refused = await page.goto(`${env.base}/institutions/al-akpa/edit`);
  assert.equal(refused.status(), 403);
  assert.match(await page.locator("main").innerText(), /may not edit data of AL/);
  await page.close();
});
