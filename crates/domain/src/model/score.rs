//! Turning answers into scores: each answer becomes a value from 0 to 1, an engine's score is
//! the weighted mean of its items' values on a 0–100 scale, and a score places the engine in a
//! phase (below 100/3 Mobilisering, below 200/3 Koordinering, otherwise Acceleration).

use super::{Item, ItemKind, Phase};

/// An answer (1 = least mature option or "very poor") as a value from 0 to 1; `None` when the
/// answer is outside the item's range.
pub fn normalised(item: &Item, answer: u8) -> Option<f64> {
    let n = match &item.kind {
        ItemKind::Statements(options) => options.len(),
        ItemKind::Scale => 5,
    } as f64;
    let a = f64::from(answer);
    (a >= 1.0 && a <= n).then(|| (a - 1.0) / (n - 1.0))
}

/// The weighted mean of (weight, value 0–1) pairs on a 0–100 scale; `None` without answers.
pub fn weighted_score(values: impl IntoIterator<Item = (f64, f64)>) -> Option<f64> {
    let (sum, weights) = values
        .into_iter()
        .fold((0.0, 0.0), |(s, w), (weight, v)| (s + weight * v, w + weight));
    (weights > 0.0).then(|| 100.0 * sum / weights)
}

/// The phase a 0–100 score places in.
pub fn phase_of(score: f64) -> Phase {
    if score < 100.0 / 3.0 {
        Phase::Mobilisering
    } else if score < 200.0 / 3.0 {
        Phase::Koordinering
    } else {
        Phase::Acceleration
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Text;

    fn item(kind: ItemKind) -> Item {
        Item {
            id: "i".into(),
            text: Text {
                sv: "x".into(),
                en: "x".into(),
            },
            kind,
            weight: 1.0,
        }
    }

    #[test]
    fn answers_map_onto_zero_to_one() {
        let scale = item(ItemKind::Scale);
        assert_eq!(normalised(&scale, 1), Some(0.0));
        assert_eq!(normalised(&scale, 3), Some(0.5));
        assert_eq!(normalised(&scale, 5), Some(1.0));
        assert_eq!(normalised(&scale, 0), None);
        assert_eq!(normalised(&scale, 6), None);
        let t = Text {
            sv: "a".into(),
            en: "a".into(),
        };
        let three = item(ItemKind::Statements(vec![t.clone(), t.clone(), t]));
        assert_eq!(normalised(&three, 2), Some(0.5));
        assert_eq!(normalised(&three, 4), None);
    }

    #[test]
    fn weights_count_and_phases_split_in_thirds() {
        assert_eq!(weighted_score([(1.0, 0.0), (3.0, 1.0)]), Some(75.0));
        assert_eq!(weighted_score([]), None);
        assert_eq!(phase_of(0.0), Phase::Mobilisering);
        assert_eq!(phase_of(33.3), Phase::Mobilisering);
        assert_eq!(phase_of(33.4), Phase::Koordinering);
        assert_eq!(phase_of(66.7), Phase::Acceleration);
        assert_eq!(phase_of(100.0), Phase::Acceleration);
    }
}
