//! AT Protocol lexicons: the schema documents that define every Bluesky XRPC
//! answer (`bluesky-social/atproto`, `lexicons/**.json`).
//!
//! Main types: [`LexiconDoc`] (one file: `lexicon`, `id`, `defs`), [`Def`] (a
//! definition or a field's schema: `type`, `required`, `properties`, `ref`,
//! `refs`, `items`, `format`, `record`, `output`) and [`Lexicons`] (a set of
//! documents with reference resolution). [`Lexicons::minimal`] builds the
//! smallest answer a server may send for a definition (only its `required`
//! fields, recursively): the conformance test decodes it with Scout's wire
//! types ([`super::wire`], discovery's Bluesky types), so a field Scout demands
//! but the lexicon makes optional fails the build instead of a live vet, and it
//! checks every field name Scout reads is declared by the lexicon.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value, json};

/// One lexicon document.
#[derive(Debug, Clone, Deserialize)]
pub struct LexiconDoc {
    /// Lexicon language version (1).
    pub lexicon: u32,
    /// The NSID, e.g. `app.bsky.actor.defs`.
    pub id: String,
    /// Definitions by name (`main` is the document's own).
    pub defs: BTreeMap<String, Def>,
}

/// A definition or a field's schema.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Def {
    /// `object`, `string`, `integer`, `boolean`, `array`, `ref`, `union`,
    /// `unknown`, `blob`, `bytes`, `token`, `record`, `query`, `params`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// Required property names (objects, params).
    #[serde(default)]
    pub required: Vec<String>,
    /// Properties (objects, params).
    #[serde(default)]
    pub properties: BTreeMap<String, Def>,
    /// Target of a `ref`.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// Targets of a `union`.
    #[serde(default)]
    pub refs: Vec<String>,
    /// Item schema of an `array`.
    pub items: Option<Box<Def>>,
    /// String format (`did`, `handle`, `at-uri`, `datetime`, `uri`, `cid`, …).
    pub format: Option<String>,
    /// A `record`'s object schema.
    pub record: Option<Box<Def>>,
    /// A `query`'s output.
    pub output: Option<Body>,
}

/// A query's output body.
#[derive(Debug, Clone, Deserialize)]
pub struct Body {
    /// `application/json`.
    pub encoding: String,
    /// The body's schema.
    pub schema: Option<Box<Def>>,
}

/// A set of lexicon documents by NSID.
#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    /// Documents by id.
    pub docs: BTreeMap<String, LexiconDoc>,
}

/// Deepest nesting [`Lexicons::minimal`] follows (the lexicons' required
/// fields never recurse; this only stops a broken set).
const MAX_DEPTH: usize = 16;

impl Lexicons {
    /// Add a document.
    pub fn insert(&mut self, doc: LexiconDoc) {
        self.docs.insert(doc.id.clone(), doc);
    }

    /// The definition a reference names, read from document `from`:
    /// `#name` (same document), `nsid#name`, or `nsid` (its `main`). Returns the
    /// document id the definition lives in, for its own relative references.
    pub fn resolve<'a>(&'a self, reference: &str, from: &str) -> Option<(&'a str, &'a Def)> {
        let (nsid, name) = match reference.split_once('#') {
            Some(("", name)) => (from, name),
            Some((nsid, name)) => (nsid, name),
            None => (reference, "main"),
        };
        let doc = self.docs.get(nsid)?;
        Some((doc.id.as_str(), doc.defs.get(name)?))
    }

    /// The output schema of query `nsid`.
    pub fn output(&self, nsid: &str) -> Option<&Def> {
        self.docs
            .get(nsid)?
            .defs
            .get("main")?
            .output
            .as_ref()?
            .schema
            .as_deref()
    }

    /// Every property name `def` (an object, a ref to one, or a record) declares.
    pub fn property_names(&self, def: &Def, from: &str) -> Vec<String> {
        match (def.kind.as_str(), &def.reference, &def.record) {
            ("ref", Some(r), _) => self
                .resolve(r, from)
                .map(|(id, d)| self.property_names(d, id))
                .unwrap_or_default(),
            ("record", _, Some(record)) => record.properties.keys().cloned().collect(),
            _ => def.properties.keys().cloned().collect(),
        }
    }

    /// The smallest value a server may send for `def` (read in document
    /// `from`): objects with only their required properties; the first member
    /// of a union, tagged with its `$type`; empty arrays; a placeholder per
    /// string format. A field of type `unknown` named in `unknown` is filled
    /// with the minimal record of that NSID (a post view's `record` is an
    /// `app.bsky.feed.post`).
    ///
    /// # Errors
    /// A reference that does not resolve, an `unknown` field without a record
    /// NSID, or nesting past [`MAX_DEPTH`].
    pub fn minimal(
        &self,
        def: &Def,
        from: &str,
        unknown: &[(&str, &str)],
    ) -> Result<Value, String> {
        self.minimal_at(def, from, unknown, 0)
    }

    fn minimal_at(
        &self,
        def: &Def,
        from: &str,
        unknown: &[(&str, &str)],
        depth: usize,
    ) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err(format!("nesting deeper than {MAX_DEPTH} in {from}"));
        }
        let resolve = |r: &str| {
            self.resolve(r, from)
                .ok_or_else(|| format!("{r} (from {from}) is not in the lexicons"))
        };
        Ok(match def.kind.as_str() {
            "object" | "params" => {
                let mut out = Map::new();
                for name in &def.required {
                    let field = def
                        .properties
                        .get(name)
                        .ok_or_else(|| format!("{from}: required '{name}' is not a property"))?;
                    let value = if field.kind == "unknown" {
                        let (_, nsid) = unknown
                            .iter()
                            .find(|(n, _)| n == name)
                            .ok_or_else(|| format!("{from}: '{name}' is unknown-typed"))?;
                        let (id, record) = resolve(nsid)?;
                        let mut v = self.minimal_at(record, id, unknown, depth + 1)?;
                        if let Value::Object(m) = &mut v {
                            m.insert("$type".into(), json!(nsid));
                        }
                        v
                    } else {
                        self.minimal_at(field, from, unknown, depth + 1)?
                    };
                    out.insert(name.clone(), value);
                }
                Value::Object(out)
            }
            "record" => {
                let record = def.record.as_deref().ok_or("a record without its object")?;
                self.minimal_at(record, from, unknown, depth + 1)?
            }
            "ref" => {
                let r = def.reference.as_deref().ok_or("a ref without its target")?;
                let (id, target) = resolve(r)?;
                self.minimal_at(target, id, unknown, depth + 1)?
            }
            "union" => {
                let r = def.refs.first().ok_or("a union without members")?;
                let (id, target) = resolve(r)?;
                let mut v = self.minimal_at(target, id, unknown, depth + 1)?;
                let tag = if r.starts_with('#') {
                    format!("{from}{r}")
                } else {
                    r.clone()
                };
                if let Value::Object(m) = &mut v {
                    m.insert("$type".into(), json!(tag));
                }
                v
            }
            "array" => json!([]),
            "integer" => json!(0),
            "boolean" => json!(false),
            "string" => json!(placeholder(def.format.as_deref())),
            "blob" => {
                json!({"$type": "blob", "ref": {"$link": "bafkreib"}, "mimeType": "image/jpeg", "size": 1})
            }
            "unknown" => json!({}),
            other => return Err(format!("{from}: no minimal value for a '{other}'")),
        })
    }
}

