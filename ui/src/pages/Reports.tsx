// Reports: pick a shortlist and a brief, then write the client PDF or a CSV through
// the native save dialog, and open what was written.

import { useEffect, useState } from "react";
import { api } from "../ipc";
import { ExportStatus, slug, useExport } from "../components/Export";
import { Button, Card, EmptyState, ErrorBanner, Field, PageHeader } from "../components/ui";
import { navigate, paths } from "../router";
import { useLoad } from "../useLoad";
import { useWorkspace } from "../workspace";

export function ReportsPage() {
  const { briefs, brief: selectedBrief } = useWorkspace();
  const lists = useLoad(() => api.listShortlists(), []);
  const [shortlist, setShortlist] = useState("");
  const [brief, setBrief] = useState<string>(selectedBrief ?? "");
  const [excelEu, setExcelEu] = useState(false);
  const exporter = useExport();

  useEffect(() => {
    const first = lists.data?.[0];
    if (!shortlist && first) setShortlist(first.name);
  }, [lists.data, shortlist]);

  const chosen = lists.data?.find((l) => l.name === shortlist) ?? null;
  const base = slug(shortlist + (brief ? `-${brief}` : ""));

  return (
    <div className="page narrow">
      <PageHeader title="Reports" subtitle="A client-ready PDF of a shortlist — every score with its evidence — or the same data as CSV." />
      {lists.error ? <ErrorBanner message={lists.error} onRetry={() => void lists.reload()} /> : null}
      {lists.data !== null && lists.data.length === 0 ? (
        <EmptyState icon="list" title="No shortlists to report on" actions={<Button variant="primary" onClick={() => navigate(paths.shortlists())}>Go to Shortlists</Button>}>
          Reports are written per shortlist: create one and add creators first.
        </EmptyState>
      ) : (
        <Card>
          <div className="form-grid">
            <Field label="Shortlist" htmlFor="report-shortlist" hint={chosen ? `${chosen.entries} creators${chosen.client ? ` · for ${chosen.client}` : ""}` : undefined}>
              <select id="report-shortlist" value={shortlist} onChange={(e) => setShortlist(e.target.value)}>
                {(lists.data ?? []).map((l) => (
                  <option key={l.id} value={l.name}>
                    {l.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Brand brief" htmlFor="report-brief" hint="Fit scores and brand-safety notes are computed against this brief.">
              <select id="report-brief" value={brief} onChange={(e) => setBrief(e.target.value)}>
                <option value="">No brief (no Fit scores)</option>
                {briefs.map((b) => (
                  <option key={b.name} value={b.name}>
                    {b.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div className="report-actions">
            <Button
              variant="primary"
              icon="file"
              busy={exporter.running === "pdf"}
              disabled={!shortlist || exporter.running !== null}
              onClick={() => void exporter.run("pdf", `${base}.pdf`, (path) => api.reportPdf(shortlist, brief || null, path))}
            >
              Write PDF report
            </Button>
            <Button
              icon="download"
              busy={exporter.running === "csv"}
              disabled={!shortlist || exporter.running !== null}
              onClick={() => void exporter.run("csv", `${base}.csv`, (path) => api.exportCsv(shortlist, path, excelEu))}
            >
              Export CSV
            </Button>
            <label className="checkbox">
              <input type="checkbox" checked={excelEu} onChange={(e) => setExcelEu(e.target.checked)} />
              CSV for European Excel (semicolons, decimal commas)
            </label>
          </div>
          <ExportStatus state={exporter} />
        </Card>
      )}
    </div>
  );
}
