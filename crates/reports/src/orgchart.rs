//! The org chart as SVG: one row per person, indented along primary supervision with solid
//! elbow lines; team leadership (dashed) and mentoring (dotted) as arcs to the right, each arc
//! labelled at its apex (the team's name, or the word for mentoring), so the three
//! relationships stay apart, differ without colour, and each arc says what it is. Prints on
//! paper as drawn.

use crate::svg::Svg;

const ROW: f64 = 36.0;
const INDENT: f64 = 26.0;
/// The narrowest and widest a person's box is drawn; between them it fits the longest label.
const BOX_MIN: f64 = 320.0;
const BOX_MAX: f64 = 560.0;
/// The legend's band at the top: a tall chart is read from the top, where its key belongs.
const LEGEND: f64 = 84.0;
const TOP: f64 = LEGEND + 10.0;

pub struct Row<'a> {
    pub name: &'a str,
    pub title: Option<&'a str>,
    /// The unit, shown after the name where the chart spans units.
    pub unit: Option<&'a str>,
    pub depth: usize,
    pub supervisor_row: Option<usize>,
}

/// An arc between two rows and what it says.
pub struct Link<'a> {
    pub from: usize,
    pub to: usize,
    pub label: &'a str,
}

pub struct Chart<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub rows: &'a [Row<'a>],
    pub team_links: &'a [Link<'a>],
    pub mentor_links: &'a [Link<'a>],
    /// Legend texts: supervision, team leadership, mentoring.
    pub legend: [&'a str; 3],
}

pub const TEAM: (&str, &str) = ("#0b5394", "7 4");
const TEAM_BULGE: f64 = 70.0;
pub const MENTOR: (&str, &str) = ("#8a3b12", "2 4");

/// The label's rough width in pixels at 13 px, to size the drawing.
fn label_width(label: &str) -> f64 {
    label.chars().count() as f64 * 7.5
}

/// Label heights along one column of arcs, each at its arc's middle and at least a line below
/// the one above, so labels of arcs that meet at the same height do not overprint.
fn label_heights(mids: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..mids.len()).collect();
    order.sort_by(|a, b| mids[*a].total_cmp(&mids[*b]));
    let mut out = vec![0.0; mids.len()];
    let mut last = f64::MIN;
    for i in order {
        let y = mids[i].max(last + 15.0);
        out[i] = y;
        last = y;
    }
    out
}

/// What a person's box says: name, title and unit.
fn row_label(r: &Row) -> String {
    let mut label = match r.title {
        Some(t) => format!("{} – {t}", r.name),
        None => r.name.to_owned(),
    };
    if let Some(u) = r.unit {
        label = format!("{label} · {u}");
    }
    label
}

/// Links between the same two rows drawn once, their labels joined (four teams with one lead
/// and the same members would otherwise lie on top of each other).
fn merged(links: &[Link]) -> Vec<(usize, usize, String)> {
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    for l in links {
        match out.iter_mut().find(|(a, b, _)| (*a, *b) == (l.from, l.to)) {
            Some((_, _, label)) if !label.split(", ").any(|x| x == l.label) => {
                label.push_str(", ");
                label.push_str(l.label);
            }
            Some(_) => {}
            None => out.push((l.from, l.to, l.label.to_owned())),
        }
    }
    out
}

