//! The technology radar as SVG: four quadrants, four rings from adopt (centre) to hold, and
//! each blip as a numbered dot. The numbers match the list the page prints beside the chart,
//! so the chart is never the only place a blip can be read.

use crate::svg::Svg;

const R: f64 = 260.0;
const PAD: f64 = 40.0;

pub struct Radar<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    /// The quadrants' names, counter-clockwise from the upper right.
    pub quadrants: [&'a str; 4],
    /// The rings' names from the centre.
    pub rings: [&'a str; 4],
    /// Each blip's offset from the centre (y up, within `R`) as a fraction of the radius,
    /// and its number.
    pub blips: &'a [((f64, f64), usize)],
}

pub fn render(r: &Radar) -> String {
    let size = 2.0 * (R + PAD);
    let (cx, cy) = (R + PAD, R + PAD);
    let mut svg = Svg::new(r.id, size as u32, size as u32, r.title, r.desc);
    let fills = ["#dbe8f5", "#e6eff8", "#eff5fb", "#f7fafd"];
    for (i, fill) in fills.iter().enumerate().rev() {
        svg.circle(cx, cy, R * (i as f64 + 1.0) / 4.0, fill, "#5f6b76");
    }
    svg.line(cx - R, cy, cx + R, cy, "#1b1f24");
    svg.line(cx, cy - R, cx, cy + R, "#1b1f24");
    for (i, ring) in r.rings.iter().enumerate() {
        svg.text(cx + 4.0, cy - R * (i as f64 + 0.5) / 4.0, "start", ring);
    }
    let corners = [
        (size - 8.0, 24.0, "end"),
        (8.0, 24.0, "start"),
        (8.0, size - 12.0, "start"),
        (size - 8.0, size - 12.0, "end"),
    ];
    for (q, (x, y, anchor)) in r.quadrants.iter().zip(corners) {
        svg.text(x, y, anchor, q);
    }
    for ((x, y), n) in r.blips {
        let (bx, by) = (cx + x * R, cy - y * R);
        svg.circle(bx, by, 10.0, "#0b3a6b", "#ffffff");
        svg.text_fill(bx, by + 4.0, "middle", "#ffffff", &n.to_string());
    }
    svg.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blips_are_numbered_and_names_escaped() {
        let out = render(&Radar {
            id: "radar",
            title: "Teknikradar",
            desc: "<b>",
            quadrants: ["Tekniker", "Plattformar", "Verktyg", "Tjänster & <x>"],
            rings: ["Använd", "Pröva", "Utvärdera", "Avvakta"],
            blips: &[((0.1, 0.1), 1), ((-0.5, -0.5), 2)],
        });
        assert!(out.contains(">1</text>") && out.contains(">2</text>"));
        assert!(out.contains("Tjänster &amp; &lt;x&gt;") && !out.contains("<b>"));
        assert!(out.contains(r#"role="img""#));
        // Blip 1 is right of and above the centre.
        assert!(out.contains(r#"<circle cx="326.0" cy="274.0""#), "{out}");
    }
}
