import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api, type PlanView } from "../ipc";
import { resetApi } from "../test/ipcMock";
import { PlanPanel } from "./Plan";

vi.mock("../ipc", () => import("../test/ipcMock"));
const mockApi = vi.mocked(api);

// A plan worked by hand: micro 2,000 of 5,000 (40 %) for 1,200 of 2,000 engagements (60 %).
const PLAN: PlanView = {
  shortlist: "Spring launch",
  name: null,
  objective: "engagement",
  unit: "authentic engagements",
  brief: null,
  currency: "USD",
  budget: 5_000,
  chosen: [
    { creator_id: 1, handle: "big.star", platform: "instagram", tier: "mega", posts: 1, cost: 3_000, fee_source: "quoted", value: 800, value_low: 500, value_high: 1_100 },
    { creator_id: 2, handle: "lena.makeup", platform: "instagram", tier: "micro", posts: 2, cost: 2_000, fee_source: "estimated", value: 1_200, value_low: 1_000, value_high: 1_500 },
  ],
  candidates: [],
  total_cost: 5_000,
  total_value: 2_000,
  total_value_low: 1_500,
  total_value_high: 2_600,
  tiers: [
    { tier: "micro", creators: 1, posts: 2, cost: 2_000, value: 1_200, value_low: 1_000, value_high: 1_500 },
    { tier: "mega", creators: 1, posts: 1, cost: 3_000, value: 800, value_low: 500, value_high: 1_100 },
  ],
  binding_constraints: [{ constraint: "budget", detail: "the budget of 5,000 is spent down to 0 and no further post fits", gain: 310 }],
  marginal_value_per_1000: 310,
  optimal: true,
  notes: [],
  comparison: [
    { name: "Optimised hybrid", kind: "optimised", objective: "engagement", budget: 5_000, total_cost: 5_000, total_value: 2_000, total_value_low: 1_500, total_value_high: 2_600, creators: 2, posts: 3, note: null, status: null },
    { name: "All mega", kind: "all_mega", objective: "engagement", budget: 5_000, total_cost: 3_000, total_value: 800, total_value_low: 500, total_value_high: 1_100, creators: 1, posts: 1, note: null, status: null },
    { name: "All micro", kind: "all_micro", objective: "engagement", budget: 5_000, total_cost: 0, total_value: 0, total_value_low: 0, total_value_high: 0, creators: 0, posts: 0, note: "no plannable micro creator on the shortlist", status: null },
    { name: "Spring A", kind: "saved", objective: "engagement", budget: 4_000, total_cost: 4_000, total_value: 1_700, total_value_low: 1_300, total_value_high: 2_200, creators: 2, posts: 2, note: null, status: "running" },
  ],
  assumptions: [{ what: "Reach per post, instagram", value: "37.7% from 0 followers", source: "Minter.io 2019" }],
  rate_card_version: "scout-rates-2026-12",
  reach_version: "scout-reach-2026-12",
};

beforeEach(() => {
  resetApi();
  mockApi.planShortlist.mockResolvedValue(PLAN);
  mockApi.savePlan.mockResolvedValue({ ...PLAN, name: "Autumn" });
  mockApi.campaignResults.mockResolvedValue([
    {
      handle: "lena.makeup",
      planned_posts: 2,
      delivered_posts: 1,
      cost: 2_000,
      views: null,
      engagements: 900,
      authentic_engagements: 765,
      authentic_low: 700,
      authentic_high: 810,
      realised_cpe: 2.61,
      planned_cpe: 1.67,
      disclosed_share: 0,
      deliverables: [
        { post_id: "p1", url: null, date: "2026-10-12T09:00:00Z", excerpt: "Mein Serum-Ritual mit Glow Lab", found_by: ["mentions Glow Lab"], views: null, engagements: 900, authentic_engagements: 765, disclosed: false, breaches: ["no disclosure at all"] },
      ],
    },
  ]);
});

