//! Drawing a laid-out report with krilla: every line of text and every chart is marked content
//! placed in the structure tree under its block (heading, paragraph, list item, table cell,
//! figure with its alternative text); shading, bullets and page numbers are artifacts.

use super::layout::{self, Layout, Op, REPEATED, Slot};
use super::{Block, PdfError, Report, fonts};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, TableHeaderScope, Tag,
    TagGroup, TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::{Data, Document, SerializeSettings};
use krilla_svg::{SurfaceExt, SvgSettings};
use std::collections::BTreeMap;
use std::num::NonZeroU16;
use std::sync::Arc;

/// Every chart of the report parsed, with the shipped typeface for its labels.
pub(super) fn parse_charts(r: &Report) -> Result<Vec<usvg::Tree>, PdfError> {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(fonts::REGULAR.to_vec());
    db.load_font_data(fonts::BOLD.to_vec());
    db.set_sans_serif_family(fonts::FAMILY);
    db.set_serif_family(fonts::FAMILY);
    let opts = usvg::Options {
        fontdb: Arc::new(db),
        font_family: fonts::FAMILY.into(),
        ..Default::default()
    };
    r.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Chart { svg, .. } => {
                Some(usvg::Tree::from_str(svg, &opts).map_err(|e| PdfError::Chart(e.to_string())))
            }
            _ => None,
        })
        .collect()
}

fn fill(grey: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(grey, grey, grey).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn rect(s: &mut Surface, x: f32, y: f32, w: f32, h: f32, grey: u8) {
    let mut pb = PathBuilder::new();
    if let Some(r) = Rect::from_xywh(x, y, w, h) {
        pb.push_rect(r);
    }
    if let Some(path) = pb.finish() {
        s.set_fill(Some(fill(grey)));
        s.draw_path(&path);
    }
}

/// The marked content of each slot, in drawing order.
type Marks = BTreeMap<(usize, usize, usize), Vec<Identifier>>;

fn key(s: Slot) -> (usize, usize, usize) {
    (s.block, s.row, s.col)
}

pub(super) fn write(r: &Report, l: &Layout, charts: &[usvg::Tree]) -> Result<Vec<u8>, PdfError> {
    let settings = SerializeSettings {
        enable_tagging: true,
        ..Default::default()
    };
    let mut doc = Document::new_with(settings);
    doc.set_metadata(
        Metadata::new()
            .title(r.title.clone())
            .language(r.lang.clone())
            .creator("Mognad".into()),
    );
    let regular = Font::new(Data::from(fonts::REGULAR), 0).ok_or_else(|| PdfError::Write("font".into()))?;
    let bold = Font::new(Data::from(fonts::BOLD), 0).ok_or_else(|| PdfError::Write("font".into()))?;
    let mut marks = Marks::new();
    let size = PageSettings::from_wh(layout::PAGE_W, layout::PAGE_H)
        .ok_or_else(|| PdfError::Write("page".into()))?;
    for (n, ops) in l.pages.iter().enumerate() {
        let mut page = doc.start_page_with(size.clone());
        let mut s = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    slot,
                    x,
                    y,
                    size,
                    bold: b,
                    text,
                } => {
                    let repeated = slot.row == REPEATED;
                    let tag = if repeated {
                        ContentTag::Artifact(Artifact::new(ArtifactType::Layout, None))
                    } else {
                        ContentTag::Span(SpanTag::empty())
                    };
                    let id = s.start_tagged(tag);
                    s.set_fill(Some(fill(0x1b)));
                    let font = if *b { bold.clone() } else { regular.clone() };
                    s.draw_text(
                        Point::from_xy(*x, *y),
                        font,
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                    s.end_tagged();
                    if !repeated {
                        marks.entry(key(*slot)).or_default().push(id);
                    }
                }
                Op::Chart {
                    slot,
                    x,
                    y,
                    w,
                    h,
                    svg,
                } => {
                    let id = s.start_tagged(ContentTag::Other);
                    s.push_transform(&Transform::from_translate(*x, *y));
                    if let Some(size) = Size::from_wh(*w, *h) {
                        s.draw_svg(
                            &charts[*svg],
                            size,
                            SvgSettings {
                                embed_text: false,
                                ..Default::default()
                            },
                        );
                    }
                    s.pop();
                    s.end_tagged();
                    marks.entry(key(*slot)).or_default().push(id);
                }
                Op::Shade { x, y, w, h, grey } => {
                    s.start_tagged(ContentTag::Artifact(Artifact::new(ArtifactType::Layout, None)));
                    rect(&mut s, *x, *y, *w, *h, *grey);
                    s.end_tagged();
                }
                Op::Bullet { x, y } => {
                    s.start_tagged(ContentTag::Artifact(Artifact::new(ArtifactType::Layout, None)));
                    rect(&mut s, *x, *y - 2.0, 4.0, 4.0, 0x1b);
                    s.end_tagged();
                }
            }
        }
        s.start_tagged(ContentTag::Artifact(Artifact::new(
            ArtifactType::PageNumber,
            None,
        )));
        s.set_fill(Some(fill(0x4a)));
        let label = r.page_label.replace("{n}", &(n + 1).to_string());
        s.draw_text(
            Point::from_xy(layout::MARGIN, layout::PAGE_H - layout::MARGIN / 2.0),
            regular.clone(),
            9.0,
            &label,
            false,
            TextDirection::Auto,
        );
        s.end_tagged();
        s.finish();
        page.finish();
    }
    doc.set_tag_tree(tree(r, &mut marks));
    doc.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
}

