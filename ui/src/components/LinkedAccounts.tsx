// The Creator page's "Also on" card: accounts on other platforms that look like the
// same person (bio links, link-in-bio pages, matching names and handles), each with its
// confidence and the evidence, to accept or reject. A decision is stored and kept when
// the links are computed again.

import { useState } from "react";
import { api, errorMessage, type LinkedAccountView } from "../ipc";
import { useLoad } from "../useLoad";
import { PlatformIcon, PLATFORMS } from "./PlatformIcon";
import { Badge, Button, Card, ErrorBanner } from "./ui";

const CONFIDENCE_TONE: Record<string, "ok" | "info" | "neutral"> = { confirmed: "ok", likely: "info", possible: "neutral" };

function platformName(key: string): string {
  return PLATFORMS.find((p) => p.key === key)?.name ?? key.charAt(0).toUpperCase() + key.slice(1);
}

export function LinkedAccounts({ creator }: { creator: string }) {
  const links = useLoad(() => api.linkedAccounts(creator), [creator]);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const decide = async (link: LinkedAccountView, accept: boolean) => {
    setBusy(link.id);
    setError(null);
    try {
      await api.decideLink(link.id, accept);
      await links.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const shown = (links.data ?? []).filter((l) => l.decision !== "rejected");
  return (
    <Card title="Also on" actions={<span className="muted small">same person on other platforms</span>}>
      {links.error ? <ErrorBanner message={links.error} onRetry={() => void links.reload()} /> : null}
      {error ? <ErrorBanner message={error} /> : null}
      {links.data === null && !links.error ? <p className="muted small">Looking for linked accounts…</p> : null}
      {links.data !== null && shown.length === 0 ? (
        <p className="muted small">No account on another platform links to or matches this creator yet. Discovery and vetting add candidates.</p>
      ) : null}
      {shown.length > 0 ? (
        <ul className="linked-list" aria-label="Linked accounts">
          {shown.map((l) => (
            <li key={`${l.platform}:${l.handle}`} className="linked-row" data-testid="linked-account">
              <div className="linked-head">
                <PlatformIcon platform={l.platform} size={14} />
                <strong>{platformName(l.platform)}</strong> <span>@{l.handle}</span>
                <Badge tone={CONFIDENCE_TONE[l.confidence] ?? "neutral"}>{l.confidence}</Badge>
                {l.decision === "accepted" ? <Badge tone="ok">accepted</Badge> : null}
                <span className="toolbar-spacer" />
                {l.decision === "suggested" && l.id > 0 ? (
                  <>
                    <Button size="sm" busy={busy === l.id} onClick={() => void decide(l, true)}>
                      Same person
                    </Button>
                    <Button size="sm" disabled={busy === l.id} onClick={() => void decide(l, false)}>
                      Not them
                    </Button>
                  </>
                ) : null}
              </div>
              <ul className="reasons muted">
                {l.evidence.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
