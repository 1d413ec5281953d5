//! Brand briefs and brand fit: topic relevance, language fit, competitor mentions,
//! brand safety, disclosure compliance and the Fit score.
