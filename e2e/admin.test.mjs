// Pathways end-to-end: an administrator manages users in the browser — the Users link is in their
// menu only, an invitation gives a one-time link shown once, the invited focal point opens it in
// another browser, chooses a password and signs in to their economy; disabling asks first and
// signs the user out. Runs the real binary on a fresh database and drives Debian's Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serveAndBrowse, signIn } from "./harness.mjs";

const env = serveAndBrowse();

test("an admin invites a focal point who sets a password with the link, then disables them", async () => {
  const analyst = await env.browser.newPage();
  await signIn(analyst, env.base, "analyst@demo");
  await analyst.locator("nav summary", { hasText: "More" }).click();
  assert.equal(await analyst.getByRole("link", { name: "Users" }).count(), 0, "not in an analyst's menu");
  await analyst.close();

  const admin = await env.browser.newPage();
  await signIn(admin, env.base, "admin@demo");
  await admin.locator("nav summary", { hasText: "More" }).click();
  await admin.getByRole("link", { name: "Users" }).click();
  await admin.waitForURL(`${env.base}/admin/users`);
  await admin.getByLabel("E-mail").last().fill("new.fp@example.org");
  await admin.locator("form.edit select[name=role]").selectOption("focal-point");
  await admin.locator("form.edit select[name=economy]").selectOption("MK");
  await Promise.all([admin.waitForNavigation(), admin.getByRole("button", { name: "Invite" }).click()]);
  const link = (await admin.locator("#one-time-link").textContent()).trim();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/welcome\/pwl_[0-9a-f]{64}$/);

  // The invited user, in a browser of their own.
  const context = await env.browser.newContext();
  const invited = await context.newPage();
  await invited.goto(link);
  await invited.getByLabel("New password").fill("a long enough passphrase");
  await invited.getByLabel("The same password again").fill("a long enough passphrase");
  await Promise.all([invited.waitForNavigation(), invited.getByRole("button", { name: "Save my password" }).click()]);
  assert.match(await invited.locator(".flash.ok").textContent(), /password is saved/);
  assert.equal(await invited.getByLabel("E-mail").inputValue(), "new.fp@example.org");
  await invited.getByLabel("Password").fill("a long enough passphrase");
  await invited.getByRole("button", { name: "Sign in" }).click();
  await invited.waitForURL(`${env.base}/work`);
  assert.match(await invited.locator("header").textContent(), /focal point, MK/);

  // Disabling asks first; accepted, the user is signed out at their next request.
  await admin.goto(`${env.base}/admin/users`);
  const row = admin.locator("tr", { hasText: "new.fp@example.org" });
  admin.once("dialog", (d) => d.accept());
  await Promise.all([admin.waitForNavigation(), row.getByRole("button", { name: "Disable" }).click()]);
  assert.match(await admin.locator("tr", { hasText: "new.fp@example.org" }).textContent(), /disabled/);
  const r = await invited.goto(`${env.base}/rounds`);
  assert.match(invited.url(), /\/login/, `sent to sign in (${r.status()})`);
  await context.close();
  await admin.close();
});
