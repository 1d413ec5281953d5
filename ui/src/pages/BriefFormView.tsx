// The brief as a form a brand manager fills in: name, topics and values (each with a
// weight), languages and markets (codes checked against the lists core accepts, from
// `brief_choices`), competitors, banned topics, and the jurisdictions whose disclosure
// rules apply. Saved through `save_brief_form`, which validates exactly as a TOML import.

import { useState, type FormEvent, type KeyboardEvent } from "react";
import { api, errorMessage, type BriefChoices, type BriefForm, type BriefSummary, type CodeChoiceView, type TermView } from "../ipc";
import { Icon } from "../components/Icon";
import { Button, ErrorBanner } from "../components/ui";
import { useLoad } from "../useLoad";
import "./Brands.css";

export const EMPTY_FORM: BriefForm = { name: "", topics: [], values: [], languages: [], markets: [], competitors: [], banned_topics: [], jurisdictions: [] };

/** The code the choices hold for what was typed (`EN` → `en`, `uk` → `GB`, `France` → `FR`), or null. */
export function matchCode(typed: string, choices: CodeChoiceView[], kind: "language" | "market"): string | null {
  const t = typed.trim();
  if (!t) return null;
  const lower = t.toLowerCase();
  // A typed code: languages by their primary subtag (pt-BR is accepted as pt-BR when pt is known).
  const primary = kind === "language" ? lower.split(/[-_]/)[0]! : lower === "uk" ? "gb" : lower;
  const byCode = choices.find((c) => c.code.toLowerCase() === primary);
  if (byCode) {
    if (kind === "language" && lower !== primary) {
      const region = t.split(/[-_]/)[1] ?? "";
      return /^[A-Za-z]{2}$/.test(region) ? `${byCode.code}-${region.toUpperCase()}` : null;
    }
    return byCode.code;
  }
  const byName = choices.find((c) => c.name.toLowerCase() === lower);
  return byName ? byName.code : null;
}

