// Settings: where the data lives (open it in the file manager), backup and restore, the team
// server, the demo workspace, tier bounds, the benchmark table and request limits in force,
// and API keys (stored in the OS keychain; the app only ever shows whether a key is set).

import { useEffect, useState } from "react";
import { api, errorMessage, type KeyStatus, type TierBoundsView } from "../ipc";
import { Badge, Button, Card, ErrorBanner, Field, Loading, PageHeader } from "../components/ui";
import { formatCount, formatExact } from "../lib/format";
import { useLoad } from "../useLoad";
import { useWorkspace } from "../workspace";
import { useJobs } from "../components/Jobs";
import { TeamCard } from "../components/Team";
import { BackupCard, BenchmarksCard, RateLimitsCard } from "./SettingsData";

export function SettingsPage() {
  return (
    <div className="page narrow">
      <PageHeader title="Settings" />
      <WorkspaceCard />
      <BackupCard />
      <TeamCard />
      <RefreshCard />
      <ReportAuthorCard />
      <TierBoundsCard />
      <BenchmarksCard />
      <RateLimitsCard />
      <KeysCard />
    </div>
  );
}

function WorkspaceCard() {
  const { info, infoError, dataChanged } = useWorkspace();
  const [busy, setBusy] = useState<"load" | "clear" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (kind: "load" | "clear") => {
    setBusy(kind);
    setError(null);
    try {
      if (kind === "load") await api.loadDemo();
      else await api.clearDemo();
      dataChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card title="Workspace">
      {infoError ? <ErrorBanner message={infoError} /> : null}
      {info ? (
        <dl className="facts">
          <dt>Data folder</dt>
          <dd>
            <div className="row-gap">
              <code data-testid="data-dir">{info.data_dir}</code>
              <Button size="sm" variant="ghost" icon="folder" onClick={() => void api.openPath(info.data_dir).catch((err: unknown) => setError(errorMessage(err)))}>
                Open in file manager
              </Button>
            </div>
            <div className="muted small">Set SCOUT_DATA_DIR before starting Scout to use another folder (the CLI reads the same one).</div>
          </dd>
          <dt>Creators</dt>
          <dd>{formatExact(info.creators)}</dd>
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>Demo data</dt>
          <dd className="row-gap">
            {info.has_demo ? (
              <>
                <Badge tone="demo">loaded</Badge>
                <Button size="sm" busy={busy === "clear"} onClick={() => void run("clear")}>
                  Clear demo creators
                </Button>
              </>
            ) : (
              <>
                <span className="muted">none</span>
                <Button size="sm" icon="sparkles" busy={busy === "load"} onClick={() => void run("load")}>
                  Load demo workspace
                </Button>
              </>
            )}
          </dd>
        </dl>
      ) : (
        <Loading />
      )}
      {error ? <ErrorBanner message={error} /> : null}
    </Card>
  );
}

const TIERS: Array<{ key: keyof TierBoundsView; label: string }> = [
  { key: "micro", label: "Micro from" },
  { key: "mid", label: "Mid from" },
  { key: "macro_", label: "Macro from" },
  { key: "mega", label: "Mega from" },
];

/** "Prepared by" on the PDF cover: stored in this workspace. */
function ReportAuthorCard() {
  const stored = useLoad(() => api.reportAuthor(), []);
  const [name, setName] = useState("");
  const [agency, setAgency] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (stored.data) {
      setName(stored.data.name);
      setAgency(stored.data.agency);
    }
  }, [stored.data]);
  const save = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const saved = await api.setReportAuthor({ name, agency });
      stored.setData(saved);
      setMessage({ ok: true, text: "Saved. New PDF reports say who prepared them." });
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="Reports" actions={<span className="muted small">printed on the PDF cover as “Prepared by”</span>}>
      {stored.error ? <ErrorBanner message={stored.error} onRetry={() => void stored.reload()} /> : null}
      <div className="tier-grid">
        <Field label="Your name" htmlFor="author-name">
          <input id="author-name" value={name} placeholder="e.g. Mara Keller" onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Agency" htmlFor="author-agency">
          <input id="author-agency" value={agency} placeholder="e.g. Northlight Talent" onChange={(e) => setAgency(e.target.value)} />
        </Field>
      </div>
      <div className="row-gap end">
        {message ? <span className={message.ok ? "small ok-text" : "small error-text"}>{message.text}</span> : null}
        <Button variant="primary" busy={busy} onClick={() => void save()}>
          Save
        </Button>
      </div>
    </Card>
  );
}

