// Creators: every vetted creator in one sortable, filterable table built for 100,000
// rows. Sorting, filtering and paging run in SQL behind `listCreators`; the table
// (TanStack Table for its columns, visibility and selection) is virtualised (TanStack
// Virtual: only the rows in view are in the DOM) and asks, through TanStack Query, only
// for the pages of 50 that come into view (`useCreatorPages`). Rows can be selected and
// vetted again, added to a shortlist, tagged or exported. First run shows a welcome
// that offers the demo workspace or the Add box.

import { memo, useCallback, useEffect, useMemo, useRef, useState, type MutableRefObject, type ReactNode } from "react";
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type Row,
  type RowSelectionState,
  type VisibilityState,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { api, errorMessage, type CreatorRow } from "../ipc";
import { Avatar } from "../components/Avatar";
import { ExportStatus, useExport } from "../components/Export";
import { Icon } from "../components/Icon";
import { useJobs } from "../components/Jobs";
import { PlatformIcon, PLATFORMS } from "../components/PlatformIcon";
import { Score } from "../components/Score";
import { Badge, Button, ErrorBanner, Loading, PageHeader } from "../components/ui";
import {
  DEFAULT_DIR,
  PAGE_SIZE,
  SHORTLIST_STATUSES,
  TIER_ORDER,
  creatorQuery,
  displayName,
  type Sort,
  type SortKey,
} from "../lib/creators";
import { formatAgo, formatCount, formatExact, formatPercent, humanize, rateBasisWords } from "../lib/format";
import { useAfterCreatorsWrite, useCreatorPages, useShortlists, type CreatorListQuery } from "../lib/queries";
import { Link, navigate, paths } from "../router";
import { useWorkspace, VIEWER_REASON } from "../workspace";

/** Height of one row in pixels (fixed in CSS, so the virtualiser never measures). */
export const ROW_HEIGHT = 56;
/** The performance mark set once the first rows are on screen (read by the app bench). */
export const INTERACTIVE_MARK = "scout:creators-interactive";
/** Rows rendered beyond the visible ones, above and below. */
const OVERSCAN = 12;

const SORT_KEY = "scout.creators.sort";
const COLUMNS_KEY = "scout.creators.columns";

/** The table's sort, remembered on this machine across navigation and restarts. */
export function readStoredSort(): Sort {
  try {
    const raw = window.localStorage.getItem(SORT_KEY);
    if (raw) {
      const s = JSON.parse(raw) as Partial<Sort>;
      if (s.key && s.key in DEFAULT_DIR && (s.dir === "asc" || s.dir === "desc")) return { key: s.key, dir: s.dir };
    }
  } catch {
    // Unreadable storage: fall back to the default.
  }
  return { key: "followers", dir: "desc" };
}

function store(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the choice is simply not remembered.
  }
}

/** The hidden columns, remembered like the sort. */
export function readStoredColumns(): VisibilityState {
  try {
    const raw = window.localStorage.getItem(COLUMNS_KEY);
    if (raw) {
      const v = JSON.parse(raw) as unknown;
      if (v && typeof v === "object" && !Array.isArray(v)) {
        return Object.fromEntries(Object.entries(v).filter(([k, on]) => k in COLUMN_LABELS && typeof on === "boolean")) as VisibilityState;
      }
    }
  } catch {
    // Unreadable storage: every column shows.
  }
  return {};
}

interface ColumnMeta {
  label: string;
  numeric?: boolean;
  title?: string;
  sortKey?: SortKey;
}

/** The columns a scout may hide (the name column always shows). */
const COLUMN_LABELS: Record<string, string> = {
  platform: "Platform",
  followers: "Audience",
  tier: "Tier",
  er: "ER",
  authenticity: "Authenticity",
  fit: "Fit",
  last_vetted: "Last vetted",
};

// ----- filters ---------------------------------------------------------------------------

interface Filters {
  platform: string;
  tier: string;
  text: string;
  minFollowers: string;
  maxFollowers: string;
  /** Percent, as typed. */
  minEr: string;
  maxEr: string;
  minAuthenticity: string;
  maxAuthenticity: string;
  minFit: string;
  maxFit: string;
  shortlist: string;
  status: string;
  tag: string;
}

