//! tiktok connector.
