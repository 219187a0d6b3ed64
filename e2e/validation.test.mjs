// Pathways end-to-end: the validation exercise in the browser. An analyst builds an exercise on
// two priority areas, invites the Serbian focal point as a delegate and opens round 1; the
// delegate rates both items and finds their answers kept; the analyst sees that Serbia answered
// (not what), closes the round, and the roadmap page shows the seeded demo roadmap with its
// timeline. Runs the real binary with --demo and drives Debian's Chromium through playwright-core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serveAndBrowse, signIn } from "./harness.mjs";

const env = serveAndBrowse();

test("a delegate rates in a round the analyst opened, anonymously", async () => {
  const analyst = await env.browser.newPage();
  await signIn(analyst, env.base, "analyst@demo");
  await analyst.goto(`${env.base}/exercises`);
  await analyst.getByLabel("Title").fill("Validation (e2e)");
  const priorities = analyst.locator("input[name=priority]");
  await priorities.nth(0).check();
  await priorities.nth(1).check();
  await analyst.getByRole("button", { name: "Create the exercise" }).click();
  await analyst.waitForURL(/\/exercises\/[0-9a-f-]+$/);
  const url = analyst.url();
  await analyst.getByLabel("E-mail").fill("fp-rs@demo");
  await analyst.getByRole("button", { name: "Invite" }).click();
  await analyst.getByRole("button", { name: "Open the next round" }).click();
  await analyst.getByText("0 / 1").waitFor();
  await analyst.close();

  const delegate = await env.browser.newPage();
  await signIn(delegate, env.base, "fp-rs@demo");
  await delegate.goto(url);
  const ratings = delegate.locator("select[name^=rating-]");
  assert.equal(await ratings.count(), 2);
  await ratings.nth(0).selectOption("8");
  await ratings.nth(1).selectOption("3");
  // No position is pre-chosen (it would lead the answer): each is chosen.
  const stances = delegate.locator("select[name^=stance-]");
  assert.equal(await stances.nth(0).inputValue(), "");
  await stances.nth(0).selectOption("agree");
  await stances.nth(1).selectOption("disagree");
  await delegate.locator("textarea[name^=comment-]").first().fill("private reason of Serbia");
  await delegate.getByRole("button", { name: "Save my ratings" }).click();
  await delegate.waitForURL(url);
  assert.equal(await delegate.locator("select[name^=rating-]").nth(0).inputValue(), "8");
  await delegate.close();

  const again = await env.browser.newPage();
  await signIn(again, env.base, "analyst@demo");
  await again.goto(url);
  await again.getByText("1 / 1").waitFor();
  assert.doesNotMatch(await again.locator("main").innerText(), /private reason of Serbia/);
  await again.getByRole("button", { name: "Close the round" }).click();
  await again.waitForURL(url);
  assert.match(await again.locator("main").innerText(), /Kendall's W/);

  await again.goto(`${env.base}/roadmap`);
  assert.match(await again.locator("main").innerText(), /Demo content/);
  assert.equal(await again.locator("figure svg").count(), 1);
  await again.close();
});
