//! Brand briefs: [`BrandRow`]. The brief is stored as opaque JSON; its type lives
//! with the brand checks in `scout-core`, so this crate does not depend on it.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::codec::{Json, Time, to_json};
use crate::error::{Result, StoreError};

/// A stored brand brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BrandRow {
    /// Unique name (case-insensitive).
    pub name: String,
    /// The brief, as JSON.
    pub brief: serde_json::Value,
    /// When it was first saved.
    pub created_at: DateTime<Utc>,
    /// When it was last saved.
    pub updated_at: DateTime<Utc>,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<BrandRow> {
    Ok(BrandRow {
        name: r.get(0)?,
        brief: r.get::<_, Json<serde_json::Value>>(1)?.0,
        created_at: r.get::<_, Time>(2)?.0,
        updated_at: r.get::<_, Time>(3)?.0,
    })
}

pub(crate) fn save(
    c: &Connection,
    name: &str,
    brief: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<()> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::invalid("a brand brief without a name"));
    }
    c.prepare_cached(
        "INSERT INTO brands (name, brief_json, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)
         ON CONFLICT (name) DO UPDATE SET
           name = excluded.name, brief_json = excluded.brief_json, updated_at = excluded.updated_at",
    )?
    .execute(params![name, to_json(brief, "brand brief")?, Time(now)])?;
    Ok(())
}

pub(crate) fn get(c: &Connection, name: &str) -> Result<Option<BrandRow>> {
    Ok(c.prepare_cached(
        "SELECT name, brief_json, created_at, updated_at FROM brands WHERE name = ?1",
    )?
    .query_row([name.trim()], from_row)
    .optional()?)
}

pub(crate) fn all(c: &Connection) -> Result<Vec<BrandRow>> {
    let mut stmt = c.prepare_cached(
        "SELECT name, brief_json, created_at, updated_at FROM brands ORDER BY name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn delete(c: &Connection, name: &str) -> Result<()> {
    match c
        .prepare_cached("DELETE FROM brands WHERE name = ?1")?
        .execute([name.trim()])?
    {
        0 => Err(StoreError::not_found(format!("brand '{}'", name.trim()))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use crate::testdata::at;
    use crate::{Store, StoreError};
    use serde_json::json;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI64, Ordering};

    fn store() -> Store {
        let days = Arc::new(AtomicI64::new(0));
        Store::open_in_memory().unwrap().with_clock(move || {
            at("2025-01-01T00:00:00Z") + chrono::Duration::days(days.fetch_add(1, Ordering::SeqCst))
        })
    }

    #[test]
    fn save_replaces_by_name_and_keeps_created_at() {
        let mut s = store();
        let v1 = json!({"keywords": ["garden"], "markets": ["DE"], "tiers": ["micro"]});
        let v2 =
            json!({"keywords": ["garden", "compost"], "exclude": ["casino"], "budget": 5000.5});
        s.save_brand("Seed Co", &v1).unwrap(); // day 0
        s.save_brand("acme", &json!({})).unwrap(); // day 1
        s.save_brand("seed co", &v2).unwrap(); // day 2, same brand

        let all = s.brands().unwrap();
        let names: Vec<_> = all.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(names, ["acme", "seed co"]);
        let seed = s.brand("SEED CO").unwrap().unwrap();
        assert_eq!(seed.brief, v2);
        assert_eq!(seed.created_at, at("2025-01-01T00:00:00Z"));
        assert_eq!(seed.updated_at, at("2025-01-03T00:00:00Z"));
    }

    #[test]
    fn delete_and_missing_brands() {
        let mut s = store();
        s.save_brand("acme", &json!({"a": 1})).unwrap();
        s.delete_brand("ACME").unwrap();
        assert!(s.brand("acme").unwrap().is_none());
        let err = s.delete_brand("acme").unwrap_err();
        assert!(
            matches!(&err, StoreError::NotFound { what } if what == "brand 'acme'"),
            "{err}"
        );
        assert!(matches!(
            s.save_brand(" ", &json!({})),
            Err(StoreError::Invalid { .. })
        ));
    }
}
