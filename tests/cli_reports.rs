//! Briefs, Brand Fit, PDF/CSV reports with their audit bundle, and the bot model,
//! through the real CLI binary on a workspace holding a vetted Bluesky creator and the demo.

use scout_tests::cli::Scout;
use scout_tests::replay::bluesky::{HANDLE, creator_routes};
use scout_tests::replay::{ReplayServer, repo_root};
use serde_json::Value;
use std::process::Command;

fn pdftotext(pdf: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdf_pages(pdf: &std::path::Path) -> usize {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("page count")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn brief_fit_report_verify_and_csv() {
    let server = ReplayServer::start(creator_routes()).await;
    let dir = tempfile::tempdir().unwrap();
    let scout = Scout::new(dir.path()).env("SCOUT_BLUESKY_BASE_URL", &server.base_url);
    scout.ok(&["vet", HANDLE]);
    scout.ok(&["demo"]);

    // Briefs: the shipped example imports; an unknown key is refused by name.
    let example = repo_root().join("src-tauri/crates/core/data/brand/example_brief.toml");
    let out = scout.ok(&["brief", "import", example.to_str().unwrap()]);
    assert!(out.contains("Lumen Skincare"), "{out}");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "name = \"x\"\ntopics = []\nbudget_eur = 5000\n").unwrap();
    let err = scout.fails(&["brief", "import", bad.to_str().unwrap()]);
    assert!(err.contains("budget_eur"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let listed = scout.ok(&["brief", "list"]);
    assert!(listed.contains("Lumen Skincare"), "{listed}");
    assert!(
        !listed.contains("\"x\""),
        "the bad brief was not stored: {listed}"
    );

    let brief = "Lumen Skincare — SS26 sunscreen launch";
    let fit: Value =
        serde_json::from_str(&scout.ok(&["fit", HANDLE, "--brief", brief, "--json"])).unwrap();
    for key in [
        "score",
        "breakdown",
        "sponsored_posts",
        "disclosed_sponsored_posts",
        "undisclosed_sponsored_posts",
        "competitor_mentions",
        "safety",
    ] {
        assert!(fit.get(key).is_some(), "fit JSON lacks {key}: {fit}");
    }
    let score = fit["score"].as_f64().unwrap();
    let sum: f64 = fit["breakdown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["contribution"].as_f64().unwrap())
        .sum();
    assert!(
        (score - sum).abs() < 0.05,
        "breakdown {sum} sums to the score {score}"
    );

    // A shortlist of the vetted creator and three demo creators.
    let rows: Value = serde_json::from_str(&scout.ok(&["list", "--json"])).unwrap();
    let demo: Vec<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["is_demo"] == true && r["platform"] == "instagram")
        .take(3)
        .map(|r| r["handle"].as_str().unwrap().to_string())
        .collect();
    scout.ok(&["shortlist", "new", "SS26", "--client", "Lumen"]);
    let mut args = vec!["shortlist", "add", "SS26", HANDLE];
    args.extend(demo.iter().map(String::as_str));
    scout.ok(&args);

    let pdf = dir.path().join("ss26.pdf");
    let date = "2026-11-27T09:00:00Z";
    let out = scout.ok(&[
        "report",
        "pdf",
        "--shortlist",
        "SS26",
        "--brief",
        brief,
        "-o",
        pdf.to_str().unwrap(),
        "--date",
        date,
        "--author",
        "Test Scout",
    ]);
    let bundle = dir.path().join("ss26.bundle.json");
    assert!(bundle.exists(), "bundle beside the PDF: {out}");
    let text = pdftotext(&pdf);
    assert!(text.contains("Lena Okafor"), "creator name in the PDF");
    assert!(text.contains("SS26"), "shortlist name in the PDF");
    assert!(text.contains("Lumen"), "client in the PDF");
    for h in &demo {
        assert!(text.contains(h.as_str()), "{h} in the PDF");
    }
    assert!(pdf_pages(&pdf) > 4, "a page per creator plus cover/summary");

    // Verify: OK as written; one changed byte fails with one clear line.
    let ok = scout.ok(&["report", "verify", bundle.to_str().unwrap()]);
    assert!(ok.starts_with("OK"), "{ok}");
    let first = std::fs::read(&pdf).unwrap();
    // Same state, same date → same bytes.
    let pdf2 = dir.path().join("again.pdf");
    scout.ok(&[
        "report",
        "pdf",
        "--shortlist",
        "SS26",
        "--brief",
        brief,
        "-o",
        pdf2.to_str().unwrap(),
        "--date",
        date,
        "--author",
        "Test Scout",
    ]);
    assert!(std::fs::read(&pdf2).unwrap() == first, "reproducible bytes");
    let mut tampered = first.clone();
    let mid = tampered.len() / 2;
    tampered[mid] ^= 0x20;
    std::fs::write(&pdf, &tampered).unwrap();
    let err = scout.fails(&["report", "verify", bundle.to_str().unwrap()]);
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    // CSV of the shortlist, Excel-EU flavour: BOM and ';'.
    let csv_path = dir.path().join("ss26.csv");
    scout.ok(&[
        "report",
        "csv",
        "--shortlist",
        "SS26",
        "--brief",
        brief,
        "-o",
        csv_path.to_str().unwrap(),
        "--excel-eu",
    ]);
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    assert_eq!(reader.records().count(), 4);
}

#[test]
fn bots_score_prints_one_probability_per_record_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("accounts.json");
    std::fs::write(
        &file,
        r#"[
 {"userFollowerCount": 12, "userFollowingCount": 4812, "userBiographyLength": 0, "userMediaCount": 0, "userHasProfilPic": 0, "userIsPrivate": 0, "usernameDigitCount": 7, "usernameLength": 15},
 {"userFollowerCount": 840, "userFollowingCount": 410, "userBiographyLength": 96, "userMediaCount": 312, "userHasProfilPic": 1, "userIsPrivate": 0, "usernameDigitCount": 0, "usernameLength": 9},
 {"userFollowerCount": null, "userFollowingCount": 3000},
 {}
]"#,
    )
    .unwrap();
    let out = Scout::new(dir.path()).ok(&[
        "bots",
        "score",
        "--format",
        "instafake",
        file.to_str().unwrap(),
    ]);
    let p: Vec<f64> = out.lines().map(|l| l.trim().parse().unwrap()).collect();
    assert_eq!(p.len(), 4, "{out}");
    assert!(p.iter().all(|v| *v > 0.0 && *v < 1.0), "{p:?}");
    assert!(p[0] > 0.8, "the obvious fake scores high: {p:?}");
    assert!(p[1] < 0.2, "the ordinary account scores low: {p:?}");

    std::fs::write(&file, "{\"not\": \"an array\"}").unwrap();
    let err = Scout::new(dir.path()).fails(&[
        "bots",
        "score",
        "--format",
        "instafake",
        file.to_str().unwrap(),
    ]);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}
