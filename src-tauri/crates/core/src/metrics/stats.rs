//! Small, deterministic statistics used by the metrics and the checks: [`mean`],
//! [`median`], [`mad`], [`robust_z_scores`], [`coefficient_of_variation`],
//! [`percentile_rank`], [`wilson_interval`] and [`sample_confidence`].
//!
//! Every function ignores nothing silently: callers pass only the values they
//! mean to use (unknown counts are filtered out before, never turned into 0),
//! and empty input answers `None`. Non-finite values are the caller's bug and
//! are filtered out here so that one stray NaN cannot poison a report.

/// Scale factor that makes the median absolute deviation a consistent
/// estimator of the standard deviation for normal data (1 / Φ⁻¹(3/4)).
pub const MAD_SCALE: f64 = 1.4826;

/// Scale factor for the mean absolute deviation used when the MAD is zero
/// (Iglewicz & Hoaglin 1993; √(π/2)).
pub const MEAN_AD_SCALE: f64 = 1.253_314;

/// Robust z-score above which a value is an outlier (Iglewicz & Hoaglin 1993,
/// "How to Detect and Handle Outliers", modified z-score cut-off 3.5).
pub const OUTLIER_Z: f64 = 3.5;

/// The 97.5 % normal quantile used for 95 % Wilson intervals.
pub const Z_95: f64 = 1.959_964;

fn finite(values: &[f64]) -> Vec<f64> {
    values.iter().copied().filter(|v| v.is_finite()).collect()
}

/// Arithmetic mean; `None` for no finite values.
pub fn mean(values: &[f64]) -> Option<f64> {
    let v = finite(values);
    if v.is_empty() {
        return None;
    }
    Some(v.iter().sum::<f64>() / v.len() as f64)
}

/// Median (mean of the two middle values for an even count); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v = finite(values);
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        f64::midpoint(v[n / 2 - 1], v[n / 2])
    })
}

/// Population standard deviation; `None` when empty.
pub fn std_dev(values: &[f64]) -> Option<f64> {
    let v = finite(values);
    let m = mean(&v)?;
    let var = v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / v.len() as f64;
    Some(var.sqrt())
}

/// Median absolute deviation from the median (unscaled); `None` when empty.
pub fn mad(values: &[f64]) -> Option<f64> {
    let v = finite(values);
    let m = median(&v)?;
    let dev: Vec<f64> = v.iter().map(|x| (x - m).abs()).collect();
    median(&dev)
}

/// Coefficient of variation: population standard deviation / mean.
/// `None` when empty or when the mean is not positive.
pub fn coefficient_of_variation(values: &[f64]) -> Option<f64> {
    let m = mean(values)?;
    if m <= 0.0 {
        return None;
    }
    Some(std_dev(values)? / m)
}

/// Robust coefficient of variation: `MAD_SCALE · MAD / median`.
/// `None` when empty or when the median is not positive.
pub fn robust_cv(values: &[f64]) -> Option<f64> {
    let m = median(values)?;
    if m <= 0.0 {
        return None;
    }
    Some(MAD_SCALE * mad(values)? / m)
}

/// Modified z-scores (Iglewicz & Hoaglin): `(x − median) / (MAD_SCALE · MAD)`.
///
/// When the MAD is zero (more than half the values are equal) the mean absolute
/// deviation scaled by [`MEAN_AD_SCALE`] is used instead; when that is zero too,
/// every value equals the median and all scores are 0. Output order follows the
/// input; non-finite inputs get a score of 0.
pub fn robust_z_scores(values: &[f64]) -> Vec<f64> {
    let Some(m) = median(values) else {
        return vec![0.0; values.len()];
    };
    let mad_v = mad(values).unwrap_or(0.0);
    let scale = if mad_v > 0.0 {
        MAD_SCALE * mad_v
    } else {
        let v = finite(values);
        let mean_ad = v.iter().map(|x| (x - m).abs()).sum::<f64>() / v.len() as f64;
        MEAN_AD_SCALE * mean_ad
    };
    values
        .iter()
        .map(|x| {
            if scale > 0.0 && x.is_finite() {
                (x - m) / scale
            } else {
                0.0
            }
        })
        .collect()
}

/// Mid-rank percentile of `value` among `population`, in 0..=1:
/// `(count below + ½ · count equal) / n`. `None` for an empty population.
pub fn percentile_rank(value: f64, population: &[f64]) -> Option<f64> {
    let p = finite(population);
    if p.is_empty() || !value.is_finite() {
        return None;
    }
    let below = p.iter().filter(|&&x| x < value).count() as f64;
    let equal = p
        .iter()
        .filter(|&&x| (x - value).abs() <= f64::EPSILON * x.abs().max(1.0))
        .count() as f64;
    Some((below + 0.5 * equal) / p.len() as f64)
}

