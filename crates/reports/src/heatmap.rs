//! The heatmap: rows (groups and roll-ups) × columns (engines), each cell a score 0–100.
//!
//! Colour steps follow the three phases and get darker with maturity; the score is printed in
//! every cell in a colour that keeps 4.5:1 contrast, so colour is never the only carrier. A
//! withheld cell is grey and says so.

use crate::svg::Svg;

const CELL_W: f64 = 64.0;
const CELL_H: f64 = 30.0;
/// Roughly one character's width at the charts' 13 px, generous so labels are never cut.
const CHAR: f64 = 7.4;
const LEGEND_H: f64 = 64.0;
/// Indentation per level of the unit tree.
const INDENT: f64 = 14.0;
/// The heading angle: 40 degrees up from the row.
const SIN: f64 = 0.643;
const COS: f64 = 0.766;
/// The score ranges of the six colour steps, for the legend.
const STEPS: [(f64, &str); 6] = [
    (0.0, "0–16"),
    (20.0, "17–33"),
    (40.0, "34–49"),
    (60.0, "50–66"),
    (80.0, "67–83"),
    (90.0, "84–100"),
];

/// (fill, text colour) for a score: light to dark blue.
pub fn shade(score: f64) -> (&'static str, &'static str) {
    match score {
        s if s < 100.0 / 6.0 => ("#eef4fb", "#1b1f24"),
        s if s < 100.0 / 3.0 => ("#cfe0f3", "#1b1f24"),
        s if s < 50.0 => ("#9fc2e7", "#1b1f24"),
        s if s < 200.0 / 3.0 => ("#5d97d1", "#000000"),
        s if s < 500.0 / 6.0 => ("#1f5fa3", "#ffffff"),
        _ => ("#0b3a6b", "#ffffff"),
    }
}

pub struct Heatmap<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub columns: &'a [String],
    /// (row label, one value per column; `None` = withheld or no answers).
    pub rows: &'a [(String, Vec<Option<f64>>)],
    /// What a withheld cell says, e.g. "–".
    pub hidden: &'a str,
    /// The legend's words: its heading and what the hidden mark means.
    pub legend: (&'a str, &'a str),
    /// Each row's depth in the unit tree, drawn as indentation (empty: none).
    pub indent: &'a [usize],
}

/// How wide `text` is drawn, near enough to leave room for it.
fn span(text: &str) -> f64 {
    CHAR * text.chars().count() as f64
}

