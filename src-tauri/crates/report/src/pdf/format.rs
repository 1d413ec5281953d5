//! How figures read in the report: counts (`48,210`, `48.2K`), fractions as
//! percentages (`3.4%`), scores, dates, verdict and status keys.

use chrono::{DateTime, Datelike, Utc};
use scout_core::{ShortlistStatus, Tier, TierBounds, Verdict};

pub fn verdict_key(v: Option<Verdict>) -> &'static str {
    match v {
        Some(Verdict::Ok) => "ok",
        Some(Verdict::Watch) => "watch",
        Some(Verdict::Risk) => "risk",
        Some(Verdict::NotEnoughData) | None => "nodata",
    }
}

pub fn status_key(s: Option<ShortlistStatus>) -> &'static str {
    s.map_or("none", ShortlistStatus::key)
}

pub fn status_label(s: Option<ShortlistStatus>) -> &'static str {
    match s {
        Some(ShortlistStatus::Candidate) => "Candidate",
        Some(ShortlistStatus::Vetting) => "Vetting",
        Some(ShortlistStatus::Approved) => "Approved",
        Some(ShortlistStatus::Rejected) => "Rejected",
        None => "—",
    }
}

pub fn tier_label(t: Tier, bounds: Option<&TierBounds>) -> String {
    let Some(b) = bounds else {
        return capitalise(t.key());
    };
    let range = match t {
        Tier::Nano => format!("under {}", fmt_compact(b.micro)),
        Tier::Micro => format!("{}–{}", fmt_compact(b.micro), fmt_compact(b.mid)),
        Tier::Mid => format!("{}–{}", fmt_compact(b.mid), fmt_compact(b.macro_)),
        Tier::Macro => format!("{}–{}", fmt_compact(b.macro_), fmt_compact(b.mega)),
        Tier::Mega => format!("{} and more", fmt_compact(b.mega)),
    };
    format!("{} ({range})", capitalise(t.key()))
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// 48210 → "48,210".
pub fn fmt_int(v: u64) -> String {
    let digits = v.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// 9876 → "9,876", 48210 → "48.2K", 1234567 → "1.23M".
pub fn fmt_compact(v: u64) -> String {
    let f = v as f64;
    let (value, suffix) = match v {
        0..=9_999 => return fmt_int(v),
        10_000..=999_999 => (f / 1e3, "K"),
        1_000_000..=999_999_999 => (f / 1e6, "M"),
        _ => (f / 1e9, "B"),
    };
    let decimals = if value >= 100.0 {
        0
    } else if value >= 10.0 {
        1
    } else {
        2
    };
    let mut s = format!("{value:.decimals$}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    format!("{s}{suffix}")
}

/// An axis label for a count, in one unit for the whole axis (`hi` is its top).
pub fn fmt_axis_count(v: f64, hi: f64) -> String {
    let (div, suffix) = if hi >= 1e9 {
        (1e9, "B")
    } else if hi >= 1e6 {
        (1e6, "M")
    } else if hi >= 1e4 {
        (1e3, "K")
    } else {
        return fmt_int(v.round() as u64);
    };
    format!(
        "{}{suffix}",
        fmt_number((v / div * 1000.0).round() / 1000.0)
    )
}

/// A fraction as a percentage: 0.034 → "3.4%", 0.0045 → "0.45%".
pub fn fmt_pct(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let p = v * 100.0;
    if p != 0.0 && p.abs() < 1.0 {
        format!("{p:.2}%")
    } else {
        format!("{p:.1}%")
    }
}

pub fn fmt_pct_axis(v: f64, step: f64) -> String {
    let p = v * 100.0;
    let sp = step * 100.0;
    if (sp - sp.round()).abs() < 1e-9 {
        format!("{p:.0}%")
    } else if (sp * 10.0 - (sp * 10.0).round()).abs() < 1e-9 {
        format!("{p:.1}%")
    } else {
        format!("{p:.2}%")
    }
}

pub fn fmt_range_pct(low: Option<f64>, high: Option<f64>) -> String {
    match (low, high) {
        (Some(l), Some(h)) => format!("{}–{}", fmt_pct(l), fmt_pct(h)),
        (Some(l), None) => format!("≥ {}", fmt_pct(l)),
        (None, Some(h)) => format!("≤ {}", fmt_pct(h)),
        (None, None) => "—".into(),
    }
}

/// A plain number: integers with separators, else up to three decimals.
pub fn fmt_number(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let s = fmt_int(v.abs() as u64);
        return if v < 0.0 { format!("-{s}") } else { s };
    }
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub fn fmt_score(v: f64) -> String {
    if v.is_finite() {
        format!("{:.0}", v.clamp(0.0, 100.0))
    } else {
        "—".into()
    }
}

/// "2026-10-01".
pub fn fmt_date(d: DateTime<Utc>) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// "2026-10-01 14:03 UTC".
pub fn fmt_datetime(d: DateTime<Utc>) -> String {
    d.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// "1 October 2026".
pub fn fmt_date_long(d: DateTime<Utc>) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 9, d, 12, 0, 0).unwrap()
    }

    #[test]
    fn numbers_are_formatted_for_a_client() {
        assert_eq!(fmt_int(0), "0");
        assert_eq!(fmt_int(48_210), "48,210");
        assert_eq!(fmt_int(1_234_567), "1,234,567");
        assert_eq!(fmt_compact(9_876), "9,876");
        assert_eq!(fmt_compact(48_210), "48.2K");
        assert_eq!(fmt_compact(250_000), "250K");
        assert_eq!(fmt_compact(1_234_567), "1.23M");
        assert_eq!(fmt_compact(2_000_000), "2M");
        assert_eq!(fmt_pct(0.034), "3.4%");
        assert_eq!(fmt_pct(0.0045), "0.45%");
        assert_eq!(fmt_pct(0.0), "0.0%");
        assert_eq!(fmt_number(1500.0), "1,500");
        assert_eq!(fmt_number(2.345_67), "2.346");
        assert_eq!(fmt_date_long(day(1)), "1 September 2026");
    }
}
