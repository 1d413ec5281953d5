// Creator: one creator's headline figures, ER per post over time, recent posts,
// findings grouped by verdict (each with its evidence), the authenticity breakdown,
// what the source could not give, follower history, and add-to-shortlist.

import { useState, type ReactNode } from "react";
import { api, errorMessage, type CreatorDetail, type FindingView, type PostColumn, type PostView, type ScorePart } from "../ipc";
import { Avatar } from "../components/Avatar";
import { ErChart, FollowerChart } from "../components/Charts";
import { Icon } from "../components/Icon";
import { LinkedAccounts } from "../components/LinkedAccounts";
import { PlatformIcon } from "../components/PlatformIcon";
import { Score } from "../components/Score";
import { Badge, Button, Card, ErrorBanner, Loading, Notice } from "../components/ui";
import { displayName } from "../lib/creators";
import { formatAgo, formatCount, formatDate, formatDaysAgo, formatExact, formatNumber, formatPercent, humanize, rateBasisWords } from "../lib/format";
import { Link, navigate, paths } from "../router";
import { useLoad } from "../useLoad";
import { useWorkspace } from "../workspace";

export const VERDICT_ORDER = ["risk", "watch", "ok", "not_enough_data"] as const;
const VERDICT_LABEL: Record<string, string> = { risk: "Risk", watch: "Watch", ok: "OK", not_enough_data: "Not enough data" };
const VERDICT_TONE: Record<string, "risk" | "watch" | "ok" | "neutral"> = { risk: "risk", watch: "watch", ok: "ok", not_enough_data: "neutral" };

export function groupFindings(findings: FindingView[]): Array<{ verdict: string; findings: FindingView[] }> {
  const known = new Set<string>(VERDICT_ORDER);
  const verdicts = [...VERDICT_ORDER, ...new Set(findings.map((f) => f.verdict).filter((v) => !known.has(v)))];
  return verdicts.map((verdict) => ({ verdict, findings: findings.filter((f) => f.verdict === verdict) })).filter((g) => g.findings.length > 0);
}

/** How a finding's figures read. Findings carry no unit, so it is inferred from all three
 * figures together: whole numbers are counts, figures all within 0–1 are shares (percent),
 * anything else is a plain number. */
export function findingFormatter(f: Pick<FindingView, "value" | "expected_low" | "expected_high">): (v: number | null) => string {
  const figures = [f.value, f.expected_low, f.expected_high].filter((v): v is number => v !== null && Number.isFinite(v));
  const allWhole = figures.every((v) => Number.isInteger(v));
  const allShares = figures.every((v) => v >= 0 && v <= 1);
  return (v) => {
    if (v === null || !Number.isFinite(v)) return "—";
    if (Math.abs(v) >= 10_000) return formatCount(v);
    if (allWhole) return formatExact(v);
    if (allShares) return formatPercent(v);
    return formatNumber(v, 2);
  };
}

/** "expected 2%–5%", "expected ≤ 25%", "expected ≥ 70". */
export function expectedRange(f: Pick<FindingView, "value" | "expected_low" | "expected_high">): string | null {
  const fmt = findingFormatter(f);
  const { expected_low: lo, expected_high: hi } = f;
  if (lo !== null && hi !== null) return lo === hi ? `expected ${fmt(lo)}` : `expected ${fmt(lo)}–${fmt(hi)}`;
  if (hi !== null) return `expected ≤ ${fmt(hi)}`;
  if (lo !== null) return `expected ≥ ${fmt(lo)}`;
  return null;
}

export function CreatorPage({ id }: { id: number }) {
  const { brief, dataVersion } = useWorkspace();
  const detail = useLoad(() => api.getCreator(id, brief), [id, brief, dataVersion]);

  if (detail.loading && detail.data === null) return <Loading label="Loading creator…" />;
  if (detail.data === null) {
    return (
      <div className="page">
        <BackLink />
        <ErrorBanner message={detail.error ?? "This creator could not be loaded."} onRetry={() => void detail.reload()} />
      </div>
    );
  }
  return <CreatorView d={detail.data} onChanged={() => void detail.reload()} />;
}

function BackLink() {
  return (
    <Link href={paths.creators()} className="back-link">
      <Icon name="arrowLeft" size={14} /> Creators
    </Link>
  );
}

