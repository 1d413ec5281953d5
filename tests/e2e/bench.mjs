// App performance bench (run by hand, not in CI): drives the real Scout app in its
// webview (WebKitGTK via tauri-driver, under Xvfb) on a 100,000-creator workspace and
// prints what a scout feels:
//
//   cold start      app launch → the Creators table's first rows on screen (the page sets
//                   the performance mark `scout:creators-interactive` when they are);
//                   target < 1.5 s
//   scrolling       requestAnimationFrame deltas while the table scrolls (steady wheel
//                   speed, fast flick, jumps to random rows); target: no frame over 50 ms
//   filter / sort   a select filter, a sort click and a search, each from the event to
//                   the frame whose rows are the new query's (`data-query` matches and no
//                   page is loading); target < 100 ms
//   idle memory     RSS and PSS (/proc) of scout-app and its WebKit processes after the
//                   window settled; target < 250 MB
//
// Needs the app built (`cd ui && npm run app:build`: a debug build), the CLI
// (`cargo build -p scout-cli`), tauri-driver and WebKitWebDriver, as for tests/e2e/run.sh.
//
//   xvfb-run -a -s "-screen 0 1440x900x24" node tests/e2e/bench.mjs
//
// Env: SCOUT_BENCH_CREATORS (default 100000); SCOUT_BENCH_DATA_DIR reuses a workspace
// already filled (otherwise a temporary one is filled with `scout demo --creators N`
// and removed afterwards); SCOUT_BENCH_LAUNCHES (default 3); SCOUT_APP_BIN / SCOUT_CLI_BIN.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { APP, CLI, startDriver } from "./harness.mjs";
import { waitFor } from "./webdriver.mjs";

const CREATORS = Number(process.env.SCOUT_BENCH_CREATORS ?? 100_000);
const LAUNCHES = Number(process.env.SCOUT_BENCH_LAUNCHES ?? 3);
const PORT = Number(process.env.SCOUT_BENCH_PORT ?? 4470);

const fmt = (ms) => `${ms.toFixed(1)} ms`;
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1], over50: s.filter((x) => x > 50).length };
}

// ----- the workspace --------------------------------------------------------------------

