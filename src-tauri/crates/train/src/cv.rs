//! Validation helpers: seeded stratified fold assignment ([`stratified_folds`]) and
//! classification metrics ([`metrics`], [`roc_auc`], [`mean_std`]) reported as
//! [`scout_core::checks::bots::Metrics`].

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use scout_core::checks::bots::Metrics;

/// Assigns each row a fold in `0..k` so that every fold holds the same share of each class
/// (fold sizes per class differ by at most one). Rows of each class are shuffled with `seed`
/// first, then dealt round-robin.
pub fn stratified_folds(labels: &[bool], k: usize, seed: u64) -> Vec<usize> {
    assert!(k >= 2, "cross-validation needs at least two folds");
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut fold = vec![0; labels.len()];
    // Fakes first, then reals: each class is dealt from fold 0, so folds stay balanced.
    for class in [true, false] {
        let mut idx: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] == class).collect();
        idx.shuffle(&mut rng);
        for (n, i) in idx.into_iter().enumerate() {
            fold[i] = n % k;
        }
    }
    fold
}

/// Accuracy, precision, recall, F1 (calling fake every row with `scores ≥ threshold`) and
/// ROC AUC of `scores` against `labels` (`true` = fake). Scores may be probabilities or
/// log-odds (log-odds never saturate into ties), with the threshold in the same units.
///
/// Precision is 0 when nothing is called fake (the trivial all-real classifier), recall is
/// 0 when there are no fakes.
pub fn metrics(labels: &[bool], scores: &[f64], threshold: f64) -> Metrics {
    assert_eq!(labels.len(), scores.len(), "one score per label");
    let (mut tp, mut fp, mut tn, mut fne) = (0usize, 0usize, 0usize, 0usize);
    for (&fake, &p) in labels.iter().zip(scores) {
        match (fake, p >= threshold) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (false, false) => tn += 1,
            (true, false) => fne += 1,
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let precision = ratio(tp, tp + fp);
    let recall = ratio(tp, tp + fne);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Metrics {
        accuracy: ratio(tp + tn, labels.len()),
        precision,
        recall,
        f1,
        roc_auc: roc_auc(labels, scores),
    }
}

/// Area under the ROC curve by ranking (Mann–Whitney U): the probability that a random fake
/// scores above a random real account, ties counting one half. 0.5 when a class is absent.
pub fn roc_auc(labels: &[bool], scores: &[f64]) -> f64 {
    assert_eq!(labels.len(), scores.len(), "one score per label");
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    // Average ranks (1-based) over runs of tied scores.
    let mut rank = vec![0.0; scores.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && scores[order[end]].total_cmp(&scores[order[start]]).is_eq() {
            end += 1;
        }
        let average = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            rank[i] = average;
        }
        start = end;
    }
    let positives = labels.iter().filter(|&&l| l).count();
    let negatives = labels.len() - positives;
    if positives == 0 || negatives == 0 {
        return 0.5;
    }
    let rank_sum: f64 = labels
        .iter()
        .zip(&rank)
        .filter(|(l, _)| **l)
        .map(|(_, r)| r)
        .sum();
    let u = rank_sum - (positives * (positives + 1)) as f64 / 2.0;
    u / (positives * negatives) as f64
}

