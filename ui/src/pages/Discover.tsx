// Discover: search every source at once by keywords and #hashtags (or find more like a
// shortlist or a creator, or re-run a saved search and see what is new), watch each
// source's progress and outcome (results, needs a key, not searchable, error), and read
// the ranked results with the reasons each one was found and its likely accounts on
// other platforms. Selected results are vetted as a background job (straight into a
// shortlist if one is chosen) or dismissed for the chosen brief, so they stay out of
// later searches.

import { useEffect, useRef, useState } from "react";
import {
  api,
  errorMessage,
  newRunId,
  type DiscoverEvent,
  type DiscoveredView,
  type DiscoveryRunView,
  type SourceOutcome,
} from "../ipc";
import { PlatformIcon, PLATFORMS } from "../components/PlatformIcon";
import { Badge, Button, Card, ErrorBanner, Notice, PageHeader, Spinner } from "../components/ui";
import { TIER_ORDER } from "../lib/creators";
import { formatCount, formatPercent, humanize, rateBasisWords } from "../lib/format";
import { Link, paths } from "../router";
import { useLoad } from "../useLoad";
import { useWorkspace } from "../workspace";

type Mode = "keywords" | "like";
/** What one run asks for beyond the form's filters. */
type RunOf = { like?: string; saved?: string };

const OUTCOME_TONE: Record<string, "ok" | "watch" | "risk" | "neutral" | "info"> = {
  results: "ok",
  needs_key: "watch",
  not_searchable: "neutral",
  error: "risk",
  cancelled: "neutral",
};

const OUTCOME_LABEL: Record<string, string> = {
  results: "Searched",
  needs_key: "Needs a key",
  not_searchable: "Not searchable",
  error: "Failed",
  cancelled: "Cancelled",
};

const STAGE_LABEL: Record<string, string> = {
  searching: "Searching…",
  done: "Done",
  skipped: "Skipped",
  failed: "Failed",
};

function platformName(key: string): string {
  return PLATFORMS.find((p) => p.key === key)?.name ?? humanize(key);
}

/** "2.5" (percent, as typed) → 0.025; blank or not a number → no bound. */
function percentToFraction(text: string): number | null {
  const t = text.trim().replace(",", ".");
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n / 100 : null;
}

function followersText(r: DiscoveredView): string {
  if (r.followers === null) return "—";
  return `${r.followers_rounded ? "≈" : ""}${formatCount(r.followers)}`;
}

