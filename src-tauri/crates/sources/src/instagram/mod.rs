//! instagram connector (being written).

mod input;

pub(crate) use input::{parse_prefixed, parse_url};
