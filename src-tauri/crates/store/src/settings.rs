//! Settings: small JSON values by key ([`keys`] names the known ones).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::codec::{Time, to_json};
use crate::error::{Result, StoreError};

/// The setting keys Scout uses, so every caller spells them the same way.
pub mod keys {
    /// `scout_core::TierBounds` the user edited.
    pub const TIER_BOUNDS: &str = "tier_bounds";
    /// User overrides of the engagement benchmark table.
    pub const BENCHMARKS: &str = "benchmarks";
    /// Name of the brand brief selected for brand-fit checks.
    pub const SELECTED_BRIEF: &str = "selected_brief";
}

pub(crate) fn get<T: DeserializeOwned>(c: &Connection, key: &str) -> Result<Option<T>> {
    let text: Option<String> = c
        .prepare_cached("SELECT value_json FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    text.map(|t| {
        serde_json::from_str(&t).map_err(|e| StoreError::corrupt(format!("setting '{key}': {e}")))
    })
    .transpose()
}

pub(crate) fn set<T: Serialize + ?Sized>(
    c: &Connection,
    key: &str,
    value: &T,
    now: DateTime<Utc>,
) -> Result<()> {
    c.prepare_cached(
        "INSERT INTO settings (key, value_json, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at",
    )?
    .execute(params![key, to_json(value, &format!("setting '{key}'"))?, Time(now)])?;
    Ok(())
}

pub(crate) fn remove(c: &Connection, key: &str) -> Result<()> {
    c.prepare_cached("DELETE FROM settings WHERE key = ?1")?
        .execute([key])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::keys;
    use crate::{Store, StoreError};
    use scout_core::TierBounds;

    #[test]
    fn typed_settings_round_trip_and_can_be_removed() {
        let mut s = Store::open_in_memory().unwrap();
        assert_eq!(
            s.get_setting::<TierBounds>(keys::TIER_BOUNDS).unwrap(),
            None
        );
        let bounds = TierBounds::new(5_000, 50_000, 250_000, 2_000_000).unwrap();
        s.set_setting(keys::TIER_BOUNDS, &bounds).unwrap();
        s.set_setting(keys::SELECTED_BRIEF, "Seed Co").unwrap();
        assert_eq!(
            s.get_setting::<TierBounds>(keys::TIER_BOUNDS).unwrap(),
            Some(bounds)
        );
        assert_eq!(
            s.get_setting::<String>(keys::SELECTED_BRIEF)
                .unwrap()
                .as_deref(),
            Some("Seed Co")
        );
        s.set_setting(keys::SELECTED_BRIEF, "Acme").unwrap();
        assert_eq!(
            s.get_setting::<String>(keys::SELECTED_BRIEF)
                .unwrap()
                .as_deref(),
            Some("Acme")
        );
        s.remove_setting(keys::SELECTED_BRIEF).unwrap();
        assert_eq!(s.get_setting::<String>(keys::SELECTED_BRIEF).unwrap(), None);
    }

    #[test]
    fn a_setting_of_the_wrong_shape_is_corrupt() {
        let mut s = Store::open_in_memory().unwrap();
        s.set_setting(keys::TIER_BOUNDS, &[1, 2, 3]).unwrap();
        let err = s.get_setting::<TierBounds>(keys::TIER_BOUNDS).unwrap_err();
        assert!(
            matches!(&err, StoreError::Corrupt { what } if what.contains("tier_bounds")),
            "{err}"
        );
    }
}
