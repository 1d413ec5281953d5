// Shortlists: create one (optionally for a client), add creators, set each entry's
// status and note, remove entries, export the list as CSV or a PDF report.

import { useMemo, useState, type FormEvent } from "react";
import { api, errorMessage, type ShortlistDetail, type ShortlistEntryView, type ShortlistStatus } from "../ipc";
import { Avatar } from "../components/Avatar";
import { ExportStatus, slug, useExport } from "../components/Export";
import { Icon } from "../components/Icon";
import { PlatformIcon } from "../components/PlatformIcon";
import { PlanPanel } from "./Plan";
import { Score } from "../components/Score";
import { Badge, Button, Card, ConfirmButton, EmptyState, ErrorBanner, Field, Loading, PageHeader } from "../components/ui";
import { creatorQuery, displayName } from "../lib/creators";
import { formatCount, formatDate, formatPercent } from "../lib/format";
import { Link, navigate, paths } from "../router";
import { useLoad } from "../useLoad";
import { ActivityCard } from "../components/Team";
import { useWorkspace, VIEWER_REASON } from "../workspace";
import { ShortlistBoard } from "./ShortlistBoard";

export const STATUSES = ["candidate", "vetting", "approved", "rejected"] as const;

export function ShortlistsPage({ selected }: { selected: string | null }) {
  const lists = useLoad(() => api.listShortlists(), []);
  const current = selected ?? lists.data?.[0]?.name ?? null;

  return (
    <div className="page">
      <PageHeader title="Shortlists" subtitle="Group creators for a campaign or a client, track their status, export for the client." />
      {lists.error ? <ErrorBanner message={lists.error} onRetry={() => void lists.reload()} /> : null}
      <div className="split split-shortlists">
        <aside className="split-side">
          <NewShortlist onCreated={(name) => void lists.reload().then(() => navigate(paths.shortlists(name)))} />
          {lists.loading && lists.data === null ? <Loading /> : null}
          <ul className="side-list" aria-label="Shortlists">
            {(lists.data ?? []).map((l) => (
              <li key={l.id}>
                <Link href={paths.shortlists(l.name)} className={`side-item ${l.name === current ? "active" : ""}`}>
                  <span className="side-item-title">{l.name}</span>
                  <span className="side-item-sub">
                    {l.client ? `${l.client} · ` : ""}
                    {l.entries} creator{l.entries === 1 ? "" : "s"}
                    {(l.approved ?? 0) > 0 ? ` · ${l.approved} approved` : ""}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </aside>
        <div className="split-main">
          {current ? (
            <ShortlistView
              key={current}
              name={current}
              onChanged={() => void lists.reload()}
              onDeleted={() => {
                void lists.reload();
                navigate(paths.shortlists());
              }}
            />
          ) : lists.data !== null ? (
            <EmptyState icon="list" title="No shortlists yet">
              Name one under “New shortlist”, then add creators to it here, from the Creators table or from a creator’s page.
            </EmptyState>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function NewShortlist({ onCreated }: { onCreated: (name: string) => void }) {
  const { canEdit } = useWorkspace();
  const [name, setName] = useState("");
  const [client, setClient] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const created = await api.createShortlist(name.trim(), client.trim() || null);
      setName("");
      setClient("");
      onCreated(created.name);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card new-list" onSubmit={(e) => void create(e)}>
      <h2 className="card-title">New shortlist</h2>
      <input aria-label="Shortlist name" placeholder="Name, e.g. Spring launch" value={name} disabled={!canEdit} onChange={(e) => setName(e.target.value)} />
      <input aria-label="Client (optional)" placeholder="Client (optional)" value={client} disabled={!canEdit} onChange={(e) => setClient(e.target.value)} />
      <Button type="submit" variant="primary" icon="plus" busy={busy} disabled={!name.trim() || !canEdit} title={canEdit ? undefined : VIEWER_REASON}>
        Create
      </Button>
      {!canEdit ? <div className="small muted">{VIEWER_REASON}</div> : null}
      {error ? <div className="small error-text">{error}</div> : null}
    </form>
  );
}

function ShortlistView({ name, onChanged, onDeleted }: { name: string; onChanged: () => void; onDeleted: () => void }) {
  const { brief, dataVersion, canEdit } = useWorkspace();
  const detail = useLoad(() => api.getShortlist(name), [name, dataVersion]);
  const exporter = useExport();
  const [error, setError] = useState<string | null>(null);
  // The entry just removed, with its status and note, until Undo or the next removal.
  const [removed, setRemoved] = useState<ShortlistEntryView | null>(null);
  const [layout, setLayout] = useState<"list" | "board">("list");

  if (detail.loading && detail.data === null) return <Loading />;
  if (detail.data === null) return <ErrorBanner message={detail.error ?? "This shortlist could not be loaded."} onRetry={() => void detail.reload()} />;
  const d = detail.data;
  const showFit = d.entries.some((e) => e.creator.fit !== null);

  const act = async (op: () => Promise<unknown>, update?: (d: ShortlistDetail) => ShortlistDetail) => {
    setError(null);
    try {
      await op();
      if (update) detail.setData(update(d));
      else await detail.reload();
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
      await detail.reload();
    }
  };

  const setStatus = (entry: ShortlistEntryView, status: ShortlistStatus) =>
    act(
      () => api.setEntryStatus(name, entry.creator.id, status),
      (cur) => ({ ...cur, entries: cur.entries.map((e) => (e.creator.id === entry.creator.id ? { ...e, status } : e)) }),
    );

  // The board's move: the same status change, but a failure is also thrown back so the
  // board can announce it (the error banner shows it too).
  const setStatusStrict = async (entry: ShortlistEntryView, status: ShortlistStatus) => {
    setError(null);
    try {
      await api.setEntryStatus(name, entry.creator.id, status);
      detail.setData({ ...d, entries: d.entries.map((e) => (e.creator.id === entry.creator.id ? { ...e, status } : e)) });
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
      await detail.reload();
      throw err;
    }
  };

  const remove = async (entry: ShortlistEntryView) => {
    await act(() => api.removeFromShortlist(name, entry.creator.id));
    setRemoved(entry);
  };

  const undoRemove = async (entry: ShortlistEntryView) => {
    setRemoved(null);
    await act(async () => {
      await api.addToShortlist(name, [entry.creator.id]);
      if (entry.status !== "candidate") await api.setEntryStatus(name, entry.creator.id, entry.status);
      if (entry.note) await api.setEntryNote(name, entry.creator.id, entry.note);
    });
  };

  const del = async () => {
    setError(null);
    try {
      await api.deleteShortlist(name);
      onDeleted();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="stack">
      {removed ? (
        <div className="toast" role="status" data-testid="undo-toast">
          <span>
            Removed @{removed.creator.handle} from {d.summary.name}.
          </span>
          <Button size="sm" icon="undo" onClick={() => void undoRemove(removed)}>
            Undo
          </Button>
          <Button size="sm" variant="ghost" icon="x" aria-label="Dismiss" onClick={() => setRemoved(null)} />
        </div>
      ) : null}
      <Card
        title={
          <span>
            {d.summary.name}
            {d.summary.client ? <span className="muted"> · {d.summary.client}</span> : null}
          </span>
        }
        actions={
          <>
            <Button
              icon="download"
              busy={exporter.running === "csv"}
              disabled={d.entries.length === 0}
              onClick={() => void exporter.run("csv", `${slug(name)}.csv`, (path) => api.exportCsv(name, path, false))}
            >
              Export CSV
            </Button>
            <Button
              icon="file"
              busy={exporter.running === "pdf"}
              disabled={d.entries.length === 0}
              onClick={() => void exporter.run("pdf", `${slug(name)}.pdf`, (path) => api.reportPdf(name, brief, path))}
            >
              Export PDF
            </Button>
            {canEdit ? <ConfirmButton label="Delete" confirmLabel="Delete shortlist?" onConfirm={() => void del()} /> : null}
          </>
        }
      >
        <p className="muted small">
          Created {formatDate(d.summary.created_at)} · {d.entries.length} creator{d.entries.length === 1 ? "" : "s"} ·{" "}
          {d.entries.filter((e) => e.status === "approved").length} approved
          {brief ? ` · PDF Fit scored against “${brief}”` : ""}
        </p>
        {!canEdit ? (
          <div className="banner banner-info" role="note" data-testid="viewer-note">
            {VIEWER_REASON}
          </div>
        ) : null}
        <ExportStatus state={exporter} />
        {error ? <ErrorBanner message={error} /> : null}
        {d.entries.length > 0 ? (
          <div className="segmented" role="group" aria-label="Show as">
            <button type="button" className={`seg ${layout === "list" ? "active" : ""}`} aria-pressed={layout === "list"} onClick={() => setLayout("list")}>
              <Icon name="list" size={14} /> List
            </button>
            <button type="button" className={`seg ${layout === "board" ? "active" : ""}`} aria-pressed={layout === "board"} onClick={() => setLayout("board")}>
              <Icon name="columns" size={14} /> Board
            </button>
          </div>
        ) : null}
        {d.entries.length === 0 ? (
          <EmptyState icon="users" title="No creators on this shortlist">
            Pick creators below, or add one from their page.
          </EmptyState>
        ) : layout === "board" ? (
          <ShortlistBoard entries={d.entries} canEdit={canEdit} onStatus={(entry, status) => setStatusStrict(entry, status)} />
        ) : (
          <div className="table-wrap">
            <table className="table entries-table" data-testid="entries-table">
              <thead>
                <tr>
                  <th>Creator</th>
                  <th className="num">Audience</th>
                  <th className="num">ER</th>
                  <th className="num">Auth.</th>
                  {showFit ? <th className="num">Fit</th> : null}
                  <th>Status</th>
                  <th>Note</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {d.entries.map((e) => (
                  <EntryRow key={e.creator.id} entry={e} showFit={showFit} canEdit={canEdit} onStatus={(s) => void setStatus(e, s)} onNote={(note) => act(() => api.setEntryNote(name, e.creator.id, note), (cur) => ({ ...cur, entries: cur.entries.map((x) => (x.creator.id === e.creator.id ? { ...x, note } : x)) }))} onRemove={() => void remove(e)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <ActivityCard shortlist={name} />
      {canEdit ? <AddCreatorsToList name={name} already={d.entries.map((e) => e.creator.id)} onAdded={() => act(() => Promise.resolve())} /> : null}
      {d.entries.length > 0 ? <PlanPanel shortlist={name} /> : null}
    </div>
  );
}

function EntryRow({ entry, showFit, canEdit, onStatus, onNote, onRemove }: { entry: ShortlistEntryView; showFit: boolean; canEdit: boolean; onStatus: (s: ShortlistStatus) => void; onNote: (note: string) => Promise<unknown>; onRemove: () => void }) {
  const c = entry.creator;
  const [note, setNote] = useState(entry.note);
  const [saved, setSaved] = useState(false);
  const dirty = note !== entry.note;
  const save = async () => {
    if (!dirty) return;
    await onNote(note);
    setSaved(true);
    window.setTimeout(() => setSaved(false), 1500);
  };
  return (
    <tr data-testid="entry-row">
      <td>
        <div className="creator-cell">
          <Avatar name={displayName(c)} url={c.avatar_url} size={28} />
          <div className="creator-lines">
            <div className="creator-line">
              <Link href={paths.creator(c.id)} className="creator-name">
                {displayName(c)}
              </Link>
              {c.is_demo ? <Badge tone="demo">demo</Badge> : null}
            </div>
            <div className="creator-handle platform">
              <PlatformIcon platform={c.platform} size={12} /> @{c.handle}
            </div>
          </div>
        </div>
      </td>
      <td className="num nowrap" title={`${formatCount(c.followers)} ${c.audience_word}`}>
        {formatCount(c.followers)}
      </td>
      <td className="num">{formatPercent(c.engagement_rate)}</td>
      <td className="num">
        <Score value={c.authenticity} />
      </td>
      {showFit ? (
        <td className="num">
          <Score value={c.fit} />
        </td>
      ) : null}
      <td>
        <select aria-label={`Status of @${c.handle}`} className={`status-select status-${entry.status}`} value={entry.status} disabled={!canEdit} title={canEdit ? undefined : VIEWER_REASON} onChange={(e) => onStatus(e.target.value as ShortlistStatus)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.charAt(0).toUpperCase() + s.slice(1)}
            </option>
          ))}
        </select>
      </td>
      <td className="note-cell">
        <textarea
          aria-label={`Note on @${c.handle}`}
          rows={Math.min(8, Math.max(2, note.split("\n").reduce((n, line) => n + 1 + Math.floor(line.length / 28), 0)))}
          value={note}
          placeholder={canEdit ? "Add a note" : ""}
          readOnly={!canEdit}
          title={canEdit ? undefined : VIEWER_REASON}
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => void save()}
        />
        {saved ? <span className="small ok-text">Saved</span> : dirty ? <span className="small muted">Unsaved</span> : null}
      </td>
      <td>
        <button type="button" className="icon-btn" aria-label={`Remove @${c.handle}`} title={canEdit ? "Remove from shortlist" : VIEWER_REASON} disabled={!canEdit} onClick={onRemove}>
          <Icon name="x" size={16} />
        </button>
      </td>
    </tr>
  );
}

function AddCreatorsToList({ name, already, onAdded }: { name: string; already: number[]; onAdded: () => Promise<void> }) {
  const { brief, dataVersion } = useWorkspace();
  const [text, setText] = useState("");
  const creators = useLoad(
    () => api.listCreators(creatorQuery({ brief, text: text.trim() || null, sort: "name", limit: 100 })),
    [brief, dataVersion, text],
  );
  const [picked, setPicked] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const candidates = useMemo(
    () => (creators.data?.rows ?? []).filter((c) => !already.includes(c.id)).slice(0, 50),
    [creators.data, already],
  );
  const toggle = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.addToShortlist(name, picked);
      setPicked([]);
      await onAdded();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      title="Add creators"
      actions={
        <Button variant="primary" icon="plus" busy={busy} disabled={picked.length === 0} onClick={() => void add()}>
          Add {picked.length > 0 ? picked.length : ""}
        </Button>
      }
    >
      <Field label="Find creators" htmlFor="add-to-list-search">
        <input id="add-to-list-search" type="search" placeholder="Name or handle" value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      {error ? <ErrorBanner message={error} /> : null}
      {creators.data !== null && candidates.length === 0 ? <p className="muted small">Every matching creator is already on this shortlist.</p> : null}
      <ul className="pick-list">
        {candidates.map((c) => (
          <li key={c.id}>
            <label className="pick">
              <input type="checkbox" checked={picked.includes(c.id)} onChange={() => toggle(c.id)} />
              <PlatformIcon platform={c.platform} size={14} />
              <span className="pick-name">{displayName(c)}</span>
              <span className="muted">@{c.handle}</span>
              <span className="muted pick-figures">
                {formatCount(c.followers)} · {formatPercent(c.engagement_rate)}
              </span>
              {c.is_demo ? <Badge tone="demo">demo</Badge> : null}
            </label>
          </li>
        ))}
      </ul>
    </Card>
  );
}
