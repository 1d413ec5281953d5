// Workspace-wide state every page reads: workspace facts (first run, demo data),
// the brand briefs, and the brief selected for Fit scores (remembered locally).

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { api, errorMessage, type BriefSummary, type TeamStatus, type WorkspaceInfo } from "./ipc";

const BRIEF_KEY = "scout.selectedBrief";

export interface WorkspaceState {
  info: WorkspaceInfo | null;
  infoError: string | null;
  refreshInfo: () => Promise<void>;
  briefs: BriefSummary[];
  refreshBriefs: () => Promise<void>;
  brief: string | null;
  setBrief: (name: string | null) => void;
  /** Bumped whenever creators change (vetted, demo loaded/cleared) so lists reload. */
  dataVersion: number;
  dataChanged: () => void;
  /** The team sync state (`null` until read); updated by every sync, background ones included. */
  team: TeamStatus | null;
  setTeam: (status: TeamStatus) => void;
  refreshTeam: () => Promise<void>;
  /** Whether edits are allowed: a viewer in a team workspace may only read. */
  canEdit: boolean;
}

/** Why edit controls are disabled for a viewer. */
export const VIEWER_REASON = "You joined this team as a viewer: you can read its shortlists, but not change them.";

const Ctx = createContext<WorkspaceState | null>(null);

function readStoredBrief(): string | null {
  try {
    return window.localStorage.getItem(BRIEF_KEY);
  } catch {
    return null;
  }
}

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const [briefs, setBriefs] = useState<BriefSummary[]>([]);
  const [briefsLoaded, setBriefsLoaded] = useState(false);
  const [brief, setBriefState] = useState<string | null>(readStoredBrief);
  const [dataVersion, setDataVersion] = useState(0);
  const [team, setTeamState] = useState<TeamStatus | null>(null);
  const lastCursor = useRef<number | null>(null);

  // A sync that applied colleagues' changes (the cursor moved) reloads the lists.
  const setTeam = useCallback((status: TeamStatus) => {
    setTeamState(status);
    const moved = lastCursor.current !== null && lastCursor.current !== status.cursor;
    lastCursor.current = status.cursor;
    if (moved) setDataVersion((v) => v + 1);
  }, []);

  const refreshTeam = useCallback(async () => {
    try {
      const status = await api.teamStatus();
      if (status) setTeam(status);
    } catch {
      // Shown in Settings → Team when it loads; the rest of the app works without it.
    }
  }, [setTeam]);

  const refreshInfo = useCallback(async () => {
    try {
      setInfo(await api.workspaceInfo());
      setInfoError(null);
    } catch (err) {
      setInfoError(errorMessage(err));
    }
  }, []);

  const refreshBriefs = useCallback(async () => {
    try {
      setBriefs(await api.listBriefs());
    } catch {
      setBriefs([]);
    } finally {
      setBriefsLoaded(true);
    }
  }, []);

  const setBrief = useCallback((name: string | null) => {
    setBriefState(name);
    try {
      if (name) window.localStorage.setItem(BRIEF_KEY, name);
      else window.localStorage.removeItem(BRIEF_KEY);
    } catch {
      // Storage unavailable: the choice lasts for this session only.
    }
  }, []);

  const dataChanged = useCallback(() => {
    setDataVersion((v) => v + 1);
    void refreshInfo();
  }, [refreshInfo]);

  useEffect(() => {
    void refreshInfo();
    void refreshBriefs();
    void refreshTeam();
  }, [refreshInfo, refreshBriefs, refreshTeam]);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let gone = false;
    void Promise.resolve(api.onTeamSync(setTeam)).then((unlisten) => {
      if (gone) unlisten?.();
      else stop = unlisten;
    });
    return () => {
      gone = true;
      stop?.();
    };
  }, [setTeam]);

  // The remembered brief is stored per machine, not per workspace: forget it once the
  // briefs are known and it is not among them (another workspace, or deleted).
  useEffect(() => {
    if (brief && briefsLoaded && !briefs.some((b) => b.name === brief)) setBrief(null);
  }, [brief, briefs, briefsLoaded, setBrief]);
  // Until the briefs are known, no Fit is asked for with a brief that may not exist here.
  const activeBrief = brief && briefsLoaded && briefs.some((b) => b.name === brief) ? brief : null;

  const canEdit = team?.can_edit ?? true;
  const value = useMemo(
    () => ({ info, infoError, refreshInfo, briefs, refreshBriefs, brief: activeBrief, setBrief, dataVersion, dataChanged, team, setTeam, refreshTeam, canEdit }),
    [info, infoError, refreshInfo, briefs, refreshBriefs, activeBrief, setBrief, dataVersion, dataChanged, team, setTeam, refreshTeam, canEdit],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useWorkspace(): WorkspaceState {
  const value = useContext(Ctx);
  if (!value) throw new Error("useWorkspace must be used inside <WorkspaceProvider>");
  return value;
}
