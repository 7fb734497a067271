//! One respondent's answers to a round's model.
//!
//! Answers arrive as form fields (`i:<engine>:<item>`, `imp:<engine>`, `c:<engine>`), are checked
//! against the model, and are stored as a compact code: one digit per item in model order, then
//! one importance digit per engine (`0` = not answered). Statements have at most seven options
//! and importance is 1–5, so a digit always suffices. The code carries no name, token or time.

use crate::model::{Item, Model, score};
use serde::{Deserialize, Serialize};

/// The longest free-text comment accepted for one engine, in characters.
pub const COMMENT_MAX: usize = 2000;

/// A field that was given a value it cannot take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerError {
    /// The form field's name, so a page can point at it.
    pub field: String,
    pub code: &'static str,
}

/// Everything one respondent has answered so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    /// Per item, in model order; 0 while unanswered.
    pub values: Vec<u8>,
    /// Per engine, 1–5; 0 while unanswered.
    pub importance: Vec<u8>,
    /// Per engine; empty when none.
    pub comments: Vec<String>,
}

pub fn item_field(engine: &str, item: &str) -> String {
    format!("i:{engine}:{item}")
}

pub fn importance_field(engine: &str) -> String {
    format!("imp:{engine}")
}

pub fn comment_field(engine: &str) -> String {
    format!("c:{engine}")
}

/// The form a respondent who answered everything sends: each item answered with `value(item)`
/// (kept within the item's options) and each engine's importance set to `importance`.
pub fn complete_form(
    model: &Model,
    mut value: impl FnMut(&Item) -> u8,
    importance: u8,
) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for e in &model.engines {
        for item in &e.items {
            let v = value(item).clamp(1, item.answer_count());
            fields.push((item_field(&e.id, &item.id), v.to_string()));
        }
        fields.push((importance_field(&e.id), importance.to_string()));
    }
    fields
}

/// Index of every item of `model` in answer order: (engine index, item index).
fn item_positions(model: &Model) -> impl Iterator<Item = (usize, usize)> + '_ {
    model
        .engines
        .iter()
        .enumerate()
        .flat_map(|(e, engine)| (0..engine.items.len()).map(move |i| (e, i)))
}

impl Answers {
    pub fn empty(model: &Model) -> Answers {
        Answers {
            values: vec![0; item_positions(model).count()],
            importance: vec![0; model.engines.len()],
            comments: vec![String::new(); model.engines.len()],
        }
    }

    /// Whether this answer set has the shape of `model` (a draft from another model is not).
    pub fn fits(&self, model: &Model) -> bool {
        self.values.len() == item_positions(model).count()
            && self.importance.len() == model.engines.len()
            && self.comments.len() == model.engines.len()
    }

    /// Takes the fields of a submitted form; fields the model does not know are ignored (the
    /// form also carries its CSRF token and step). Returns the fields whose values were refused.
    pub fn merge_form(&mut self, model: &Model, fields: &[(String, String)]) -> Vec<AnswerError> {
        let mut errors = Vec::new();
        let mut idx = 0;
        for (e, engine) in model.engines.iter().enumerate() {
            for item in &engine.items {
                let name = item_field(&engine.id, &item.id);
                if let Some((_, raw)) = fields.iter().rev().find(|(k, _)| *k == name) {
                    match raw.trim().parse::<u8>() {
                        Ok(v) if score::normalised(item, v).is_some() => self.values[idx] = v,
                        _ => errors.push(AnswerError {
                            field: name,
                            code: "answer-range",
                        }),
                    }
                }
                idx += 1;
            }
            let name = importance_field(&engine.id);
            if let Some((_, raw)) = fields.iter().rev().find(|(k, _)| *k == name) {
                match raw.trim().parse::<u8>() {
                    Ok(v @ 1..=5) => self.importance[e] = v,
                    _ => errors.push(AnswerError {
                        field: name,
                        code: "answer-range",
                    }),
                }
            }
            let name = comment_field(&engine.id);
            if let Some((_, raw)) = fields.iter().rev().find(|(k, _)| *k == name) {
                let text: String = raw
                    .trim()
                    .chars()
                    .filter(|c| !c.is_control() || *c == '\n')
                    .collect();
                if text.chars().count() > COMMENT_MAX {
                    errors.push(AnswerError {
                        field: name,
                        code: "comment-too-long",
                    });
                } else {
                    self.comments[e] = text;
                }
            }
        }
        errors
    }

    /// The fields of engine `e` still unanswered (comments are optional).
    pub fn missing_in(&self, model: &Model, e: usize) -> Vec<String> {
        let engine = &model.engines[e];
        let mut missing: Vec<String> = item_positions(model)
            .zip(&self.values)
            .filter(|((en, _), v)| *en == e && **v == 0)
            .map(|((_, i), _)| item_field(&engine.id, &engine.items[i].id))
            .collect();
        if self.importance[e] == 0 {
            missing.push(importance_field(&engine.id));
        }
        missing
    }

