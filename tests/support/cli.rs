//! Running the real `scout` binary against a temporary workspace.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Path of the `scout` binary under test: `SCOUT_BIN` when set (e.g. a release
/// build), else the one cargo built for this test run (`CARGO_BIN_EXE_scout`, set
/// for the `scout-cli` package's test targets, where these tests live). Never
/// builds anything itself.
///
/// # Panics
/// If neither is set, or the file is missing.
pub fn scout_bin() -> PathBuf {
    let bin = std::env::var_os("SCOUT_BIN")
        .or_else(|| std::env::var_os("CARGO_BIN_EXE_scout"))
        .map_or_else(
            || {
            panic!(
                "the scout binary is unknown: run these tests with `cargo test -p scout-cli --test tests` \
                 (cargo builds it and sets CARGO_BIN_EXE_scout), or set SCOUT_BIN to a built `scout`"
            )
            },
            PathBuf::from,
        );
    assert!(
        bin.is_file(),
        "scout binary not found at {} (SCOUT_BIN / CARGO_BIN_EXE_scout)",
        bin.display()
    );
    bin
}

/// A `scout` invocation on the workspace in `data_dir`, with the given environment.
pub struct Scout {
    /// Workspace folder.
    pub data_dir: PathBuf,
    /// Extra environment (base URLs of the replay server, …).
    pub env: Vec<(String, String)>,
}

impl Scout {
    /// A fresh invocation builder.
    pub fn new(data_dir: &Path) -> Self {
        Self {
            data_dir: data_dir.to_path_buf(),
            env: Vec::new(),
        }
    }

    /// Add an environment variable.
    #[must_use]
    pub fn env(mut self, k: &str, v: &str) -> Self {
        self.env.push((k.into(), v.into()));
        self
    }

    /// Run with `args`, stdin closed.
    ///
    /// # Panics
    /// If the binary cannot start.
    pub fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(scout_bin());
        cmd.args(args)
            .env("SCOUT_DATA_DIR", &self.data_dir)
            .env_remove("SCOUT_LOG")
            .stdin(std::process::Stdio::null());
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd.output().expect("run scout")
    }

    /// Run and require success; returns stdout.
    ///
    /// # Panics
    /// If the command fails.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "scout {args:?} failed ({}):\nstdout: {}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Run and require failure; returns stderr.
    ///
    /// # Panics
    /// If the command succeeds.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            !out.status.success(),
            "scout {args:?} should have failed; stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).expect("utf-8 stderr")
    }
}

/// Assert two floats agree to `tol` relative.
///
/// # Panics
/// If they differ.
pub fn assert_close(actual: f64, expected: f64, tol: f64, what: &str) {
    let diff = (actual - expected).abs();
    assert!(
        diff <= tol * expected.abs().max(1e-12),
        "{what}: {actual} vs expected {expected}"
    );
}
