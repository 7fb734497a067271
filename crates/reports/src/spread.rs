//! A spread chart as SVG: one row per engine on a 0–100 scale, with the band from the lower to
//! the upper quartile of a comparison, its median as a bar across the band, and the reader's
//! own score as a dot. The numbers are printed at the end of each row, so nothing depends on
//! reading positions or colour.

use crate::svg::Svg;

const ROW: f64 = 30.0;
const BAND: f64 = 14.0;
const TRACK: f64 = 300.0;
const PAD: f64 = 8.0;
/// Roughly the width of one character at the chart's font size.
const CHAR: f64 = 7.0;

/// One engine: its name, the comparison's (lower quartile, median, upper quartile) if shown,
/// and the reader's score if shown.
pub struct SpreadRow {
    pub label: String,
    pub figures: Option<(f64, f64, f64)>,
    pub own: Option<f64>,
}

pub struct Spread<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub rows: &'a [SpreadRow],
    /// The legend's words: (the band, the median, the own score).
    pub legend: (&'a str, &'a str, &'a str),
}

pub fn render(s: &Spread) -> String {
    let left = PAD + CHAR * s.rows.iter().map(|r| r.label.chars().count()).max().unwrap_or(0) as f64;
    let x0 = left + PAD;
    let at = |v: f64| x0 + TRACK * v.clamp(0.0, 100.0) / 100.0;
    let numbers = 120.0;
    let width = x0 + TRACK + PAD + numbers;
    let legend_y = PAD + ROW * s.rows.len().max(1) as f64 + 18.0;
    let height = legend_y + 22.0;
    let mut svg = Svg::new(s.id, width as u32, height as u32, s.title, s.desc);
    for v in [0.0, 25.0, 50.0, 75.0, 100.0] {
        svg.line(at(v), PAD, at(v), legend_y - 14.0, "#c4c9d0");
        svg.text(at(v), legend_y - 2.0, "middle", &format!("{v:.0}"));
    }
    for (i, r) in s.rows.iter().enumerate() {
        let y = PAD + ROW * i as f64;
        let mid = y + ROW / 2.0;
        svg.text(left, mid + 4.0, "end", &r.label);
        let mut words = Vec::new();
        if let Some((q1, median, q3)) = r.figures {
            svg.rect(
                at(q1),
                mid - BAND / 2.0,
                (at(q3) - at(q1)).max(2.0),
                BAND,
                "#4a8bc9",
            );
            svg.rect(
                at(median) - 1.5,
                mid - BAND / 2.0 - 3.0,
                3.0,
                BAND + 6.0,
                "#1b1f24",
            );
            words.push(format!("{median:.0} ({q1:.0}–{q3:.0})"));
        } else {
            words.push("–".to_owned());
        }
        if let Some(own) = r.own {
            svg.circle(at(own), mid, 5.5, "#c2410c", "#ffffff");
            words.insert(0, format!("{:.0}", own.round()));
        }
        svg.text(x0 + TRACK + PAD, mid + 4.0, "start", &words.join(" · "));
    }
    let ly = legend_y + 12.0;
    svg.rect(x0, ly - 9.0, 18.0, 10.0, "#4a8bc9");
    svg.text(x0 + 24.0, ly, "start", s.legend.0);
    let second = x0 + 34.0 + CHAR * s.legend.0.chars().count() as f64;
    svg.rect(second, ly - 11.0, 3.0, 14.0, "#1b1f24");
    svg.text(second + 9.0, ly, "start", s.legend.1);
    let third = second + 19.0 + CHAR * s.legend.1.chars().count() as f64;
    svg.circle(third + 5.0, ly - 4.0, 5.5, "#c2410c", "#ffffff");
    svg.text(third + 16.0, ly, "start", s.legend.2);
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_medians_and_own_scores_are_drawn_and_printed() {
        let rows = [
            SpreadRow {
                label: "Värderingar".into(),
                figures: Some((40.0, 50.0, 60.0)),
                own: Some(71.4),
            },
            SpreadRow {
                label: "<Data>".into(),
                figures: None,
                own: Some(30.0),
            },
        ];
        let out = render(&Spread {
            id: "s",
            title: "Jämförelse",
            desc: "Per motor",
            rows: &rows,
            legend: ("Mittersta hälften", "Median", "Ni"),
        });
        assert!(out.contains(">71 · 50 (40–60)</text>"), "{out}");
        assert!(out.contains(">30 · –</text>"));
        assert!(out.contains("&lt;Data&gt;") && !out.contains("<Data>"));
        // The band spans 40–60 of a 300-point track: 60 wide.
        assert!(out.contains(r#"width="60.0""#), "{out}");
        assert_eq!(
            out.matches("<circle").count(),
            3,
            "two scores and the legend's dot"
        );
    }
}
