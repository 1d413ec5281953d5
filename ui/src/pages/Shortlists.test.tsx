import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api, type ShortlistDetail } from "../ipc";
import { creatorRow, resetApi } from "../test/ipcMock";
import { WorkspaceProvider } from "../workspace";
import { ShortlistsPage } from "./Shortlists";

vi.mock("../ipc", () => import("../test/ipcMock"));
const mockApi = vi.mocked(api);

const SUMMARY = { id: 1, name: "Spring launch", client: "Acme Running", entries: 1, approved: 0, created_at: "2026-11-01T09:00:00Z" };
const DETAIL: ShortlistDetail = {
  summary: SUMMARY,
  entries: [
    {
      creator: creatorRow({ id: 7, handle: "alice.bsky.social", display_name: "Alice", followers: 48_200, engagement_rate: 0.021, authenticity: 77 }),
      status: "candidate",
      note: "",
      tags: [],
      added_at: "2026-11-02T09:00:00Z",
    },
  ],
};

function renderPage() {
  return render(
    <WorkspaceProvider>
      <ShortlistsPage selected="Spring launch" />
    </WorkspaceProvider>,
  );
}

beforeEach(() => {
  resetApi();
  mockApi.listShortlists.mockResolvedValue([SUMMARY]);
  mockApi.getShortlist.mockResolvedValue(DETAIL);
  mockApi.setEntryStatus.mockResolvedValue(null);
  mockApi.setEntryNote.mockResolvedValue(null);
  mockApi.removeFromShortlist.mockResolvedValue(null);
});

describe("Shortlist", () => {
  it("sets an entry's status through set_entry_status", async () => {
    const user = userEvent.setup();
    renderPage();
    const select = await screen.findByLabelText("Status of @alice.bsky.social");
    expect(select).toHaveValue("candidate");

    await user.selectOptions(select, "approved");
    expect(mockApi.setEntryStatus).toHaveBeenCalledWith("Spring launch", 7, "approved");
    await waitFor(() => expect(screen.getByLabelText("Status of @alice.bsky.social")).toHaveValue("approved"));
  });

  it("saves a note when the field loses focus", async () => {
    const user = userEvent.setup();
    renderPage();
    const note = await screen.findByLabelText("Note on @alice.bsky.social");
    await user.type(note, "Great fit for trail series");
    expect(mockApi.setEntryNote).not.toHaveBeenCalled();
    await user.tab();
    expect(mockApi.setEntryNote).toHaveBeenCalledWith("Spring launch", 7, "Great fit for trail series");
  });

  it("removes an entry and shows a failed status change as an error", async () => {
    const user = userEvent.setup();
    mockApi.setEntryStatus.mockRejectedValue(new Error("Unknown status"));
    renderPage();
    const row = await screen.findByTestId("entry-row");
    await user.selectOptions(within(row).getByLabelText("Status of @alice.bsky.social"), "rejected");
    expect(await screen.findByRole("alert")).toHaveTextContent("Unknown status");

    await user.click(screen.getByRole("button", { name: "Remove @alice.bsky.social" }));
    expect(mockApi.removeFromShortlist).toHaveBeenCalledWith("Spring launch", 7);
  });
});
