// Vitest setup: DOM matchers and a clean DOM between tests.
import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => {
  cleanup();
  // Pages remember choices (brief, sort) in localStorage: each test starts fresh.
  window.localStorage.clear();
});

// jsdom has no ResizeObserver; Recharts' ResponsiveContainer needs one.
if (!("ResizeObserver" in globalThis)) {
  class ResizeObserverStub {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  (globalThis as unknown as { ResizeObserver: typeof ResizeObserverStub }).ResizeObserver = ResizeObserverStub;
}
