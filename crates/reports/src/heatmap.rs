//! The heatmap: rows (groups and roll-ups) × columns (engines), each cell a score 0–100.
//!
//! Colour steps follow the three phases and get darker with maturity; the score is printed in
//! every cell in a colour that keeps 4.5:1 contrast, so colour is never the only carrier. A
//! withheld cell is grey and says so.

use crate::svg::Svg;

const LABEL_W: f64 = 230.0;
const CELL_W: f64 = 64.0;
const CELL_H: f64 = 30.0;
const HEAD_H: f64 = 120.0;

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
}

pub fn render(h: &Heatmap) -> String {
    let width = LABEL_W + CELL_W * h.columns.len() as f64 + 10.0;
    let height = HEAD_H + CELL_H * h.rows.len() as f64 + 10.0;
    let mut svg = Svg::new(h.id, width as u32, height as u32, h.title, h.desc);
    for (i, c) in h.columns.iter().enumerate() {
        let x = LABEL_W + CELL_W * i as f64 + CELL_W / 2.0;
        svg.text_rotated(x, HEAD_H - 8.0, -40.0, c);
    }
    for (r, (label, values)) in h.rows.iter().enumerate() {
        let y = HEAD_H + CELL_H * r as f64;
        let shown: String = label.chars().take(34).collect();
        svg.text(LABEL_W - 8.0, y + CELL_H / 2.0 + 5.0, "end", &shown);
        for (i, v) in values.iter().enumerate() {
            let x = LABEL_W + CELL_W * i as f64;
            let (fill, ink, text) = match v {
                Some(s) => {
                    let (f, t) = shade(*s);
                    (f, t, format!("{s:.0}"))
                }
                None => ("#e3e6e9", "#1b1f24", h.hidden.to_owned()),
            };
            svg.rect(x + 1.0, y + 1.0, CELL_W - 2.0, CELL_H - 2.0, fill);
            svg.text_fill(x + CELL_W / 2.0, y + CELL_H / 2.0 + 5.0, "middle", ink, &text);
        }
    }
    svg.finish()
}

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
        });
        assert!(out.contains(">12</text>") && out.contains(">88</text>"));
        assert_eq!(out.matches(">–</text>").count(), 2);
        assert!(out.contains("Ledning &lt;IT&gt;") && out.contains("Data &amp; Analys"));
        assert!(
            out.contains(r##"fill="#0b3a6b""##),
            "the highest step is the darkest"
        );
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
