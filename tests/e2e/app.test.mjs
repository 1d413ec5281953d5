// End-to-end test of the Scout desktop app in its real webview (WebKitGTK), driven
// through tauri-driver + WebKitWebDriver under the caller's X server (xvfb-run -a).
//
// Needs: the app built with the UI embedded (`cd ui && npm run app:build`, giving
// target/debug/scout-app), `tauri-driver` (cargo install tauri-driver --locked), and
// WebKitWebDriver (Debian: webkit2gtk-driver). The CLI `target/debug/scout` fills a
// private workspace with the demo creators when it exists; otherwise the test loads
// them through the app's own first-run button. Screenshots go to tests/e2e/out/.
//
// Run: tests/e2e/run.sh   (or: xvfb-run -a node --test tests/e2e/)

import { existsSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { CLI, goTo, screenshot, startDriver } from "./harness.mjs";
import { waitFor } from "./webdriver.mjs";

// The demo is loaded by the CLI when it was built, else through the app's first-run button.
const demoPreloaded = existsSync(CLI);

let driver;
let session;
let dataDir;

before(async () => {
  driver = await startDriver({ port: 4444, demo: demoPreloaded });
  dataDir = driver.dataDir;
  session = await driver.launch();
});

after(async () => {
  await driver?.stop(session);
});

const saveScreenshot = (name) => screenshot(session, name);

describe("Scout desktop app", () => {
  it("opens on the Creators table with the demo workspace", async () => {
    assert.equal(await session.title(), "Scout");
    if (!demoPreloaded) {
      const [button] = await waitFor("the first-run demo button", () => session.findByXPath("//button[contains(., 'Load demo workspace')]").then((b) => b.length > 0 && b), 120_000);
      await session.click(button);
    }
    // Generous: a debug build analyses every demo creator on first load.
    const rows = await waitFor("creator rows", async () => {
      const found = await session.findAll('[data-testid="creator-row"]');
      return found.length > 0 && found;
    }, 180_000);
    assert.ok(rows.length >= 10, `expected the demo's creators, saw ${rows.length} rows`);
    const badge = await session.findByXPath("//nav//*[contains(@class,'badge') and normalize-space(.)='Demo data']");
    assert.equal(badge.length, 1, "the sidebar shows the Demo data badge");
    await saveScreenshot("creators.png");
  });

  it("shows the same handle, audience and ER on the Creator page as in the table", async () => {
    const [row] = await session.findAll('[data-testid="creator-row"]');
    const handle = await session.textContent(await session.find('[data-col="handle"]', row));
    const audience = await session.text(await session.find('[data-col="followers"]', row));
    const er = await session.text(await session.find('[data-col="er"]', row));
    assert.match(handle, /^@\S+$/);
    // "12.3K followers" / "1.2M subscribers": a compact count and the platform's word.
    const [count, word] = audience.split(/\s+/);
    assert.match(count, /^\d+(\.\d)?[KMB]?$/);
    assert.match(word, /^(followers|subscribers)$/);
    assert.match(er, /^\d+\.\d\d%$/);

    await session.click(await session.find('[data-col="name"]', row));

    const shownHandle = await waitFor("the Creator page", async () => {
      const el = (await session.findAll('[data-testid="creator-handle"]'))[0];
      return el && session.text(el);
    }, 120_000);
    assert.equal(shownHandle, handle);
    assert.equal(await session.text(await session.waitFind('[data-testid="metric-followers"]')), count);
    assert.equal(await session.text(await session.find('[data-testid="metric-er"]')), er);
    const label = await session.execute("return document.querySelector('[data-testid=\"metric-followers\"]').previousElementSibling.textContent");
    assert.equal(label.toLowerCase(), word);

    // The ER chart and the findings are drawn.
    await session.waitFind(".chart svg");
    await session.waitFind(".finding");
    await saveScreenshot("creator.png");
  });

  it("vets pasted inputs with one progress row and a one-line error per failed input", async () => {
    await goTo(session, "#/add", "Add creators");
    const box = await session.waitFind("#add-inputs");
    // Neither input can be a creator: both fail at once, without any network.
    await session.type(box, "not a handle!!\uE007https://example.com/whatever");
    const [vet] = await session.findByXPath("//button[normalize-space(.)='Vet']");
    await session.click(vet);
    const stages = await waitFor("both inputs to finish", async () => {
      const rows = await session.findAll('[data-testid="vet-row"]');
      const stages = await Promise.all(rows.map((r) => session.attribute(r, "data-stage")));
      return rows.length === 2 && stages.every((st) => st === "failed") && stages;
    }, 60_000);
    assert.deepEqual(stages, ["failed", "failed"]);
    const messages = await Promise.all((await session.findAll('[data-testid="vet-row"] .progress-message')).map((m) => session.text(m)));
    for (const m of messages) {
      assert.ok(m.length > 0 && !m.includes("\n"), `one-line error, got ${JSON.stringify(m)}`);
    }
    assert.match(messages[0], /not a handle!!/);
    assert.equal(await session.text(await session.find('[data-testid="vet-summary"]')), "0 vetted · 2 failed");
  });

  it("keeps a shortlist, its creators and their status across a reload", async () => {
    await goTo(session, "#/shortlists", "Shortlists");
    await session.type(await session.waitFind('input[aria-label="Shortlist name"]'), "E2E picks");
    await session.type(await session.find('input[aria-label="Client (optional)"]'), "Acme Running");
    const [create] = await session.findByXPath("//button[normalize-space(.)='Create']");
    await session.click(create);
    await waitFor("the new shortlist", async () => (await session.findByXPath("//main//h2[contains(., 'E2E picks')]")).length === 1, 60_000);

    // Add the first two creators of the picker.
    const boxes = await session.waitFind('.pick-list input[type="checkbox"]', 60_000).then(() => session.findAll('.pick-list input[type="checkbox"]'));
    await session.click(boxes[0]);
    await session.click(boxes[1]);
    const [add] = await session.findByXPath("//button[starts-with(normalize-space(.), 'Add 2')]");
    await session.click(add);
    const entries = await waitFor("two entries", async () => {
      const rows = await session.findAll('[data-testid="entry-row"]');
      return rows.length === 2 && rows;
    }, 60_000);

    // Approve the first: the select is a real <select>, so pick the option.
    const [option] = await session.findByXPath("(//tr[@data-testid='entry-row'])[1]//select/option[@value='approved']");
    await session.click(option);
    await waitFor("the status to be saved", async () => {
      const sub = await session.text(await session.find(".side-item.active .side-item-sub"));
      return sub.includes("1 approved");
    }, 30_000);
    assert.equal(entries.length, 2);

    await session.execute("location.reload(); return 1");
    const status = await waitFor("the reloaded shortlist", async () => {
      const sel = (await session.findAll("[data-testid='entry-row'] select"))[0];
      return sel && session.execute("return arguments[0].value", [{ "element-6066-11e4-a52e-4f735466cecf": sel }]);
    }, 60_000);
    assert.equal(status, "approved");
    const sub = await session.text(await session.find(".side-item.active .side-item-sub"));
    assert.equal(sub, "Acme Running · 2 creators · 1 approved");
    await saveScreenshot("shortlist.png");
  });

  it("opens every page from the sidebar", async () => {
    const pages = [
      ["Discover", "Discover"],
      ["Add creators", "Add creators"],
      ["Shortlists", "Shortlists"],
      ["Brands", "Brands"],
      ["Reports", "Reports"],
      ["Settings", "Settings"],
      ["Creators", "Creators"],
    ];
    for (const [nav, heading] of pages) {
      const [link] = await session.findByXPath(`//nav//a[normalize-space(.)='${nav}']`);
      assert.ok(link, `sidebar link ${nav}`);
      await session.click(link);
      const h1 = await waitFor(`the ${nav} page`, async () => {
        const el = (await session.findAll("main h1"))[0];
        const text = el && (await session.text(el));
        return text === heading && text;
      }, 120_000);
      assert.equal(h1, heading);
      if (nav === "Settings") {
        const dir = await session.text(await session.waitFind('[data-testid="data-dir"]'));
        assert.equal(dir, dataDir);
      }
    }
  });
});
