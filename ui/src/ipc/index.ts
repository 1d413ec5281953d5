// The one module that talks to the Tauri side. Everything else imports `api` and the
// types from here; component tests mock this module (vi.mock("../ipc")).
//
// `bindings.ts` is generated from Rust by tauri-specta (never edit it by hand). The
// wrapper below turns each command's `{ status, data | error }` result into a value or
// a thrown `IpcFailure { code, message }`, filters vetting progress by run id, and
// wraps the native dialog and opener plugins.

import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";
import { openUrl } from "@tauri-apps/plugin-opener";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { commands, events } from "./bindings";
import type { BriefChoices, DiscoverEvent, IpcError, JobEvent, TeamStatus, VetEvent } from "./bindings";

export type {
  ActivityEntry,
  BackupView,
  BandView,
  BenchmarkTableView,
  BriefChoices,
  BriefForm,
  CodeChoiceView,
  CompareEntry,
  CostEstimateView,
  MissingFigure,
  PlatformBenchmarkView,
  RateLimitView,
  RestoreView,
  TermView,
  BindingView,
  BriefSummary,
  CampaignStart,
  CreatorResultView,
  PlanRequest,
  PlanSummaryView,
  PlanTierView,
  PlanView,
  CreatorDetail,
  CreatorPage,
  CreatorQuery,
  CreatorRow,
  DiscoverEvent,
  DiscoverQuery,
  DiscoveredView,
  DiscoveryRunView,
  EvidenceView,
  ExportResult,
  FitView,
  FindingView,
  IpcError,
  ItemStage,
  JobDetail,
  JobEvent,
  JobItemView,
  JobKindView,
  JobState,
  JobView,
  KeyStatus,
  LinkedAccountView,
  RefreshSchedule,
  Platform,
  PostColumn,
  PostView,
  ReportAuthor,
  ScorePart,
  SeriesPoint,
  ShortlistDetail,
  ShortlistEntryView,
  ShortlistStatus,
  ShortlistSummary,
  SourceOutcome,
  SyncReport,
  TeamStatus,
  TierBoundsView,
  VetEvent,
  VetOutcome,
  WorkspaceInfo,
} from "./bindings";

/** A failed command: branch on `code`, show `message`. */
export class IpcFailure extends Error {
  readonly code: string;
  constructor(error: IpcError) {
    super(error.message);
    this.name = "IpcFailure";
    this.code = error.code;
  }
}

/** The message to show for anything a command threw. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === "string") return err;
  return "Something went wrong; try again.";
}

type Commands = typeof commands;
type CommandName = keyof Commands;
/** What a command resolves with when it succeeds. */
type Data<K extends CommandName> = Extract<Awaited<ReturnType<Commands[K]>>, { status: "ok" }>["data"];

async function unwrap<T>(call: Promise<{ status: "ok"; data: T } | { status: "error"; error: unknown }>): Promise<T> {
  const result = await call;
  if (result.status === "ok") return result.data;
  const error = result.error;
  if (typeof error === "object" && error !== null && "code" in error && "message" in error) {
    throw new IpcFailure(error as IpcError);
  }
  // Framework-level failures (unknown command, bad argument, denied permission) reject with a string.
  throw new IpcFailure({ code: "internal", message: typeof error === "string" ? error : "The app could not run that command." });
}

/** A command as a plain async function: same arguments, resolves with its data, throws IpcFailure. */
function command<K extends CommandName>(name: K): (...args: Parameters<Commands[K]>) => Promise<Data<K>> {
  const fn = commands[name] as (...args: Parameters<Commands[K]>) => Promise<{ status: "ok"; data: Data<K> } | { status: "error"; error: unknown }>;
  return (...args) => unwrap(fn(...args));
}