describe("PlanPanel", () => {
  it("sends the budget, objective and constraints, and compares the plans side by side", async () => {
    const user = userEvent.setup();
    render(<PlanPanel shortlist="Spring launch" />);
    fireEvent.change(screen.getByLabelText("Budget amount"), { target: { value: "5000" } });
    await user.selectOptions(screen.getByLabelText("Objective"), "awareness");
    await user.type(screen.getByLabelText("Micro share at least (%)"), "30");
    await user.type(screen.getByLabelText("Creators at most"), "20");
    await user.click(screen.getByRole("button", { name: "Plan" }));
    await waitFor(() => expect(mockApi.planShortlist).toHaveBeenCalled());
    const req = mockApi.planShortlist.mock.calls[0]![0];
    expect(req.shortlist).toBe("Spring launch");
    expect(req.budget).toBe(5_000);
    expect(req.objective).toBe("awareness");
    expect(req.min_share).toEqual([{ tier: "micro", share: 0.3 }]);
    expect(req.max_creators).toBe(20);

    const result = await screen.findByTestId("plan-result");
    expect(result).toHaveTextContent("2 creators, 3 posts for USD 5,000 of USD 5,000: 2,000 (1,500–2,600) authentic engagements");
    expect(result).toHaveTextContent("The next 1,000 of budget adds about 310 authentic engagements");
    expect(within(screen.getByLabelText("What binds")).getByText(/spent down to 0/)).toBeInTheDocument();
    const rows = within(screen.getByTestId("plan-comparison")).getAllByRole("row");
    expect(rows.map((r) => (r as HTMLTableRowElement).cells[0]?.textContent?.trim())).toEqual(["Plan", "Optimised hybrid", "All mega", "All micro", "Spring A running"]);
    expect(rows[2]).toHaveTextContent("800 (500–1,100)");
    expect(rows[3]).toHaveTextContent("no plannable micro creator on the shortlist");
    // Chart: micro takes 40 % of the budget and gives 60 % of the value.
    const micro = screen.getByTestId("tier-micro");
    expect(micro).toHaveTextContent("40%");
    expect(micro).toHaveTextContent("60%");
    expect(within(screen.getByTestId("plan-picks")).getByText("quoted")).toBeInTheDocument();
  });

  it("saves a plan under a name and shows a running plan's results", async () => {
    const user = userEvent.setup();
    render(<PlanPanel shortlist="Spring launch" />);
    await user.click(screen.getByRole("button", { name: "Plan" }));
    await screen.findByTestId("plan-result");
    await user.type(screen.getByLabelText("Plan name"), "Autumn");
    await user.click(screen.getByRole("button", { name: "Save plan" }));
    await waitFor(() => expect(mockApi.savePlan).toHaveBeenCalledWith("Autumn", expect.objectContaining({ shortlist: "Spring launch" })));
    expect(await screen.findByText("Saved as “Autumn”")).toBeInTheDocument();
    mockApi.chooseSavePath.mockResolvedValue("/tmp/spring.pdf");
    mockApi.reportPdfWithPlan.mockResolvedValue({ path: "/tmp/spring.pdf", bundle_path: "/tmp/spring.bundle.json", bytes: 1000, count: 7 });
    await user.click(screen.getByRole("button", { name: "Export PDF with this plan" }));
    await waitFor(() => expect(mockApi.reportPdfWithPlan).toHaveBeenCalledWith("Spring launch", null, "Autumn", "/tmp/spring.pdf"));

    await user.click(screen.getByRole("button", { name: "Results" }));
    const table = await screen.findByTestId("campaign-results");
    expect(mockApi.campaignResults).toHaveBeenCalledWith("Spring launch", "Spring A");
    expect(table).toHaveTextContent("765 (700–810)");
    expect(table).toHaveTextContent("USD 2.61 / USD 1.67");
    expect(table).toHaveTextContent("Mein Serum-Ritual mit Glow Lab");
    expect(table).toHaveTextContent("no disclosure at all");
  });

  it("says why a plan cannot be made", async () => {
    const user = userEvent.setup();
    mockApi.planShortlist.mockRejectedValue(new Error("no plan meets the constraint min_share.micro: at least 30% of the budget must go to micro creators"));
    render(<PlanPanel shortlist="Spring launch" />);
    await user.click(screen.getByRole("button", { name: "Plan" }));
    expect(await screen.findByText(/min_share\.micro/)).toBeInTheDocument();
    expect(screen.queryByTestId("plan-result")).toBeNull();
  });
});
