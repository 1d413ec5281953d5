//! [`IpcError`]: how every failure crosses the IPC boundary — `{ code, message }`.
//!
//! The UI branches on `code` (stable strings such as `not_found`, `invalid_input`,
//! `rate_limited`, `credentials`, `store`, `exists`, plus the shell's own `internal`
//! and `io`), never on `message`, which is one line a person can act on.

use serde::{Deserialize, Serialize};
use specta::Type;

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type, thiserror::Error)]
#[error("{message} ({code})")]
pub struct IpcError {
    /// Stable machine-readable code.
    pub code: String,
    /// One line for a person.
    pub message: String,
}

impl IpcError {
    /// An error with the given code and message.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
        }
    }

    /// The UI sent something the shell cannot use (bad id, empty name, …).
    pub fn invalid_input(message: impl Into<String>) -> Self {
        Self::new("invalid_input", message)
    }

    /// The shell itself failed (a background task panicked, the OS refused).
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new("internal", message)
    }
}

impl From<scout::Error> for IpcError {
    fn from(err: scout::Error) -> Self {
        Self::new(err.code(), err.to_string())
    }
}

/// What every command returns.
pub type IpcResult<T> = Result<T, IpcError>;

/// Turn a row id as the UI holds it (a JS number) into the façade's `i64`,
/// refusing fractions, NaN and values beyond 2^53.
pub fn row_id(id: f64) -> IpcResult<i64> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    if id.is_finite() && id.fract() == 0.0 && id.abs() <= MAX_SAFE {
        #[allow(clippy::cast_possible_truncation)] // whole and within 2^53: exact
        Ok(id as i64)
    } else {
        Err(IpcError::invalid_input(format!(
            "{id} is not a valid row id; reload the page and try again"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_and_message() {
        let json = serde_json::to_value(IpcError::new("not_found", "No creator 7")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "code": "not_found", "message": "No creator 7" })
        );
    }
}
