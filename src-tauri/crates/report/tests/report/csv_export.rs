//! CSV exports: exact output, round trips through a CSV reader, hostile cells.

use scout_core::{Platform, Post};
use scout_report::csv::{
    CREATOR_COLUMNS, CREATOR_HEADERS, FINDING_COLUMNS, FINDING_HEADERS, POST_COLUMNS,
    unescape_cell, write_creators, write_findings, write_posts,
};
use scout_report::{CreatorReport, CsvOptions, PostRow};

use crate::support::{at, lena, sample};

const HOSTILE: &[&str] = &[
    "=1+2",
    "+49 30 1234",
    "-5 tips",
    "@SUM(A1:A9)",
    "\tTabbed",
    "\rCR first",
    "'already quoted",
    "semi;colon",
    "comma, \"quote\"",
    "multi\nline",
    "Лена 🔥 مرحبا 山田",
    "=cmd|' /C calc'!A0",
];

fn read(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(bytes);
    reader
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}

fn col(name: &str) -> usize {
    CREATOR_COLUMNS
        .iter()
        .position(|c| *c == name)
        .expect("known column")
}

fn posts() -> Vec<PostRow> {
    let fetched = at(2026, 9, 2, 8, 0);
    vec![
        PostRow {
            platform: Platform::Bluesky,
            handle: "alice.bsky.social".into(),
            post_id: "at://did:plc:abc/app.bsky.feed.post/3k".into(),
            url: Some("https://bsky.app/profile/alice.bsky.social/post/3k".into()),
            kind: "original".into(),
            created_at: at(2026, 9, 1, 10, 0),
            title: None,
            text: "Hello, \"world\"\nsecond line".into(),
            likes: Some(120),
            replies: Some(4),
            reposts: Some(9),
            quotes: Some(1),
            views: None,
            er: Some(0.0268),
            sponsored_label: None,
            fetched_at: fetched,
        },
        PostRow::from_post(
            Platform::Instagram,
            "bob",
            &Post {
                id: "C1".into(),
                created_at: at(2026, 9, 3, 12, 30),
                text: "-10% today only @ our shop".into(),
                likes: Some(999),
                likes_hidden: true,
                replies: Some(3),
                sponsored_label: Some(true),
                ..Post::default()
            },
            None,
            fetched,
        ),
    ]
}

#[test]
fn posts_csv_is_exactly_rfc_4180() {
    let mut out = Vec::new();
    let keys = CsvOptions {
        machine_keys: true,
        ..CsvOptions::default()
    };
    write_posts(&posts(), &keys, &mut out).unwrap();
    let expected = concat!(
        "platform,handle,post_id,url,kind,created_at,title,text,likes,replies,reposts,quotes,views,er,sponsored_label,data_date\r\n",
        "bluesky,alice.bsky.social,at://did:plc:abc/app.bsky.feed.post/3k,https://bsky.app/profile/alice.bsky.social/post/3k,",
        "original,2026-09-01T10:00:00Z,,\"Hello, \"\"world\"\"\nsecond line\",120,4,9,1,,2.68,,2026-09-02T08:00:00Z\r\n",
        // The hidden like count is empty, not 999 and not 0; the leading '-' is escaped.
        "instagram,bob,C1,,original,2026-09-03T12:30:00Z,,'-10% today only @ our shop,,3,,,,,true,2026-09-02T08:00:00Z\r\n",
    );
    assert_eq!(String::from_utf8(out).unwrap(), expected);
}

#[test]
fn excel_europe_option_writes_a_bom_semicolons_and_decimal_commas() {
    let mut out = Vec::new();
    write_posts(&posts(), &CsvOptions::excel_europe(), &mut out).unwrap();
    assert!(
        out.starts_with("\u{FEFF}Platform;Handle;Post id;".as_bytes()),
        "{:?}",
        &out[..20]
    );
    let text = String::from_utf8(out[3..].to_vec()).unwrap();
    let first_row = text.split("\r\n").nth(1).unwrap();
    assert!(
        first_row.starts_with("bluesky;alice.bsky.social;"),
        "{first_row}"
    );
    // The comma in the text no longer forces quoting, the quotes and newline still do.
    assert!(
        text.contains(
            ";\"Hello, \"\"world\"\"\nsecond line\";120;4;9;1;;2,68;;2026-09-02T08:00:00Z\r\n"
        ),
        "{text}"
    );
    let rows = read(&out, b';');
    assert_eq!(
        rows[0][0], "Platform",
        "human headers (the reader strips the BOM)"
    );
    assert_eq!(rows[0].len(), POST_COLUMNS.len());
    assert_eq!(rows[1][13], "2,68");
}

