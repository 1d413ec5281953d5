// The campaign plan of a shortlist (shown on the shortlist page): a budget slider, the
// objective and constraints; the optimised hybrid compared side by side with the all-mega,
// all-micro and saved plans; budget and value by tier as a chart; what binds; saving a
// plan, starting it as a campaign and, once it runs, what it delivered.
//
// Every figure comes from the planner in scout-core through the façade (PlanView); this
// page only formats it.

import { useEffect, useState } from "react";
import { api, errorMessage, type CreatorResultView, type PlanRequest, type PlanSummaryView, type PlanTierView, type PlanView } from "../ipc";
import { ExportStatus, slug, useExport } from "../components/Export";
import { Badge, Button, Card, ErrorBanner, Field, Loading } from "../components/ui";
import { formatCount, humanize, MISSING } from "../lib/format";

const OBJECTIVES = [
  { key: "engagement", label: "Engagement (authentic engagements)" },
  { key: "awareness", label: "Awareness (people reached)" },
  { key: "conversion", label: "Conversion (engagements × Brand Fit)" },
] as const;

function money(currency: string, n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return MISSING;
  return `${currency} ${Math.round(n).toLocaleString("en-US")}`;
}

function whole(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return MISSING;
  return Math.round(n).toLocaleString("en-US");
}

function ranged(point: number | null, low: number | null, high: number | null): string {
  if (point === null) return MISSING;
  if (low === null || high === null || Math.abs(high - low) < 0.5) return whole(point);
  return `${whole(point)} (${whole(low)}–${whole(high)})`;
}

function share(part: number | null, whole: number | null): number {
  if (part === null || whole === null || whole <= 0) return 0;
  return part / whole;
}

