import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api, type JobEvent, type JobItemView, type JobView } from "../ipc";
import { resetApi } from "../test/ipcMock";
import { WorkspaceProvider } from "../workspace";
import { JobsPanel, JobsProvider, useJobs } from "../components/Jobs";
import { AddCreatorsPage } from "./AddCreators";

vi.mock("../ipc", () => import("../test/ipcMock"));
const mockApi = vi.mocked(api);

const INPUTS = ["alice.bsky.social", "nobody.invalid", "https://www.youtube.com/@chan"];

function job(over: Partial<JobView> = {}): JobView {
  return {
    id: 5,
    kind: "vet",
    title: "Vet 3 creators",
    state: "queued",
    total: 3,
    pending: 3,
    running: 0,
    done: 0,
    failed: 0,
    cancelled: 0,
    created_at: "2026-12-01T10:00:00Z",
    finished_at: null,
    ...over,
  };
}

function item(position: number, over: Partial<JobItemView> = {}): JobItemView {
  return {
    id: 50 + position,
    job: 5,
    position,
    input: INPUTS[position]!,
    state: "pending",
    message: "waiting",
    attempts: 0,
    error_code: null,
    creator_id: null,
    handle: null,
    result: null,
    ...over,
  };
}

function OpenPanel() {
  const { setPanelOpen } = useJobs();
  return (
    <button type="button" onClick={() => setPanelOpen(true)}>
      open panel
    </button>
  );
}

function renderPage() {
  return render(
    <WorkspaceProvider>
      <JobsProvider>
        <AddCreatorsPage />
        <OpenPanel />
        <JobsPanel />
      </JobsProvider>
    </WorkspaceProvider>,
  );
}

describe("Add box", () => {
  let emit: (e: JobEvent) => void = () => undefined;

  beforeEach(() => {
    resetApi();
    window.sessionStorage.clear();
    mockApi.onJobProgress.mockImplementation(async (handler) => {
      emit = handler;
      return () => undefined;
    });
    mockApi.enqueueVet.mockResolvedValue(job());
    mockApi.getJob.mockResolvedValue({ job: job(), items: [item(0), item(1), item(2)] });
  });

  // Generous: typing into the box is slow on a loaded 2-core CI machine.
  it("queues a vet job and shows each input's progress and one-line error from the job's events", { timeout: 20_000 }, async () => {
    const user = userEvent.setup();
    renderPage();
    // Mixed separators and a duplicate: three distinct inputs.
    await user.type(screen.getByLabelText("Handles or profile URLs"), "alice.bsky.social\nnobody.invalid, https://www.youtube.com/@chan{enter}alice.bsky.social");
    expect(screen.getByText("3 creators to vet")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Vet" }));

    expect(mockApi.enqueueVet).toHaveBeenCalledWith(INPUTS);
    let rows = await screen.findAllByTestId("vet-row");
    expect(rows.map((r) => r.dataset.stage)).toEqual(["pending", "pending", "pending"]);

    act(() => {
      emit({ job: job({ state: "running", pending: 1, running: 1, failed: 1 }), item: item(0, { state: "running", message: "fetching posts (page 2)" }), settled: false });
      emit({
        job: job({ state: "running", pending: 1, running: 1, failed: 1 }),
        item: item(1, { state: "failed", message: "No account called nobody.invalid on Bluesky; check the spelling", error_code: "not_found" }),
        settled: false,
      });
    });
    rows = screen.getAllByTestId("vet-row");
    expect(rows.map((r) => r.dataset.stage)).toEqual(["running", "failed", "pending"]);
    expect(within(rows[0]!).getByText("fetching posts (page 2)")).toBeInTheDocument();
    expect(within(rows[1]!).getByText("No account called nobody.invalid on Bluesky; check the spelling")).toHaveClass("error-text");
    expect(screen.getByTestId("vet-summary")).toHaveTextContent("0 vetted · 1 failed · 2 in progress");

    act(() => {
      emit({ job: job({ state: "running", pending: 1, running: 0, done: 1, failed: 1 }), item: item(0, { state: "done", message: "stored", creator_id: 7, handle: "alice.bsky.social" }), settled: false });
      emit({
        job: job({ state: "failed", pending: 0, done: 1, failed: 2, finished_at: "2026-12-01T10:01:00Z" }),
        item: item(2, { state: "failed", message: "YouTube needs an API key: add one in Settings", error_code: "credentials" }),
        settled: true,
      });
    });
    rows = screen.getAllByTestId("vet-row");
    expect(rows.map((r) => r.dataset.stage)).toEqual(["done", "failed", "failed"]);
    expect(within(rows[0]!).getByRole("link", { name: "Open @alice.bsky.social →" })).toHaveAttribute("href", "#/creators/7");
    expect(screen.getByTestId("vet-summary")).toHaveTextContent("1 vetted · 2 failed");
    // The job is done: no Cancel, the Vet button is back.
    expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull();
    expect(screen.getByRole("button", { name: "Vet" })).toBeEnabled();
  });

  it("lists the job in the panel, where failed items can be retried", async () => {
    const user = userEvent.setup();
    mockApi.listJobs.mockResolvedValue([job({ state: "failed", pending: 0, done: 2, failed: 1, finished_at: "2026-12-01T10:01:00Z" })]);
    mockApi.getJob.mockResolvedValue({
      job: job({ state: "failed", pending: 0, done: 2, failed: 1 }),
      items: [item(0, { state: "done", creator_id: 7, handle: "alice.bsky.social" }), item(1, { state: "failed", message: "not found", error_code: "not_found" }), item(2, { state: "done", creator_id: 8, handle: "chan" })],
    });
    mockApi.retryJob.mockResolvedValue(job({ state: "running", pending: 1, done: 2 }));
    renderPage();
    await user.click(screen.getByRole("button", { name: "open panel" }));
    const panel = await screen.findByRole("dialog", { name: "Background jobs" });
    const card = await within(panel).findByTestId("job");
    expect(card.dataset.state).toBe("failed");
    expect(within(card).getByText("2 of 3 done · 1 failed")).toBeInTheDocument();
    await user.click(within(card).getByRole("button", { name: "Show items" }));
    const items = await within(card).findAllByTestId("job-item");
    expect(items.map((i) => i.dataset.stage)).toEqual(["done", "failed", "done"]);
    await user.click(within(items[1]!).getByRole("button", { name: "Retry nobody.invalid" }));
    expect(mockApi.retryJob).toHaveBeenCalledWith(5, 51);
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog", { name: "Background jobs" })).toBeNull();
  });

  it("shows why a vet could not be queued", async () => {
    const user = userEvent.setup();
    mockApi.enqueueVet.mockRejectedValue(new Error("The workspace database is locked by another Scout; close it and retry"));
    renderPage();
    await user.type(screen.getByLabelText("Handles or profile URLs"), "alice.bsky.social");
    await user.click(screen.getByRole("button", { name: "Vet" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("locked by another Scout");
    expect(screen.queryAllByTestId("vet-row")).toHaveLength(0);
  });
});
