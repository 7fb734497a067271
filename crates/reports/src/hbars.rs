//! A horizontal bar chart as SVG: one row per label (a person, a round), the label on the left
//! and the value printed after the bar, so long names stay readable and the numbers never
//! depend on reading bar lengths or colour.

use crate::bars::Bars;
use crate::svg::Svg;

const ROW: f64 = 28.0;
const BAR: f64 = 18.0;
const TRACK: f64 = 320.0;
const PAD: f64 = 8.0;
/// Roughly the width of one character at the chart's font size.
const CHAR: f64 = 7.0;
/// Labels longer than this are shortened with an ellipsis; pages give the full names in text.
const LABEL_MAX: usize = 32;

fn shortened(label: &str) -> String {
    if label.chars().count() <= LABEL_MAX {
        label.to_owned()
    } else {
        let mut s: String = label.chars().take(LABEL_MAX - 1).collect();
        s.push('…');
        s
    }
}

/// The same data as [`crate::bars::render`] takes, drawn as rows.
pub fn render(b: &Bars) -> String {
    let labels: Vec<String> = b.bars.iter().map(|(l, _)| shortened(l)).collect();
    let left = PAD + CHAR * labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
    let top = b.top();
    let width = left + PAD + TRACK + 48.0;
    let height = PAD * 2.0 + ROW * b.bars.len().max(1) as f64;
    let mut svg = Svg::new(b.id, width as u32, height as u32, b.title, b.desc);
    let x0 = left + PAD;
    svg.line(x0, PAD, x0, height - PAD, "#1b1f24");
    for (i, ((_, value), label)) in b.bars.iter().zip(&labels).enumerate() {
        let y = PAD + ROW * i as f64;
        let mid = y + ROW / 2.0 + 4.0;
        svg.text(left, mid, "end", label);
        match value {
            Some(v) => {
                let w = TRACK * v / top;
                svg.rect(x0, y + (ROW - BAR) / 2.0, w, BAR, "#1f5fa3");
                svg.text(x0 + w + 6.0, mid, "start", &format!("{v:.0}"));
            }
            None => {
                svg.text(x0 + 6.0, mid, "start", "–");
            }
        }
    }
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_printed_long_labels_shortened_and_text_escaped() {
        let out = render(&Bars {
            id: "h",
            title: "Öppna timmar",
            desc: "Per person",
            bars: &[
                ("Anna-Karin Lindqvist Östergren af Norrvik".into(), Some(40.0)),
                ("<b>".into(), None),
                ("Bo".into(), Some(10.0)),
            ],
            max: 0.0,
        });
        assert!(out.contains(">40</text>") && out.contains(">10</text>") && out.contains(">–</text>"));
        assert!(out.contains(">Anna-Karin Lindqvist Östergren …</text>"));
        assert!(!out.contains("af Norrvik"), "the label is shortened");
        assert!(out.contains("&lt;b&gt;") && !out.contains("<b>"));
        assert!(
            out.contains(r#"width="320.0""#),
            "the largest bar fills the track"
        );
    }
}
