// Pathways end-to-end: identity linkage between economies. Serbia's case officer opens a case and
// publishes Serbia's encoded register to the other economies of the deployment; Albania's officer
// opens a case for the same man (his name spelt otherwise), and the case page shows a possible
// record in Serbia — the economy and a Dice similarity, no name. The query goes to Serbia's
// officers, who see their own record behind the pseudonym and answer; Albania reads the answer.
// Runs the real binary with --demo and Debian's Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serveAndBrowse, signIn } from "./harness.mjs";

const env = serveAndBrowse();

async function openCase(page, base, given) {
  await page.goto(`${base}/screening/cases/new`);
  await page.getByLabel("Given name").fill(given);
  await page.getByLabel("Surname").fill("Lamichhane");
  await page.getByLabel("Date of birth").fill("1989-03-11");
  await page.getByLabel("Sex").selectOption("M");
  await page.getByLabel("Nationality").selectOption("NP");
  await page.getByLabel("Passport number").fill("PL7773331");
  await page.getByRole("button", { name: "Open the case" }).click();
  await page.waitForURL(/\/screening\/cases\/case_[0-9a-f]+$/);
  return page.url();
}

test("a record in another economy is found without names and asked about", async () => {
  const rs = await (await env.browser.newContext()).newPage();
  await signIn(rs, env.base, "officer-rs@demo");
  await openCase(rs, env.base, "Prem Bahadur");
  await rs.goto(`${env.base}/screening/federation`);
  await rs.getByRole("button", { name: "Publish to the other economies here" }).click();
  await rs.getByText(/Published: \d+ records/).waitFor();

  const al = await (await env.browser.newContext()).newPage();
  await signIn(al, env.base, "officer-al@demo");
  const mine = await openCase(al, env.base, "Prem Bahdur");
  const section = await al.locator("main").innerText();
  assert.match(section, /Records in other economies/);
  assert.match(section, /Serbia — Dice similarity 0\.\d\d/);
  await al.getByRole("button", { name: "Ask Serbia" }).first().click();
  await al.waitForURL(/\/screening\/requests\/vr_[0-9a-f]+$/);
  const query = al.url();
  assert.doesNotMatch(await al.locator("main").innerText(), /Lamichhane|PL7773331/);

  await rs.goto(query);
  const asked = await rs.locator("main").innerText();
  assert.match(asked, /Your record/);
  assert.match(asked, /case case_[0-9a-f]+ applied for on/);
  assert.doesNotMatch(asked, /Prem Bahdur/, "Serbia never reads Albania's case");
  await rs.getByLabel("Confirmed", { exact: true }).check();
  await rs.getByLabel("Comment").fill("Permit refused in Serbia in 2026.");
  await rs.getByRole("button", { name: "Send the answer" }).click();
  await rs.waitForURL(query);

  await al.goto(mine);
  assert.match(await al.locator("main").innerText(), /Permit refused in Serbia in 2026\./);
});
