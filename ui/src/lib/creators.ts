// Sorting and filtering of the Creators table (pure functions, tested directly and
// through the page).

import type { CreatorQuery, CreatorRow } from "../ipc";

/** Rows per page of the Creators table. */
export const PAGE_SIZE = 50;

/** A Creators query with every filter left out except those given. */
export function creatorQuery(q: Partial<CreatorQuery>): CreatorQuery {
  return {
    platform: null,
    tier: null,
    min_followers: null,
    max_followers: null,
    min_er: null,
    max_er: null,
    min_authenticity: null,
    max_authenticity: null,
    brief: null,
    min_fit: null,
    max_fit: null,
    shortlist: null,
    status: null,
    tag: null,
    text: null,
    sort: null,
    desc: false,
    limit: null,
    offset: null,
    ...q,
  };
}

export const TIER_ORDER = ["nano", "micro", "mid", "macro", "mega"] as const;

/** Shortlist entry statuses, in review order (core's keys). */
export const SHORTLIST_STATUSES = ["candidate", "vetting", "approved", "rejected"] as const;

export type SortKey = "name" | "handle" | "platform" | "followers" | "tier" | "er" | "authenticity" | "fit" | "last_vetted";
export type SortDir = "asc" | "desc";
export interface Sort {
  key: SortKey;
  dir: SortDir;
}

/** Numbers sort high-first on the first click, text A–Z. */
export const DEFAULT_DIR: Record<SortKey, SortDir> = {
  name: "asc",
  handle: "asc",
  platform: "asc",
  followers: "desc",
  tier: "desc",
  er: "desc",
  authenticity: "desc",
  fit: "desc",
  last_vetted: "desc",
};

export function displayName(row: CreatorRow): string {
  return row.display_name?.trim() || row.handle;
}

function sortValue(row: CreatorRow, key: SortKey): string | number | null {
  switch (key) {
    case "name":
      return displayName(row).toLocaleLowerCase();
    case "handle":
      return row.handle.toLocaleLowerCase();
    case "platform":
      return row.platform_name.toLocaleLowerCase();
    case "followers":
      return row.followers;
    case "tier": {
      const i = row.tier ? TIER_ORDER.indexOf(row.tier as (typeof TIER_ORDER)[number]) : -1;
      return i < 0 ? null : i;
    }
    case "er":
      return row.engagement_rate;
    case "authenticity":
      return row.authenticity;
    case "fit":
      return row.fit;
    case "last_vetted": {
      const t = Date.parse(row.last_vetted);
      return Number.isNaN(t) ? null : t;
    }
  }
}

/** Sorted copy; rows missing the value always go last, ties keep handle order. */
export function sortCreators(rows: readonly CreatorRow[], sort: Sort): CreatorRow[] {
  const sign = sort.dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    if (va === null && vb === null) return a.handle.localeCompare(b.handle);
    if (va === null) return 1;
    if (vb === null) return -1;
    const cmp = typeof va === "number" && typeof vb === "number" ? va - vb : String(va).localeCompare(String(vb));
    return cmp === 0 ? a.handle.localeCompare(b.handle) : sign * cmp;
  });
}

export interface CreatorFilter {
  platform: string;
  tier: string;
  text: string;
}

export function filterCreators(rows: readonly CreatorRow[], f: CreatorFilter): CreatorRow[] {
  const text = f.text.trim().toLocaleLowerCase().replace(/^@/, "");
  return rows.filter(
    (r) =>
      (f.platform === "" || r.platform === f.platform) &&
      (f.tier === "" || r.tier === f.tier) &&
      (text === "" ||
        r.handle.toLocaleLowerCase().includes(text) ||
        (r.display_name ?? "").toLocaleLowerCase().includes(text)),
  );
}

/** Split what was typed in the Add box into inputs: one per line or comma-separated, de-duplicated. */
export function parseInputs(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const piece of text.split(/[\n,]+/)) {
    const input = piece.trim();
    if (input === "") continue;
    const key = input.toLocaleLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(input);
  }
  return out;
}
