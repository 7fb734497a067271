//! A bar chart as SVG: one bar per label with its value printed above it, so the numbers
//! never depend on reading bar heights or colour.

use crate::svg::Svg;

const BAR: f64 = 48.0;
const GAP: f64 = 16.0;
const HEIGHT: f64 = 160.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 40.0;

pub struct Bars<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    /// (label, value); a missing value is drawn as a dash.
    pub bars: &'a [(String, Option<f64>)],
    /// The value at the top of the scale (e.g. 100 for scores); at least the largest value.
    pub max: f64,
}

impl Bars<'_> {
    /// The value at the end of the scale: `max`, or the largest value if that is more.
    pub(crate) fn top(&self) -> f64 {
        self.bars
            .iter()
            .filter_map(|(_, v)| *v)
            .fold(self.max, f64::max)
            .max(1.0)
    }
}

/// Upright bars with the labels underneath, for short labels such as weeks; see
/// [`crate::hbars`] for long ones.
pub fn render(b: &Bars) -> String {
    let width = GAP + (BAR + GAP) * b.bars.len() as f64;
    let top = b.top();
    let mut svg = Svg::new(
        b.id,
        width.max(120.0) as u32,
        (TOP + HEIGHT + BOTTOM) as u32,
        b.title,
        b.desc,
    );
    let base = TOP + HEIGHT;
    svg.line(0.0, base, width, base, "#1b1f24");
    for (i, (label, value)) in b.bars.iter().enumerate() {
        let x = GAP + (BAR + GAP) * i as f64;
        match value {
            Some(v) => {
                let h = HEIGHT * v / top;
                svg.rect(x, base - h, BAR, h, "#1f5fa3");
                svg.text(x + BAR / 2.0, base - h - 6.0, "middle", &format!("{v:.0}"));
            }
            None => {
                svg.text(x + BAR / 2.0, base - 6.0, "middle", "–");
            }
        }
        svg.text(x + BAR / 2.0, base + 18.0, "middle", label);
    }
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_printed_and_labels_escaped() {
        let out = render(&Bars {
            id: "b",
            title: "Genomströmning",
            desc: "Klara kort per vecka",
            bars: &[
                ("v. 47".into(), Some(12.0)),
                ("<v>".into(), None),
                ("v. 49".into(), Some(3.0)),
            ],
            max: 0.0,
        });
        assert!(out.contains(">12</text>") && out.contains(">3</text>") && out.contains(">–</text>"));
        assert!(out.contains("&lt;v&gt;") && !out.contains("<v>"));
        assert!(
            out.contains(r#"height="160.0""#),
            "the largest bar fills the scale"
        );
    }
}
