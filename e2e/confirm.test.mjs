// Pathways end-to-end: under the content security policy (no inline handlers), Delete asks
// before it deletes — dismissing keeps the record, accepting deletes it — and no page logs a CSP
// violation. Runs the real binary on a fresh database and drives Debian's Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serveAndBrowse, signIn } from "./harness.mjs";

const env = serveAndBrowse();

test("delete asks for confirmation and the policy blocks nothing the page needs", async () => {
  const page = await env.browser.newPage();
  const violations = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await signIn(page, env.base, "analyst@demo");
  await page.goto(`${env.base}/institutions/rs-trafficking-centre`);

  // Dismissed: nothing is sent, the record is still there.
  let asked = 0;
  page.once("dialog", (d) => { asked += 1; d.dismiss(); });
  await page.getByRole("button", { name: "Delete" }).click();
  await page.waitForTimeout(300);
  assert.equal(asked, 1, "a confirmation was asked");
  assert.match(page.url(), /\/institutions\/rs-trafficking-centre$/);
  const still = await page.goto(`${env.base}/institutions/rs-trafficking-centre`);
  assert.equal(still.status(), 200);

  // Accepted: the record is deleted.
  page.once("dialog", (d) => { asked += 1; d.accept(); });
  await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Delete" }).click()]);
  assert.equal(asked, 2);
  const gone = await page.goto(`${env.base}/institutions/rs-trafficking-centre`);
  assert.equal(gone.status(), 404);
  assert.deepEqual(violations, [], "no content-security-policy violation");
  await page.close();
});
