// The installed .deb starts and shows its window: dev.sh builds the package
// (`tauri build --debug --bundles deb`), installs it with `dpkg -i`, then runs this file
// with SCOUT_APP_BIN=/usr/bin/scout-app under Xvfb. tauri-driver starts the installed
// binary; the test waits for the main window's page (title "Scout", the sidebar) on an
// empty workspace, which offers the demo.

import { after, it } from "node:test";
import assert from "node:assert/strict";
import { APP, screenshot, startDriver } from "../e2e/harness.mjs";
import { waitFor } from "../e2e/webdriver.mjs";

let driver;
let session;
after(async () => driver?.stop(session));

it("the installed app opens its window", async () => {
  assert.ok(process.env.SCOUT_APP_BIN, "set SCOUT_APP_BIN to the installed binary (dev.sh does)");
  assert.ok(!APP.includes("/target/"), `${APP} is a build output, not the installed binary`);
  driver = await startDriver({ port: 4480 });
  session = await driver.launch();
  assert.equal(await session.title(), "Scout");
  await waitFor("the first-run demo offer", async () => (await session.findByXPath("//button[contains(., 'Load demo workspace')]")).length > 0, 120_000);
  await screenshot(session, "installed-first-run.png");
});
