// Compare: two to four creators side by side — e.g. a micro against a mega. Every figure
// is the façade's (`compare_creators`: the Creator page's own view of each creator, and the
// planner's cost estimate for one post); a missing figure says why, in the façade's words.
// The chosen creators live in the URL (#/compare/3,7), so the page can be linked to.

import { useMemo, useState, type ReactNode } from "react";
import { api, type CompareEntry, type CreatorRow, type MissingFigure } from "../ipc";
import { Avatar } from "../components/Avatar";
import { Icon } from "../components/Icon";
import { PlatformIcon } from "../components/PlatformIcon";
import { Score } from "../components/Score";
import { Badge, Button, Card, EmptyState, ErrorBanner, Field, Loading, PageHeader } from "../components/ui";
import { creatorQuery, displayName } from "../lib/creators";
import { formatCount, formatExact, formatNumber, formatPercent, humanize, rateBasisWords } from "../lib/format";
import { Link, navigate, paths } from "../router";
import { useLoad } from "../useLoad";
import { useWorkspace } from "../workspace";
import "./Compare.css";

export const MIN_COMPARE = 2;
export const MAX_COMPARE = 4;

export function ComparePage({ ids }: { ids: number[] }) {
  const { brief, dataVersion } = useWorkspace();
  const chosen = useMemo(() => [...new Set(ids)].slice(0, MAX_COMPARE), [ids]);
  const ready = chosen.length >= MIN_COMPARE;
  const compared = useLoad(() => (ready ? api.compareCreators(chosen, brief) : Promise.resolve([] as CompareEntry[])), [chosen.join(","), brief, dataVersion]);
  // One creator chosen (the Creator page's "Compare with…"): their row, to name them and
  // to suggest creators like them.
  const lone = chosen.length === 1 ? chosen[0]! : null;
  const loneDetail = useLoad(() => (lone === null ? Promise.resolve(null) : api.getCreator(lone, brief)), [lone, brief, dataVersion]);
  const setChosen = (next: number[]) => navigate(paths.compare(next));

  return (
    <div className="page">
      <PageHeader title="Compare" subtitle={`Two to four creators side by side: reach, engagement, authenticity, Fit${brief ? ` for “${brief}”` : ""} and cost per engagement where a fee is known.`} />
      <ChooseCreators chosen={chosen} entries={compared.data ?? []} lone={lone !== null && loneDetail.data?.row.id === lone ? loneDetail.data.row : null} onChange={setChosen} />
      {compared.error ? <ErrorBanner message={compared.error} onRetry={() => void compared.reload()} /> : null}
      {loneDetail.error ? <ErrorBanner message={loneDetail.error} onRetry={() => void loneDetail.reload()} /> : null}
      {!ready ? (
        <EmptyState icon="columns" title={chosen.length === 0 ? "Choose creators to compare" : "Choose one more creator"}>
          {chosen.length === 0
            ? `Search for ${MIN_COMPARE} to ${MAX_COMPARE} creators above, select them in the Creators table and press Compare, or open a creator and press “Compare with…”.`
            : "Search by name or handle above, or pick one of the suggestions."}
        </EmptyState>
      ) : compared.loading && compared.data === null ? (
        <Loading />
      ) : compared.data && compared.data.length > 0 ? (
        <CompareTable entries={compared.data} brief={brief} onRemove={(id) => setChosen(chosen.filter((x) => x !== id))} />
      ) : null}
    </div>
  );
}

/** Up to this many suggestions for the second creator. */
const SUGGESTIONS = 6;

