import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api, type VetEvent, type VetOutcome } from "../ipc";
import { resetApi } from "../test/ipcMock";
import { WorkspaceProvider } from "../workspace";
import { AddCreatorsPage } from "./AddCreators";

vi.mock("../ipc", () => import("../test/ipcMock"));
const mockApi = vi.mocked(api);

function event(index: number, input: string, stage: string, message: string, extra: Partial<VetEvent> = {}): VetEvent {
  return { index, input, stage, message, error_code: null, creator_id: null, ...extra };
}

describe("Add box", () => {
  let emit: (e: VetEvent) => void = () => undefined;
  let finish: (o: VetOutcome[]) => void = () => undefined;
  const unlisten = vi.fn();

  beforeEach(() => {
    resetApi();
    mockApi.onVetProgress.mockImplementation(async (_run, handler) => {
      emit = handler;
      return unlisten;
    });
    mockApi.vet.mockImplementation(() => new Promise<VetOutcome[]>((resolve) => (finish = resolve)));
  });

  it("vets each input with its own progress row and a one-line error for failures", async () => {
    const user = userEvent.setup();
    render(
      <WorkspaceProvider>
        <AddCreatorsPage />
      </WorkspaceProvider>,
    );
    // Mixed separators and a duplicate: three distinct inputs.
    await user.type(screen.getByLabelText("Handles or profile URLs"), "alice.bsky.social\nnobody.invalid, https://www.youtube.com/@chan{enter}alice.bsky.social");
    expect(screen.getByText("3 creators to vet")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Vet" }));

    expect(mockApi.vet).toHaveBeenCalledWith("run-1", ["alice.bsky.social", "nobody.invalid", "https://www.youtube.com/@chan"]);
    let rows = await screen.findAllByTestId("vet-row");
    expect(rows.map((r) => r.dataset.stage)).toEqual(["queued", "queued", "queued"]);

    act(() => {
      emit(event(0, "alice.bsky.social", "fetching", "fetching posts (page 2)"));
      emit(event(1, "nobody.invalid", "failed", "No account called nobody.invalid on Bluesky; check the spelling", { error_code: "not_found" }));
      emit(event(2, "https://www.youtube.com/@chan", "checking", "running checks"));
    });
    rows = screen.getAllByTestId("vet-row");
    expect(rows.map((r) => r.dataset.stage)).toEqual(["fetching", "failed", "checking"]);
    expect(within(rows[0]!).getByText("fetching posts (page 2)")).toBeInTheDocument();
    expect(within(rows[1]!).getByText("No account called nobody.invalid on Bluesky; check the spelling")).toHaveClass("error-text");
    expect(screen.getByTestId("vet-summary")).toHaveTextContent("0 vetted · 1 failed · 2 in progress");

    await act(async () => {
      finish([
        { input: "alice.bsky.social", creator_id: 7, handle: "alice.bsky.social", error_code: null, error: null },
        { input: "nobody.invalid", creator_id: null, handle: null, error_code: "not_found", error: "No account called nobody.invalid on Bluesky; check the spelling" },
        { input: "https://www.youtube.com/@chan", creator_id: null, handle: null, error_code: "credentials", error: "YouTube needs an API key: add one in Settings" },
      ]);
    });

    rows = screen.getAllByTestId("vet-row");
    expect(rows.map((r) => r.dataset.stage)).toEqual(["done", "failed", "failed"]);
    expect(within(rows[0]!).getByRole("link", { name: "Open @alice.bsky.social →" })).toHaveAttribute("href", "#/creators/7");
    expect(within(rows[2]!).getByText("YouTube needs an API key: add one in Settings")).toBeInTheDocument();
    expect(screen.getByTestId("vet-summary")).toHaveTextContent("1 vetted · 2 failed");
    expect(unlisten).toHaveBeenCalledTimes(1);
    // A success refreshes the workspace facts (creator count, demo flag).
    expect(mockApi.workspaceInfo).toHaveBeenCalledTimes(2);
  });

  it("shows the run's error when vetting could not start", async () => {
    const user = userEvent.setup();
    mockApi.vet.mockRejectedValue(new Error("The workspace database is locked by another Scout; close it and retry"));
    render(
      <WorkspaceProvider>
        <AddCreatorsPage />
      </WorkspaceProvider>,
    );
    await user.type(screen.getByLabelText("Handles or profile URLs"), "alice.bsky.social");
    await user.click(screen.getByRole("button", { name: "Vet" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("locked by another Scout");
    expect(screen.getAllByTestId("vet-row").map((r) => r.dataset.stage)).toEqual(["failed"]);
  });
});
