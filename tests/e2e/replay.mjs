// A loopback Bluesky replay server for the end-to-end tests (Node, no dependencies): it
// serves the repository's recorded Bluesky responses (tests/fixtures/bluesky/, the real
// AppView format) for any number of creators, each the fixture creator under its own
// handle and DID, optionally with its own bio and display name. Point the app at it with
// SCOUT_BLUESKY_BASE_URL. Mirrors tests/support/replay.rs `bluesky::creator_routes`.
// Discovery: `searchActors` answers the creators whose handle, name or bio contains the
// query (one page, in the format of tests/fixtures/bluesky/discovery/searchActors_*:
// no counts, no cursor on the last page) and `getProfiles` their detailed profiles.

import { readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), "../fixtures/bluesky");
const HANDLE = "lena-okafor.bsky.social";
const DID = "did:plc:lk4x2tqdo6m3c7wzjy5vbh2a";
const FEED_CURSOR_2 = "2025-06-05T23:45:12.000Z";
const FOLLOWERS_CURSOR_2 = "3lrx5jwkd7c2k";

const read = (name) => readFileSync(join(FIXTURES, name), "utf8");

/** Handle and DID of the fixture creator's `i`-th copy (`cohort-aa.bsky.social`, …). */
export function cohortMember(i) {
  const suffix = String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26));
  return { handle: `cohort-${suffix}.bsky.social`, did: DID.slice(0, -2) + suffix };
}

/**
 * Start the server. `creators`: `[{ handle, did, description?, displayName? }]`;
 * `delayMs`: wait before every answer (so a run takes long enough to interrupt).
 * Resolves to `{ baseUrl, profileHits(handle), close() }`.
 */
export async function startReplay({ creators, delayMs = 0 }) {
  const threads = readdirSync(FIXTURES).filter((n) => n.startsWith("getPostThread_") && n.endsWith(".json"));
  const byActor = new Map();
  for (const c of creators) {
    byActor.set(c.handle, c);
    byActor.set(c.did, c);
  }
  const hits = new Map();
  const swap = (text, c) => text.replaceAll(HANDLE, c.handle).replaceAll(DID, c.did);

  const profileOf = (c) => {
    const profile = JSON.parse(swap(read("getProfile_lena-okafor.json"), c));
    if (c.description !== undefined) profile.description = c.description;
    if (c.displayName !== undefined) profile.displayName = c.displayName;
    return profile;
  };
  const searchHit = JSON.parse(read("discovery/searchActors_skincare_p1.json")).actors[0];

  function answer(url) {
    const q = url.searchParams;
    const method = url.pathname.replace(/^\/xrpc\//, "");
    if (method === "app.bsky.actor.getProfile") {
      const c = byActor.get(q.get("actor"));
      if (!c) return [400, read("error_getProfile_ProfileNotFound.json")];
      if (q.get("actor") === c.handle) hits.set(c.handle, (hits.get(c.handle) ?? 0) + 1);
      return [200, JSON.stringify(profileOf(c))];
    }
    if (method === "app.bsky.actor.searchActors") {
      const term = (q.get("q") ?? "").toLowerCase();
      const actors = creators
        .map(profileOf)
        .filter((p) => [p.handle, p.displayName ?? "", p.description ?? ""].some((t) => t.toLowerCase().includes(term)))
        .slice(0, Number(q.get("limit") ?? 25))
        .map((p) => ({ ...searchHit, did: p.did, handle: p.handle, displayName: p.displayName, description: p.description, avatar: p.avatar, createdAt: p.createdAt }));
      return [200, JSON.stringify({ actors })];
    }
    if (method === "app.bsky.actor.getProfiles") {
      const profiles = q
        .getAll("actors")
        .map((a) => byActor.get(a))
        .filter(Boolean)
        .map(profileOf);
      return [200, JSON.stringify({ profiles })];
    }
    const c = byActor.get(q.get("actor") ?? "") ?? creators.find((x) => (q.get("uri") ?? "").startsWith(`at://${x.did}/`));
    if (!c) return [404, `replay: no creator for ${url.search}`];
    if (method === "app.bsky.feed.getAuthorFeed") {
      const cursor = q.get("cursor");
      if (cursor === null) return [200, swap(read("getAuthorFeed_lena-okafor_page1.json"), c)];
      if (cursor === FEED_CURSOR_2) return [200, swap(read("getAuthorFeed_lena-okafor_page2.json"), c)];
    }
    if (method === "app.bsky.graph.getFollowers") {
      const cursor = q.get("cursor");
      if (cursor === null) return [200, swap(read("getFollowers_lena-okafor_page1.json"), c)];
      if (cursor === FOLLOWERS_CURSOR_2) return [200, swap(read("getFollowers_lena-okafor_page2.json"), c)];
    }
    if (method === "app.bsky.feed.getPostThread") {
      const rkey = (q.get("uri") ?? "").split("/").pop();
      const name = threads.find((n) => n === `getPostThread_${rkey}.json` || n === `getPostThread_${rkey}_NotFound.json`);
      if (name) return [name.endsWith("_NotFound.json") ? 400 : 200, swap(read(name), c)];
    }
    return [404, `replay: no route for ${url.pathname}${url.search}`];
  }

  const server = createServer((req, res) => {
    const [status, body] = answer(new URL(req.url ?? "/", "http://127.0.0.1"));
    setTimeout(() => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(body);
    }, delayMs);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    profileHits: (handle) => hits.get(handle) ?? 0,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
