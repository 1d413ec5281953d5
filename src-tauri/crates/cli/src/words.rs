//! Counted nouns for the CLI's messages, with core's plural helper
//! (`scout_core::checks::plain`), so the CLI reads "1 creator", "5 creators" like
//! every other surface, never "creator(s)".

use scout_core::checks::plain::{Noun, counted_figure};

pub const CREATOR: Noun = Noun::new("creator", "creators");
pub const RESULT: Noun = Noun::new("result", "results");
pub const ROW: Noun = Noun::new("row", "rows");
pub const SNAPSHOT: Noun = Noun::new("snapshot", "snapshots");
pub const SNAPSHOT_WITHOUT_RAW: Noun = Noun::new(
    "snapshot has no raw responses",
    "snapshots have no raw responses",
);
pub const CHANGE: Noun = Noun::new("change", "changes");
pub const EDIT: Noun = Noun::new("edit", "edits");
pub const LOCAL_EDIT: Noun = Noun::new("local edit", "local edits");

/// "1 creator", "0 creators", "1,234 creators".
pub fn n(count: impl TryInto<usize>, noun: Noun) -> String {
    counted_figure(count.try_into().unwrap_or(usize::MAX), noun)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_in_plain_plurals() {
        assert_eq!(n(1_u32, CREATOR), "1 creator");
        assert_eq!(n(5_usize, CREATOR), "5 creators");
        assert_eq!(n(0_u64, ROW), "0 rows");
        assert_eq!(
            n(1_usize, SNAPSHOT_WITHOUT_RAW),
            "1 snapshot has no raw responses"
        );
    }
}