/// The structure: one element per block, holding the marked content drawn for it.
fn tree(r: &Report, marks: &mut Marks) -> TagTree {
    let mut tree = TagTree::new().with_lang(Some(r.lang.clone()));
    let mut take = |b: usize, row: usize, col: usize| marks.remove(&(b, row, col)).unwrap_or_default();
    let group = |tag: TagGroup, ids: Vec<Identifier>| {
        let mut g = tag;
        for id in ids {
            g.push(id);
        }
        g
    };
    for (b, block) in r.blocks.iter().enumerate() {
        let node: Option<Node> = match block {
            Block::PageBreak => None,
            Block::Heading { level, text } => {
                let level = NonZeroU16::new(u16::from((*level).clamp(1, 6))).expect("1 to 6");
                Some(group(TagGroup::new(Tag::Hn(level, Some(text.clone()))), take(b, 0, 0)).into())
            }
            Block::Paragraph(_) => Some(group(TagGroup::new(Tag::P), take(b, 0, 0)).into()),
            Block::Chart { alt, caption, .. } => {
                let figure = group(TagGroup::new(Tag::Figure(Some(alt.clone()))), take(b, 0, 0));
                match caption {
                    // The caption comes first, as it is read: a Caption in a Div with its figure.
                    Some(_) => {
                        let mut div = TagGroup::new(Tag::Div);
                        div.push(group(TagGroup::new(Tag::Caption), take(b, 1, 0)));
                        div.push(figure);
                        Some(div.into())
                    }
                    None => Some(figure.into()),
                }
            }
            Block::Bullets(items) => {
                let mut list = TagGroup::new(Tag::L(ListNumbering::Disc));
                for row in 0..items.len() {
                    let body = group(TagGroup::new(Tag::LBody), take(b, row, 0));
                    let mut li = TagGroup::new(Tag::LI);
                    li.push(body);
                    list.push(li);
                }
                Some(list.into())
            }
            Block::Table { header, rows } => {
                let mut table = TagGroup::new(Tag::Table);
                let mut head = TagGroup::new(Tag::TR);
                for col in 0..header.len() {
                    head.push(group(
                        TagGroup::new(Tag::TH(TableHeaderScope::Column)),
                        take(b, 0, col),
                    ));
                }
                table.push(head);
                for (i, row) in rows.iter().enumerate() {
                    let mut tr = TagGroup::new(Tag::TR);
                    for col in 0..row.len() {
                        let cell = if col == 0 {
                            TagGroup::new(Tag::TH(TableHeaderScope::Row))
                        } else {
                            TagGroup::new(Tag::TD)
                        };
                        tr.push(group(cell, take(b, i + 1, col)));
                    }
                    table.push(tr);
                }
                Some(table.into())
            }
        };
        if let Some(n) = node {
            tree.push(n);
        }
    }
    tree
}