export function PlanPanel({ shortlist }: { shortlist: string }) {
  const [budget, setBudget] = useState(10_000);
  const [objective, setObjective] = useState<string>("engagement");
  const [brief, setBrief] = useState("");
  const [maxPosts, setMaxPosts] = useState(1);
  const [maxCreators, setMaxCreators] = useState("");
  const [minMicro, setMinMicro] = useState("");
  const [maxMega, setMaxMega] = useState("");
  const [includeRisk, setIncludeRisk] = useState(false);
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [briefs, setBriefs] = useState<string[]>([]);
  const [saveName, setSaveName] = useState("");
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api
      .listBriefs()
      .then((b) => {
        if (live) setBriefs(b.map((x) => x.name));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  const request = (): PlanRequest => ({
    shortlist,
    budget,
    objective,
    brief: brief === "" ? null : brief,
    max_posts: maxPosts,
    min_share: minMicro === "" ? [] : [{ tier: "micro", share: Number(minMicro) / 100 }],
    max_share: maxMega === "" ? [] : [{ tier: "mega", share: Number(maxMega) / 100 }],
    max_creators: maxCreators === "" ? null : Number(maxCreators),
    include_risk: includeRisk,
    pin: [],
    exclude: [],
  });

  const run = async (save: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const view = save ? await api.savePlan(saveName.trim(), request()) : await api.planShortlist(request());
      setPlan(view);
      if (save) setSaved(saveName.trim());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Campaign plan" actions={<Button icon="chevronRight" busy={busy} onClick={() => void run(false)}>Plan</Button>}>
      <form
        className="plan-form"
        aria-label="Plan constraints"
        onSubmit={(e) => {
          e.preventDefault();
          void run(false);
        }}
      >
        <Field label={`Budget: ${money(plan?.currency ?? "USD", budget)}`} htmlFor="plan-budget">
          <input id="plan-budget" type="range" min={500} max={200_000} step={500} value={budget} onChange={(e) => setBudget(Number(e.target.value))} />
          <input aria-label="Budget amount" type="number" min={0} step={100} value={budget} onChange={(e) => setBudget(Number(e.target.value))} />
        </Field>
        <Field label="Objective" htmlFor="plan-objective">
          <select id="plan-objective" value={objective} onChange={(e) => setObjective(e.target.value)}>
            {OBJECTIVES.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Brief (Brand Fit)" htmlFor="plan-brief" hint={objective === "conversion" ? "needed for conversion" : undefined}>
          <select id="plan-brief" value={brief} onChange={(e) => setBrief(e.target.value)}>
            <option value="">None</option>
            {briefs.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Posts per creator at most" htmlFor="plan-posts">
          <input id="plan-posts" type="number" min={1} max={10} value={maxPosts} onChange={(e) => setMaxPosts(Number(e.target.value))} />
        </Field>
        <Field label="Creators at most" htmlFor="plan-creators" hint="empty: no cap">
          <input id="plan-creators" type="number" min={1} value={maxCreators} onChange={(e) => setMaxCreators(e.target.value)} />
        </Field>
        <Field label="Micro share at least (%)" htmlFor="plan-min-micro">
          <input id="plan-min-micro" type="number" min={0} max={100} value={minMicro} onChange={(e) => setMinMicro(e.target.value)} />
        </Field>
        <Field label="Mega share at most (%)" htmlFor="plan-max-mega">
          <input id="plan-max-mega" type="number" min={0} max={100} value={maxMega} onChange={(e) => setMaxMega(e.target.value)} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={includeRisk} onChange={(e) => setIncludeRisk(e.target.checked)} /> Include creators with a risk verdict
        </label>
      </form>
      {error ? <ErrorBanner message={error} /> : null}
      {busy && plan === null ? <Loading label="Planning…" /> : null}
      {plan ? (
        <PlanResult
          plan={plan}
          shortlist={shortlist}
          saveName={saveName}
          setSaveName={setSaveName}
          saved={saved}
          onSave={() => void run(true)}
          busy={busy}
        />
      ) : null}
    </Card>
  );
}

function PlanResult({ plan, shortlist, saveName, setSaveName, saved, onSave, busy }: { plan: PlanView; shortlist: string; saveName: string; setSaveName: (s: string) => void; saved: string | null; onSave: () => void; busy: boolean }) {
  const cur = plan.currency;
  const posts = plan.chosen.reduce((n, p) => n + (p.posts ?? 0), 0);
  const exporter = useExport();
  return (
    <div className="stack" data-testid="plan-result">
      <p>
        <strong>
          {plan.chosen.length} creators, {whole(posts)} posts for {money(cur, plan.total_cost)} of {money(cur, plan.budget)}:{" "}
          {ranged(plan.total_value, plan.total_value_low, plan.total_value_high)} {plan.unit}
        </strong>
        {plan.optimal ? null : <Badge tone="watch">not proven optimal</Badge>}
      </p>
      <p className="muted small">The next 1,000 of budget adds about {whole(plan.marginal_value_per_1000)} {plan.unit}.</p>
      {plan.binding_constraints.length > 0 ? (
        <ul className="small" aria-label="What binds">
          {plan.binding_constraints.map((b) => (
            <li key={b.constraint}>{b.detail}</li>
          ))}
        </ul>
      ) : null}
      {plan.notes.map((n) => (
        <p key={n} className="muted small">
          {n}
        </p>
      ))}
      <h3 className="card-subtitle">Plans compared</h3>
      <div className="table-wrap">
        <table className="table" data-testid="plan-comparison">
          <thead>
            <tr>
              <th>Plan</th>
              <th className="num">Creators</th>
              <th className="num">Posts</th>
              <th className="num">Cost</th>
              <th className="num">{humanize(plan.unit)}</th>
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            {plan.comparison.map((c) => (
              <CompareRow key={`${c.kind}:${c.name}`} row={c} currency={cur} shortlist={shortlist} />
            ))}
          </tbody>
        </table>
      </div>
      <h3 className="card-subtitle">Budget and value by tier</h3>
      <TierChart tiers={plan.tiers} totalCost={plan.total_cost} totalValue={plan.total_value} unit={plan.unit} />
      <h3 className="card-subtitle">Creators bought</h3>
      <div className="table-wrap">
        <table className="table" data-testid="plan-picks">
          <thead>
            <tr>
              <th>Creator</th>
              <th>Tier</th>
              <th className="num">Posts</th>
              <th className="num">Cost</th>
              <th>Fee</th>
              <th className="num">Value (range)</th>
            </tr>
          </thead>
          <tbody>
            {plan.chosen.map((p) => (
              <tr key={p.creator_id ?? p.handle}>
                <td>@{p.handle}</td>
                <td>{p.tier ? humanize(p.tier) : MISSING}</td>
                <td className="num">{whole(p.posts)}</td>
                <td className="num">{money(cur, p.cost)}</td>
                <td>{p.fee_source}</td>
                <td className="num">{ranged(p.value, p.value_low, p.value_high)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details>
        <summary>Assumptions and their sources</summary>
        <ul className="small">
          {plan.assumptions.map((a) => (
            <li key={a.what}>
              <strong>{a.what}</strong>: {a.value} <span className="muted">— {a.source}</span>
            </li>
          ))}
        </ul>
      </details>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (saveName.trim() !== "") onSave();
        }}
      >
        <input aria-label="Plan name" placeholder="Name to save this plan" value={saveName} onChange={(e) => setSaveName(e.target.value)} />
        <Button type="submit" icon="check" busy={busy} disabled={saveName.trim() === ""}>
          Save plan
        </Button>
        {saved ? <span className="small ok-text">Saved as “{saved}”</span> : null}
        {saved ? (
          <Button
            icon="file"
            busy={exporter.running === "pdf"}
            onClick={() => void exporter.run("pdf", `${slug(shortlist)}-${slug(saved)}.pdf`, (path) => api.reportPdfWithPlan(shortlist, plan.brief, saved, path))}
          >
            Export PDF with this plan
          </Button>
        ) : null}
      </form>
      <ExportStatus state={exporter} />
    </div>
  );
}

function CompareRow({ row, currency, shortlist }: { row: PlanSummaryView; currency: string; shortlist: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <tr>
        <td>
          {row.name} {row.status ? <Badge tone={row.status === "running" ? "accent" : "neutral"}>{row.status}</Badge> : null}
        </td>
        <td className="num">{whole(row.creators)}</td>
        <td className="num">{whole(row.posts)}</td>
        <td className="num">{money(currency, row.total_cost)}</td>
        <td className="num">{ranged(row.total_value, row.total_value_low, row.total_value_high)}</td>
        <td className="small muted">
          {row.note ?? ""}
          {row.kind === "saved" ? (
            <Button size="sm" variant="ghost" onClick={() => setOpen(!open)}>
              {row.status === "running" ? "Results" : "Start campaign"}
            </Button>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={6}>{row.status === "running" ? <CampaignResults shortlist={shortlist} plan={row.name} currency={currency} /> : <StartCampaign shortlist={shortlist} plan={row.name} />}</td>
        </tr>
      ) : null}
    </>
  );
}

function StartCampaign({ shortlist, plan }: { shortlist: string; plan: string }) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [brand, setBrand] = useState("");
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setError(null);
    try {
      await api.startCampaign(shortlist, plan, { starts: from, ends: to, names: brand.trim() === "" ? [] : [brand.trim()], handles: [], hashtags: [] });
      setDone(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  if (done) return <p className="small ok-text">“{plan}” is running from {from} to {to}. Refresh its creators to find their posts.</p>;
  return (
    <form
      className="inline-form"
      aria-label={`Start ${plan}`}
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <input aria-label="From" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      <input aria-label="To" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      <input aria-label="Brand name" placeholder="Brand name in posts" value={brand} onChange={(e) => setBrand(e.target.value)} />
      <Button type="submit" size="sm" icon="chevronRight">
        Start
      </Button>
      {error ? <span className="small error-text">{error}</span> : null}
    </form>
  );
}

function CampaignResults({ shortlist, plan, currency }: { shortlist: string; plan: string; currency: string }) {
  const [rows, setRows] = useState<CreatorResultView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api
      .campaignResults(shortlist, plan)
      .then((r) => {
        if (live) setRows(r);
      })
      .catch((err: unknown) => {
        if (live) setError(errorMessage(err));
      });
    return () => {
      live = false;
    };
  }, [shortlist, plan]);
  if (error) return <ErrorBanner message={error} />;
  if (rows === null) return <Loading label="Reading results…" />;
  const cpe = (n: number | null) => (n === null ? MISSING : `${currency} ${n.toFixed(2)}`);
  return (
    <table className="table" data-testid="campaign-results">
      <thead>
        <tr>
          <th>Creator</th>
          <th className="num">Planned</th>
          <th className="num">Delivered</th>
          <th className="num">Views</th>
          <th className="num">Engagements</th>
          <th className="num">Authentic (range)</th>
          <th className="num">CPE real / plan</th>
          <th>Deliverables</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.handle}>
            <td>@{r.handle}</td>
            <td className="num">{whole(r.planned_posts)}</td>
            <td className="num">{whole(r.delivered_posts)}</td>
            <td className="num">{formatCount(r.views)}</td>
            <td className="num">{whole(r.engagements)}</td>
            <td className="num">{ranged(r.authentic_engagements, r.authentic_low, r.authentic_high)}</td>
            <td className="num">
              {cpe(r.realised_cpe)} / {cpe(r.planned_cpe)}
            </td>
            <td className="small">
              {r.deliverables.length === 0
                ? "none found yet"
                : r.deliverables.map((d) => (
                    <div key={d.post_id}>
                      {d.date.slice(0, 10)} “{d.excerpt}” · {d.found_by.join("; ")} ·{" "}
                      {d.disclosed ? <span className="ok-text">disclosed</span> : <span className="error-text">{d.breaches.join("; ")}</span>}
                    </div>
                  ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Two bars per tier: its share of the plan's budget and of its value (whisker: low–high). */
export function TierChart({ tiers, totalCost, totalValue, unit }: { tiers: PlanTierView[]; totalCost: number | null; totalValue: number | null; unit: string }) {
  if (tiers.length === 0) return <p className="muted small">The plan buys no posts.</p>;
  const w = 80 * tiers.length + 20;
  const h = 120;
  const top = Math.max(0.05, ...tiers.flatMap((t) => [share(t.cost, totalCost), share(t.value_high, totalValue)]));
  const y = (f: number) => h - (Math.min(f, top) / top) * (h - 14);
  return (
    <svg role="img" aria-label={`Share of budget and of ${unit} by tier`} width={w} height={h + 18} className="tier-chart">
      {tiers.map((t, i) => {
        const x = 20 + i * 80;
        const c = share(t.cost, totalCost);
        const v = share(t.value, totalValue);
        const lo = share(t.value_low, totalValue);
        const hi = share(t.value_high, totalValue);
        return (
          <g key={t.tier} data-testid={`tier-${t.tier}`}>
            <rect x={x} y={y(c)} width={24} height={h - y(c)} fill="var(--navy, #1d3557)">
              <title>{`${humanize(t.tier)}: ${Math.round(c * 100)}% of the budget`}</title>
            </rect>
            <rect x={x + 26} y={y(v)} width={24} height={h - y(v)} fill="var(--accent, #3a6ea5)" opacity={0.6}>
              <title>{`${humanize(t.tier)}: ${Math.round(v * 100)}% of the ${unit}`}</title>
            </rect>
            <line x1={x + 38} x2={x + 38} y1={y(hi)} y2={y(lo)} stroke="currentColor" />
            <text x={x} y={y(c) - 2} fontSize={9}>
              {Math.round(c * 100)}%
            </text>
            <text x={x + 26} y={Math.min(y(v), y(hi)) - 2} fontSize={9}>
              {Math.round(v * 100)}%
            </text>
            <text x={x + 25} y={h + 12} fontSize={10} textAnchor="middle">
              {humanize(t.tier)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
