// Settings cards over the workspace's data: backup and restore to one file (native save
// and open dialogs; a restore checks the file first and keeps the old state aside), the
// benchmark table the checks compare with and the per-source request limits, both as the
// façade reports them from core's data and the HTTP client's configuration.

import { useState } from "react";
import { api, errorMessage, type BackupView, type PlatformBenchmarkView, type RestoreView } from "../ipc";
import { Button, Card, ErrorBanner, Loading } from "../components/ui";
import { formatCount, formatNumber, formatPercent, humanize, rateBasisWords } from "../lib/format";
import { useLoad } from "../useLoad";
import { useWorkspace } from "../workspace";
import "./SettingsData.css";

const BACKUP_FILTER = { name: "Scout workspace backup", extensions: ["scoutdb", "db"] };

export function BackupCard() {
  const { dataChanged, refreshBriefs } = useWorkspace();
  const [busy, setBusy] = useState<"backup" | "restore" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [backedUp, setBackedUp] = useState<BackupView | null>(null);
  const [restoring, setRestoring] = useState<string | null>(null); // chosen file, awaiting confirmation
  const [restored, setRestored] = useState<RestoreView | null>(null);

  const backup = async () => {
    setError(null);
    setRestored(null);
    try {
      const today = new Date().toISOString().slice(0, 10);
      const path = await api.chooseSavePath({ title: "Back up the workspace", defaultPath: `scout-backup-${today}.scoutdb`, filter: BACKUP_FILTER });
      if (!path) return;
      setBusy("backup");
      setBackedUp(await api.backupWorkspace(path));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const chooseRestore = async () => {
    setError(null);
    setBackedUp(null);
    setRestored(null);
    try {
      const path = await api.chooseOpenPath({ title: "Restore the workspace from a backup", filter: BACKUP_FILTER });
      if (path) setRestoring(path);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const restore = async (path: string) => {
    setBusy("restore");
    setError(null);
    try {
      const r = await api.restoreWorkspace(path);
      setRestored(r);
      setRestoring(null);
      dataChanged();
      await refreshBriefs();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title="Backup and restore" actions={<span className="muted small">the whole workspace in one file</span>}>
      <p className="muted small">A backup holds every creator, snapshot, shortlist, brief, plan and setting (API keys stay in the system keychain). Restoring checks the file first and keeps the current workspace aside in the data folder, so nothing is lost.</p>
      <div className="row-gap">
        <Button icon="download" busy={busy === "backup"} onClick={() => void backup()}>
          Back up…
        </Button>
        <Button icon="undo" busy={busy === "restore" && restoring === null} disabled={busy !== null} onClick={() => void chooseRestore()}>
          Restore…
        </Button>
      </div>
      {restoring ? (
        <div className="banner banner-watch" role="alert" data-testid="restore-confirm">
          <span className="banner-text">
            Replace this workspace with <code>{restoring}</code>? The current one is kept aside first.
          </span>
          <Button size="sm" variant="danger" busy={busy === "restore"} onClick={() => void restore(restoring)}>
            Restore
          </Button>
          <Button size="sm" variant="ghost" disabled={busy === "restore"} onClick={() => setRestoring(null)}>
            Cancel
          </Button>
        </div>
      ) : null}
      {backedUp ? (
        <div className="banner banner-ok" role="status" data-testid="backup-done">
          <span className="banner-text">
            Backed up to <code>{backedUp.path}</code> ({formatNumber((backedUp.bytes ?? 0) / 1_000_000, 1)} MB, schema v{backedUp.schema_version}).
          </span>
          <Button size="sm" variant="ghost" icon="folder" onClick={() => void api.revealPath(backedUp.path).catch((err: unknown) => setError(errorMessage(err)))}>
            Show in folder
          </Button>
        </div>
      ) : null}
      {restored ? (
        <div className="banner banner-ok" role="status" data-testid="restore-done">
          <span className="banner-text">
            Restored from <code>{restored.restored_from}</code>: {formatCount(restored.info.creators)} creators. The workspace as it was is kept at <code>{restored.kept_aside}</code>.
          </span>
        </div>
      ) : null}
      {error ? <ErrorBanner message={error} /> : null}
    </Card>
  );
}

function BenchmarkRows({ table, rate }: { table: PlatformBenchmarkView[]; rate: boolean }) {
  const tiers = ["nano", "micro", "mid", "macro", "mega"] as const;
  return (
    // A focus stop of its own: on a narrow window the table scrolls sideways, and the
    // keyboard must be able to scroll it too.
    <div className="table-wrap" tabIndex={0} role="region" aria-label={rate ? "Engagement rate benchmarks" : "Views per follower benchmarks"}>
      <table className="table settings-bench">
        <thead>
          <tr>
            <th scope="col">Platform</th>
            {rate ? <th scope="col">Measured</th> : null}
            {tiers.map((t) => (
              <th key={t} scope="col" className="num">
                {humanize(t)}
              </th>
            ))}
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {table.map((p) => (
            <tr key={p.platform}>
              <th scope="row">{humanize(p.platform)}</th>
              {rate ? <td className="small">{rateBasisWords(p.basis, p.statistic, p.platform, "followers")}</td> : null}
              {tiers.map((t) => {
                const b = p.tiers.find((x) => x.tier === t);
                return (
                  <td key={t} className="num nowrap" title={b && b.typical_low !== null && b.typical_high !== null ? `typical ${formatPercent(b.typical_low)}–${formatPercent(b.typical_high)}` : undefined}>
                    {b ? `${formatPercent(b.low)}–${formatPercent(b.high)}` : <span className="muted">none</span>}
                  </td>
                );
              })}
              <td className="small" title={p.source}>
                {p.cite}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BenchmarksCard() {
  const table = useLoad(() => api.benchmarkTable(), []);
  const t = table.data;
  return (
    <Card title="Benchmarks" actions={t ? <span className="muted small">table {t.version}</span> : null}>
      {table.error ? <ErrorBanner message={table.error} onRetry={() => void table.reload()} /> : null}
      {!t ? (
        table.error ? null : <Loading />
      ) : (
        <>
          <p className="muted small">
            The ordinary range of each figure per platform and tier, which every check compares with.{" "}
            {t.user_file ? (
              <>
                Your edited copy is in force: <code>{t.user_file}</code>.
              </>
            ) : (
              <>The shipped table is in force; `scout benchmarks` shows where an edited copy goes.</>
            )}
          </p>
          <h3 className="settings-sub">Engagement rate</h3>
          <BenchmarkRows table={t.engagement_rate} rate />
          {t.views_to_followers.length > 0 ? (
            <>
              <h3 className="settings-sub">Views per follower</h3>
              <BenchmarkRows table={t.views_to_followers} rate={false} />
            </>
          ) : null}
        </>
      )}
    </Card>
  );
}

export function RateLimitsCard() {
  const limits = useLoad(() => api.rateLimits(), []);
  return (
    <Card title="Request limits" actions={<span className="muted small">per source host, at or below what each documents</span>}>
      {limits.error ? <ErrorBanner message={limits.error} onRetry={() => void limits.reload()} /> : null}
      {!limits.data ? (
        limits.error ? null : <Loading />
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Request limits per host">
          <table className="table settings-limits">
            <thead>
              <tr>
                <th scope="col">Host</th>
                <th scope="col" className="num">
                  Requests / second
                </th>
                <th scope="col" className="num">
                  Burst
                </th>
              </tr>
            </thead>
            <tbody>
              {limits.data.map((l) => (
                <tr key={l.host}>
                  <td>{l.host === "*" ? <span>Any other host <span className="muted">(Mastodon instances, link-in-bio pages)</span></span> : <code>{l.host}</code>}</td>
                  <td className="num">{l.per_second}</td>
                  <td className="num">{l.burst}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
