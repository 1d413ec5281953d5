import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { api, type BriefChoices, type BriefSummary } from "../ipc";
import { resetApi } from "../test/ipcMock";
import { WorkspaceProvider } from "../workspace";
import { BrandsPage } from "./Brands";
import { matchCode } from "./BriefFormView";

vi.mock("../ipc", () => import("../test/ipcMock"));
const mockApi = vi.mocked(api);

const CHOICES: BriefChoices = {
  languages: [
    { code: "en", name: "English" },
    { code: "fr", name: "French" },
    { code: "pt", name: "Portuguese" },
  ],
  markets: [
    { code: "FR", name: "France" },
    { code: "GB", name: "United Kingdom of Great Britain and Northern Ireland" },
  ],
  jurisdictions: [
    { code: "US", name: "United States (FTC Endorsement Guides)" },
    { code: "UK", name: "United Kingdom (ASA CAP Code, CMA)" },
    { code: "FR", name: "France (loi n° 2023-451, Influence Act)" },
    { code: "EU", name: "European Union (Unfair Commercial Practices Directive)" },
  ],
};

const SAVED: BriefSummary = { name: "Acme Running", toml: 'name = "Acme Running"\n', topics: ["trail running"], competitors: ["@hoka"], jurisdictions: ["UK"] };

function renderPage() {
  return render(
    <WorkspaceProvider>
      <BrandsPage />
    </WorkspaceProvider>,
  );
}

beforeEach(() => {
  resetApi();
  mockApi.briefChoices.mockResolvedValue(CHOICES);
  mockApi.saveBriefForm.mockResolvedValue(SAVED);
  mockApi.briefForm.mockResolvedValue({ name: "Acme Running", topics: [{ term: "trail running", weight: 2 }], values: [], languages: ["en"], markets: ["GB"], competitors: ["@hoka"], banned_topics: [], jurisdictions: ["UK"] });
});

describe("language and market codes", () => {
  it("takes codes and names from the choices, tidied as core tidies them", () => {
    expect(matchCode("EN", CHOICES.languages, "language")).toBe("en");
    expect(matchCode("French", CHOICES.languages, "language")).toBe("fr");
    expect(matchCode("pt_br", CHOICES.languages, "language")).toBe("pt-BR");
    expect(matchCode("english", CHOICES.languages, "language")).toBe("en");
    expect(matchCode("xx", CHOICES.languages, "language")).toBeNull();
    expect(matchCode("uk", CHOICES.markets, "market")).toBe("GB");
    expect(matchCode("France", CHOICES.markets, "market")).toBe("FR");
    expect(matchCode("ZZ", CHOICES.markets, "market")).toBeNull();
  });
});

describe("Brands form", () => {
  it("saves what was typed through save_brief_form", async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(screen.getAllByRole("button", { name: "New brief" })[0]!);
    await user.type(await screen.findByLabelText("Name"), "Acme Running");

    await user.click(screen.getByRole("button", { name: "Add topic" }));
    await user.type(screen.getByLabelText("Topics: topic 1"), "trail running");
    const weight = screen.getByLabelText("Weight of trail running");
    await user.clear(weight);
    await user.type(weight, "2");
    await user.click(screen.getByRole("button", { name: "Add value" }));
    await user.type(screen.getByLabelText("Values: value 1"), "sustainability");

    await user.type(screen.getByLabelText("Languages"), "en, French{Enter}");
    await user.type(screen.getByLabelText("Markets"), "uk{Enter}");
    await user.type(screen.getByLabelText("Competitors"), "Salomon, @hoka{Enter}");
    await user.type(screen.getByLabelText("Banned topics"), "gambling{Enter}");
    await user.click(screen.getByRole("checkbox", { name: /UK/ }));
    await user.click(screen.getByRole("checkbox", { name: /FR/ }));

    await user.click(screen.getByRole("button", { name: "Save brief" }));
    expect(mockApi.saveBriefForm).toHaveBeenCalledWith(
      {
        name: "Acme Running",
        topics: [{ term: "trail running", weight: 2 }],
        values: [{ term: "sustainability", weight: 1 }],
        languages: ["en", "fr"],
        markets: ["GB"],
        competitors: ["Salomon", "@hoka"],
        banned_topics: ["gambling"],
        jurisdictions: ["UK", "FR"],
      },
      null,
    );
    expect(await screen.findByText("Saved “Acme Running”")).toBeInTheDocument();
    expect(mockApi.listBriefs).toHaveBeenCalledTimes(2);
  }, 30_000);

  it("refuses an unknown language with the reason and leaves it out of the brief", async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(screen.getAllByRole("button", { name: "New brief" })[0]!);
    await user.type(await screen.findByLabelText("Name"), "Acme");
    await user.type(screen.getByLabelText("Languages"), "en, klingon{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("“klingon” is not a language code (ISO 639-1, e.g. en) Scout knows.");
    expect(screen.getByLabelText("Languages")).toHaveValue("klingon");
    expect(within(screen.getByRole("list", { name: "Languages chosen" })).getByText("en · English")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Save brief" }));
    expect(mockApi.saveBriefForm.mock.calls[0]![0].languages).toEqual(["en"]);
  }, 20_000);

  it("opens a stored brief in the form, shows the façade's refusal, and keeps the TOML editor", async () => {
    const user = userEvent.setup();
    mockApi.listBriefs.mockResolvedValue([SAVED]);
    mockApi.briefForm.mockResolvedValue({ name: "Acme Running", topics: [{ term: "trail running", weight: 2 }], values: [], languages: ["en"], markets: ["GB"], competitors: ["@hoka"], banned_topics: [], jurisdictions: ["UK"] });
    mockApi.saveBriefForm.mockRejectedValue(new Error("brief 'Acme Running' is invalid: weight 50 of 'trail running' is outside 0–10"));
    renderPage();
    expect(await screen.findByDisplayValue("trail running")).toBeInTheDocument();
    expect(mockApi.briefForm).toHaveBeenCalledWith("Acme Running");
    await user.click(screen.getByRole("button", { name: "Save brief" }));
    expect(mockApi.saveBriefForm.mock.calls[0]![1]).toBe("Acme Running");
    expect(await screen.findByRole("alert")).toHaveTextContent("outside 0–10");

    await user.click(screen.getByRole("button", { name: "TOML" }));
    expect(screen.getByLabelText("Brief (TOML)")).toHaveValue(SAVED.toml);
    mockApi.saveBrief.mockResolvedValue(SAVED);
    await user.type(screen.getByLabelText("Brief (TOML)"), 'topics = [["trail"]\n');
    await user.click(screen.getByRole("button", { name: "Save TOML" }));
    await waitFor(() => expect(mockApi.saveBrief).toHaveBeenCalledWith(`${SAVED.toml}topics = ["trail"]\n`));
  }, 20_000);
});
