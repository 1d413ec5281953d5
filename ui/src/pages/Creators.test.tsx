import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClientProvider } from "@tanstack/react-query";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { focusTableFilter } from "../components/Commands";
import { JobsProvider } from "../components/Jobs";
import { api, type CreatorQuery, type ShortlistSummary } from "../ipc";
import { createQueryClient, WorkspaceQuerySync } from "../lib/queries";
import { creatorRow, resetApi } from "../test/ipcMock";
import { WorkspaceProvider } from "../workspace";
import { CreatorsPage, ROW_HEIGHT } from "./Creators";

vi.mock("../ipc", () => import("../test/ipcMock"));
const mockApi = vi.mocked(api);

// jsdom lays nothing out: give the table's scroll box a height, so the virtualiser has
// rows in view (600 px ≈ 11 rows).
const VIEWPORT = 600;
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.testid === "creators-scroll" ? VIEWPORT : 0;
    },
  });
});
afterAll(() => {
  // Back to jsdom's own (inherited from Element).
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
});

const ROWS = [
  creatorRow({ id: 1, handle: "mid.example", display_name: "Mia Mid", platform: "youtube", platform_name: "YouTube", audience_word: "subscribers", followers: 12_345, tier: "mid", engagement_rate: 0.0345, authenticity: 81, fit: 64 }),
  creatorRow({ id: 2, handle: "big.example", display_name: "Bo Big", followers: 1_234_567, tier: "macro", engagement_rate: 0.0102, authenticity: 35, is_demo: true, risks: 2 }),
  creatorRow({ id: 3, handle: "small.example", display_name: "Sam Small", platform: "mastodon", platform_name: "Mastodon", followers: 950, tier: "nano", engagement_rate: null, authenticity: 90 }),
];

function renderPage() {
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } });
  return render(
    <QueryClientProvider client={client}>
      <WorkspaceProvider>
        <WorkspaceQuerySync />
        <JobsProvider>
          <CreatorsPage />
        </JobsProvider>
      </WorkspaceProvider>
    </QueryClientProvider>,
  );
}

/** `n` creators starting at `from` (ids and handles numbered by position). */
function numbered(from: number, n: number) {
  return Array.from({ length: n }, (_, i) =>
    creatorRow({ id: from + i + 1, handle: `c${from + i}.example`, display_name: `Creator ${from + i}`, followers: 100_000 - from - i }),
  );
}

/** Answer every page of a list of `total` creators with its own rows. */
function serveList(total: number) {
  mockApi.listCreators.mockImplementation(async (q: CreatorQuery) => {
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 50;
    return { rows: numbered(offset, Math.max(0, Math.min(limit, total - offset))), total };
  });
}

function shortlist(id: number, name: string): ShortlistSummary {
  return { id, name, client: null, entries: 0, approved: 0, created_at: "2026-11-01T00:00:00Z" };
}

function offsetsAsked(): number[] {
  return mockApi.listCreators.mock.calls.map((c) => c[0].offset ?? 0);
}

/** Scroll the table's box as a browser would (jsdom does not scroll): setting its offset
 * (here, or the page resetting to the top) fires `scroll`. */
