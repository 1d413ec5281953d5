//! Topic relevance: the creator's recent posts ranked against the brief's topics and values
//! with Okapi BM25, in each post's own language.
//!
//! Main types: [`TopicFit`], [`TermMatch`], [`PostMatch`].
//!
//! Method, step by step (parameters from `weights.toml`, `[topic]`):
//! 1. Each original post (title + caption/description + hashtags) is a document, analysed in
//!    its language (see [`super::text::Analyzer`]): words, stop words out, Snowball stems.
//! 2. Each brief term (topics and values) is analysed with the same analyzer as the post it
//!    is compared with, so stems always agree.
//! 3. BM25 per post: Σ over the brief's terms of weight × Σ over the term's stems of
//!    IDF(stem) × tf·(k1+1) / (tf + k1·(1 − b + b·|post|/avg|post|)), with
//!    IDF = ln(1 + (N − n + 0.5)/(n + 0.5)) over the creator's N posts (k1 = 1.2, b = 0.75
//!    shipped). Posts are ranked by this score.
//! 4. A term *matches* a post when all of its stems occur in it; a post is *on topic* when
//!    it matches at least one term.
//! 5. Relevance (0–1) = `coverage_weight` × min(1, on-topic share / `saturation_share`) +
//!    `breadth_weight` × (weight of the brief's terms found / weight of all terms).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::brief::{Brief, Term};
use super::score::TopicParams;
use super::text::Analyzer;
use crate::Post;

/// How one brief term did across the posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermMatch {
    /// The term as the brief has it.
    pub term: String,
    /// Its weight.
    pub weight: f64,
    /// Posts it matched.
    pub posts: u32,
    /// Its summed BM25 contribution over all posts.
    pub score: f64,
}

/// A post and how well it matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostMatch {
    /// Post id.
    pub post_id: String,
    /// Post URL.
    pub url: Option<String>,
    /// BM25 score.
    pub score: f64,
    /// Brief terms it matched.
    pub terms: Vec<String>,
}

/// Topic relevance of a creator for a brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicFit {
    /// Relevance 0–1 (`None` without posts or without brief terms).
    pub relevance: Option<f64>,
    /// Posts ranked.
    pub posts: u32,
    /// Posts matching at least one term.
    pub on_topic_posts: u32,
    /// `on_topic_posts / posts`.
    pub on_topic_share: f64,
    /// Brief terms found in at least one post.
    pub terms_found: u32,
    /// Brief terms in total (topics and values).
    pub terms_total: u32,
    /// Best terms, by summed BM25 contribution.
    pub top_terms: Vec<TermMatch>,
    /// Best posts, by BM25.
    pub top_posts: Vec<PostMatch>,
    /// The method and parameters, in words.
    pub method: String,
}

/// One document: a post and its language.
pub(crate) struct Doc<'a> {
    pub post: &'a Post,
    pub language: Option<&'a str>,
}

/// Words of the brief's terms, for splitting lowercase hashtags.
pub(crate) fn vocabulary(brief: &Brief) -> HashSet<String> {
    brief
        .topics
        .iter()
        .chain(&brief.values)
        .flat_map(|t| {
            let folded = super::text::fold(&t.term);
            let mut words: Vec<String> =
                unicode_segmentation::UnicodeSegmentation::unicode_words(folded.as_str())
                    .map(str::to_string)
                    .collect();
            // "skin care" is also known as "skincare".
            if words.len() > 1 {
                words.push(words.concat());
            }
            words
        })
        .filter(|w| w.chars().count() >= 2)
        .collect()
}

