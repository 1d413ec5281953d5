//! How Rust values are written to and read from columns: [`Time`] (fixed-width
//! UTC text), [`Json`] (JSON text), [`Key`] (an enum's serde key).
//!
//! Read failures surface as conversion errors, which [`crate::StoreError`]
//! reports as `Corrupt`; write failures (a value `SQLite` cannot hold) as `Invalid`.

use chrono::{DateTime, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{Result, StoreError};

/// A UTC instant stored as `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`: fixed width, so
/// text order is time order, and nanoseconds survive the round trip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Time(pub DateTime<Utc>);

pub(crate) fn format_time(t: DateTime<Utc>) -> String {
    // The same text as `format("%Y-%m-%dT%H:%M:%S%.9fZ")` (tested) for years 0–9999,
    // without interpreting a format string on every one of a bulk write's timestamps.
    t.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

impl ToSql for Time {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(format_time(self.0)))
    }
}

impl FromSql for Time {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        DateTime::parse_from_rfc3339(s)
            .map(|t| Time(t.with_timezone(&Utc)))
            .map_err(|e| FromSqlError::Other(format!("timestamp '{s}': {e}").into()))
    }
}

/// A value stored as JSON text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Json<T>(pub T);

impl<T: DeserializeOwned> FromSql for Json<T> {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        serde_json::from_str(s)
            .map(Json)
            .map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

/// Serialize a value to JSON text for a `_json` column.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T, what: &str) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::invalid(format!("{what}: {e}")))
}

/// A unit-variant enum stored as its serde key (`"bluesky"`, `"not_enough_data"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key<T>(pub T);

impl<T: Serialize> ToSql for Key<T> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match serde_json::to_value(&self.0) {
            Ok(serde_json::Value::String(s)) => Ok(ToSqlOutput::from(s)),
            Ok(other) => Err(rusqlite::Error::ToSqlConversionFailure(
                format!("enum value {other} has no string key").into(),
            )),
            Err(e) => Err(rusqlite::Error::ToSqlConversionFailure(Box::new(e))),
        }
    }
}

impl<T: DeserializeOwned> FromSql for Key<T> {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        serde_json::from_value(serde_json::Value::String(s.to_owned()))
            .map(Key)
            .map_err(|e| FromSqlError::Other(format!("unknown key '{s}': {e}").into()))
    }
}

/// Refuse a NaN (`SQLite` would silently store it as NULL).
pub(crate) fn real(v: f64, what: &str) -> Result<f64> {
    if v.is_nan() {
        Err(StoreError::invalid(format!("{what}: NaN is not a number")))
    } else {
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use scout_core::{Platform, Verdict};

    #[test]
    fn time_text_is_fixed_width_and_sorts_like_time() {
        let whole = Utc.with_ymd_and_hms(2025, 3, 1, 12, 0, 0).unwrap();
        let later = whole + chrono::Duration::nanoseconds(500_000_000);
        assert_eq!(format_time(whole), "2025-03-01T12:00:00.000000000Z");
        assert_eq!(format_time(later), "2025-03-01T12:00:00.500000000Z");
        assert!(format_time(whole) < format_time(later));
    }

    #[test]
    fn keys_are_serde_keys() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let (p, v): (String, String) = conn
            .query_row(
                "SELECT ?1, ?2",
                (Key(Platform::Youtube), Key(Verdict::NotEnoughData)),
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((p.as_str(), v.as_str()), ("youtube", "not_enough_data"));
        let back: Key<Verdict> = conn.query_row("SELECT 'watch'", [], |r| r.get(0)).unwrap();
        assert_eq!(back.0, Verdict::Watch);
        let bad = conn.query_row("SELECT 'maybe'", [], |r| r.get::<_, Key<Verdict>>(0));
        assert!(matches!(
            crate::StoreError::from(bad.unwrap_err()),
            crate::StoreError::Corrupt { .. }
        ));
    }

    #[test]
    fn nan_is_refused() {
        assert!(real(f64::NAN, "value").is_err());
        assert_eq!(real(0.25, "value").unwrap().to_bits(), 0.25_f64.to_bits());
    }

    #[test]
    fn times_keep_the_fixed_width_format() {
        for (secs, nanos) in [
            (0_i64, 0_u32),
            (1_751_328_000, 5),
            (1_751_328_000, 123_456_789),
            (253_402_300_799, 999_999_999), // 9999-12-31T23:59:59.999999999Z
            (-62_167_219_200, 0),           // 0000-01-01T00:00:00Z
        ] {
            let t = DateTime::from_timestamp(secs, nanos).unwrap();
            let text = format_time(t);
            assert_eq!(text, t.format("%Y-%m-%dT%H:%M:%S%.9fZ").to_string());
            assert_eq!(text.len(), 30, "{text}");
        }
    }
}
