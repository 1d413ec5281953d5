// Creators: every vetted creator in one sortable, filterable, paged table. Sorting,
// filtering and paging run in SQL behind `listCreators` (one page and the total per
// call), so the table stays fast at 100,000 creators. First run shows a welcome that
// offers the demo workspace or the Add box.

import { useEffect, useState } from "react";
import { api, errorMessage, type CreatorRow } from "../ipc";
import { Avatar } from "../components/Avatar";
import { Icon } from "../components/Icon";
import { PlatformIcon, PLATFORMS } from "../components/PlatformIcon";
import { Score } from "../components/Score";
import { Badge, Button, ErrorBanner, Loading, PageHeader } from "../components/ui";
import { DEFAULT_DIR, PAGE_SIZE, TIER_ORDER, creatorQuery, displayName, type Sort, type SortKey } from "../lib/creators";
import { formatAgo, formatCount, formatExact, formatPercent, humanize, rateBasisWords } from "../lib/format";
import { Link, navigate, paths } from "../router";
import { useLoad } from "../useLoad";
import { useWorkspace } from "../workspace";

// The first column shows name and handle stacked; it sorts by either.
const COLUMNS: Array<{ key: SortKey; label: string; numeric?: boolean; title?: string }> = [
  { key: "platform", label: "Platform" },
  { key: "followers", label: "Audience", numeric: true },
  { key: "tier", label: "Tier" },
  { key: "er", label: "ER", numeric: true, title: "Engagement rate: the platform's declared formula (median per follower, or per view on video platforms)" },
  { key: "authenticity", label: "Authenticity", numeric: true, title: "0–100: how likely the audience and engagement are genuine" },
  { key: "fit", label: "Fit", numeric: true, title: "0–100 Brand Fit for the selected brief" },
  { key: "last_vetted", label: "Last vetted" },
];

const SORT_KEY = "scout.creators.sort";

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

function storeSort(s: Sort): void {
  try {
    window.localStorage.setItem(SORT_KEY, JSON.stringify(s));
  } catch {
    // Storage full or disabled: the sort is simply not remembered.
  }
}