/// Wilson score interval for `successes` out of `n` at normal quantile `z`
/// (Wilson 1927). Returns `(low, high)`, both within 0..=1; `None` when `n == 0`.
pub fn wilson_interval(successes: usize, n: usize, z: f64) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let n_f = n as f64;
    let p = successes.min(n) as f64 / n_f;
    let z2 = z * z;
    let denom = 1.0 + z2 / n_f;
    let centre = (p + z2 / (2.0 * n_f)) / denom;
    let half = z * (p * (1.0 - p) / n_f + z2 / (4.0 * n_f * n_f)).sqrt() / denom;
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// Confidence from a sample size: 0 below `minimum`, otherwise `√(n / full)`
/// capped at 1 (the standard error of a mean shrinks with √n, so a sample of a
/// quarter of `full` earns half the confidence).
pub fn sample_confidence(n: usize, minimum: usize, full: usize) -> f64 {
    if n < minimum || full == 0 {
        return 0.0;
    }
    (n as f64 / full as f64).sqrt().min(1.0)
}

/// Quantile `q` (0..=1) by linear interpolation between order statistics
/// (Hyndman & Fan 1996 type 7, the default of R and `NumPy`); `None` when empty.
pub fn quantile(values: &[f64], q: f64) -> Option<f64> {
    let mut v = finite(values);
    if v.is_empty() || !q.is_finite() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let h = (v.len() - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    Some(v[lo] + (h - lo as f64) * (v[hi] - v[lo]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn quantiles_interpolate_like_numpy() {
        // numpy.quantile([1, 2, 3, 4], [0.25, 0.5, 0.75]) = [1.75, 2.5, 3.25]
        let v = [4.0, 1.0, 3.0, 2.0];
        assert!(close(quantile(&v, 0.25).unwrap(), 1.75));
        assert!(close(quantile(&v, 0.5).unwrap(), 2.5));
        assert!(close(quantile(&v, 0.75).unwrap(), 3.25));
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&[7.0], 0.25), Some(7.0));
    }

    #[rstest]
    #[case(&[], None)]
    #[case(&[5.0], Some(5.0))]
    #[case(&[3.0, 1.0, 2.0], Some(2.0))]
    #[case(&[4.0, 1.0, 3.0, 2.0], Some(2.5))]
    #[case(&[1.0, f64::NAN, 3.0], Some(2.0))]
    fn median_cases(#[case] v: &[f64], #[case] want: Option<f64>) {
        assert_eq!(median(v), want);
    }

    #[test]
    fn mad_and_robust_z_by_hand() {
        // median 3, deviations 2,1,0,1,97 -> MAD 1; z of 100 = 97 / 1.4826
        let v = [1.0, 2.0, 3.0, 4.0, 100.0];
        assert_eq!(mad(&v), Some(1.0));
        let z = robust_z_scores(&v);
        assert!(close(z[4], 97.0 / 1.4826));
        assert!(close(z[0], -2.0 / 1.4826));
    }

    #[test]
    fn robust_z_falls_back_to_mean_absolute_deviation() {
        // median 10, MAD 0 (four of five equal); mean AD = 40/5 = 8
        let v = [10.0, 10.0, 10.0, 10.0, 50.0];
        let z = robust_z_scores(&v);
        assert!(close(z[4], 40.0 / (1.253_314 * 8.0)));
        assert!(close(z[0], 0.0));
        assert_eq!(robust_z_scores(&[7.0, 7.0, 7.0]), vec![0.0, 0.0, 0.0]);
    }

    #[test]
    fn cv_by_hand() {
        // mean 5, population sd 2 -> CV 0.4
        let v = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        assert!(close(coefficient_of_variation(&v).unwrap(), 0.4));
        assert_eq!(coefficient_of_variation(&[0.0, 0.0]), None);
    }

    #[rstest]
    #[case(3.0, &[1.0, 2.0, 3.0, 4.0], 0.625)] // (2 + 0.5) / 4
    #[case(0.0, &[1.0, 2.0], 0.0)]
    #[case(9.0, &[1.0, 2.0], 1.0)]
    fn percentile_cases(#[case] x: f64, #[case] pop: &[f64], #[case] want: f64) {
        assert!(close(percentile_rank(x, pop).unwrap(), want));
    }

    #[test]
    fn wilson_by_hand() {
        // 10 of 100 at z = 1.96: centre = (0.1 + 0.019208) / 1.038416 = 0.114799,
        // half = 1.96 * sqrt(0.0009 + 0.00009604) / 1.038416 = 0.059569
        let (lo, hi) = wilson_interval(10, 100, 1.96).unwrap();
        assert!((lo - 0.055_229).abs() < 1e-5, "{lo}");
        assert!((hi - 0.174_367).abs() < 1e-5, "{hi}");
        let (lo0, hi0) = wilson_interval(0, 10, Z_95).unwrap();
        assert!(close(lo0, 0.0));
        // 0 of 10: high = 2·(z²/20)/(1 + z²/10) = 0.38416 / 1.38416 = 0.277540
        assert!((hi0 - 0.277_540).abs() < 1e-5, "{hi0}");
        assert_eq!(wilson_interval(0, 0, Z_95), None);
    }

    #[rstest]
    #[case(4, 5, 20, 0.0)]
    #[case(5, 5, 20, 0.5)]
    #[case(20, 5, 20, 1.0)]
    #[case(80, 5, 20, 1.0)]
    fn confidence_cases(
        #[case] n: usize,
        #[case] min: usize,
        #[case] full: usize,
        #[case] want: f64,
    ) {
        assert!(close(sample_confidence(n, min, full), want));
    }
}
