//! Scout's team server: a server-authoritative change log on PostgreSQL that
//! workspaces sync with.
//!
//! Main items: [`router`] (the HTTP API over a [`sqlx::PgPool`]), [`Server`] (bind,
//! serve, shut down; plain HTTP or rustls), [`db`] (migrations, invites, devices,
//! the op log), [`api`] (the request and response bodies clients speak),
//! [`ApiError`] (`{code, message}` with a 4xx/5xx status).
//!
//! The model: every edit is an [`scout_core::sync::Op`] `(entity, field, value, clock)`
//! pushed by a device. The server checks the device's role and the op's shape and
//! allowed transitions, appends it to the workspace's log with the next sequence
//! number, and devices pull every op after the last number they saw. The conflict
//! rules (last writer wins per field, add-wins membership, append-only notes,
//! versioned briefs, immutable snapshots) are applied by every replica the same way
//! (`scout_core::sync`), so replicas that have pulled the same log agree.
//!
//! Invariants: tokens and invite codes are stored only as SHA-256 hashes and never
//! logged; a push is one transaction holding the workspace row's lock, so sequence
//! numbers are gapless and commit in order; a retried push (same device and clock)
//! is acknowledged with the sequence number it already has.

pub use scout_core::sync::api;
pub mod db;
mod error;
mod routes;
pub mod testing;

use std::net::SocketAddr;
use std::path::PathBuf;

pub use error::ApiError;
pub use routes::{MAX_BODY_BYTES, router};
pub use sqlx::PgPool;

/// TLS certificate and key (PEM files) for serving HTTPS directly.
#[derive(Debug, Clone)]
pub struct Tls {
    /// Certificate chain, PEM.
    pub cert: PathBuf,
    /// Private key, PEM.
    pub key: PathBuf,
}

/// A running server: its address and a handle to stop it.
#[derive(Debug)]
pub struct Server {
    /// The address it listens on.
    pub addr: SocketAddr,
    handle: axum_server::Handle,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Server {
    /// Bind `listen` and serve the API on `pool` (HTTPS when `tls` is given) in a task.
    pub async fn start(
        pool: sqlx::PgPool,
        listen: SocketAddr,
        tls: Option<Tls>,
    ) -> anyhow::Result<Server> {
        let app = router(pool);
        let listener = std::net::TcpListener::bind(listen)
            .map_err(|e| anyhow::anyhow!("cannot listen on {listen}: {e}"))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let handle = axum_server::Handle::new();
        let service = app.into_make_service();
        let task = if let Some(tls) = tls {
            let _ = rustls::crypto::ring::default_provider().install_default();
            let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(&tls.cert, &tls.key)
                .await
                .map_err(|e| {
                    anyhow::anyhow!(
                        "cannot load the TLS certificate {} and key {}: {e}",
                        tls.cert.display(),
                        tls.key.display()
                    )
                })?;
            let server = axum_server::from_tcp_rustls(listener, config).handle(handle.clone());
            tokio::spawn(async move { server.serve(service).await })
        } else {
            let server = axum_server::from_tcp(listener).handle(handle.clone());
            tokio::spawn(async move { server.serve(service).await })
        };
        Ok(Server { addr, handle, task })
    }

    /// Stop accepting, let requests in flight finish (up to 5 s), and wait.
    pub async fn stop(self) -> anyhow::Result<()> {
        self.handle
            .graceful_shutdown(Some(std::time::Duration::from_secs(5)));
        self.task.await??;
        Ok(())
    }

    /// Run until the task ends (serve forever).
    pub async fn wait(self) -> anyhow::Result<()> {
        self.task.await??;
        Ok(())
    }
}

/// A new random secret: 32 bytes as 64 hex digits (tokens), or 16 (invite codes).
pub(crate) fn random_hex(bytes: usize) -> String {
    use rand::RngCore as _;
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    hex::encode(buf)
}

/// SHA-256 (hex) of a token or code: what the server stores instead of the secret.
pub fn hash_secret(secret: &str) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(secret.trim().as_bytes()))
}
