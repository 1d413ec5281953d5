import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClientProvider } from "@tanstack/react-query";
import "@fontsource-variable/inter";
import "./styles.css";
import { App } from "./App";
import { JobsProvider } from "./components/Jobs";
import { createQueryClient, WorkspaceQuerySync } from "./lib/queries";
import { WorkspaceProvider } from "./workspace";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// One query cache for the whole app: pages share what they loaded.
const queryClient = createQueryClient();

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <WorkspaceProvider>
        <WorkspaceQuerySync />
        <JobsProvider>
          <App />
        </JobsProvider>
      </WorkspaceProvider>
    </QueryClientProvider>
  </StrictMode>,
);
