import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api, type CompareEntry, type CreatorDetail } from "../ipc";
import { creatorRow, resetApi } from "../test/ipcMock";
import { WorkspaceProvider } from "../workspace";
import { ComparePage } from "./Compare";

vi.mock("../ipc", () => import("../test/ipcMock"));
const mockApi = vi.mocked(api);

function detail(over: Partial<CreatorDetail> & Pick<CreatorDetail, "row">): CreatorDetail {
  return {
    bio: null,
    following: null,
    posts_count: null,
    engagement_rate_posts: 30,
    engagement_rate_low: null,
    engagement_rate_high: null,
    engagement_rate_verdict: null,
    posts_analyzed: 30,
    posts_per_week: 2,
    last_post_at: null,
    days_since_last_post: null,
    views_to_followers: null,
    er_formula: "",
    authentic_er_low: null,
    authentic_er_high: null,
    authenticity_breakdown: [],
    er_series: [],
    er_series_label: "0 of 30 posts",
    er_unavailable: null,
    authenticity_unavailable: null,
    posts_word: "posts",
    follower_series: [],
    findings: [],
    posts: [],
    post_columns: [],
    missing: [],
    shortlists: [],
    snapshots: 1,
    fit: null,
    ...over,
  };
}

const MICRO: CompareEntry = {
  creator_id: 4,
  detail: detail({
    row: creatorRow({ id: 4, handle: "clara.derm", display_name: "Clara Okafor", platform: "instagram", platform_name: "Instagram", followers: 58_100, tier: "micro", engagement_rate: 0.0187, authenticity: 81 }),
    engagement_rate_low: 0.0032,
    engagement_rate_high: 0.0261,
    engagement_rate_verdict: "ok",
    authentic_er_low: 0.0151,
    authentic_er_high: 0.0172,
  }),
  cost: { currency: "EUR", format: "post", fee_source: "quoted", cost_per_post: 250, fee_low: 250, fee_high: 250, engagements: 904, engagements_low: 850, engagements_high: 960, share_from: "measured", cpe: 0.2765, cpe_low: 0.26, cpe_high: 0.294, missing: [] },
  missing: [{ figure: "fit", reason: "no brief chosen: choose one to score Fit" }],
};

const MEGA: CompareEntry = {
  creator_id: 9,
  detail: detail({
    row: creatorRow({ id: 9, handle: "mega.trail", display_name: "Mega Trail", platform: "youtube", platform_name: "YouTube", audience_word: "subscribers", followers: 2_400_000, tier: "mega", engagement_rate: 0.0412, engagement_rate_basis: "per_view", authenticity: null }),
  }),
  cost: { currency: "EUR", format: "long_video", fee_source: null, cost_per_post: null, fee_low: null, fee_high: null, engagements: null, engagements_low: null, engagements_high: null, share_from: "assumed", cpe: null, cpe_low: null, cpe_high: null, missing: ["no fee: the rate card has no YouTube long_video row for mega"] },
  missing: [
    { figure: "authentic_er", reason: "No commenter sample was scored, so the authentic rate cannot be estimated." },
    { figure: "authenticity", reason: "Too few checks had data for an authenticity score." },
    { figure: "fit", reason: "no brief chosen: choose one to score Fit" },
    { figure: "cost_per_engagement", reason: "no fee: the rate card has no YouTube long_video row for mega" },
  ],
};

function renderPage(ids: number[]) {
  return render(
    <WorkspaceProvider>
      <ComparePage ids={ids} />
    </WorkspaceProvider>,
  );
}

beforeEach(() => {
  resetApi();
  window.location.hash = "";
  mockApi.compareCreators.mockResolvedValue([MICRO, MEGA]);
});

