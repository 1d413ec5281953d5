//! Running poppler-utils (pdftotext, pdftoppm, pdfinfo, pdffonts, pdfimages) on a PDF.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether a poppler tool can run. Missing tools fail the test in CI and skip it locally.
pub fn available(tool: &str) -> bool {
    let ok = Command::new(tool).arg("-v").output().is_ok();
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "{tool} is missing: CI must install poppler-utils for the PDF tests"
        );
        eprintln!("skipping: {tool} (poppler-utils) is not installed");
    }
    ok
}

/// Runs a tool and returns its standard output as text.
pub fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool}: {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("poppler prints UTF-8")
}

/// Writes PDF bytes to a file in `dir`.
pub fn save(dir: &Path, name: &str, pdf: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, pdf).expect("write the PDF to the temp dir");
    path
}

/// The PDF's text, with the invisible characters the report inserts (zero-width
/// spaces for line breaks, isolates around right-to-left text) removed and
/// whitespace collapsed, as a reader searching the text would see it. The text
/// is extracted twice, in physical layout (table rows stay together) and in
/// content order (wrapped paragraphs stay together), joined by a blank line.
pub fn text(pdf: &Path, pages: Option<(usize, usize)>) -> String {
    let p = pdf.to_str().expect("utf-8 temp path");
    let (f, l) = pages
        .map(|(f, l)| (f.to_string(), l.to_string()))
        .unwrap_or_default();
    let mut out = String::new();
    for mode in ["-layout", "-raw"] {
        let mut args = vec![mode, "-enc", "UTF-8"];
        if pages.is_some() {
            args.extend(["-f", &f, "-l", &l]);
        }
        args.extend([p, "-"]);
        out.push_str(&normalise(&run("pdftotext", &args)));
        out.push_str("\n\n");
    }
    out
}

pub fn normalise(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .filter(|c| !matches!(c, '\u{200B}' | '\u{2066}'..='\u{2069}' | '\u{202A}'..='\u{202E}'))
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Page count from pdfinfo.
pub fn pages(pdf: &Path) -> usize {
    let info = run("pdfinfo", &[pdf.to_str().expect("utf-8 temp path")]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("pdfinfo prints Pages:")
}
