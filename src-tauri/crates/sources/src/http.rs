//! The one HTTP client every source uses.
