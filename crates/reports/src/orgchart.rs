//! The org chart as SVG: one row per person, indented along primary supervision with solid
//! elbow lines; team leadership (dashed) and mentoring (dotted) as arcs to the right, so the
//! three relationships stay apart and also differ without colour. Prints on paper as drawn.

use crate::svg::Svg;

const ROW: f64 = 36.0;
const INDENT: f64 = 26.0;
const BOX_W: f64 = 320.0;
const TOP: f64 = 10.0;

pub struct Row<'a> {
    pub name: &'a str,
    pub title: Option<&'a str>,
    pub depth: usize,
    pub supervisor_row: Option<usize>,
}

pub struct Chart<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub rows: &'a [Row<'a>],
    pub team_links: &'a [(usize, usize)],
    pub mentor_links: &'a [(usize, usize)],
    /// Legend texts: supervision, team leadership, mentoring.
    pub legend: [&'a str; 3],
}

pub const TEAM: (&str, &str) = ("#0b5394", "7 4");
pub const MENTOR: (&str, &str) = ("#8a3b12", "2 4");

pub fn render(c: &Chart) -> String {
    let depth = c.rows.iter().map(|r| r.depth).max().unwrap_or(0) as f64;
    let right = 20.0 + depth * INDENT + BOX_W;
    let width = right + 240.0;
    let height = TOP + ROW * c.rows.len() as f64 + 100.0;
    let mut svg = Svg::new(c.id, width as u32, height as u32, c.title, c.desc);
    let x_of = |r: &Row| 20.0 + r.depth as f64 * INDENT;
    let y_of = |i: usize| TOP + ROW * i as f64;
    for (i, r) in c.rows.iter().enumerate() {
        let (x, y) = (x_of(r), y_of(i));
        if let Some(p) = r.supervisor_row {
            let px = x_of(&c.rows[p]) + 10.0;
            svg.path(
                &[
                    (px, y_of(p) + ROW - 6.0),
                    (px, y + ROW / 2.0 - 3.0),
                    (x, y + ROW / 2.0 - 3.0),
                ],
                false,
                "#1b1f24",
                "",
            );
        }
        svg.rect(x, y, BOX_W, ROW - 6.0, "#f3f5f7");
        let label = match r.title {
            Some(t) => format!("{} – {t}", r.name),
            None => r.name.to_owned(),
        };
        let shown: String = label.chars().take(44).collect();
        svg.text(x + 8.0, y + ROW / 2.0 + 2.0, "start", &shown);
    }
    let link = |svg: &mut Svg, links: &[(usize, usize)], (colour, dash): (&str, &str), bulge: f64| {
        for (a, b) in links {
            let ya = y_of(*a) + ROW / 2.0 - 3.0;
            let yb = y_of(*b) + ROW / 2.0 - 3.0;
            svg.arc((right + 4.0, ya), (right + 4.0, yb), bulge, colour, dash);
        }
    };
    link(&mut svg, c.team_links, TEAM, 70.0);
    link(&mut svg, c.mentor_links, MENTOR, 150.0);
    let ly = height - 80.0;
    for (k, (colour, dash)) in [("#1b1f24", ""), TEAM, MENTOR].into_iter().enumerate() {
        let y = ly + 24.0 * k as f64;
        svg.path(&[(20.0, y), (70.0, y)], false, colour, dash);
        svg.text(80.0, y + 5.0, "start", c.legend[k]);
    }
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_relationships_are_drawn_apart() {
        let rows = [
            Row {
                name: "Chef",
                title: Some("Förvaltningschef"),
                depth: 0,
                supervisor_row: None,
            },
            Row {
                name: "Ledare",
                title: None,
                depth: 1,
                supervisor_row: Some(0),
            },
            Row {
                name: "<Medarbetare>",
                title: None,
                depth: 1,
                supervisor_row: Some(0),
            },
        ];
        let out = render(&Chart {
            id: "chart",
            title: "Organisationsschema",
            desc: "Tre relationer",
            rows: &rows,
            team_links: &[(1, 2)],
            mentor_links: &[(0, 2)],
            legend: ["chef", "team", "mentor"],
        });
        assert!(out.contains("&lt;Medarbetare&gt;") && !out.contains("<Medarbetare>"));
        assert_eq!(
            out.matches(r#"stroke-dasharray="7 4""#).count(),
            2,
            "one team arc and its legend"
        );
        assert_eq!(
            out.matches(r#"stroke-dasharray="2 4""#).count(),
            2,
            "one mentoring arc and its legend"
        );
        assert!(out.contains("Chef – Förvaltningschef"));
    }
}
