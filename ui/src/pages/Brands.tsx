// Brands: the brand briefs Fit is scored against. Each brief is edited as TOML
// text; saving validates it and shows what was wrong.

import { useEffect, useState } from "react";
import { api, errorMessage, type BriefSummary } from "../ipc";
import { Badge, Button, Card, ConfirmButton, EmptyState, ErrorBanner, PageHeader } from "../components/ui";
import { useWorkspace } from "../workspace";

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
  const { briefs, refreshBriefs, brief: selectedBrief, setBrief } = useWorkspace();
  const [editing, setEditing] = useState<string | null>(null); // brief name, or "" for a new one
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
                  <Button variant="primary" busy={busy} disabled={!dirty} onClick={() => void save()}>
                    Save
                  </Button>
                </>
              }
            >
              <textarea
                aria-label="Brief (TOML)"
                className="code-editor"
                spellCheck={false}
                rows={18}
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  setSaved(null);
                }}
              />
              {error ? <ErrorBanner message={error} /> : null}
              {saved ? <div className="small ok-text">{saved}</div> : null}
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