function ChooseCreators({ chosen, entries, lone, onChange }: { chosen: number[]; entries: CompareEntry[]; lone: CreatorRow | null; onChange: (ids: number[]) => void }) {
  const { dataVersion } = useWorkspace();
  const [text, setText] = useState("");
  const found = useLoad(() => (text.trim() ? api.listCreators(creatorQuery({ text: text.trim(), sort: "name", limit: 8 })) : Promise.resolve(null)), [text, dataVersion]);
  // With one creator chosen: others on the same platform, those in the same tier first
  // (then the biggest of the other tiers: a micro is often set against a mega).
  const similar = useLoad(async () => {
    if (!lone) return null;
    const sameTier = lone.tier
      ? await api.listCreators(creatorQuery({ platform: lone.platform, tier: lone.tier, sort: "followers", desc: true, limit: SUGGESTIONS + 1 }))
      : null;
    const others = (sameTier?.rows ?? []).filter((r) => r.id !== lone.id);
    if (others.length >= SUGGESTIONS) return others;
    const anyTier = await api.listCreators(creatorQuery({ platform: lone.platform, sort: "followers", desc: true, limit: SUGGESTIONS * 2 }));
    return [...others, ...anyTier.rows.filter((r) => r.id !== lone.id && !others.some((o) => o.id === r.id))];
  }, [lone?.id, lone?.platform, lone?.tier, dataVersion]);
  // Names for the chips: from the comparison, and from what was picked here (so a chip
  // never reads "Creator 9" while the comparison reloads).
  const [picked, setPicked] = useState(() => new Map<number, CreatorRow>());
  const full = chosen.length >= MAX_COMPARE;
  const names = new Map<number, CreatorRow>(picked);
  if (lone) names.set(lone.id, lone);
  for (const e of entries) if (e.detail) names.set(e.creator_id, e.detail.row);
  const options = (found.data?.rows ?? []).filter((r) => !chosen.includes(r.id));
  const suggestions = (similar.data ?? []).filter((r) => !chosen.includes(r.id)).slice(0, SUGGESTIONS);
  const add = (r: CreatorRow) => {
    setPicked((m) => new Map(m).set(r.id, r));
    onChange([...chosen, r.id]);
    setText("");
  };
  const title = lone ? `Compare ${displayName(lone)} with…` : "Creators";
  return (
    <Card title={title} actions={<span className="muted small">{chosen.length} of {MAX_COMPARE}</span>}>
      <ul className="compare-chosen" aria-label="Chosen creators">
        {chosen.map((id) => {
          const row = names.get(id);
          return (
            <li key={id} className="chip compare-chip">
              {row ? <PlatformIcon platform={row.platform} size={12} /> : null}
              <span>{row ? `@${row.handle}` : `Creator ${id}`}</span>
              <button type="button" className="icon-btn" aria-label={`Remove ${row ? `@${row.handle}` : `creator ${id}`} from the comparison`} onClick={() => onChange(chosen.filter((x) => x !== id))}>
                <Icon name="x" size={12} />
              </button>
            </li>
          );
        })}
      </ul>
      <Field label={full ? `Up to ${MAX_COMPARE} creators: remove one to add another` : "Add a creator"} htmlFor="compare-search">
        <input
          id="compare-search"
          type="search"
          placeholder="Name or handle"
          value={text}
          disabled={full}
          // Arriving with one creator (from its page) means: pick the next one.
          autoFocus={chosen.length === 1}
          onChange={(e) => setText(e.target.value)}
        />
      </Field>
      {found.error ? <ErrorBanner message={found.error} /> : null}
      {!full && text.trim() && found.data !== null ? (
        options.length === 0 ? (
          <p className="muted small">No other creator matches “{text.trim()}”.</p>
        ) : (
          <PickList label="Matching creators" rows={options} onPick={add} />
        )
      ) : null}
      {lone && !text.trim() && suggestions.length > 0 ? (
        <div className="compare-suggestions">
          <h3 className="small muted" id="compare-suggestions-title">
            {lone.tier ? `Other creators on ${lone.platform_name}: ${humanize(lone.tier).toLowerCase()} first, then the biggest` : `Other creators on ${lone.platform_name}, biggest first`}
          </h3>
          <PickList label="Suggested creators" rows={suggestions} onPick={add} />
        </div>
      ) : null}
    </Card>
  );
}

function PickList({ label, rows, onPick }: { label: string; rows: CreatorRow[]; onPick: (r: CreatorRow) => void }) {
  return (
    <ul className="pick-list" aria-label={label}>
      {rows.map((r) => (
        <li key={r.id}>
          <button type="button" className="pick compare-pick" onClick={() => onPick(r)}>
            <PlatformIcon platform={r.platform} size={14} />
            <span className="pick-name">{displayName(r)}</span>
            <span className="muted">@{r.handle}</span>
            <span className="muted pick-figures">
              {formatCount(r.followers)} {r.audience_word} · {r.tier ? humanize(r.tier) : "no tier"}
            </span>
            {r.is_demo ? <Badge tone="demo">demo</Badge> : null}
          </button>
        </li>
      ))}
    </ul>
  );
}

function why(entry: CompareEntry, figure: MissingFigure["figure"]): string | null {
  return entry.missing.find((m) => m.figure === figure)?.reason ?? null;
}

/** A missing figure: a dash, and the reason beside it. */
function Missing({ reason }: { reason: string | null }) {
  return (
    <span className="compare-missing">
      <span aria-hidden="true">—</span>
      <span className="small muted">{reason ?? "Not available."}</span>
    </span>
  );
}

function money(value: number | null, currency: string): string {
  if (value === null) return "—";
  const digits = value < 1 ? 3 : value < 100 ? 2 : 0;
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  } catch {
    return `${formatNumber(value, digits)} ${currency}`;
  }
}

