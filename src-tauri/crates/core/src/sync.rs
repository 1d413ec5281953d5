//! Team sync: the operations workspaces exchange through `scout-server`, their clock,
//! and the conflict rules every replica applies the same way.
//!
//! Main types: [`Hlc`] (hybrid logical clock), [`Stamp`] (clock + device: a total
//! order over every edit of a team), [`Op`] (one edit: entity, field, value, clock),
//! [`Change`] (an op checked and typed), [`Rule`] (how concurrent edits of a field
//! merge), [`Role`].
//!
//! Entities and their fields:
//!
//! | entity | fields | rule |
//! |---|---|---|
//! | `shortlist/<key>` | `name`, `client`, `notes` | last writer wins per field |
//! | `shortlist/<key>` | `deleted` | last writer wins; `true` is final |
//! | `entry/<key>/<platform>/<platform id>` | `member` | add/remove set, a concurrent add wins |
//! | `entry/…` | `status`, `tags` | last writer wins per field |
//! | `entry/…` | `note` | append-only: every note is kept with its author and time; the newest shows |
//! | `brief/<name>` | `version` | versioned: every version is kept; the newest is current (`null` = deleted) |
//! | `snapshot/<sha-256>` | `data` | immutable: the first copy is the only one |
//!
//! Pure: no I/O, no clock (`now_ms` is a parameter).

pub mod api;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Platform, ShortlistStatus};

/// A hybrid logical clock reading: wall-clock milliseconds and a counter that orders
/// edits made within the same millisecond (or while the wall clock stood behind a
/// clock seen from another device).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Hlc {
    /// Milliseconds since the Unix epoch.
    pub ms: i64,
    /// Tie-breaker within one millisecond.
    pub counter: i32,
}

impl Hlc {
    /// The clock for a new local edit: later than `self` and at least `now_ms`.
    #[must_use]
    pub fn tick(self, now_ms: i64) -> Hlc {
        if now_ms > self.ms {
            Hlc {
                ms: now_ms,
                counter: 0,
            }
        } else {
            Hlc {
                ms: self.ms,
                counter: self.counter.saturating_add(1),
            }
        }
    }

    /// The clock after seeing `remote`: never behind it, so a later local edit orders after it.
    #[must_use]
    pub fn observe(self, remote: Hlc) -> Hlc {
        self.max(remote)
    }
}

/// A clock reading and the device that made the edit: a total order over a team's edits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    /// The clock.
    pub hlc: Hlc,
    /// The device id the server gave at join.
    pub device: String,
}

/// One edit, as a client sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Op {
    /// What was edited (`shortlist/<key>`, `entry/<key>/<platform>/<id>`, `brief/<name>`, `snapshot/<hash>`).
    pub entity: String,
    /// Which field.
    pub field: String,
    /// The new value (see the module table).
    pub value: Value,
    /// When, by the editing device's clock.
    pub hlc: Hlc,
}

/// How concurrent edits of one field merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The edit with the greatest [`Stamp`] wins.
    LastWriterWins,
    /// Membership: present while some add has not been seen by a remove.
    AddWins,
    /// Every edit is kept; the newest shows.
    Append,
    /// Every version is kept; the newest is current.
    Versioned,
    /// Written once; later copies must be identical.
    Immutable,
}

/// What an entity is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Entity {
    /// A shortlist, by its team key.
    Shortlist {
        /// Random key given when the shortlist was created.
        key: String,
    },
    /// A creator on a shortlist.
    Entry {
        /// The shortlist's team key.
        list: String,
        /// The creator's platform.
        platform: Platform,
        /// The creator's id on the platform.
        platform_id: String,
    },
    /// A brand brief, by its lowercased name.
    Brief {
        /// Lowercased name.
        name: String,
    },
    /// A shared snapshot, by the SHA-256 (hex) of its compressed bytes.
    Snapshot {
        /// Lowercase hex SHA-256.
        hash: String,
    },
}