/** A fresh id for a vetting run, so a page only hears its own progress. */
export function newRunId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === "function") return c.randomUUID();
  return `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export interface SaveOptions {
  title: string;
  defaultPath: string;
  filter: { name: string; extensions: string[] };
}

export const api = {
  // Workspace and settings
  workspaceInfo: command("workspaceInfo"),
  loadDemo: command("loadDemo"),
  clearDemo: command("clearDemo"),
  tierBounds: command("getTierBounds"),
  setTierBounds: command("setTierBounds"),
  reportAuthor: command("getReportAuthor"),
  setReportAuthor: command("setReportAuthor"),
  keyStatus: command("keyStatus"),
  setKey: command("setKey"),
  clearKey: command("clearKey"),
  benchmarkTable: command("benchmarkTable"),
  rateLimits: command("rateLimits"),
  backupWorkspace: command("backupWorkspace"),
  restoreWorkspace: command("restoreWorkspace"),

  // Creators
  listCreators: command("listCreators"),
  getCreator: command("getCreator"),
  findCreator: command("findCreator"),
  compareCreators: command("compareCreators"),

  // Vetting
  vet: command("vet"),
  cancelVet: command("cancelVet"),
  /** Listen to one run's progress; resolves to an unsubscribe function. */
  onVetProgress: async (run: string, handler: (event: VetEvent) => void): Promise<() => void> => {
    const unlisten = await events.vetProgress.listen((e) => {
      if (e.payload.run === run) handler(e.payload.event);
    });
    return unlisten;
  },

  // Background jobs
  enqueueVet: command("enqueueVet"),
  enqueueVetIntoShortlist: command("enqueueVetIntoShortlist"),
  enqueueVetFile: command("enqueueVetFile"),
  enqueueRefresh: command("enqueueRefresh"),
  listJobs: command("listJobs"),
  getJob: command("getJob"),
  cancelJob: command("cancelJob"),
  retryJob: command("retryJob"),
  dismissJob: command("dismissJob"),
  refreshSchedule: command("getRefreshSchedule"),
  setRefreshSchedule: command("setRefreshSchedule"),
  /** Listen to every job's progress; resolves to an unsubscribe function. */
  // Discovery
  discover: command("discover"),
  cancelDiscover: command("cancelDiscover"),
  dismissDiscovered: command("dismissDiscovered"),
  linkedAccounts: command("linkedAccounts"),
  decideLink: command("decideLink"),
  savedSearches: command("savedSearches"),
  /** Listen to one discovery run's per-source progress; resolves with the unlisten function. */
  onDiscoverProgress: async (run: string, handler: (event: DiscoverEvent) => void): Promise<() => void> => {
    const unlisten = await events.discoverProgress.listen((e) => {
      if (e.payload.run === run) handler(e.payload.event);
    });
    return unlisten;
  },

  onJobProgress: async (handler: (event: JobEvent) => void): Promise<() => void> =>
    events.jobProgress.listen((e) => handler(e.payload.event)),

  // Native menu and window
  /** Listen to the native menu's items the page carries out (`go:creators`, `palette`, `find`, …). */
  onMenuAction: async (handler: (action: string) => void): Promise<() => void> =>
    events.menuAction.listen((e) => handler(e.payload.action)),
  /** Files dropped on the window: `over` while dragging, then the dropped paths. */
  onFileDrop: async (handler: (drop: { over: boolean; paths: string[] }) => void): Promise<() => void> =>
    getCurrentWebview().onDragDropEvent((e) => {
      const p = e.payload;
      if (p.type === "enter" || p.type === "over") handler({ over: true, paths: [] });
      else if (p.type === "leave") handler({ over: false, paths: [] });
      else handler({ over: false, paths: p.paths });
    }),

  // Shortlists
  listShortlists: command("listShortlists"),
  getShortlist: command("getShortlist"),
  createShortlist: command("createShortlist"),
  deleteShortlist: command("deleteShortlist"),
  addToShortlist: command("addToShortlist"),
  tagCreators: command("tagCreators"),
  removeFromShortlist: command("removeFromShortlist"),
  setEntryStatus: command("setEntryStatus"),
  setEntryNote: command("setEntryNote"),

  // Team sync
  teamStatus: command("teamStatus"),
  teamJoin: command("teamJoin"),
  teamSync: command("teamSync"),
  teamLeave: command("teamLeave"),
  shortlistActivity: command("shortlistActivity"),
  /** Listen to every change of the team sync state (background syncs included). */
  onTeamSync: async (handler: (status: TeamStatus) => void): Promise<() => void> =>
    events.teamSyncState.listen((e) => handler(e.payload.status)),

  // Campaign plans
  planShortlist: command("planShortlist"),
  savePlan: command("savePlan"),
  getSavedPlan: command("getSavedPlan"),
  startCampaign: command("startCampaign"),
  campaignResults: command("campaignResults"),

  // Brand briefs
  listBriefs: command("listBriefs"),
  saveBrief: command("saveBrief"),
  deleteBrief: command("deleteBrief"),
  briefForm: command("getBriefForm"),
  saveBriefForm: command("saveBriefForm"),
  /** The codes a brief accepts (cannot fail: core's own tables). */
  briefChoices: (): Promise<BriefChoices> => commands.briefChoices(),

  // Exports and reports
  exportCsv: command("exportCsv"),
  exportCsvCreators: command("exportCsvCreators"),
  reportPdf: command("reportPdf"),
  reportPdfWithPlan: command("reportPdfWithPlan"),
  openPath: command("openPath"),
  revealPath: command("revealPath"),

  // Native dialogs and the browser
  /** The native save dialog; `null` when the user cancels. */
  chooseSavePath: async (options: SaveOptions): Promise<string | null> =>
    saveDialog({ title: options.title, defaultPath: options.defaultPath, filters: [options.filter] }),
  /** The native open dialog for one file; `null` when the user cancels. */
  chooseOpenPath: async (options: { title: string; filter: { name: string; extensions: string[] } }): Promise<string | null> => {
    const picked = await openDialog({ title: options.title, multiple: false, directory: false, filters: [options.filter] });
    return typeof picked === "string" ? picked : null;
  },
  /** Open a profile link in the default browser. */
  openLink: (url: string): Promise<void> => openUrl(url),
};

export type Api = typeof api;
