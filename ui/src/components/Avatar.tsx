// A creator's avatar, or their initial on a tinted disc when there is no image
// (or it fails to load offline).

import { useState } from "react";

const TINTS = ["#e0e7ff", "#ccfbf1", "#fef3c7", "#fce7f3", "#dbeafe", "#dcfce7"];
const INKS = ["#3730a3", "#0f766e", "#92400e", "#9d174d", "#1e40af", "#166534"];

export function Avatar({ name, url, size = 32 }: { name: string; url: string | null; size?: number }) {
  const [failed, setFailed] = useState(false);
  const initial = (name.replace(/^@/, "").trim()[0] ?? "?").toUpperCase();
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const i = hash % TINTS.length;
  if (url && !failed) {
    return <img className="avatar" src={url} alt="" width={size} height={size} onError={() => setFailed(true)} />;
  }
  return (
    <span className="avatar avatar-initial" style={{ width: size, height: size, background: TINTS[i], color: INKS[i], fontSize: size * 0.42 }} aria-hidden="true">
      {initial}
    </span>
  );
}
