// End to end, in the real webview: a scout's journey from a topic to a shortlist.
//
// Create a shortlist → search Discover for a keyword on Bluesky (over the replay
// server, in the real searchActors / getProfiles formats) and see the source's outcome
// and the ranked results with their reasons → vet two of them straight into the
// shortlist as a background job → the shortlist holds exactly those two, vetted →
// open one on its Creator page.
//
// Run with the other e2e files: xvfb-run -a node --test tests/e2e/ (see run.sh).

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { goTo, screenshot, startDriver } from "./harness.mjs";
import { cohortMember, startReplay } from "./replay.mjs";
import { waitFor } from "./webdriver.mjs";

const LIST = "Trail picks";
const creators = [0, 1, 2].map((i) => ({ ...cohortMember(i), displayName: `Trail runner ${i + 1}` }));

let replay;
let driver;
let session;

before(async () => {
  replay = await startReplay({ creators });
  driver = await startDriver({ port: 4480, extraEnv: { SCOUT_BLUESKY_BASE_URL: replay.baseUrl } });
  session = await driver.launch();
});

after(async () => {
  await driver?.stop(session);
  await replay?.close();
});

describe("from a topic to a shortlist", () => {
  it("discovers creators, vets two into a shortlist and opens one", async () => {
    await goTo(session, "#/shortlists", "Shortlists");
    await session.type(await session.waitFind('input[aria-label="Shortlist name"]'), LIST);
    const [create] = await session.findByXPath("//button[normalize-space(.)='Create']");
    await session.click(create);
    await waitFor("the new shortlist", async () => (await session.findByXPath(`//main//h2[contains(., '${LIST}')]`)).length === 1, 60_000);

    await goTo(session, "#/discover", "Discover");
    await session.type(await session.waitFind("#discover-query"), "cohort");
    const [bluesky] = await session.findByXPath("//fieldset[contains(@class,'discover-platforms')]//label[contains(., 'Bluesky')]//input");
    await session.click(bluesky);
    const [search] = await session.findByXPath("//main//button[normalize-space(.)='Search']");
    await session.click(search);

    const rows = await waitFor("ranked results", async () => {
      const found = await session.findAll('[data-testid="discover-row"]');
      return found.length === 3 && found;
    }, 120_000);
    const [source] = await session.findAll('[data-testid="discover-source"][data-platform="bluesky"]');
    assert.match(await session.text(source), /searched.*3 found/i);
    const first = await session.text(rows[0]);
    assert.match(first, /@cohort-a[a-c]\.bsky\.social/);
    assert.match(first, /account search for "cohort"/i, "each result says why it was found");

    // Pick two results and vet them into the shortlist.
    const picked = [];
    for (const row of rows.slice(0, 2)) {
      const box = await session.find('input[type="checkbox"]', row);
      picked.push((await session.attribute(box, "aria-label")).replace(/^Select @/, ""));
      await session.click(box);
    }
    const [into] = await session.findByXPath(`//select[@aria-label='Shortlist the vetted creators join']/option[normalize-space(.)='${LIST}']`);
    await session.click(into);
    const [vet] = await session.findByXPath("//main//button[normalize-space(.)='Vet into shortlist']");
    await session.click(vet);
    await waitFor("the job notice", async () => (await session.findByXPath(`//main//*[contains(., 'Vetting 2 creators into ${LIST}')]`)).length > 0, 30_000);
    await screenshot(session, "discover-results.png");

    // The background job fills the shortlist with exactly the two picked, vetted.
    await goTo(session, "#/shortlists", "Shortlists");
    const [side] = await session.findByXPath(`//a[contains(@class,'side-item')][.//span[normalize-space(.)='${LIST}']]`);
    await session.click(side);
    const handles = await waitFor("both creators on the shortlist", async () => {
      const entries = await session.findAll('[data-testid="entry-row"] .creator-handle');
      if (entries.length !== 2) {
        // The list page shows what it loaded: look again until the job is done.
        await session.click((await session.findByXPath(`//a[contains(@class,'side-item')][.//span[normalize-space(.)='${LIST}']]`))[0]);
        return false;
      }
      return Promise.all(entries.map(async (e) => (await session.text(e)).replace(/^@/, "").trim()));
    }, 180_000, 1000);
    assert.deepEqual([...handles].sort(), [...picked].sort());
    for (const h of picked) assert.equal(replay.profileHits(h), 1, `${h} vetted once`);
    await screenshot(session, "shortlist-from-discover.png");

    // Open one on its Creator page.
    const [name] = await session.findAll('[data-testid="entry-row"] a.creator-name');
    await session.click(name);
    const shown = await waitFor("the Creator page", async () => {
      const el = (await session.findAll('[data-testid="creator-handle"]'))[0];
      return el && session.text(el);
    }, 60_000);
    assert.ok(picked.includes(shown.replace(/^@/, "")), `${shown} is one of ${picked}`);
  });
});
