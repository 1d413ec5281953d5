// Small building blocks shared by the pages: buttons, badges, cards, page headers,
// empty and error states, and a confirm-in-place button (no modal dialogs).

import { useEffect, useRef, useState, type ButtonHTMLAttributes, type ReactNode } from "react";
import { Icon, type IconName } from "./Icon";

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "primary" | "secondary" | "ghost" | "danger";
  size?: "sm" | "md";
  icon?: IconName;
  busy?: boolean;
};

export function Button({ variant = "secondary", size = "md", icon, busy, children, className, disabled, ...rest }: ButtonProps) {
  return (
    <button
      type="button"
      className={["btn", `btn-${variant}`, size === "sm" ? "btn-sm" : "", className ?? ""].join(" ").trim()}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <Spinner /> : icon ? <Icon name={icon} size={size === "sm" ? 14 : 16} /> : null}
      {children}
    </button>
  );
}

export function Spinner({ label }: { label?: string }) {
  return <span className="spinner" role={label ? "status" : undefined} aria-label={label} />;
}

export function Badge({ tone = "neutral", children, title }: { tone?: "neutral" | "demo" | "ok" | "watch" | "risk" | "info" | "accent"; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

export function Card({ title, actions, children, className }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`card ${className ?? ""}`.trim()}>
      {title || actions ? (
        <header className="card-header">
          {title ? <h2 className="card-title">{title}</h2> : <span />}
          {actions ? <div className="card-actions">{actions}</div> : null}
        </header>
      ) : null}
      {children}
    </section>
  );
}

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="page-subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}

export function EmptyState({ icon = "info", title, children, actions }: { icon?: IconName; title: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="empty">
      <div className="empty-icon">
        <Icon name={icon} size={22} />
      </div>
      <h3>{title}</h3>
      {children ? <div className="empty-body">{children}</div> : null}
      {actions ? <div className="empty-actions">{actions}</div> : null}
    </div>
  );
}

export function ErrorBanner({ message, onRetry }: { message: string; onRetry?: () => void }) {
  // Multi-line messages (a TOML parse error with its caret line) keep their layout.
  const [first, ...rest] = message.trimEnd().split("\n");
  return (
    <div className="banner banner-error" role="alert">
      <Icon name="alert" size={16} />
      <span className="banner-text">
        {first}
        {rest.length > 0 ? <pre className="banner-detail">{rest.join("\n")}</pre> : null}
      </span>
      {onRetry ? (
        <Button size="sm" variant="ghost" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

export function Notice({ tone = "info", children }: { tone?: "info" | "ok" | "watch"; children: ReactNode }) {
  return (
    <div className={`banner banner-${tone}`} role="status">
      <Icon name={tone === "ok" ? "check" : "info"} size={16} />
      <span>{children}</span>
    </div>
  );
}

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="loading">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}

/** A destructive action that asks "Sure?" in place on the first click. */
export function ConfirmButton({ label, confirmLabel, onConfirm, busy, size = "sm" }: { label: string; confirmLabel: string; onConfirm: () => void; busy?: boolean; size?: "sm" | "md" }) {
  const [asking, setAsking] = useState(false);
  const timer = useRef<number | null>(null);
  useEffect(() => () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
  }, []);
  if (!asking) {
    return (
      <Button
        size={size}
        variant="ghost"
        icon="trash"
        busy={busy}
        onClick={() => {
          setAsking(true);
          timer.current = window.setTimeout(() => setAsking(false), 4000);
        }}
      >
        {label}
      </Button>
    );
  }
  return (
    <Button
      size={size}
      variant="danger"
      onClick={() => {
        setAsking(false);
        onConfirm();
      }}
    >
      {confirmLabel}
    </Button>
  );
}

export function Field({ label, hint, children, htmlFor }: { label: string; hint?: ReactNode; children: ReactNode; htmlFor?: string }) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {hint ? <div className="field-hint">{hint}</div> : null}
    </div>
  );
}
