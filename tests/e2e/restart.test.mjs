// End to end, in the real webview: a background job survives an app restart.
//
// A 20-creator vet is interrupted by quitting the app mid-run; the next start resumes
// it from the jobs panel, and it ends with every creator vetted exactly once (one
// snapshot each, counted in the workspace database).
//
// Run with the other e2e files: xvfb-run -a node --test tests/e2e/ (see run.sh).

import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { rowStages, screenshot, startDriver, vet } from "./harness.mjs";
import { cohortMember, startReplay } from "./replay.mjs";
import { waitFor } from "./webdriver.mjs";

const N = 20;

let replay;
let driver;
let session;

before(async () => {
  const cohort = Array.from({ length: N }, (_, i) => cohortMember(i));
  // 120 ms per answer: a 20-creator run takes long enough to be interrupted mid-way.
  replay = await startReplay({ creators: cohort, delayMs: 120 });
  driver = await startDriver({ port: 4450, extraEnv: { SCOUT_BLUESKY_BASE_URL: replay.baseUrl } });
  session = await driver.launch();
});

after(async () => {
  await driver?.stop(session);
  await replay?.close();
});

function snapshotsPerHandle(dataDir) {
  const r = spawnSync("sqlite3", [join(dataDir, "scout.db"), "SELECT a.handle || ' ' || COUNT(s.id) FROM accounts a LEFT JOIN profile_snapshots s ON s.account_id = a.id GROUP BY a.id"], { encoding: "utf8" });
  assert.equal(r.status, 0, `sqlite3 failed (apt-get install sqlite3): ${r.stderr}`);
  return Object.fromEntries(
    r.stdout
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [handle, n] = line.split(" ");
        return [handle, Number(n)];
      }),
  );
}

describe("background jobs", () => {
  it("resumes a 20-creator run after a restart, with every creator vetted exactly once", async () => {
    const inputs = Array.from({ length: N }, (_, i) => cohortMember(i).handle);
    await vet(session, inputs);
    await waitFor("a few creators vetted", async () => (await rowStages(session)).filter((s) => s === "done").length >= 4, 120_000);
    const before = await rowStages(session);
    const doneBefore = before.filter((s) => s === "done").length;
    assert.ok(doneBefore < N, `the run finished before the restart (${before})`);
    await screenshot(session, "jobs-mid-run.png");

    // Quit mid-run (the session's app process ends), then start again.
    await session.delete();
    session = await driver.launch();

    // The jobs panel is reachable from every page; the run goes on there.
    await waitFor("the jobs panel", async () => {
      if ((await session.findAll('[role="dialog"][aria-labelledby="jobs-title"]')).length > 0) return true;
      await session.click((await session.findAll('[data-testid="jobs-button"]'))[0]);
      return false;
    }, 30_000, 1000);
    const card = await waitFor(
      "the 20-creator job done",
      async () => {
        const cards = await session.findAll('[data-testid="job"][data-kind="vet"]');
        for (const c of cards) {
          const state = await session.attribute(c, "data-state");
          const title = await session.textContent(c);
          if (title.includes(`Vet ${N} creators`) && state === "done") return c;
        }
        return null;
      },
      240_000,
      500,
    );
    assert.ok(card);
    await screenshot(session, "jobs-panel.png");

    const perHandle = snapshotsPerHandle(driver.dataDir);
    for (const handle of inputs) assert.equal(perHandle[handle], 1, `${handle}: ${perHandle[handle]} snapshots`);
    // Creators vetted before the restart were not fetched again.
    let refetched = 0;
    for (const handle of inputs) {
      const hits = replay.profileHits(handle);
      assert.ok(hits === 1 || hits === 2, `${handle} fetched ${hits} times`);
      refetched += hits - 1;
    }
    assert.ok(refetched <= N - doneBefore, `${refetched} refetched, ${N - doneBefore} were unfinished`);
  });
});
