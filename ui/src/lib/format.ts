// Number, percent and date formatting used across the UI.
// Counts are compact (12.3K, 1.2M); engagement rates are fractions shown as
// percents with two decimals (0.0345 → "3.45%"). Missing values show as "—".

export const MISSING = "—";

/** 950 → "950", 12_345 → "12.3K", 1_234_567 → "1.2M", 2_500_000_000 → "2.5B". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return MISSING;
  const sign = n < 0 ? "-" : "";
  const abs = Math.abs(n);
  if (abs < 1000) return sign + Math.round(abs).toString();
  const sizes = [1e3, 1e6, 1e9] as const;
  const suffixes = ["K", "M", "B"] as const;
  let unit: 0 | 1 | 2 = abs >= 1e9 ? 2 : abs >= 1e6 ? 1 : 0;
  let scaled = Math.round((abs / sizes[unit]) * 10) / 10;
  // 999_950 would read "1000K": promote it to the next unit ("1M").
  if (scaled >= 1000 && unit < 2) {
    unit = (unit + 1) as 1 | 2;
    scaled = Math.round((abs / sizes[unit]) * 10) / 10;
  }
  return sign + trimZero(scaled.toFixed(1)) + suffixes[unit];
}

/** Full count with thousands separators: 12345 → "12,345". */
export function formatExact(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return MISSING;
  return Math.round(n).toLocaleString("en-US");
}

/** A fraction as a percent with two decimals: 0.0345 → "3.45%". */
export function formatPercent(fraction: number | null | undefined, decimals = 2): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return MISSING;
  return (fraction * 100).toFixed(decimals) + "%";
}

/** A 0–100 score as a whole number. */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return MISSING;
  return Math.round(score).toString();
}

/** A plain number with at most `decimals` decimals (trailing zeros trimmed). */
export function formatNumber(n: number | null | undefined, decimals = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return MISSING;
  return trimZero(n.toFixed(decimals));
}

/** "12,3K followers" style: the platform's own audience word after the count. */
export function formatAudience(n: number | null | undefined, word: string): string {
  const count = formatCount(n);
  return count === MISSING ? MISSING : `${count} ${word}`;
}

const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** RFC 3339 → "3 Nov 2026". */
export function formatDate(iso: string | null | undefined): string {
  const d = parseDate(iso);
  return d ? DATE.format(d) : MISSING;
}

/** RFC 3339 → "3 Nov 2026, 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  const d = parseDate(iso);
  return d ? DATE_TIME.format(d) : MISSING;
}

/** Calendar days from `iso` to `now`, in the local time the date is shown in: "today",
 * "yesterday", "5 d ago" (so the word never contradicts the date beside it). */
export function formatDaysAgo(iso: string | null | undefined, now: Date = new Date()): string {
  const d = parseDate(iso);
  if (!d) return MISSING;
  const day = (t: Date) => new Date(t.getFullYear(), t.getMonth(), t.getDate()).getTime();
  const days = Math.round((day(now) - day(d)) / 86_400_000);
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  return `${days} d ago`;
}

/** How long ago, relative to `now`: "just now", "5 min ago", "3 h ago", "2 days ago", else a date. */
export function formatAgo(iso: string | null | undefined, now: Date = new Date()): string {
  const d = parseDate(iso);
  if (!d) return MISSING;
  const seconds = (now.getTime() - d.getTime()) / 1000;
  if (seconds < 0) return DATE.format(d);
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  const days = Math.floor(seconds / 86_400);
  if (days === 1) return "yesterday";
  if (days < 30) return `${days} days ago`;
  return DATE.format(d);
}

export function parseDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "8.00" → "8", "15.70" → "15.7", "12.0" → "12". */
function trimZero(s: string): string {
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** "not_enough_data" → "Not enough data". */
export function humanize(key: string): string {
  const words = key.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "median per view": how the declared engagement rate is measured (words from the
 * basis and statistic Rust sends; the platform's own audience word for followers). */
export function rateBasisWords(
  basis: "per_follower" | "per_view" | null,
  statistic: "median" | "mean" | null,
  platform: string,
  audienceWord: string,
): string {
  if (basis === null) return "";
  const per = basis === "per_view" ? (platform === "tiktok" ? "per play" : "per view") : `per ${audienceWord.replace(/s$/, "")}`;
  return statistic ? `${statistic} ${per}` : per;
}
