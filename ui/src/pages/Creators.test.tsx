import { render, screen, within } from "@testing-library/react";
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

beforeEach(() => {
  resetApi();
  mockApi.listCreators.mockResolvedValue(ROWS);
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

  it("sorts by audience (largest first) by default and re-sorts on header clicks", async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findAllByTestId("creator-row");
    expect(handlesInOrder()).toEqual(["@big.example", "@mid.example", "@small.example"]);

    await user.click(screen.getByRole("button", { name: /^Handle/ }));
    expect(handlesInOrder()).toEqual(["@big.example", "@mid.example", "@small.example"]);
    await user.click(screen.getByRole("button", { name: /^Handle/ }));
    expect(handlesInOrder()).toEqual(["@small.example", "@mid.example", "@big.example"]);

    // ER: highest first, the creator without an ER last.
    await user.click(screen.getByRole("button", { name: /^ER/ }));
    expect(handlesInOrder()).toEqual(["@mid.example", "@big.example", "@small.example"]);
    // Ascending still keeps the missing value last.
    await user.click(screen.getByRole("button", { name: /^ER/ }));
    expect(handlesInOrder()).toEqual(["@big.example", "@mid.example", "@small.example"]);

    await user.click(screen.getByRole("button", { name: /^Authenticity/ }));
    expect(handlesInOrder()).toEqual(["@small.example", "@mid.example", "@big.example"]);
  });

  it("filters by platform, tier and text", async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findAllByTestId("creator-row");

    await user.selectOptions(screen.getByLabelText("Platform"), "youtube");
    expect(handlesInOrder()).toEqual(["@mid.example"]);
    await user.selectOptions(screen.getByLabelText("Platform"), "");

    await user.selectOptions(screen.getByLabelText("Tier"), "nano");
    expect(handlesInOrder()).toEqual(["@small.example"]);
    await user.selectOptions(screen.getByLabelText("Tier"), "");

    await user.type(screen.getByLabelText("Search creators"), "bo b");
    expect(handlesInOrder()).toEqual(["@big.example"]);
  });

  it("offers the demo workspace on first run", async () => {
    const user = userEvent.setup();
    mockApi.listCreators.mockResolvedValue([]);
    mockApi.workspaceInfo.mockResolvedValue({ data_dir: "/tmp/scout", creators: 0, has_demo: false, is_empty: true, version: "0.1.0" });
    mockApi.loadDemo.mockResolvedValue({ data_dir: "/tmp/scout", creators: 60, has_demo: true, is_empty: false, version: "0.1.0" });
    renderPage();
    await user.click(await screen.findByRole("button", { name: /Load demo workspace/ }));
    expect(mockApi.loadDemo).toHaveBeenCalledTimes(1);
  });
});
