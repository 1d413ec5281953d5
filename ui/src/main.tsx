import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@fontsource-variable/inter";
import "./styles.css";
import { App } from "./App";
import { JobsProvider } from "./components/Jobs";
import { WorkspaceProvider } from "./workspace";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <WorkspaceProvider>
      <JobsProvider>
        <App />
      </JobsProvider>
    </WorkspaceProvider>
  </StrictMode>,
);
