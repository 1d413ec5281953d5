// Shared set-up for the desktop end-to-end files: a private workspace and webview
// profile, tauri-driver on its own ports, sessions on the built app (a second session
// after deleting the first is an app restart), keyboard input, and teardown.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { Session, waitFor, waitForServer } from "./webdriver.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, "../..");
export const OUT = join(HERE, "out");
export const APP = resolve(process.env.SCOUT_APP_BIN ?? join(ROOT, "target/debug/scout-app"));
export const CLI = resolve(process.env.SCOUT_CLI_BIN ?? join(ROOT, "target/debug/scout"));

function tauriDriverPath() {
  if (process.env.TAURI_DRIVER) return process.env.TAURI_DRIVER;
  const cargoBin = join(process.env.CARGO_HOME ?? join(homedir(), ".cargo"), "bin", "tauri-driver");
  return existsSync(cargoBin) ? cargoBin : "tauri-driver";
}

/** End a process group this test started, then let go of its pipes. */
async function stopGroup(child) {
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // Already gone.
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((ok) => child.once("exit", ok));
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
  signal("SIGKILL");
  child.stdout?.destroy();
  child.stderr?.destroy();
  child.unref();
}

/**
 * A private workspace (SCOUT_DATA_DIR) and webview profile (XDG_*), and tauri-driver on
 * `port` / `port + 2`. `extraEnv` reaches the app (e.g. SCOUT_BLUESKY_BASE_URL).
 */
export async function startDriver({ port, extraEnv = {}, demo = false }) {
  assert.ok(process.env.DISPLAY, "no X display: run under `xvfb-run -a`");
  assert.ok(existsSync(APP), `${APP} is missing: build it with \`cd ui && npm run app:build\``);
  mkdirSync(OUT, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), "scout-e2e-"));
  const env = {
    ...process.env,
    SCOUT_DATA_DIR: dataDir,
    XDG_DATA_HOME: join(dataDir, "xdg-data"),
    XDG_CONFIG_HOME: join(dataDir, "xdg-config"),
    XDG_CACHE_HOME: join(dataDir, "xdg-cache"),
    ...extraEnv,
  };
  if (demo) {
    assert.ok(existsSync(CLI), `${CLI} is missing: cargo build -p scout-cli`);
    const r = spawnSync(CLI, ["demo"], { env, encoding: "utf8" });
    assert.equal(r.status, 0, `scout demo failed:\n${r.stdout}\n${r.stderr}`);
  }
  let log = "";
  const driver = spawn(tauriDriverPath(), ["--port", String(port), "--native-port", String(port + 2)], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  driver.stdout.on("data", (d) => (log += d));
  driver.stderr.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise((_, reject) => driver.once("error", reject));
  await Promise.race([waitForServer(base), exited]);
  return {
    dataDir,
    env,
    log: () => log,
    /** Start the app (again) and wait for its first page. */
    async launch() {
      const session = await Session.create(base, { "tauri:options": { application: APP } });
      await waitFor("the app shell", async () => (await session.findAll("nav.sidebar")).length > 0, 120_000);
      return session;
    },
    /** Run the `scout` CLI on this workspace. */
    cli(args) {
      const r = spawnSync(CLI, args, { env, encoding: "utf8" });
      assert.equal(r.status, 0, `scout ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
      return r.stdout;
    },
    async stop(session) {
      if (session) await session.delete().catch(() => undefined);
      await stopGroup(driver);
      try {
        rmSync(dataDir, { recursive: true, force: true });
      } catch (err) {
        console.error(`left ${dataDir} in place: ${err.message}`);
      }
      if (process.exitCode && log) console.error(`tauri-driver output:\n${log}`);
    },
  };
}

const KEY = { Control: "\uE009", Shift: "\uE008", Escape: "\uE00C", Enter: "\uE007", Tab: "\uE004", ArrowDown: "\uE015", ArrowUp: "\uE013", ArrowRight: "\uE014", ArrowLeft: "\uE012" };

/** Press a chord such as `["Control", "k"]` (W3C actions: keys down in order, up in reverse). */
export async function press(session, chord) {
  const codes = chord.map((k) => KEY[k] ?? k);
  const actions = [...codes.map((value) => ({ type: "keyDown", value })), ...[...codes].reverse().map((value) => ({ type: "keyUp", value }))];
  const res = await fetch(`${session.base}/session/${session.id}/actions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ actions: [{ type: "key", id: "keyboard", actions }] }),
  });
  assert.ok(res.ok, `key actions failed: ${res.status} ${await res.text()}`);
  await fetch(`${session.base}/session/${session.id}/actions`, { method: "DELETE" });
}

/** Save a PNG of the window to tests/e2e/out/<name>. */
export async function screenshot(session, name) {
  writeFileSync(join(OUT, name), await session.screenshot());
}

/**
 * Go to a page as a person would: click its sidebar link when the sidebar has one
 * (`hash` such as "#/add"), else (a page with no link, e.g. one creator) follow the
 * route; then wait for the page's heading.
 */
export async function goTo(session, hash, heading) {
  const [link] = await session.findAll(`nav.sidebar a[href=${JSON.stringify(hash)}]`);
  if (link) {
    await session.click(link);
  } else {
    await session.execute(`window.location.hash = ${JSON.stringify(hash)}`);
  }
  await waitFor(`the ${heading} page`, async () => {
    const h = await session.findAll("main h1");
    return h.length > 0 && (await session.text(h[0])).includes(heading);
  }, 60_000);
}

/** Type inputs (one per line) on the Add page and press Vet. */
export async function vet(session, inputs) {
  await goTo(session, "#/add", "Add creators");
  const box = await session.waitFind("#add-inputs");
  await session.execute("arguments[0].value = ''", [{ "element-6066-11e4-a52e-4f735466cecf": box }]);
  await session.type(box, inputs.join(KEY.Enter));
  const [button] = await session.findByXPath("//main//button[normalize-space(.)='Vet']");
  await session.click(button);
}

/** The stage of every row of the Add page's progress list, in order. */
export async function rowStages(session) {
  return session.execute("return [...document.querySelectorAll('[data-testid=\"vet-row\"]')].map((r) => r.dataset.stage)");
}
