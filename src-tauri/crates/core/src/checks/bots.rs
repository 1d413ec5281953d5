//! Bot model: per-account bot probabilities for follower and engager samples (owned by the bot-model work).
