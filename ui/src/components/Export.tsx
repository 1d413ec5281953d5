// Export flow shared by Shortlists and Reports: native save dialog → write the file
// → show where it went with "Open" and "Show in folder".

import { useState } from "react";
import { api, errorMessage, type ExportResult } from "../ipc";
import { Icon } from "./Icon";
import { Button, ErrorBanner, Spinner } from "./ui";

export type ExportKind = "pdf" | "csv";

export interface ExportState {
  running: ExportKind | null;
  result: (ExportResult & { kind: ExportKind }) | null;
  error: string | null;
  run: (kind: ExportKind, defaultName: string, write: (path: string) => Promise<ExportResult>) => Promise<void>;
}

const FILTERS: Record<ExportKind, { name: string; extensions: string[] }> = {
  pdf: { name: "PDF report", extensions: ["pdf"] },
  csv: { name: "CSV spreadsheet", extensions: ["csv"] },
};

export function useExport(): ExportState {
  const [running, setRunning] = useState<ExportKind | null>(null);
  const [result, setResult] = useState<ExportState["result"]>(null);
  const [error, setError] = useState<string | null>(null);

  const run: ExportState["run"] = async (kind, defaultName, write) => {
    setError(null);
    let path: string | null;
    try {
      path = await api.chooseSavePath({ title: kind === "pdf" ? "Save PDF report" : "Save CSV export", defaultPath: defaultName, filter: FILTERS[kind] });
    } catch (err) {
      setError(errorMessage(err));
      return;
    }
    if (!path) return; // cancelled
    setRunning(kind);
    setResult(null);
    try {
      const written = await write(path);
      setResult({ ...written, kind });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setRunning(null);
    }
  };
  return { running, result, error, run };
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function ExportStatus({ state }: { state: ExportState }) {
  const [openError, setOpenError] = useState<string | null>(null);
  const attempt = (op: () => Promise<unknown>) => {
    setOpenError(null);
    op().catch((err: unknown) => setOpenError(errorMessage(err)));
  };
  if (state.running) {
    return (
      <div className="export-status" role="status">
        <Spinner /> Writing the {state.running === "pdf" ? "PDF report" : "CSV"}…
      </div>
    );
  }
  if (state.error) return <ErrorBanner message={state.error} />;
  const r = state.result;
  if (!r) return null;
  const unit = r.kind === "pdf" ? "page" : "row";
  return (
    <>
    <div className="export-status export-done" role="status">
      <Icon name="check" size={16} />
      <span>
        Saved <strong title={r.path}>{fileName(r.path)}</strong> · {r.count} {unit}
        {r.count === 1 ? "" : "s"} · {formatBytes(r.bytes ?? 0)}
        {r.bundle_path ? <span className="muted"> · data bundle beside it</span> : null}
      </span>
      <Button size="sm" variant="primary" icon="external" onClick={() => attempt(() => api.openPath(r.path))}>
        Open
      </Button>
      <Button size="sm" variant="ghost" icon="folder" onClick={() => attempt(() => api.revealPath(r.path))}>
        Show in folder
      </Button>
    </div>
    {openError ? <ErrorBanner message={openError} /> : null}
    </>
  );
}

/** "Spring launch" → "spring-launch". */
export function slug(name: string): string {
  return (
    name
      .toLocaleLowerCase()
      .normalize("NFKD")
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "") || "scout"
  );
}
