//! Mutations of real response bodies, as proptest strategies.
//!
//! A body is mutated by 1–3 of: a truncation at any byte; a member value
//! (`"key": value`, found textually, so the JSON embedded in HTML pages is hit
//! as well as plain JSON) replaced by a value of another type, a huge or negative
//! number, a numeric-looking string, a deeply nested array or object, or a string
//! of invalid UTF-8; invalid UTF-8 bytes inserted anywhere; thousands of
//! unbalanced `[` inserted anywhere. Every mutation is plain data (`Debug`), so
//! proptest prints, and shrinks to, the smallest failing one.

use proptest::prelude::*;

/// What replaces a member value.
#[derive(Debug, Clone)]
pub enum Replacement {
    /// A JSON literal, as written (strings quoted).
    Literal(&'static str),
    /// `[` × n, then `]` × n.
    DeepArray(usize),
    /// `{"a":` × n, `1`, then `}` × n.
    DeepObject(usize),
    /// A string holding bytes that are not UTF-8.
    BadUtf8String(&'static [u8]),
}

/// One change to a body.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// Keep the first `at % len` bytes.
    Truncate(u64),
    /// Replace the value of the `pick % count`-th `"key":` member.
    Swap { pick: u64, to: Replacement },
    /// Insert bytes that are not UTF-8 at `at % (len + 1)`.
    InsertBytes { at: u64, bytes: &'static [u8] },
    /// Insert `n` unbalanced `[` at `at % (len + 1)`.
    OpenBrackets { at: u64, n: usize },
}

/// Values of another type, huge and negative numbers, strings that look like
/// numbers or dates but are not what a parser expects.
const LITERALS: &[&str] = &[
    // Type swaps.
    "null",
    "true",
    "false",
    "0",
    "\"\"",
    "\"x\"",
    "[]",
    "[1,\"a\",null,{}]",
    "{}",
    "{\"a\":[1]}",
    // Huge, negative, fractional numbers.
    "-1",
    "1.5",
    "-0.0",
    "1e308",
    "-1e308",
    "1e-320",
    "4294967296",
    "9007199254740993",
    "9223372036854775807",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "123456789012345678901234567890",
    // Strings a number, count or date parser might read.
    "\"-1\"",
    "\"1e308\"",
    "\"18446744073709551616\"",
    "\"NaN\"",
    "\"inf\"",
    "\"1.7976931348623157e309\"",
    "\"9.99e99M subscribers\"",
    "\"99999999999999999999999 views\"",
    "\"-5K\"",
    "\"9999-99-99T99:99:99Z\"",
    "\"+275760-09-13T00:00:00Z\"",
    "\"0000-00-00\"",
    "\"PT99999999999999H\"",
    "\"999999999999h99m99s\"",
    "\"at://\"",
    "\"did:\"",
    "\"https://\"",
    "\"@\"",
    "\"#\"",
    "\"\\ud800\"",
    "\"\\u0000\"",
    "\"🙂\\u0301\"",
];

const BAD_UTF8: &[&[u8]] = &[
    b"\xff",
    b"\xfe\xff",
    b"\x80",
    b"\xc0\x80",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xe2\x82",
    b"\x00",
];

fn replacement() -> impl Strategy<Value = Replacement> {
    prop_oneof![
        6 => prop::sample::select(LITERALS).prop_map(Replacement::Literal),
        1 => (1_000usize..6_000).prop_map(Replacement::DeepArray),
        1 => (1_000usize..6_000).prop_map(Replacement::DeepObject),
        1 => prop::sample::select(BAD_UTF8).prop_map(Replacement::BadUtf8String),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => any::<u64>().prop_map(Mutation::Truncate),
        5 => (any::<u64>(), replacement()).prop_map(|(pick, to)| Mutation::Swap { pick, to }),
        1 => (any::<u64>(), prop::sample::select(BAD_UTF8))
            .prop_map(|(at, bytes)| Mutation::InsertBytes { at, bytes }),
        1 => (any::<u64>(), 1_000usize..6_000).prop_map(|(at, n)| Mutation::OpenBrackets { at, n }),
    ]
}

/// 1–3 mutations, applied in order.
pub fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec(mutation(), 1..=3)
}

fn index(pick: u64, len: usize) -> usize {
    // `len` fits in u64 and the remainder is below it.
    usize::try_from(pick % (len as u64).max(1)).unwrap_or(0)
}

/// Start offsets of member values: the first non-blank byte after a `:` that
/// follows a `"` (blanks allowed between).
fn member_values(body: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, b) in body.iter().enumerate() {
        if *b != b':' {
            continue;
        }
        let before = body[..i]
            .iter()
            .rev()
            .find(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'));
        if before != Some(&b'"') {
            continue;
        }
        if let Some(start) = body[i + 1..]
            .iter()
            .position(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
        {
            out.push(i + 1 + start);
        }
    }
    out
}

/// The end (exclusive) of the JSON value starting at `start`; the end of the
/// body when it is not closed.
fn value_end(body: &[u8], start: usize) -> usize {
    let n = body.len();
    match body[start] {
        b'"' => {
            let mut i = start + 1;
            while i < n {
                match body[i] {
                    b'\\' => i += 2,
                    b'"' => return i + 1,
                    _ => i += 1,
                }
            }
            n
        }
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = start;
            let mut in_string = false;
            while i < n {
                let c = body[i];
                if in_string {
                    match c {
                        b'\\' => i += 1,
                        b'"' => in_string = false,
                        _ => {}
                    }
                } else {
                    match c {
                        b'"' => in_string = true,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                return i + 1;
                            }
                        }
                        _ => {}
                    }
                }
                i += 1;
            }
            n
        }
        _ => body[start..]
            .iter()
            .position(|c| {
                matches!(
                    c,
                    b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t' | b'<' | b';'
                )
            })
            .map_or(n, |p| start + p.max(1)),
    }
}

