//! Row ids: [`AccountId`], [`SnapshotId`], [`ShortlistId`], [`RunId`], [`JobId`], [`JobItemId`].
//!
//! Each wraps the `SQLite` rowid (`i64`) so ids of different tables cannot be
//! mixed up; they serialize as plain numbers.

use std::fmt;

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

macro_rules! row_id {
    ($(#[$doc:meta])* $name:ident, $label:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// The raw rowid.
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{} {}", $label, self.0)
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }
    };
}

row_id!(
    /// Id of a row in `accounts`: one creator account on one platform.
    AccountId,
    "account"
);
row_id!(
    /// Id of a row in `profile_snapshots`: one dated vet of one account.
    SnapshotId,
    "snapshot"
);
row_id!(
    /// Id of a row in `shortlists`.
    ShortlistId,
    "shortlist"
);
row_id!(
    /// Id of a row in `runs`: one vet run.
    RunId,
    "run"
);
row_id!(
    /// Id of a row in `jobs`: one background job.
    JobId,
    "job"
);
row_id!(
    /// Id of a row in `job_items`: one item of a background job.
    JobItemId,
    "job item"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_serialize_as_bare_numbers_and_display_their_table() {
        assert_eq!(serde_json::to_string(&SnapshotId(42)).unwrap(), "42");
        assert_eq!(
            serde_json::from_str::<AccountId>("7").unwrap(),
            AccountId(7)
        );
        assert_eq!(ShortlistId(3).to_string(), "shortlist 3");
        assert_eq!(RunId(9).get(), 9);
    }
}
