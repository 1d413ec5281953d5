//! The audit bundle: written beside the PDF, verified, and refused after tampering.

use std::fs;

use scout_report::PdfOptions;
use scout_report::bundle::{
    VerifyError, read_bundle, rerender_matches, verify_bundle, write_report,
};

use crate::support::{at, sample};

#[test]
fn a_written_report_verifies_and_one_changed_byte_fails() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.pdf");
    let written = write_report(&sample(), &PdfOptions::default(), &pdf).unwrap();
    assert_eq!(written.bundle_path, dir.path().join("report.bundle.json"));
    assert!(written.bundle_path.exists());
    let bytes = fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(written.bytes, bytes.len() as u64);

    let ok = verify_bundle(&written.bundle_path).expect("fresh bundle verifies");
    assert_eq!(ok.pdf_path, pdf);
    assert_eq!(ok.sha256, written.sha256);
    assert_eq!(ok.sha256.len(), 64);

    // Change one byte in the middle of the PDF.
    let mut tampered = bytes.clone();
    let mid = tampered.len() / 2;
    tampered[mid] ^= 0x01;
    fs::write(&pdf, &tampered).unwrap();
    let err = verify_bundle(&written.bundle_path).unwrap_err();
    assert!(matches!(err, VerifyError::Mismatch { .. }), "{err:?}");
    let line = err.to_string();
    assert!(line.starts_with("MISMATCH: "), "{line}");
    assert!(line.contains(&written.sha256), "{line}");
    assert!(!line.contains('\n'), "one line: {line}");

    // Restored, it verifies again; gone, it says where it looked.
    fs::write(&pdf, &bytes).unwrap();
    assert!(verify_bundle(&written.bundle_path).is_ok());
    fs::remove_file(&pdf).unwrap();
    let err = verify_bundle(&written.bundle_path).unwrap_err();
    assert!(matches!(err, VerifyError::ReadPdf { .. }), "{err:?}");
    assert!(err.to_string().contains("report.pdf"));
}

#[test]
fn the_bundle_holds_inputs_fetch_times_thresholds_and_method_versions() {
    let dir = tempfile::tempdir().unwrap();
    let written = write_report(
        &sample(),
        &PdfOptions::default(),
        &dir.path().join("out.pdf"),
    )
    .unwrap();
    assert_eq!(written.bundle_path, dir.path().join("out.bundle.json"));
    let bundle = read_bundle(&written.bundle_path).unwrap();
    assert_eq!(bundle.format, "scout-report-bundle/1");
    assert_eq!(bundle.inputs, sample());
    assert_eq!(bundle.pdf.file, "out.pdf");
    assert_eq!(bundle.pdf.sha256, written.sha256);
    assert_eq!(bundle.generated_at, at(2026, 10, 2, 9, 0));
    assert_eq!(bundle.fetch_times.len(), 3);
    assert_eq!(bundle.fetch_times[0].handle, "lena.smirnova");
    assert_eq!(bundle.fetch_times[0].fetched_at, at(2026, 10, 1, 14, 3));
    assert_eq!(bundle.fetch_times[0].snapshots.len(), 4);
    assert_eq!(bundle.thresholds.len(), 3);
    let versions: Vec<(&str, &str)> = bundle
        .method_versions
        .iter()
        .map(|v| (v.check.as_str(), v.version.as_str()))
        .collect();
    for expected in [
        ("engagement_rate", "engagement_rate/1"),
        ("growth.followers", "growth/1"),
        ("authenticity_score", "authenticity_score/1"),
        ("brand_fit", "brand_fit/1"),
    ] {
        assert!(
            versions.contains(&expected),
            "{expected:?} missing from {versions:?}"
        );
    }
    let mut dedup = versions.clone();
    dedup.dedup();
    assert_eq!(dedup, versions, "sorted and without duplicates");
    // Five embedded files plus DejaVu Sans Mono's four faces from typst-assets.
    assert_eq!(bundle.fonts.len(), 9, "{:?}", bundle.fonts);
}

#[test]
fn rerendering_a_bundles_inputs_gives_its_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let written = write_report(
        &sample(),
        &PdfOptions::default(),
        &dir.path().join("report.pdf"),
    )
    .unwrap();
    let mut bundle = read_bundle(&written.bundle_path).unwrap();
    assert!(rerender_matches(&bundle).unwrap());
    bundle.inputs.creators[0].followers = Some(48_211);
    assert!(
        !rerender_matches(&bundle).unwrap(),
        "other inputs give another PDF"
    );
}

#[test]
fn edited_or_foreign_bundles_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let written = write_report(
        &sample(),
        &PdfOptions::default(),
        &dir.path().join("report.pdf"),
    )
    .unwrap();
    let json = fs::read_to_string(&written.bundle_path).unwrap();

    let escaped = json.replace("\"file\": \"report.pdf\"", "\"file\": \"../report.pdf\"");
    assert_ne!(escaped, json);
    fs::write(&written.bundle_path, &escaped).unwrap();
    assert!(matches!(
        verify_bundle(&written.bundle_path),
        Err(VerifyError::BadPdfName { .. })
    ));

    let future = json.replace("scout-report-bundle/1", "scout-report-bundle/9");
    fs::write(&written.bundle_path, &future).unwrap();
    let err = verify_bundle(&written.bundle_path).unwrap_err();
    assert!(
        matches!(err, VerifyError::UnsupportedFormat { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("scout-report-bundle/9"));

    fs::write(&written.bundle_path, "not json").unwrap();
    assert!(matches!(
        verify_bundle(&written.bundle_path),
        Err(VerifyError::ParseBundle { .. })
    ));

    let missing = dir.path().join("nope.bundle.json");
    assert!(matches!(
        verify_bundle(&missing),
        Err(VerifyError::ReadBundle { .. })
    ));
}
