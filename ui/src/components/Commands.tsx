// Desktop conventions the shell provides on every page: the native menu's actions,
// Ctrl/Cmd+K (command palette: a page name, a handle or a profile URL), Ctrl/Cmd+F (focus
// the current table's filter), Ctrl/Cmd+J (jobs panel), the About box, and dropping a CSV
// or text file of handles on the window to vet them.

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, errorMessage } from "../ipc";
import { navigate, paths } from "../router";
import { useWorkspace } from "../workspace";
import { useJobs } from "./Jobs";
import { Button } from "./ui";

const PAGES: Array<{ label: string; href: string; words: string }> = [
  { label: "Creators", href: paths.creators(), words: "creators table list" },
  { label: "Discover", href: paths.discover(), words: "discover search find hashtag keyword" },
  { label: "Add creators", href: paths.add(), words: "add vet new" },
  { label: "Shortlists", href: paths.shortlists(), words: "shortlists board" },
  { label: "Compare", href: paths.compare(), words: "compare side by side versus" },
  { label: "Brands", href: paths.brands(), words: "brands briefs" },
  { label: "Reports", href: paths.reports(), words: "reports pdf csv export" },
  { label: "Settings", href: paths.settings(), words: "settings keys preferences" },
];

interface Choice {
  id: string;
  label: string;
  run: () => Promise<void> | void;
}

/** Focus the filter of the table on the current page (a search box marked for it, else the first). */
export function focusTableFilter(): boolean {
  const el = document.querySelector<HTMLInputElement>("main [data-table-filter]") ?? document.querySelector<HTMLInputElement>('main input[type="search"]');
  if (!el) return false;
  el.focus();
  el.select();
  return true;
}

function looksLikeCreator(text: string): boolean {
  return /[./@:]/.test(text) && !/\s/.test(text);
}

function Palette({ onClose }: { onClose: () => void }) {
  const { added, setPanelOpen } = useJobs();
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement | null>(null);
  useEffect(() => input.current?.focus(), []);

  const q = text.trim();
  const choices = useMemo<Choice[]>(() => {
    const out: Choice[] = [];
    if (q && looksLikeCreator(q)) {
      out.push({
        id: "open",
        label: `Open ${q}`,
        run: async () => {
          const row = await api.findCreator(q);
          navigate(paths.creator(row.id));
        },
      });
      out.push({
        id: "vet",
        label: `Vet ${q}`,
        run: async () => {
          added(await api.enqueueVet([q]));
          setPanelOpen(true);
        },
      });
    }
    const lower = q.toLowerCase();
    for (const p of PAGES) {
      if (!lower || p.label.toLowerCase().includes(lower) || p.words.includes(lower)) out.push({ id: p.href, label: `Go to ${p.label}`, run: () => navigate(p.href) });
    }
    return out;
  }, [q, added, setPanelOpen]);

  const run = async (c: Choice | undefined) => {
    if (!c) return;
    try {
      await c.run();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <label htmlFor="palette-input" className="sr-only">
          Go to a page, open or vet a creator by handle or URL
        </label>
        <input
          id="palette-input"
          ref={input}
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={choices[active] ? `palette-${active}` : undefined}
          placeholder="Page name, handle or profile URL…"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") onClose();
            else if (e.key === "ArrowDown") {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, choices.length - 1));
            } else if (e.key === "ArrowUp") {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === "Enter") {
              e.preventDefault();
              void run(choices[active]);
            }
          }}
        />
        {error ? (
          <p className="error-text small" role="alert">
            {error}
          </p>
        ) : null}
        <ul id="palette-list" role="listbox" aria-label="Commands" className="palette-list">
          {choices.map((c, i) => (
            <li key={c.id} id={`palette-${i}`} role="option" aria-selected={i === active} className={i === active ? "active" : ""} onMouseEnter={() => setActive(i)} onClick={() => void run(c)}>
              {c.label}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function About({ onClose }: { onClose: () => void }) {
  const { info } = useWorkspace();
  const close = useRef<HTMLButtonElement | null>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()} onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <div className="about" role="dialog" aria-modal="true" aria-labelledby="about-title">
        <img src="/icon.svg" alt="" width={48} height={48} />
        <h2 id="about-title">Scout</h2>
        <p data-testid="about-version">Version {info?.version ?? "…"}</p>
        <p className="muted small">Discover and vet social-media creators, locally, with checks that show their evidence. MIT licence; the bot model's weights are fitted on InstaFake (CC BY-NC 4.0).</p>
        {info ? <p className="muted small">Data folder: {info.data_dir}</p> : null}
        <button ref={close} type="button" className="btn btn-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

/** Mount once in the shell. */
export function DesktopCommands() {
  const { added, setPanelOpen, panelOpen } = useJobs();
  const [palette, setPalette] = useState(false);
  const [about, setAbout] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [dropError, setDropError] = useState<string | null>(null);

  const act = useCallback(
    (action: string) => {
      if (action.startsWith("go:")) {
        const page = PAGES.find((p) => p.href === `#/${action.slice(3)}`);
        if (page) navigate(page.href);
      } else if (action === "palette") setPalette(true);
      else if (action === "find") focusTableFilter();
      else if (action === "jobs") setPanelOpen(!panelOpen);
      else if (action === "about") setAbout(true);
      else if (action === "open-file") navigate(paths.add());
    },
    [panelOpen, setPanelOpen],
  );

  useEffect(() => {
    let live = true;
    let unlisten: (() => void) | null = null;
    void api.onMenuAction(act).then((u) => (live ? (unlisten = u) : u()));
    return () => {
      live = false;
      unlisten?.();
    };
  }, [act]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const k = e.key.toLowerCase();
      if (k === "k") {
        e.preventDefault();
        setPalette((p) => !p);
      } else if (k === "f" && focusTableFilter()) e.preventDefault();
      else if (k === "j") {
        e.preventDefault();
        act("jobs");
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [act]);

  useEffect(() => {
    let live = true;
    let unlisten: (() => void) | null = null;
    void api
      .onFileDrop(async ({ over, paths: dropped }) => {
        setDragging(over);
        for (const path of dropped) {
          try {
            setDropError(null);
            added(await api.enqueueVetFile(path));
            setPanelOpen(true);
          } catch (err) {
            setDropError(errorMessage(err));
          }
        }
      })
      .then((u) => (live ? (unlisten = u) : u()))
      .catch(() => undefined);
    return () => {
      live = false;
      unlisten?.();
    };
  }, [added, setPanelOpen]);

  return (
    <>
      {palette ? <Palette onClose={() => setPalette(false)} /> : null}
      {about ? <About onClose={() => setAbout(false)} /> : null}
      {dragging ? (
        <div className="drop-overlay" aria-live="polite">
          Drop a CSV or text file of handles to vet them
        </div>
      ) : null}
      {dropError ? (
        <div className="toast" role="alert">
          <span>{dropError}</span>
          <Button size="sm" variant="ghost" icon="x" aria-label="Dismiss" onClick={() => setDropError(null)} />
        </div>
      ) : null}
    </>
  );
}
