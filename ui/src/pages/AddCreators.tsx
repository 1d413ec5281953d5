// Add: paste handles or profile URLs (one per line or comma-separated) and vet them as
// a background job, with one progress row per input and a one-line error for each that
// failed. The job keeps running when you leave the page (see the jobs panel) and after
// a restart; coming back shows it again.

import { useEffect, useState } from "react";
import { api, errorMessage, type ItemStage } from "../ipc";
import { ItemIcon, isActive, useJobs } from "../components/Jobs";
import { Button, Card, ErrorBanner, PageHeader } from "../components/ui";
import { parseInputs } from "../lib/creators";
import { Link, paths } from "../router";

// Keyed by the stage union Rust sends (generated bindings), so the names cannot drift.
const STAGE_LABEL: Record<ItemStage, string> = {
  pending: "Waiting",
  running: "Fetching",
  done: "Vetted",
  failed: "Failed",
  cancelled: "Cancelled",
};

const LAST_JOB_KEY = "scout.addJob";

function readLastJob(): number | null {
  try {
    const v = Number(window.sessionStorage.getItem(LAST_JOB_KEY));
    return Number.isInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

export function AddCreatorsPage() {
  const { jobs, items, watch, added, cancel } = useJobs();
  const [text, setText] = useState("");
  const [jobId, setJobId] = useState<number | null>(readLastJob);
  const [starting, setStarting] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);

  useEffect(() => {
    if (jobId !== null) void watch(jobId).catch(() => setJobId(null));
  }, [jobId, watch]);

  const inputs = parseInputs(text);
  const job = jobs.find((j) => j.id === jobId) ?? null;
  const rows = (jobId !== null ? items[jobId] : undefined) ?? [];
  const running = starting || (job !== null && isActive(job));

  const start = async () => {
    if (inputs.length === 0 || running) return;
    setRunError(null);
    setStarting(true);
    try {
      const queued = await api.enqueueVet(inputs);
      added(queued);
      setJobId(queued.id);
      try {
        window.sessionStorage.setItem(LAST_JOB_KEY, String(queued.id));
      } catch {
        // Storage unavailable: the page forgets the job when you leave it (the panel keeps it).
      }
      await watch(queued.id);
    } catch (err) {
      setRunError(errorMessage(err));
    } finally {
      setStarting(false);
    }
  };

  const done = rows.filter((r) => r.state === "done").length;
  const failed = rows.filter((r) => r.state === "failed").length;
  const waiting = rows.length - done - failed - rows.filter((r) => r.state === "cancelled").length;

  return (
    <div className="page narrow">
      <PageHeader title="Add creators" subtitle="Paste handles or profile links; Scout fetches their public profiles and vets them." />
      <Card>
        <label htmlFor="add-inputs" className="field-label">
          Handles or profile URLs
        </label>
        <textarea
          id="add-inputs"
          className="add-textarea"
          rows={6}
          spellCheck={false}
          placeholder={"alice.bsky.social\nhttps://www.youtube.com/@somechannel\n@someone@mastodon.social, https://www.tiktok.com/@creator"}
          value={text}
          onChange={(e) => setText(e.target.value)}
          disabled={starting}
        />
        <div className="add-actions">
          <span className="muted small">
            {inputs.length === 0 ? "One per line, or separated by commas." : `${inputs.length} creator${inputs.length === 1 ? "" : "s"} to vet`}
          </span>
          <div className="row-gap">
            {running && jobId !== null ? (
              <Button onClick={() => void cancel(jobId)} icon="x">
                Cancel
              </Button>
            ) : null}
            <Button variant="primary" icon="search" busy={running} disabled={inputs.length === 0} onClick={() => void start()}>
              {running ? "Vetting…" : "Vet"}
            </Button>
          </div>
        </div>
      </Card>

      {runError ? <ErrorBanner message={runError} /> : null}

      {rows.length > 0 ? (
        <Card
          title="Progress"
          actions={
            <span className="muted small" data-testid="vet-summary">
              {done} vetted{failed > 0 ? ` · ${failed} failed` : ""}
              {running && waiting > 0 ? ` · ${waiting} in progress` : ""}
            </span>
          }
        >
          <ul className="progress-list" aria-label="Vetting progress">
            {rows.map((row) => (
              <li key={row.id} className={`progress-row stage-${row.state}`} data-testid="vet-row" data-stage={row.state}>
                <span className="progress-icon">
                  <ItemIcon state={row.state} />
                </span>
                <span className="progress-input" title={row.input}>
                  {row.input}
                </span>
                <span className="progress-stage">{STAGE_LABEL[row.state]}</span>
                <span className={row.state === "failed" ? "progress-message error-text" : "progress-message"}>
                  {row.state === "done" && row.creator_id !== null ? (
                    <Link href={paths.creator(row.creator_id)}>Open {row.handle ? `@${row.handle}` : "creator"} →</Link>
                  ) : (
                    row.message
                  )}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
