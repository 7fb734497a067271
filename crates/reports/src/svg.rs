//! Building SVG documents safely: text is always escaped, and every document carries the
//! accessible name and description a chart needs.

use std::fmt::Write;

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newlines are not allowed in XML 1.0.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The `stroke-dasharray` attribute for a dash pattern; nothing for a solid line.
fn dash_attribute(dash: &str) -> String {
    if dash.is_empty() {
        String::new()
    } else {
        format!(r#" stroke-dasharray="{}""#, escape(dash))
    }
}

/// An SVG document under construction.
pub struct Svg {
    id: String,
    width: u32,
    height: u32,
    title: String,
    desc: String,
    body: String,
}

impl Svg {
    /// `id` must be unique on the page; it prefixes the ids of the title and description.
    pub fn new(id: &str, width: u32, height: u32, title: &str, desc: &str) -> Self {
        let id: String = id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        Self {
            id,
            width,
            height,
            title: title.into(),
            desc: desc.into(),
            body: String::new(),
        }
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str) -> &mut Self {
        let _ = write!(
            self.body,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{}"/>"#,
            escape(fill)
        );
        self
    }

    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str) -> &mut Self {
        let _ = write!(
            self.body,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{}"/>"#,
            escape(stroke)
        );
        self
    }

    /// Text at a point; `anchor` is start, middle or end.
    pub fn text(&mut self, x: f64, y: f64, anchor: &str, content: &str) -> &mut Self {
        self.text_with(x, y, anchor, None, content)
    }

    fn text_with(&mut self, x: f64, y: f64, anchor: &str, fill: Option<&str>, content: &str) -> &mut Self {
        let anchor = if matches!(anchor, "start" | "middle" | "end") {
            anchor
        } else {
            "start"
        };
        let fill = fill
            .map(|f| format!(r#" fill="{}""#, escape(f)))
            .unwrap_or_default();
        let _ = write!(
            self.body,
            r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}"{fill}>{}</text>"#,
            escape(content)
        );
        self
    }

    /// Text in `fill` with a white halo, readable where it crosses lines (labels on arcs).
    pub fn label(&mut self, x: f64, y: f64, fill: &str, content: &str) -> &mut Self {
        let _ = write!(
            self.body,
            r##"<text x="{x:.1}" y="{y:.1}" text-anchor="start" fill="{}" stroke="#fff" stroke-width="4" paint-order="stroke" font-size="13">{}</text>"##,
            escape(fill),
            escape(content)
        );
        self
    }

    /// Text turned by `angle` degrees around its anchor point (for long column headings).
    pub fn text_rotated(&mut self, x: f64, y: f64, angle: f64, content: &str) -> &mut Self {
        let _ = write!(
            self.body,
            r#"<text x="{x:.1}" y="{y:.1}" transform="rotate({angle:.1} {x:.1} {y:.1})">{}</text>"#,
            escape(content)
        );
        self
    }

    /// Text with a fill colour, e.g. light text on a dark cell.
    pub fn text_fill(&mut self, x: f64, y: f64, anchor: &str, fill: &str, content: &str) -> &mut Self {
        self.text_with(x, y, anchor, Some(fill), content)
    }

    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, fill: &str, stroke: &str) -> &mut Self {
        let _ = write!(
            self.body,
            r#"<circle cx="{cx:.1}" cy="{cy:.1}" r="{r:.1}" fill="{}" stroke="{}"/>"#,
            escape(fill),
            escape(stroke)
        );
        self
    }

    /// An open or closed line through `points`; `dash` is an SVG dash pattern ("" for solid).
    pub fn path(&mut self, points: &[(f64, f64)], closed: bool, stroke: &str, dash: &str) -> &mut Self {
        let mut d = String::new();
        for (i, (x, y)) in points.iter().enumerate() {
            let _ = write!(d, "{}{x:.1},{y:.1} ", if i == 0 { "M" } else { "L" });
        }
        if closed {
            d.push('Z');
        }
        let dash = dash_attribute(dash);
        let _ = write!(
            self.body,
            r#"<path d="{}" fill="none" stroke="{}" stroke-width="2.5"{dash}/>"#,
            d.trim_end(),
            escape(stroke)
        );
        self
    }

    /// A curve from `a` to `b` bowing out to the right by `bulge`, for links between rows.
    pub fn arc(&mut self, a: (f64, f64), b: (f64, f64), bulge: f64, stroke: &str, dash: &str) -> &mut Self {
        let dash = dash_attribute(dash);
        let _ = write!(
            self.body,
            r#"<path d="M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="none" stroke="{}" stroke-width="2"{dash}/>"#,
            a.0,
            a.1,
            a.0 + bulge,
            a.1,
            b.0 + bulge,
            b.1,
            b.0,
            b.1,
            escape(stroke)
        );
        self
    }

    pub fn polygon(&mut self, points: &[(f64, f64)], fill: &str, stroke: &str) -> &mut Self {
        let pts: Vec<String> = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let _ = write!(
            self.body,
            r#"<polygon points="{}" fill="{}" stroke="{}"/>"#,
            pts.join(" "),
            escape(fill),
            escape(stroke)
        );
        self
    }

    pub fn finish(&self) -> String {
        let id = &self.id;
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-size="13" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>"#,
            w = self.width,
            h = self.height,
            title = escape(&self.title),
            desc = escape(&self.desc),
            body = self.body,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_everywhere() {
        let mut s = Svg::new("x\"><script", 10, 10, "<b>Titel</b>", "Värden & mål");
        s.text(1.0, 2.0, "middle\" onload=\"x", "<script>alert(1)</script>")
            .rect(0.0, 0.0, 1.0, 1.0, "red\" onclick=\"x");
        let out = s.finish();
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<b>"));
        assert!(!out.contains("onload=\"") && !out.contains("onclick=\""), "{out}");
        assert!(out.contains("Värden &amp; mål"));
        assert!(
            out.contains(r#"text-anchor="start""#),
            "unknown anchors fall back to start"
        );
    }

    #[test]
    fn documents_are_labelled_for_screen_readers() {
        let out = Svg::new("radar-1", 100, 50, "Mognad", "Nio motorer").finish();
        assert!(out.starts_with("<svg") && out.ends_with("</svg>"));
        assert!(out.contains(r#"role="img" aria-labelledby="radar-1-title radar-1-desc""#));
        assert!(out.contains(r#"<title id="radar-1-title">Mognad</title>"#));
        assert!(out.contains(r#"<desc id="radar-1-desc">Nio motorer</desc>"#));
        assert_eq!(escape("a\u{1}b\tc"), "ab\tc");
    }
}