#[test]
fn creators_csv_round_trips_hostile_cells_with_both_layouts() {
    let creators: Vec<CreatorReport> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let mut c = lena();
            c.handle = format!("creator{i}");
            c.display_name = Some((*h).to_string());
            c.note = Some((*h).to_string());
            c.tags = vec![(*h).to_string()];
            c
        })
        .collect();
    for (options, decimal) in [
        (CsvOptions::default(), "3.40"),
        (CsvOptions::excel_europe(), "3,40"),
    ] {
        let mut out = Vec::new();
        write_creators(&creators, &options, &mut out).unwrap();
        assert_eq!(out.starts_with(b"\xEF\xBB\xBF"), options.bom);
        let rows = read(&out, options.delimiter);
        assert_eq!(
            rows[0], CREATOR_HEADERS,
            "header (the reader strips the BOM)"
        );
        assert_eq!(rows.len(), HOSTILE.len() + 1, "one row per creator");
        for (row, h) in rows[1..].iter().zip(HOSTILE) {
            for name in ["display_name", "note", "tags"] {
                let cell = &row[col(name)];
                assert_eq!(unescape_cell(cell), *h, "{name} of {h:?}");
                let starts_formula = matches!(
                    h.chars().next(),
                    Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'')
                );
                assert_eq!(
                    cell.starts_with('\''),
                    starts_formula,
                    "{name} cell {cell:?} must be escaped exactly when hostile"
                );
            }
            assert_eq!(row[col("followers")], "48210");
            assert_eq!(row[col("engagement_rate")], decimal);
            assert_eq!(row[col("authenticity_score")], "82");
            assert_eq!(row[col("authenticity_verdict")], "ok");
            assert_eq!(row[col("fit_verdict")], "ok");
            assert_eq!(row[col("watch_findings")], "2");
            assert_eq!(row[col("undisclosed_posts")], "1");
            assert_eq!(row[col("status")], "approved");
            assert_eq!(row[col("data_date")], "2026-10-01T14:03:00Z");
        }
    }
}

#[test]
fn unknown_values_are_empty_cells_not_zero() {
    let mut out = Vec::new();
    write_creators(&sample().creators[2..], &CsvOptions::default(), &mut out).unwrap();
    let rows = read(&out, b',');
    let hanako = &rows[1];
    assert_eq!(hanako[col("handle")], "hanako.yamada");
    for empty in [
        "engagement_rate",
        "authentic_er_mid",
        "authenticity_score",
        "fit_score",
        "cost_low",
        "note",
    ] {
        assert_eq!(hanako[col(empty)], "", "{empty}");
    }
    assert_eq!(hanako[col("followers")], "8950");
    assert_eq!(hanako[col("tier")], "nano");
    assert_eq!(hanako[col("status")], "candidate");
}

#[test]
fn findings_csv_has_one_row_per_finding_with_its_evidence_ids() {
    let mut out = Vec::new();
    write_findings(&sample().creators, &CsvOptions::default(), &mut out).unwrap();
    let rows = read(&out, b',');
    assert_eq!(rows[0], FINDING_HEADERS);
    let col = |k: &str| FINDING_COLUMNS.iter().position(|c| *c == k).unwrap();
    // Lena 3, Giorgos 3, Hanako 1.
    assert_eq!(rows.len(), 1 + 7);
    let generic = rows
        .iter()
        .find(|r| r[2] == "comment_quality.generic_share")
        .unwrap();
    assert_eq!(generic[1], "lena.smirnova");
    assert_eq!(generic[col("verdict")], "watch");
    assert_eq!(generic[col("value_shown")], "18.0%");
    assert_eq!(generic[col("value")], "0.18");
    assert_eq!(generic[col("expected_low")], "");
    assert_eq!(generic[col("expected_high")], "0.15");
    assert_eq!(generic[col("confidence")], "75");
    assert_eq!(
        generic[col("evidence_ids")],
        "comment:17958; comment:17961; comment:17990"
    );
    assert_eq!(generic[col("method_version")], "comment_quality/1");
    assert_eq!(generic[col("data_date")], "2026-10-01T14:03:00Z");
    let spike = rows.iter().find(|r| r[2] == "growth.followers").unwrap();
    assert_eq!(
        spike[col("evidence_ids")],
        "snapshot:2026-08-01T08:00:00Z; snapshot:2026-09-28T08:30:00Z"
    );
    let nodata = rows
        .iter()
        .find(|r| r[2] == "audience.suspicious_share")
        .unwrap();
    assert_eq!(nodata[col("verdict")], "not enough data");
    assert_eq!(nodata[col("value")], "");
}
