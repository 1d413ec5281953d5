//! `scout-server`: the team server's commands (migrate, serve, invite, revoke, devices).

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use scout_core::sync::Role;
use scout_server::{Server, Tls, db};

#[derive(Parser)]
#[command(
    name = "scout-server",
    version,
    about = "Scout's team server (PostgreSQL)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create or update the database schema.
    Migrate {
        /// PostgreSQL URL, e.g. `postgres://scout@localhost/scout_team`.
        #[arg(long, env = "SCOUT_DATABASE_URL")]
        database_url: String,
    },
    /// Serve the API (migrates first).
    Serve {
        /// PostgreSQL URL.
        #[arg(long, env = "SCOUT_DATABASE_URL")]
        database_url: String,
        /// Address to listen on, e.g. 0.0.0.0:8443.
        #[arg(long, default_value = "127.0.0.1:8787")]
        listen: SocketAddr,
        /// TLS certificate chain (PEM): serve HTTPS directly.
        #[arg(long, requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// TLS private key (PEM).
        #[arg(long, requires = "tls_cert")]
        tls_key: Option<PathBuf>,
    },
    /// Create a one-use invite code; the code is the last line printed.
    Invite {
        /// PostgreSQL URL.
        #[arg(long, env = "SCOUT_DATABASE_URL")]
        database_url: String,
        /// admin, scout or viewer.
        #[arg(long)]
        role: String,
        /// Workspace (created on its first invite).
        #[arg(long, default_value = "default")]
        workspace: String,
        /// How long the code works: 30m, 12h, 7d.
        #[arg(long, default_value = "72h")]
        expires_in: String,
    },
    /// Revoke a device: its token stops working at once.
    Revoke {
        /// PostgreSQL URL.
        #[arg(long, env = "SCOUT_DATABASE_URL")]
        database_url: String,
        /// The device id (`scout-server devices` lists them).
        #[arg(long)]
        device: String,
    },
    /// List devices.
    Devices {
        /// PostgreSQL URL.
        #[arg(long, env = "SCOUT_DATABASE_URL")]
        database_url: String,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "scout_server=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match Cli::parse().command {
        Command::Migrate { database_url } => {
            let pool = db::connect(&database_url).await?;
            db::migrate(&pool).await?;
            println!("schema up to date on {}", db::redact(&database_url));
        }
        Command::Serve {
            database_url,
            listen,
            tls_cert,
            tls_key,
        } => {
            let pool = db::connect(&database_url).await?;
            db::migrate(&pool).await?;
            let tls = tls_cert.zip(tls_key).map(|(cert, key)| Tls { cert, key });
            let https = tls.is_some();
            let server = Server::start(pool, listen, tls).await?;
            eprintln!(
                "scout-server listening on {}://{}",
                if https { "https" } else { "http" },
                server.addr
            );
            shutdown_signal().await?;
            eprintln!("scout-server stopping");
            server.stop().await?;
        }
        Command::Invite {
            database_url,
            role,
            workspace,
            expires_in,
        } => {
            let role: Role = role.parse()?;
            let expires = db::parse_duration(&expires_in)?;
            let pool = db::connect(&database_url).await?;
            db::migrate(&pool).await?;
            let invite = db::create_invite(&pool, &workspace, role, expires).await?;
            println!(
                "invite for workspace '{}' as {}, one use, expires {}",
                invite.workspace,
                invite.role,
                invite.expires_at.to_rfc3339()
            );
            println!("join with: scout team join <server URL> <code>");
            println!("{}", invite.code);
        }
        Command::Revoke {
            database_url,
            device,
        } => {
            let pool = db::connect(&database_url).await?;
            if db::revoke(&pool, &device, None)
                .await
                .map_err(|e| anyhow::anyhow!(e.message))?
            {
                println!("device {device} revoked");
            } else {
                anyhow::bail!("no active device '{device}' (`scout-server devices` lists them)");
            }
        }
        Command::Devices { database_url } => {
            let pool = db::connect(&database_url).await?;
            for d in db::devices(&pool, None)
                .await
                .map_err(|e| anyhow::anyhow!(e.message))?
            {
                println!(
                    "{}\t{}\t{}\t{}\tjoined {}\t{}",
                    d.device,
                    d.workspace,
                    d.role,
                    d.name,
                    d.joined_at.format("%Y-%m-%d %H:%M"),
                    d.revoked_at.map_or_else(
                        || "active".to_string(),
                        |t| format!("revoked {}", t.format("%Y-%m-%d %H:%M"))
                    )
                );
            }
        }
    }
    Ok(())
}

/// Ctrl-C, or SIGTERM on Unix (systemd, containers).
async fn shutdown_signal() -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .context("installing the SIGTERM handler")?;
        tokio::select! {
            r = tokio::signal::ctrl_c() => r.context("waiting for Ctrl-C")?,
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    tokio::signal::ctrl_c()
        .await
        .context("waiting for Ctrl-C")?;
    Ok(())
}