impl Entity {
    /// Parse an entity string.
    pub fn parse(s: &str) -> Result<Entity, OpError> {
        let bad = || OpError::new("entity", format!("'{}' is not a known entity", clip(s)));
        let (kind, rest) = s.split_once('/').ok_or_else(bad)?;
        match kind {
            "shortlist" if is_key(rest) => Ok(Entity::Shortlist { key: rest.into() }),
            "entry" => {
                let mut parts = rest.splitn(3, '/');
                let (Some(list), Some(platform), Some(id)) =
                    (parts.next(), parts.next(), parts.next())
                else {
                    return Err(bad());
                };
                let platform: Platform = platform.parse().map_err(|_| bad())?;
                if !is_key(list) || id.is_empty() || id.len() > 300 {
                    return Err(bad());
                }
                Ok(Entity::Entry {
                    list: list.into(),
                    platform,
                    platform_id: id.into(),
                })
            }
            "brief" if !rest.is_empty() && rest.len() <= 200 && rest == rest.to_lowercase() => {
                Ok(Entity::Brief { name: rest.into() })
            }
            "snapshot"
                if rest.len() == 64
                    && rest
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) =>
            {
                Ok(Entity::Snapshot { hash: rest.into() })
            }
            _ => Err(bad()),
        }
    }

    /// The entity string.
    pub fn key(&self) -> String {
        match self {
            Entity::Shortlist { key } => format!("shortlist/{key}"),
            Entity::Entry {
                list,
                platform,
                platform_id,
            } => format!("entry/{list}/{}/{platform_id}", platform.key()),
            Entity::Brief { name } => format!("brief/{name}"),
            Entity::Snapshot { hash } => format!("snapshot/{hash}"),
        }
    }

    /// The entity of a brief named `name` (case-insensitive).
    pub fn brief(name: &str) -> Entity {
        Entity::Brief {
            name: name.trim().to_lowercase(),
        }
    }

    /// The shortlist this entity belongs to (itself, or an entry's list).
    pub fn shortlist_key(&self) -> Option<&str> {
        match self {
            Entity::Shortlist { key } | Entity::Entry { list: key, .. } => Some(key),
            _ => None,
        }
    }
}

/// A shortlist key: 8–64 lowercase hex digits.
fn is_key(s: &str) -> bool {
    (8..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn clip(s: &str) -> String {
    s.chars().take(80).collect()
}

/// A shared snapshot's value: which account, when, and the zstd-compressed JSON of
/// the snapshot with its raw responses, base64-encoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotValue {
    /// The account's platform.
    pub platform: Platform,
    /// The account's id on the platform.
    pub platform_id: String,
    /// When the vet fetched it (RFC 3339).
    pub fetched_at: String,
    /// Standard base64 of the zstd bytes whose SHA-256 names the entity.
    pub data: String,
}

/// The most bytes of text one note, name or tag may hold.
pub const MAX_TEXT: usize = 10_000;
/// The most tags on one entry.
pub const MAX_TAGS: usize = 50;

/// An op, checked and typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Shortlist name (non-empty).
    ShortlistName(String),
    /// Shortlist client.
    ShortlistClient(Option<String>),
    /// Shortlist notes.
    ShortlistNotes(Option<String>),
    /// Shortlist deleted (final).
    ShortlistDeleted,
    /// A creator added to a shortlist.
    EntryAdd,
    /// A creator removed, with the adds the remover had seen.
    EntryRemove {
        /// The add stamps this remove cancels.
        observed: Vec<Stamp>,
    },
    /// Review status.
    EntryStatus(ShortlistStatus),
    /// Tags (the whole set).
    EntryTags(Vec<String>),
    /// A note appended.
    EntryNote(String),
    /// A brief version (`None`: deleted).
    BriefVersion(Option<Value>),
    /// A shared snapshot.
    Snapshot(SnapshotValue),
}

impl Change {
    /// The merge rule of this change's field.
    pub fn rule(&self) -> Rule {
        match self {
            Change::EntryAdd | Change::EntryRemove { .. } => Rule::AddWins,
            Change::EntryNote(_) => Rule::Append,
            Change::BriefVersion(_) => Rule::Versioned,
            Change::Snapshot(_) => Rule::Immutable,
            _ => Rule::LastWriterWins,
        }
    }
}

/// Why an op was refused: the field that is wrong and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("{field}: {message}")]
pub struct OpError {
    /// `entity`, `field`, `value` or `hlc`.
    pub field: String,
    /// What is wrong, in words.
    pub message: String,
}

impl OpError {
    /// An error about `field`.
    pub fn new(field: &str, message: impl Into<String>) -> OpError {
        OpError {
            field: field.into(),
            message: message.into(),
        }
    }
}

fn text(v: &Value, what: &str, allow_empty: bool) -> Result<String, OpError> {
    let s = v
        .as_str()
        .ok_or_else(|| OpError::new("value", format!("{what} must be text")))?;
    if s.len() > MAX_TEXT {
        return Err(OpError::new(
            "value",
            format!("{what} is longer than {MAX_TEXT} bytes"),
        ));
    }
    if !allow_empty && s.trim().is_empty() {
        return Err(OpError::new("value", format!("{what} is empty")));
    }
    Ok(s.to_string())
}

fn opt_text(v: &Value, what: &str) -> Result<Option<String>, OpError> {
    if v.is_null() {
        Ok(None)
    } else {
        text(v, what, true).map(|s| Some(s).filter(|s| !s.trim().is_empty()))
    }
}

