// Workspace-wide state every page reads: workspace facts (first run, demo data),
// the brand briefs, and the brief selected for Fit scores (remembered locally).

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, errorMessage, type BriefSummary, type WorkspaceInfo } from "./ipc";

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
}

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
  }, [refreshInfo, refreshBriefs]);

  // The remembered brief is stored per machine, not per workspace: forget it once the
  // briefs are known and it is not among them (another workspace, or deleted).
  useEffect(() => {
    if (brief && briefsLoaded && !briefs.some((b) => b.name === brief)) setBrief(null);
  }, [brief, briefs, briefsLoaded, setBrief]);
  // Until the briefs are known, no Fit is asked for with a brief that may not exist here.
  const activeBrief = brief && briefsLoaded && briefs.some((b) => b.name === brief) ? brief : null;

  const value = useMemo(
    () => ({ info, infoError, refreshInfo, briefs, refreshBriefs, brief: activeBrief, setBrief, dataVersion, dataChanged }),
    [info, infoError, refreshInfo, briefs, refreshBriefs, activeBrief, setBrief, dataVersion, dataChanged],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useWorkspace(): WorkspaceState {
  const value = useContext(Ctx);
  if (!value) throw new Error("useWorkspace must be used inside <WorkspaceProvider>");
  return value;
}
