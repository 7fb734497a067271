//! The report's typeface, Liberation Sans (SIL Open Font License 1.1, `fonts/OFL.txt`), shipped
//! inside the binary so a report looks the same on every server, and the text measurements
//! line wrapping needs.

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use std::cell::RefCell;
use std::collections::HashMap;

pub(super) static REGULAR: &[u8] = include_bytes!("../../fonts/LiberationSans-Regular.ttf");
pub(super) static BOLD: &[u8] = include_bytes!("../../fonts/LiberationSans-Bold.ttf");

/// The family name the SVG charts are drawn with.
pub(super) const FAMILY: &str = "Liberation Sans";

/// Advance widths per character of one face, looked up once per character.
pub(super) struct Metrics {
    upem: f32,
    font: FontRef<'static>,
    seen: RefCell<HashMap<char, f32>>,
}

impl Metrics {
    pub fn new(data: &'static [u8]) -> Self {
        let font = FontRef::new(data).expect("the shipped font parses");
        let upem = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        Self {
            upem,
            font,
            seen: RefCell::new(HashMap::new()),
        }
    }

    /// The width of `text` at `size` points (kerning left out: it only narrows a line).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let mut seen = self.seen.borrow_mut();
        let units: f32 = text
            .chars()
            .map(|c| {
                *seen.entry(c).or_insert_with(|| {
                    let gm = self.font.glyph_metrics(Size::unscaled(), LocationRef::default());
                    self.font
                        .charmap()
                        .map(c)
                        .and_then(|g| gm.advance_width(g))
                        .unwrap_or(self.upem / 2.0)
                })
            })
            .sum();
        units * size / self.upem
    }
}

/// `text` broken into lines no wider than `max` points, at word boundaries where it can be and
/// inside a word only when one word alone is too wide.
pub(super) fn wrap(m: &Metrics, text: &str, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if m.width(&candidate, size) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line is cut where it must be.
            for ch in word.chars() {
                let mut next = line.clone();
                next.push(ch);
                if m.width(&next, size) > max && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line.push(ch);
                } else {
                    line = next;
                }
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fit_and_keep_every_word() {
        let m = Metrics::new(REGULAR);
        let text =
            "Digitala satsningar beslutas en och en, utan gemensam plan. Ett ordsomärmycketlängreänraden.";
        let lines = wrap(&m, text, 10.0, 120.0);
        assert!(lines.len() > 3, "{lines:?}");
        assert!(
            lines.iter().all(|l| m.width(l, 10.0) <= 120.0 + 0.01),
            "{lines:?}"
        );
        assert_eq!(lines.join(" ").replace(' ', ""), text.replace(' ', ""));
        assert!(m.width("WWW", 10.0) > m.width("iii", 10.0));
    }
}