function CompareTable({ entries, brief, onRemove }: { entries: CompareEntry[]; brief: string | null; onRemove: (id: number) => void }) {
  type Line = { label: string; cell: (e: CompareEntry, row: CreatorRow) => ReactNode };
  const lines: Line[] = [
    { label: "Platform", cell: (_, r) => <span className="platform"><PlatformIcon platform={r.platform} size={14} /> {r.platform_name}</span> },
    { label: "Audience", cell: (_, r) => <span title={formatExact(r.followers)}>{formatCount(r.followers)} {r.audience_word}</span> },
    { label: "Tier", cell: (_, r) => (r.tier ? <span className={`tier tier-${r.tier}`}>{humanize(r.tier)}</span> : <Missing reason="No audience count to place it in a tier." />) },
    {
      label: "Engagement rate",
      cell: (e, r) => {
        const d = e.detail!;
        if (r.engagement_rate === null) return <Missing reason={why(e, "engagement_rate")} />;
        const basis = rateBasisWords(r.engagement_rate_basis, r.engagement_rate_statistic, r.platform, r.audience_word);
        return (
          <div className="compare-figure">
            <strong data-testid="compare-er">{formatPercent(r.engagement_rate)}</strong>
            <span className="small muted">
              {basis}
              {d.engagement_rate_posts > 0 ? ` · ${d.engagement_rate_posts} posts` : ""}
            </span>
            {d.engagement_rate_low !== null && d.engagement_rate_high !== null ? (
              <span className="small muted">
                expected {formatPercent(d.engagement_rate_low)}–{formatPercent(d.engagement_rate_high)}
                {d.engagement_rate_verdict ? ` · ${humanize(d.engagement_rate_verdict)}` : ""}
              </span>
            ) : null}
          </div>
        );
      },
    },
    {
      label: "Authentic ER",
      cell: (e) => {
        const d = e.detail!;
        if (d.authentic_er_low === null || d.authentic_er_high === null) return <Missing reason={why(e, "authentic_er")} />;
        return (
          <div className="compare-figure">
            <strong>
              {formatPercent(d.authentic_er_low)}–{formatPercent(d.authentic_er_high)}
            </strong>
            <span className="small muted">after removing suspicious engagement</span>
          </div>
        );
      },
    },
    { label: "Authenticity", cell: (e, r) => (r.authenticity === null ? <Missing reason={why(e, "authenticity")} /> : <Score value={r.authenticity} />) },
    {
      label: brief ? `Fit for “${brief}”` : "Brand Fit",
      cell: (e) => {
        const f = e.detail!.fit;
        if (!f) return <Missing reason={why(e, "fit")} />;
        return (
          <div className="compare-figure">
            <Score value={f.score} />
            <span className="small muted">{f.verdict_words}</span>
          </div>
        );
      },
    },
    {
      label: "Cost per post",
      cell: (e) => {
        const c = e.cost;
        if (!c || c.cost_per_post === null) return <Missing reason={c?.missing.find((m) => m.includes("fee")) ?? why(e, "cost_per_engagement")} />;
        return (
          <div className="compare-figure">
            <strong>{money(c.cost_per_post, c.currency)}</strong>
            <span className="small muted">
              {c.fee_source === "quoted" ? "quoted fee" : `rate card estimate${c.fee_low !== null && c.fee_high !== null ? `, ${money(c.fee_low, c.currency)}–${money(c.fee_high, c.currency)}` : ""}`}
              {c.format ? ` · ${humanize(c.format)}` : ""}
            </span>
          </div>
        );
      },
    },
    {
      label: "Cost per engagement",
      cell: (e) => {
        const c = e.cost;
        if (!c || c.cpe === null) return <Missing reason={why(e, "cost_per_engagement")} />;
        return (
          <div className="compare-figure">
            <strong data-testid="compare-cpe">{money(c.cpe, c.currency)}</strong>
            <span className="small muted">
              per authentic engagement
              {c.cpe_low !== null ? ` · ${money(c.cpe_low, c.currency)}–${c.cpe_high !== null ? money(c.cpe_high, c.currency) : "no upper bound"}` : ""}
              {c.engagements !== null ? ` · ≈${formatCount(Math.round(c.engagements))} per post (${c.share_from} audience share)` : ""}
            </span>
          </div>
        );
      },
    },
  ];
  return (
    <div className="table-wrap">
      <table className="table compare-table" data-testid="compare-table">
        <caption className="sr-only">Creators compared side by side</caption>
        <thead>
          <tr>
            <td />
            {entries.map((e) => (
              <th key={e.creator_id} scope="col">
                {e.detail ? (
                  <div className="creator-cell">
                    <Avatar name={displayName(e.detail.row)} url={e.detail.row.avatar_url} size={32} />
                    <div className="creator-lines">
                      <Link href={paths.creator(e.creator_id)} className="creator-name">
                        {displayName(e.detail.row)}
                      </Link>
                      <div className="creator-handle">@{e.detail.row.handle}</div>
                    </div>
                    {e.detail.row.is_demo ? <Badge tone="demo">demo</Badge> : null}
                  </div>
                ) : (
                  <span>Creator {e.creator_id}</span>
                )}
                <Button size="sm" variant="ghost" icon="x" aria-label={`Remove ${e.detail ? `@${e.detail.row.handle}` : `creator ${e.creator_id}`} from the comparison`} onClick={() => onRemove(e.creator_id)} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.label}>
              <th scope="row">{line.label}</th>
              {entries.map((e) => (
                <td key={e.creator_id} data-testid={`compare-${e.creator_id}`}>
                  {e.detail ? line.cell(e, e.detail.row) : <Missing reason={why(e, "snapshot")} />}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