fn render(to: &Replacement) -> Vec<u8> {
    match to {
        Replacement::Literal(s) => s.as_bytes().to_vec(),
        Replacement::DeepArray(n) => [vec![b'['; *n], vec![b']'; *n]].concat(),
        Replacement::DeepObject(n) => {
            let mut v = b"{\"a\":".repeat(*n);
            v.push(b'1');
            v.extend(std::iter::repeat_n(b'}', *n));
            v
        }
        Replacement::BadUtf8String(bytes) => [b"\"a".as_slice(), bytes, b"z\""].concat(),
    }
}

/// `body` with `mutation` applied.
pub fn apply_one(mut body: Vec<u8>, mutation: &Mutation) -> Vec<u8> {
    match mutation {
        Mutation::Truncate(at) => {
            let at = index(*at, body.len());
            body.truncate(at);
            body
        }
        Mutation::Swap { pick, to } => {
            let values = member_values(&body);
            if values.is_empty() {
                // No JSON member to swap: truncate instead, so the case still mutates.
                let at = index(*pick, body.len());
                body.truncate(at);
                return body;
            }
            let start = values[index(*pick, values.len())];
            let end = value_end(&body, start);
            body.splice(start..end, render(to));
            body
        }
        Mutation::InsertBytes { at, bytes } => {
            let at = index(*at, body.len() + 1);
            body.splice(at..at, bytes.iter().copied());
            body
        }
        Mutation::OpenBrackets { at, n } => {
            let at = index(*at, body.len() + 1);
            body.splice(at..at, std::iter::repeat_n(b'[', *n));
            body
        }
    }
}

/// `body` with every mutation applied in order.
pub fn apply(body: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    mutations.iter().fold(body.to_vec(), apply_one)
}

#[test]
fn mutations_change_what_they_say() {
    let body = br#"{"a": 1, "b": {"c": [1, 2]}, "d": "x\"y"}"#.to_vec();
    assert_eq!(member_values(&body).len(), 4);
    let swapped = apply_one(
        body.clone(),
        &Mutation::Swap {
            pick: 1,
            to: Replacement::Literal("null"),
        },
    );
    assert_eq!(swapped, br#"{"a": 1, "b": null, "d": "x\"y"}"#);
    let swapped = apply_one(
        body.clone(),
        &Mutation::Swap {
            pick: 3,
            to: Replacement::Literal("1e308"),
        },
    );
    assert_eq!(swapped, br#"{"a": 1, "b": {"c": [1, 2]}, "d": 1e308}"#);
    let swapped = apply_one(
        body.clone(),
        &Mutation::Swap {
            pick: 0,
            to: Replacement::DeepArray(3),
        },
    );
    assert_eq!(
        swapped,
        br#"{"a": [[[]]], "b": {"c": [1, 2]}, "d": "x\"y"}"#
    );
    assert_eq!(
        apply_one(body.clone(), &Mutation::Truncate(3)),
        br#"{"a"#.to_vec()
    );
    let bad = apply_one(
        body.clone(),
        &Mutation::InsertBytes {
            at: 1,
            bytes: b"\xff",
        },
    );
    assert!(std::str::from_utf8(&bad).is_err());
    let deep = apply_one(body, &Mutation::OpenBrackets { at: 0, n: 2000 });
    assert!(deep.starts_with(&[b'['; 2000]));
    // Embedded JSON in a page is found too.
    let page = br#"<script>var ytInitialData = {"x": "1.2M"};</script>"#.to_vec();
    let swapped = apply_one(
        page,
        &Mutation::Swap {
            pick: 0,
            to: Replacement::Literal("[]"),
        },
    );
    assert_eq!(
        swapped,
        br#"<script>var ytInitialData = {"x": []};</script>"#
    );
}