const NO_FILTERS: Filters = {
  platform: "",
  tier: "",
  text: "",
  minFollowers: "",
  maxFollowers: "",
  minEr: "",
  maxEr: "",
  minAuthenticity: "",
  maxAuthenticity: "",
  minFit: "",
  maxFit: "",
  shortlist: "",
  status: "",
  tag: "",
};

/** A typed number, or null when empty; NaN when it is not a number. */
function parseNumber(text: string): number | null {
  const t = text.trim().replace(",", ".");
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? n : Number.NaN;
}

function num(text: string, scale = 1): number | null {
  const n = parseNumber(text);
  return n === null || Number.isNaN(n) ? null : n * scale;
}

/** The filters that hold something the query cannot use. */
function invalidFields(f: Filters): Set<keyof Filters> {
  const bad = new Set<keyof Filters>();
  for (const k of ["minFollowers", "maxFollowers", "minEr", "maxEr", "minAuthenticity", "maxAuthenticity", "minFit", "maxFit"] as const) {
    if (Number.isNaN(parseNumber(f[k]))) bad.add(k);
  }
  return bad;
}

/** How many filters beyond search/platform/tier are set (shown on the Filters button). */
function moreFilterCount(f: Filters): number {
  return (["minFollowers", "maxFollowers", "minEr", "maxEr", "minAuthenticity", "maxAuthenticity", "minFit", "maxFit", "shortlist", "status", "tag"] as const).filter(
    (k) => f[k].trim() !== "",
  ).length;
}

function listQuery(f: Filters, sort: Sort, brief: string | null): CreatorListQuery {
  const round = (n: number | null) => (n === null ? null : Math.round(n));
  const { limit: _l, offset: _o, ...q } = creatorQuery({
    brief,
    platform: f.platform || null,
    tier: f.tier || null,
    text: f.text.trim() || null,
    min_followers: round(num(f.minFollowers)),
    max_followers: round(num(f.maxFollowers)),
    min_er: num(f.minEr, 0.01),
    max_er: num(f.maxEr, 0.01),
    min_authenticity: num(f.minAuthenticity),
    max_authenticity: num(f.maxAuthenticity),
    min_fit: brief ? num(f.minFit) : null,
    max_fit: brief ? num(f.maxFit) : null,
    shortlist: f.shortlist || null,
    status: f.status || null,
    tag: f.tag.trim() || null,
    sort: sort.key === "fit" && !brief ? "followers" : sort.key,
    desc: sort.dir === "desc",
  });
  return q;
}

/** `value`, once it has stopped changing for `ms` (typing in a filter box); `now` sets it
 * at once (clearing every filter). */
function useSettled<T>(value: T, ms: number): [T, (v: T) => void] {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return [settled, setSettled];
}

// ----- the page --------------------------------------------------------------------------

