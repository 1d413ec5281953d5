// Charts on the Creator page, drawn with Recharts (a well-kept React charting
// package: declarative SVG, tooltips and responsive sizing without extra code).

import { CartesianGrid, Line, LineChart, ReferenceArea, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesPoint } from "../ipc";
import { formatCount, formatDate, formatPercent } from "../lib/format";

const AXIS = { fontSize: 12, fill: "#64748b" };

function toPoints(series: SeriesPoint[]) {
  return series
    .map((p) => ({ t: Date.parse(p.at), value: p.value, label: p.label }))
    .filter((p) => Number.isFinite(p.t))
    .sort((a, b) => a.t - b.t);
}

const dateTick = (t: number) => formatDate(new Date(t).toISOString());

/** Engagement rate of each post over time, with the authentic range shaded when known. */
export function ErChart({ series, band }: { series: SeriesPoint[]; band: [number, number] | null }) {
  const data = toPoints(series);
  return (
    <div className="chart" role="img" aria-label="Engagement rate per post over time">
      <ResponsiveContainer width="100%" height={240}>
        <ScatterChart margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" domain={["dataMin", "dataMax"]} scale="time" tickFormatter={dateTick} tick={AXIS} tickCount={6} />
          <YAxis dataKey="value" type="number" tickFormatter={(v: number) => formatPercent(v, 1)} tick={AXIS} width={56} />
          {band ? <ReferenceArea y1={band[0]} y2={band[1]} fill="#14b8a6" fillOpacity={0.18} stroke="none" /> : null}
          <Tooltip
            cursor={{ strokeDasharray: "3 3" }}
            formatter={(v) => [formatPercent(Number(v)), "ER"]}
            labelFormatter={() => ""}
            content={({ payload }) => {
              const p = payload?.[0]?.payload as { t: number; value: number; label: string | null } | undefined;
              if (!p) return null;
              return (
                <div className="chart-tip">
                  <strong>{formatPercent(p.value)}</strong>
                  <span>{formatDate(new Date(p.t).toISOString())}</span>
                  {p.label ? <span className="muted">{p.label}</span> : null}
                </div>
              );
            }}
          />
          <Scatter data={data} fill="#4f46e5" line={{ stroke: "#a5b4fc", strokeWidth: 1 }} isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Followers at each stored snapshot. */
export function FollowerChart({ series, word }: { series: SeriesPoint[]; word: string }) {
  const data = toPoints(series);
  return (
    <div className="chart" role="img" aria-label={`${word} at each snapshot`}>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" domain={["dataMin", "dataMax"]} scale="time" tickFormatter={dateTick} tick={AXIS} tickCount={5} />
          <YAxis dataKey="value" tickFormatter={(v: number) => formatCount(v)} tick={AXIS} width={56} domain={["auto", "auto"]} />
          <Tooltip formatter={(v) => [formatCount(Number(v)), word]} labelFormatter={(t) => formatDate(new Date(Number(t)).toISOString())} />
          <Line type="monotone" dataKey="value" stroke="#0f766e" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