/// Rank posts against the brief's topics and values.
pub(crate) fn topic_fit(docs: &[Doc<'_>], brief: &Brief, params: &TopicParams) -> TopicFit {
    let terms: Vec<&Term> = brief.topics.iter().chain(&brief.values).collect();
    let method = format!(
        "Okapi BM25 (k1 = {}, b = {}) per post language with Snowball stems; relevance = {} × min(1, on-topic share / {}) + {} × share of term weight found",
        params.k1, params.b, params.coverage_weight, params.saturation_share, params.breadth_weight
    );
    let vocab = vocabulary(brief);
    let mut analyzers: HashMap<Option<&str>, Analyzer> = HashMap::new();
    // Analyse documents.
    let mut doc_terms: Vec<HashMap<String, u32>> = Vec::with_capacity(docs.len());
    let mut doc_len: Vec<f64> = Vec::with_capacity(docs.len());
    for d in docs {
        let a = analyzers
            .entry(d.language)
            .or_insert_with(|| Analyzer::new(d.language));
        let body = match &d.post.title {
            Some(t) => format!("{t}\n{}", d.post.text),
            None => d.post.text.clone(),
        };
        let mut tf: HashMap<String, u32> = HashMap::new();
        let stems = a.terms(&body, &vocab);
        doc_len.push(stems.len() as f64);
        for stem in stems {
            *tf.entry(stem).or_default() += 1;
        }
        doc_terms.push(tf);
    }
    let n_docs = docs.len();
    let avgdl = if n_docs == 0 {
        0.0
    } else {
        doc_len.iter().sum::<f64>() / n_docs as f64
    };
    let mut df: HashMap<&str, u32> = HashMap::new();
    for tf in &doc_terms {
        for k in tf.keys() {
            *df.entry(k.as_str()).or_default() += 1;
        }
    }
    let idf = |stem: &str| {
        let nq = f64::from(df.get(stem).copied().unwrap_or(0));
        (1.0 + (n_docs as f64 - nq + 0.5) / (nq + 0.5)).ln()
    };

    let mut term_posts = vec![0u32; terms.len()];
    let mut term_score = vec![0.0f64; terms.len()];
    let mut post_rows: Vec<PostMatch> = Vec::new();
    let mut on_topic = 0u32;
    let none = HashSet::new();
    let mut term_stems: HashMap<Option<&str>, Vec<Vec<String>>> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        let a = analyzers
            .entry(d.language)
            .or_insert_with(|| Analyzer::new(d.language));
        let stems_by_term = term_stems
            .entry(d.language)
            .or_insert_with(|| terms.iter().map(|t| a.terms(&t.term, &none)).collect());
        let tf = &doc_terms[i];
        let norm = if avgdl > 0.0 { doc_len[i] / avgdl } else { 0.0 };
        let mut score = 0.0;
        let mut matched = Vec::new();
        for (ti, term) in terms.iter().enumerate() {
            let stems = &stems_by_term[ti];
            if stems.is_empty() {
                continue;
            }
            let mut contribution = 0.0;
            for stem in stems {
                let freq = f64::from(tf.get(stem).copied().unwrap_or(0));
                if freq > 0.0 {
                    contribution += idf(stem) * freq * (params.k1 + 1.0)
                        / (freq + params.k1 * (1.0 - params.b + params.b * norm));
                }
            }
            contribution *= term.weight;
            score += contribution;
            term_score[ti] += contribution;
            if stems.iter().all(|st| tf.contains_key(st)) {
                term_posts[ti] += 1;
                matched.push(term.term.clone());
            }
        }
        if !matched.is_empty() {
            on_topic += 1;
        }
        if score > 0.0 {
            post_rows.push(PostMatch {
                post_id: d.post.id.clone(),
                url: d.post.url.clone(),
                score: round4(score),
                terms: matched,
            });
        }
    }
    post_rows.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.post_id.cmp(&b.post_id))
    });
    post_rows.truncate(params.top_posts);

    let mut top_terms: Vec<TermMatch> = terms
        .iter()
        .enumerate()
        .filter(|(i, _)| term_posts[*i] > 0)
        .map(|(i, t)| TermMatch {
            term: t.term.clone(),
            weight: t.weight,
            posts: term_posts[i],
            score: round4(term_score[i]),
        })
        .collect();
    top_terms.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| b.posts.cmp(&a.posts))
    });
    let terms_found = top_terms.len() as u32;
    top_terms.truncate(params.top_terms);

    let on_topic_share = if n_docs == 0 {
        0.0
    } else {
        f64::from(on_topic) / n_docs as f64
    };
    let total_weight: f64 = terms.iter().map(|t| t.weight).sum();
    let found_weight: f64 = terms
        .iter()
        .enumerate()
        .filter(|(i, _)| term_posts[*i] > 0)
        .map(|(_, t)| t.weight)
        .sum();
    let relevance = (n_docs > 0 && total_weight > 0.0).then(|| {
        let cw = params.coverage_weight / (params.coverage_weight + params.breadth_weight);
        let bw = params.breadth_weight / (params.coverage_weight + params.breadth_weight);
        let coverage = (on_topic_share / params.saturation_share).min(1.0);
        round4(cw * coverage + bw * (found_weight / total_weight))
    });
    TopicFit {
        relevance,
        posts: n_docs as u32,
        on_topic_posts: on_topic,
        on_topic_share: round4(on_topic_share),
        terms_found,
        terms_total: terms.len() as u32,
        top_terms,
        top_posts: post_rows,
        method,
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The topic component's explanation.
pub(crate) fn explain(t: &TopicFit) -> String {
    if t.terms_total == 0 {
        return "the brief has no topics or values".into();
    }
    if t.posts == 0 {
        return "no posts to rank".into();
    }
    let terms: Vec<String> = t
        .top_terms
        .iter()
        .take(5)
        .map(|m| {
            format!(
                "{} ({} post{})",
                m.term,
                m.posts,
                if m.posts == 1 { "" } else { "s" }
            )
        })
        .collect();
    format!(
        "{} of {} posts on topic ({:.0}%); {} of {} brief terms found{}",
        t.on_topic_posts,
        t.posts,
        t.on_topic_share * 100.0,
        t.terms_found,
        t.terms_total,
        if terms.is_empty() {
            String::new()
        } else {
            format!(": {}", terms.join(", "))
        }
    )
}