export function DiscoverPage() {
  const { briefs, brief: chosenBrief } = useWorkspace();
  const [query, setQuery] = useState("");
  const [platforms, setPlatforms] = useState<string[]>([]);
  const [tier, setTier] = useState("");
  const [language, setLanguage] = useState("");
  const [onlyNew, setOnlyNew] = useState(false);
  const [minEr, setMinEr] = useState("");
  const [maxEr, setMaxEr] = useState("");
  const [country, setCountry] = useState("");
  const [activeWithin, setActiveWithin] = useState("");
  const [brief, setBrief] = useState<string>(chosenBrief ?? "");
  const [run, setRun] = useState<string | null>(null);
  const [progress, setProgress] = useState<Record<string, DiscoverEvent>>({});
  const [result, setResult] = useState<DiscoveryRunView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [acting, setActing] = useState(false);
  const [mode, setMode] = useState<Mode>("keywords");
  const [seed, setSeed] = useState("");
  const [saveAs, setSaveAs] = useState("");
  const [target, setTarget] = useState("");
  const shortlists = useLoad(() => api.listShortlists(), []);
  const saved = useLoad(() => api.savedSearches(), []);
  const unlisten = useRef<(() => void) | null>(null);

  useEffect(() => () => unlisten.current?.(), []);

  const running = run !== null;

  const togglePlatform = (key: string) =>
    setPlatforms((ps) => (ps.includes(key) ? ps.filter((p) => p !== key) : [...ps, key]));

  const canRun = mode === "keywords" ? query.trim() !== "" : seed.trim() !== "";

  const search = async (of: RunOf = mode === "like" ? { like: seed.trim() } : {}) => {
    if (running || (!of.like && !of.saved && !query.trim())) return;
    const id = newRunId();
    setError(null);
    setNotice(null);
    setProgress({});
    setSelected(new Set());
    setRun(id);
    const saving = !of.like && !of.saved ? saveAs.trim() : "";
    try {
      unlisten.current?.();
      unlisten.current = await api.onDiscoverProgress(id, (e) => setProgress((p) => ({ ...p, [e.platform]: e })));
      const view = await api.discover(id, {
        query,
        platforms,
        tier: tier || null,
        min_followers: null,
        max_followers: null,
        language: language.trim() || null,
        brief: brief || null,
        only_new: onlyNew,
        min_er: percentToFraction(minEr),
        max_er: percentToFraction(maxEr),
        country: country.trim() || null,
        active_within_days: activeWithin ? Number(activeWithin) : null,
        like: of.like ?? null,
        saved: of.saved ?? null,
        save_as: saving || null,
      });
      setResult(view);
      if (saving) {
        setSaveAs("");
        setNotice(`Saved as “${saving}”: run it again from Saved searches to see what is new.`);
        void saved.reload();
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      unlisten.current?.();
      unlisten.current = null;
      setRun(null);
    }
  };

  const rows = result?.results ?? [];
  const chosen = rows.filter((r) => selected.has(r.id));

  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const vetSelected = async () => {
    if (chosen.length === 0) return;
    setActing(true);
    setError(null);
    try {
      const urls = chosen.map((r) => r.url);
      const job = target ? await api.enqueueVetIntoShortlist(urls, target) : await api.enqueueVet(urls);
      const what = `${chosen.length} creator${chosen.length === 1 ? "" : "s"}`;
      setNotice(
        target
          ? `Vetting ${what} into ${target} in the background (job ${job.id}): each joins the shortlist once vetted. Follow it in the Jobs panel.`
          : `Vetting ${what} in the background (job ${job.id}); follow it in the Jobs panel.`,
      );
      setSelected(new Set());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setActing(false);
    }
  };

  const dismissSelected = async () => {
    if (chosen.length === 0 || result === null) return;
    setActing(true);
    setError(null);
    try {
      const n = await api.dismissDiscovered(
        chosen.map((r) => r.id),
        brief || null,
      );
      const gone = new Set(chosen.map((r) => r.id));
      setResult({ ...result, results: result.results.filter((r) => !gone.has(r.id)), total: Math.max(0, result.total - n) });
      setSelected(new Set());
      setNotice(`Dismissed ${n} creator${n === 1 ? "" : "s"}${brief ? ` for ${brief}` : ""}: later searches leave them out.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setActing(false);
    }
  };

  const outcomes: SourceOutcome[] = result?.outcomes ?? [];
  // Sources in the order their outcomes came back, then any still searching.
  const sourceKeys = [...outcomes.map((o) => o.platform), ...Object.keys(progress).filter((k) => !outcomes.some((o) => o.platform === k))];

  return (
    <div className="page">
      <PageHeader title="Discover" subtitle="Search every source by keywords and #hashtags, or find more like a shortlist or creator; each result says why it was found." />
      <Card>
        <form
          className="discover-form"
          onSubmit={(e) => {
            e.preventDefault();
            void search();
          }}
        >
          <fieldset className="discover-mode row-gap" disabled={running}>
            <legend className="sr-only">Find creators by</legend>
            <label className="chip-check">
              <input type="radio" name="discover-mode" checked={mode === "keywords"} onChange={() => setMode("keywords")} />
              Search by keywords
            </label>
            <label className="chip-check">
              <input type="radio" name="discover-mode" checked={mode === "like"} onChange={() => setMode("like")} />
              More like a shortlist or creator
            </label>
          </fieldset>
          {mode === "keywords" ? (
            <label htmlFor="discover-query" className="field-label">
              Keywords and #hashtags
            </label>
          ) : (
            <label htmlFor="discover-seed" className="field-label">
              Shortlist or creator
            </label>
          )}
          <div className="row-gap">
            {mode === "keywords" ? (
              <input
                id="discover-query"
                className="input grow"
                type="search"
                placeholder="sustainable skincare #zerodechet"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                disabled={running}
              />
            ) : (
              <>
                <input
                  id="discover-seed"
                  className="input grow"
                  list="discover-seeds"
                  placeholder="a shortlist's name, or a vetted creator's @handle or URL"
                  value={seed}
                  onChange={(e) => setSeed(e.target.value)}
                  disabled={running}
                  aria-describedby="discover-seed-help"
                />
                <datalist id="discover-seeds">
                  {(shortlists.data ?? []).map((l) => (
                    <option key={l.id} value={l.name} />
                  ))}
                </datalist>
              </>
            )}
            {running ? (
              <Button type="button" icon="x" onClick={() => run && void api.cancelDiscover(run)}>
                Cancel
              </Button>
            ) : null}
            <Button type="submit" variant="primary" icon="search" busy={running} disabled={!canRun}>
              {running ? "Searching…" : mode === "like" ? "Find more like" : "Search"}
            </Button>
          </div>
          {mode === "like" ? (
            <p id="discover-seed-help" className="muted small">
              Collects the accounts they mention, repost and quote, the commenters on their posts who are creators themselves, and Bluesky&apos;s
              suggested follows; ranked by how many of them point to each.
            </p>
          ) : null}
          <fieldset className="discover-platforms" disabled={running}>
            <legend className="field-label">Sources {platforms.length === 0 ? <span className="muted small">(all)</span> : null}</legend>
            {PLATFORMS.map((p) => (
              <label key={p.key} className="chip-check">
                <input type="checkbox" checked={platforms.includes(p.key)} onChange={() => togglePlatform(p.key)} />
                <PlatformIcon platform={p.key} size={14} /> {p.name}
              </label>
            ))}
          </fieldset>
          <div className="discover-filters row-gap">
            <label className="field-inline">
              Tier
              <select className="select" value={tier} onChange={(e) => setTier(e.target.value)} disabled={running}>
                <option value="">Any tier</option>
                {TIER_ORDER.map((t) => (
                  <option key={t} value={t}>
                    {humanize(t)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field-inline">
              Language
              <input
                className="input short"
                placeholder="e.g. fr"
                maxLength={3}
                value={language}
                onChange={(e) => setLanguage(e.target.value)}
                disabled={running}
                aria-label="Language code (ISO 639-1)"
              />
            </label>
            <label className="field-inline">
              Brief
              <select className="select" value={brief} onChange={(e) => setBrief(e.target.value)} disabled={running}>
                <option value="">No brief</option>
                {briefs.map((b) => (
                  <option key={b.name} value={b.name}>
                    {b.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field-inline">
              Country
              <input
                className="input short"
                placeholder="e.g. FR"
                maxLength={2}
                value={country}
                onChange={(e) => setCountry(e.target.value)}
                disabled={running}
                aria-label="Country code (where the source gives one)"
              />
            </label>
            <label className="field-inline">
              Active
              <select className="select" value={activeWithin} onChange={(e) => setActiveWithin(e.target.value)} disabled={running} aria-label="Last post within">
                <option value="">any time</option>
                <option value="7">in the last 7 days</option>
                <option value="30">in the last 30 days</option>
                <option value="90">in the last 90 days</option>
              </select>
            </label>
            <span className="field-inline" role="group" aria-labelledby="discover-er-label">
              <span id="discover-er-label" title="Known once a creator is vetted: only vetted results pass an ER range">
                ER %
              </span>
              <input className="input short" inputMode="decimal" placeholder="min" value={minEr} onChange={(e) => setMinEr(e.target.value)} disabled={running} aria-label="Engagement rate at least, in percent (vetted creators only)" />
              –
              <input className="input short" inputMode="decimal" placeholder="max" value={maxEr} onChange={(e) => setMaxEr(e.target.value)} disabled={running} aria-label="Engagement rate at most, in percent (vetted creators only)" />
            </span>
            <label className="field-inline">
              <input type="checkbox" checked={onlyNew} onChange={(e) => setOnlyNew(e.target.checked)} disabled={running} />
              Only creators not found before
            </label>
            {mode === "keywords" ? (
              <label className="field-inline">
                Save as
                <input
                  className="input"
                  placeholder="optional name"
                  value={saveAs}
                  onChange={(e) => setSaveAs(e.target.value)}
                  disabled={running}
                  aria-label="Save this search as (optional)"
                />
              </label>
            ) : null}
          </div>
        </form>
      </Card>

      {(saved.data ?? []).length > 0 ? (
        <Card title="Saved searches">
          <ul className="saved-searches" aria-label="Saved searches">
            {(saved.data ?? []).map((s) => (
              <li key={s.name} className="row-gap" data-testid="saved-search">
                <strong>{s.name}</strong>
                <span className="muted">
                  “{s.query}”{s.platforms.length > 0 ? ` on ${s.platforms.map(platformName).join(", ")}` : ""}
                  {s.brief ? ` · brief ${s.brief}` : ""}
                </span>
                <Button size="sm" icon="search" disabled={running} onClick={() => void search({ saved: s.name })} aria-label={`Run ${s.name} again`}>
                  Run again
                </Button>
              </li>
            ))}
          </ul>
          <p className="muted small">A saved search runs with its own query, sources and filters; results it finds for the first time are marked new (tick “Only creators not found before” to see only those).</p>
        </Card>
      ) : null}

      {error ? <ErrorBanner message={error} /> : null}
      {notice ? <Notice tone="ok">{notice}</Notice> : null}

      {sourceKeys.length > 0 ? (
        <Card title="Sources">
          <ul className="progress-list" aria-label="Sources searched">
            {sourceKeys.map((key) => {
              const outcome = outcomes.find((o) => o.platform === key);
              const event = progress[key];
              return (
                <li key={key} className="progress-row" data-testid="discover-source" data-platform={key}>
                  <span className="progress-icon">
                    <PlatformIcon platform={key} size={14} />
                  </span>
                  <span className="progress-input">{platformName(key)}</span>
                  <span className="progress-stage">
                    {outcome ? (
                      <Badge tone={OUTCOME_TONE[outcome.status] ?? "neutral"}>{OUTCOME_LABEL[outcome.status] ?? humanize(outcome.status)}</Badge>
                    ) : event?.stage === "searching" ? (
                      <Spinner label="Searching" />
                    ) : (
                      (STAGE_LABEL[event?.stage ?? ""] ?? humanize(event?.stage ?? ""))
                    )}
                  </span>
                  <span className={outcome?.status === "error" ? "progress-message error-text" : "progress-message"}>
                    {outcome?.message ?? event?.message ?? ""}
                  </span>
                </li>
              );
            })}
          </ul>
        </Card>
      ) : null}

      {result !== null ? (
        <Card
          title={`Results (${result.total}${result.new_count > 0 ? `, ${result.new_count} new` : ""})`}
          actions={
            <div className="row-gap">
              <span className="muted small">{chosen.length > 0 ? `${chosen.length} selected` : "Select results to vet or dismiss"}</span>
              <Button icon="x" size="sm" disabled={chosen.length === 0 || acting} onClick={() => void dismissSelected()}>
                Dismiss
              </Button>
              <label className="field-inline">
                Into
                <select className="select" value={target} onChange={(e) => setTarget(e.target.value)} aria-label="Shortlist the vetted creators join">
                  <option value="">no shortlist</option>
                  {(shortlists.data ?? []).map((l) => (
                    <option key={l.id} value={l.name}>
                      {l.name}
                    </option>
                  ))}
                </select>
              </label>
              <Button variant="primary" icon="search" size="sm" disabled={chosen.length === 0 || acting} onClick={() => void vetSelected()}>
                {target ? "Vet into shortlist" : "Vet selected"}
              </Button>
            </div>
          }
        >
          {rows.length === 0 ? (
            <div className="table-empty">No creators found for “{result.query}” with these filters.</div>
          ) : (
            <div className="table-wrap">
              <table className="table discover-table" data-testid="discover-table">
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="sr-only">Select</span>
                    </th>
                    <th scope="col">Creator</th>
                    <th scope="col">Platform</th>
                    <th scope="col" className="num">
                      Followers
                    </th>
                    <th scope="col">Language</th>
                    <th scope="col" className="num" title="Once vetted: the engagement rate the Creators table shows">
                      ER
                    </th>
                    <th scope="col" className="num" title="The sum of the weights of the reasons it was found">
                      Score
                    </th>
                    <th scope="col">Why it was found</th>
                    <th scope="col">Also on</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id} data-testid="discover-row">
                      <td>
                        <input
                          type="checkbox"
                          checked={selected.has(r.id)}
                          onChange={() => toggle(r.id)}
                          aria-label={`Select @${r.handle}`}
                        />
                      </td>
                      <td>
                        <div className="cell-name">
                          <button type="button" className="link-btn" onClick={() => void api.openLink(r.url)} title={r.url}>
                            {r.display_name || r.handle}
                          </button>
                          {r.is_new ? <Badge tone="accent">new</Badge> : null}
                        </div>
                        <div className="muted small">@{r.handle}</div>
                      </td>
                      <td>
                        <span className="row-gap">
                          <PlatformIcon platform={r.platform} size={14} /> {platformName(r.platform)}
                        </span>
                      </td>
                      <td className="num" title={r.followers_rounded ? "The platform rounds this figure" : undefined}>
                        {followersText(r)}
                      </td>
                      <td>{r.language ?? "—"}</td>
                      <td className="num nowrap" data-col="er" title={rateBasisWords(r.engagement_rate_basis, r.engagement_rate_statistic, r.platform, r.audience_word)}>
                        {r.creator_id === null ? (
                          <span className="muted small">not vetted</span>
                        ) : (
                          <Link href={paths.creator(r.creator_id)} aria-label={`Open @${r.handle}'s Creator page`}>
                            {formatPercent(r.engagement_rate)}
                          </Link>
                        )}
                      </td>
                      <td className="num">{r.score === null ? "—" : r.score.toFixed(1)}</td>
                      <td>
                        <ul className="reasons">
                          {r.reasons.slice(0, 3).map((reason) => (
                            <li key={reason}>{reason}</li>
                          ))}
                          {r.reasons.length > 3 ? <li className="muted small">and {r.reasons.length - 3} more</li> : null}
                        </ul>
                      </td>
                      <td>
                        {r.linked_accounts.length === 0 ? (
                          <span className="muted">—</span>
                        ) : (
                          <ul className="reasons">
                            {r.linked_accounts.map((l) => (
                              <li key={`${l.platform}:${l.handle}`} title={l.evidence.join("\n")}>
                                <PlatformIcon platform={l.platform} size={12} /> @{l.handle} <span className="muted small">({l.confidence})</span>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {result.total > rows.length ? (
            <p className="muted small">
              Showing the best {rows.length} of {result.total}. Narrow the search, or vet these and search again with “Only creators not found
              before”.
            </p>
          ) : null}
          <p className="muted small">
            Vetted creators appear on the <Link href={paths.creators()}>Creators</Link> page.
          </p>
        </Card>
      ) : null}
    </div>
  );
}
