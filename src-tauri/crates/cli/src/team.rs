//! `scout team …`: join a team server, sync, show the sync state, leave; and a
//! shortlist's activity (who changed what).

use anyhow::Result;
use clap::Subcommand;
use scout::Workspace;

use crate::words::{CHANGE, EDIT, LOCAL_EDIT, SNAPSHOT, n};

/// Team sync commands.
#[derive(Subcommand)]
pub enum TeamCmd {
    /// Join a team server with an invite code from its admin (`scout-server invite`).
    Join {
        /// The server's URL, e.g. `https://team.example.com:8443`.
        url: String,
        /// The one-use invite code.
        code: String,
        /// How the team sees this device (default: your user name).
        #[arg(long)]
        name: Option<String>,
    },
    /// Send queued edits and fetch the team's changes.
    Sync,
    /// Show the sync state.
    Status {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Stop syncing (local shortlists stay; the device token is revoked and removed).
    Leave,
    /// Who changed what on a shortlist, newest first.
    Activity {
        /// The shortlist's name.
        shortlist: String,
        /// At most this many lines.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

fn print_status(s: &scout::views::TeamStatus) {
    if !s.joined {
        println!("Not syncing with a team. Join one with `scout team join URL CODE`.");
        return;
    }
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    println!(
        "Team workspace  {} on {}",
        o(&s.workspace),
        o(&s.server_url)
    );
    println!(
        "This device     {} ({}), role {}",
        o(&s.device_name),
        o(&s.device),
        o(&s.role)
    );
    println!(
        "Applied         {}, up to #{}; {} shared",
        n(s.applied, CHANGE),
        s.cursor,
        n(s.shared_snapshots, SNAPSHOT)
    );
    println!("Pending         {} not yet sent", n(s.pending, LOCAL_EDIT));
    println!(
        "Last sync       {}",
        s.last_sync_at.clone().unwrap_or_else(|| "never".into())
    );
    if let Some(e) = &s.last_error {
        println!("Last error      {e}");
    }
    println!(
        "Token           in the OS keychain, entry {}",
        o(&s.keychain_entry)
    );
}

pub fn run(ws: &Workspace, cmd: TeamCmd, rt: &tokio::runtime::Runtime) -> Result<i32> {
    match cmd {
        TeamCmd::Join { url, code, name } => {
            let s = rt.block_on(ws.team_join(&url, &code, name.as_deref()))?;
            println!(
                "Joined '{}' as {}.",
                s.workspace.clone().unwrap_or_default(),
                s.role.clone().unwrap_or_default()
            );
            print_status(&s);
            Ok(0)
        }
        TeamCmd::Sync => {
            let r = rt.block_on(ws.team_sync())?;
            println!(
                "Sent {}, applied {} ({} from colleagues); the team log is at #{}.",
                n(r.pushed, EDIT),
                n(r.pulled, CHANGE),
                n(r.snapshots, SNAPSHOT),
                r.head
            );
            for msg in &r.rejected {
                println!("Refused by the server (undone here): {msg}");
            }
            Ok(0)
        }
        TeamCmd::Status { json } => {
            let s = ws.team_status()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&s)?);
            } else {
                print_status(&s);
            }
            Ok(0)
        }
        TeamCmd::Leave => {
            rt.block_on(ws.team_leave())?;
            println!("Left the team; this workspace's shortlists, briefs and snapshots stay here.");
            Ok(0)
        }
        TeamCmd::Activity {
            shortlist,
            limit,
            json,
        } => {
            let rows = ws.shortlist_activity(&shortlist, limit)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&rows)?);
            } else if rows.is_empty() {
                println!("No team activity on '{shortlist}' yet.");
            } else {
                for r in rows {
                    let who = r.creator.map(|c| format!(" {c}:")).unwrap_or_default();
                    let pending = if r.pending { " (not yet sent)" } else { "" };
                    println!("{}  {}{who} {}{pending}", r.at, r.author, r.summary);
                }
            }
            Ok(0)
        }
    }
}