function CreatorView({ d, onChanged }: { d: CreatorDetail; onChanged: () => void }) {
  const { briefs, brief, setBrief } = useWorkspace();
  const row = d.row;
  const name = displayName(row);
  const band: [number, number] | null = d.authentic_er_low !== null && d.authentic_er_high !== null ? [d.authentic_er_low, d.authentic_er_high] : null;
  return (
    <div className="page creator-page">
      <BackLink />
      <header className="creator-header">
        <Avatar name={name} url={row.avatar_url} size={64} />
        <div className="creator-title">
          <h1>
            {name}
            {row.is_demo ? (
              <Badge tone="demo" title="Generated demo data, not a real account">
                demo
              </Badge>
            ) : null}
          </h1>
          <div className="creator-sub">
            <span data-testid="creator-handle">@{row.handle}</span>
            <span className="platform">
              <PlatformIcon platform={row.platform} />
              {row.platform_name}
            </span>
            {row.tier ? <span className={`tier tier-${row.tier}`}>{humanize(row.tier)}</span> : null}
            <span className="muted">
              Vetted {formatAgo(row.last_vetted)} · {d.snapshots} snapshot{d.snapshots === 1 ? "" : "s"}
            </span>
          </div>
          {d.bio ? <p className="creator-bio">{d.bio}</p> : null}
        </div>
        <div className="creator-actions">
          <Button icon="external" onClick={() => void api.openLink(row.url).catch(() => undefined)}>
            Open profile
          </Button>
          <Button icon="columns" title="Open Compare with this creator and pick others to set beside them" onClick={() => navigate(paths.compare([row.id]))}>
            Compare with…
          </Button>
          <AddToShortlist creatorId={row.id} on={d.shortlists} onAdded={onChanged} />
        </div>
      </header>

      <div className="metrics">
        <Metric label={capitalize(row.audience_word)} testId="metric-followers" value={formatCount(row.followers)} title={formatExact(row.followers)} note={d.following !== null ? `following ${formatCount(d.following)}` : undefined} />
        <Metric
          label="Engagement rate"
          testId="metric-er"
          value={formatPercent(row.engagement_rate)}
          note={
            d.er_unavailable ??
            ([rateBasisWords(row.engagement_rate_basis, row.engagement_rate_statistic, row.platform, row.audience_word), d.engagement_rate_low !== null && d.engagement_rate_high !== null ? `expected ${formatPercent(d.engagement_rate_low)}–${formatPercent(d.engagement_rate_high)}` : ""]
              .filter((x) => x !== "")
              .join(" · ") || undefined)
          }
        />
        <Metric label="Authenticity" testId="metric-authenticity" value={<Score value={row.authenticity} />} note={d.authenticity_unavailable ?? "0–100"} />
        <Metric label="Brand Fit" value={<Score value={row.fit} />} note={d.fit ? `${d.fit.verdict_words} for “${d.fit.brief}”` : briefs.length > 0 ? "choose a brief below" : "no brief yet"} />
        <Metric label="Posts per week" value={formatNumber(d.posts_per_week)} note={`${d.posts_analyzed} ${d.posts_word} analysed`} />
        <Metric label="Last post" value={d.last_post_at ? formatDaysAgo(d.last_post_at) : d.days_since_last_post === null ? "—" : d.days_since_last_post < 1 ? "today" : `${Math.round(d.days_since_last_post)} d ago`} note={d.last_post_at ? formatDate(d.last_post_at) : undefined} />
        {d.views_to_followers !== null ? <Metric label="Views / follower" value={formatPercent(d.views_to_followers, 1)} note="per video" /> : null}
      </div>

      {d.missing.length > 0 ? (
        <Notice tone="watch">
          <span className="missing">
            <strong>Missing data:</strong>{" "}
            {d.missing.map((m, i) => (
              <span key={i}>
                {m}
                {i < d.missing.length - 1 ? "; " : ""}
              </span>
            ))}
          </span>
        </Notice>
      ) : null}

      {/* Where the platform gives no rate at all (Twitch), the Engagement rate card above
          says why; a chart card repeating it would hold nothing else. */}
      {d.er_series.length > 0 || !d.er_unavailable ? (
        <Card title="Engagement rate per post" actions={<span className="muted small" data-testid="er-series-label">{d.er_series_label}</span>}>
          {d.er_series.length > 0 ? <ErChart series={d.er_series} band={band} /> : <p className="muted">No {d.posts_word} with counts to chart.</p>}
          <p className="muted small chart-note">
            ER = {d.er_formula}.
            {band ? ` Shaded: authentic ER range ${formatPercent(band[0])}–${formatPercent(band[1])}, from the follower sample.` : ""}
          </p>
        </Card>
      ) : null}

      <div className="grid-2">
        <Findings findings={d.findings} />
        {/* One column beside the findings: Authenticity, then Brand Fit with its brief picker. */}
        <div className="creator-scores" style={{ display: "flex", flexDirection: "column", gap: 16, minWidth: 0 }}>
        <Card title="Authenticity breakdown" actions={<Score value={row.authenticity} />}>
          {d.authenticity_unavailable ? (
            <p className="muted small" data-testid="authenticity-unavailable">
              {d.authenticity_unavailable}
              {d.authenticity_breakdown.length > 0 ? " The checks that could run:" : ""}
            </p>
          ) : null}
          <Breakdown parts={d.authenticity_breakdown} empty="No breakdown for this snapshot." />
        </Card>
        <Card
          title={d.fit ? `Brand Fit for “${d.fit.brief}”` : "Brand Fit"}
          actions={d.fit ? <Score value={d.fit.score} /> : null}
        >
          {briefs.length > 0 ? (
            <label className="inline-field" style={{ marginBottom: 8, maxWidth: "100%" }}>
              <span>Brief</span>
              <select aria-label="Brief for Fit" style={{ maxWidth: "100%", minWidth: 0 }} value={brief ?? ""} onChange={(e) => setBrief(e.target.value || null)}>
                <option value="">Choose a brief…</option>
                {briefs.map((b) => (
                  <option key={b.name} value={b.name}>
                    {b.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {d.fit ? (
            <>
              <p className="muted small" data-testid="fit-verdict">
                {capitalize(d.fit.verdict_words)}: the points each part of the brief earns, out of its weight.
              </p>
              <Breakdown parts={d.fit.parts} empty="No breakdown for this brief." />
            </>
          ) : briefs.length > 0 ? (
            <p className="muted">Choose a brief to see how well this creator fits it, part by part.</p>
          ) : (
            <p className="muted">
              No brand brief yet: add one on the{" "}
              <Link href={paths.brands()} style={{ textDecoration: "underline" }}>
                Brands
              </Link>{" "}
              page to score Fit.
            </p>
          )}
        </Card>
        </div>
      </div>

      {d.follower_series.length > 1 ? (
        <Card title={`${capitalize(row.audience_word)} over time`}>
          <FollowerChart series={d.follower_series} word={row.audience_word} />
        </Card>
      ) : null}

      <LinkedAccounts creator={row.url ?? `${row.platform}:${row.handle}`} />

      <Card title="Recent posts" actions={<span className="muted small">{d.posts.length} shown, newest first</span>}>
        <PostsTable posts={d.posts} columns={d.post_columns} />
      </Card>
    </div>
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function Metric({ label, value, note, title, testId }: { label: string; value: ReactNode; note?: string | undefined; title?: string; testId?: string }) {
  return (
    <div className="metric" title={title}>
      <div className="metric-label">{label}</div>
      <div className="metric-value" data-testid={testId}>
        {value}
      </div>
      {note ? <div className="metric-note">{note}</div> : null}
    </div>
  );
}

function Findings({ findings }: { findings: FindingView[] }) {
  const groups = groupFindings(findings);
  return (
    <Card title="Findings" actions={<span className="muted small">{findings.length} checks</span>}>
      {groups.length === 0 ? <p className="muted">No findings for this snapshot.</p> : null}
      {groups.map((g) => (
        <div key={g.verdict} className="finding-group" data-verdict={g.verdict}>
          <h3 className="finding-group-title">
            <Badge tone={VERDICT_TONE[g.verdict] ?? "neutral"}>{VERDICT_LABEL[g.verdict] ?? humanize(g.verdict)}</Badge>
            <span className="muted small">{g.findings.length}</span>
          </h3>
          <ul className="findings">
            {g.findings.map((f) => (
              <li key={f.check} className="finding">
                <div className="finding-head">
                  <span className="finding-title">{f.title}</span>
                  <span className="finding-figures">
                    {f.display_value !== null ? <strong>{f.display_value}</strong> : null}
                  </span>
                </div>
                <p className="finding-why">{f.summary}</p>
                {f.evidence.length > 0 ? (
                  <details className="evidence">
                    <summary>
                      Evidence ({f.evidence.length})
                    </summary>
                    <ul>
                      {f.evidence.map((e, i) => (
                        <li key={`${e.kind}-${e.id}-${i}`}>
                          <span className="evidence-kind">{e.kind}</span>
                          <code>{e.id}</code>
                          {e.note ? <span className="evidence-note">{e.note}</span> : null}
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
                <details className="finding-method muted small">
                  <summary>How this was measured</summary>
                  <p>{f.explanation}</p>
                  {f.method ? <p>{f.method}</p> : null}
                  <p>
                    {f.value !== null ? <>Value {findingFormatter(f)(f.value)}</> : "No value"}
                    {expectedRange(f) ? <> · {expectedRange(f)}</> : null} · confidence {formatPercent(f.confidence, 0)} · {f.check} · method {f.method_version}
                  </p>
                </details>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </Card>
  );
}

function PostsTable({ posts, columns }: { posts: PostView[]; columns: PostColumn[] }) {
  if (posts.length === 0) return <p className="muted">No posts in this snapshot.</p>;
  return (
    <div className="table-wrap">
      <table className="table compact posts-table">
        <thead>
          <tr>
            <th>Date</th>
            <th>Post</th>
            {columns.map((c) => (
              <th key={c.count} className="num">
                {c.label}
              </th>
            ))}
            <th className="num">ER</th>
          </tr>
        </thead>
        <tbody>
          {posts.map((p) => {
            const text = p.title ? p.title : p.text;
            return (
              <tr key={p.id}>
                <td className="nowrap muted">{formatDate(p.created_at)}</td>
                <td className="post-text">
                  <span title={p.text}>{text.length > 140 ? `${text.slice(0, 140)}…` : text || <span className="muted">(no text)</span>}</span>
                  {p.sponsored ? <Badge tone="info">sponsored</Badge> : null}
                  {p.url ? (
                    <button type="button" className="link-btn" onClick={() => void api.openLink(p.url!).catch(() => undefined)} title="Open post">
                      <Icon name="external" size={12} />
                    </button>
                  ) : null}
                </td>
                {columns.map((c) =>
                  c.count === "likes" && p.likes_hidden ? (
                    <td key={c.count} className="num">
                      <span className="muted" title="The creator hides like counts">
                        hidden
                      </span>
                    </td>
                  ) : (
                    <td key={c.count} className="num" title={formatExact(p[c.count])}>
                      {formatCount(p[c.count])}
                    </td>
                  ),
                )}
                <td className="num">{formatPercent(p.engagement_rate)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function AddToShortlist({ creatorId, on, onAdded }: { creatorId: number; on: string[]; onAdded: () => void }) {
  const lists = useLoad(() => api.listShortlists(), []);
  const [choice, setChoice] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const available = (lists.data ?? []).filter((l) => !on.includes(l.name));

  const add = async () => {
    if (!choice) return;
    setBusy(true);
    setMessage(null);
    try {
      await api.addToShortlist(choice, [creatorId]);
      setMessage({ ok: true, text: `Added to ${choice}` });
      setChoice("");
      onAdded();
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="add-to-shortlist">
      <div className="row-gap">
        <select aria-label="Shortlist" value={choice} onChange={(e) => setChoice(e.target.value)} disabled={available.length === 0}>
          <option value="">{available.length === 0 ? (lists.data?.length ? "On every shortlist" : "No shortlists yet") : "Add to shortlist…"}</option>
          {available.map((l) => (
            <option key={l.id} value={l.name}>
              {l.name}
              {l.client ? ` (${l.client})` : ""}
            </option>
          ))}
        </select>
        <Button variant="primary" icon="plus" busy={busy} disabled={!choice} onClick={() => void add()}>
          Add
        </Button>
      </div>
      {on.length > 0 ? (
        <div className="on-lists small">
          On:{" "}
          {on.map((n, i) => (
            <span key={n}>
              <Link href={paths.shortlists(n)}>{n}</Link>
              {i < on.length - 1 ? ", " : ""}
            </span>
          ))}
        </div>
      ) : null}
      {message ? <div className={message.ok ? "small ok-text" : "small error-text"}>{message.text}</div> : null}
    </div>
  );
}

/** A 0–100 score's parts: each part's points out of its weight, with why. */
function Breakdown({ parts, empty }: { parts: ScorePart[]; empty: string }) {
  if (parts.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="breakdown">
      {parts.map((p) => (
        <li key={p.name}>
          <div className="breakdown-head">
            <span className="breakdown-name">{p.name}</span>
            <Score value={p.score} />
          </div>
          <div className="breakdown-bar">
            <div className="bar" role="img" aria-label={`${formatNumber(p.contribution)} of ${formatPercent(p.weight, 0)} possible points`}>
              <span style={{ width: `${p.weight ? Math.max(0, Math.min(100, ((p.contribution ?? 0) / (p.weight * 100)) * 100)) : 0}%` }} />
            </div>
            <span className="muted small nowrap">
              {formatNumber(p.contribution)} / {formatNumber((p.weight ?? 0) * 100)} pts
            </span>
          </div>
          <p className="muted small breakdown-why">{p.explanation}</p>
        </li>
      ))}
    </ul>
  );
}
