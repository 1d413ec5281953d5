// Team sync in the window: the sync-state indicator in the sidebar (every page), the
// Team card on Settings (join with a server URL and invite code, the state, sync now,
// leave), and a shortlist's activity (who changed what, when). The state comes from
// the workspace context, which the background sync keeps current.

import { useEffect, useState, type FormEvent } from "react";
import { api, errorMessage, IpcFailure, type ActivityEntry, type SyncReport, type TeamStatus } from "../ipc";
import { formatAgo, formatDateTime } from "../lib/format";
import { Link, paths } from "../router";
import { useLoad } from "../useLoad";
import { useWorkspace, VIEWER_REASON } from "../workspace";
import { Badge, Button, Card, ConfirmButton, ErrorBanner, Field, Loading } from "./ui";

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Whether the last sync failed because the server could not be reached (offline). */
function offline(status: TeamStatus): boolean {
  return status.last_error !== null && /cannot be reached|unreachable|error sending request|connect/i.test(status.last_error);
}

/** The last sync's error in plain words, with what it means for the scout. */
export function syncProblem(status: TeamStatus): string | null {
  if (!status.last_error) return null;
  if (offline(status)) {
    const queued = status.pending > 0 ? ` ${plural(status.pending, "edit")} waiting.` : "";
    return `Cannot reach the team server at ${status.server_url ?? "its address"}: you can keep working, edits are queued and go out on the next sync.${queued}`;
  }
  return status.last_error;
}

/** One short line for the sidebar: "Synced 2 min ago", "3 edits waiting", "Offline". */
export function syncLine(status: TeamStatus, now: Date = new Date()): string {
  if (offline(status)) return status.pending > 0 ? `Offline · ${plural(status.pending, "edit")} waiting` : "Offline";
  if (status.last_error) return "Sync problem";
  if (status.pending > 0 && status.can_edit) return `${plural(status.pending, "edit")} waiting`;
  if (!status.last_sync_at) return "Not synced yet";
  return `Synced ${formatAgo(status.last_sync_at, now)}`;
}

/** The sync state, visible from every page; links to Settings → Team. */
export function SyncIndicator() {
  const { team } = useWorkspace();
  // Re-render every half minute so "2 min ago" stays true.
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  if (!team?.joined) return null;
  const tone = team.last_error ? "watch" : team.pending > 0 ? "info" : "ok";
  return (
    <Link href={paths.settings()} className="sync-indicator" title={syncProblem(team) ?? `Team workspace ${team.workspace ?? ""} on ${team.server_url ?? ""}`}>
      <span role="status" aria-live="polite" data-testid="sync-indicator">
        <Badge tone={tone}>{syncLine(team, now)}</Badge>
      </span>
    </Link>
  );
}

function reportWords(r: SyncReport): string {
  const parts = [`sent ${plural(r.pushed, "edit")}`, `received ${plural(r.pulled, "change")}`];
  if (r.snapshots > 0) parts.push(`${plural(r.snapshots, "snapshot")} from colleagues`);
  return `Synced: ${parts.join(", ")}.`;
}

/** Settings → Team. */
export function TeamCard() {
  const { team, setTeam, refreshTeam, dataChanged } = useWorkspace();
  useEffect(() => {
    void refreshTeam();
  }, [refreshTeam]);
  return (
    <Card title="Team" actions={<span className="muted small">share shortlists through your team’s server</span>}>
      {team === null ? <Loading /> : team.joined ? <Joined status={team} setTeam={setTeam} refreshTeam={refreshTeam} dataChanged={dataChanged} /> : <JoinForm setTeam={setTeam} dataChanged={dataChanged} />}
    </Card>
  );
}