    /// The first engine with an unanswered field, if any.
    pub fn first_incomplete(&self, model: &Model) -> Option<usize> {
        (0..model.engines.len()).find(|&e| !self.missing_in(model, e).is_empty())
    }

    /// The stored form of a complete answer set.
    pub fn code(&self) -> String {
        self.values
            .iter()
            .chain(&self.importance)
            .map(|v| char::from(b'0' + v))
            .collect()
    }

    /// Reads a stored code back (comments are stored apart and are not part of it).
    pub fn from_code(model: &Model, code: &str) -> Option<Answers> {
        let mut a = Answers::empty(model);
        let digits: Vec<u8> = code.bytes().map(|b| b.wrapping_sub(b'0')).collect();
        if digits.len() != a.values.len() + a.importance.len() || digits.iter().any(|d| *d > 9) {
            return None;
        }
        let (values, importance) = digits.split_at(a.values.len());
        a.values.copy_from_slice(values);
        a.importance.copy_from_slice(importance);
        Some(a)
    }

    /// Each engine's score (0–100) for this respondent: the weighted mean of its items.
    pub fn engine_scores(&self, model: &Model) -> Vec<Option<f64>> {
        let mut per_engine: Vec<Vec<(f64, f64)>> = vec![Vec::new(); model.engines.len()];
        for ((e, i), v) in item_positions(model).zip(&self.values) {
            let item = &model.engines[e].items[i];
            if let Some(x) = score::normalised(item, *v) {
                per_engine[e].push((item.weight, x));
            }
        }
        per_engine.into_iter().map(score::weighted_score).collect()
    }

    /// (engine id, score 0–100) for every engine with answers: what a tally sums.
    pub fn scores(&self, model: &Model) -> Vec<(String, f64)> {
        model
            .engines
            .iter()
            .zip(self.engine_scores(model))
            .filter_map(|(e, s)| s.map(|s| (e.id.clone(), s)))
            .collect()
    }

    /// (counter key, value) for every answered item and importance: what the per-group answer
    /// counts are made of. Keys are `<engine>.<item>` and `<engine>.*` for importance.
    pub fn counted(&self, model: &Model) -> Vec<(String, u8)> {
        let mut out: Vec<(String, u8)> = item_positions(model)
            .zip(&self.values)
            .filter(|(_, v)| **v > 0)
            .map(|((e, i), v)| (count_key(&model.engines[e].id, &model.engines[e].items[i].id), *v))
            .collect();
        for (engine, v) in model.engines.iter().zip(&self.importance) {
            if *v > 0 {
                out.push((importance_key(&engine.id), *v));
            }
        }
        out
    }
}

pub fn count_key(engine: &str, item: &str) -> String {
    format!("{engine}.{item}")
}

pub fn importance_key(engine: &str) -> String {
    format!("{engine}.*")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::builtin;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_full_form_round_trips_through_the_code() {
        let m = &builtin()[0];
        let mut a = Answers::empty(m);
        let fields = complete_form(m, |_| 2, 4);
        assert!(a.merge_form(m, &fields).is_empty());
        assert_eq!(a.first_incomplete(m), None);
        let code = a.code();
        assert!(!code.contains('0'));
        let back = Answers::from_code(m, &code).unwrap();
        assert_eq!(back.values, a.values);
        assert_eq!(back.importance, a.importance);
        assert!(Answers::from_code(m, &code[1..]).is_none());
        assert_eq!(a.counted(m).len(), a.values.len() + m.engines.len());
    }

    #[test]
    fn out_of_range_values_are_refused_and_missing_fields_named() {
        let m = &builtin()[0];
        let e = &m.engines[0];
        let mut a = Answers::empty(m);
        let item = &e.items[0];
        let errs = a.merge_form(
            m,
            &pairs(&[
                (&item_field(&e.id, &item.id), "9"),
                (&importance_field(&e.id), "0"),
                ("_csrf", "x"),
            ]),
        );
        assert_eq!(errs.len(), 2);
        assert_eq!(a.first_incomplete(m), Some(0));
        assert!(a.missing_in(m, 0).contains(&importance_field(&e.id)));
        let long = "x".repeat(COMMENT_MAX + 1);
        let errs = a.merge_form(m, &pairs(&[(&comment_field(&e.id), &long)]));
        assert_eq!(errs[0].code, "comment-too-long");
    }

    #[test]
    fn engine_scores_follow_the_answers() {
        let m = &builtin()[0];
        let mut a = Answers::empty(m);
        a.values.iter_mut().for_each(|v| *v = 1);
        assert!(a.engine_scores(m).iter().all(|s| *s == Some(0.0)));
        for (idx, (e, i)) in item_positions(m).enumerate() {
            a.values[idx] = m.engines[e].items[i].answer_count();
        }
        assert!(a.engine_scores(m).iter().all(|s| *s == Some(100.0)));
    }
}
