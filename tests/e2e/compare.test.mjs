// End to end, in the real webview: Compare, reached the two ways a scout reaches it.
// From the Creators table: tick two rows, press the selection bar's Compare, and the
// Compare page shows both creators side by side. From a Creator page: "Compare with…"
// opens Compare with that creator, asks for the next one (search focused, suggestions of
// the same platform and tier), and a click on a suggestion, then a search, adds more.
//
// Run with the other e2e files: xvfb-run -a node --test tests/e2e/ (see run.sh).

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { goTo, screenshot, startDriver } from "./harness.mjs";
import { waitFor } from "./webdriver.mjs";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

let driver;
let session;

before(async () => {
  driver = await startDriver({ port: 4500, demo: true });
  session = await driver.launch();
});

after(async () => {
  await driver?.stop(session);
});

/** The handles heading the Compare table's columns, once it shows `n` of them. */
async function comparedHandles(n) {
  return waitFor(`a comparison of ${n} creators`, async () => {
    const handles = await session.execute(
      "const t = document.querySelector('[data-testid=\"compare-table\"]'); return t ? [...t.querySelectorAll('thead th[scope=\"col\"] .creator-handle')].map((h) => h.textContent) : [];",
    );
    return handles.length === n && handles;
  }, 120_000);
}

describe("Compare", () => {
  it("compares two creators selected in the Creators table", async () => {
    await goTo(session, "#/creators", "Creators");
    const rows = await waitFor("creator rows", async () => {
      const found = await session.findAll('[data-testid="creator-row"]');
      return found.length >= 3 && found;
    }, 180_000);
    const picked = [];
    for (const row of rows.slice(0, 2)) {
      picked.push(await session.textContent(await session.find('[data-col="handle"]', row)));
      await session.click(await session.find('td.select-col input[type="checkbox"]', row));
    }
    const bar = await session.waitFind('[role="region"][aria-label="Selected creators"]', 10_000);
    assert.match(await session.text(bar), /2 selected/);
    const [compare] = await session.findByXPath("//*[@aria-label='Selected creators']//button[normalize-space(.)='Compare']");
    assert.ok(compare, "the selection bar has a Compare button");
    await session.click(compare);

    const shown = await comparedHandles(2);
    assert.deepEqual([...shown].sort(), [...picked].sort());
    assert.match(await session.execute("return location.hash"), /^#\/compare\/\d+,\d+$/);
    // Each column holds the creator's figures (an ER, or the reason it is missing).
    const cells = await session.findAll('[data-testid="compare-table"] tbody tr:first-child td');
    assert.equal(cells.length, 2);
    await screenshot(session, "compare-from-table.png");
  });

  it("compares a creator with others from its page: “Compare with…”, a suggestion, a search", async () => {
    await goTo(session, "#/creators", "Creators");
    const rows = await waitFor("creator rows", async () => {
      const found = await session.findAll('[data-testid="creator-row"]');
      return found.length >= 3 && found;
    }, 60_000);
    const other = await session.textContent(await session.find('[data-col="handle"]', rows[0]));
    await session.click(await session.find('[data-col="name"]', rows[2]));
    const handle = await waitFor("the Creator page", async () => {
      const [el] = await session.findAll('[data-testid="creator-handle"]');
      return el && session.text(el);
    }, 120_000);

    const [button] = await session.findByXPath("//main//button[normalize-space(.)='Compare with…']");
    assert.ok(button, "the Creator page has “Compare with…”");
    await session.click(button);
    await waitFor("Compare asking for the next creator", async () => {
      const titles = await session.execute("return [...document.querySelectorAll('main h2, main h3')].map((h) => h.textContent)");
      return titles.some((t) => /^Compare .+ with…$/.test(t)) && titles.includes("Choose one more creator");
    }, 60_000);
    const chips = await session.execute("return [...document.querySelectorAll('[aria-label=\"Chosen creators\"] li')].map((c) => c.textContent)");
    assert.deepEqual(chips, [handle], "the chosen creator is named by handle");
    assert.equal(await session.execute("return document.activeElement && document.activeElement.id"), "compare-search", "the search box has the focus");

    // A suggestion: another creator of the same platform (and tier), one click.
    const suggestion = await waitFor("suggested creators", async () => {
      const found = await session.findAll('[aria-label="Suggested creators"] button');
      return found[0];
    }, 60_000);
    const suggestedHandle = await session.execute("return arguments[0].querySelector('.muted').textContent", [{ [ELEMENT]: suggestion }]);
    await screenshot(session, "compare-with.png");
    await session.click(suggestion);
    const two = await comparedHandles(2);
    assert.deepEqual(two, [handle, suggestedHandle]);

    // And a third by search, if it is not one of the two already.
    if (other !== handle && other !== suggestedHandle) {
      const search = await session.waitFind("#compare-search");
      await session.type(search, other.slice(1));
      const match = await waitFor("a search match", async () => {
        const found = await session.findByXPath(`//ul[@aria-label='Matching creators']//button[.//span[normalize-space(.)='${other}']]`);
        return found[0];
      }, 30_000);
      await session.click(match);
      assert.deepEqual(await comparedHandles(3), [handle, suggestedHandle, other]);
    }
    await screenshot(session, "compare-from-creator.png");
  });
});