export function CreatorsPage() {
  const { brief, briefs, setBrief, dataVersion, info } = useWorkspace();
  const [sort, setSortState] = useState<Sort>(readStoredSort);
  const setSort = (update: (s: Sort) => Sort) =>
    setSortState((s) => {
      const next = update(s);
      storeSort(next);
      return next;
    });
  const [platform, setPlatform] = useState("");
  const [tier, setTier] = useState("");
  const [text, setText] = useState("");
  const [offset, setOffset] = useState(0);
  // Any change of filter, sort or brief starts again at the first page.
  useEffect(() => setOffset(0), [platform, tier, text, sort, brief]);
  const creators = useLoad(
    () =>
      api.listCreators(
        creatorQuery({
          brief,
          platform: platform || null,
          tier: tier || null,
          text: text.trim() || null,
          sort: sort.key === "fit" && !brief ? "followers" : sort.key,
          desc: sort.dir === "desc",
          limit: PAGE_SIZE,
          offset,
        }),
      ),
    [brief, dataVersion, platform, tier, text, sort, offset],
  );

  const rows = creators.data?.rows ?? [];
  const total = creators.data?.total ?? 0;

  const onSort = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === "asc" ? "desc" : "asc" } : { key, dir: DEFAULT_DIR[key] }));

  const loadingLabel = brief ? `Scoring Brand Fit against “${brief}” for every creator…` : "Loading creators…";
  if (creators.loading && creators.data === null) return <Loading label={loadingLabel} />;

  if (creators.data !== null && total === 0 && (info?.is_empty ?? true)) {
    return <Welcome />;
  }

  return (
    <div className="page">
      <PageHeader
        title="Creators"
        subtitle={
          info === null || total === info.creators
            ? `${formatExact(total)} vetted creator${total === 1 ? "" : "s"}`
            : `${formatExact(total)} of ${formatExact(info.creators)} vetted creators match the filters`
        }
        actions={
          <Button variant="primary" icon="plus" onClick={() => navigate(paths.add())}>
            Add creators
          </Button>
        }
      />
      {creators.loading && creators.data !== null ? <p className="muted small" role="status">{loadingLabel}</p> : null}
      {creators.error ? <ErrorBanner message={creators.error} onRetry={() => void creators.reload()} /> : null}
      <div className="toolbar">
        <label className="search">
          <Icon name="search" size={16} />
          <input type="search" placeholder="Search name or handle" value={text} onChange={(e) => setText(e.target.value)} aria-label="Search creators" />
        </label>
        <select aria-label="Platform" value={platform} onChange={(e) => setPlatform(e.target.value)}>
          <option value="">All platforms</option>
          {PLATFORMS.map((p) => (
            <option key={p.key} value={p.key}>
              {p.name}
            </option>
          ))}
        </select>
        <select aria-label="Tier" value={tier} onChange={(e) => setTier(e.target.value)}>
          <option value="">All tiers</option>
          {TIER_ORDER.map((t) => (
            <option key={t} value={t}>
              {humanize(t)}
            </option>
          ))}
        </select>
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

      <div className="table-wrap table-scroll">
        <table className="table creators-table" data-testid="creators-table">
          <thead>
            <tr>
              <th aria-sort={sort.key === "name" || sort.key === "handle" ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}>
                <span className="th-pair">
                  <SortButton label="Name" k="name" sort={sort} onSort={onSort} />
                  <span className="th-sep">/</span>
                  <SortButton label="Handle" k="handle" sort={sort} onSort={onSort} />
                </span>
              </th>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  className={c.numeric ? "num" : undefined}
                  aria-sort={sort.key === c.key ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}
                  title={c.title}
                >
                  <SortButton label={c.label} k={c.key} sort={sort} onSort={onSort} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <CreatorTableRow key={row.id} row={row} />
            ))}
          </tbody>
        </table>
        {creators.data !== null && rows.length === 0 ? <div className="table-empty">No creators match these filters.</div> : null}
      </div>
      <Pager offset={offset} shown={rows.length} total={total} onOffset={setOffset} />
    </div>
  );
}

function Pager({ offset, shown, total, onOffset }: { offset: number; shown: number; total: number; onOffset: (o: number) => void }) {
  if (total === 0) return null;
  const first = offset + 1;
  const last = offset + shown;
  return (
    <nav className="pager" aria-label="Pages">
      <span className="muted small" data-testid="pager-range">
        {formatExact(first)}–{formatExact(last)} of {formatExact(total)}
      </span>
      <Button disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - PAGE_SIZE))}>
        Previous
      </Button>
      <Button disabled={last >= total} onClick={() => onOffset(offset + PAGE_SIZE)}>
        Next
      </Button>
    </nav>
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

function CreatorTableRow({ row }: { row: CreatorRow }) {
  const name = displayName(row);
  return (
    <tr className="clickable" data-testid="creator-row" data-creator-id={row.id} onClick={() => navigate(paths.creator(row.id))}>
      <td>
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
      </td>
      <td>
        <span className="platform" data-col="platform">
          <PlatformIcon platform={row.platform} />
          {row.platform_name}
        </span>
      </td>
      <td className="num nowrap" data-col="followers" title={`${formatExact(row.followers)} ${row.audience_word}`}>
        {formatCount(row.followers)} <span className="unit">{row.audience_word}</span>
      </td>
      <td data-col="tier">{row.tier ? <span className={`tier tier-${row.tier}`}>{humanize(row.tier)}</span> : <span className="muted">—</span>}</td>
      <td className="num" data-col="er" title={rateBasisWords(row.engagement_rate_basis, row.engagement_rate_statistic, row.platform, row.audience_word)}>
        {formatPercent(row.engagement_rate)}
      </td>
      <td className="num" data-col="authenticity">
        <Score value={row.authenticity} />
      </td>
      <td className="num" data-col="fit">
        <Score value={row.fit} />
      </td>
      <td className="muted nowrap" data-col="last_vetted">
        {formatAgo(row.last_vetted)}
      </td>
    </tr>
  );
}

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
