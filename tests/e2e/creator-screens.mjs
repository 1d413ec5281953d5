// Not a test: screenshots of the Creator page for one demo creator per platform
// (TikTok, Twitch, YouTube, Bluesky), light and dark, at 1280×800, to look at.
//   xvfb-run -a -s "-screen 0 1440x900x24" node tests/e2e/creator-screens.mjs [OUT_DIR]
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { startDriver } from "./harness.mjs";
import { waitFor } from "./webdriver.mjs";

const OUT = process.argv[2] ?? join(import.meta.dirname, "out");
mkdirSync(OUT, { recursive: true });
const PLATFORMS = ["tiktok", "twitch", "youtube", "bluesky"];

for (const [suffix, gtk, port] of [["", "Adwaita", 4490], ["-dark", "Adwaita:dark", 4494]]) {
  const driver = await startDriver({ port, demo: true, extraEnv: { GTK_THEME: gtk } });
  let session;
  try {
    session = await driver.launch();
    await fetch(`${session.base}/session/${session.id}/window/rect`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      // The outer height is the page plus 25 px of window chrome: 825 gives a 1280×800 page.
      body: JSON.stringify({ width: 1280, height: 825 }),
    });
    for (const p of PLATFORMS) {
      const rows = JSON.parse(driver.cli(["list", "--json", "--platform", p, "--sort", "followers"]));
      const c = rows[0];
      await session.execute(`window.location.hash = ${JSON.stringify(`#/creators/${c.id}`)}`);
      await waitFor(`the Creator page of ${c.handle}`, async () => {
        const [h] = await session.findAll('[data-testid="creator-handle"]');
        return h && (await session.text(h)).includes(c.handle);
      }, 120_000);
      await new Promise((r) => setTimeout(r, 1500));
      const size = await session.execute("return [innerWidth, innerHeight]");
      writeFileSync(join(OUT, `creator-${p}${suffix}.png`), await session.screenshot());
      console.log(`creator-${p}${suffix}.png`, c.id, c.handle, size.join("×"));
    }
  } finally {
    await driver.stop(session);
  }
}