/// Mean and (population) standard deviation of each metric over folds.
pub fn mean_std(per_fold: &[Metrics]) -> (Metrics, Metrics) {
    let n = per_fold.len().max(1) as f64;
    let pick: [fn(&Metrics) -> f64; 5] = [
        |m| m.accuracy,
        |m| m.precision,
        |m| m.recall,
        |m| m.f1,
        |m| m.roc_auc,
    ];
    let mut mean = [0.0; 5];
    let mut std = [0.0; 5];
    for (k, get) in pick.iter().enumerate() {
        let mu = per_fold.iter().map(get).sum::<f64>() / n;
        let var = per_fold.iter().map(|m| (get(m) - mu).powi(2)).sum::<f64>() / n;
        mean[k] = mu;
        std[k] = var.sqrt();
    }
    let build = |v: [f64; 5]| Metrics {
        accuracy: v[0],
        precision: v[1],
        recall: v[2],
        f1: v[3],
        roc_auc: v[4],
    };
    (build(mean), build(std))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_stratified_and_cover_every_row() {
        // 23 fakes and 97 reals over 5 folds: each fold gets 4 or 5 fakes and 19 or 20 reals.
        let labels: Vec<bool> = (0..120).map(|i| i % 5 == 0 && i < 115).collect();
        let fakes = labels.iter().filter(|&&l| l).count();
        assert_eq!(fakes, 23);
        let folds = stratified_folds(&labels, 5, 7);
        assert_eq!(folds.len(), 120);
        for f in 0..5 {
            let fake_in = (0..120).filter(|&i| folds[i] == f && labels[i]).count();
            let real_in = (0..120).filter(|&i| folds[i] == f && !labels[i]).count();
            assert!((4..=5).contains(&fake_in), "fold {f}: {fake_in} fakes");
            assert!((19..=20).contains(&real_in), "fold {f}: {real_in} reals");
        }
        assert!(folds.iter().all(|&f| f < 5));
    }

    #[test]
    fn folds_depend_on_the_seed_only() {
        let labels: Vec<bool> = (0..50).map(|i| i % 3 == 0).collect();
        assert_eq!(
            stratified_folds(&labels, 5, 1),
            stratified_folds(&labels, 5, 1)
        );
        assert_ne!(
            stratified_folds(&labels, 5, 1),
            stratified_folds(&labels, 5, 2)
        );
    }

    #[test]
    fn metrics_count_by_hand() {
        // Labels: F F F R R R R R; called fake (p ≥ 0.5): rows 0, 1 and 3.
        // TP = 2, FN = 1, FP = 1, TN = 4.
        let labels = [true, true, true, false, false, false, false, false];
        let p = [0.9, 0.8, 0.3, 0.6, 0.2, 0.1, 0.4, 0.05];
        let m = metrics(&labels, &p, 0.5);
        assert!((m.accuracy - 6.0 / 8.0).abs() < 1e-12);
        assert!((m.precision - 2.0 / 3.0).abs() < 1e-12);
        assert!((m.recall - 2.0 / 3.0).abs() < 1e-12);
        assert!((m.f1 - 2.0 / 3.0).abs() < 1e-12);
        // Pairs (fake, real) with the fake above: 0.9 and 0.8 beat all 5 reals (10);
        // 0.3 beats 0.2, 0.1, 0.05 (3) → 13 of 15.
        assert!((m.roc_auc - 13.0 / 15.0).abs() < 1e-12);
    }

    #[test]
    fn auc_counts_ties_as_half() {
        // One fake, two reals, all tied: AUC = 0.5. Fake tied with one real, above the other: 0.75.
        assert!((roc_auc(&[true, false, false], &[0.5, 0.5, 0.5]) - 0.5).abs() < 1e-12);
        assert!((roc_auc(&[true, false, false], &[0.5, 0.5, 0.1]) - 0.75).abs() < 1e-12);
    }

    #[test]
    fn all_real_baseline_has_no_precision_or_recall() {
        let labels = [true, false, false, false, false];
        let m = metrics(&labels, &[0.0; 5], 0.5);
        assert!((m.accuracy - 0.8).abs() < 1e-12);
        assert!(m.precision.abs() < 1e-12 && m.recall.abs() < 1e-12 && m.f1.abs() < 1e-12);
        assert!((m.roc_auc - 0.5).abs() < 1e-12);
    }

    #[test]
    fn mean_std_over_two_folds() {
        let a = Metrics {
            accuracy: 0.9,
            precision: 0.8,
            recall: 0.6,
            f1: 0.7,
            roc_auc: 1.0,
        };
        let b = Metrics {
            accuracy: 0.7,
            precision: 0.8,
            recall: 0.8,
            f1: 0.7,
            roc_auc: 0.9,
        };
        let (mean, std) = mean_std(&[a, b]);
        assert!((mean.accuracy - 0.8).abs() < 1e-12 && (std.accuracy - 0.1).abs() < 1e-12);
        assert!((mean.precision - 0.8).abs() < 1e-12 && std.precision.abs() < 1e-12);
        assert!((mean.roc_auc - 0.95).abs() < 1e-12 && (std.roc_auc - 0.05).abs() < 1e-12);
    }
}
