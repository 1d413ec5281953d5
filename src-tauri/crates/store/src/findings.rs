//! Findings per snapshot. A re-run of a method replaces the set that method
//! stored before; the *current* findings are, per check, the most recently
//! computed ones ([`StoredFinding`] keeps the time for the full history).

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};
use scout_core::{Evidence, Finding, Range, Verdict};
use serde::{Deserialize, Serialize};

use crate::codec::{Json, Key, Time, real, to_json};
use crate::error::{Result, StoreError};
use crate::ids::SnapshotId;

/// A finding with the time it was computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredFinding {
    /// The finding.
    pub finding: Finding,
    /// When the check ran.
    pub computed_at: DateTime<Utc>,
}

/// SQL condition on `findings f`: the row belongs to its check's newest computation.
pub(crate) const CURRENT_FINDINGS: &str = "f.computed_at = (
    SELECT max(g.computed_at) FROM findings g
    WHERE g.snapshot_id = f.snapshot_id AND g.check_id = f.check_id)";

const COLUMNS: &str = "f.check_id, f.title, f.value, f.has_expected, f.expected_low, \
    f.expected_high, f.verdict, f.confidence, f.evidence_json, f.explanation, f.method_version, \
    f.computed_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<StoredFinding> {
    let expected = if r.get::<_, bool>(3)? {
        Some(Range {
            low: r.get(4)?,
            high: r.get(5)?,
        })
    } else {
        None
    };
    Ok(StoredFinding {
        finding: Finding {
            check: r.get(0)?,
            title: r.get(1)?,
            value: r.get(2)?,
            expected,
            verdict: r.get::<_, Key<Verdict>>(6)?.0,
            confidence: r.get(7)?,
            evidence: r.get::<_, Json<Vec<Evidence>>>(8)?.0,
            explanation: r.get(9)?,
            method_version: r.get(10)?,
        },
        computed_at: r.get::<_, Time>(11)?.0,
    })
}

fn ensure_snapshot(c: &Connection, id: SnapshotId) -> Result<()> {
    if c.prepare_cached("SELECT 1 FROM profile_snapshots WHERE id = ?1")?
        .exists([id])?
    {
        Ok(())
    } else {
        Err(StoreError::not_found(id.to_string()))
    }
}

