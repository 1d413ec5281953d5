import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api, type DiscoverEvent, type DiscoveredView, type DiscoveryRunView } from "../ipc";
import { resetApi } from "../test/ipcMock";
import { WorkspaceProvider } from "../workspace";
import { DiscoverPage } from "./Discover";

vi.mock("../ipc", () => import("../test/ipcMock"));
const mockApi = vi.mocked(api);

function found(over: Partial<DiscoveredView> & Pick<DiscoveredView, "id" | "handle">): DiscoveredView {
  return {
    platform: "bluesky",
    display_name: null,
    url: `https://bsky.app/profile/${over.handle}`,
    followers: null,
    followers_rounded: false,
    language: null,
    country: null,
    last_active: null,
    score: 1,
    reasons: [],
    linked_accounts: [],
    is_new: false,
    creator_id: null,
    engagement_rate: null,
    engagement_rate_basis: null,
    engagement_rate_statistic: null,
    authenticity: null,
    audience_word: "followers",
    ...over,
  };
}

const RUN: DiscoveryRunView = {
  run_id: 7,
  query: "skincare #zerodechet",
  outcomes: [
    { platform: "bluesky", status: "results", message: "2 accounts from the account search", found: 2, requests: 1 },
    { platform: "youtube", status: "needs_key", message: "needs a YouTube Data API key", found: 0, requests: 0 },
    { platform: "tiktok", status: "not_searchable", message: "TikTok has no public search", found: 0, requests: 0 },
  ],
  results: [
    found({
      id: 11,
      handle: "lea.bsky.social",
      display_name: "Léa",
      followers: 48200,
      followers_rounded: true,
      language: "fr",
      score: 4.5,
      is_new: true,
      reasons: ['Bluesky account search for "skincare" returned it (+3.0)', 'bio or name contains "skincare" (+1.5)'],
      linked_accounts: [
        { id: 3, platform: "instagram", handle: "lea.skin", confidence: "likely", evidence: ["the Bluesky bio links instagram.com/lea.skin"], decision: "suggested" },
      ],
    }),
    found({ id: 12, handle: "tom.bsky.social", followers: 900, score: 3, creator_id: 40, engagement_rate: 0.0312, engagement_rate_basis: "per_follower", engagement_rate_statistic: "median" }),
  ],
  total: 2,
  new_count: 1,
};

function renderPage() {
  return render(
    <WorkspaceProvider>
      <DiscoverPage />
    </WorkspaceProvider>,
  );
}

