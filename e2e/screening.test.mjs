// Pathways end-to-end: screening a work-permit case across two desks. Serbia's case officer opens
// a case and asks Nepal to verify the demand letter; Nepal's liaison sees only the excerpt and
// answers "not confirmed"; the officer finds the case ready for decision, cannot refuse without a
// reason, and refuses with one. Runs the real binary with --demo and drives Debian's Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serveAndBrowse, signIn } from "./harness.mjs";

const env = serveAndBrowse();

test("officer → CoO liaison → officer → decision", async () => {
  const officer = await env.browser.newPage();
  await signIn(officer, env.base, "officer-rs@demo");
  await officer.goto(`${env.base}/screening/cases/new`);
  await officer.getByLabel("Given name").fill("Sunita");
  await officer.getByLabel("Surname").fill("Tamang");
  await officer.getByLabel("Date of birth").fill("1994-03-17");
  await officer.getByLabel("Nationality").selectOption("NP");
  await officer.getByLabel("Passport number").fill("PA7654321");
  await officer.getByLabel("Contract ends").fill("2028-12-31");
  await officer.getByRole("button", { name: "Open the case" }).click();
  await officer.waitForURL(/\/screening\/cases\/case_[0-9a-f]+$/);
  const caseUrl = officer.url();
  await officer.getByText("Passport machine-readable zone").waitFor();
  await officer.getByLabel("What to verify").selectOption("demand_letter");
  await officer.getByRole("button", { name: "Send the request" }).click();
  await officer.getByText("awaiting the answer").waitFor();

  const liaison = await env.browser.newPage();
  await signIn(liaison, env.base, "coo-np@demo");
  await liaison.goto(`${env.base}/screening/requests`);
  // The newest request comes first: the one just sent.
  await liaison.locator("table a").first().click();
  await liaison.waitForURL(/\/screening\/requests\/vr_[0-9a-f]+$/);
  const excerpt = await liaison.locator("main").innerText();
  assert.match(excerpt, /Sunita Tamang/);
  assert.match(excerpt, /PA7654321/);
  assert.doesNotMatch(excerpt, /2028-12-31/, "the liaison sees the excerpt, not the case");
  await liaison.getByLabel("Not confirmed").check();
  await liaison.getByLabel("Comment").fill("No attestation of this demand letter on record.");
  await liaison.getByRole("button", { name: "Send the answer" }).click();
  await liaison.getByText("No attestation of this demand letter on record.").waitFor();
  const direct = await liaison.goto(caseUrl);
  assert.equal(direct.status(), 404, "the liaison cannot open the case");
  await liaison.close();

  await officer.goto(caseUrl);
  await officer.getByText("Ready for decision", { exact: true }).first().waitFor();
  await officer.locator("select[name=decision]").selectOption("refuse");
  await officer.getByRole("textbox", { name: "Note" }).fill("The Country of Origin did not confirm the demand letter.");
  await officer.getByRole("button", { name: "Record the decision" }).click();
  await officer.getByText(/at least one reason code/).waitFor();
  await officer.goto(caseUrl);
  await officer.locator("select[name=decision]").selectOption("refuse");
  await officer.locator("input[name=reason][value=coo_not_confirmed]").check();
  await officer.getByRole("textbox", { name: "Note" }).fill("The Country of Origin did not confirm the demand letter.");
  await officer.getByRole("button", { name: "Record the decision" }).click();
  await officer.waitForURL(caseUrl);
  const page = await officer.locator("main").innerText();
  assert.match(page, /Refuse/);
  assert.match(page, /The Country of Origin did not confirm a document or fact/);
  assert.match(page, /Decided/);
  await officer.close();
});