function TierBoundsCard() {
  const { dataChanged } = useWorkspace();
  const bounds = useLoad(() => api.tierBounds(), []);
  const [draft, setDraft] = useState<Record<keyof TierBoundsView, string> | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    if (bounds.data) setDraft({ micro: String(bounds.data.micro), mid: String(bounds.data.mid), macro_: String(bounds.data.macro_), mega: String(bounds.data.mega) });
  }, [bounds.data]);

  const parsed = draft ? TIERS.map((t) => Number(draft[t.key])) : [];
  const valid = parsed.length === 4 && parsed.every((n) => Number.isInteger(n) && n > 0) && parsed.every((n, i) => i === 0 || n > parsed[i - 1]!);

  const save = async () => {
    if (!draft || !valid) return;
    setBusy(true);
    setMessage(null);
    try {
      const next: TierBoundsView = { micro: parsed[0]!, mid: parsed[1]!, macro_: parsed[2]!, mega: parsed[3]! };
      await api.setTierBounds(next);
      bounds.setData(next);
      setMessage({ ok: true, text: "Saved. Tiers use the new bounds from now on." });
      dataChanged();
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Tier bounds" actions={<span className="muted small">followers or subscribers</span>}>
      {bounds.error ? <ErrorBanner message={bounds.error} onRetry={() => void bounds.reload()} /> : null}
      {draft ? (
        <>
          <div className="tier-grid">
            {TIERS.map((t) => (
              <Field key={t.key} label={t.label} htmlFor={`tier-${t.key}`} hint={Number.isFinite(Number(draft[t.key])) ? formatCount(Number(draft[t.key])) : "not a number"}>
                <input id={`tier-${t.key}`} type="number" min={1} step={1} value={draft[t.key]} onChange={(e) => setDraft({ ...draft, [t.key]: e.target.value })} />
              </Field>
            ))}
          </div>
          {!valid ? <div className="small error-text">Each bound must be a whole number, larger than the one before it.</div> : null}
          <div className="row-gap end">
            {message ? <span className={message.ok ? "small ok-text" : "small error-text"}>{message.text}</span> : null}
            <Button variant="primary" busy={busy} disabled={!valid} onClick={() => void save()}>
              Save bounds
            </Button>
          </div>
        </>
      ) : bounds.loading ? (
        <Loading />
      ) : null}
    </Card>
  );
}

function KeysCard() {
  const keys = useLoad(() => api.keyStatus(), []);
  return (
    <Card title="API keys" actions={<span className="muted small">kept in the system keychain</span>}>
      <p className="muted small">Scout works without keys from public pages and open APIs. A key makes some sources faster or more complete. A saved key is never shown again.</p>
      {keys.error ? <ErrorBanner message={keys.error} onRetry={() => void keys.reload()} /> : null}
      {keys.loading && keys.data === null ? <Loading /> : null}
      <ul className="keys">
        {(keys.data ?? []).map((k) => (
          <KeyRow key={k.name} k={k} onChanged={() => void keys.reload()} />
        ))}
      </ul>
    </Card>
  );
}

function KeyRow({ k, onChanged }: { k: KeyStatus; onChanged: () => void }) {
  const [secret, setSecret] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (op: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await op();
      setSecret("");
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="key-row" data-testid="key-row">
      <div className="key-info">
        <div className="key-title">
          {k.label} {k.set ? <Badge tone="ok">set</Badge> : <Badge>not set</Badge>}
        </div>
        <div className="muted small">{k.adds}</div>
      </div>
      <form
        className="key-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (secret.trim()) void act(() => api.setKey(k.name, secret));
        }}
      >
        <input type="password" autoComplete="off" aria-label={`${k.label} value`} placeholder={k.set ? "Replace key" : "Paste key"} value={secret} onChange={(e) => setSecret(e.target.value)} />
        <Button type="submit" size="sm" variant="primary" busy={busy} disabled={!secret.trim()}>
          Save
        </Button>
        {k.set ? (
          <Button size="sm" variant="ghost" disabled={busy} onClick={() => void act(() => api.clearKey(k.name))}>
            Clear
          </Button>
        ) : null}
      </form>
      {error ? <div className="small error-text key-error">{error}</div> : null}
    </li>
  );
}

const INTERVALS: Array<{ hours: number | null; label: string }> = [
  { hours: null, label: "Off" },
  { hours: 24, label: "Every day" },
  { hours: 72, label: "Every 3 days" },
  { hours: 168, label: "Every week" },
  { hours: 336, label: "Every 2 weeks" },
  { hours: 720, label: "Every 30 days" },
];

/** Scheduled refresh of shortlisted creators (off by default), and a refresh now. */
function RefreshCard() {
  const { added, setPanelOpen } = useJobs();
  const schedule = useLoad(() => api.refreshSchedule(), []);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = schedule.data?.every_hours ?? null;
  const known = INTERVALS.some((i) => i.hours === current);
  const change = async (value: string) => {
    setError(null);
    try {
      await api.setRefreshSchedule(value === "off" ? null : Number(value));
      await schedule.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const refreshNow = async () => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const job = await api.enqueueRefresh();
      if (job) {
        added(job);
        setPanelOpen(true);
      } else setNote("No shortlisted creators to refresh yet.");
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="Scheduled refresh" actions={<span className="muted small">grows each creator's growth history</span>}>
      {error ? <ErrorBanner message={error} /> : null}
      <Field
        label="Re-vet shortlisted creators"
        htmlFor="refresh-every"
        hint="While Scout is open, shortlisted creators are vetted again on this schedule as a background job, so follower spikes and drops show up without anyone remembering to refresh."
      >
        <select id="refresh-every" value={current === null ? "off" : String(current)} onChange={(e) => void change(e.target.value)} disabled={schedule.loading && !schedule.data}>
          {INTERVALS.map((i) => (
            <option key={i.label} value={i.hours === null ? "off" : String(i.hours)}>
              {i.label}
            </option>
          ))}
          {!known && current !== null ? <option value={String(current)}>Every {current} hours</option> : null}
        </select>
      </Field>
      <div className="row-gap">
        <Button icon="refresh" busy={busy} onClick={() => void refreshNow()}>
          Refresh shortlisted now
        </Button>
        {note ? <span className="muted small">{note}</span> : null}
      </div>
    </Card>
  );
}