pub(crate) fn save(
    c: &Connection,
    snapshot: SnapshotId,
    findings: &[Finding],
    computed_at: DateTime<Utc>,
) -> Result<()> {
    ensure_snapshot(c, snapshot)?;
    let methods: BTreeSet<&str> = findings.iter().map(|f| f.method_version.as_str()).collect();
    let mut delete =
        c.prepare_cached("DELETE FROM findings WHERE snapshot_id = ?1 AND method_version = ?2")?;
    for method in methods {
        delete.execute(params![snapshot, method])?;
    }
    let mut insert = c.prepare_cached(
        "INSERT INTO findings (snapshot_id, check_id, title, value, has_expected, expected_low,
                               expected_high, verdict, confidence, evidence_json, explanation,
                               method_version, computed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for f in findings {
        let what = |field: &str| format!("{field} of finding '{}'", f.check);
        let range = f.expected.unwrap_or_default();
        insert.execute(params![
            snapshot,
            f.check,
            f.title,
            f.value.map(|v| real(v, &what("value"))).transpose()?,
            f.expected.is_some(),
            range
                .low
                .map(|v| real(v, &what("expected low")))
                .transpose()?,
            range
                .high
                .map(|v| real(v, &what("expected high")))
                .transpose()?,
            Key(f.verdict),
            real(f.confidence, &what("confidence"))?,
            to_json(&f.evidence, &what("evidence"))?,
            f.explanation,
            f.method_version,
            Time(computed_at),
        ])?;
    }
    Ok(())
}

pub(crate) fn current(c: &Connection, snapshot: SnapshotId) -> Result<Vec<Finding>> {
    ensure_snapshot(c, snapshot)?;
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM findings f WHERE f.snapshot_id = ?1 AND {CURRENT_FINDINGS}
         ORDER BY f.id"
    ))?;
    let rows = stmt.query_map([snapshot], |r| from_row(r).map(|s| s.finding))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn history(c: &Connection, snapshot: SnapshotId) -> Result<Vec<StoredFinding>> {
    ensure_snapshot(c, snapshot)?;
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM findings f WHERE f.snapshot_id = ?1 ORDER BY f.computed_at, f.id"
    ))?;
    let rows = stmt.query_map([snapshot], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use crate::testdata::{at, finding, rich_snapshot};
    use scout_core::EvidenceKind;

    fn store_with_snapshot() -> (Store, SnapshotId) {
        let mut store = Store::open_in_memory().unwrap();
        let id = store.save_snapshot(&rich_snapshot(), &[], false).unwrap();
        (store, id)
    }

    #[test]
    fn findings_round_trip_with_every_field() {
        let (mut store, id) = store_with_snapshot();
        let open_range = Finding {
            expected: Some(Range::default()),
            value: None,
            evidence: vec![
                Evidence {
                    kind: EvidenceKind::Account,
                    id: "did:plc:f1".into(),
                    note: None,
                },
                Evidence::new(EvidenceKind::Snapshot, "2025-03-01T12:00:00Z", "first vet"),
            ],
            ..finding("bots.share", "bots/1", Verdict::NotEnoughData, 0.0)
        };
        let no_range = Finding {
            expected: None,
            ..finding("disclosure", "disclosure/1", Verdict::Risk, 1.0)
        };
        let infinite = Finding {
            value: Some(f64::INFINITY),
            ..finding("growth", "growth/1", Verdict::Watch, 0.0)
        };
        let all = vec![
            finding("er", "er/1", Verdict::Ok, 0.034),
            open_range,
            no_range,
            infinite,
        ];
        store
            .save_findings(id, &all, at("2025-03-01T12:05:00Z"))
            .unwrap();
        assert_eq!(store.findings(id).unwrap(), all);
    }

    #[test]
    fn rerunning_a_method_replaces_its_set_and_a_new_method_supersedes_per_check() {
        let (mut store, id) = store_with_snapshot();
        let t1 = at("2025-03-01T12:05:00Z");
        let t2 = at("2025-03-01T13:00:00Z");
        let t3 = at("2025-04-01T00:00:00Z");
        store
            .save_findings(
                id,
                &[
                    finding("er", "er/1", Verdict::Ok, 0.03),
                    finding("bots", "bots/1", Verdict::Ok, 0.02),
                ],
                t1,
            )
            .unwrap();
        // Same method again: its set is replaced, not duplicated.
        store
            .save_findings(id, &[finding("er", "er/1", Verdict::Watch, 0.01)], t2)
            .unwrap();
        let now: Vec<_> = store
            .findings(id)
            .unwrap()
            .into_iter()
            .map(|f| (f.check, f.verdict))
            .collect();
        assert_eq!(
            now,
            [
                ("bots".to_string(), Verdict::Ok),
                ("er".to_string(), Verdict::Watch)
            ]
        );

        // A newer method version for `er`: current shows it, history keeps both versions.
        store
            .save_findings(id, &[finding("er", "er/2", Verdict::Risk, 0.005)], t3)
            .unwrap();
        let now: Vec<_> = store
            .findings(id)
            .unwrap()
            .into_iter()
            .map(|f| (f.check, f.method_version))
            .collect();
        assert_eq!(
            now,
            [
                ("bots".to_string(), "bots/1".to_string()),
                ("er".to_string(), "er/2".to_string())
            ]
        );
        let history: Vec<_> = store
            .finding_history(id)
            .unwrap()
            .into_iter()
            .map(|s| (s.finding.method_version, s.computed_at))
            .collect();
        assert_eq!(
            history,
            [
                ("bots/1".to_string(), t1),
                ("er/1".to_string(), t2),
                ("er/2".to_string(), t3)
            ]
        );
    }

    #[test]
    fn nan_is_refused_and_nothing_is_replaced() {
        let (mut store, id) = store_with_snapshot();
        let t = at("2025-03-01T12:05:00Z");
        let good = finding("er", "er/1", Verdict::Ok, 0.03);
        store
            .save_findings(id, std::slice::from_ref(&good), t)
            .unwrap();
        let bad = Finding {
            confidence: f64::NAN,
            ..finding("er", "er/1", Verdict::Ok, 0.5)
        };
        let err = store.save_findings(id, &[bad], t).unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid { what } if what.contains("confidence")),
            "{err}"
        );
        assert_eq!(store.findings(id).unwrap(), [good]);
    }

    #[test]
    fn findings_of_a_missing_snapshot_are_not_found() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(matches!(
            store.findings(SnapshotId(3)),
            Err(StoreError::NotFound { .. })
        ));
        assert!(matches!(
            store.save_findings(SnapshotId(3), &[], at("2025-01-01T00:00:00Z")),
            Err(StoreError::NotFound { .. })
        ));
    }
}