let ownDir = null;
let dataDir = process.env.SCOUT_BENCH_DATA_DIR;
if (!dataDir) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: cargo build -p scout-cli`);
  ownDir = mkdtempSync(join(tmpdir(), "scout-bench-"));
  dataDir = ownDir;
  const t = Date.now();
  console.log(`filling a workspace with ${CREATORS} demo creators in ${dataDir} …`);
  const r = spawnSync(CLI, ["demo", "--creators", String(CREATORS), "--data-dir", dataDir], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`scout demo failed:\n${r.stdout}\n${r.stderr}`);
  console.log(`  ${r.stdout.trim()} (${((Date.now() - t) / 1000).toFixed(0)} s)`);
}

// ----- /proc: the app's processes -------------------------------------------------------

function procs() {
  const out = new Map();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const ppid = Number(stat.slice(close + 2).split(" ")[1]);
      out.set(Number(d), { pid: Number(d), comm, ppid });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

function kbField(text, name) {
  const m = text.match(new RegExp(`^${name}:\\s+(\\d+) kB`, "m"));
  return m ? Number(m[1]) : 0;
}

/** scout-app and every process below it (WebKit's web and network processes). */
function appMemory() {
  const all = procs();
  // This run's app (other runs may have their own): the one on this workspace.
  const mine = (p) => {
    try {
      return readFileSync(`/proc/${p.pid}/environ`, "utf8").split("\0").includes(`SCOUT_DATA_DIR=${dataDir}`);
    } catch {
      return false;
    }
  };
  const app = [...all.values()].find((p) => p.comm === "scout-app" && mine(p));
  if (!app) return null;
  const family = [app];
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all.values()) {
      if (!family.includes(p) && family.some((f) => f.pid === p.ppid)) {
        family.push(p);
        grew = true;
      }
    }
  }
  return family.map((p) => {
    let rss = 0;
    let pss = 0;
    let anon = 0;
    let file = 0;
    let shmem = 0;
    try {
      rss = kbField(readFileSync(`/proc/${p.pid}/status`, "utf8"), "VmRSS");
      const rollup = readFileSync(`/proc/${p.pid}/smaps_rollup`, "utf8");
      pss = kbField(rollup, "Pss");
      // What the process allocated itself (heap, JS heap, layers) against its share of
      // mapped files (libwebkit2gtk, the app binary, fonts) and shared memory buffers.
      anon = kbField(rollup, "Pss_Anon");
      file = kbField(rollup, "Pss_File");
      shmem = kbField(rollup, "Pss_Shmem");
    } catch {
      // Gone meanwhile.
    }
    return { ...p, rss, pss, anon, file, shmem };
  });
}

// ----- in-page measurements -------------------------------------------------------------

/** Scroll the table for `frames` frames by `step` px (or to random rows when `jump`). */
const SCROLL = `
  const [frames, step, jump] = arguments;
  const done = arguments[arguments.length - 1];
  const box = document.querySelector('[data-testid="creators-scroll"]');
  const max = box.scrollHeight - box.clientHeight;
  const deltas = [];
  let last = 0;
  let n = 0;
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const tick = (t) => {
    if (n > 0) deltas.push(t - last);
    last = t;
    if (n++ >= frames) {
      done({ deltas, top: box.scrollTop, max, rows: box.querySelectorAll('[data-testid="creator-row"]').length });
      return;
    }
    box.scrollTop = jump ? Math.floor(rand() * max) : Math.min(max, box.scrollTop + step);
    requestAnimationFrame(tick);
  };
  box.scrollTop = 0;
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
`;

/** Run one change and time it to the first frame showing the new query's rows. */
const CHANGE = `
  const [kind, value, expect] = arguments;
  const done = arguments[arguments.length - 1];
  const box = document.querySelector('[data-testid="creators-scroll"]');
  const t0 = performance.now();
  if (kind === "select") {
    const el = document.querySelector('select[aria-label="' + value[0] + '"]');
    el.value = value[1];
    el.dispatchEvent(new Event("change", { bubbles: true }));
  } else if (kind === "sort") {
    const b = [...document.querySelectorAll("th button.th-sort")].find((x) => x.textContent.trim() === value);
    b.click();
  } else if (kind === "text") {
    const el = document.querySelector('input[aria-label="Search creators"]');
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(el, value);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }
  const deadline = t0 + 30000;
  const check = (t) => {
    const q = box.dataset.query || "";
    const ok = expect.every((e) => q.includes(e)) && box.dataset.state === "ready" && box.querySelector('[data-testid="creator-row"]');
    if (ok) done({ ms: t - t0, total: Number(box.dataset.total) });
    else if (t > deadline) done({ ms: -1, query: q, state: box.dataset.state });
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
`;

const INTERACTIVE = `
  const done = arguments[arguments.length - 1];
  const look = () => {
    const m = performance.getEntriesByName("scout:creators-interactive")[0];
    if (m) done({ epoch: performance.timeOrigin + m.startTime, sinceNavigation: m.startTime });
    else setTimeout(look, 10);
  };
  look();
`;

// ----- the run --------------------------------------------------------------------------

// Under Xvfb there is no GPU: WebKitGTK's DMA-BUF renderer then never presents a frame,
// so requestAnimationFrame does not run at all (measured: 0–1 callbacks a second). The
// bench uses WebKit's own switch for that case (shared-memory buffers, still composited),
// which is what a machine without working GPU buffers gets; override with
// SCOUT_BENCH_WEBKIT_DMABUF=1 on a real display.
const webkitEnv = process.env.SCOUT_BENCH_WEBKIT_DMABUF === "1" ? {} : { WEBKIT_DISABLE_DMABUF_RENDERER: "1" };
const driver = await startDriver({ port: PORT, extraEnv: { SCOUT_DATA_DIR: dataDir, ...webkitEnv } });

/** Let in-page measurements run longer than WebDriver's default 30 s script timeout. */
async function scriptTimeout(session, ms) {
  const res = await fetch(`${session.base}/session/${session.id}/timeouts`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ script: ms }),
  });
  if (!res.ok) throw new Error(`setting the script timeout failed: ${res.status} ${await res.text()}`);
}
let session;
const report = { app: APP, creators: CREATORS, launches: [] };
try {
  for (let i = 0; i < LAUNCHES; i++) {
    if (session) await session.delete().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 1500));
    const t0 = Date.now();
    session = await driver.launch();
    await scriptTimeout(session, 180_000);
    const m = await session.executeAsync(INTERACTIVE);
    report.launches.push({ wall: m.epoch - t0, sinceNavigation: m.sinceNavigation });
    console.log(`launch ${i + 1}: first rows ${fmt(m.epoch - t0)} after launch (${fmt(m.sinceNavigation)} after the webview's navigation start)`);
  }
  const rows = await session.execute(`return document.querySelector('[data-testid="creators-scroll"]').dataset.total`);
  console.log(`table total: ${rows} creators`);

  // Let the first pages settle, then scroll.
  await new Promise((r) => setTimeout(r, 1000));
  for (const [name, frames, step, jump] of [
    ["steady (60 px/frame)", 300, 60, false],
    ["fast flick (600 px/frame)", 200, 600, false],
    ["jumps to random rows", 60, 0, true],
  ]) {
    const r = await session.executeAsync(SCROLL, [frames, step, jump]);
    const s = stats(r.deltas);
    report[`scroll ${name}`] = s;
    console.log(`scroll ${name}: ${s.n} frames, median ${fmt(s.median)}, p95 ${fmt(s.p95)}, max ${fmt(s.max)}, ${s.over50} over 50 ms`);
  }
  await session.execute(`document.querySelector('[data-testid="creators-scroll"]').scrollTop = 0`);
  await new Promise((r) => setTimeout(r, 500));

  const changes = [];
  for (const tier of ["micro", "mid", "macro", "nano", "mega", ""]) changes.push(["filter tier=" + (tier || "all"), "select", ["Tier", tier], [tier ? `"tier":"${tier}"` : `"tier":null`]]);
  for (const p of ["youtube", "bluesky", ""]) changes.push(["filter platform=" + (p || "all"), "select", ["Platform", p], [p ? `"platform":"${p}"` : `"platform":null`]]);
  for (const [label, key] of [["ER", "er"], ["Authenticity", "authenticity"], ["Last vetted", "last_vetted"], ["Tier", "tier"], ["Platform", "platform"], ["Audience", "followers"]]) {
    changes.push([`sort ${label}`, "sort", label, [`"sort":"${key}"`]]);
  }
  for (const t of ["ma", "mar", ""]) changes.push([`search "${t}" (incl. 200 ms typing pause)`, "text", t, [t ? `"text":"${t}"` : `"text":null`]]);
  const timings = { filter: [], sort: [], search: [] };
  for (const [label, kind, value, expect] of changes) {
    const r = await session.executeAsync(CHANGE, [kind, value, expect]);
    const group = kind === "select" ? "filter" : kind === "sort" ? "sort" : "search";
    timings[group].push(r.ms);
    console.log(`${label}: ${r.ms < 0 ? `timed out (${JSON.stringify(r)})` : fmt(r.ms)} → ${r.total ?? "?"} rows`);
    await new Promise((res) => setTimeout(res, 300));
  }
  for (const [k, v] of Object.entries(timings)) {
    const s = stats(v);
    report[k] = s;
    console.log(`${k}: median ${fmt(s.median)}, max ${fmt(s.max)} over ${s.n}`);
  }

  // Idle memory: the window untouched for a while.
  await new Promise((r) => setTimeout(r, 5000));
  const mem = appMemory();
  if (mem) {
    for (const p of mem) console.log(`  ${p.comm} (${p.pid}): RSS ${mb(p.rss)}, PSS ${mb(p.pss)} (anonymous ${mb(p.anon)}, files ${mb(p.file)}, shared memory ${mb(p.shmem)})`);
    const rss = mem.reduce((a, p) => a + p.rss, 0);
    const pss = mem.reduce((a, p) => a + p.pss, 0);
    report.memory = {
      rssMB: rss / 1024,
      pssMB: pss / 1024,
      byProcess: Object.fromEntries(mem.map((p) => [p.comm, { pssMB: p.pss / 1024, anonMB: p.anon / 1024, fileMB: p.file / 1024, shmemMB: p.shmem / 1024 }])),
    };
    const js = await session.execute("return performance.memory ? performance.memory.usedJSHeapSize : null").catch(() => null);
    if (js) console.log(`  JS heap in use: ${(js / 1048576).toFixed(0)} MB`);
    console.log(`idle memory of the app's ${mem.length} processes: RSS ${mb(rss)} (shared pages counted in each), PSS ${mb(pss)}`);
  } else {
    console.log("scout-app process not found under /proc");
  }
  console.log(JSON.stringify(report));
} finally {
  await driver.stop(session);
  if (ownDir) rmSync(ownDir, { recursive: true, force: true });
}
