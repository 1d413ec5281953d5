// The one module that talks to the Tauri side. Everything else imports `api` and the
// types from here; component tests mock this module (vi.mock("../ipc")).
//
// `bindings.ts` is generated from Rust by tauri-specta (never edit it by hand). The
// wrapper below turns each command's `{ status, data | error }` result into a value or
// a thrown `IpcFailure { code, message }`, filters vetting progress by run id, and
// wraps the native dialog and opener plugins.

import { save as saveDialog } from "@tauri-apps/plugin-dialog";
import { openUrl } from "@tauri-apps/plugin-opener";
import { commands, events } from "./bindings";
import type {
  BriefSummary,
  CreatorDetail,
  CreatorRow,
  ExportResult,
  IpcError,
  KeyStatus,
  ShortlistDetail,
  ShortlistSummary,
  TierBoundsView,
  VetEvent,
  VetOutcome,
  WorkspaceInfo,
} from "./bindings";

export type {
  BriefSummary,
  CreatorDetail,
  CreatorRow,
  EvidenceView,
  ExportResult,
  FindingView,
  IpcError,
  KeyStatus,
  PostView,
  ScorePart,
  SeriesPoint,
  ShortlistDetail,
  ShortlistEntryView,
  ShortlistSummary,
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

type CommandResult<T> = { status: "ok"; data: T } | { status: "error"; error: IpcError | string | unknown };

async function unwrap<T>(call: Promise<CommandResult<T>>): Promise<T> {
  const result = await call;
  if (result.status === "ok") return result.data;
  const error = result.error;
  if (typeof error === "object" && error !== null && "code" in error && "message" in error) {
    throw new IpcFailure(error as IpcError);
  }
  // Framework-level failures (unknown command, denied permission) reject with a string.
  throw new IpcFailure({ code: "internal", message: typeof error === "string" ? error : "The app could not run that command." });
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
  workspaceInfo: (): Promise<WorkspaceInfo> => unwrap(commands.workspaceInfo()),
  loadDemo: (): Promise<WorkspaceInfo> => unwrap(commands.loadDemo()),
  clearDemo: (): Promise<void> => unwrap(commands.clearDemo()).then(() => undefined),
  tierBounds: (): Promise<TierBoundsView> => unwrap(commands.getTierBounds()),
  setTierBounds: (bounds: TierBoundsView): Promise<void> => unwrap(commands.setTierBounds(bounds)).then(() => undefined),
  keyStatus: (): Promise<KeyStatus[]> => unwrap(commands.keyStatus()),
  setKey: (name: string, secret: string): Promise<void> => unwrap(commands.setKey(name, secret)).then(() => undefined),
  clearKey: (name: string): Promise<void> => unwrap(commands.clearKey(name)).then(() => undefined),

  // Creators
  listCreators: (brief: string | null): Promise<CreatorRow[]> => unwrap(commands.listCreators(brief)),
  getCreator: (id: number, brief: string | null): Promise<CreatorDetail> => unwrap(commands.getCreator(id, brief)),
  findCreator: (input: string): Promise<CreatorRow> => unwrap(commands.findCreator(input)),

  // Vetting
  vet: (run: string, inputs: string[]): Promise<VetOutcome[]> => unwrap(commands.vet(run, inputs)),
  cancelVet: (run: string): Promise<boolean> => unwrap(commands.cancelVet(run)),
  /** Listen to one run's progress; resolves to an unsubscribe function. */
  onVetProgress: async (run: string, handler: (event: VetEvent) => void): Promise<() => void> => {
    const unlisten = await events.vetProgress.listen((e) => {
      if (e.payload.run === run) handler(e.payload.event);
    });
    return unlisten;
  },

  // Shortlists
  listShortlists: (): Promise<ShortlistSummary[]> => unwrap(commands.listShortlists()),
  getShortlist: (name: string): Promise<ShortlistDetail> => unwrap(commands.getShortlist(name)),
  createShortlist: (name: string, client: string | null): Promise<ShortlistSummary> => unwrap(commands.createShortlist(name, client)),
  deleteShortlist: (name: string): Promise<void> => unwrap(commands.deleteShortlist(name)).then(() => undefined),
  addToShortlist: (name: string, creatorIds: number[]): Promise<void> =>
    unwrap(commands.addToShortlist(name, creatorIds)).then(() => undefined),
  removeFromShortlist: (name: string, creatorId: number): Promise<void> =>
    unwrap(commands.removeFromShortlist(name, creatorId)).then(() => undefined),
  setEntryStatus: (name: string, creatorId: number, status: string): Promise<void> =>
    unwrap(commands.setEntryStatus(name, creatorId, status)).then(() => undefined),
  setEntryNote: (name: string, creatorId: number, note: string): Promise<void> =>
    unwrap(commands.setEntryNote(name, creatorId, note)).then(() => undefined),

  // Brand briefs
  listBriefs: (): Promise<BriefSummary[]> => unwrap(commands.listBriefs()),
  saveBrief: (toml: string): Promise<BriefSummary> => unwrap(commands.saveBrief(toml)),
  deleteBrief: (name: string): Promise<void> => unwrap(commands.deleteBrief(name)).then(() => undefined),

  // Exports and reports
  exportCsv: (shortlist: string | null, path: string, excelEu: boolean): Promise<ExportResult> =>
    unwrap(commands.exportCsv(shortlist, path, excelEu)),
  reportPdf: (shortlist: string, brief: string | null, path: string): Promise<ExportResult> =>
    unwrap(commands.reportPdf(shortlist, brief, path)),
  openPath: (path: string): Promise<void> => unwrap(commands.openPath(path)).then(() => undefined),
  revealPath: (path: string): Promise<void> => unwrap(commands.revealPath(path)).then(() => undefined),

  // Native dialogs and the browser
  /** The native save dialog; `null` when the user cancels. */
  chooseSavePath: async (options: SaveOptions): Promise<string | null> =>
    saveDialog({ title: options.title, defaultPath: options.defaultPath, filters: [options.filter] }),
  /** Open a profile link in the default browser. */
  openLink: (url: string): Promise<void> => openUrl(url),
};

export type Api = typeof api;
