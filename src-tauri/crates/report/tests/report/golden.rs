//! Rendered pages against committed reference images, within a tolerance.
//!
//! `SCOUT_UPDATE_GOLDEN=1 cargo test -p scout-report golden` rewrites the
//! references after an intended change of the layout; look at them before
//! committing.

use std::path::{Path, PathBuf};

use scout_report::PdfOptions;
use scout_report::pdf::render;

use crate::support::sample;
use crate::tools;

/// Mean absolute difference allowed, in grey levels out of 255. Identical
/// rendering gives 0; removing a chart's data from page 3 gives about 1.7.
const TOLERANCE: f64 = 0.6;
const DPI: &str = "40";

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Decodes an 8-bit PNG to grey levels: (width, height, pixels).
fn decode(path: &Path) -> (u32, u32, Vec<u8>) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("image size fits memory")];
    let info = reader.next_frame(&mut buf).expect("PNG frame");
    assert_eq!(info.bit_depth, png::BitDepth::Eight, "{}", path.display());
    buf.truncate(info.buffer_size());
    let grey = match info.color_type {
        png::ColorType::Grayscale => buf,
        png::ColorType::Rgb => buf
            .chunks_exact(3)
            .map(|p| {
                ((u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000)
                    as u8
            })
            .collect(),
        other => panic!("{}: unexpected PNG colour type {other:?}", path.display()),
    };
    (info.width, info.height, grey)
}

fn mean_abs_diff(a: &[u8], b: &[u8]) -> f64 {
    let total: u64 = a
        .iter()
        .zip(b)
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    total as f64 / a.len() as f64
}

/// Renders one page of a report to a PNG at the golden resolution.
fn rasterise(input: &scout_report::ReportInput, page: usize, dir: &Path) -> PathBuf {
    let pdf = tools::save(
        dir,
        "report.pdf",
        &render(input, &PdfOptions::default()).unwrap(),
    );
    let prefix = dir.join("page");
    let p = page.to_string();
    tools::run(
        "pdftoppm",
        &[
            "-r",
            DPI,
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            &p,
            "-l",
            &p,
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    dir.join("page.png")
}

fn check_page(page: usize) {
    if !tools::available("pdftoppm") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let actual_path = rasterise(&sample(), page, dir.path());
    let golden = golden_dir().join(format!("page-{page}.png"));
    if std::env::var_os("SCOUT_UPDATE_GOLDEN").is_some() {
        std::fs::copy(&actual_path, &golden).expect("update the golden image");
        eprintln!("updated {}", golden.display());
        return;
    }
    let (w, h, actual) = decode(&actual_path);
    let (gw, gh, expected) = decode(&golden);
    assert_eq!(
        (w, h),
        (gw, gh),
        "page {page} has another size than its golden image"
    );
    let diff = mean_abs_diff(&actual, &expected);
    assert!(
        diff <= TOLERANCE,
        "page {page} differs from {} by {diff:.2} grey levels on average (tolerance {TOLERANCE}); \
         if the change is intended, rerun with SCOUT_UPDATE_GOLDEN=1 and look at the images",
        golden.display()
    );
}

#[test]
fn summary_page_matches_its_golden_image() {
    check_page(2);
}

#[test]
fn first_creator_page_matches_its_golden_image() {
    check_page(3);
}

#[test]
fn the_tolerance_does_not_hide_a_real_change() {
    if !tools::available("pdftoppm") || std::env::var_os("SCOUT_UPDATE_GOLDEN").is_some() {
        return;
    }
    // Lena without her follower history and with half the engagement: the page must not pass.
    let mut changed = sample();
    let lena = &mut changed.creators[0];
    lena.follower_history.truncate(1);
    for p in &mut lena.er_per_post {
        p.er = p.er.map(|e| e / 2.0);
    }
    let dir = tempfile::tempdir().unwrap();
    let (_, _, actual) = decode(&rasterise(&changed, 3, dir.path()));
    let (_, _, golden) = decode(&golden_dir().join("page-3.png"));
    let diff = mean_abs_diff(&actual, &golden);
    eprintln!("changed page differs by {diff:.2} grey levels");
    assert!(
        diff > TOLERANCE,
        "a changed chart differs by only {diff:.2}"
    );
}
