//! Integration tests of `scout-sources` over a loopback replay server: the real
//! HTTP client, rate limiter, retries and connectors run, nothing touches the
//! network. One test binary (modules below); the replay server is the very file
//! the `scout-tests` crate uses (`tests/support/replay.rs`), included by path so
//! there is no dependency cycle (`scout-tests` depends on `scout-sources`).
//!
//! Modules:
//! - `http_client`: retries, Retry-After / ratelimit-reset, size cap, redaction, errors.
//! - `bluesky`: the Bluesky connector against the fixture creator and error bodies.
//! - `corpus`: every Bluesky response in the repository fixtures and, when
//!   `SCOUT_CORPUS` is set, in `$SCOUT_CORPUS/fixtures/bluesky/`, through the wire types.
//! - `discovery_corpus`: every discovery capture in the corpus (search, suggestions,
//!   engagers, directory, tags, trends, results pages, link-in-bio pages) through
//!   the discovery parsers, with hand-counted figures.
//! - `discovery_replay`: discovery requests over the replay server (paging, 403, 429, empty pages).
//! - `more_corpus`: the captures read since issue 10 closed the not-parsed list
//!   (TikTok's official API, Twitch channels and users/follows, YouTube keyless
//!   comments, `PeerTube` and `SoundCloud` accounts, the Bluesky lexicons), with
//!   figures counted from the files by hand.

#[allow(dead_code)]
#[path = "../../../../../tests/support/replay.rs"]
mod replay;

mod bluesky;
mod corpus;
mod discovery_corpus;
mod discovery_replay;
mod http_client;
mod more_corpus;
