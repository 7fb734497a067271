//! PDF reports: a document of headings, paragraphs, lists, charts (the same SVG the pages show)
//! and tables, set on A4 in the shipped typeface and written as a tagged PDF — headings, lists,
//! tables and figures with their alternative texts in the structure, the language set — so a
//! screen reader reads it as it reads the page.
//!
//! The caller words everything in the reader's language and decides what may be shown; this
//! module only sets it.

mod draw;
mod fonts;
mod layout;

/// One piece of a report, in reading order.
#[derive(Debug, Clone)]
pub enum Block {
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    Bullets(Vec<String>),
    /// An SVG chart with the text a screen reader reads instead; drawn at most `max_width`
    /// points wide, under its caption if it has one (kept on the same page).
    Chart {
        caption: Option<String>,
        svg: String,
        alt: String,
        max_width: f32,
    },
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    PageBreak,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub title: String,
    /// `sv` or `en`.
    pub lang: String,
    pub blocks: Vec<Block>,
    /// What the page numbers say, with `{n}` for the number ("Sida {n}").
    pub page_label: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("a chart could not be read: {0}")]
    Chart(String),
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// The report as PDF bytes.
pub fn render(r: &Report) -> Result<Vec<u8>, PdfError> {
    let regular = fonts::Metrics::new(fonts::REGULAR);
    let bold = fonts::Metrics::new(fonts::BOLD);
    let charts = draw::parse_charts(r)?;
    let sizes: Vec<layout::ChartSize> = charts
        .iter()
        .map(|t| (t.size().width(), t.size().height()))
        .collect();
    let l = layout::lay_out(r, &sizes, &regular, &bold);
    draw::write(r, &l, &charts)
}