describe("Compare", () => {
  it("shows the chosen creators' figures from compare_creators, and why a figure is missing", async () => {
    renderPage([4, 9]);
    const table = await screen.findByTestId("compare-table");
    expect(mockApi.compareCreators).toHaveBeenCalledWith([4, 9], null);

    const micro = within(table).getAllByTestId("compare-4");
    const microText = micro.map((c) => c.textContent).join(" | ");
    expect(microText).toContain("58.1K followers");
    expect(microText).toContain("Micro");
    expect(microText).toContain("1.87%");
    expect(microText).toContain("median per follower");
    expect(microText).toContain("expected 0.32%–2.61%");
    expect(microText).toContain("1.51%–1.72%");
    expect(microText).toContain("81");
    expect(microText).toContain("quoted fee");
    expect(within(table).getByTestId("compare-cpe")).toHaveTextContent("0.277");

    const mega = within(table).getAllByTestId("compare-9").map((c) => c.textContent).join(" | ");
    expect(mega).toContain("2.4M subscribers");
    expect(mega).toContain("Mega");
    expect(mega).toContain("4.12%");
    expect(mega).toContain("median per view");
    expect(mega).toContain("No commenter sample was scored");
    expect(mega).toContain("Too few checks had data");
    expect(mega).toContain("no fee: the rate card has no YouTube long_video row for mega");
    expect(mega).toContain("no brief chosen");
  });

  it("asks for a second creator before comparing, and adds one found by search to the URL", async () => {
    const user = userEvent.setup();
    mockApi.listCreators.mockResolvedValue({ rows: [creatorRow({ id: 9, handle: "mega.trail", display_name: "Mega Trail", followers: 2_400_000, tier: "mega" })], total: 1 });
    renderPage([4]);
    expect(await screen.findByText("Choose one more creator")).toBeInTheDocument();
    expect(mockApi.compareCreators).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText("Add a creator"), "mega");
    await user.click(await screen.findByRole("button", { name: /Mega Trail/ }));
    await waitFor(() => expect(window.location.hash).toBe("#/compare/4,9"));
  });

  it("with one creator (the Creator page's “Compare with…”), names them and suggests others of their platform and tier", async () => {
    const user = userEvent.setup();
    mockApi.getCreator.mockResolvedValue(MICRO.detail!);
    mockApi.listCreators.mockResolvedValue({
      rows: [
        creatorRow({ id: 4, handle: "clara.derm", display_name: "Clara Okafor", platform: "instagram", platform_name: "Instagram", tier: "micro" }),
        creatorRow({ id: 12, handle: "skin.by.sam", display_name: "Sam Reyes", platform: "instagram", platform_name: "Instagram", followers: 61_000, tier: "micro" }),
      ],
      total: 2,
    });
    renderPage([4]);
    expect(await screen.findByRole("heading", { name: "Compare Clara Okafor with…" })).toBeInTheDocument();
    expect(within(screen.getByRole("list", { name: "Chosen creators" })).getByText("@clara.derm")).toBeInTheDocument();
    expect(screen.getByLabelText("Add a creator")).toHaveFocus();
    await waitFor(() => expect(mockApi.listCreators).toHaveBeenCalledWith(expect.objectContaining({ platform: "instagram", tier: "micro", sort: "followers", desc: true })));
    // Too few in the same tier: the platform's biggest of any tier fill the list.
    await waitFor(() => expect(mockApi.listCreators).toHaveBeenCalledWith(expect.objectContaining({ platform: "instagram", tier: null, sort: "followers", desc: true })));
    const suggested = await screen.findByRole("list", { name: "Suggested creators" });
    // The creator already chosen is not suggested to themselves.
    expect(within(suggested).queryByText("Clara Okafor")).not.toBeInTheDocument();
    await user.click(within(suggested).getByRole("button", { name: /Sam Reyes/ }));
    await waitFor(() => expect(window.location.hash).toBe("#/compare/4,12"));
  });

  it("scores Fit for the brief in use and shows a refused comparison's reason", async () => {
    window.localStorage.setItem("scout.selectedBrief", "Acme");
    mockApi.listBriefs.mockResolvedValue([{ name: "Acme", toml: "", topics: [], competitors: [], jurisdictions: [] }]);
    mockApi.compareCreators.mockRejectedValue(new Error("choose 2 to 4 different creators to compare (5 chosen)"));
    renderPage([1, 2]);
    expect(await screen.findByRole("alert")).toHaveTextContent("choose 2 to 4 different creators");
    await waitFor(() => expect(mockApi.compareCreators).toHaveBeenLastCalledWith([1, 2], "Acme"));
    window.localStorage.removeItem("scout.selectedBrief");
  });
});
