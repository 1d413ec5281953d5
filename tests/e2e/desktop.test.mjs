// End to end, in the real webview: hostile creator text. A creator whose bio and name
// are markup (`<img src=x onerror=alert(1)>`) is vetted as a background job from the Add
// page over the replay server, and shown on its page as text: no element is created from
// it, no handler runs.
//
// Run with the other e2e files: xvfb-run -a node --test tests/e2e/ (see run.sh).

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { rowStages, screenshot, startDriver, vet } from "./harness.mjs";
import { startReplay } from "./replay.mjs";
import { waitFor } from "./webdriver.mjs";

const HOSTILE = { handle: "hostile.bsky.social", did: "did:plc:hostilexxxxxxxxxxxxxxxxx", description: "<img src=x onerror=alert(1)> fan of <b>bold</b> claims", displayName: '<script>window.__pwned = 1</script>Evil "Name"' };

let replay;
let driver;
let session;

before(async () => {
  replay = await startReplay({ creators: [HOSTILE] });
  driver = await startDriver({ port: 4450, extraEnv: { SCOUT_BLUESKY_BASE_URL: replay.baseUrl } });
  session = await driver.launch();
});

after(async () => {
  await driver?.stop(session);
  await replay?.close();
});

describe("hostile creator text", () => {
  it("shows markup from a creator's bio and name as text, never as elements", async () => {
    await vet(session, [HOSTILE.handle]);
    await waitFor("the hostile creator vetted", async () => (await rowStages(session)).join() === "done", 120_000);
    const [link] = await session.findByXPath("//main//a[contains(., 'Open @hostile.bsky.social')]");
    await session.click(link);
    await waitFor("the Creator page", async () => (await session.findAll('[data-testid="creator-handle"]')).length > 0, 120_000);
    const page = await session.execute("return document.querySelector('main').textContent");
    assert.ok(page.includes("<img src=x onerror=alert(1)>"), "the bio's markup is shown as text");
    assert.ok(page.includes("<script>window.__pwned = 1</script>"), "the name's markup is shown as text");
    const injected = await session.execute(
      "return { imgs: document.querySelectorAll('img[src=\"x\"]').length, scripts: [...document.scripts].filter((s) => s.textContent.includes('__pwned')).length, bold: [...document.querySelectorAll('main b')].filter((b) => b.textContent === 'bold').length, pwned: window.__pwned ?? null }",
    );
    assert.deepEqual(injected, { imgs: 0, scripts: 0, bold: 0, pwned: null });
    // No alert was opened (WebDriver would answer "unexpected alert open").
    assert.equal(await session.title(), "Scout");
    await screenshot(session, "hostile-creator.png");
  });
});
