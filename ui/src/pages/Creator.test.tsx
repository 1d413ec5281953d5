import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api, type CreatorDetail, type FindingView } from "../ipc";
import { creatorRow, resetApi } from "../test/ipcMock";
import { WorkspaceProvider } from "../workspace";
import { CreatorPage, expectedRange, findingFormatter, groupFindings } from "./Creator";

vi.mock("../ipc", () => import("../test/ipcMock"));
const mockApi = vi.mocked(api);

function finding(over: Partial<FindingView> & Pick<FindingView, "check" | "verdict">): FindingView {
  return { title: over.check, summary: "", display_value: null, value: null, expected_low: null, expected_high: null, confidence: 0.8, explanation: "", method: null, evidence: [], method_version: "x/1", ...over };
}

describe("finding figures", () => {
  it("reads shares as percents, counts as whole numbers, one-sided ranges with ≤ / ≥", () => {
    const share = { value: 0.425, expected_low: null, expected_high: 0.25 };
    expect(findingFormatter(share)(share.value)).toBe("42.50%");
    expect(expectedRange(share)).toBe("expected ≤ 25.00%");

    const count = { value: 0, expected_low: null, expected_high: 1 };
    expect(findingFormatter(count)(count.value)).toBe("0");
    expect(expectedRange(count)).toBe("expected ≤ 1");

    const ratio = { value: 15.72, expected_low: 8, expected_high: 150 };
    expect(findingFormatter(ratio)(ratio.value)).toBe("15.72");
    expect(expectedRange(ratio)).toBe("expected 8–150");

    const score = { value: 69.1, expected_low: 70, expected_high: null };
    expect(expectedRange(score)).toBe("expected ≥ 70");
  });

  it("groups findings risk → watch → ok → not enough data", () => {
    const groups = groupFindings([
      finding({ check: "a", verdict: "ok" }),
      finding({ check: "b", verdict: "not_enough_data" }),
      finding({ check: "c", verdict: "risk" }),
      finding({ check: "d", verdict: "ok" }),
    ]);
    expect(groups.map((g) => [g.verdict, g.findings.map((f) => f.check)])).toEqual([
      ["risk", ["c"]],
      ["ok", ["a", "d"]],
      ["not_enough_data", ["b"]],
    ]);
  });
});

const DETAIL: CreatorDetail = {
  row: creatorRow({ id: 4, handle: "clara.derm", display_name: "Clara Okafor", platform: "instagram", platform_name: "Instagram", followers: 58_100, engagement_rate: 0.0053, authenticity: 69, tier: "micro", is_demo: true }),
  bio: "Skincare.",
  following: 1000,
  posts_count: 320,
  engagement_rate_posts: 49,
  engagement_rate_low: 0.0032,
  engagement_rate_high: 0.0261,
  engagement_rate_verdict: "ok",
  posts_analyzed: 49,
  posts_per_week: 1.8,
  last_post_at: "2026-11-26T10:00:00Z",
  days_since_last_post: 0.4,
  views_to_followers: null,
  er_formula: "median over the recent posts of (likes + comments) / followers",
  authentic_er_low: 0.0027,
  authentic_er_high: 0.0034,
  authenticity_breakdown: [{ name: "Comment pod", weight: 0.135, score: 100, contribution: 13.5, explanation: "No pod pattern." }],
  er_series: [
    { at: "2026-11-01T10:00:00Z", value: 0.004, label: "p1" },
    { at: "2026-11-08T10:00:00Z", value: 0.006, label: "p2" },
  ],
  er_series_label: "2 of 49 posts",
  er_unavailable: null,
  authenticity_unavailable: null,
  posts_word: "posts",
  follower_series: [{ at: "2026-11-20T10:00:00Z", value: 58_100, label: null }],
  findings: [
    finding({
      check: "comment_quality.generic_share",
      title: "Generic comments",
      verdict: "risk",
      value: 0.844,
      expected_high: 0.3,
      explanation: "92 of 109 comments are generic.",
      summary: "84.4% of comments are generic praise or emoji only, typical of bought or automated comments.",
      display_value: "84.4%",
      evidence: [{ kind: "comment", id: "c-17", note: "🔥🔥🔥" }],
    }),
    finding({ check: "engagement_rate", title: "Engagement rate", verdict: "ok", value: 0.005, expected_low: 0.0032, expected_high: 0.0261 }),
  ],
  posts: [
    { id: "p2", url: null, created_at: "2026-11-08T10:00:00Z", text: "New SPF routine #ad", title: null, likes: null, likes_hidden: true, replies: 12, reposts: null, quotes: null, views: null, engagement_rate: 0.006, sponsored: true },
  ],
  post_columns: [
    { count: "likes", label: "Likes" },
    { count: "replies", label: "Comments" },
  ],
  missing: ["views: Instagram does not show views for photo posts"],
  shortlists: [],
  snapshots: 1,
  fit: null,
};

