// A shortlist as a board by status: one column per review status (candidate → vetting →
// approved / rejected). A card moves by dragging it onto another column (native drag and
// drop), or from the keyboard: focus the card, ←/→ move it one column, or use its move
// buttons. Every move goes through the same status change as the list (`onStatus`) and is
// announced to screen readers. A viewer sees the board but cannot move cards.

import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import type { ShortlistEntryView, ShortlistStatus } from "../ipc";
import { Avatar } from "../components/Avatar";
import { Icon } from "../components/Icon";
import { PlatformIcon } from "../components/PlatformIcon";
import { Score } from "../components/Score";
import { Badge } from "../components/ui";
import { displayName } from "../lib/creators";
import { formatCount, formatPercent } from "../lib/format";
import { Link, paths } from "../router";
import { VIEWER_REASON } from "../workspace";
import "./ShortlistBoard.css";

/** The board's columns, in the order ←/→ walk them: the store's review statuses. */
export const BOARD_COLUMNS: ShortlistStatus[] = ["candidate", "vetting", "approved", "rejected"];

export const statusLabel = (s: ShortlistStatus): string => s.charAt(0).toUpperCase() + s.slice(1);

const DRAG_TYPE = "application/x-scout-creator";

export function ShortlistBoard({ entries, canEdit, onStatus }: { entries: ShortlistEntryView[]; canEdit: boolean; onStatus: (entry: ShortlistEntryView, status: ShortlistStatus) => Promise<unknown> }) {
  const [announcement, setAnnouncement] = useState("");
  const [over, setOver] = useState<ShortlistStatus | null>(null);
  // The card to focus once it has re-rendered in its new column.
  const refocus = useRef<number | null>(null);
  const cards = useRef(new Map<number, HTMLLIElement>());

  useEffect(() => {
    const id = refocus.current;
    if (id === null) return;
    const el = cards.current.get(id);
    if (el) {
      el.focus();
      refocus.current = null;
    }
  });

  const move = async (entry: ShortlistEntryView, to: ShortlistStatus, byKeyboard: boolean) => {
    if (!canEdit || entry.status === to) return;
    const who = `@${entry.creator.handle}`;
    setAnnouncement(`Moving ${who} to ${statusLabel(to)}…`);
    try {
      await onStatus(entry, to);
      // The card re-renders in its new column as a new element: focus it there.
      if (byKeyboard) refocus.current = entry.creator.id;
      setAnnouncement(`Moved ${who} to ${statusLabel(to)}.`);
    } catch {
      setAnnouncement(`${who} could not be moved to ${statusLabel(to)}.`);
    }
  };

  const step = (entry: ShortlistEntryView, delta: number): ShortlistStatus | null => {
    const i = BOARD_COLUMNS.indexOf(entry.status) + delta;
    return i >= 0 && i < BOARD_COLUMNS.length ? BOARD_COLUMNS[i]! : null;
  };

  const onKey = (e: KeyboardEvent<HTMLLIElement>, entry: ShortlistEntryView) => {
    if (e.target !== e.currentTarget) return; // keys inside the card's own buttons and link
    const delta = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (delta === 0) return;
    e.preventDefault();
    if (!canEdit) {
      setAnnouncement(VIEWER_REASON);
      return;
    }
    const to = step(entry, delta);
    if (to) void move(entry, to, true);
  };

  const drop = (e: DragEvent<HTMLElement>, to: ShortlistStatus) => {
    e.preventDefault();
    setOver(null);
    const id = Number(e.dataTransfer.getData(DRAG_TYPE));
    const entry = entries.find((x) => x.creator.id === id);
    if (entry) void move(entry, to, false);
  };

  return (
    <div className="board-wrap">
      <p className="muted small" id="board-help">
        {canEdit ? "Drag a card to another column, or focus it and press ← or → to move it one column." : VIEWER_REASON}
      </p>
      <div className="board" data-testid="shortlist-board">
        {BOARD_COLUMNS.map((status) => {
          const inColumn = entries.filter((e) => e.status === status);
          return (
            <section
              key={status}
              className={`board-col ${over === status ? "drop-over" : ""}`}
              aria-labelledby={`board-col-${status}`}
              data-testid={`board-col-${status}`}
              onDragOver={(e) => {
                if (!canEdit || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = "move";
                if (over !== status) setOver(status);
              }}
              onDragLeave={() => setOver((o) => (o === status ? null : o))}
              onDrop={(e) => drop(e, status)}
            >
              <h3 className="board-col-title" id={`board-col-${status}`}>
                <span className={`board-dot board-dot-${status}`} aria-hidden="true" />
                {statusLabel(status)} <span className="muted">{inColumn.length}</span>
              </h3>
              <ul className="board-cards" aria-label={`${statusLabel(status)}: ${inColumn.length} creator${inColumn.length === 1 ? "" : "s"}`}>
                {inColumn.map((entry) => (
                  <BoardCard
                    key={entry.creator.id}
                    entry={entry}
                    canEdit={canEdit}
                    prev={step(entry, -1)}
                    next={step(entry, 1)}
                    cardRef={(el) => {
                      if (el) cards.current.set(entry.creator.id, el);
                      else cards.current.delete(entry.creator.id);
                    }}
                    onKeyDown={(e) => onKey(e, entry)}
                    onMove={(to) => void move(entry, to, true)}
                  />
                ))}
                {inColumn.length === 0 ? <li className="board-empty muted small">No creators</li> : null}
              </ul>
            </section>
          );
        })}
      </div>
      <div className="sr-only" role="status" aria-live="polite" data-testid="board-announcer">
        {announcement}
      </div>
    </div>
  );
}

function BoardCard({ entry, canEdit, prev, next, cardRef, onKeyDown, onMove }: { entry: ShortlistEntryView; canEdit: boolean; prev: ShortlistStatus | null; next: ShortlistStatus | null; cardRef: (el: HTMLLIElement | null) => void; onKeyDown: (e: KeyboardEvent<HTMLLIElement>) => void; onMove: (to: ShortlistStatus) => void }) {
  const c = entry.creator;
  const who = `@${c.handle}`;
  return (
    <li
      ref={cardRef}
      className="board-card"
      tabIndex={0}
      draggable={canEdit}
      aria-label={`${displayName(c)} (${who}), ${statusLabel(entry.status)}`}
      aria-describedby="board-help"
      data-testid="board-card"
      onKeyDown={onKeyDown}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, String(c.id));
        e.dataTransfer.effectAllowed = "move";
      }}
    >
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
            <PlatformIcon platform={c.platform} size={12} /> {who}
          </div>
        </div>
      </div>
      <div className="board-card-figures small">
        <span title={`${formatCount(c.followers)} ${c.audience_word}`}>{formatCount(c.followers)}</span>
        <span title="Engagement rate">ER {formatPercent(c.engagement_rate)}</span>
        <span title="Authenticity">
          Auth. <Score value={c.authenticity} />
        </span>
      </div>
      {entry.note ? <div className="board-card-note small muted">{entry.note}</div> : null}
      <div className="board-card-moves">
        {prev ? (
          <button type="button" className="icon-btn" disabled={!canEdit} title={canEdit ? `Move to ${statusLabel(prev)}` : VIEWER_REASON} aria-label={`Move ${who} to ${statusLabel(prev)}`} onClick={() => onMove(prev)}>
            <Icon name="chevronLeft" size={14} />
          </button>
        ) : (
          <span />
        )}
        {next ? (
          <button type="button" className="icon-btn" disabled={!canEdit} title={canEdit ? `Move to ${statusLabel(next)}` : VIEWER_REASON} aria-label={`Move ${who} to ${statusLabel(next)}`} onClick={() => onMove(next)}>
            <Icon name="chevronRight" size={14} />
          </button>
        ) : null}
      </div>
    </li>
  );
}