pub fn render(h: &Heatmap) -> String {
    // Row labels and engine headings are drawn whole: the chart grows to fit them.
    let depth = |r: usize| h.indent.get(r).copied().unwrap_or(0) as f64 * INDENT;
    let label_w = 16.0
        + h.rows
            .iter()
            .enumerate()
            .map(|(r, (l, _))| depth(r) + span(l))
            .fold(120.0, f64::max);
    let longest = h.columns.iter().map(|c| span(c)).fold(0.0, f64::max);
    let head_h = 24.0 + SIN * longest;
    let n = h.columns.len() as f64;
    let last = h.columns.last().map(|c| span(c)).unwrap_or(0.0);
    let width = (label_w + CELL_W * n + 10.0).max(label_w + CELL_W * (n - 0.5) + COS * last + 16.0);
    let grid_h = CELL_H * h.rows.len() as f64;
    let height = head_h + grid_h + 10.0 + LEGEND_H;
    let mut svg = Svg::new(h.id, width as u32, height as u32, h.title, h.desc);
    for (i, c) in h.columns.iter().enumerate() {
        let x = label_w + CELL_W * i as f64 + CELL_W / 2.0;
        svg.text_rotated(x, head_h - 8.0, -40.0, c);
    }
    for (r, (label, values)) in h.rows.iter().enumerate() {
        let y = head_h + CELL_H * r as f64;
        // Left-aligned and indented by depth, so a unit's groups read as its own.
        svg.text(8.0 + depth(r), y + CELL_H / 2.0 + 5.0, "start", label);
        for (i, v) in values.iter().enumerate() {
            let x = label_w + CELL_W * i as f64;
            let (fill, ink, text) = match v {
                Some(s) => {
                    // Coloured by the number it prints, so a cell never shows a score outside
                    // its colour's range in the legend.
                    let s = s.round();
                    let (f, t) = shade(s);
                    (f, t, format!("{s:.0}"))
                }
                None => (HIDDEN, "#1b1f24", h.hidden.to_owned()),
            };
            svg.rect(x + 1.0, y + 1.0, CELL_W - 2.0, CELL_H - 2.0, fill);
            svg.text_fill(x + CELL_W / 2.0, y + CELL_H / 2.0 + 5.0, "middle", ink, &text);
        }
    }
    // The legend: each colour step with its range, then the hidden mark.
    let top = head_h + grid_h + 18.0;
    svg.text(8.0, top + 12.0, "start", h.legend.0);
    let mut x = 8.0;
    for (score, range) in STEPS {
        let (fill, ink) = shade(score);
        svg.rect(x, top + 22.0, 56.0, 24.0, fill);
        svg.text_fill(x + 28.0, top + 39.0, "middle", ink, range);
        x += 60.0;
    }
    svg.rect(x + 8.0, top + 22.0, 24.0, 24.0, HIDDEN);
    svg.text(x + 20.0, top + 39.0, "middle", h.hidden);
    svg.text(x + 40.0, top + 39.0, "start", h.legend.1);
    svg.finish()
}

/// The grey of a withheld cell.
const HIDDEN: &str = "#e3e6e9";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_prints_its_score_or_the_hidden_mark() {
        let rows = vec![
            ("Ledning <IT>".to_string(), vec![Some(12.4), Some(88.0)]),
            ("Liten grupp".to_string(), vec![None, None]),
        ];
        let cols = vec!["Värderingar".to_string(), "Data & Analys".to_string()];
        let out = render(&Heatmap {
            id: "hm",
            title: "Värmekarta",
            desc: "Poäng per grupp och motor",
            columns: &cols,
            rows: &rows,
            hidden: "–",
            legend: ("Färgskala", "visas inte"),
            indent: &[],
        });
        assert!(out.contains(">12</text>") && out.contains(">88</text>"));
        // Two withheld cells and the legend's sample.
        assert_eq!(out.matches(">–</text>").count(), 3);
        assert!(out.contains(">84–100</text>") && out.contains(">visas inte</text>"));
        assert!(out.contains("Ledning &lt;IT&gt;") && out.contains("Data &amp; Analys"));
        assert!(
            out.contains(r##"fill="#0b3a6b""##),
            "the highest step is the darkest"
        );
    }

    #[test]
    fn long_labels_and_headings_are_drawn_whole() {
        let long = "Ledningsgrupp Kultur- och fritidsförvaltningen (enhet med underenheter)".to_string();
        let rows = vec![(long.clone(), vec![Some(40.0)])];
        let cols = vec!["Erbjudande & Intäktsmodell".to_string()];
        let out = render(&Heatmap {
            id: "hm",
            title: "t",
            desc: "d",
            columns: &cols,
            rows: &rows,
            hidden: "–",
            legend: ("Färgskala", "visas inte"),
            indent: &[],
        });
        assert!(out.contains(&long) && out.contains("Erbjudande &amp; Intäktsmodell"));
        let width: f64 = out
            .split("width=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(width > span(&long) + CELL_W, "{width}");
    }

    #[test]
    fn shades_darken_with_the_score() {
        let steps: Vec<_> = [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
            .iter()
            .map(|s| shade(*s).0)
            .collect();
        let mut unique = steps.clone();
        unique.dedup();
        assert_eq!(unique.len(), 6, "{steps:?}");
    }
}