describe("Creator page", () => {
  beforeEach(() => {
    resetApi();
    mockApi.getCreator.mockResolvedValue(DETAIL);
  });

  it("shows headline figures, findings by verdict with evidence, missing data, posts", async () => {
    const user = userEvent.setup();
    render(
      <WorkspaceProvider>
        <CreatorPage id={4} />
      </WorkspaceProvider>,
    );
    expect(await screen.findByTestId("creator-handle")).toHaveTextContent("@clara.derm");
    expect(mockApi.getCreator).toHaveBeenCalledWith(4, null);
    expect(screen.getByTestId("metric-followers")).toHaveTextContent("58.1K");
    expect(screen.getByTestId("metric-er")).toHaveTextContent("0.53%");
    expect(screen.getByText("median per follower · expected 0.32%–2.61%")).toBeInTheDocument();
    // The platform's own words for its counts, and no column it never fills.
    expect(screen.getByRole("columnheader", { name: "Comments" })).toBeInTheDocument();
    expect(screen.queryByRole("columnheader", { name: "Quotes" })).toBeNull();

    const risk = document.querySelector('[data-verdict="risk"]') as HTMLElement;
    expect(within(risk).getByText("Generic comments")).toBeInTheDocument();
    // A plain sentence and a formatted figure first; the method one click away.
    expect(within(risk).getByText("84.4%")).toBeInTheDocument();
    expect(within(risk).getByText(/typical of bought or automated comments/)).toBeVisible();
    expect(within(risk).getByText("92 of 109 comments are generic.")).not.toBeVisible();
    await user.click(within(risk).getByText("How this was measured"));
    expect(within(risk).getByText("92 of 109 comments are generic.")).toBeVisible();
    expect(within(risk).getByText(/expected ≤ 30.00%/)).toBeVisible();
    const evidence = within(risk).getByText("Evidence (1)");
    expect(within(risk).getByText("c-17")).not.toBeVisible();
    await user.click(evidence);
    expect(within(risk).getByText("c-17")).toBeVisible();

    expect(screen.getByText(/Instagram does not show views/)).toBeInTheDocument();
    // One snapshot only: no follower history chart.
    expect(screen.queryByText("Followers over time")).toBeNull();
    // Hidden like counts say so instead of showing 0.
    expect(screen.getByText("hidden")).toBeInTheDocument();
    expect(screen.getByText("sponsored")).toBeInTheDocument();
  });

  it("names the brief and explains the Fit part by part when a brief is chosen", async () => {
    mockApi.getCreator.mockResolvedValue({
      ...DETAIL,
      row: { ...DETAIL.row, fit: 83 },
      fit: {
        brief: "Lumen SS26",
        score: 83,
        verdict: "ok",
        verdict_words: "good fit",
        parts: [
          { name: "Topic relevance", weight: 0.35, score: 86, contribution: 30.1, explanation: "48 of 50 posts on topic (96%)" },
          { name: "Brand safety", weight: 0.25, score: 100, contribution: 25, explanation: "no brand-safety phrase in 50 posts" },
        ],
      },
    });
    render(
      <WorkspaceProvider>
        <CreatorPage id={4} />
      </WorkspaceProvider>,
    );
    expect(await screen.findByText("Brand Fit for “Lumen SS26”")).toBeInTheDocument();
    expect(screen.getByText("good fit for “Lumen SS26”")).toBeInTheDocument();
    expect(screen.getByText("48 of 50 posts on topic (96%)")).toBeInTheDocument();
    expect(screen.getByText("30.1 / 35 pts")).toBeInTheDocument();
  });

  it("lets the page choose the brief for Fit, remembered with the table's choice", async () => {
    const user = userEvent.setup();
    mockApi.listBriefs.mockResolvedValue([
      { name: "Lumen SS26", brand: "Lumen", topics: ["spf"], competitors: [], version: 1 } as never,
    ]);
    render(
      <WorkspaceProvider>
        <CreatorPage id={4} />
      </WorkspaceProvider>,
    );
    await screen.findByTestId("creator-handle");
    expect(await screen.findByText(/Choose a brief to see how well this creator fits it/)).toBeInTheDocument();
    mockApi.getCreator.mockResolvedValue({
      ...DETAIL,
      row: { ...DETAIL.row, fit: 83 },
      fit: { brief: "Lumen SS26", score: 83, verdict: "ok", verdict_words: "good fit", parts: [{ name: "Topic relevance", weight: 0.35, score: 86, contribution: 30.1, explanation: "48 of 50 posts on topic (96%)" }] },
    });
    await user.selectOptions(screen.getByLabelText("Brief for Fit"), "Lumen SS26");
    expect(await screen.findByText("Brand Fit for “Lumen SS26”")).toBeInTheDocument();
    expect(mockApi.getCreator).toHaveBeenLastCalledWith(4, "Lumen SS26");
    // The same store the Creators table reads.
    expect(localStorage.getItem("scout.selectedBrief")).toBe("Lumen SS26");
  });

  it("says in plain words why a Twitch creator has no engagement rate or Authenticity", async () => {
    const twitchWhy = "Twitch does not show likes or comments on videos, so the engagement rate cannot be judged there.";
    mockApi.getCreator.mockResolvedValue({
      ...DETAIL,
      row: { ...DETAIL.row, platform: "twitch", platform_name: "Twitch", engagement_rate: null, authenticity: null },
      er_series: [],
      er_series_label: "0 of 50 videos",
      er_unavailable: twitchWhy,
      authenticity_unavailable: "Twitch does not show likes or comments on videos, so authenticity cannot be judged there.",
      posts_analyzed: 50,
      posts_word: "videos",
    });
    render(
      <WorkspaceProvider>
        <CreatorPage id={4} />
      </WorkspaceProvider>,
    );
    await screen.findByTestId("creator-handle");
    expect(screen.getByText("50 videos analysed")).toBeInTheDocument();
    // Said once, in the metric: no empty chart card repeating it.
    expect(screen.getAllByText(twitchWhy)).toHaveLength(1);
    expect(screen.queryByRole("heading", { name: "Engagement rate per post" })).not.toBeInTheDocument();
    expect(screen.getByTestId("authenticity-unavailable")).toHaveTextContent("authenticity cannot be judged there");
  });
});
