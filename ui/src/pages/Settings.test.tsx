import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../ipc";
import { resetApi } from "../test/ipcMock";
import { WorkspaceProvider } from "../workspace";
import { JobsProvider } from "../components/Jobs";
import { SettingsPage } from "./Settings";

vi.mock("../ipc", () => import("../test/ipcMock"));
const mockApi = vi.mocked(api);

function renderPage() {
  return render(
    <WorkspaceProvider>
      <JobsProvider>
        <SettingsPage />
      </JobsProvider>
    </WorkspaceProvider>,
  );
}

beforeEach(() => {
  resetApi();
  mockApi.tierBounds.mockResolvedValue({ micro: 10_000, mid: 100_000, macro_: 500_000, mega: 1_000_000 });
  mockApi.reportAuthor.mockResolvedValue({ name: "", agency: "" });
  mockApi.keyStatus.mockResolvedValue([]);
  mockApi.benchmarkTable.mockResolvedValue({
    version: "scout-default-2026-11",
    user_file: null,
    engagement_rate: [
      {
        platform: "instagram",
        basis: "per_follower",
        statistic: "median",
        cite: "Modash 2024",
        source: "Modash, 'Instagram Engagement Rate Benchmarks'",
        tiers: [{ tier: "micro", low: 0.0032, high: 0.0261, typical_low: 0.0075, typical_high: 0.0111 }],
      },
    ],
    views_to_followers: [],
  });
  mockApi.rateLimits.mockResolvedValue([
    { host: "public.api.bsky.app", per_second: 10, burst: 10 },
    { host: "*", per_second: 1, burst: 5 },
  ]);
  mockApi.openPath.mockResolvedValue(null);
  mockApi.revealPath.mockResolvedValue(null);
});

describe("Settings", () => {
  it("backs the workspace up to the file the save dialog chose", async () => {
    const user = userEvent.setup();
    mockApi.chooseSavePath.mockResolvedValue("/home/ana/scout-backup.scoutdb");
    mockApi.backupWorkspace.mockResolvedValue({ path: "/home/ana/scout-backup.scoutdb", bytes: 1_234_567, schema_version: 6 });
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Back up…" }));
    expect(mockApi.chooseSavePath).toHaveBeenCalledWith(expect.objectContaining({ filter: expect.objectContaining({ extensions: ["scoutdb", "db"] }) }));
    expect(mockApi.backupWorkspace).toHaveBeenCalledWith("/home/ana/scout-backup.scoutdb");
    expect(await screen.findByTestId("backup-done")).toHaveTextContent("/home/ana/scout-backup.scoutdb");
    await user.click(screen.getByRole("button", { name: "Show in folder" }));
    expect(mockApi.revealPath).toHaveBeenCalledWith("/home/ana/scout-backup.scoutdb");
  });

  it("restores from the chosen file after a confirmation and says where the old workspace went", async () => {
    const user = userEvent.setup();
    mockApi.chooseOpenPath.mockResolvedValue("/home/ana/old.scoutdb");
    mockApi.restoreWorkspace.mockResolvedValue({
      restored_from: "/home/ana/old.scoutdb",
      kept_aside: "/tmp/scout/scout.db.before-restore-20261203T061500",
      schema_version: 6,
      info: { data_dir: "/tmp/scout", creators: 42, has_demo: false, is_empty: false, version: "0.1.0" },
    });
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Restore…" }));
    expect(mockApi.restoreWorkspace).not.toHaveBeenCalled();
    const confirm = await screen.findByTestId("restore-confirm");
    expect(confirm).toHaveTextContent("/home/ana/old.scoutdb");
    await user.click(within(confirm).getByRole("button", { name: "Restore" }));
    expect(mockApi.restoreWorkspace).toHaveBeenCalledWith("/home/ana/old.scoutdb");
    const done = await screen.findByTestId("restore-done");
    expect(done).toHaveTextContent("42 creators");
    expect(done).toHaveTextContent("scout.db.before-restore-20261203T061500");
    // Pages reload what they show from the restored workspace.
    await waitFor(() => expect(mockApi.workspaceInfo.mock.calls.length).toBeGreaterThan(1));
  });

  it("shows a refused restore's reason, and nothing when the dialog is cancelled", async () => {
    const user = userEvent.setup();
    mockApi.chooseOpenPath.mockResolvedValueOnce(null);
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Restore…" }));
    expect(screen.queryByTestId("restore-confirm")).toBeNull();

    mockApi.chooseOpenPath.mockResolvedValueOnce("/home/ana/handles.csv");
    mockApi.restoreWorkspace.mockRejectedValue(new Error("/home/ana/handles.csv cannot be restored: it is not an SQLite database"));
    await user.click(screen.getByRole("button", { name: "Restore…" }));
    await user.click(within(await screen.findByTestId("restore-confirm")).getByRole("button", { name: "Restore" }));
    expect(await screen.findByText(/it is not an SQLite database/)).toBeInTheDocument();
  });

  it("shows the benchmark table, the request limits and the data folder from the façade", async () => {
    const user = userEvent.setup();
    renderPage();
    expect(await screen.findByText("table scout-default-2026-11")).toBeInTheDocument();
    const bench = screen.getByText("Modash 2024").closest("tr")!;
    expect(bench).toHaveTextContent("0.32%–2.61%");
    expect(bench).toHaveTextContent("median per follower");
    expect(await screen.findByText("public.api.bsky.app")).toBeInTheDocument();
    expect(screen.getByText("Any other host")).toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: "Open in file manager" }));
    expect(mockApi.openPath).toHaveBeenCalledWith("/tmp/scout");
  });
});