pub fn render(c: &Chart) -> String {
    let (team_links, mentor_links) = (merged(c.team_links), merged(c.mentor_links));
    let depth = c.rows.iter().map(|r| r.depth).max().unwrap_or(0) as f64;
    let labels: Vec<String> = c.rows.iter().map(row_label).collect();
    let longest = labels.iter().map(|l| label_width(l)).fold(0.0, f64::max);
    let box_w = (longest + 16.0).clamp(BOX_MIN, BOX_MAX);
    // What does not fit the widest box ends in an ellipsis; the lists under the chart say all.
    let fits = ((box_w - 16.0) / 7.5) as usize;
    let right = 20.0 + depth * INDENT + box_w;
    let widest =
        |links: &[(usize, usize, String)]| links.iter().map(|l| label_width(&l.2)).fold(0.0, f64::max);
    // Mentoring arcs reach past the widest team label, so the two columns of labels never
    // overprint each other.
    let team_end = TEAM_BULGE * 0.75 + 8.0 + widest(&team_links);
    let mentor_bulge = ((team_end + 16.0) / 0.75).max(150.0);
    let width = right + (mentor_bulge * 0.75 + 8.0 + widest(&mentor_links)).max(240.0) + 20.0;
    let y_of = |i: usize| TOP + ROW * i as f64;
    let heights = |links: &[(usize, usize, String)]| {
        label_heights(
            &links
                .iter()
                .map(|(a, b, _)| (y_of(*a) + y_of(*b)) / 2.0 + ROW / 2.0 - 3.0)
                .collect::<Vec<_>>(),
        )
    };
    let (team_y, mentor_y) = (heights(&team_links), heights(&mentor_links));
    let lowest = team_y.iter().chain(&mentor_y).fold(0.0, |a: f64, b| a.max(*b));
    let height = (TOP + ROW * c.rows.len() as f64).max(lowest + 10.0) + 20.0;
    let mut svg = Svg::new(c.id, width as u32, height as u32, c.title, c.desc);
    let x_of = |r: &Row| 20.0 + r.depth as f64 * INDENT;
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
        svg.rect(x, y, box_w, ROW - 6.0, "#f3f5f7");
        let label = &labels[i];
        let shown: String = if label.chars().count() > fits {
            label.chars().take(fits.saturating_sub(1)).chain(['…']).collect()
        } else {
            label.clone()
        };
        svg.text(x + 8.0, y + ROW / 2.0 + 2.0, "start", &shown);
    }
    type Drawn = [(usize, usize, String)];
    let link = |svg: &mut Svg, links: &Drawn, heights: Vec<f64>, (colour, dash): (&str, &str), bulge: f64| {
        for (a, b, _) in links {
            let ya = y_of(*a) + ROW / 2.0 - 3.0;
            let yb = y_of(*b) + ROW / 2.0 - 3.0;
            svg.arc((right + 4.0, ya), (right + 4.0, yb), bulge, colour, dash);
        }
        for ((_, _, label), y) in links.iter().zip(heights) {
            svg.label(right + 8.0 + bulge * 0.75, y + 4.0, colour, label);
        }
    };
    link(&mut svg, &team_links, team_y, TEAM, TEAM_BULGE);
    link(&mut svg, &mentor_links, mentor_y, MENTOR, mentor_bulge);
    let ly = 16.0;
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

    fn row<'a>(name: &'a str, depth: usize, supervisor_row: Option<usize>) -> Row<'a> {
        Row {
            name,
            title: None,
            unit: None,
            depth,
            supervisor_row,
        }
    }

    #[test]
    fn the_three_relationships_are_drawn_apart_and_each_arc_is_labelled() {
        let rows = [
            Row {
                title: Some("Förvaltningschef"),
                unit: Some("Kommunledning"),
                ..row("Chef", 0, None)
            },
            row("Ledare", 1, Some(0)),
            row("<Medarbetare>", 1, Some(0)),
        ];
        let out = render(&Chart {
            id: "chart",
            title: "Organisationsschema",
            desc: "Tre relationer",
            rows: &rows,
            team_links: &[Link {
                from: 1,
                to: 2,
                label: "Team <Drift>",
            }],
            mentor_links: &[Link {
                from: 0,
                to: 2,
                label: "Mentor",
            }],
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
        assert!(out.contains("Chef – Förvaltningschef · Kommunledning"));
        assert!(
            out.contains(r#"<text x="80.0" y="21.0" text-anchor="start">chef</text>"#)
                && out.contains(r#"<rect x="20.0" y="94.0""#),
            "the key stands above the first row"
        );
        assert!(
            out.contains(">Team &lt;Drift&gt;</text>"),
            "the team arc names its team"
        );
        assert!(
            out.contains(&format!(r##"fill="{}" stroke="#fff""##, MENTOR.0))
                && out.contains(">Mentor</text>"),
            "the mentoring arc says what it is, in the arc's colour"
        );
    }

    #[test]
    fn arcs_between_the_same_two_rows_are_drawn_once_with_both_labels() {
        let link = |to, label| Link { from: 0, to, label };
        let links = [
            link(1, "Drift"),
            link(1, "Säkerhet"),
            link(2, "Drift"),
            link(1, "Drift"),
        ];
        assert_eq!(
            merged(&links),
            vec![(0, 1, "Drift, Säkerhet".to_owned()), (0, 2, "Drift".to_owned())]
        );
    }

    #[test]
    fn labels_of_arcs_meeting_at_one_height_are_set_apart() {
        assert_eq!(
            label_heights(&[100.0, 100.0, 40.0, 101.0]),
            vec![100.0, 115.0, 40.0, 130.0]
        );
    }
}
