// Background jobs, shared by every page: the jobs known to the app (kept current by the
// runner's progress events), the items of the jobs a page watches, and the jobs panel
// the shell shows from every page (cancel, retry failed items, clear finished jobs).

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { api, errorMessage, type ItemStage, type JobEvent, type JobItemView, type JobState, type JobView } from "../ipc";
import { Link, paths } from "../router";
import { useWorkspace } from "../workspace";
import { Icon } from "./Icon";
import { Badge, Button, Spinner } from "./ui";

export interface JobsState {
  jobs: JobView[];
  /** Items of the jobs whose details were asked for, by job id. */
  items: Record<number, JobItemView[]>;
  /** Load a job's items and keep them current. */
  watch: (id: number) => Promise<void>;
  /** Put a freshly queued job in the list at once (before its first event). */
  added: (job: JobView) => void;
  cancel: (id: number) => Promise<void>;
  retry: (id: number, item?: number) => Promise<void>;
  dismiss: (id: number) => Promise<void>;
  error: string | null;
  panelOpen: boolean;
  setPanelOpen: (open: boolean) => void;
}

const Ctx = createContext<JobsState | null>(null);

function upsert(jobs: JobView[], job: JobView): JobView[] {
  const i = jobs.findIndex((j) => j.id === job.id);
  if (i === -1) return [job, ...jobs];
  const next = [...jobs];
  next[i] = job;
  return next;
}

/** Whether a job still has work queued or in progress. */
export function isActive(job: JobView): boolean {
  return job.pending + job.running > 0;
}

