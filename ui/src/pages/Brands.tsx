// Brands: the brand briefs Fit is scored against. A brief is filled in as a form
// (`BriefFormView.tsx`), or, for power users, edited as TOML text (import by pasting,
// export by copying); either way saving validates it and shows what was wrong.

import { useEffect, useState } from "react";
import { api, errorMessage, type BriefForm, type BriefSummary } from "../ipc";
import { Icon } from "../components/Icon";
import { Badge, Button, Card, ConfirmButton, EmptyState, ErrorBanner, Loading, PageHeader } from "../components/ui";
import { useLoad } from "../useLoad";
import { useWorkspace, VIEWER_REASON } from "../workspace";
import { BriefFormEditor, EMPTY_FORM } from "./BriefFormView";

/** Starting point for a new brief, in the brief TOML format (see the shipped
 * example_brief.toml): every key except `name` may be left out; unknown keys are refused. */
export const NEW_BRIEF_TEMPLATE = `# Every key except \`name\` may be left out. Unknown keys are refused.
name = "New brand"

# Keywords the creator should talk about: plain strings (weight 1) or { term, weight }.
topics = [{ term = "running", weight = 2 }, "trail", "marathon"]
values = ["sustainability"]

# Languages (ISO 639-1) and markets (ISO 3166-1 alpha-2).
languages = ["en"]
markets = ["GB"]

# Names, "@handles" or "#hashtags": a sponsored post for one of them is a conflict.
competitors = []

# Never next to these topics.
banned_topics = []

# Disclosure rules to judge sponsored posts by: US, UK, FR, EU.
jurisdictions = ["UK"]
`;

export function BrandsPage() {
  const { briefs, refreshBriefs, brief: selectedBrief, setBrief, canEdit } = useWorkspace();
  const [editing, setEditing] = useState<string | null>(null); // brief name, or "" for a new one
  const [mode, setMode] = useState<"form" | "toml">("form");
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    if (editing === null && briefs.length > 0) {
      const first = briefs[0]!;
      setEditing(first.name);
      setText(first.toml);
    }
  }, [briefs, editing]);

  const open = (b: BriefSummary) => {
    setEditing(b.name);
    setText(b.toml);
    setError(null);
    setSaved(null);
  };

  const startNew = () => {
    setEditing("");
    setText(NEW_BRIEF_TEMPLATE);
    setMode("form");
    setError(null);
    setSaved(null);
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const result = await api.saveBrief(text);
      await refreshBriefs();
      setEditing(result.name);
      setText(result.toml);
      setSaved(`Saved “${result.name}”`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (name: string) => {
    setError(null);
    try {
      await api.deleteBrief(name);
      if (selectedBrief === name) setBrief(null);
      await refreshBriefs();
      setEditing(null);
      setText("");
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const current = briefs.find((b) => b.name === editing) ?? null;
  const dirty = current ? current.toml !== text : editing === "";

  return (
    <div className="page">
      <PageHeader
        title="Brands"
        subtitle="Briefs describe a brand’s topics, competitors and markets; Brand Fit is scored against the one you pick."
        actions={
          <Button variant="primary" icon="plus" onClick={startNew}>
            New brief
          </Button>
        }
      />
      <div className="split">
        <aside className="split-side">
          {briefs.length === 0 && editing !== "" ? (
            <EmptyState icon="briefcase" title="No briefs yet" actions={<Button icon="plus" onClick={startNew}>New brief</Button>}>
              Write one to get Brand Fit scores.
            </EmptyState>
          ) : null}
          <ul className="side-list" aria-label="Briefs">
            {briefs.map((b) => (
              <li key={b.name}>
                <button type="button" className={`side-item ${b.name === editing ? "active" : ""}`} onClick={() => open(b)}>
                  <span className="side-item-title">
                    {b.name} {b.name === selectedBrief ? <Badge tone="accent">in use</Badge> : null}
                  </span>
                  <span className="chips">
                    {b.topics.slice(0, 4).map((t) => (
                      <span key={t} className="chip">
                        {t}
                      </span>
                    ))}
                    {b.topics.length > 4 ? <span className="chip muted">+{b.topics.length - 4}</span> : null}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </aside>
        <div className="split-main">
          {editing !== null ? (
            <Card
              title={editing === "" ? "New brief" : editing}
              actions={
                <>
                  {current && current.name !== selectedBrief ? (
                    <Button size="sm" variant="ghost" onClick={() => setBrief(current.name)}>
                      Use for Fit
                    </Button>
                  ) : null}
                  {current ? <ConfirmButton label="Delete" confirmLabel="Delete brief?" onConfirm={() => void remove(current.name)} /> : null}
                  {mode === "toml" ? (
                    <Button variant="primary" busy={busy} disabled={!dirty || !canEdit} title={canEdit ? undefined : VIEWER_REASON} onClick={() => void save()}>
                      Save TOML
                    </Button>
                  ) : null}
                </>
              }
            >
              <div className="segmented" role="group" aria-label="Edit as">
                <button type="button" className={`seg ${mode === "form" ? "active" : ""}`} aria-pressed={mode === "form"} onClick={() => setMode("form")}>
                  <Icon name="list" size={14} /> Form
                </button>
                <button type="button" className={`seg ${mode === "toml" ? "active" : ""}`} aria-pressed={mode === "toml"} onClick={() => setMode("toml")}>
                  <Icon name="file" size={14} /> TOML
                </button>
              </div>
              {mode === "form" ? (
                <FormFor
                  key={`${editing}:${current?.toml ?? ""}`}
                  name={editing === "" ? null : editing}
                  disabled={canEdit ? undefined : VIEWER_REASON}
                  onSaved={async (result) => {
                    await refreshBriefs();
                    setEditing(result.name);
                    setText(result.toml);
                    setSaved(`Saved “${result.name}”`);
                  }}
                />
              ) : (
                <>
                  <p className="muted small">For power users: paste a brief’s TOML to import it, or copy this text to export it. Unknown keys are refused.</p>
                  <textarea
                    aria-label="Brief (TOML)"
                    className="code-editor"
                    spellCheck={false}
                    rows={18}
                    value={text}
                    readOnly={!canEdit}
                    onChange={(e) => {
                      setText(e.target.value);
                      setSaved(null);
                    }}
                  />
                </>
              )}
              {error ? <ErrorBanner message={error} /> : null}
              {saved ? (
                <div className="small ok-text" role="status">
                  {saved}
                </div>
              ) : null}
              {current ? (
                <dl className="brief-facts small">
                  <dt>Competitors</dt>
                  <dd>{current.competitors.length > 0 ? current.competitors.join(", ") : "none"}</dd>
                  <dt>Jurisdictions</dt>
                  <dd>{current.jurisdictions.length > 0 ? current.jurisdictions.join(", ") : "none"}</dd>
                </dl>
              ) : null}
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** The form for a stored brief (loaded through `get_brief_form`) or a new one. */
function FormFor({ name, disabled, onSaved }: { name: string | null; disabled?: string; onSaved: (saved: BriefSummary) => Promise<void> }) {
  const loaded = useLoad<BriefForm>(() => (name === null ? Promise.resolve(EMPTY_FORM) : api.briefForm(name)), [name]);
  if (loaded.error) return <ErrorBanner message={loaded.error} onRetry={() => void loaded.reload()} />;
  if (!loaded.data) return <Loading />;
  return <BriefFormEditor initial={loaded.data} previous={name} disabled={disabled} onSaved={(s) => void onSaved(s)} />;
}