export function BriefFormEditor({ initial, previous, disabled, onSaved }: { initial: BriefForm; previous: string | null; disabled?: string; onSaved: (saved: BriefSummary) => void }) {
  const choices = useLoad(() => api.briefChoices(), []);
  const [form, setForm] = useState<BriefForm>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof BriefForm>(key: K, value: BriefForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!form.name.trim()) {
      setError("Give the brief a name (usually the client or campaign).");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await api.saveBriefForm(
        { ...form, name: form.name.trim(), topics: form.topics.filter((t) => t.term.trim()), values: form.values.filter((t) => t.term.trim()) },
        previous,
      );
      onSaved(result);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const c: BriefChoices | null = choices.data;
  return (
    <form className="brief-form" aria-label="Brief" noValidate onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label className="field-label" htmlFor="brief-name">
          Name
        </label>
        <input id="brief-name" value={form.name} placeholder="Client or campaign, e.g. Acme Running" onChange={(e) => set("name", e.target.value)} />
      </div>
      <TermsField label="Topics" hint="What the creator should talk about. A higher weight counts more in Fit." value={form.topics} onChange={(v) => set("topics", v)} />
      <TermsField label="Values" hint="What the brand stands for, scored like topics." value={form.values} onChange={(v) => set("values", v)} />
      <div className="brief-form-row">
        <CodeListField label="Languages" kind="language" hint="ISO 639-1 codes (en, fr, pt-BR) or names." choices={c?.languages ?? null} value={form.languages} onChange={(v) => set("languages", v)} />
        <CodeListField label="Markets" kind="market" hint="ISO 3166-1 country codes (GB, FR; UK is taken as GB) or names." choices={c?.markets ?? null} value={form.markets} onChange={(v) => set("markets", v)} />
      </div>
      <ChipListField label="Competitors" hint="A name, an @handle or a #hashtag: a sponsored post for one of them is a conflict." placeholder="e.g. Salomon, @hoka, #brooksrunning" value={form.competitors} onChange={(v) => set("competitors", v)} />
      <ChipListField label="Banned topics" hint="Never next to these topics." placeholder="e.g. gambling" value={form.banned_topics} onChange={(v) => set("banned_topics", v)} />
      <fieldset className="brief-jurisdictions">
        <legend className="field-label">Disclosure rules</legend>
        {(c?.jurisdictions ?? []).map((j) => (
          <label key={j.code} className="field-inline">
            <input
              type="checkbox"
              checked={form.jurisdictions.includes(j.code)}
              onChange={(e) => set("jurisdictions", e.target.checked ? [...form.jurisdictions, j.code] : form.jurisdictions.filter((x) => x !== j.code))}
            />
            <span>
              <strong>{j.code}</strong> <span className="muted">{j.name}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {choices.error ? <ErrorBanner message={choices.error} onRetry={() => void choices.reload()} /> : null}
      {error ? <ErrorBanner message={error} /> : null}
      <div className="brief-form-actions">
        <Button type="submit" variant="primary" busy={busy} disabled={disabled !== undefined} title={disabled}>
          Save brief
        </Button>
      </div>
    </form>
  );
}

function TermsField({ label, hint, value, onChange }: { label: string; hint: string; value: TermView[]; onChange: (v: TermView[]) => void }) {
  const singular = label.toLowerCase().replace(/s$/, "");
  const update = (i: number, t: TermView) => onChange(value.map((x, j) => (j === i ? t : x)));
  return (
    <fieldset className="brief-terms">
      <legend className="field-label">{label}</legend>
      {value.map((t, i) => (
        <div key={i} className="brief-term">
          <input aria-label={`${label}: ${singular} ${i + 1}`} value={t.term} onChange={(e) => update(i, { ...t, term: e.target.value })} />
          <label className="field-inline">
            <span className="muted small">weight</span>
            <input aria-label={`Weight of ${t.term || `${singular} ${i + 1}`}`} className="short" type="number" min={0.1} max={10} step="any" value={t.weight ?? ""} onChange={(e) => update(i, { ...t, weight: Number(e.target.value) })} />
          </label>
          <button type="button" className="icon-btn" aria-label={`Remove ${t.term || `${singular} ${i + 1}`}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>
            <Icon name="x" size={14} />
          </button>
        </div>
      ))}
      <Button size="sm" icon="plus" onClick={() => onChange([...value, { term: "", weight: 1 }])}>
        Add {singular}
      </Button>
      <div className="field-hint">{hint}</div>
    </fieldset>
  );
}

function Chips({ label, value, onRemove }: { label: string; value: string[]; onRemove: (i: number) => void }) {
  if (value.length === 0) return null;
  return (
    <ul className="chips brief-chips" aria-label={`${label} chosen`}>
      {value.map((v, i) => (
        <li key={`${v}-${i}`} className="chip brief-chip">
          <span>{v}</span>
          <button type="button" className="icon-btn" aria-label={`Remove ${v}`} onClick={() => onRemove(i)}>
            <Icon name="x" size={12} />
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Type and press Enter (or Add): one entry per press; commas split several. */
function ChipListField({ label, hint, placeholder, value, onChange }: { label: string; hint: string; placeholder: string; value: string[]; onChange: (v: string[]) => void }) {
  const [text, setText] = useState("");
  const id = `brief-${label.toLowerCase().replace(/\s+/g, "-")}`;
  const add = () => {
    const items = text.split(",").map((s) => s.trim()).filter((s) => s && !value.includes(s));
    if (items.length > 0) onChange([...value, ...items]);
    setText("");
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      add();
    }
  };
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <Chips label={label} value={value} onRemove={(i) => onChange(value.filter((_, j) => j !== i))} />
      <div className="brief-add">
        <input id={id} value={text} placeholder={placeholder} onChange={(e) => setText(e.target.value)} onKeyDown={onKey} />
        <Button size="sm" disabled={!text.trim()} aria-label={`Add to ${label.toLowerCase()}`} onClick={add}>
          Add
        </Button>
      </div>
      <div className="field-hint">{hint}</div>
    </div>
  );
}

/** Codes only from the accepted list: an unknown one is refused with the reason. */
function CodeListField({ label, kind, hint, choices, value, onChange }: { label: string; kind: "language" | "market"; hint: string; choices: CodeChoiceView[] | null; value: string[]; onChange: (v: string[]) => void }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = `brief-${label.toLowerCase()}`;
  const names = new Map((choices ?? []).map((c) => [c.code, c.name] as const));
  const add = () => {
    if (!choices) return;
    const typed = text.split(",").map((s) => s.trim()).filter(Boolean);
    const unknown: string[] = [];
    const codes: string[] = [];
    for (const t of typed) {
      const code = matchCode(t, choices, kind);
      if (code === null) unknown.push(t);
      else if (!value.includes(code) && !codes.includes(code)) codes.push(code);
    }
    if (codes.length > 0) onChange([...value, ...codes]);
    if (unknown.length > 0) {
      setError(`${unknown.map((u) => `“${u}”`).join(", ")} ${unknown.length === 1 ? "is not a" : "are not"} ${kind} ${kind === "language" ? "code (ISO 639-1, e.g. en)" : "code (ISO 3166-1, e.g. GB)"} Scout knows.`);
      setText(unknown.join(", "));
    } else {
      setError(null);
      setText("");
    }
  };
  const listId = `${id}-choices`;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <Chips label={label} value={value.map((v) => (names.has(v.split("-")[0]!) ? `${v} · ${names.get(v.split("-")[0]!)}` : v))} onRemove={(i) => onChange(value.filter((_, j) => j !== i))} />
      <div className="brief-add">
        <input
          id={id}
          list={listId}
          value={text}
          aria-invalid={error !== null || undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          placeholder={kind === "language" ? "e.g. en" : "e.g. GB"}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <Button size="sm" disabled={!text.trim() || !choices} aria-label={`Add ${kind}`} onClick={add}>
          Add
        </Button>
      </div>
      <datalist id={listId}>
        {(choices ?? []).map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </datalist>
      {error ? (
        <div className="small error-text" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
      <div className="field-hint">{hint}</div>
    </div>
  );
}
