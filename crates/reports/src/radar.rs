//! The radar chart: one axis per engine, rings at the phase boundaries (a third and two thirds
//! of the way) and at 100, and up to a few series (a group, the organisation, the target)
//! drawn with distinct colours *and* line styles so they differ without colour too.

use crate::svg::Svg;
use std::f64::consts::PI;

pub struct Series<'a> {
    pub label: &'a str,
    /// One value per axis, 0–100; a missing value draws at the centre.
    pub values: &'a [Option<f64>],
    pub colour: &'a str,
    /// SVG dash pattern; "" for a solid line.
    pub dash: &'a str,
}

pub struct Radar<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub axes: &'a [String],
    pub series: &'a [Series<'a>],
}

const SIZE: f64 = 720.0;
const R: f64 = 170.0;

fn point(i: usize, n: usize, value: f64) -> (f64, f64) {
    let angle = -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
    let r = R * value.clamp(0.0, 100.0) / 100.0;
    (SIZE / 2.0 + r * angle.cos(), 250.0 + r * angle.sin())
}

pub fn render(r: &Radar) -> String {
    let n = r.axes.len().max(3);
    let legend_h = 26.0 * r.series.len() as f64;
    let mut svg = Svg::new(r.id, SIZE as u32, (500.0 + legend_h) as u32, r.title, r.desc);
    for ring in [100.0 / 3.0, 200.0 / 3.0, 100.0] {
        let pts: Vec<_> = (0..n).map(|i| point(i, n, ring)).collect();
        svg.polygon(&pts, "none", "#9aa5b1");
    }
    for (i, axis) in r.axes.iter().enumerate() {
        let (x, y) = point(i, n, 100.0);
        svg.line(SIZE / 2.0, 250.0, x, y, "#9aa5b1");
        let (lx, ly) = point(i, n, 118.0);
        let anchor = if (lx - SIZE / 2.0).abs() < 10.0 {
            "middle"
        } else if lx > SIZE / 2.0 {
            "start"
        } else {
            "end"
        };
        svg.text(lx, ly + 4.0, anchor, axis);
    }
    for s in r.series {
        let pts: Vec<_> = (0..n)
            .map(|i| point(i, n, s.values.get(i).copied().flatten().unwrap_or(0.0)))
            .collect();
        svg.path(&pts, true, s.colour, s.dash);
        for p in &pts {
            svg.circle(p.0, p.1, 3.5, s.colour, s.colour);
        }
    }
    for (k, s) in r.series.iter().enumerate() {
        let y = 480.0 + 26.0 * k as f64;
        svg.path(&[(20.0, y), (60.0, y)], false, s.colour, s.dash);
        svg.text(70.0, y + 5.0, "start", s.label);
    }
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_are_told_apart_by_style_and_listed_in_a_legend() {
        let axes: Vec<String> = (1..=9).map(|i| format!("Motor {i}")).collect();
        let group = vec![Some(50.0); 9];
        let target = vec![Some(80.0); 9];
        let out = render(&Radar {
            id: "radar",
            title: "Grupp mot mål",
            desc: "Nio motorer",
            axes: &axes,
            series: &[
                Series {
                    label: "Grupp",
                    values: &group,
                    colour: "#0b5394",
                    dash: "",
                },
                Series {
                    label: "Mål",
                    values: &target,
                    colour: "#8a3b12",
                    dash: "6 4",
                },
            ],
        });
        assert_eq!(
            out.matches("stroke-dasharray").count(),
            2,
            "target line and its legend"
        );
        assert!(out.contains(">Grupp</text>") && out.contains(">Mål</text>"));
        assert!(out.contains(">Motor 9</text>"));
        // A value of 100 reaches the outer ring: the top axis point is R above the centre.
        assert_eq!(point(0, 9, 100.0), (SIZE / 2.0, 250.0 - R));
    }
}
