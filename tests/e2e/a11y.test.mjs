// Accessibility and looks, end to end in the real webview: on every page of the demo
// workspace, in the light and the dark theme (the OS preference, set through GTK_THEME),
// axe-core (injected through WebDriver) finds no serious or critical violation, and a
// screenshot of the page is saved to tests/e2e/out/<theme>-<page>.png to look at. The
// keyboard alone reaches the navigation (Tab moves a visible focus) and Ctrl+K opens
// the command palette, which goes to a page by name.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { ROOT, goTo, press, screenshot, startDriver } from "./harness.mjs";
import { waitFor } from "./webdriver.mjs";

const require = createRequire(join(ROOT, "ui/package.json"));
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const PAGES = [
  { hash: "#/creators", heading: "Creators", name: "creators" },
  { hash: "#/discover", heading: "Discover", name: "discover" },
  { hash: "#/add", heading: "Add creators", name: "add" },
  { hash: "#/shortlists", heading: "Shortlists", name: "shortlists" },
  { hash: "#/compare/1,2", heading: "Compare", name: "compare", ready: '[data-testid="compare-table"]' },
  { hash: "#/brands", heading: "Brands", name: "brands" },
  { hash: "#/reports", heading: "Reports", name: "reports" },
  { hash: "#/settings", heading: "Settings", name: "settings" },
];

const drivers = [];
after(async () => {
  for (const { driver, session } of drivers) await driver.stop(session);
});

async function axe(session) {
  await session.execute(`if (!window.axe) { ${AXE}\n }`);
  const result = await session.executeAsync(
    "const done = arguments[arguments.length - 1]; window.axe.run(document, { resultTypes: ['violations'] }).then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))).catch((e) => done({ error: String(e) }));",
  );
  assert.ok(Array.isArray(result), `axe failed: ${JSON.stringify(result)}`);
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

for (const [theme, gtk, port] of [
  ["light", "Adwaita", 4460],
  ["dark", "Adwaita:dark", 4470],
]) {
  describe(`${theme} theme`, () => {
    let session;
    it("follows the OS theme", async () => {
      const driver = await startDriver({ port, demo: true, extraEnv: { GTK_THEME: gtk } });
      session = await driver.launch();
      drivers.push({ driver, session });
      await waitFor("creator rows", async () => (await session.findAll('[data-testid="creator-row"]')).length > 0, 180_000);
      const dark = await session.execute("return window.matchMedia('(prefers-color-scheme: dark)').matches");
      assert.equal(dark, theme === "dark", `prefers-color-scheme under GTK_THEME=${gtk}`);
    });

    for (const page of PAGES) {
      it(`${page.name}: no serious axe violation, screenshot saved`, async () => {
        await goTo(session, page.hash, page.heading);
        // A page that loads its figures is shot once they are there, not its spinner.
        if (page.ready) await session.waitFind(page.ready, 60_000);
        await new Promise((r) => setTimeout(r, 400));
        const bad = await axe(session);
        await screenshot(session, `${theme}-${page.name}.png`);
        assert.deepEqual(bad, [], JSON.stringify(bad, null, 1));
      });
    }

    it("creator page: no serious axe violation, screenshot saved", async () => {
      await goTo(session, "#/creators", "Creators");
      const [row] = await session.findAll('[data-testid="creator-row"] [data-col="name"]');
      await session.click(row);
      await waitFor("the Creator page", async () => (await session.findAll('[data-testid="creator-handle"]')).length > 0, 120_000);
      await new Promise((r) => setTimeout(r, 600));
      const bad = await axe(session);
      await screenshot(session, `${theme}-creator.png`);
      assert.deepEqual(bad, [], JSON.stringify(bad, null, 1));
    });

    it("works from the keyboard: Tab shows focus, Ctrl+K goes to a page by name", async () => {
      await goTo(session, "#/creators", "Creators");
      await session.execute("document.activeElement && document.activeElement.blur()");
      await press(session, ["Tab"]);
      const focused = await session.execute("const a = document.activeElement; const s = getComputedStyle(a); return { tag: a.tagName, outline: s.outlineStyle, width: s.outlineWidth };");
      assert.notEqual(focused.tag, "BODY", "Tab moved the focus");
      assert.notEqual(focused.outline, "none", `focus is visible on ${focused.tag}`);
      await press(session, ["Control", "k"]);
      const input = await session.waitFind("#palette-input", 10_000);
      await session.type(input, "settings");
      await screenshot(session, `${theme}-palette.png`);
      await press(session, ["Enter"]);
      await waitFor("Settings via the palette", async () => (await session.execute("return location.hash")) === "#/settings", 10_000);
    });
  });
}
