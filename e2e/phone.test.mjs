// Pathways end-to-end: on a 390 px phone no page is wider than the screen (wide tables scroll
// inside their box); at 1,400 px none scrolls sideways and no button is stretched by the form
// beside it; a keyboard user reaches the content through the skip link first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serveAndBrowse, signIn } from "./harness.mjs";

const env = serveAndBrowse();

const PAGES = [
  "/", "/economies/RS", "/economies/XK", "/institutions", "/institutions/rs-nsz", "/practices", "/pathways",
  "/observations", "/relationships", "/countries-of-origin", "/rounds", "/events", "/analysis", "/documents",
  "/exercises", "/roadmap", "/notifications", "/import", "/audit", "/admin/users", "/account", "/work",
  "/events/new", "/institutions/rs-nsz/edit",
];

test("no page is wider than a 390 px phone", async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const page = await context.newPage();
  await signIn(page, env.base, "admin@demo");
  const wide = [];
  for (const path of PAGES) {
    const r = await page.goto(`${env.base}${path}`);
    assert.equal(r.status(), 200, path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) wide.push(`${path}: ${width} px`);
  }
  assert.deepEqual(wide, [], "pages wider than the screen");
  await context.close();
});

test("the first Tab reaches the skip link, which leads to the content", async () => {
  const page = await env.browser.newPage();
  await page.goto(`${env.base}/institutions`);
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => [document.activeElement.className, document.activeElement.textContent]);
  assert.deepEqual(focused, ["skip-link", "Skip to content"]);
  await page.keyboard.press("Enter");
  assert.match(page.url(), /#main$/);
  await page.close();
});

test("at 1,400 px no page scrolls sideways and no button grows taller than its words", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await signIn(page, env.base, "analyst@demo");
  const wrong = [];
  for (const path of PAGES.filter((p) => !["/audit", "/admin/users"].includes(p))) {
    await page.goto(`${env.base}${path}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 1400) wrong.push(`${path}: ${width} px wide`);
    const tall = await page.evaluate(() =>
      [...document.querySelectorAll("main button, main .button")]
        .filter((b) => b.getBoundingClientRect().height > 60)
        .map((b) => b.textContent.trim()));
    if (tall.length) wrong.push(`${path}: tall buttons ${tall.join(", ")}`);
  }
  assert.deepEqual(wrong, []);
  await context.close();
});
