//! Renders the test fixture as a PDF with its bundle, to look at the layout:
//! `cargo run -p scout-report --example sample -- out/report.pdf [CREATORS | worst]`.

#[path = "../tests/report/support/mod.rs"]
mod support;

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().unwrap_or_else(|| "report.pdf".into()));
    let input = match args.next().as_deref() {
        Some("worst") => {
            let mut input = support::sample();
            input.creators = vec![support::worst_case(1)];
            input
        }
        Some(n) => support::many(n.parse()?),
        None => support::sample(),
    };
    let rendered = scout_report::pdf::render_pdf(&input, &scout_report::PdfOptions::default())?;
    for w in &rendered.warnings {
        eprintln!("warning: {w}");
    }
    let written =
        scout_report::bundle::write_report(&input, &scout_report::PdfOptions::default(), &path)?;
    println!(
        "{} ({} pages, {} bytes, sha256 {}), bundle {}",
        written.pdf_path.display(),
        rendered.pages,
        written.bytes,
        written.sha256,
        written.bundle_path.display()
    );
    Ok(())
}
