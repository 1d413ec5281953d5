// Add: paste handles or profile URLs (one per line or comma-separated) and vet them,
// with one progress row per input and a one-line error for each that failed.

import { useEffect, useRef, useState } from "react";
import { api, errorMessage, newRunId, type VetEvent, type VetOutcome } from "../ipc";
import { Icon } from "../components/Icon";
import { Button, Card, ErrorBanner, PageHeader, Spinner } from "../components/ui";
import { parseInputs } from "../lib/creators";
import { Link, paths } from "../router";
import { useWorkspace } from "../workspace";

export interface ProgressRow {
  input: string;
  stage: string;
  message: string;
  errorCode: string | null;
  creatorId: number | null;
  handle: string | null;
}

const STAGE_LABEL: Record<string, string> = {
  queued: "Waiting",
  fetching: "Fetching",
  storing: "Saving",
  checking: "Checking",
  done: "Vetted",
  failed: "Failed",
  cancelled: "Cancelled",
};

function applyEvent(rows: ProgressRow[], e: VetEvent): ProgressRow[] {
  const i = e.index;
  const row = i === null ? undefined : rows[i];
  if (i === null || !row) return rows;
  // A finished row never goes back to an earlier stage (events can arrive late).
  if (row.stage === "done" || row.stage === "failed") return rows;
  const next = [...rows];
  next[i] = { ...row, stage: e.stage, message: e.message, errorCode: e.error_code, creatorId: e.creator_id ?? row.creatorId };
  return next;
}

function applyOutcomes(rows: ProgressRow[], outcomes: VetOutcome[]): ProgressRow[] {
  return rows.map((row, i) => {
    const o = outcomes[i];
    if (!o) return row.stage === "done" || row.stage === "failed" ? row : { ...row, stage: "cancelled", message: "Not vetted: the run was cancelled" };
    if (o.creator_id !== null) {
      return { ...row, stage: "done", creatorId: o.creator_id, handle: o.handle, errorCode: null, message: row.stage === "done" ? row.message : "Vetted" };
    }
    return { ...row, stage: "failed", errorCode: o.error_code, message: o.error ?? "Could not vet this input" };
  });
}

export function AddCreatorsPage() {
  const { dataChanged } = useWorkspace();
  const [text, setText] = useState("");
  const [rows, setRows] = useState<ProgressRow[]>([]);
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);
  const runId = useRef<string | null>(null);
  const unlisten = useRef<(() => void) | null>(null);

  useEffect(() => () => unlisten.current?.(), []);

  const inputs = parseInputs(text);

  const start = async () => {
    if (inputs.length === 0 || running) return;
    const run = newRunId();
    runId.current = run;
    setRunError(null);
    setRows(inputs.map((input) => ({ input, stage: "queued", message: "Waiting", errorCode: null, creatorId: null, handle: null })));
    setRunning(true);
    try {
      unlisten.current = await api.onVetProgress(run, (e) => setRows((r) => applyEvent(r, e)));
      const outcomes = await api.vet(run, inputs);
      setRows((r) => applyOutcomes(r, outcomes));
      if (outcomes.some((o) => o.creator_id !== null)) dataChanged();
    } catch (err) {
      setRunError(errorMessage(err));
      setRows((r) => r.map((row) => (row.stage === "done" || row.stage === "failed" ? row : { ...row, stage: "failed", message: "Not vetted" })));
    } finally {
      unlisten.current?.();
      unlisten.current = null;
      runId.current = null;
      setRunning(false);
    }
  };

  const cancel = async () => {
    if (runId.current) await api.cancelVet(runId.current).catch(() => false);
  };

  const done = rows.filter((r) => r.stage === "done").length;
  const failed = rows.filter((r) => r.stage === "failed").length;

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
          disabled={running}
        />
        <div className="add-actions">
          <span className="muted small">
            {inputs.length === 0 ? "One per line, or separated by commas." : `${inputs.length} creator${inputs.length === 1 ? "" : "s"} to vet`}
          </span>
          <div className="row-gap">
            {running ? (
              <Button onClick={() => void cancel()} icon="x">
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
              {running ? ` · ${rows.length - done - failed} in progress` : ""}
            </span>
          }
        >
          <ul className="progress-list" aria-label="Vetting progress">
            {rows.map((row, i) => (
              <li key={`${i}-${row.input}`} className={`progress-row stage-${row.stage}`} data-testid="vet-row" data-stage={row.stage}>
                <span className="progress-icon">
                  {row.stage === "done" ? (
                    <Icon name="check" size={16} />
                  ) : row.stage === "failed" || row.stage === "cancelled" ? (
                    <Icon name="alert" size={16} />
                  ) : row.stage === "queued" ? (
                    <span className="dot" />
                  ) : (
                    <Spinner />
                  )}
                </span>
                <span className="progress-input" title={row.input}>
                  {row.input}
                </span>
                <span className="progress-stage">{STAGE_LABEL[row.stage] ?? row.stage}</span>
                <span className={row.stage === "failed" ? "progress-message error-text" : "progress-message"}>
                  {row.stage === "done" && row.creatorId !== null ? (
                    <Link href={paths.creator(row.creatorId)}>Open {row.handle ? `@${row.handle}` : "creator"} →</Link>
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
