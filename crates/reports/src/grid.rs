//! A positioning grid as SVG: the cells with their epithets, both axes named, and where
//! someone stands now (a filled dot) and should stand (a ring), joined by an arrow. Shape and
//! line style tell now from target without colour.

use crate::svg::Svg;

const CELL: f64 = 150.0;
const LEFT: f64 = 60.0;
const TOP: f64 = 20.0;

pub struct Grid<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub x_axis: &'a str,
    pub y_axis: &'a str,
    pub columns: usize,
    pub rows: usize,
    /// Row by row from the bottom, each from the left.
    pub epithets: &'a [String],
    /// (column, row, label) of where the person or role stands now, and the target.
    pub now: Option<(usize, usize, &'a str)>,
    pub target: Option<(usize, usize, &'a str)>,
}

fn centre(g: &Grid, column: usize, row: usize) -> (f64, f64) {
    let x = LEFT + CELL * (column as f64 + 0.5);
    let y = TOP + CELL * ((g.rows - 1 - row) as f64 + 0.5);
    (x, y)
}

pub fn render(g: &Grid) -> String {
    let (w, h) = (
        LEFT + CELL * g.columns as f64 + 20.0,
        TOP + CELL * g.rows as f64 + 60.0,
    );
    let mut svg = Svg::new(g.id, w as u32, h as u32, g.title, g.desc);
    for row in 0..g.rows {
        for column in 0..g.columns {
            let x = LEFT + CELL * column as f64;
            let y = TOP + CELL * (g.rows - 1 - row) as f64;
            svg.rect(x + 1.0, y + 1.0, CELL - 2.0, CELL - 2.0, "#f3f5f7");
            if let Some(e) = g.epithets.get(row * g.columns + column) {
                svg.text(x + CELL / 2.0, y + 22.0, "middle", e);
            }
        }
    }
    let bottom = TOP + CELL * g.rows as f64;
    svg.line(LEFT, bottom, LEFT + CELL * g.columns as f64, bottom, "#1b1f24");
    svg.line(LEFT, TOP, LEFT, bottom, "#1b1f24");
    svg.text(
        LEFT + CELL * g.columns as f64 / 2.0,
        bottom + 30.0,
        "middle",
        &format!("{} →", g.x_axis),
    );
    svg.text_rotated(
        30.0,
        TOP + CELL * g.rows as f64 / 2.0 + 40.0,
        -90.0,
        &format!("{} →", g.y_axis),
    );
    if let (Some(n), Some(t)) = (g.now, g.target)
        && (n.0, n.1) != (t.0, t.1)
    {
        let (a, b) = (centre(g, n.0, n.1), centre(g, t.0, t.1));
        svg.path(&[a, b], false, "#0b5394", "6 4");
    }
    if let Some((c, r, label)) = g.target {
        let (x, y) = centre(g, c, r);
        svg.circle(x, y + 10.0, 14.0, "none", "#0b5394");
        svg.text(x, y + 44.0, "middle", label);
    }
    if let Some((c, r, label)) = g.now {
        let (x, y) = centre(g, c, r);
        svg.circle(x, y + 10.0, 9.0, "#0b5394", "#0b5394");
        svg.text(x, y - 12.0, "middle", label);
    }
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_and_target_are_marked_and_joined() {
        let epithets: Vec<String> = [
            "Nybörjare",
            "Bred generalist",
            "Smal specialist",
            "Strategisk expert",
        ]
        .map(String::from)
        .to_vec();
        let out = render(&Grid {
            id: "grid",
            title: "Ämneskompetens och djup",
            desc: "Nu och mål",
            x_axis: "Ämneskompetens",
            y_axis: "Kompetensdjup",
            columns: 2,
            rows: 2,
            epithets: &epithets,
            now: Some((0, 0, "Nu")),
            target: Some((1, 1, "Mål")),
        });
        for e in &epithets {
            assert!(out.contains(&format!(">{e}</text>")));
        }
        assert!(out.contains(">Nu</text>") && out.contains(">Mål</text>"));
        assert!(
            out.contains(r#"stroke-dasharray="6 4""#),
            "an arrow from now to target"
        );
        let g = Grid {
            id: "g",
            title: "",
            desc: "",
            x_axis: "",
            y_axis: "",
            columns: 2,
            rows: 2,
            epithets: &[],
            now: None,
            target: None,
        };
        let (low, high) = (centre(&g, 0, 0), centre(&g, 1, 1));
        assert!(
            low.0 < high.0 && low.1 > high.1,
            "row 0 is drawn at the bottom, column 0 at the left"
        );
    }
}
