//! Plain-text rendering of views for the terminal.

use scout::views::{CreatorDetail, CreatorRow, ShortlistDetail};

/// 12.3K / 1.2M style.
pub fn compact(n: f64) -> String {
    let a = n.abs();
    if a >= 1e9 {
        format!("{:.1}B", n / 1e9)
    } else if a >= 1e6 {
        format!("{:.1}M", n / 1e6)
    } else if a >= 1e4 {
        format!("{:.1}K", n / 1e3)
    } else {
        format!("{n:.0}")
    }
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{:.2}%", v * 100.0))
}

fn opt(v: Option<u64>) -> String {
    #[allow(clippy::cast_precision_loss)] // display only, compacted to 3 digits
    v.map_or_else(|| "—".to_string(), |n| compact(n as f64))
}

/// "3.45% (median per view)": the declared rate with its basis and statistic.
fn er(r: &CreatorRow) -> String {
    let rate = pct(r.engagement_rate);
    match (
        r.engagement_rate,
        r.engagement_rate_statistic,
        r.engagement_rate_basis,
    ) {
        (Some(_), Some(s), Some(b)) => format!("{rate} ({} {})", s.word(), b.words(r.platform)),
        _ => rate,
    }
}

fn score(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.0}"))
}

fn date(s: &str) -> &str {
    s.get(..10).unwrap_or(s)
}

pub fn creators_table(rows: &[CreatorRow], with_fit: bool) {
    println!(
        "{:<30} {:<10} {:>9} {:<6} {:>7} {:>5} {}{:<10}",
        "creator",
        "platform",
        "audience",
        "tier",
        "ER",
        "auth",
        if with_fit { "  fit " } else { "" },
        "vetted"
    );
    for r in rows {
        let name = format!("{}{}", r.handle, if r.is_demo { " (demo)" } else { "" });
        println!(
            "{:<30} {:<10} {:>9} {:<6} {:>7} {:>5} {}{:<10}",
            truncate(&name, 30),
            r.platform_name,
            opt(r.followers),
            r.tier.map_or("—", scout_core::Tier::key),
            pct(r.engagement_rate),
            score(r.authenticity),
            if with_fit {
                format!("{:>5} ", score(r.fit))
            } else {
                String::new()
            },
            date(&r.last_vetted)
        );
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

pub fn creator(d: &CreatorDetail) {
    let r = &d.row;
    println!(
        "{} (@{}) · {}{}",
        r.display_name.as_deref().unwrap_or(&r.handle),
        r.handle,
        r.platform_name,
        if r.is_demo { " · demo data" } else { "" }
    );
    println!("{}", r.url);
    if let Some(bio) = &d.bio {
        println!("{}", bio.replace('\n', " "));
    }
    println!();
    println!("  {:<22} {}", r.audience_word, opt(r.followers));
    println!("  {:<22} {}", "following", opt(d.following));
    println!(
        "  {:<22} {}",
        "tier",
        r.tier.map_or("—", scout_core::Tier::key)
    );
    println!("  {:<22} {}", "engagement rate", er(r));
    if let Some(why) = &d.er_unavailable {
        println!("  {:<22} {why}", "");
    }
    if let (Some(lo), Some(hi)) = (d.engagement_rate_low, d.engagement_rate_high) {
        println!(
            "  {:<22} {} – {}{}",
            "expected",
            pct(Some(lo)),
            pct(Some(hi)),
            d.engagement_rate_verdict
                .map(|v| format!(" ({})", v.label()))
                .unwrap_or_default()
        );
    }
    println!("  {:<22} {}", "formula", d.er_formula);
    println!(
        "  {:<22} {} (rated: {})",
        format!("{} analysed", d.posts_word),
        d.posts_analyzed,
        d.er_series_label
    );
    println!(
        "  {:<22} {}",
        "posts per week",
        d.posts_per_week.map_or("—".into(), |v| format!("{v:.1}"))
    );
    println!(
        "  {:<22} {}",
        "last post",
        d.last_post_at.as_deref().map_or("—", date)
    );
    println!("  {:<22} {}", "authenticity", score(r.authenticity));
    if let Some(why) = &d.authenticity_unavailable {
        println!("  {:<22} {why}", "");
    }
    if let (Some(lo), Some(hi)) = (d.authentic_er_low, d.authentic_er_high) {
        println!(
            "  {:<22} {} – {}",
            "authentic ER",
            pct(Some(lo)),
            pct(Some(hi))
        );
    }
    println!(
        "  {:<22} {} ({} snapshot{})",
        "vetted",
        date(&r.last_vetted),
        d.snapshots,
        if d.snapshots == 1 { "" } else { "s" }
    );
    for m in &d.missing {
        println!("  note: {m}");
    }
    if !d.findings.is_empty() {
        println!();
        println!("Findings");
        for f in &d.findings {
            println!(
                "  [{:<15}] {}{} — {}",
                f.verdict.label(),
                f.title,
                f.display_value
                    .as_deref()
                    .map(|v| format!(" ({v})"))
                    .unwrap_or_default(),
                f.summary
            );
            println!("  {:<17} {}", "", f.explanation);
        }
    }
}

pub fn shortlist(d: &ShortlistDetail) {
    println!(
        "{}{} · {}, {} approved",
        d.summary.name,
        d.summary
            .client
            .as_deref()
            .map(|c| format!(" (client: {c})"))
            .unwrap_or_default(),
        crate::words::n(d.summary.entries, crate::words::CREATOR),
        d.summary.approved
    );
    for e in &d.entries {
        println!(
            "  {:<10} {:<30} {:<10} {:>9} {:>7}  {}",
            e.status.key(),
            truncate(&e.creator.handle, 30),
            e.creator.platform_name,
            opt(e.creator.followers),
            pct(e.creator.engagement_rate),
            e.note
        );
    }
}

pub fn fit(row: &CreatorRow, brief: &str, fit: &serde_json::Value) {
    let score = fit
        .get("score")
        .and_then(serde_json::Value::as_f64)
        .unwrap_or(0.0);
    println!("{} against '{brief}': Brand Fit {score:.0}/100", row.handle);
    if let Some(parts) = fit.get("breakdown").and_then(|b| b.as_array()) {
        for p in parts {
            println!(
                "  {:<26} {:>5.1} pts  {}",
                p.get("component").and_then(|v| v.as_str()).unwrap_or("?"),
                p.get("contribution")
                    .and_then(serde_json::Value::as_f64)
                    .unwrap_or(0.0),
                p.get("explanation").and_then(|v| v.as_str()).unwrap_or("")
            );
        }
    }
    let count = |k: &str| fit.get(k).and_then(|v| v.as_array()).map_or(0, Vec::len);
    println!(
        "  sponsored posts: {}, disclosed: {}, undisclosed: {}, competitor mentions: {}, safety hits: {}",
        count("sponsored_posts"),
        count("disclosed_sponsored_posts"),
        count("undisclosed_sponsored_posts"),
        count("competitor_mentions"),
        count("safety")
    );
}
