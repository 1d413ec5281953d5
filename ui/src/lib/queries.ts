// Data fetching and caching through TanStack Query: one QueryClient for the app, so
// pages share what they loaded (the Creators pages, the shortlists) and refetch after
// writes. Writes invalidate the keys they touch (`afterCreatorsWrite`); every change the
// workspace announces (`dataChanged`: a vet finished, demo data loaded or cleared, a team
// sync applied colleagues' edits) invalidates the creators too (`WorkspaceQuerySync`).
//
// The Creators table asks for the pages it shows, by offset and limit, and nothing else:
// each page of a query is one cache entry (`creatorPageKey`), so scrolling fetches the
// pages coming into view, pages scrolled past stay cached for a while, and a query's
// pages are never all loaded to show 50 rows.

import { QueryClient, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { api, type CreatorPage, type CreatorQuery } from "../ipc";
import { useWorkspace } from "../workspace";
import { PAGE_SIZE } from "./creators";

/** The app's query client: no refetch on focus (a desktop window gains focus all day),
 * one retry, cached data kept 5 minutes after its last user. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        retry: 1,
        staleTime: 30_000,
        gcTime: 5 * 60_000,
      },
    },
  });
}

/** A Creators query without its paging (what identifies one filtered, sorted list). */
export type CreatorListQuery = Omit<CreatorQuery, "offset" | "limit">;

export const CREATORS_KEY = ["creators"] as const;
export const SHORTLISTS_KEY = ["shortlists"] as const;

/** How long a Creators page no row in view uses stays cached. */
export const PAGE_GC_MS = 30_000;

export function creatorPageKey(q: CreatorListQuery, page: number) {
  return [...CREATORS_KEY, q, page] as const;
}

export interface CreatorPages {
  /** The loaded pages by page index (a page not loaded yet is absent). */
  pages: Map<number, CreatorPage>;
  /** Creators matching the query (from the newest page that answered). */
  total: number | null;
  /** True while a page in view is being fetched. */
  fetching: boolean;
  /** True when what is shown belongs to the previous query (filters just changed). */
  previous: boolean;
  error: unknown;
  refetch: () => void;
}

/** The pages `wanted` (indexes) of the list `q`, each fetched once and cached. Until the
 * first page of a new list arrives, the last pages shown stay (marked `previous`), so a
 * filter or sort never blanks the table. */
export function useCreatorPages(q: CreatorListQuery, wanted: readonly number[]): CreatorPages {
  const results = useQueries({
    queries: wanted.map((page) => ({
      queryKey: creatorPageKey(q, page),
      queryFn: () => api.listCreators({ ...q, offset: page * PAGE_SIZE, limit: PAGE_SIZE }),
      // Pages scrolled past are kept half a minute, not the default five: a scroll
      // through 100,000 rows would otherwise hold hundreds of pages in the JS heap.
      gcTime: PAGE_GC_MS,
    })),
  });
  let fetching = false;
  let error: unknown = null;
  results.forEach((r) => {
    if (r.isFetching) fetching = true;
    if (r.error && !error) error = r.error;
  });
  // The same Map while the same pages hold the same data: the table's rows (and TanStack
  // Table's row model built from them) are rebuilt when a page arrives, not on every
  // scroll frame.
  const kept = useRef<{ pages: Map<number, CreatorPage>; total: number | null }>({ pages: new Map(), total: null });
  const loaded: Array<[number, CreatorPage]> = [];
  results.forEach((r, i) => {
    if (r.data) loaded.push([wanted[i]!, r.data]);
  });
  const same = loaded.length === kept.current.pages.size && loaded.every(([p, d]) => kept.current.pages.get(p) === d);
  if (!same) {
    kept.current = { pages: new Map(loaded), total: loaded.length > 0 ? loaded[loaded.length - 1]![1].total : null };
  }
  const { pages, total } = kept.current;
  const shown = useRef<{ pages: Map<number, CreatorPage>; total: number | null } | null>(null);
  const refetch = () => results.forEach((r) => void r.refetch());
  if (pages.size === 0 && shown.current && !error) {
    return { ...shown.current, fetching, previous: true, error, refetch };
  }
  if (pages.size > 0) shown.current = { pages, total };
  return { pages, total, fetching, previous: false, error, refetch };
}

/** Every shortlist (for the table's actions and filters), shared with other pages. */
export function useShortlists() {
  return useQuery({ queryKey: SHORTLISTS_KEY, queryFn: () => api.listShortlists() });
}

/** After a write to creators or shortlists: refetch what shows them. */
export function useAfterCreatorsWrite(): () => Promise<void> {
  const qc = useQueryClient();
  return async () => {
    await Promise.all([qc.invalidateQueries({ queryKey: CREATORS_KEY }), qc.invalidateQueries({ queryKey: SHORTLISTS_KEY })]);
  };
}

/** Invalidate the creators and shortlists whenever the workspace announces a change. */
export function WorkspaceQuerySync(): null {
  const { dataVersion } = useWorkspace();
  const qc = useQueryClient();
  const seen = useRef(dataVersion);
  useEffect(() => {
    if (seen.current === dataVersion) return;
    seen.current = dataVersion;
    void qc.invalidateQueries({ queryKey: CREATORS_KEY });
    void qc.invalidateQueries({ queryKey: SHORTLISTS_KEY });
  }, [dataVersion, qc]);
  return null;
}
