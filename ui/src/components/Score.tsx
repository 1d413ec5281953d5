// A 0–100 score with a colour that says how it reads (green good, amber watch, red risk).

import { formatScore } from "../lib/format";

export function scoreTone(score: number | null | undefined): "ok" | "watch" | "risk" | "none" {
  if (score === null || score === undefined || !Number.isFinite(score)) return "none";
  if (score >= 70) return "ok";
  if (score >= 40) return "watch";
  return "risk";
}

export function Score({ value, label }: { value: number | null | undefined; label?: string }) {
  const tone = scoreTone(value);
  return (
    <span className={`score score-${tone}`} title={label}>
      {formatScore(value)}
    </span>
  );
}
