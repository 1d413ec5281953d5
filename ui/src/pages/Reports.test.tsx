import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../ipc";
import { resetApi } from "../test/ipcMock";
import { WorkspaceProvider } from "../workspace";
import { ReportsPage } from "./Reports";

vi.mock("../ipc", () => import("../test/ipcMock"));
const mockApi = vi.mocked(api);

beforeEach(() => {
  resetApi();
  mockApi.listShortlists.mockResolvedValue([{ id: 1, name: "Spring launch", client: "Acme", entries: 4, approved: 1, created_at: "2026-11-01T09:00:00Z" }]);
  mockApi.listBriefs.mockResolvedValue([{ name: "Acme running", toml: 'name = "Acme running"', topics: ["running"], competitors: [], jurisdictions: ["UK"] }]);
});

function renderPage() {
  return render(
    <WorkspaceProvider>
      <ReportsPage />
    </WorkspaceProvider>,
  );
}

describe("Reports", () => {
  it("asks where to save, writes the PDF for the chosen shortlist and brief, then opens it", async () => {
    const user = userEvent.setup();
    mockApi.chooseSavePath.mockResolvedValue("/home/me/spring-launch-acme-running.pdf");
    mockApi.reportPdf.mockResolvedValue({ path: "/home/me/spring-launch-acme-running.pdf", bundle_path: null, bytes: 217_024, count: 8 });
    mockApi.openPath.mockResolvedValue(null);
    renderPage();

    await screen.findByRole("option", { name: "Acme running" });
    await user.selectOptions(screen.getByLabelText("Brand brief"), "Acme running");
    await user.click(screen.getByRole("button", { name: /Write PDF report/ }));

    expect(mockApi.chooseSavePath).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: "spring-launch-acme-running.pdf" }));
    expect(mockApi.reportPdf).toHaveBeenCalledWith("Spring launch", "Acme running", "/home/me/spring-launch-acme-running.pdf");
    const status = await screen.findByText("spring-launch-acme-running.pdf");
    expect(status.closest(".export-status")).toHaveTextContent("8 pages · 212 KB");

    await user.click(screen.getByRole("button", { name: "Open" }));
    expect(mockApi.openPath).toHaveBeenCalledWith("/home/me/spring-launch-acme-running.pdf");
  });

  it("writes nothing when the save dialog is cancelled", async () => {
    const user = userEvent.setup();
    mockApi.chooseSavePath.mockResolvedValue(null);
    renderPage();
    await user.click(await screen.findByRole("button", { name: /Export CSV/ }));
    expect(mockApi.chooseSavePath).toHaveBeenCalledTimes(1);
    expect(mockApi.exportCsv).not.toHaveBeenCalled();
  });
});
