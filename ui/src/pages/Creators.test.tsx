import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../ipc";
import { creatorRow, resetApi } from "../test/ipcMock";
import { WorkspaceProvider } from "../workspace";
import { CreatorsPage } from "./Creators";

vi.mock("../ipc", () => import("../test/ipcMock"));
const mockApi = vi.mocked(api);

const ROWS = [
  creatorRow({ id: 1, handle: "mid.example", display_name: "Mia Mid", platform: "youtube", platform_name: "YouTube", audience_word: "subscribers", followers: 12_345, tier: "mid", engagement_rate: 0.0345, authenticity: 81, fit: 64 }),
  creatorRow({ id: 2, handle: "big.example", display_name: "Bo Big", followers: 1_234_567, tier: "macro", engagement_rate: 0.0102, authenticity: 35, is_demo: true, risks: 2 }),
  creatorRow({ id: 3, handle: "small.example", display_name: "Sam Small", platform: "mastodon", platform_name: "Mastodon", followers: 950, tier: "nano", engagement_rate: null, authenticity: 90 }),
];

function renderPage() {
  return render(
    <WorkspaceProvider>
      <CreatorsPage />
    </WorkspaceProvider>,
  );
}

function handlesInOrder(): string[] {
  return screen.getAllByTestId("creator-row").map((r) => within(r).getByText(/^@/).textContent ?? "");
}

/** The query of the most recent `listCreators` call. */
function lastQuery() {
  const calls = mockApi.listCreators.mock.calls;
  return calls[calls.length - 1]![0];
}

beforeEach(() => {
  resetApi();
  mockApi.listCreators.mockResolvedValue({ rows: ROWS, total: 3 });
});

describe("Creators table", () => {
  it("formats audience with the platform's word, ER as a percent, and marks demo rows", async () => {
    renderPage();
    const rows = await screen.findAllByTestId("creator-row");
    expect(rows).toHaveLength(3);

    const big = rows.find((r) => r.textContent?.includes("Bo Big"))!;
    expect(within(big).getByText("1.2M").closest("td")).toHaveTextContent("1.2M followers");
    expect(within(big).getByText("1.02%")).toBeInTheDocument();
    expect(within(big).getByText("demo")).toBeInTheDocument();
    expect(within(big).getByText("2 risks")).toBeInTheDocument();

    const mid = rows.find((r) => r.textContent?.includes("Mia Mid"))!;
    expect(within(mid).getByText("12.3K").closest("td")).toHaveTextContent("12.3K subscribers");
    expect(within(mid).getByText("3.45%")).toBeInTheDocument();
    expect(within(mid).queryByText("demo")).toBeNull();

    const small = rows.find((r) => r.textContent?.includes("Sam Small"))!;
    expect(within(small).getByText("950").closest("td")).toHaveTextContent("950 followers");
    // No ER for this creator: a dash, not 0.00%.
    expect(small.querySelector('[data-col="er"]')).toHaveTextContent("—");
  });

  it("shows the rows in the order the query returned them and asks for the clicked sort", async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findAllByTestId("creator-row");
    expect(handlesInOrder()).toEqual(["@mid.example", "@big.example", "@small.example"]);
    expect(lastQuery()).toMatchObject({ sort: "followers", desc: true, limit: 50, offset: 0 });

    await user.click(screen.getByRole("button", { name: /^Handle/ }));
    expect(lastQuery()).toMatchObject({ sort: "handle", desc: false });
    await user.click(screen.getByRole("button", { name: /^Handle/ }));
    expect(lastQuery()).toMatchObject({ sort: "handle", desc: true });

    // Numbers: highest first on the first click.
    await user.click(screen.getByRole("button", { name: /^ER/ }));
    expect(lastQuery()).toMatchObject({ sort: "er", desc: true });
    await user.click(screen.getByRole("button", { name: /^Authenticity/ }));
    expect(lastQuery()).toMatchObject({ sort: "authenticity", desc: true });

    // The sort is remembered when the page is left and opened again (and across restarts).
    cleanup();
    renderPage();
    await screen.findAllByTestId("creator-row");
    expect(lastQuery()).toMatchObject({ sort: "authenticity", desc: true });
  }, 20_000);

  it("says how many creators match when filtered", async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findAllByTestId("creator-row");
    expect(await screen.findByText("3 vetted creators")).toBeInTheDocument();
    mockApi.listCreators.mockResolvedValue({ rows: [ROWS[0]!], total: 1 });
    await user.type(screen.getByLabelText("Search creators"), "mid");
    expect(await screen.findByText("1 of 3 vetted creators match the filters")).toBeInTheDocument();
  });

  it("sends platform, tier and text filters to the query", async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findAllByTestId("creator-row");

    await user.selectOptions(screen.getByLabelText("Platform"), "youtube");
    expect(lastQuery()).toMatchObject({ platform: "youtube", tier: null });
    await user.selectOptions(screen.getByLabelText("Platform"), "");

    await user.selectOptions(screen.getByLabelText("Tier"), "nano");
    expect(lastQuery()).toMatchObject({ platform: null, tier: "nano" });
    await user.selectOptions(screen.getByLabelText("Tier"), "");

    mockApi.listCreators.mockResolvedValue({ rows: [ROWS[1]!], total: 1 });
    await user.type(screen.getByLabelText("Search creators"), "bo b");
    expect(lastQuery()).toMatchObject({ text: "bo b" });
    await waitFor(() => expect(handlesInOrder()).toEqual(["@big.example"]));
  }, 20_000);

  it("pages through the total with Previous and Next", async () => {
    const user = userEvent.setup();
    mockApi.listCreators.mockResolvedValue({ rows: ROWS, total: 120 });
    renderPage();
    expect(await screen.findByTestId("pager-range")).toHaveTextContent("1–3 of 120");
    expect(screen.getByRole("button", { name: "Previous" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(lastQuery()).toMatchObject({ offset: 50, limit: 50 });
    await waitFor(() => expect(screen.getByTestId("pager-range")).toHaveTextContent("51–53 of 120"));
    await user.click(screen.getByRole("button", { name: "Previous" }));
    expect(lastQuery()).toMatchObject({ offset: 0 });
    // A new filter starts again at the first page.
    await user.click(screen.getByRole("button", { name: "Next" }));
    await user.selectOptions(screen.getByLabelText("Tier"), "mid");
    await waitFor(() => expect(lastQuery()).toMatchObject({ offset: 0, tier: "mid" }));
  }, 20_000);

  it("offers the demo workspace on first run", async () => {
    const user = userEvent.setup();
    mockApi.listCreators.mockResolvedValue({ rows: [], total: 0 });
    mockApi.workspaceInfo.mockResolvedValue({ data_dir: "/tmp/scout", creators: 0, has_demo: false, is_empty: true, version: "0.1.0" });
    mockApi.loadDemo.mockResolvedValue({ data_dir: "/tmp/scout", creators: 60, has_demo: true, is_empty: false, version: "0.1.0" });
    renderPage();
    await user.click(await screen.findByRole("button", { name: /Load demo workspace/ }));
    expect(mockApi.loadDemo).toHaveBeenCalledTimes(1);
  });
});
