//! For tests (this crate's and the sync tests in `tests/`): a fresh, migrated
//! database per test on the throwaway PostgreSQL cluster `dev.sh test` starts.
//!
//! `SCOUT_TEST_DATABASE_URL` names the cluster (any database on it). Without it a
//! test prints a visible skip line locally, and fails under `CI=true`: CI must never
//! pass by skipping the team tests.

use std::sync::atomic::{AtomicU32, Ordering};

/// The variable naming the test cluster.
pub const ENV: &str = "SCOUT_TEST_DATABASE_URL";

/// A new empty database on the test cluster, migrated; `None` (after printing why)
/// when no cluster is configured outside CI.
///
/// # Panics
/// Under `CI=true` without [`ENV`], or when the cluster cannot be reached.
pub async fn database(test: &str) -> Option<(String, sqlx::PgPool)> {
    use std::io::Write as _;
    static N: AtomicU32 = AtomicU32::new(0);
    let Ok(base) = std::env::var(ENV) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{ENV} is not set: CI must run the team tests against PostgreSQL (./dev.sh test starts a cluster)"
        );
        // Straight to stderr (not `eprintln!`, which the test harness captures), so the
        // skip shows in a plain `cargo test`.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED {test}: {ENV} is not set (./dev.sh test starts a throwaway PostgreSQL cluster)"
        );
        return None;
    };
    let name = format!(
        "scout_t{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst),
        crate::random_hex(3)
    );
    let admin = sqlx::PgPool::connect(&base)
        .await
        .unwrap_or_else(|e| panic!("cannot reach the test cluster at {base}: {e}"));
    // `name` is made of digits, letters and underscores only.
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin)
        .await
        .expect("create the test database");
    admin.close().await;
    let url = with_database(&base, &name);
    let pool = crate::db::connect(&url)
        .await
        .expect("connect to the test database");
    crate::db::migrate(&pool)
        .await
        .expect("migrate the test database");
    Some((url, pool))
}

/// How many ops in the log have an entity `LIKE like` (e.g. `snapshot/%`).
pub async fn count_ops(pool: &sqlx::PgPool, like: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT count(*) FROM ops WHERE entity LIKE $1")
        .bind(like)
        .fetch_one(pool)
        .await
}

/// Make every unused invite expired (a minute ago).
pub async fn expire_invites(pool: &sqlx::PgPool) -> sqlx::Result<()> {
    sqlx::query("UPDATE invites SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL")
        .execute(pool)
        .await
        .map(|_| ())
}

/// `base` with its database name replaced by `name` (query string kept).
pub fn with_database(base: &str, name: &str) -> String {
    let (head, query) = match base.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (base, None),
    };
    let after_scheme = head.find("://").map_or(0, |i| i + 3);
    let head = match head[after_scheme..].find('/') {
        Some(slash) => &head[..after_scheme + slash],
        None => head,
    };
    match query {
        Some(q) => format!("{head}/{name}?{q}"),
        None => format!("{head}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_database_name_is_replaced_and_the_query_kept() {
        assert_eq!(
            super::with_database("postgres://u@127.0.0.1:5999/postgres?sslmode=disable", "t1"),
            "postgres://u@127.0.0.1:5999/t1?sslmode=disable"
        );
        assert_eq!(
            super::with_database("postgres://u@localhost:1", "t2"),
            "postgres://u@localhost:1/t2"
        );
    }
}
