import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api, type ShortlistDetail, type TeamStatus } from "../ipc";
import { creatorRow, IpcFailure, joinedStatus, resetApi, teamStatus } from "../test/ipcMock";
import { WorkspaceProvider } from "../workspace";
import { SettingsPage } from "../pages/Settings";
import { ShortlistsPage } from "../pages/Shortlists";
import { JobsProvider } from "./Jobs";
import { SyncIndicator, syncLine } from "./Team";

vi.mock("../ipc", () => import("../test/ipcMock"));
const mockApi = vi.mocked(api);

const SERVER = "https://team.northlight.example:8443";

beforeEach(() => {
  resetApi();
  mockApi.reportAuthor.mockResolvedValue({ name: "", agency: "" });
  mockApi.tierBounds.mockResolvedValue({ micro: 1000, mid: 10_000, macro_: 100_000, mega: 1_000_000 });
  mockApi.keyStatus.mockResolvedValue([]);
});

function renderSettings() {
  return render(
    <WorkspaceProvider>
      <JobsProvider>
        <SyncIndicator />
        <SettingsPage />
      </JobsProvider>
    </WorkspaceProvider>,
  );
}

describe("Settings → Team", () => {
  it("joins with the server URL and invite code, then shows the server, role, device and last sync", async () => {
    const user = userEvent.setup();
    mockApi.teamJoin.mockResolvedValue(joinedStatus({ last_sync_at: new Date().toISOString() }));
    renderSettings();

    const join = await screen.findByRole("button", { name: "Join team" });
    expect(join).toBeDisabled();
    await user.type(screen.getByLabelText("Server URL"), `${SERVER}/`);
    await user.type(screen.getByLabelText("Invite code"), "  K7Q2-MX9P  ");
    await user.type(screen.getByLabelText("Your name for the team (optional)"), "Ana");
    await user.click(join);

    expect(mockApi.teamJoin).toHaveBeenCalledWith(`${SERVER}/`, "K7Q2-MX9P", "Ana");
    const facts = await screen.findByTestId("team-facts");
    expect(facts).toHaveTextContent(SERVER);
    expect(facts).toHaveTextContent("northlight");
    expect(facts).toHaveTextContent("Scout — edits shortlists");
    expect(facts).toHaveTextContent("Ana");
    expect(facts).toHaveTextContent("just now");
    expect(screen.getByTestId("team-pending")).toHaveTextContent("none — everything is sent");
    expect(screen.getByTestId("sync-indicator")).toHaveTextContent("Synced just now");
  });

  it("says in plain words that an unreachable server at join time is a connection problem", async () => {
    const user = userEvent.setup();
    mockApi.teamJoin.mockRejectedValue(new IpcFailure({ code: "team.unreachable", message: "the team server https://x cannot be reached (error sending request)" }));
    renderSettings();
    await user.type(await screen.findByLabelText("Server URL"), SERVER);
    await user.type(screen.getByLabelText("Invite code"), "K7Q2");
    await user.click(screen.getByRole("button", { name: "Join team" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(`Cannot reach the team server at ${SERVER}: check the address`);
    // Still not joined: the form stays.
    expect(screen.getByLabelText("Server URL")).toHaveValue(SERVER);
  });

  it("shows queued edits and the offline error, and keeps the app usable", async () => {
    mockApi.teamStatus.mockResolvedValue(
      joinedStatus({ pending: 3, last_error: `the team server ${SERVER} cannot be reached (error sending request for url); your edits stay queued and go out on the next sync` }),
    );
    renderSettings();
    expect(await screen.findByTestId("team-problem")).toHaveTextContent(`Cannot reach the team server at ${SERVER}: you can keep working, edits are queued and go out on the next sync. 3 edits waiting.`);
    expect(screen.getByTestId("team-pending")).toHaveTextContent("3 edits waiting to be sent");
    expect(screen.getByTestId("sync-indicator")).toHaveTextContent("Offline · 3 edits waiting");
  });

  it("syncs now and reports what was sent and received", async () => {
    const user = userEvent.setup();
    mockApi.teamStatus.mockResolvedValue(joinedStatus({ pending: 2 }));
    mockApi.teamSync.mockImplementation(async () => {
      mockApi.teamStatus.mockResolvedValue(joinedStatus({ pending: 0, cursor: 9 }));
      return { pushed: 2, rejected: ["status of @bob: a viewer cannot edit"], pulled: 7, snapshots: 1, head: 9 };
    });
    renderSettings();
    await user.click(await screen.findByRole("button", { name: "Sync now" }));
    expect(mockApi.teamSync).toHaveBeenCalledTimes(1);
    expect(await screen.findByText("Synced: sent 2 edits, received 7 changes, 1 snapshot from colleagues.")).toBeInTheDocument();
    expect(screen.getByText("status of @bob: a viewer cannot edit")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("team-pending")).toHaveTextContent("none"));
  });

  it("leaves only after a confirm, then offers the join form again", async () => {
    const user = userEvent.setup();
    mockApi.teamStatus.mockResolvedValue(joinedStatus());
    mockApi.teamLeave.mockResolvedValue(teamStatus({}));
    renderSettings();
    await user.click(await screen.findByRole("button", { name: "Leave team" }));
    expect(mockApi.teamLeave).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Leave the team? Local data stays" }));
    expect(mockApi.teamLeave).toHaveBeenCalledTimes(1);
    expect(await screen.findByLabelText("Server URL")).toBeInTheDocument();
    expect(screen.queryByTestId("sync-indicator")).not.toBeInTheDocument();
  });

  it("follows the background sync's state events in the indicator", async () => {
    let push: ((s: TeamStatus) => void) | undefined;
    mockApi.teamStatus.mockResolvedValue(joinedStatus({ last_sync_at: null }));
    mockApi.onTeamSync.mockImplementation(async (handler) => {
      push = handler;
      return () => undefined;
    });
    renderSettings();
    expect(await screen.findByTestId("sync-indicator")).toHaveTextContent("Not synced yet");
    await waitFor(() => expect(push).toBeDefined());
    act(() => push!(joinedStatus({ pending: 1 })));
    expect(screen.getByTestId("sync-indicator")).toHaveTextContent("1 edit waiting");
  });
});

describe("syncLine", () => {
  const now = new Date("2026-12-01T09:07:30Z");
  it("says how long ago the last sync was", () => {
    expect(syncLine(joinedStatus({ last_sync_at: "2026-12-01T09:05:00Z" }), now)).toBe("Synced 2 min ago");
  });
  it("names a failure that is not the network as a sync problem", () => {
    expect(syncLine(joinedStatus({ last_error: "https://x refused this device: revoked" }), now)).toBe("Sync problem");
  });
  it("does not count a viewer's undeliverable edits as waiting", () => {
    expect(syncLine(joinedStatus({ role: "viewer", can_edit: false, pending: 2 }), now)).toBe("Synced 2 min ago");
  });
});

const SUMMARY = { id: 1, name: "Spring launch", client: "Acme Running", entries: 1, approved: 0, created_at: "2026-11-01T09:00:00Z" };
const DETAIL: ShortlistDetail = {
  summary: SUMMARY,
  entries: [
    {
      creator: creatorRow({ id: 7, handle: "alice.bsky.social", display_name: "Alice" }),
      status: "approved",
      note: "",
      tags: [],
      added_at: "2026-11-02T09:00:00Z",
    },
  ],
};

function renderShortlist() {
  return render(
    <WorkspaceProvider>
      <ShortlistsPage selected="Spring launch" />
    </WorkspaceProvider>,
  );
}

describe("Shortlist activity and the viewer role", () => {
  beforeEach(() => {
    mockApi.listShortlists.mockResolvedValue([SUMMARY]);
    mockApi.getShortlist.mockResolvedValue(DETAIL);
  });

  it("lists who changed what, newest first, with edits not yet sent marked", async () => {
    mockApi.teamStatus.mockResolvedValue(joinedStatus());
    mockApi.shortlistActivity.mockResolvedValue([
      { pending: true, author: "Ana", at: "2026-12-01T09:06:00Z", creator: "alice.bsky.social", platform: "bluesky", field: "note", summary: "note: loves trail runs" },
      { pending: false, author: "Ben", at: "2026-12-01T09:04:00Z", creator: "alice.bsky.social", platform: "bluesky", field: "status", summary: "status → approved" },
      { pending: false, author: "Ben", at: "2026-12-01T09:03:00Z", creator: "alice.bsky.social", platform: "bluesky", field: "member", summary: "added" },
    ]);
    renderShortlist();
    const list = await screen.findByRole("list", { name: "Activity on Spring launch" });
    await waitFor(() => expect(within(list).getAllByTestId("activity-row")).toHaveLength(3));
    const rows = within(list).getAllByTestId("activity-row");
    expect(rows[0]).toHaveTextContent("Ana note: loves trail runs (on @alice.bsky.social)");
    expect(rows[0]).toHaveTextContent("waiting to send");
    expect(rows[1]).toHaveTextContent("Ben moved @alice.bsky.social to approved");
    expect(rows[1]).not.toHaveTextContent("waiting to send");
    expect(rows[2]).toHaveTextContent("Ben added @alice.bsky.social");
    expect(mockApi.shortlistActivity).toHaveBeenCalledWith("Spring launch");
  });

  it("shows no activity card and asks for none when the workspace is not in a team", async () => {
    renderShortlist();
    await screen.findByLabelText("Status of @alice.bsky.social");
    expect(screen.queryByRole("list", { name: /Activity on/ })).not.toBeInTheDocument();
    expect(mockApi.shortlistActivity).not.toHaveBeenCalled();
    expect(screen.getByLabelText("Status of @alice.bsky.social")).toBeEnabled();
  });

  it("disables a viewer's edit controls and says why", async () => {
    mockApi.teamStatus.mockResolvedValue(joinedStatus({ role: "viewer", can_edit: false }));
    renderShortlist();
    await waitFor(() => expect(screen.getByLabelText("Status of @alice.bsky.social")).toBeDisabled());
    expect(screen.getByTestId("viewer-note")).toHaveTextContent("You joined this team as a viewer");
    expect(screen.getByLabelText("Note on @alice.bsky.social")).toHaveAttribute("readonly");
    expect(screen.getByRole("button", { name: "Remove @alice.bsky.social" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Create" })).toBeDisabled();
    expect(screen.queryByRole("button", { name: "Delete" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Find creators")).not.toBeInTheDocument();
  });
});
