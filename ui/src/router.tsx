// A tiny hash router: the app has a handful of pages and no server, so the URL hash is
// enough (it survives reloads in the webview and needs no history fallback).

import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from "react";

export type Route =
  | { page: "creators" }
  | { page: "creator"; id: number }
  | { page: "add" }
  | { page: "discover" }
  | { page: "shortlists"; name: string | null }
  | { page: "compare"; ids: number[] }
  | { page: "brands" }
  | { page: "reports" }
  | { page: "settings" };

/** Parse a location hash ("#/creators/12") into a route; unknown hashes go to Creators. */
export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const [head, arg] = parts;
  switch (head) {
    case "creators": {
      if (arg !== undefined) {
        const id = Number(arg);
        if (Number.isInteger(id)) return { page: "creator", id };
      }
      return { page: "creators" };
    }
    case "add":
      return { page: "add" };
    case "discover":
      return { page: "discover" };
    case "shortlists":
      return { page: "shortlists", name: arg ?? null };
    case "compare":
      return { page: "compare", ids: (arg ?? "").split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0) };
    case "brands":
      return { page: "brands" };
    case "reports":
      return { page: "reports" };
    case "settings":
      return { page: "settings" };
    default:
      return { page: "creators" };
  }
}

export const paths = {
  creators: () => "#/creators",
  creator: (id: number | null) => (id === null ? "#/creators" : `#/creators/${id}`),
  add: () => "#/add",
  discover: () => "#/discover",
  shortlists: (name?: string | null) => (name ? `#/shortlists/${encodeURIComponent(name)}` : "#/shortlists"),
  compare: (ids: number[] = []) => (ids.length > 0 ? `#/compare/${ids.join(",")}` : "#/compare"),
  brands: () => "#/brands",
  reports: () => "#/reports",
  settings: () => "#/settings",
};

export function navigate(href: string): void {
  if (window.location.hash !== href) window.location.hash = href;
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children: ReactNode };

/** An in-app link (plain anchor on the hash; keeps the default for modified clicks). */
export function Link({ href, children, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={handle} {...rest}>
      {children}
    </a>
  );
}
