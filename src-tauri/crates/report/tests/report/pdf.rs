//! The PDF report: its text, pages, fonts, charts and reproducibility.

use scout_report::pdf::{render, render_pdf};
use scout_report::{PdfOptions, ReportInput};

use crate::support::{at, many, sample, worst_case};
use crate::tools;

fn rendered(input: &ReportInput) -> (tempfile::TempDir, std::path::PathBuf, usize) {
    let out = render_pdf(input, &PdfOptions::default()).expect("the report renders");
    assert!(
        out.warnings.is_empty(),
        "typst warnings: {:?}",
        out.warnings
    );
    let dir = tempfile::tempdir().unwrap();
    let path = tools::save(dir.path(), "report.pdf", &out.bytes);
    (dir, path, out.pages)
}

#[test]
fn text_holds_the_names_figures_and_quotes() {
    let (_dir, pdf, _) = rendered(&sample());
    if !tools::available("pdftotext") {
        return;
    }
    let text = tools::text(&pdf, None);
    for expected in [
        // Cover.
        "Creator vetting report",
        "Glow Lab GmbH",
        "Glow Lab autumn serum launch",
        "Mara Keller",
        "2 October 2026",
        "3 creators · 1 approved · 1 vetting · 1 candidate",
        // Names in Cyrillic, Greek and Japanese.
        "Лена Смирнова",
        "Γιώργος Παπαδόπουλος",
        "山田花子",
        // Summary figures: compact followers, ER, authentic ER, scores, cost.
        "48.2K 3.4% 2.6%",
        "312K 5.2% 3.8%",
        "800–1,200 EUR",
        "4,500 EUR",
        // Creator page figures.
        "48,210",
        "3.4% (median per follower)",
        "1.0%–5.0% (Instagram micro)",
        "2.6% (range 2.1%–2.9%)",
        "Micro (10K–100K)",
        "2026-10-01 14:03 UTC",
        "312,400",
        "18.0% · usual at most 15.0%",
        "3 sponsored posts · 2 disclosed · 1 without adequate disclosure",
        "No sponsored posts found in the recent posts.",
        // Evidence quoted, the hostile formula shown as text, emoji spelled out.
        "“=HYPERLINK(\"http://evil.example\",\"click\")”",
        "“Great pic!! [:fire:][:fire:]”",
        "“Morning routine with @rivalskin serum”",
        // Bios in Greek + Arabic and Japanese + Korean.
        "Μαγειρική κάθε Κυριακή",
        "مرحبا بكم",
        "東京のカフェ巡り",
        "한국어도 OK",
        // The right-to-left override and the control characters are gone from the note.
        "Check the August spike before approving.",
        // Not enough data says why.
        "Not enough data: 1 post with visible counts; the chart needs at least 2.",
        "One snapshot so far (2026-09-30): the history starts with the next vet.",
        "No Brand Fit score: no brand brief was selected for this report.",
        // Appendix: thresholds, benchmarks with sources, versions, data dates.
        "growth.followers.spike",
        "Scout benchmark table 2026-09 (editable)",
        "YouTube mid engagement_rate 2.0%–6.0% 4.0%",
        "comment_quality.generic_share comment_quality/1",
        "Tiers by audience: nano < 10K, micro 10K–100K",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(!text.contains('\u{0007}') && !text.contains('\u{202E}'));
}

#[test]
fn one_page_per_creator_between_the_summary_and_the_appendix() {
    let input = many(12);
    let (_dir, pdf, pages) = rendered(&input);
    // Cover, summary, 12 creators, then the appendix (which lists every undisclosed
    // sponsored post, so it may run over more than one page).
    assert!(pages > 1 + 1 + 12, "{pages}");
    if !tools::available("pdfinfo") {
        return;
    }
    assert_eq!(tools::pages(&pdf), pages);
    for k in 1..=12 {
        let page = tools::text(&pdf, Some((k + 2, k + 2)));
        assert!(
            page.contains(&format!("CREATOR {k} OF 12")),
            "page {}: {page}",
            k + 2
        );
        assert!(
            page.contains(&format!("@{}", input.creators[k - 1].handle)),
            "page {}",
            k + 2
        );
    }
    assert!(tools::text(&pdf, Some((15, 15))).contains("Method appendix"));
}

#[test]
fn a_creator_with_everything_at_its_longest_still_fits_one_page() {
    let mut input = sample();
    input.creators = vec![worst_case(1), worst_case(2)];
    let (_dir, pdf, pages) = rendered(&input);
    assert!(pages > 1 + 1 + 2, "{pages}");
    if !tools::available("pdftotext") {
        return;
    }
    assert!(tools::text(&pdf, Some((3, 3))).contains("CREATOR 1 OF 2"));
    assert!(tools::text(&pdf, Some((4, 4))).contains("CREATOR 2 OF 2"));
    // Each creator on its one page: the appendix starts right after them.
    assert!(tools::text(&pdf, Some((5, 5))).contains("Method appendix"));
    // The 9 undisclosed posts a page cannot list are named in the appendix, and the
    // page says so in a complete sentence, not "+ 8 more".
    let page = tools::text(&pdf, Some((3, 3)));
    assert!(
        page.contains(
            "further sponsored posts without adequate disclosure are listed in the appendix"
        ),
        "{page}"
    );
    assert!(!page.contains("more undisclosed"), "{page}");
    assert!(!page.contains("smaller components not shown"), "{page}");
    assert!(page.contains("Also counted:"), "{page}");
    let appendix = tools::text(&pdf, Some((5, pages)));
    assert!(
        appendix.contains("SPONSORED POSTS WITHOUT ADEQUATE DISCLOSURE"),
        "{appendix}"
    );
    assert!(appendix.matches("2026-09-0").count() + appendix.matches("2026-09-1").count() >= 2 * 9);
}

/// Every word's box from `pdftotext -bbox`: (page, xMin, xMax, word).
fn word_boxes(pdf: &std::path::Path) -> Vec<(usize, f64, f64, String)> {
    let html = tools::run("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let mut page = 0;
    let mut out = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
        }
        if let Some(rest) = line.strip_prefix("<word ") {
            let attr = |name: &str| -> f64 {
                let start = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                let end = start + rest[start..].find('"').unwrap();
                rest[start..end].parse().unwrap()
            };
            let word = rest
                .split('>')
                .nth(1)
                .unwrap_or("")
                .trim_end_matches("</word")
                .to_string();
            out.push((page, attr("xMin"), attr("xMax"), word));
        }
    }
    out
}