impl Op {
    /// Check the op's shape and value, and type it.
    pub fn check(&self) -> Result<(Entity, Change), OpError> {
        if self.hlc.ms <= 0 || self.hlc.counter < 0 {
            return Err(OpError::new("hlc", "the clock reading is not positive"));
        }
        let entity = Entity::parse(&self.entity)?;
        let v = &self.value;
        let unknown = || {
            OpError::new(
                "field",
                format!(
                    "'{}' is not a field of {}",
                    clip(&self.field),
                    clip(&self.entity)
                ),
            )
        };
        let change = match (&entity, self.field.as_str()) {
            (Entity::Shortlist { .. }, "name") => {
                Change::ShortlistName(text(v, "a shortlist name", false)?.trim().to_string())
            }
            (Entity::Shortlist { .. }, "client") => {
                Change::ShortlistClient(opt_text(v, "a client")?)
            }
            (Entity::Shortlist { .. }, "notes") => Change::ShortlistNotes(opt_text(v, "notes")?),
            (Entity::Shortlist { .. }, "deleted") => {
                if v != &Value::Bool(true) {
                    return Err(OpError::new(
                        "value",
                        "deleted must be true (a deleted shortlist stays deleted)",
                    ));
                }
                Change::ShortlistDeleted
            }
            (Entity::Entry { .. }, "member") => {
                if v.get("add") == Some(&Value::Bool(true)) {
                    Change::EntryAdd
                } else if let Some(obs) = v.get("remove") {
                    let observed: Vec<Stamp> =
                        serde_json::from_value(obs.clone()).map_err(|e| {
                            OpError::new("value", format!("remove must list add stamps: {e}"))
                        })?;
                    Change::EntryRemove { observed }
                } else {
                    return Err(OpError::new(
                        "value",
                        "member must be {\"add\": true} or {\"remove\": [stamps]}",
                    ));
                }
            }
            (Entity::Entry { .. }, "status") => {
                let s = text(v, "a status", false)?;
                Change::EntryStatus(s.parse().map_err(|e: crate::shortlist::UnknownStatus| {
                    OpError::new("value", e.to_string())
                })?)
            }
            (Entity::Entry { .. }, "tags") => {
                let tags = v
                    .as_array()
                    .ok_or_else(|| OpError::new("value", "tags must be a list of text"))?;
                if tags.len() > MAX_TAGS {
                    return Err(OpError::new("value", format!("more than {MAX_TAGS} tags")));
                }
                Change::EntryTags(
                    tags.iter()
                        .map(|t| text(t, "a tag", false))
                        .collect::<Result<_, _>>()?,
                )
            }
            (Entity::Entry { .. }, "note") => Change::EntryNote(text(v, "a note", true)?),
            (Entity::Brief { .. }, "version") => {
                if v.is_null() {
                    Change::BriefVersion(None)
                } else if v.is_object() {
                    let brief = crate::brand::brief::Brief::from_json_value(v.clone())
                        .map_err(|e| OpError::new("value", format!("not a valid brief: {e}")))?;
                    if let Entity::Brief { name } = &entity
                        && brief.name.trim().to_lowercase() != *name
                    {
                        return Err(OpError::new(
                            "value",
                            format!("the brief is named '{}', not '{name}'", brief.name),
                        ));
                    }
                    Change::BriefVersion(Some(v.clone()))
                } else {
                    return Err(OpError::new(
                        "value",
                        "a brief version must be a brief or null",
                    ));
                }
            }
            (Entity::Snapshot { .. }, "data") => {
                let s: SnapshotValue = serde_json::from_value(v.clone())
                    .map_err(|e| OpError::new("value", format!("not a snapshot: {e}")))?;
                if s.platform_id.is_empty()
                    || chrono::DateTime::parse_from_rfc3339(&s.fetched_at).is_err()
                {
                    return Err(OpError::new(
                        "value",
                        "a snapshot needs an account id and an RFC 3339 fetch time",
                    ));
                }
                Change::Snapshot(s)
            }
            _ => return Err(unknown()),
        };
        Ok((entity, change))
    }
}

/// Add-wins membership: present while some add stamp is not observed by any remove.
pub fn is_member<'a>(
    adds: impl IntoIterator<Item = &'a Stamp>,
    removes: impl IntoIterator<Item = &'a [Stamp]>,
) -> bool {
    let removed: std::collections::HashSet<&Stamp> = removes.into_iter().flatten().collect();
    adds.into_iter().any(|a| !removed.contains(a))
}

/// A team member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything a scout may do, and invite and revoke devices.
    Admin,
    /// Edit shortlists, briefs, and share snapshots.
    Scout,
    /// Read only (a client, an account manager).
    Viewer,
}

impl Role {
    /// Lowercase key.
    pub fn key(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Scout => "scout",
            Role::Viewer => "viewer",
        }
    }

    /// Whether this role may push edits.
    pub fn can_write(self) -> bool {
        !matches!(self, Role::Viewer)
    }

    /// Whether this role may invite and revoke devices.
    pub fn can_admin(self) -> bool {
        matches!(self, Role::Admin)
    }
}

