// A stand-in for src/ipc used by component tests: every api function is a vi.fn(),
// the helpers are the real ones (they do not touch Tauri).
//
// Use with: vi.mock("../ipc", () => import("../test/ipcMock"));

import { vi, type Mock } from "vitest";
import type { Api, CreatorRow, IpcError, TeamStatus } from "../ipc";

type MockedApi = { [K in keyof Api]: Mock<Api[K]> };

export const api: MockedApi = {
  workspaceInfo: vi.fn(),
  loadDemo: vi.fn(),
  clearDemo: vi.fn(),
  tierBounds: vi.fn(),
  setTierBounds: vi.fn(),
  reportAuthor: vi.fn(),
  setReportAuthor: vi.fn(),
  keyStatus: vi.fn(),
  setKey: vi.fn(),
  clearKey: vi.fn(),
  benchmarkTable: vi.fn(),
  rateLimits: vi.fn(),
  backupWorkspace: vi.fn(),
  restoreWorkspace: vi.fn(),
  listCreators: vi.fn(),
  getCreator: vi.fn(),
  findCreator: vi.fn(),
  compareCreators: vi.fn(),
  vet: vi.fn(),
  cancelVet: vi.fn(),
  onVetProgress: vi.fn(),
  enqueueVet: vi.fn(),
  enqueueVetIntoShortlist: vi.fn(),
  enqueueVetFile: vi.fn(),
  enqueueRefresh: vi.fn(),
  listJobs: vi.fn(),
  getJob: vi.fn(),
  cancelJob: vi.fn(),
  retryJob: vi.fn(),
  dismissJob: vi.fn(),
  refreshSchedule: vi.fn(),
  setRefreshSchedule: vi.fn(),
  onJobProgress: vi.fn(),
  discover: vi.fn(),
  cancelDiscover: vi.fn(),
  dismissDiscovered: vi.fn(),
  linkedAccounts: vi.fn(),
  decideLink: vi.fn(),
  savedSearches: vi.fn(),
  onDiscoverProgress: vi.fn(),
  onMenuAction: vi.fn(),
  onFileDrop: vi.fn(),
  listShortlists: vi.fn(),
  getShortlist: vi.fn(),
  createShortlist: vi.fn(),
  deleteShortlist: vi.fn(),
  addToShortlist: vi.fn(),
  tagCreators: vi.fn(),
  removeFromShortlist: vi.fn(),
  setEntryStatus: vi.fn(),
  setEntryNote: vi.fn(),
  teamStatus: vi.fn(),
  teamJoin: vi.fn(),
  teamSync: vi.fn(),
  teamLeave: vi.fn(),
  shortlistActivity: vi.fn(),
  onTeamSync: vi.fn(),
  planShortlist: vi.fn(),
  savePlan: vi.fn(),
  getSavedPlan: vi.fn(),
  startCampaign: vi.fn(),
  campaignResults: vi.fn(),
  listBriefs: vi.fn(),
  saveBrief: vi.fn(),
  deleteBrief: vi.fn(),
  briefForm: vi.fn(),
  saveBriefForm: vi.fn(),
  briefChoices: vi.fn(),
  exportCsv: vi.fn(),
  exportCsvCreators: vi.fn(),
  reportPdf: vi.fn(),
  reportPdfWithPlan: vi.fn(),
  openPath: vi.fn(),
  revealPath: vi.fn(),
  chooseSavePath: vi.fn(),
  chooseOpenPath: vi.fn(),
  openLink: vi.fn(),
};

export class IpcFailure extends Error {
  readonly code: string;
  constructor(error: IpcError) {
    super(error.message);
    this.code = error.code;
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === "string") return err;
  return "Something went wrong; try again.";
}

export const newRunId = vi.fn(() => "run-1");

/** Reset every mock to a workspace with creators, no briefs, no shortlists. */
export function resetApi(): void {
  for (const fn of Object.values(api)) fn.mockReset();
  api.workspaceInfo.mockResolvedValue({ data_dir: "/tmp/scout", creators: 3, has_demo: true, is_empty: false, version: "0.1.0" });
  api.listBriefs.mockResolvedValue([]);
  api.listShortlists.mockResolvedValue([]);
  api.listCreators.mockResolvedValue({ rows: [], total: 0 });
  api.listJobs.mockResolvedValue([]);
  api.onJobProgress.mockResolvedValue(() => undefined);
  api.onMenuAction.mockResolvedValue(() => undefined);
  api.onFileDrop.mockResolvedValue(() => undefined);
  api.refreshSchedule.mockResolvedValue({ every_hours: null });
  api.linkedAccounts.mockResolvedValue([]);
  api.savedSearches.mockResolvedValue([]);
  api.onDiscoverProgress.mockResolvedValue(() => undefined);
  api.teamStatus.mockResolvedValue(teamStatus({}));
  api.onTeamSync.mockResolvedValue(() => undefined);
  api.shortlistActivity.mockResolvedValue([]);
  api.benchmarkTable.mockResolvedValue({ version: "scout-default-2026-11", user_file: null, engagement_rate: [], views_to_followers: [] });
  api.rateLimits.mockResolvedValue([]);
  api.briefChoices.mockResolvedValue({ languages: [], markets: [], jurisdictions: [] });
}

/** A team sync state: not joined unless `over` says otherwise. */
export function teamStatus(over: Partial<TeamStatus>): TeamStatus {
  return {
    joined: false,
    server_url: null,
    workspace: null,
    device: null,
    device_name: null,
    role: null,
    can_edit: true,
    cursor: 0,
    pending: 0,
    applied: 0,
    shared_snapshots: 0,
    joined_at: null,
    last_sync_at: null,
    last_error: null,
    keychain_entry: null,
    ...over,
  };
}

/** A joined scout's state, synced at `last_sync_at`. */
export function joinedStatus(over: Partial<TeamStatus> = {}): TeamStatus {
  return teamStatus({
    joined: true,
    server_url: "https://team.northlight.example:8443",
    workspace: "northlight",
    device: "dev-2",
    device_name: "Ana",
    role: "scout",
    joined_at: "2026-12-01T09:00:00Z",
    last_sync_at: "2026-12-01T09:05:00Z",
    keychain_entry: "scout-team:https://team.northlight.example:8443:northlight:dev-2",
    ...over,
  });
}

export function creatorRow(over: Partial<CreatorRow> & Pick<CreatorRow, "id" | "handle">): CreatorRow {
  return {
    platform: "bluesky",
    platform_name: "Bluesky",
    audience_word: "followers",
    display_name: null,
    url: `https://bsky.app/profile/${over.handle}`,
    avatar_url: null,
    followers: null,
    tier: null,
    engagement_rate: null,
    engagement_rate_basis: "per_follower",
    engagement_rate_statistic: "median",
    authenticity: null,
    fit: null,
    last_vetted: "2026-11-20T10:00:00Z",
    is_demo: false,
    risks: 0,
    ...over,
  };
}
