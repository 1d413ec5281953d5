// The app frame: a sidebar with the pages and the workspace's demo badge, and the
// current page.

import { Icon, type IconName } from "./components/Icon";
import { JobsButton, JobsPanel } from "./components/Jobs";
import { DesktopCommands } from "./components/Commands";
import { SyncIndicator } from "./components/Team";
import { Badge } from "./components/ui";
import { AddCreatorsPage } from "./pages/AddCreators";
import { BrandsPage } from "./pages/Brands";
import { ComparePage } from "./pages/Compare";
import { CreatorPage } from "./pages/Creator";
import { CreatorsPage } from "./pages/Creators";
import { DiscoverPage } from "./pages/Discover";
import { ReportsPage } from "./pages/Reports";
import { SettingsPage } from "./pages/Settings";
import { ShortlistsPage } from "./pages/Shortlists";
import { Link, paths, useRoute, type Route } from "./router";
import { useWorkspace } from "./workspace";

const NAV: Array<{ label: string; href: string; icon: IconName; active: (r: Route) => boolean }> = [
  { label: "Creators", href: paths.creators(), icon: "users", active: (r) => r.page === "creators" || r.page === "creator" },
  { label: "Discover", href: paths.discover(), icon: "search", active: (r) => r.page === "discover" },
  { label: "Add creators", href: paths.add(), icon: "plus", active: (r) => r.page === "add" },
  { label: "Shortlists", href: paths.shortlists(), icon: "list", active: (r) => r.page === "shortlists" },
  { label: "Compare", href: paths.compare(), icon: "columns", active: (r) => r.page === "compare" },
  { label: "Brands", href: paths.brands(), icon: "briefcase", active: (r) => r.page === "brands" },
  { label: "Reports", href: paths.reports(), icon: "file", active: (r) => r.page === "reports" },
  { label: "Settings", href: paths.settings(), icon: "settings", active: (r) => r.page === "settings" },
];

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case "creators":
      return <CreatorsPage />;
    case "creator":
      return <CreatorPage id={route.id} />;
    case "discover":
      return <DiscoverPage />;
    case "add":
      return <AddCreatorsPage />;
    case "shortlists":
      return <ShortlistsPage selected={route.name} />;
    case "compare":
      return <ComparePage ids={route.ids} />;
    case "brands":
      return <BrandsPage />;
    case "reports":
      return <ReportsPage />;
    case "settings":
      return <SettingsPage />;
  }
}

export function App() {
  const route = useRoute();
  const { info } = useWorkspace();
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <img src="/icon.svg" alt="" width={28} height={28} />
          <span>Scout</span>
        </div>
        <ul>
          {NAV.map((item) => {
            const active = item.active(route);
            return (
              <li key={item.href}>
                <Link href={item.href} className={`nav-item ${active ? "active" : ""}`} aria-current={active ? "page" : undefined}>
                  <Icon name={item.icon} />
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
        <div className="sidebar-foot">
          <JobsButton />
          <SyncIndicator />
          {info?.has_demo ? (
            <Link href={paths.settings()} className="demo-flag" title="Demo creators are generated, not real accounts. Clear them in Settings.">
              <Badge tone="demo">Demo data</Badge>
            </Link>
          ) : null}
          {info ? (
            <div className="muted small">
              {info.creators} creator{info.creators === 1 ? "" : "s"} · v{info.version}
            </div>
          ) : null}
        </div>
      </nav>
      <main className="content">
        <Page route={route} />
      </main>
      <JobsPanel />
      <DesktopCommands />
    </div>
  );
}
