//! Running the real `scout` binary against a temporary workspace.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Path of the `scout` binary, built once (with the same profile as the tests).
///
/// # Panics
/// If cargo cannot build it.
pub fn scout_bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().expect("test executable path");
        // target/<profile>/deps/tests-<hash> → target/<profile>/scout
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("target profile folder")
            .to_path_buf();
        let bin = profile_dir.join(format!("scout{}", std::env::consts::EXE_SUFFIX));
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--quiet", "-p", "scout-cli"])
            .current_dir(crate::replay::repo_root())
            .status()
            .expect("run cargo build -p scout-cli");
        assert!(status.success(), "cargo build -p scout-cli failed");
        assert!(bin.exists(), "scout binary not found at {}", bin.display());
        bin
    })
    .clone()
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