impl std::str::FromStr for Role {
    type Err = OpError;
    fn from_str(s: &str) -> Result<Role, OpError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "admin" => Ok(Role::Admin),
            "scout" => Ok(Role::Scout),
            "viewer" => Ok(Role::Viewer),
            o => Err(OpError::new(
                "role",
                format!(
                    "unknown role '{}': expected admin, scout or viewer",
                    clip(o)
                ),
            )),
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn op(entity: &str, field: &str, value: Value) -> Op {
        Op {
            entity: entity.into(),
            field: field.into(),
            value,
            hlc: Hlc { ms: 1, counter: 0 },
        }
    }

    const L: &str = "0123456789abcdef";

    #[test]
    fn the_clock_moves_forward_even_when_the_wall_clock_does_not() {
        let a = Hlc::default().tick(100);
        assert_eq!(
            a,
            Hlc {
                ms: 100,
                counter: 0
            }
        );
        let b = a.tick(90);
        assert_eq!(
            b,
            Hlc {
                ms: 100,
                counter: 1
            }
        );
        assert!(b > a);
        let seen = b.observe(Hlc {
            ms: 500,
            counter: 3,
        });
        assert!(
            seen.tick(200)
                > Hlc {
                    ms: 500,
                    counter: 3
                }
        );
    }

    #[test]
    fn entities_round_trip_and_odd_ones_are_refused() {
        for e in [
            format!("shortlist/{L}"),
            format!("entry/{L}/bluesky/did:plc:abc/x"),
            "brief/acme".to_string(),
            format!("snapshot/{}", "a".repeat(64)),
        ] {
            assert_eq!(Entity::parse(&e).unwrap().key(), e);
        }
        for e in [
            "shortlist/XYZ",
            "entry/0123456789abcdef/myspace/x",
            "brief/Acme",
            "snapshot/abc",
            "creator/1",
            "",
        ] {
            assert!(Entity::parse(e).is_err(), "{e}");
        }
    }

    #[test]
    fn values_are_checked_per_field() {
        let entry = format!("entry/{L}/mastodon/a@b");
        let ok = [
            op(&format!("shortlist/{L}"), "name", json!("Spring")),
            op(&format!("shortlist/{L}"), "client", Value::Null),
            op(&entry, "status", json!("approved")),
            op(&entry, "tags", json!(["food"])),
            op(&entry, "note", json!("")),
            op(&entry, "member", json!({"add": true})),
            op(&entry, "member", json!({"remove": []})),
            op("brief/acme", "version", Value::Null),
        ];
        for o in ok {
            o.check().unwrap();
        }
        let bad = [
            (op(&format!("shortlist/{L}"), "name", json!("  ")), "value"),
            (
                op(&format!("shortlist/{L}"), "deleted", json!(false)),
                "value",
            ),
            (
                op(&format!("shortlist/{L}"), "colour", json!("red")),
                "field",
            ),
            (op(&entry, "status", json!("maybe")), "value"),
            (op(&entry, "tags", json!("food")), "value"),
            (op(&entry, "member", json!({"toggle": 1})), "value"),
            (
                op("brief/acme", "version", json!({"name": "Other"})),
                "value",
            ),
            (op("brief/acme", "version", json!(3)), "value"),
            (op(&entry, "note", json!("x".repeat(MAX_TEXT + 1))), "value"),
        ];
        for (o, field) in bad {
            let e = o.check().unwrap_err();
            assert_eq!(e.field, field, "{o:?}: {e}");
        }
        let mut o = op(&entry, "status", json!("approved"));
        o.hlc.ms = 0;
        assert_eq!(o.check().unwrap_err().field, "hlc");
    }

    #[test]
    fn a_concurrent_add_wins_over_a_remove_that_did_not_see_it() {
        let s = |ms, d: &str| Stamp {
            hlc: Hlc { ms, counter: 0 },
            device: d.into(),
        };
        let a1 = s(5, "a");
        let c1 = s(3, "c"); // made offline, not seen by the remover
        let removes = [vec![a1.clone()]];
        assert!(is_member([&a1, &c1], removes.iter().map(Vec::as_slice)));
        assert!(!is_member([&a1], removes.iter().map(Vec::as_slice)));
        assert!(!is_member([], std::iter::empty::<&[Stamp]>()));
    }

    #[test]
    fn roles() {
        assert_eq!("Viewer".parse::<Role>().unwrap(), Role::Viewer);
        assert!(!Role::Viewer.can_write());
        assert!(Role::Scout.can_write() && !Role::Scout.can_admin());
        assert!("owner".parse::<Role>().is_err());
    }
}