export function CreatorsPage() {
  const { brief, briefs, setBrief, info } = useWorkspace();
  const [sort, setSortState] = useState<Sort>(readStoredSort);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [showFilters, setShowFilters] = useState(false);
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>(readStoredColumns);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  // The selected creators' rows, kept when they scroll out of the loaded pages.
  const selectedRows = useRef(new Map<number, CreatorRow>());

  const setFilter = (key: keyof Filters, value: string) => setFilters((f) => ({ ...f, [key]: value }));
  // Selects apply at once; typed filters once typing pauses.
  const [typed, settleNow] = useSettled(filters, 200);
  const clearFilters = () => {
    setFilters(NO_FILTERS);
    settleNow(NO_FILTERS);
  };
  const applied: Filters = { ...typed, platform: filters.platform, tier: filters.tier, shortlist: filters.shortlist, status: filters.status };
  const query = useMemo(() => listQuery(applied, sort, brief), [JSON.stringify(applied), sort, brief]); // eslint-disable-line react-hooks/exhaustive-deps
  const queryId = JSON.stringify(query);
  const bad = invalidFields(filters);

  const onSort = useCallback(
    (key: SortKey) =>
      setSortState((s) => {
        const next: Sort = s.key === key ? { key, dir: s.dir === "asc" ? "desc" : "asc" } : { key, dir: DEFAULT_DIR[key] };
        store(SORT_KEY, next);
        return next;
      }),
    [],
  );

  // ----- rows in view → pages to fetch
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [count, setCount] = useState(0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  // The query the scroll position belongs to: until a new query has scrolled back to the
  // top, its first pages are what is wanted (not the old position's).
  const [scrolledFor, setScrolledFor] = useState(queryId);
  const fresh = scrolledFor !== queryId;
  const wanted = useMemo(() => {
    if (items.length === 0 || fresh) return [0];
    const first = Math.floor(items[0]!.index / PAGE_SIZE);
    const last = Math.floor(items[items.length - 1]!.index / PAGE_SIZE);
    const out: number[] = [];
    for (let p = first; p <= last; p++) out.push(p);
    return out;
  }, [items, fresh]);
  const data = useCreatorPages(query, wanted);
  const total = data.total;
  useEffect(() => {
    if (total !== null && !data.previous) setCount(total);
  }, [total, data.previous]);
  // A new filter, sort or brief starts again at the top.
  const scrollOffset = virtualizer.scrollOffset ?? 0;
  useEffect(() => {
    if (!fresh) return;
    const el = scrollRef.current;
    if (el && el.scrollTop !== 0) el.scrollTop = 0;
    // The virtualiser has seen the scroll back to the top: its range is the new query's.
    if (scrollOffset < ROW_HEIGHT) setScrolledFor(queryId);
  }, [fresh, queryId, scrollOffset]);

  // For the app bench (tests/e2e/bench.mjs): when the first rows were on screen.
  const firstRows = data.pages.size > 0;
  useEffect(() => {
    if (firstRows && performance.getEntriesByName(INTERACTIVE_MARK).length === 0) performance.mark(INTERACTIVE_MARK);
  }, [firstRows]);

  const rowAt = (index: number): CreatorRow | undefined => {
    const page = data.pages.get(Math.floor(index / PAGE_SIZE));
    return page?.rows[index % PAGE_SIZE];
  };
  const loaded = useMemo(() => [...data.pages.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, p]) => p.rows), [data.pages]);

  const columns = useCreatorColumns(sort, onSort, selectedRows);
  const table = useReactTable({
    data: loaded,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => String(r.id),
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableRowSelection: true,
    state: { columnVisibility, rowSelection },
    onColumnVisibilityChange: (update) =>
      setColumnVisibility((v) => {
        const next = typeof update === "function" ? update(v) : update;
        store(COLUMNS_KEY, next);
        return next;
      }),
    onRowSelectionChange: setRowSelection,
  });
  const rowsById = table.getCoreRowModel().rowsById;
  const visibleColumns = table.getVisibleLeafColumns();
  const selectedIds = Object.keys(rowSelection)
    .filter((k) => rowSelection[k])
    .map(Number);
  const clearSelection = () => {
    setRowSelection({});
    selectedRows.current.clear();
  };

  // A new brief, sort or filter is on its way: the last rows stay, dimmed and marked busy.
  const pending = data.fetching && data.previous;
  const loadingLabel = brief ? `Scoring Brand Fit against “${brief}” for every creator…` : "Loading creators…";
  const firstLoad = data.pages.size === 0 && total === null;
  if (firstLoad && !data.error) return <Loading label={loadingLabel} />;
  if (total === 0 && !data.previous && (info?.is_empty ?? true)) return <Welcome />;

  const shownTotal = total ?? 0;
  const vItems = virtualizer.getVirtualItems();
  const padTop = vItems.length > 0 ? vItems[0]!.start : 0;
  const padBottom = vItems.length > 0 ? virtualizer.getTotalSize() - vItems[vItems.length - 1]!.end : 0;
  const filtersOn = moreFilterCount(filters);

  return (
    <div className="page">
      <PageHeader
        title="Creators"
        subtitle={
          info === null || shownTotal === info.creators
            ? `${formatExact(shownTotal)} vetted creator${shownTotal === 1 ? "" : "s"}`
            : `${formatExact(shownTotal)} of ${formatExact(info.creators)} vetted creators match the filters`
        }
        actions={
          <Button variant="primary" icon="plus" onClick={() => navigate(paths.add())}>
            Add creators
          </Button>
        }
      />
      {pending || (data.fetching && data.pages.size === 0) ? (
        <p className="muted small" role="status">
          {loadingLabel}
        </p>
      ) : null}
      {data.error ? <ErrorBanner message={errorMessage(data.error)} onRetry={data.refetch} /> : null}
      <div className="toolbar">
        <label className="search">
          <Icon name="search" size={16} />
          <input
            type="search"
            placeholder="Search name or handle"
            value={filters.text}
            onChange={(e) => setFilter("text", e.target.value)}
            aria-label="Search creators"
            aria-keyshortcuts="Control+F Meta+F"
            data-table-filter
          />
        </label>
        <select aria-label="Platform" value={filters.platform} onChange={(e) => setFilter("platform", e.target.value)}>
          <option value="">All platforms</option>
          {PLATFORMS.map((p) => (
            <option key={p.key} value={p.key}>
              {p.name}
            </option>
          ))}
        </select>
        <select aria-label="Tier" value={filters.tier} onChange={(e) => setFilter("tier", e.target.value)}>
          <option value="">All tiers</option>
          {TIER_ORDER.map((t) => (
            <option key={t} value={t}>
              {humanize(t)}
            </option>
          ))}
        </select>
        <Button icon="sliders" aria-expanded={showFilters} aria-controls="creator-filters" onClick={() => setShowFilters((s) => !s)}>
          Filters{filtersOn > 0 ? ` (${filtersOn})` : ""}
        </Button>
        <ColumnChooser table={table} />
        <div className="toolbar-spacer" />
        <label className="inline-field">
          <span>Fit for</span>
          <select aria-label="Brief for Fit" value={brief ?? ""} onChange={(e) => setBrief(e.target.value || null)}>
            <option value="">No brief</option>
            {briefs.map((b) => (
              <option key={b.name} value={b.name}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {showFilters ? <MoreFilters filters={filters} bad={bad} brief={brief} setFilter={setFilter} onClear={clearFilters} /> : null}
      {selectedIds.length > 0 ? (
        <SelectionBar ids={selectedIds} rows={selectedRows.current} onClear={clearSelection} />
      ) : null}

      <div
        className="table-wrap table-scroll"
        ref={scrollRef}
        // A focus stop of its own, so the keyboard scrolls the whole list (arrows, Page
        // Down, End), not only as far as the rows rendered around the focus.
        tabIndex={0}
        role="region"
        aria-label="Creators table (scroll for more rows)"
        data-testid="creators-scroll"
        data-state={data.fetching ? "loading" : "ready"}
        data-query={queryId}
        data-total={shownTotal}
      >
        <table className={`table creators-table${pending ? " pending" : ""}`} data-testid="creators-table" aria-rowcount={shownTotal + 1} aria-busy={pending || undefined}>
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id} aria-rowindex={1}>
                {hg.headers.map((h) => {
                  const meta = h.column.columnDef.meta as ColumnMeta | undefined;
                  const sortKey = meta?.sortKey;
                  const sorted = h.column.id === "name" ? sort.key === "name" || sort.key === "handle" : sortKey !== undefined && sort.key === sortKey;
                  return (
                    <th
                      key={h.id}
                      className={meta?.numeric ? "num" : h.column.id === "select" ? "select-col" : undefined}
                      aria-sort={h.column.id === "select" ? undefined : sorted ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}
                      title={meta?.title}
                    >
                      {flexRender(h.column.columnDef.header, h.getContext())}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 ? <SpacerRow height={padTop} span={visibleColumns.length} /> : null}
            {vItems.map((v) => {
              const row = rowAt(v.index);
              const tr = row ? rowsById[String(row.id)] : undefined;
              if (!row || !tr) {
                return (
                  <tr key={`loading-${v.index}`} className="creator-tr row-loading" data-testid="creator-row-loading" aria-rowindex={v.index + 2}>
                    <td colSpan={visibleColumns.length}>
                      <span className="skeleton" aria-hidden="true" />
                      <span className="sr-only">Loading row {v.index + 1}</span>
                    </td>
                  </tr>
                );
              }
              return (
                <CreatorTr
                  key={row.id}
                  row={row}
                  tr={tr}
                  index={v.index}
                  selected={tr.getIsSelected()}
                  columnsKey={visibleColumns.map((c) => c.id).join()}
                />
              );
            })}
            {padBottom > 0 ? <SpacerRow height={padBottom} span={visibleColumns.length} /> : null}
          </tbody>
        </table>
        {total === 0 ? <div className="table-empty">No creators match these filters.</div> : null}
      </div>
      {shownTotal > 0 ? (
        <p className="muted small table-foot" data-testid="table-range">
          {formatExact(shownTotal)} creator{shownTotal === 1 ? "" : "s"} · scroll for more · sorted and filtered in the workspace database
        </p>
      ) : null}
    </div>
  );
}

function SpacerRow({ height, span }: { height: number; span: number }) {
  return (
    <tr className="spacer-row" aria-hidden="true" style={{ height }}>
      <td colSpan={span} />
    </tr>
  );
}

/** One creator's row; re-rendered only when its creator, place, selection or columns
 * change (not on every scroll frame). */
const CreatorTr = memo(
  function CreatorTr({ row, tr, index, selected }: { row: CreatorRow; tr: Row<CreatorRow>; index: number; selected: boolean; columnsKey: string }) {
    return (
      <tr
        className={`creator-tr clickable ${selected ? "selected" : ""}`}
        data-testid="creator-row"
        data-creator-id={row.id}
        data-index={index}
        aria-rowindex={index + 2}
        onClick={() => navigate(paths.creator(row.id))}
      >
        {tr.getVisibleCells().map((cell) => {
          const meta = cell.column.columnDef.meta as ColumnMeta | undefined;
          return (
            <Cell key={cell.id} id={cell.column.id} numeric={meta?.numeric} row={row}>
              {flexRender(cell.column.columnDef.cell, cell.getContext())}
            </Cell>
          );
        })}
      </tr>
    );
  },
  (a, b) => a.row === b.row && a.index === b.index && a.selected === b.selected && a.columnsKey === b.columnsKey,
);

/** One cell with the class and `data-col` the column has always had. */
function Cell({ id, numeric, row, children }: { id: string; numeric?: boolean; row: CreatorRow; children: ReactNode }) {
  switch (id) {
    case "select":
      return (
        <td className="select-col" onClick={(e) => e.stopPropagation()}>
          {children}
        </td>
      );
    case "followers":
      return (
        <td className="num nowrap" data-col="followers" title={`${formatExact(row.followers)} ${row.audience_word}`}>
          {children}
        </td>
      );
    case "er":
      return (
        <td className="num" data-col="er" title={rateBasisWords(row.engagement_rate_basis, row.engagement_rate_statistic, row.platform, row.audience_word)}>
          {children}
        </td>
      );
    case "last_vetted":
      return (
        <td className="muted nowrap" data-col="last_vetted">
          {children}
        </td>
      );
    case "name":
      return <td>{children}</td>;
    default:
      return (
        <td className={numeric ? "num" : undefined} data-col={id}>
          {children}
        </td>
      );
  }
}

const helper = createColumnHelper<CreatorRow>();

function useCreatorColumns(sort: Sort, onSort: (k: SortKey) => void, selectedRows: MutableRefObject<Map<number, CreatorRow>>) {
  return useMemo<ColumnDef<CreatorRow, any>[]>( // eslint-disable-line @typescript-eslint/no-explicit-any
    () => [
      helper.display({
        id: "select",
        enableHiding: false,
        header: ({ table }) => (
          <input
            type="checkbox"
            aria-label="Select every loaded creator"
            checked={table.getIsAllRowsSelected()}
            ref={(el) => {
              if (el) el.indeterminate = table.getIsSomeRowsSelected();
            }}
            onChange={(e) => {
              const on = e.target.checked;
              for (const r of table.getCoreRowModel().rows) {
                if (on) selectedRows.current.set(r.original.id, r.original);
                else selectedRows.current.delete(r.original.id);
              }
              table.toggleAllRowsSelected(on);
            }}
          />
        ),
        cell: ({ row }) => (
          <input
            type="checkbox"
            aria-label={`Select ${displayName(row.original)}`}
            checked={row.getIsSelected()}
            onChange={(e) => {
              if (e.target.checked) selectedRows.current.set(row.original.id, row.original);
              else selectedRows.current.delete(row.original.id);
              row.toggleSelected(e.target.checked);
            }}
          />
        ),
      }),
      helper.display({
        id: "name",
        enableHiding: false,
        header: () => (
          <span className="th-pair">
            <SortButton label="Name" k="name" sort={sort} onSort={onSort} />
            <span className="th-sep">/</span>
            <SortButton label="Handle" k="handle" sort={sort} onSort={onSort} />
          </span>
        ),
        cell: ({ row }) => <NameCell row={row.original} />,
      }),
      helper.accessor("platform_name", {
        id: "platform",
        meta: { label: "Platform", sortKey: "platform" } satisfies ColumnMeta,
        header: () => <SortButton label="Platform" k="platform" sort={sort} onSort={onSort} />,
        cell: ({ row }) => (
          <span className="platform" data-col="platform">
            <PlatformIcon platform={row.original.platform} />
            {row.original.platform_name}
          </span>
        ),
      }),
      helper.accessor("followers", {
        id: "followers",
        meta: { label: "Audience", numeric: true, sortKey: "followers" } satisfies ColumnMeta,
        header: () => <SortButton label="Audience" k="followers" sort={sort} onSort={onSort} />,
        cell: ({ row }) => (
          <>
            {formatCount(row.original.followers)} <span className="unit">{row.original.audience_word}</span>
          </>
        ),
      }),
      helper.accessor("tier", {
        id: "tier",
        meta: { label: "Tier", sortKey: "tier" } satisfies ColumnMeta,
        header: () => <SortButton label="Tier" k="tier" sort={sort} onSort={onSort} />,
        cell: ({ getValue }) => {
          const t = getValue() as string | null;
          return t ? <span className={`tier tier-${t}`}>{humanize(t)}</span> : <span className="muted">—</span>;
        },
      }),
      helper.accessor("engagement_rate", {
        id: "er",
        meta: {
          label: "ER",
          numeric: true,
          sortKey: "er",
          title: "Engagement rate: the platform's declared formula (median per follower, or per view on video platforms)",
        } satisfies ColumnMeta,
        header: () => <SortButton label="ER" k="er" sort={sort} onSort={onSort} />,
        cell: ({ getValue }) => formatPercent(getValue() as number | null),
      }),
      helper.accessor("authenticity", {
        id: "authenticity",
        meta: { label: "Authenticity", numeric: true, sortKey: "authenticity", title: "0–100: how likely the audience and engagement are genuine" } satisfies ColumnMeta,
        header: () => <SortButton label="Authenticity" k="authenticity" sort={sort} onSort={onSort} />,
        cell: ({ getValue }) => <Score value={getValue() as number | null} />,
      }),
      helper.accessor("fit", {
        id: "fit",
        meta: { label: "Fit", numeric: true, sortKey: "fit", title: "0–100 Brand Fit for the selected brief" } satisfies ColumnMeta,
        header: () => <SortButton label="Fit" k="fit" sort={sort} onSort={onSort} />,
        cell: ({ getValue }) => <Score value={getValue() as number | null} />,
      }),
      helper.accessor("last_vetted", {
        id: "last_vetted",
        meta: { label: "Last vetted", sortKey: "last_vetted" } satisfies ColumnMeta,
        header: () => <SortButton label="Last vetted" k="last_vetted" sort={sort} onSort={onSort} />,
        cell: ({ getValue }) => formatAgo(getValue() as string),
      }),
    ],
    [sort, onSort, selectedRows],
  );
}

function NameCell({ row }: { row: CreatorRow }) {
  const name = displayName(row);
  return (
    <div className="creator-cell">
      <Avatar name={name} url={row.avatar_url} size={32} />
      <div className="creator-lines">
        <div className="creator-line">
          <Link href={paths.creator(row.id)} className="creator-name" data-col="name" onClick={(e) => e.stopPropagation()}>
            {name}
          </Link>
          {row.is_demo ? (
            <Badge tone="demo" title="Generated demo data, not a real account">
              demo
            </Badge>
          ) : null}
          {row.risks !== null && row.risks > 0 ? (
            <Badge tone="risk" title={`${row.risks} finding${row.risks === 1 ? "" : "s"} marked risk`}>
              {row.risks} risk{row.risks === 1 ? "" : "s"}
            </Badge>
          ) : null}
        </div>
        <div className="creator-handle" data-col="handle" title={`@${row.handle}`}>
          @{row.handle}
        </div>
      </div>
    </div>
  );
}

function SortButton({ label, k, sort, onSort }: { label: string; k: SortKey; sort: Sort; onSort: (k: SortKey) => void }) {
  const active = sort.key === k;
  return (
    <button type="button" className={`th-sort ${active ? "active" : ""}`} onClick={() => onSort(k)}>
      {label}
      <Icon name={active && sort.dir === "asc" ? "chevronUp" : "chevronDown"} size={12} className="sort-caret" />
    </button>
  );
}

// ----- column chooser --------------------------------------------------------------------

function ColumnChooser({ table }: { table: ReturnType<typeof useReactTable<CreatorRow>> }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);
  const hideable = table.getAllLeafColumns().filter((c) => c.getCanHide());
  const hidden = hideable.filter((c) => !c.getIsVisible()).length;
  return (
    <div
      className="column-chooser"
      ref={box}
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <Button icon="tableColumns" aria-expanded={open} aria-controls="column-chooser" onClick={() => setOpen((o) => !o)}>
        Columns{hidden > 0 ? ` (${hidden} hidden)` : ""}
      </Button>
      {open ? (
        <fieldset id="column-chooser" className="popover column-list">
          <legend>Show columns</legend>
          {hideable.map((c) => (
            <label key={c.id} className="check">
              <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} />
              {COLUMN_LABELS[c.id] ?? c.id}
            </label>
          ))}
          <Button size="sm" variant="ghost" onClick={() => table.resetColumnVisibility(true)} disabled={hidden === 0}>
            Show all
          </Button>
        </fieldset>
      ) : null}
    </div>
  );
}

// ----- more filters ----------------------------------------------------------------------

function MoreFilters({
  filters,
  bad,
  brief,
  setFilter,
  onClear,
}: {
  filters: Filters;
  bad: Set<keyof Filters>;
  brief: string | null;
  setFilter: (k: keyof Filters, v: string) => void;
  onClear: () => void;
}) {
  const shortlists = useShortlists();
  const range = (label: string, unit: string, min: keyof Filters, max: keyof Filters, disabled?: string) => (
    <fieldset className="range-filter" disabled={disabled !== undefined} title={disabled}>
      <legend>
        {label}
        {unit ? <span className="muted"> ({unit})</span> : null}
      </legend>
      <input
        type="text"
        inputMode="decimal"
        aria-label={`${label} at least`}
        placeholder="min"
        value={filters[min]}
        aria-invalid={bad.has(min) || undefined}
        onChange={(e) => setFilter(min, e.target.value)}
      />
      <span aria-hidden="true">–</span>
      <input
        type="text"
        inputMode="decimal"
        aria-label={`${label} at most`}
        placeholder="max"
        value={filters[max]}
        aria-invalid={bad.has(max) || undefined}
        onChange={(e) => setFilter(max, e.target.value)}
      />
    </fieldset>
  );
  return (
    <div id="creator-filters" className="filter-panel" role="group" aria-label="More filters">
      {range("Audience", "", "minFollowers", "maxFollowers")}
      {range("ER", "%", "minEr", "maxEr")}
      {range("Authenticity", "0–100", "minAuthenticity", "maxAuthenticity")}
      {range("Fit", "0–100", "minFit", "maxFit", brief ? undefined : "Choose a brief under “Fit for” to filter on Fit")}
      <label className="stacked-field">
        <span>Shortlist</span>
        <select value={filters.shortlist} onChange={(e) => setFilter("shortlist", e.target.value)}>
          <option value="">Any or none</option>
          {(shortlists.data ?? []).map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="stacked-field">
        <span>Shortlist status</span>
        <select value={filters.status} onChange={(e) => setFilter("status", e.target.value)}>
          <option value="">Any status</option>
          {SHORTLIST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </select>
      </label>
      <label className="stacked-field">
        <span>Tag</span>
        <input type="text" value={filters.tag} placeholder="e.g. vegan" onChange={(e) => setFilter("tag", e.target.value)} />
      </label>
      {bad.size > 0 ? (
        <p className="field-error small" role="alert">
          Ranges take plain numbers (ER in percent, e.g. 2.5); the ones marked are left out until fixed.
        </p>
      ) : null}
      <Button size="sm" variant="ghost" onClick={onClear}>
        Clear filters
      </Button>
    </div>
  );
}

// ----- actions on the selection ----------------------------------------------------------

function SelectionBar({ ids, rows, onClear }: { ids: number[]; rows: Map<number, CreatorRow>; onClear: () => void }) {
  const { canEdit } = useWorkspace();
  const { added, setPanelOpen } = useJobs();
  const shortlists = useShortlists();
  const afterWrite = useAfterCreatorsWrite();
  const exporter = useExport();
  const [shortlist, setShortlist] = useState("");
  const [tag, setTag] = useState("");
  const [busy, setBusy] = useState<"vet" | "add" | "tag" | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lists = shortlists.data ?? [];
  const target = shortlist || lists[0]?.name || "";
  const n = ids.length;
  const creators = `${n} creator${n === 1 ? "" : "s"}`;

  const attempt = async (kind: "vet" | "add" | "tag", op: () => Promise<string>) => {
    setBusy(kind);
    setError(null);
    setDone(null);
    try {
      setDone(await op());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const vet = () =>
    attempt("vet", async () => {
      const inputs = ids.map((id) => rows.get(id)?.url).filter((u): u is string => Boolean(u));
      const job = await api.enqueueVet(inputs);
      added(job);
      setPanelOpen(true);
      return `Vetting ${creators} again in the background; the jobs panel shows each one.`;
    });
  const add = () =>
    attempt("add", async () => {
      await api.addToShortlist(target, ids);
      await afterWrite();
      return `Added ${creators} to “${target}”.`;
    });
  const tagThem = () =>
    attempt("tag", async () => {
      const changed = await api.tagCreators(target, ids, tag);
      await afterWrite();
      const word = tag.trim();
      setTag("");
      return changed === n ? `Tagged ${creators} “${word}” on “${target}”.` : `Tagged ${changed} of ${creators} “${word}” on “${target}” (the others had it already).`;
    });

  return (
    <div className="selection-bar" role="region" aria-label="Selected creators">
      <strong>{n} selected</strong>
      <Button size="sm" icon="refresh" busy={busy === "vet"} onClick={() => void vet()}>
        Vet again
      </Button>
      <span className="selection-sep" aria-hidden="true" />
      <select aria-label="Shortlist for the selected creators" value={target} onChange={(e) => setShortlist(e.target.value)} disabled={lists.length === 0}>
        {lists.length === 0 ? <option value="">No shortlists yet</option> : null}
        {lists.map((s) => (
          <option key={s.name} value={s.name}>
            {s.name}
          </option>
        ))}
      </select>
      <Button size="sm" icon="plus" busy={busy === "add"} disabled={!target || !canEdit} title={canEdit ? undefined : VIEWER_REASON} onClick={() => void add()}>
        Add to shortlist
      </Button>
      <input type="text" className="tag-input" aria-label="Tag for the selected creators" placeholder="Tag" value={tag} onChange={(e) => setTag(e.target.value)} />
      <Button
        size="sm"
        icon="tag"
        busy={busy === "tag"}
        disabled={!target || tag.trim() === "" || !canEdit}
        title={canEdit ? "Tags are kept on the shortlist entry" : VIEWER_REASON}
        onClick={() => void tagThem()}
      >
        Tag
      </Button>
      <Button
        size="sm"
        disabled={n < 2 || n > 4}
        title={n < 2 || n > 4 ? "Compare takes 2 to 4 creators" : "Open these creators side by side"}
        onClick={() => navigate(paths.compare([...ids].sort((a, b) => a - b)))}
      >
        Compare
      </Button>
      <span className="selection-sep" aria-hidden="true" />
      <Button size="sm" icon="download" busy={exporter.running === "csv"} onClick={() => void exporter.run("csv", `creators-${n}.csv`, (path) => api.exportCsvCreators(ids, path, false))}>
        Export CSV
      </Button>
      <Button size="sm" variant="ghost" onClick={onClear}>
        Clear selection
      </Button>
      {done ? (
        <span className="muted small" role="status">
          {done}
        </span>
      ) : null}
      {error ? <ErrorBanner message={error} /> : null}
      <ExportStatus state={exporter} />
    </div>
  );
}

// ----- first run -------------------------------------------------------------------------

function Welcome() {
  const { dataChanged } = useWorkspace();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.loadDemo();
      dataChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page welcome">
      <div className="welcome-card">
        <img src="/icon.svg" alt="" width={64} height={64} />
        <h1>Welcome to Scout</h1>
        <p>
          Vet creators from their public profiles: engagement, audience authenticity and brand fit, each score explained with
          the posts behind it. Everything stays on this computer.
        </p>
        <div className="welcome-actions">
          <Button variant="primary" icon="plus" onClick={() => navigate(paths.add())}>
            Add creators
          </Button>
          <Button icon="sparkles" busy={busy} onClick={() => void load()}>
            Load demo workspace
          </Button>
        </div>
        <div className="welcome-platforms" aria-label="Supported platforms">
          {PLATFORMS.map((p) => (
            <span key={p.key} className="platform">
              <PlatformIcon platform={p.key} />
              {p.name}
            </span>
          ))}
        </div>
        <p className="muted small">The demo workspace holds generated creators, clearly marked “demo”; clear them any time in Settings.</p>
        {error ? <ErrorBanner message={error} /> : null}
      </div>
    </div>
  );
}
