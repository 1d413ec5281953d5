//! Input parsing: a profile URL, handle or prefixed handle → [`scout_core::AccountRef`].
//!
//! (Filled in by the Bluesky work; each platform module contributes `parse_url`.)

/// An input that names no account Scout can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{input}' is not a creator Scout can read: expected {expected}")]
pub struct InputError {
    /// The input as given.
    pub input: String,
    /// What was expected instead.
    pub expected: String,
}

/// Parse one user input into an account reference.
pub fn parse_input(input: &str) -> Result<scout_core::AccountRef, InputError> {
    Err(InputError { input: input.to_string(), expected: "not yet implemented".into() })
}
