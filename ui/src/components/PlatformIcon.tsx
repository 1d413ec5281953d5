// Small platform marks (simplified, drawn for Scout) in each platform's colour.

import type { ReactElement } from "react";

const MARKS: Record<string, { color: string; body: ReactElement }> = {
  youtube: {
    color: "#e62117",
    body: (
      <>
        <rect x="2" y="5" width="20" height="14" rx="4" fill="#e62117" />
        <path d="M10 9v6l5-3z" fill="#fff" />
      </>
    ),
  },
  bluesky: {
    color: "#1185fe",
    body: (
      <path
        fill="#1185fe"
        d="M6.3 4.6C8.6 6.3 11 9.8 12 11.6c1-1.8 3.4-5.3 5.7-7 1.6-1.2 4.3-2.2 4.3.9 0 .6-.4 5.1-.6 5.8-.7 2.5-3.2 3.1-5.5 2.7 4 .7 5 2.9 2.8 5.2-4.2 4.3-6-1.1-6.5-2.5l-.2-.6-.2.6c-.5 1.4-2.3 6.8-6.5 2.5-2.2-2.3-1.2-4.5 2.8-5.2-2.3.4-4.8-.2-5.5-2.7C2.4 10.6 2 6.1 2 5.5c0-3.1 2.7-2.1 4.3-.9z"
      />
    ),
  },
  mastodon: {
    color: "#6364ff",
    body: (
      <>
        <path
          fill="#6364ff"
          d="M21.3 13.9c-.3 1.5-2.6 3.1-5.2 3.4-1.4.2-2.7.3-4.2.2-2.4-.1-4.2-.6-4.2-.6v.7c.3 2.3 2.3 2.4 4.1 2.5 1.9.1 3.6-.5 3.6-.5l.1 1.7s-1.3.7-3.7.8c-1.3.1-2.9 0-4.8-.5C2.9 20.6 2.2 16.3 2.1 12V8.4c0-4.4 2.9-5.7 2.9-5.7C6.5 2 9 1.7 11.6 1.7h.1c2.6 0 5.1.3 6.6 1 0 0 2.9 1.3 2.9 5.7 0 0 0 3.3-.4 5.5z"
        />
        <path fill="#fff" d="M18.2 8.6v5.3h-2.1V8.8c0-1.1-.5-1.6-1.3-1.6-1 0-1.5.6-1.5 1.9v2.8h-2.1V9.1c0-1.3-.5-1.9-1.5-1.9-.9 0-1.3.5-1.3 1.6v5.1H6.3V8.6c0-1.1.3-1.9.8-2.6.6-.6 1.3-.9 2.2-.9 1.1 0 1.9.4 2.4 1.2l.5.9.5-.9c.5-.8 1.3-1.2 2.4-1.2.9 0 1.7.3 2.2.9.6.7.9 1.5.9 2.6z" />
      </>
    ),
  },
  tiktok: {
    color: "#111111",
    body: (
      <>
        <path fill="#25f4ee" d="M15.6 2.5h-3v12.6a2.6 2.6 0 1 1-2.6-2.6c.3 0 .5 0 .8.1V9.5a5.7 5.7 0 1 0 4.8 5.6V8.7a7.3 7.3 0 0 0 4.2 1.3V7a4.2 4.2 0 0 1-4.2-4.5z" transform="translate(-.7 -.5)" />
        <path fill="#fe2c55" d="M15.6 2.5h-3v12.6a2.6 2.6 0 1 1-2.6-2.6c.3 0 .5 0 .8.1V9.5a5.7 5.7 0 1 0 4.8 5.6V8.7a7.3 7.3 0 0 0 4.2 1.3V7a4.2 4.2 0 0 1-4.2-4.5z" transform="translate(.7 .5)" />
        <path fill="#111" d="M15.6 2.5h-3v12.6a2.6 2.6 0 1 1-2.6-2.6c.3 0 .5 0 .8.1V9.5a5.7 5.7 0 1 0 4.8 5.6V8.7a7.3 7.3 0 0 0 4.2 1.3V7a4.2 4.2 0 0 1-4.2-4.5z" />
      </>
    ),
  },
  instagram: {
    color: "#d62976",
    body: (
      <>
        <defs>
          <linearGradient id="scout-ig" x1="0" y1="1" x2="1" y2="0">
            <stop offset="0" stopColor="#feda75" />
            <stop offset=".35" stopColor="#fa7e1e" />
            <stop offset=".65" stopColor="#d62976" />
            <stop offset="1" stopColor="#4f5bd5" />
          </linearGradient>
        </defs>
        <rect x="2.5" y="2.5" width="19" height="19" rx="5.5" fill="url(#scout-ig)" />
        <circle cx="12" cy="12" r="4.3" fill="none" stroke="#fff" strokeWidth="1.9" />
        <circle cx="17.3" cy="6.7" r="1.2" fill="#fff" />
      </>
    ),
  },
  twitch: {
    color: "#9146ff",
    body: (
      <>
        <path fill="#9146ff" d="M4.3 2 2.5 6.4v13.1h4.6V22h2.6l2.5-2.5h3.7l5.1-5.1V2z" />
        <path fill="#fff" d="M19.2 13.4 16.2 16.4h-4.7L9 18.9v-2.5H5.1V3.8h14.1z" />
        <path fill="#9146ff" d="M15.6 7.1h1.8v5.1h-1.8zM10.8 7.1h1.8v5.1h-1.8z" />
      </>
    ),
  },
};

export function PlatformIcon({ platform, size = 16, title }: { platform: string; size?: number; title?: string }) {
  const mark = MARKS[platform];
  if (!mark) {
    return (
      <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden={title ? undefined : true} role={title ? "img" : undefined}>
        {title ? <title>{title}</title> : null}
        <circle cx="12" cy="12" r="9" fill="#94a3b8" />
      </svg>
    );
  }
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      className="platform-icon"
      aria-hidden={title ? undefined : true}
      role={title ? "img" : undefined}
    >
      {title ? <title>{title}</title> : null}
      {mark.body}
    </svg>
  );
}

export const PLATFORMS: Array<{ key: string; name: string }> = [
  { key: "bluesky", name: "Bluesky" },
  { key: "youtube", name: "YouTube" },
  { key: "mastodon", name: "Mastodon" },
  { key: "tiktok", name: "TikTok" },
  { key: "instagram", name: "Instagram" },
  { key: "twitch", name: "Twitch" },
];