function JoinForm({ setTeam, dataChanged }: { setTeam: (s: TeamStatus) => void; dataChanged: () => void }) {
  const [url, setUrl] = useState("");
  const [code, setCode] = useState("");
  const [device, setDevice] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const join = async (e: FormEvent) => {
    e.preventDefault();
    if (!url.trim() || !code.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const status = await api.teamJoin(url.trim(), code.trim(), device.trim() || null);
      setTeam(status);
      setCode("");
      dataChanged();
    } catch (err) {
      setError(err instanceof IpcFailure && err.code === "team.unreachable" ? `Cannot reach the team server at ${url.trim()}: check the address and your connection, then try again.` : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void join(e)} aria-label="Join a team">
      <p className="muted small">
        Ask your team lead for the server address and a one-use invite code. Your shortlists, briefs and snapshots are shared with the team; the device token is kept in the system keychain. Everything keeps working offline.
      </p>
      <div className="tier-grid">
        <Field label="Server URL" htmlFor="team-url">
          <input id="team-url" type="url" value={url} placeholder="https://team.example.com:8443" autoComplete="url" onChange={(e) => setUrl(e.target.value)} />
        </Field>
        <Field label="Invite code" htmlFor="team-code">
          <input id="team-code" value={code} autoComplete="off" spellCheck={false} onChange={(e) => setCode(e.target.value)} />
        </Field>
        <Field label="Your name for the team (optional)" htmlFor="team-device">
          <input id="team-device" value={device} placeholder="e.g. Ana" onChange={(e) => setDevice(e.target.value)} />
        </Field>
      </div>
      {error ? <ErrorBanner message={error} /> : null}
      <div className="row-gap end">
        <Button type="submit" variant="primary" busy={busy} disabled={!url.trim() || !code.trim()}>
          Join team
        </Button>
      </div>
    </form>
  );
}

const ROLE_WORDS: Record<string, string> = {
  admin: "Admin — invites and revokes devices, edits everything",
  scout: "Scout — edits shortlists, briefs and vetting",
  viewer: "Viewer — reads only",
};

function Joined({ status, setTeam, refreshTeam, dataChanged }: { status: TeamStatus; setTeam: (s: TeamStatus) => void; refreshTeam: () => Promise<void>; dataChanged: () => void }) {
  const [busy, setBusy] = useState<"sync" | "leave" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [rejected, setRejected] = useState<string[]>([]);
  const problem = syncProblem(status);
  const syncNow = async () => {
    setBusy("sync");
    setError(null);
    setNote(null);
    setRejected([]);
    try {
      const report = await api.teamSync();
      setNote(reportWords(report));
      setRejected(report.rejected);
      if (report.pulled > 0) dataChanged();
    } catch {
      // The failure is recorded in the state, shown below in plain words.
    } finally {
      await refreshTeam();
      setBusy(null);
    }
  };
  const leave = async () => {
    setBusy("leave");
    setError(null);
    try {
      setTeam(await api.teamLeave());
      dataChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <dl className="facts" data-testid="team-facts">
        <dt>Server</dt>
        <dd>
          <code>{status.server_url}</code>
        </dd>
        <dt>Team workspace</dt>
        <dd>{status.workspace}</dd>
        <dt>Role</dt>
        <dd>{ROLE_WORDS[status.role ?? ""] ?? status.role}</dd>
        <dt>This device</dt>
        <dd>{status.device_name}</dd>
        <dt>Last sync</dt>
        <dd>{status.last_sync_at ? `${formatAgo(status.last_sync_at)} (${formatDateTime(status.last_sync_at)})` : "not yet"}</dd>
        <dt>Queued edits</dt>
        <dd data-testid="team-pending">{status.pending === 0 ? "none — everything is sent" : `${plural(status.pending, "edit")} waiting to be sent`}</dd>
        <dt>Shared</dt>
        <dd>
          {plural(status.applied, "change")} received · {plural(status.shared_snapshots, "snapshot")} shared
        </dd>
        <dt>Token</dt>
        <dd className="muted small">in the system keychain ({status.keychain_entry})</dd>
      </dl>
      {!status.can_edit ? <p className="small muted">{VIEWER_REASON}</p> : null}
      {problem ? (
        <div className="banner banner-watch" role="alert" data-testid="team-problem">
          {problem}
        </div>
      ) : null}
      {error ? <ErrorBanner message={error} /> : null}
      {rejected.length > 0 ? (
        <div className="small error-text">
          The server refused {plural(rejected.length, "edit")} (undone here):
          <ul>
            {rejected.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="row-gap end">
        {note ? <span className="small ok-text">{note}</span> : null}
        <Button icon="refresh" busy={busy === "sync"} disabled={busy !== null} onClick={() => void syncNow()}>
          Sync now
        </Button>
        <ConfirmButton label="Leave team" confirmLabel="Leave the team? Local data stays" busy={busy === "leave"} onConfirm={() => void leave()} />
      </div>
    </>
  );
}

/** "Ana moved @x to approved", from one activity line (the façade's words, with the creator). */
export function activityWords(e: ActivityEntry): string {
  const who = e.creator ? `@${e.creator}` : null;
  switch (e.field) {
    case "member":
      return who ? `${e.summary} ${who}` : e.summary;
    case "status":
      return who ? `moved ${who} to ${e.summary.replace(/^status → /, "")}` : e.summary;
    case "note":
    case "tags":
      return who ? `${e.summary} (on ${who})` : e.summary;
    default:
      return e.summary;
  }
}

/** Who changed what on one shortlist, newest first; shown when the workspace syncs with a team. */
export function ActivityCard({ shortlist }: { shortlist: string }) {
  const { team, dataVersion } = useWorkspace();
  const joined = team?.joined ?? false;
  const activity = useLoad(() => (joined ? api.shortlistActivity(shortlist) : Promise.resolve([] as ActivityEntry[])), [shortlist, joined, dataVersion, team?.cursor, team?.pending]);
  if (!joined) return null;
  const rows = activity.data ?? [];
  return (
    <Card title="Activity" actions={<span className="muted small">who changed what, from the team’s log</span>}>
      {activity.error ? <ErrorBanner message={activity.error} onRetry={() => void activity.reload()} /> : null}
      {activity.loading && activity.data === null ? <Loading /> : null}
      {activity.data !== null && rows.length === 0 ? <p className="muted small">No changes yet.</p> : null}
      <ul className="activity" aria-label={`Activity on ${shortlist}`}>
        {rows.map((e, i) => (
          <li key={`${e.at}-${i}`} data-testid="activity-row">
            <strong>{e.author}</strong> {activityWords(e)}{" "}
            <span className="muted small" title={formatDateTime(e.at)}>
              · {formatAgo(e.at)}
            </span>{" "}
            {e.pending ? <Badge tone="info">waiting to send</Badge> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