describe("Discover", () => {
  beforeEach(() => {
    resetApi();
    mockApi.onDiscoverProgress.mockResolvedValue(() => undefined);
  });

  it("sends the query with the chosen sources and filters, then shows each source's outcome and the ranked results", async () => {
    const user = userEvent.setup();
    let progress: ((e: DiscoverEvent) => void) | undefined;
    let finish: ((v: DiscoveryRunView) => void) | undefined;
    mockApi.onDiscoverProgress.mockImplementation(async (_run, handler) => {
      progress = handler;
      return () => undefined;
    });
    mockApi.discover.mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    renderPage();

    await user.type(screen.getByLabelText("Keywords and #hashtags"), "skincare #zerodechet");
    await user.click(screen.getByRole("checkbox", { name: /Bluesky/ }));
    await user.selectOptions(screen.getByRole("combobox", { name: /Tier/ }), "micro");
    await user.type(screen.getByLabelText("Language code (ISO 639-1)"), "fr");
    await user.click(screen.getByRole("button", { name: "Search" }));

    expect(mockApi.discover).toHaveBeenCalledWith("run-1", {
      query: "skincare #zerodechet",
      platforms: ["bluesky"],
      tier: "micro",
      min_followers: null,
      max_followers: null,
      language: "fr",
      brief: null,
      only_new: false,
      min_er: null,
      max_er: null,
      country: null,
      active_within_days: null,
      like: null,
      saved: null,
      save_as: null,
    });
    // Progress of the run arrives per source before the results.
    progress?.({ platform: "bluesky", stage: "searching", message: "accounts, page 1" });
    expect(await screen.findByText("accounts, page 1")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Cancel" })).toBeTruthy();

    finish?.(RUN);
    await screen.findByText("Needs a key");
    const sources = screen.getAllByTestId("discover-source");
    expect(sources.map((s) => s.dataset.platform)).toEqual(["bluesky", "youtube", "tiktok"]);
    expect(within(sources[1]!).getByText("Needs a key")).toBeTruthy();
    expect(within(sources[1]!).getByText("needs a YouTube Data API key")).toBeTruthy();
    expect(within(sources[2]!).getByText("Not searchable")).toBeTruthy();

    const rows = screen.getAllByTestId("discover-row");
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    expect(first.getByText("Léa")).toBeTruthy();
    expect(first.getByText("@lea.bsky.social")).toBeTruthy();
    expect(first.getByText("≈48.2K")).toBeTruthy();
    expect(first.getByText('Bluesky account search for "skincare" returned it (+3.0)')).toBeTruthy();
    expect(first.getByText("new")).toBeTruthy();
    expect(first.getByText(/@lea\.skin/)).toBeTruthy();
    expect(first.getByText("(likely)")).toBeTruthy();
    expect(screen.getByText("Results (2, 1 new)")).toBeTruthy();
  });

  it("vets the selected results by their profile URLs and dismisses others for the chosen brief", async () => {
    const user = userEvent.setup();
    mockApi.listBriefs.mockResolvedValue([{ name: "Acme", topics: [], file: "/tmp/acme.toml" } as never]);
    mockApi.discover.mockResolvedValue(RUN);
    mockApi.enqueueVet.mockResolvedValue({ id: 9 } as never);
    mockApi.dismissDiscovered.mockResolvedValue(1);
    renderPage();

    await user.type(screen.getByLabelText("Keywords and #hashtags"), "skincare");
    await user.selectOptions(await screen.findByRole("combobox", { name: /Brief/ }), "Acme");
    await user.click(screen.getByRole("button", { name: "Search" }));
    await screen.findAllByTestId("discover-row");

    const vet = screen.getByRole("button", { name: "Vet selected" }) as HTMLButtonElement;
    expect(vet.disabled).toBe(true);
    await user.click(screen.getByRole("checkbox", { name: "Select @lea.bsky.social" }));
    await user.click(vet);
    expect(mockApi.enqueueVet).toHaveBeenCalledWith(["https://bsky.app/profile/lea.bsky.social"]);
    expect(await screen.findByText(/Vetting 1 creator in the background \(job 9\)/)).toBeTruthy();

    await user.click(screen.getByRole("checkbox", { name: "Select @tom.bsky.social" }));
    await user.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(mockApi.dismissDiscovered).toHaveBeenCalledWith([12], "Acme");
    expect(await screen.findByText(/Dismissed 1 creator for Acme/)).toBeTruthy();
    expect(screen.getAllByTestId("discover-row")).toHaveLength(1);
  });

  it("shows the façade's error for an empty or failed search and keeps the form usable", async () => {
    const user = userEvent.setup();
    mockApi.discover.mockRejectedValue(new Error("No connection to public.api.bsky.app: check the network"));
    renderPage();
    const search = screen.getByRole("button", { name: "Search" }) as HTMLButtonElement;
    expect(search.disabled).toBe(true);
    await user.type(screen.getByLabelText("Keywords and #hashtags"), "cats");
    await user.click(search);
    expect(await screen.findByText("No connection to public.api.bsky.app: check the network")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Search" }) as HTMLButtonElement).disabled).toBe(false);
  });
  it("finds more like a shortlist instead of searching, by the name typed or picked", async () => {
    const user = userEvent.setup();
    mockApi.listShortlists.mockResolvedValue([{ id: 1, name: "Spring picks", client: null, entries: 4, approved: 1, created_at: "2026-11-01T00:00:00Z" } as never]);
    mockApi.discover.mockResolvedValue({ ...RUN, query: "like Spring picks" });
    renderPage();

    await user.click(screen.getByRole("radio", { name: "More like a shortlist or creator" }));
    const find = screen.getByRole("button", { name: "Find more like" }) as HTMLButtonElement;
    expect(find.disabled).toBe(true);
    await user.type(screen.getByLabelText("Shortlist or creator"), "Spring picks");
    await user.click(find);
    expect(mockApi.discover).toHaveBeenCalledWith("run-1", expect.objectContaining({ like: "Spring picks", saved: null, save_as: null }));
    expect(await screen.findAllByTestId("discover-row")).toHaveLength(2);
  });

  it("saves a search under a name, lists it, and re-runs it by name", async () => {
    const user = userEvent.setup();
    const SAVED = { name: "FR skincare", query: "skincare #zerodechet", platforms: ["bluesky", "mastodon"], brief: null, created_at: "2026-11-30T10:00:00Z" };
    mockApi.savedSearches.mockResolvedValueOnce([]).mockResolvedValue([SAVED]);
    mockApi.discover.mockResolvedValue(RUN);
    renderPage();

    await user.type(screen.getByLabelText("Keywords and #hashtags"), "skincare #zerodechet");
    await user.type(screen.getByLabelText("Save this search as (optional)"), "FR skincare");
    await user.click(screen.getByRole("button", { name: "Search" }));
    expect(mockApi.discover).toHaveBeenLastCalledWith("run-1", expect.objectContaining({ query: "skincare #zerodechet", save_as: "FR skincare", like: null, saved: null }));
    expect(await screen.findByText(/Saved as “FR skincare”/)).toBeTruthy();

    const item = await screen.findByTestId("saved-search");
    expect(within(item).getByText("FR skincare")).toBeTruthy();
    expect(within(item).getByText(/on Bluesky, Mastodon/)).toBeTruthy();
    await user.click(screen.getByRole("checkbox", { name: "Only creators not found before" }));
    await user.click(within(item).getByRole("button", { name: "Run FR skincare again" }));
    expect(mockApi.discover).toHaveBeenLastCalledWith("run-1", expect.objectContaining({ saved: "FR skincare", only_new: true, save_as: null }));
  });

  it("vets the selected results straight into a chosen shortlist", async () => {
    const user = userEvent.setup();
    mockApi.listShortlists.mockResolvedValue([{ id: 1, name: "Spring picks", client: null, entries: 4, approved: 1, created_at: "2026-11-01T00:00:00Z" } as never]);
    mockApi.discover.mockResolvedValue(RUN);
    mockApi.enqueueVetIntoShortlist.mockResolvedValue({ id: 5 } as never);
    renderPage();

    await user.type(screen.getByLabelText("Keywords and #hashtags"), "skincare");
    await user.click(screen.getByRole("button", { name: "Search" }));
    await screen.findAllByTestId("discover-row");
    await user.click(screen.getByRole("checkbox", { name: "Select @lea.bsky.social" }));
    await user.click(screen.getByRole("checkbox", { name: "Select @tom.bsky.social" }));
    await user.selectOptions(await screen.findByRole("combobox", { name: "Shortlist the vetted creators join" }), "Spring picks");
    await user.click(screen.getByRole("button", { name: "Vet into shortlist" }));
    expect(mockApi.enqueueVetIntoShortlist).toHaveBeenCalledWith(
      ["https://bsky.app/profile/lea.bsky.social", "https://bsky.app/profile/tom.bsky.social"],
      "Spring picks",
    );
    expect(mockApi.enqueueVet).not.toHaveBeenCalled();
    expect(await screen.findByText(/Vetting 2 creators into Spring picks in the background \(job 5\)/)).toBeTruthy();
  });
  it("sends the ER range in fractions with country and activity, and shows a vetted result's ER linked to its page", async () => {
    const user = userEvent.setup();
    mockApi.discover.mockResolvedValue(RUN);
    renderPage();
    await user.type(screen.getByLabelText("Keywords and #hashtags"), "trail");
    await user.type(screen.getByLabelText("Engagement rate at least, in percent (vetted creators only)"), "2,5");
    await user.type(screen.getByLabelText("Engagement rate at most, in percent (vetted creators only)"), "8");
    await user.type(screen.getByLabelText("Country code (where the source gives one)"), "fr");
    await user.selectOptions(screen.getByRole("combobox", { name: "Last post within" }), "30");
    await user.click(screen.getByRole("button", { name: "Search" }));
    expect(mockApi.discover).toHaveBeenCalledWith("run-1", expect.objectContaining({ min_er: 0.025, max_er: 0.08, country: "fr", active_within_days: 30 }));

    const rows = await screen.findAllByTestId("discover-row");
    expect(within(rows[0]!).getByText("not vetted")).toBeTruthy();
    const er = within(rows[1]!).getByRole("link", { name: "Open @tom.bsky.social's Creator page" });
    expect(er.textContent).toBe("3.12%");
    expect(er.getAttribute("href")).toBe("#/creators/40");
    expect(er.closest("td")?.getAttribute("title")).toBe("median per follower");
  });
});