export function JobsProvider({ children }: { children: ReactNode }) {
  const { dataChanged } = useWorkspace();
  const [jobs, setJobs] = useState<JobView[]>([]);
  const [items, setItems] = useState<Record<number, JobItemView[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const changed = useRef<number | null>(null);

  // Creators stored by a job: reload the lists, at most every 1.5 s during a long run.
  const creatorsChanged = useCallback(() => {
    if (changed.current !== null) return;
    changed.current = window.setTimeout(() => {
      changed.current = null;
      dataChanged();
    }, 1500);
  }, [dataChanged]);

  useEffect(() => {
    let live = true;
    let unlisten: (() => void) | null = null;
    void api
      .onJobProgress((e: JobEvent) => {
        setJobs((js) => upsert(js, e.job));
        setItems((all) => {
          const list = all[e.job.id];
          if (!list) return all;
          const next = [...list];
          next[e.item.position] = e.item;
          return { ...all, [e.job.id]: next };
        });
        if (e.item.state === "done" && e.item.creator_id !== null) creatorsChanged();
      })
      .then((u) => (live ? (unlisten = u) : u()));
    void api
      .listJobs()
      .then((js) => live && setJobs(js))
      .catch((err) => live && setError(errorMessage(err)));
    return () => {
      live = false;
      unlisten?.();
      if (changed.current !== null) window.clearTimeout(changed.current);
    };
  }, [creatorsChanged]);

  const watch = useCallback(async (id: number) => {
    const detail = await api.getJob(id);
    setJobs((js) => upsert(js, detail.job));
    setItems((all) => ({ ...all, [id]: detail.items }));
  }, []);

  const added = useCallback((job: JobView) => setJobs((js) => upsert(js, job)), []);

  const act = useCallback(
    async (call: () => Promise<JobView | null>, id: number) => {
      try {
        setError(null);
        const job = await call();
        if (job) setJobs((js) => upsert(js, job));
        if (items[id]) await watch(id);
      } catch (err) {
        setError(errorMessage(err));
      }
    },
    [items, watch],
  );

  const cancel = useCallback((id: number) => act(() => api.cancelJob(id), id), [act]);
  const retry = useCallback((id: number, item?: number) => act(() => api.retryJob(id, item ?? null), id), [act]);
  const dismiss = useCallback(
    async (id: number) => {
      try {
        await api.dismissJob(id);
        setJobs((js) => js.filter((j) => j.id !== id));
      } catch (err) {
        setError(errorMessage(err));
      }
    },
    [],
  );

  const value = useMemo(
    () => ({ jobs, items, watch, added, cancel, retry, dismiss, error, panelOpen, setPanelOpen }),
    [jobs, items, watch, added, cancel, retry, dismiss, error, panelOpen],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useJobs(): JobsState {
  const value = useContext(Ctx);
  if (!value) throw new Error("useJobs must be used inside <JobsProvider>");
  return value;
}

// Keyed by the unions Rust sends (generated bindings): a state Rust adds or renames
// and this table does not name fails the type check.
const STATE_LABEL: Record<JobState, string> = {
  queued: "Queued",
  running: "Running",
  done: "Done",
  failed: "Some failed",
  cancelled: "Cancelled",
};

const STATE_TONE: Record<JobState, "neutral" | "ok" | "watch" | "risk" | "info"> = {
  queued: "neutral",
  running: "info",
  done: "ok",
  failed: "risk",
  cancelled: "watch",
};

/** Items settled out of all, as a progress bar with its numbers. */
export function JobProgressBar({ job }: { job: JobView }) {
  const settled = job.done + job.failed + job.cancelled;
  return (
    <div className="job-progress">
      <progress className="job-bar" max={job.total} value={settled} aria-label={`${job.title}: ${settled} of ${job.total} finished`} />
      <span className="muted small">
        {job.done} of {job.total} done
        {job.failed > 0 ? ` · ${job.failed} failed` : ""}
        {job.cancelled > 0 ? ` · ${job.cancelled} cancelled` : ""}
      </span>
    </div>
  );
}

export function ItemIcon({ state }: { state: ItemStage }) {
  if (state === "done") return <Icon name="check" size={16} />;
  if (state === "failed" || state === "cancelled") return <Icon name="alert" size={16} />;
  if (state === "pending") return <span className="dot" />;
  return <Spinner />;
}

function JobCard({ job }: { job: JobView }) {
  const { items, watch, cancel, retry, dismiss } = useJobs();
  const [open, setOpen] = useState(false);
  const list = items[job.id];
  const toggle = () => {
    if (!open && !list) void watch(job.id);
    setOpen(!open);
  };
  const active = isActive(job);
  return (
    <li className="job" data-testid="job" data-state={job.state} data-kind={job.kind}>
      <div className="job-head">
        <span className="job-title">{job.title}</span>
        <Badge tone={STATE_TONE[job.state]}>{STATE_LABEL[job.state]}</Badge>
      </div>
      <JobProgressBar job={job} />
      <div className="job-actions">
        <Button size="sm" variant="ghost" icon={open ? "chevronUp" : "chevronDown"} aria-expanded={open} onClick={toggle}>
          {open ? "Hide items" : "Show items"}
        </Button>
        {active ? (
          <Button size="sm" icon="x" onClick={() => void cancel(job.id)} aria-label={`Cancel ${job.title}`}>
            Cancel
          </Button>
        ) : null}
        {job.failed + job.cancelled > 0 ? (
          <Button size="sm" icon="refresh" onClick={() => void retry(job.id)} aria-label={`Retry the failed items of ${job.title}`}>
            Retry failed
          </Button>
        ) : null}
        {!active ? (
          <Button size="sm" variant="ghost" onClick={() => void dismiss(job.id)} aria-label={`Clear ${job.title} from the list`}>
            Clear
          </Button>
        ) : null}
      </div>
      {open ? (
        list ? (
          <ul className="progress-list compact" aria-label={`Items of ${job.title}`}>
            {list.map((item) => (
              <li key={item.id} className={`progress-row stage-${item.state}`} data-testid="job-item" data-stage={item.state}>
                <span className="progress-icon">
                  <ItemIcon state={item.state} />
                </span>
                <span className="progress-input" title={item.input}>
                  {item.input}
                </span>
                <span className={item.state === "failed" ? "progress-message error-text" : "progress-message"}>
                  {item.state === "done" && item.creator_id !== null ? (
                    <Link href={paths.creator(item.creator_id)}>Open {item.handle ? `@${item.handle}` : "creator"}</Link>
                  ) : (
                    item.message
                  )}
                </span>
                {item.state === "failed" ? (
                  <Button size="sm" variant="ghost" onClick={() => void retry(job.id, item.id)} aria-label={`Retry ${item.input}`}>
                    Retry
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <Spinner label="Loading items" />
        )
      ) : null}
    </li>
  );
}

/** The jobs panel: a drawer over the right edge, from every page (Ctrl+J, or the sidebar). */
export function JobsPanel() {
  const { jobs, error, panelOpen, setPanelOpen } = useJobs();
  const ref = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (panelOpen) ref.current?.focus();
  }, [panelOpen]);
  if (!panelOpen) return null;
  return (
    <aside
      ref={ref}
      className="jobs-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby="jobs-title"
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === "Escape") setPanelOpen(false);
      }}
    >
      <header className="jobs-panel-head">
        <h2 id="jobs-title">Background jobs</h2>
        <Button size="sm" variant="ghost" icon="x" aria-label="Close the jobs panel" onClick={() => setPanelOpen(false)} />
      </header>
      {error ? <p className="error-text small">{error}</p> : null}
      {jobs.length === 0 ? (
        <p className="muted small">No jobs yet. Vets, refreshes and reports run here in the background, and keep running when you change pages or restart Scout.</p>
      ) : (
        <ul className="jobs-list" aria-label="Jobs">
          {jobs.map((job) => (
            <JobCard key={job.id} job={job} />
          ))}
        </ul>
      )}
    </aside>
  );
}

/** The sidebar's button that opens the panel, with how many jobs are working. */
export function JobsButton() {
  const { jobs, panelOpen, setPanelOpen } = useJobs();
  const active = jobs.filter(isActive).length;
  return (
    <button
      type="button"
      className={`nav-item jobs-button ${panelOpen ? "active" : ""}`}
      aria-expanded={panelOpen}
      aria-label={active > 0 ? `Background jobs, ${active} running` : "Background jobs"}
      onClick={() => setPanelOpen(!panelOpen)}
      data-testid="jobs-button"
    >
      <Icon name="activity" />
      Jobs
      {active > 0 ? <span className="count-pill">{active}</span> : null}
    </button>
  );
}
