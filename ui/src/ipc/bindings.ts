// PROVISIONAL: replaced by the generated file as soon as the façade compiles.
import { invoke as __TAURI_INVOKE } from "@tauri-apps/api/core";
import * as __TAURI_EVENT from "@tauri-apps/api/event";

type R<T> = Promise<{ status: "ok"; data: T } | { status: "error"; error: IpcError }>;
async function typedError<T>(result: Promise<T>): R<T> {
  try {
    return { status: "ok", data: await result };
  } catch (e) {
    if (e instanceof Error) throw e;
    return { status: "error", error: e as any };
  }
}

export const commands = {
  workspaceInfo: (): R<WorkspaceInfo> => typedError(__TAURI_INVOKE("workspace_info")),
  loadDemo: (): R<WorkspaceInfo> => typedError(__TAURI_INVOKE("load_demo")),
  clearDemo: (): R<null> => typedError(__TAURI_INVOKE("clear_demo")),
  getTierBounds: (): R<TierBoundsView> => typedError(__TAURI_INVOKE("get_tier_bounds")),
  setTierBounds: (bounds: TierBoundsView): R<null> => typedError(__TAURI_INVOKE("set_tier_bounds", { bounds })),
  keyStatus: (): R<KeyStatus[]> => typedError(__TAURI_INVOKE("key_status")),
  setKey: (name: string, secret: string): R<null> => typedError(__TAURI_INVOKE("set_key", { name, secret })),
  clearKey: (name: string): R<null> => typedError(__TAURI_INVOKE("clear_key", { name })),
  listCreators: (brief: string | null): R<CreatorRow[]> => typedError(__TAURI_INVOKE("list_creators", { brief })),
  getCreator: (id: number, brief: string | null): R<CreatorDetail> => typedError(__TAURI_INVOKE("get_creator", { id, brief })),
  findCreator: (input: string): R<CreatorRow> => typedError(__TAURI_INVOKE("find_creator", { input })),
  vet: (run: string, inputs: string[]): R<VetOutcome[]> => typedError(__TAURI_INVOKE("vet", { run, inputs })),
  cancelVet: (run: string): R<boolean> => typedError(__TAURI_INVOKE("cancel_vet", { run })),
  listShortlists: (): R<ShortlistSummary[]> => typedError(__TAURI_INVOKE("list_shortlists")),
  getShortlist: (name: string): R<ShortlistDetail> => typedError(__TAURI_INVOKE("get_shortlist", { name })),
  createShortlist: (name: string, client: string | null): R<ShortlistSummary> => typedError(__TAURI_INVOKE("create_shortlist", { name, client })),
  deleteShortlist: (name: string): R<null> => typedError(__TAURI_INVOKE("delete_shortlist", { name })),
  addToShortlist: (name: string, creatorIds: number[]): R<null> => typedError(__TAURI_INVOKE("add_to_shortlist", { name, creatorIds })),
  removeFromShortlist: (name: string, creatorId: number): R<null> => typedError(__TAURI_INVOKE("remove_from_shortlist", { name, creatorId })),
  setEntryStatus: (name: string, creatorId: number, status: string): R<null> => typedError(__TAURI_INVOKE("set_entry_status", { name, creatorId, status })),
  setEntryNote: (name: string, creatorId: number, note: string): R<null> => typedError(__TAURI_INVOKE("set_entry_note", { name, creatorId, note })),
  listBriefs: (): R<BriefSummary[]> => typedError(__TAURI_INVOKE("list_briefs")),
  saveBrief: (toml: string): R<BriefSummary> => typedError(__TAURI_INVOKE("save_brief", { toml })),
  deleteBrief: (name: string): R<null> => typedError(__TAURI_INVOKE("delete_brief", { name })),
  exportCsv: (shortlist: string | null, path: string, excelEu: boolean): R<ExportResult> => typedError(__TAURI_INVOKE("export_csv", { shortlist, path, excelEu })),
  reportPdf: (shortlist: string, brief: string | null, path: string): R<ExportResult> => typedError(__TAURI_INVOKE("report_pdf", { shortlist, brief, path })),
  openPath: (path: string): R<null> => typedError(__TAURI_INVOKE("open_path", { path })),
  revealPath: (path: string): R<null> => typedError(__TAURI_INVOKE("reveal_path", { path })),
};

export const events = {
  vetProgress: {
    listen: (cb: __TAURI_EVENT.EventCallback<VetProgress>) => __TAURI_EVENT.listen("vet-progress", cb),
  },
};

export type IpcError = { code: string; message: string };
export type VetProgress = { run: string; event: VetEvent };
export type CreatorRow = { id: number; platform: string; platform_name: string; audience_word: string; handle: string; display_name: string | null; url: string; avatar_url: string | null; followers: number | null; tier: string | null; engagement_rate: number | null; authenticity: number | null; fit: number | null; last_vetted: string; is_demo: boolean; risks: number };
export type FindingView = { check: string; title: string; value: number | null; expected_low: number | null; expected_high: number | null; verdict: string; confidence: number; explanation: string; evidence: EvidenceView[]; method_version: string };
export type EvidenceView = { kind: string; id: string; note: string | null };
export type PostView = { id: string; url: string | null; created_at: string; text: string; title: string | null; likes: number | null; likes_hidden: boolean; replies: number | null; reposts: number | null; quotes: number | null; views: number | null; engagement_rate: number | null; sponsored: boolean };
export type SeriesPoint = { at: string; value: number; label: string | null };
export type ScorePart = { name: string; weight: number; score: number; contribution: number; explanation: string };
export type CreatorDetail = { row: CreatorRow; bio: string | null; following: number | null; posts_count: number | null; engagement_rate_median: number | null; posts_analyzed: number; posts_per_week: number | null; last_post_at: string | null; days_since_last_post: number | null; views_to_followers: number | null; er_formula: string; authentic_er_low: number | null; authentic_er_high: number | null; authenticity_breakdown: ScorePart[]; er_series: SeriesPoint[]; follower_series: SeriesPoint[]; findings: FindingView[]; posts: PostView[]; missing: string[]; shortlists: string[]; snapshots: number };
export type ShortlistSummary = { id: number; name: string; client: string | null; entries: number; approved: number; created_at: string };
export type ShortlistEntryView = { creator: CreatorRow; status: string; note: string; tags: string[]; added_at: string };
export type ShortlistDetail = { summary: ShortlistSummary; entries: ShortlistEntryView[] };
export type VetEvent = { index: number; input: string; stage: string; message: string; error_code: string | null; creator_id: number | null };
export type VetOutcome = { input: string; creator_id: number | null; handle: string | null; error_code: string | null; error: string | null };
export type KeyStatus = { source: string; name: string; label: string; set: boolean; adds: string };
export type TierBoundsView = { micro: number; mid: number; macro_: number; mega: number };
export type BriefSummary = { name: string; toml: string; topics: string[]; competitors: string[]; jurisdictions: string[] };
export type WorkspaceInfo = { data_dir: string; creators: number; has_demo: boolean; is_empty: boolean; version: string };
export type ExportResult = { path: string; bundle_path: string | null; bytes: number; count: number };