function scrollTable(top: number) {
  const box = screen.getByTestId("creators-scroll") as HTMLElement & { scrollTop: number };
  if (!Object.prototype.hasOwnProperty.call(box, "scrollTop")) {
    let at = 0;
    Object.defineProperty(box, "scrollTop", {
      configurable: true,
      get: () => at,
      set: (v: number) => {
        at = v;
        fireEvent.scroll(box);
      },
    });
  }
  box.scrollTop = top;
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
    await waitFor(() => expect(lastQuery()).toMatchObject({ platform: "youtube", tier: null }));
    await user.selectOptions(screen.getByLabelText("Platform"), "");

    await user.selectOptions(screen.getByLabelText("Tier"), "nano");
    await waitFor(() => expect(lastQuery()).toMatchObject({ platform: null, tier: "nano" }));
    await user.selectOptions(screen.getByLabelText("Tier"), "");

    mockApi.listCreators.mockResolvedValue({ rows: [ROWS[1]!], total: 1 });
    await user.type(screen.getByLabelText("Search creators"), "bo b");
    await waitFor(() => expect(lastQuery()).toMatchObject({ text: "bo b", platform: null, tier: null }));
    await waitFor(() => expect(handlesInOrder()).toEqual(["@big.example"]));
  }, 20_000);

  it("asks for the next page by offset when scrolled to it, and only for the pages in view", async () => {
    serveList(100_000);
    renderPage();
    await screen.findAllByTestId("creator-row");
    // Only the first page: 50 rows asked for, a dozen or so rendered.
    expect(offsetsAsked()).toEqual([0]);
    expect(lastQuery()).toMatchObject({ limit: 50, offset: 0 });
    expect(screen.getAllByTestId("creator-row").length).toBeLessThan(40);
    expect(screen.getByTestId("creators-table")).toHaveAttribute("aria-rowcount", "100001");

    // Scroll to row 60: the second page (offset 50) is fetched and its rows shown.
    scrollTable(60 * ROW_HEIGHT);
    await waitFor(() => expect(offsetsAsked()).toContain(50));
    const row60 = await screen.findByText("@c60.example");
    expect(row60.closest("tr")).toHaveAttribute("data-index", "60");

    // A jump far down asks for that page alone, not every page before it.
    scrollTable(90_000 * ROW_HEIGHT);
    await screen.findByText("@c90000.example");
    expect(offsetsAsked().filter((o) => o > 50 && o < 89_950)).toEqual([]);
    expect(offsetsAsked()).toContain(90_000);

    // A new filter starts again at the top: first page of the new query.
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText("Tier"), "mid");
    await waitFor(() => expect(lastQuery()).toMatchObject({ offset: 0, tier: "mid" }));
    expect(screen.getByTestId("creators-scroll").scrollTop).toBe(0);
  }, 20_000);

  it("keeps the rows on screen while a new filter's first page loads", async () => {
    const user = userEvent.setup();
    renderPage();
    const table = (await screen.findAllByTestId("creator-row"))[0]!.closest("table");
    let answer: (page: { rows: typeof ROWS; total: number }) => void = () => undefined;
    mockApi.listCreators.mockImplementation(() => new Promise((ok) => (answer = ok)));
    await user.selectOptions(screen.getByLabelText("Tier"), "nano");
    await waitFor(() => expect(lastQuery()).toMatchObject({ tier: "nano" }));
    // Same table element, same rows, and a status line while the page is on its way.
    expect(screen.getByTestId("creators-table")).toBe(table);
    expect(screen.getAllByTestId("creator-row")).toHaveLength(3);
    expect(screen.getByRole("status")).toHaveTextContent("Loading creators…");
    answer({ rows: [ROWS[2]!], total: 1 });
    await waitFor(() => expect(handlesInOrder()).toEqual(["@small.example"]));
    expect(screen.getByTestId("creators-table")).toBe(table);
  });

  it("keeps the rows on screen, marked pending, while a brief's Fit scores come and while sorting by Fit", async () => {
    const user = userEvent.setup();
    mockApi.listBriefs.mockResolvedValue([{ name: "Oatly", toml: 'name = "Oatly"', topics: ["oat milk"], competitors: [], jurisdictions: [] }]);
    renderPage();
    const table = (await screen.findAllByTestId("creator-row"))[0]!.closest("table");
    expect(table).not.toHaveAttribute("aria-busy", "true");
    let answer: (page: { rows: typeof ROWS; total: number }) => void = () => undefined;
    mockApi.listCreators.mockImplementation(() => new Promise((ok) => (answer = ok)));

    // Choosing a brief: the old rows stay, the table says it is busy, and the status
    // line names the brief being scored (never a bare "Loading creators…" page).
    await user.selectOptions(await screen.findByLabelText("Brief for Fit"), "Oatly");
    await waitFor(() => expect(lastQuery()).toMatchObject({ brief: "Oatly" }));
    expect(screen.getByTestId("creators-table")).toBe(table);
    expect(screen.getAllByTestId("creator-row")).toHaveLength(3);
    expect(table).toHaveAttribute("aria-busy", "true");
    expect(screen.getByRole("status")).toHaveTextContent("Scoring Brand Fit against “Oatly” for every creator…");
    answer({ rows: ROWS.map((r, i) => ({ ...r, fit: 40 + i * 20 })), total: 3 });
    await waitFor(() => expect(table).not.toHaveAttribute("aria-busy", "true"));
    expect(screen.queryByRole("status")).toBeNull();

    // Sorting by Fit: same, until the sorted page arrives.
    await user.click(screen.getByRole("button", { name: /^Fit/ }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ brief: "Oatly", sort: "fit" }));
    expect(screen.getAllByTestId("creator-row")).toHaveLength(3);
    expect(handlesInOrder()).toEqual(["@mid.example", "@big.example", "@small.example"]);
    expect(table).toHaveAttribute("aria-busy", "true");
    answer({ rows: [ROWS[2]!, ROWS[1]!, ROWS[0]!].map((r, i) => ({ ...r, fit: 80 - i * 20 })), total: 3 });
    await waitFor(() => expect(handlesInOrder()).toEqual(["@small.example", "@big.example", "@mid.example"]));
    expect(table).not.toHaveAttribute("aria-busy", "true");
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

  it("hides a column from the column chooser and remembers it", async () => {
    const user = userEvent.setup();
    renderPage();
    const [first] = await screen.findAllByTestId("creator-row");
    expect(first!.querySelector('[data-col="er"]')).not.toBeNull();
    expect(screen.getByRole("columnheader", { name: /^ER/ })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: /^Columns/ }));
    const chooser = screen.getByRole("group", { name: "Show columns" });
    await user.click(within(chooser).getByLabelText("ER"));
    expect(screen.queryByRole("columnheader", { name: /^ER/ })).toBeNull();
    for (const row of screen.getAllByTestId("creator-row")) expect(row.querySelector('[data-col="er"]')).toBeNull();
    // The other columns stay.
    expect(screen.getAllByTestId("creator-row")[0]!.querySelector('[data-col="authenticity"]')).not.toBeNull();
    expect(screen.getByRole("button", { name: "Columns (1 hidden)" })).toBeInTheDocument();

    // Remembered when the page is opened again.
    cleanup();
    renderPage();
    await screen.findAllByTestId("creator-row");
    expect(screen.queryByRole("columnheader", { name: /^ER/ })).toBeNull();
    await user.click(screen.getByRole("button", { name: /^Columns/ }));
    await user.click(screen.getByRole("button", { name: "Show all" }));
    expect(screen.getByRole("columnheader", { name: /^ER/ })).toBeInTheDocument();
  }, 20_000);

  it("sends range, shortlist, status and tag filters to the query", async () => {
    const user = userEvent.setup();
    mockApi.listShortlists.mockResolvedValue([
      shortlist(1, "Spring"),
    ]);
    renderPage();
    await screen.findAllByTestId("creator-row");
    await user.click(screen.getByRole("button", { name: /^Filters/ }));

    await user.type(screen.getByLabelText("Audience at least"), "10000");
    await user.type(screen.getByLabelText("Audience at most"), "500000");
    await waitFor(() => expect(lastQuery()).toMatchObject({ min_followers: 10_000, max_followers: 500_000 }));

    // ER is typed in percent and asked for as a fraction.
    await user.type(screen.getByLabelText("ER at least"), "2.5");
    await waitFor(() => expect(lastQuery().min_er).toBeCloseTo(0.025, 10));
    await user.type(screen.getByLabelText("Authenticity at least"), "70");
    await waitFor(() => expect(lastQuery()).toMatchObject({ min_authenticity: 70, max_authenticity: null }));

    // Fit needs a brief: the range is disabled without one and never sent.
    expect(screen.getByLabelText("Fit at least")).toBeDisabled();
    expect(lastQuery()).toMatchObject({ min_fit: null, brief: null });

    await user.selectOptions(await screen.findByLabelText("Shortlist"), "Spring");
    await user.selectOptions(screen.getByLabelText("Shortlist status"), "approved");
    await user.type(screen.getByLabelText("Tag"), "vegan");
    await waitFor(() => expect(lastQuery()).toMatchObject({ shortlist: "Spring", status: "approved", tag: "vegan", min_followers: 10_000 }));
    expect(screen.getByRole("button", { name: "Filters (7)" })).toBeInTheDocument();

    // A value that is not a number is marked and left out.
    await user.clear(screen.getByLabelText("Audience at most"));
    await user.type(screen.getByLabelText("Audience at most"), "lots");
    expect(screen.getByLabelText("Audience at most")).toHaveAttribute("aria-invalid", "true");
    expect(await screen.findByRole("alert")).toHaveTextContent("plain numbers");
    await waitFor(() => expect(lastQuery()).toMatchObject({ max_followers: null, min_followers: 10_000 }));

    // Clearing goes back to the unfiltered list, already in the cache (no new request).
    const calls = mockApi.listCreators.mock.calls.length;
    await user.click(screen.getByRole("button", { name: "Clear filters" }));
    const cleared = { min_followers: null, max_followers: null, min_er: null, min_authenticity: null, shortlist: null, status: null, tag: null };
    await waitFor(() => expect(JSON.parse(screen.getByTestId("creators-scroll").dataset.query!)).toMatchObject(cleared));
    expect(mockApi.listCreators.mock.calls[0]![0]).toMatchObject(cleared);
    expect(mockApi.listCreators.mock.calls.length).toBe(calls);
    expect(screen.getByRole("button", { name: "Filters" })).toBeInTheDocument();
  }, 30_000);

  it("sends the Fit range with the brief once one is chosen", async () => {
    const user = userEvent.setup();
    mockApi.listBriefs.mockResolvedValue([{ name: "Oatly", toml: 'name = "Oatly"', topics: ["oat milk"], competitors: [], jurisdictions: [] }]);
    renderPage();
    await screen.findAllByTestId("creator-row");
    await user.selectOptions(await screen.findByLabelText("Brief for Fit"), "Oatly");
    await user.click(screen.getByRole("button", { name: /^Filters/ }));
    await user.type(screen.getByLabelText("Fit at least"), "60");
    await waitFor(() => expect(lastQuery()).toMatchObject({ brief: "Oatly", min_fit: 60 }));
  }, 20_000);

  it("vets, shortlists, tags and exports the selected creators with the right commands", async () => {
    const user = userEvent.setup();
    mockApi.listShortlists.mockResolvedValue([
      shortlist(1, "Spring"),
      shortlist(2, "Autumn"),
    ]);
    mockApi.enqueueVet.mockResolvedValue({
      id: 7,
      kind: "vet",
      title: "Vet 2 creators",
      state: "queued",
      total: 2,
      pending: 2,
      running: 0,
      done: 0,
      failed: 0,
      cancelled: 0,
      created_at: "2026-12-01T00:00:00Z",
      finished_at: null,
    });
    mockApi.addToShortlist.mockResolvedValue(null);
    mockApi.tagCreators.mockResolvedValue(2);
    mockApi.chooseSavePath.mockResolvedValue("/tmp/out/chosen.csv");
    mockApi.exportCsvCreators.mockResolvedValue({ path: "/tmp/out/chosen.csv", bundle_path: null, bytes: 420, count: 2 });
    renderPage();
    await screen.findAllByTestId("creator-row");
    expect(screen.queryByRole("region", { name: "Selected creators" })).toBeNull();

    // Choosing a row's box selects it without opening the creator.
    await user.click(screen.getByLabelText("Select Mia Mid"));
    await user.click(screen.getByLabelText("Select Sam Small"));
    const bar = screen.getByRole("region", { name: "Selected creators" });
    expect(within(bar).getByText("2 selected")).toBeInTheDocument();
    expect(window.location.hash).not.toContain("creator/");

    await user.click(within(bar).getByRole("button", { name: "Vet again" }));
    await waitFor(() => expect(mockApi.enqueueVet).toHaveBeenCalledWith([ROWS[0]!.url, ROWS[2]!.url]));

    const before = mockApi.listCreators.mock.calls.length;
    await user.selectOptions(within(bar).getByLabelText("Shortlist for the selected creators"), "Autumn");
    await user.click(within(bar).getByRole("button", { name: "Add to shortlist" }));
    await waitFor(() => expect(mockApi.addToShortlist).toHaveBeenCalledWith("Autumn", [1, 3]));
    expect(await within(bar).findByText("Added 2 creators to “Autumn”.")).toBeInTheDocument();
    // The write invalidates the cached pages: the table asks again.
    await waitFor(() => expect(mockApi.listCreators.mock.calls.length).toBeGreaterThan(before));

    expect(within(bar).getByRole("button", { name: "Tag" })).toBeDisabled();
    await user.type(within(bar).getByLabelText("Tag for the selected creators"), "vegan");
    await user.click(within(bar).getByRole("button", { name: "Tag" }));
    await waitFor(() => expect(mockApi.tagCreators).toHaveBeenCalledWith("Autumn", [1, 3], "vegan"));
    expect(await within(bar).findByText("Tagged 2 creators “vegan” on “Autumn”.")).toBeInTheDocument();

    await user.click(within(bar).getByRole("button", { name: "Export CSV" }));
    await waitFor(() => expect(mockApi.exportCsvCreators).toHaveBeenCalledWith([1, 3], "/tmp/out/chosen.csv", false));
    expect(await within(bar).findByText("chosen.csv")).toBeInTheDocument();
    expect(mockApi.exportCsv).not.toHaveBeenCalled();

    await user.click(within(bar).getByRole("button", { name: "Clear selection" }));
    expect(screen.queryByRole("region", { name: "Selected creators" })).toBeNull();
    expect(screen.getByLabelText("Select Mia Mid")).not.toBeChecked();
  }, 30_000);

  it("opens 2 to 4 selected creators side by side in Compare", async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findAllByTestId("creator-row");
    await user.click(screen.getByLabelText("Select Sam Small"));
    const bar = screen.getByRole("region", { name: "Selected creators" });
    // One creator is nothing to compare.
    expect(within(bar).getByRole("button", { name: "Compare" })).toBeDisabled();
    await user.click(screen.getByLabelText("Select Mia Mid"));
    await user.click(within(bar).getByRole("button", { name: "Compare" }));
    expect(window.location.hash).toBe("#/compare/1,3");
  });

  it("selects every loaded row from the header box", async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findAllByTestId("creator-row");
    await user.click(screen.getByLabelText("Select every loaded creator"));
    expect(within(screen.getByRole("region", { name: "Selected creators" })).getByText("3 selected")).toBeInTheDocument();
    for (const box of screen.getAllByLabelText(/^Select (Mia|Bo|Sam)/)) expect(box).toBeChecked();
  });

  it("is the table Ctrl/Cmd+F focuses", async () => {
    const client = createQueryClient();
    render(
      <QueryClientProvider client={client}>
        <WorkspaceProvider>
          <JobsProvider>
            <main>
              <CreatorsPage />
            </main>
          </JobsProvider>
        </WorkspaceProvider>
      </QueryClientProvider>,
    );
    await screen.findAllByTestId("creator-row");
    expect(focusTableFilter()).toBe(true);
    expect(screen.getByLabelText("Search creators")).toHaveFocus();
  });
});