/// A valid string of each format Bluesky uses.
fn placeholder(format: Option<&str>) -> &'static str {
    match format {
        Some("did" | "at-identifier") => "did:plc:minimal",
        Some("handle") => "minimal.bsky.social",
        Some("at-uri") => "at://did:plc:minimal/app.bsky.feed.post/3minimal",
        Some("datetime") => "2025-01-01T00:00:00.000Z",
        Some("uri") => "https://minimal.example/",
        Some("cid") => "bafyreiminimal",
        Some("language") => "en",
        Some("nsid") => "app.bsky.feed.post",
        _ => "minimal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> Lexicons {
        let mut l = Lexicons::default();
        for doc in [
            r##"{"lexicon":1,"id":"x.defs","defs":{"view":{"type":"object","required":["did","author","record"],"properties":{"did":{"type":"string","format":"did"},"author":{"type":"ref","ref":"#basic"},"record":{"type":"unknown"},"count":{"type":"integer"}}},"basic":{"type":"object","required":["handle"],"properties":{"handle":{"type":"string","format":"handle"}}}}}"##,
            r#"{"lexicon":1,"id":"x.post","defs":{"main":{"type":"record","record":{"type":"object","required":["createdAt"],"properties":{"createdAt":{"type":"string","format":"datetime"}}}}}}"#,
            r#"{"lexicon":1,"id":"x.get","defs":{"main":{"type":"query","output":{"encoding":"application/json","schema":{"type":"object","required":["thread"],"properties":{"thread":{"type":"union","refs":["x.defs#view"]}}}}}}}"#,
        ] {
            l.insert(serde_json::from_str(doc).unwrap());
        }
        l
    }

    #[test]
    fn minimal_answers_hold_only_required_fields() {
        let l = set();
        let out = l.output("x.get").unwrap();
        let v = l.minimal(out, "x.get", &[("record", "x.post")]).unwrap();
        assert_eq!(
            v,
            json!({"thread": {"$type": "x.defs#view", "did": "did:plc:minimal",
                "author": {"handle": "minimal.bsky.social"},
                "record": {"$type": "x.post", "createdAt": "2025-01-01T00:00:00.000Z"}}})
        );
        let e = l.minimal(out, "x.get", &[]).unwrap_err();
        assert!(e.contains("'record' is unknown-typed"), "{e}");
    }

    #[test]
    fn references_and_property_names() {
        let l = set();
        let (id, view) = l.resolve("x.defs#view", "x.get").unwrap();
        assert_eq!(id, "x.defs");
        assert_eq!(
            l.property_names(view, id),
            ["author", "count", "did", "record"]
        );
        let (_, post) = l.resolve("x.post", "x.get").unwrap();
        assert_eq!(l.property_names(post, "x.post"), ["createdAt"]);
        assert!(l.resolve("#nope", "x.defs").is_none());
    }
}