#[test]
fn no_text_runs_off_the_page_even_with_hostile_input() {
    let mut input = sample();
    input.creators.push(worst_case(3));
    let (_dir, pdf, _) = rendered(&input);
    if !tools::available("pdftotext") {
        return;
    }
    let boxes = word_boxes(&pdf);
    assert!(
        boxes.len() > 500,
        "expected the report's words, got {}",
        boxes.len()
    );
    // A4 is 595.3 pt wide; margins are 16 mm (45.4 pt), the cover's 20 mm. Allow 1 pt.
    for (page, x0, x1, word) in &boxes {
        assert!(
            *x0 >= 44.0 && *x1 <= 551.0,
            "page {page}: {word:?} spans {x0}..{x1} pt, outside the margins"
        );
    }
}

#[test]
fn same_input_gives_the_same_bytes_and_the_date_is_the_one_passed_in() {
    let input = sample();
    let a = render(&input, &PdfOptions::default()).unwrap();
    // Render something else in between: caches must not leak into the output.
    let _ = render(&many(4), &PdfOptions::default()).unwrap();
    let b = render(&input, &PdfOptions::default()).unwrap();
    assert!(a == b, "two renders of the same input differ");
    let mut later = input.clone();
    later.generated_at = at(2026, 10, 3, 9, 0);
    assert!(render(&later, &PdfOptions::default()).unwrap() != a);

    if !tools::available("pdfinfo") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = tools::save(dir.path(), "r.pdf", &a);
    let info = tools::run("pdfinfo", &["-isodates", path.to_str().unwrap()]);
    assert!(
        info.contains("CreationDate:    2026-10-02T09:00:00Z"),
        "{info}"
    );
    assert!(info.contains("Author:          Mara Keller"), "{info}");
}

#[test]
fn fonts_are_embedded_and_charts_are_vector() {
    let (_dir, pdf, _) = rendered(&sample());
    if !tools::available("pdffonts") || !tools::available("pdfimages") {
        return;
    }
    let fonts = tools::run("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    for family in [
        "NotoSans-Regular",
        "NotoSans-Bold",
        "NotoSansCJKsc",
        "DejaVuSans",
        "DejaVuSansMono",
    ] {
        assert!(
            rows.iter().any(|r| r.contains(family)),
            "{family} not used:\n{fonts}"
        );
    }
    for row in &rows {
        assert!(
            row.contains("yes yes yes"),
            "font not embedded, subset and mapped to Unicode: {row}"
        );
    }
    // No raster images at all: the charts are drawn as paths.
    let images = tools::run("pdfimages", &["-list", pdf.to_str().unwrap()]);
    assert_eq!(images.lines().count(), 2, "the PDF holds images:\n{images}");
}

#[test]
fn letter_paper_is_honoured() {
    let options = PdfOptions {
        paper: scout_report::pdf::Paper::Letter,
    };
    let bytes = render(&sample(), &options).unwrap();
    if !tools::available("pdfinfo") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = tools::save(dir.path(), "r.pdf", &bytes);
    assert!(tools::run("pdfinfo", &[path.to_str().unwrap()]).contains("612 x 792 pts (letter)"));
}

#[test]
fn an_empty_shortlist_still_gives_a_complete_report() {
    let mut input = sample();
    input.creators.clear();
    let (_dir, pdf, pages) = rendered(&input);
    // Cover, summary, appendix.
    assert_eq!(pages, 3);
    if !tools::available("pdftotext") {
        return;
    }
    let text = tools::text(&pdf, None);
    assert!(text.contains("This shortlist has no creators."), "{text}");
    assert!(text.contains("0 creators"), "{text}");
}

/// Issue 14: "Client —" on the cover and an "Est. cost" column of dashes.
#[test]
fn no_client_line_and_no_cost_column_when_there_is_nothing_to_show() {
    let mut input = sample();
    input.client = None;
    for c in &mut input.creators {
        c.estimated_cost = None;
    }
    let (_dir, pdf, _) = rendered(&input);
    if !tools::available("pdftotext") {
        return;
    }
    let cover = tools::text(&pdf, Some((1, 1)));
    assert!(!cover.contains("CLIENT"), "{cover}");
    assert!(cover.contains("PREPARED BY"), "{cover}");
    let summary = tools::text(&pdf, Some((2, 2)));
    assert!(!summary.contains("EST. COST"), "{summary}");
    assert!(!summary.contains("— ·"), "{summary}");
    // With a client and a rate the line and the column are there.
    let (_dir, pdf, _) = rendered(&sample());
    assert!(tools::text(&pdf, Some((1, 1))).contains("CLIENT"));
    assert!(tools::text(&pdf, Some((2, 2))).contains("EST. COST"));
}
