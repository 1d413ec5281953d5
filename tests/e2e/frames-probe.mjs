// Probe (not a test): requestAnimationFrame deltas with nothing happening and while the
// Creators table scrolls, with the time our own script takes inside each frame
// (setting scrollTop, React's render, a forced layout), to tell Scout's per-frame work
// from the webview's own painting and frame pacing. Run like bench.mjs:
//   SCOUT_BENCH_DATA_DIR=… xvfb-run -a -s "-screen 0 1440x900x24" node tests/e2e/frames-probe.mjs
// Env: SCOUT_PROBE_ENV='{"WEBKIT_DISABLE_COMPOSITING_MODE":"1"}' adds webview env vars.
import { startDriver } from "./harness.mjs";
import { waitFor } from "./webdriver.mjs";

const dataDir = process.env.SCOUT_BENCH_DATA_DIR;
const extra = JSON.parse(process.env.SCOUT_PROBE_ENV ?? "{}");
const webkitEnv = { WEBKIT_DISABLE_DMABUF_RENDERER: "1", ...extra, ...(dataDir ? { SCOUT_DATA_DIR: dataDir } : {}) };
const driver = await startDriver({ port: 4520, demo: !dataDir, extraEnv: webkitEnv });
const FR = `
  const [frames, step, hideTable] = arguments; const done = arguments[arguments.length - 1];
  const box = document.querySelector('[data-testid="creators-scroll"]');
  if (hideTable) box.style.visibility = "hidden";
  const d = []; let last = 0; let n = 0; let js = 0; let jsMax = 0;
  const tick = (t) => { if (n > 0) d.push(t - last); last = t;
    if (n++ >= frames) { if (hideTable) box.style.visibility = ""; d.sort((a,b)=>a-b);
      done({ median: d[d.length>>1], p95: d[Math.floor(d.length*0.95)], max: d[d.length-1], over50: d.filter(x=>x>50).length, n: d.length, jsPerFrame: +(js / frames).toFixed(1), jsMax: +jsMax.toFixed(1) }); return; }
    if (step) { const a = performance.now(); box.scrollTop = (box.scrollTop + step) % (box.scrollHeight - box.clientHeight); box.getBoundingClientRect().height; document.body.offsetHeight; const j = performance.now() - a; js += j; jsMax = Math.max(jsMax, j); }
    requestAnimationFrame(tick); };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });`;
let session;
try {
  session = await driver.launch();
  await waitFor("rows", async () => (await session.findAll('[data-testid="creator-row"]')).length > 0, 120_000);
  await new Promise((r) => setTimeout(r, 2000));
  for (const [name, step, hide] of [["idle", 0, false], ["idle, table hidden", 0, true], ["scroll 60 px", 60, false], ["scroll 60 px, table hidden", 60, true], ["scroll 600 px", 600, false]]) {
    console.log(name.padEnd(28), JSON.stringify(await session.executeAsync(FR, [150, step, hide])));
  }
} finally {
  await driver.stop(session);
}
