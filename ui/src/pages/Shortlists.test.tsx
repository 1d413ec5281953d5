import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api, type ShortlistDetail } from "../ipc";
import { creatorRow, joinedStatus, resetApi } from "../test/ipcMock";
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

  it("undoes a removal, restoring the entry's status and note", async () => {
    const user = userEvent.setup();
    const [entry] = DETAIL.entries;
    if (!entry) throw new Error("DETAIL has an entry");
    const noted = { ...DETAIL, entries: [{ ...entry, status: "vetting" as const, note: "Ask for the media kit" }] };
    mockApi.getShortlist.mockResolvedValue(noted);
    mockApi.addToShortlist.mockResolvedValue(null);
    renderPage();
    await screen.findByTestId("entry-row");
    mockApi.getShortlist.mockResolvedValue({ ...noted, entries: [] });
    await user.click(screen.getByRole("button", { name: "Remove @alice.bsky.social" }));
    expect(mockApi.removeFromShortlist).toHaveBeenCalledWith("Spring launch", 7);
    expect(mockApi.setEntryNote).not.toHaveBeenCalled();
    mockApi.getShortlist.mockResolvedValue(noted);
    await user.click(await screen.findByRole("button", { name: /Undo/ }));
    await waitFor(() => expect(mockApi.setEntryNote).toHaveBeenCalledWith("Spring launch", 7, "Ask for the media kit"));
    expect(mockApi.addToShortlist).toHaveBeenCalledWith("Spring launch", [7]);
    expect(mockApi.setEntryStatus).toHaveBeenCalledWith("Spring launch", 7, "vetting");
  });
});

describe("Shortlist board", () => {
  async function openBoard() {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Board" }));
    return user;
  }

  it("moves a focused card with the arrow keys through set_entry_status and announces it", async () => {
    const user = await openBoard();
    const candidates = screen.getByTestId("board-col-candidate");
    const card = within(candidates).getByTestId("board-card");
    card.focus();
    await user.keyboard("{ArrowRight}");
    expect(mockApi.setEntryStatus).toHaveBeenCalledWith("Spring launch", 7, "vetting");
    await waitFor(() => expect(within(screen.getByTestId("board-col-vetting")).getByTestId("board-card")).toBeInTheDocument());
    expect(within(candidates).queryByTestId("board-card")).toBeNull();
    expect(screen.getByTestId("board-announcer")).toHaveTextContent("Moved @alice.bsky.social to Vetting.");
    // Focus follows the card into its new column, so the next key moves it on.
    await waitFor(() => expect(document.activeElement).toBe(within(screen.getByTestId("board-col-vetting")).getByTestId("board-card")));
    await user.keyboard("{ArrowRight}");
    expect(mockApi.setEntryStatus).toHaveBeenLastCalledWith("Spring launch", 7, "approved");
    await waitFor(() => expect(within(screen.getByTestId("board-col-approved")).getByTestId("board-card")).toBeInTheDocument());
  });

  it("moves a card with its move button and by dropping it on a column", async () => {
    const user = await openBoard();
    await user.click(screen.getByRole("button", { name: "Move @alice.bsky.social to Vetting" }));
    expect(mockApi.setEntryStatus).toHaveBeenCalledWith("Spring launch", 7, "vetting");

    const card = await within(screen.getByTestId("board-col-vetting")).findByTestId("board-card");
    const data = new Map<string, string>();
    const dataTransfer = {
      setData: (t: string, v: string) => data.set(t, v),
      getData: (t: string) => data.get(t) ?? "",
      get types() {
        return [...data.keys()];
      },
      effectAllowed: "",
      dropEffect: "",
    };
    fireEvent.dragStart(card, { dataTransfer });
    const rejected = screen.getByTestId("board-col-rejected");
    fireEvent.dragOver(rejected, { dataTransfer });
    fireEvent.drop(rejected, { dataTransfer });
    expect(mockApi.setEntryStatus).toHaveBeenLastCalledWith("Spring launch", 7, "rejected");
    await waitFor(() => expect(within(rejected).getByTestId("board-card")).toBeInTheDocument());
  });

  it("announces a refused move and leaves the card where it was", async () => {
    mockApi.setEntryStatus.mockRejectedValue(new Error("The team server refused the edit"));
    const user = await openBoard();
    within(screen.getByTestId("board-col-candidate")).getByTestId("board-card").focus();
    await user.keyboard("{ArrowRight}");
    await waitFor(() => expect(screen.getByTestId("board-announcer")).toHaveTextContent("@alice.bsky.social could not be moved to Vetting."));
    expect(await screen.findByRole("alert")).toHaveTextContent("The team server refused the edit");
    expect(within(screen.getByTestId("board-col-candidate")).getByTestId("board-card")).toBeInTheDocument();
  });

  it("lets a viewer see the board but not move cards", async () => {
    mockApi.teamStatus.mockResolvedValue(joinedStatus({ role: "viewer", can_edit: false }));
    const user = await openBoard();
    await waitFor(() => expect(screen.getByRole("button", { name: "Move @alice.bsky.social to Vetting" })).toBeDisabled());
    const card = within(screen.getByTestId("board-col-candidate")).getByTestId("board-card");
    expect(card).toHaveAttribute("draggable", "false");
    card.focus();
    await user.keyboard("{ArrowRight}");
    expect(mockApi.setEntryStatus).not.toHaveBeenCalled();
    expect(screen.getByTestId("board-announcer")).toHaveTextContent("viewer");
  });
});
