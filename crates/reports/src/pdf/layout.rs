//! Laying the report's blocks out on A4 pages: where every line of text, chart and table cell
//! goes, which page it lands on, and which structure element it belongs to. Drawing happens
//! afterwards (`draw`), so the layout needs no PDF and can be reasoned about on its own.

use super::fonts::{Metrics, wrap};
use super::{Block, Report};

pub(super) const PAGE_W: f32 = 595.28;
pub(super) const PAGE_H: f32 = 841.89;
pub(super) const MARGIN: f32 = 56.0;
pub(super) const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;
/// Where content stops: room is left for the page number.
const BOTTOM: f32 = PAGE_H - MARGIN;
pub(super) const BODY: f32 = 10.5;
const LEADING: f32 = 1.38;
const CELL_PAD: f32 = 4.0;
/// The row of a table header repeated on a later page: drawn, but not part of the structure.
pub(super) const REPEATED: usize = usize::MAX;

/// Which structure element a piece of content belongs to: the block, and within a list its
/// item, within a table its row and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Slot {
    pub block: usize,
    pub row: usize,
    pub col: usize,
}

#[derive(Debug, Clone)]
pub(super) enum Op {
    /// One line of text; `y` is its baseline.
    Text {
        slot: Slot,
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        text: String,
    },
    /// A chart, scaled into the box.
    Chart {
        slot: Slot,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        svg: usize,
    },
    /// Decoration with no meaning of its own (table shading, bullets, rules).
    Shade {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        grey: u8,
    },
    Bullet {
        x: f32,
        y: f32,
    },
}

/// A chart's size in its own units, known before layout.
pub(super) type ChartSize = (f32, f32);

pub(super) struct Layout {
    pub pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout {
    fn new() -> Self {
        Self {
            pages: vec![Vec::new()],
            y: MARGIN,
        }
    }

    fn push(&mut self, op: Op) {
        self.pages.last_mut().expect("a page").push(op);
    }

    fn new_page(&mut self) {
        if !self.pages.last().expect("a page").is_empty() {
            self.pages.push(Vec::new());
        }
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` still fits on this one.
    fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.new_page();
        }
    }

    fn lines(&mut self, slot: Slot, x: f32, width: f32, pen: Pen, text: &str) {
        let Pen { size, bold, m } = pen;
        let step = size * LEADING;
        for line in wrap(m, text, size, width) {
            self.room(step);
            self.y += step;
            self.push(Op::Text {
                slot,
                x,
                y: self.y - step * 0.25,
                size,
                bold,
                text: line,
            });
        }
    }
}

/// How text is set: its size, weight and the measurements of that weight.
#[derive(Clone, Copy)]
struct Pen<'a> {
    size: f32,
    bold: bool,
    m: &'a Metrics,
}

/// Where every block of `r` goes; `charts` gives each chart's own size, in block order.
pub(super) fn lay_out(r: &Report, charts: &[ChartSize], regular: &Metrics, bold: &Metrics) -> Layout {
    let mut l = Layout::new();
    let mut chart = 0;
    let body = Pen {
        size: BODY,
        bold: false,
        m: regular,
    };
    for (block, b) in r.blocks.iter().enumerate() {
        let slot = Slot {
            block,
            row: 0,
            col: 0,
        };
        match b {
            Block::PageBreak => l.new_page(),
            Block::Heading { level, text } => {
                let size = match level {
                    1 => 22.0,
                    2 => 15.0,
                    _ => 12.0,
                };
                // A heading never ends a page: keep room for two lines after it.
                l.room(size * 2.0 + BODY * LEADING * 2.0);
                l.y += size * 0.6;
                l.lines(
                    slot,
                    MARGIN,
                    WIDTH,
                    Pen {
                        size,
                        bold: true,
                        m: bold,
                    },
                    text,
                );
                l.y += size * 0.3;
            }
            Block::Paragraph(text) => {
                l.lines(slot, MARGIN, WIDTH, body, text);
                l.y += BODY * 0.6;
            }
            Block::Bullets(items) => {
                for (row, item) in items.iter().enumerate() {
                    let s = Slot { block, row, col: 0 };
                    let step = BODY * LEADING;
                    l.room(step);
                    // The bullet sits beside the item's first line.
                    l.push(Op::Bullet {
                        x: MARGIN + 4.0,
                        y: l.y + step * 0.75 - BODY * 0.3,
                    });
                    l.lines(s, MARGIN + 14.0, WIDTH - 14.0, body, item);
                    l.y += BODY * 0.2;
                }
                l.y += BODY * 0.4;
            }
            Block::Chart {
                max_width, caption, ..
            } => {
                let (cw, ch) = charts[chart];
                chart += 1;
                let w = max_width.min(WIDTH).min(cw.max(1.0));
                let h = ch * w / cw.max(1.0);
                let above = caption
                    .as_ref()
                    .map(|c| wrap(regular, c, BODY, WIDTH).len() as f32 * BODY * LEADING)
                    .unwrap_or(0.0);
                // Room is left above the tallest chart for a heading (and its caption) on the
                // same page.
                let tallest = (BOTTOM - MARGIN - 80.0 - above).max(BODY * 4.0);
                let (w, h) = if h > tallest {
                    let k = tallest / h;
                    (w * k, h * k)
                } else {
                    (w, h)
                };
                l.room(above + h);
                if let Some(c) = caption {
                    l.lines(
                        Slot {
                            block,
                            row: 1,
                            col: 0,
                        },
                        MARGIN,
                        WIDTH,
                        body,
                        c,
                    );
                    l.y += BODY * 0.3;
                }
                l.push(Op::Chart {
                    slot,
                    x: MARGIN,
                    y: l.y,
                    w,
                    h,
                    svg: chart - 1,
                });
                l.y += h + BODY;
            }
            Block::Table { header, rows } => table(&mut l, block, header, rows, regular, bold),
        }
    }
    l
}

/// A table: the first column takes the room its longest entry needs (up to 40% of the width),
/// the others share the rest. A row that does not fit the rest of a page goes on in slices,
/// every column of a slice on the same lines; the header row repeats on every page the table
/// runs onto.
fn table(
    l: &mut Layout,
    block: usize,
    header: &[String],
    rows: &[Vec<String>],
    regular: &Metrics,
    bold: &Metrics,
) {
    let n = header.len().max(1);
    let first = header
        .iter()
        .take(1)
        .chain(rows.iter().filter_map(|r| r.first()))
        .map(|t| bold.width(t, BODY) + 2.0 * CELL_PAD)
        .fold(0.0_f32, f32::max)
        .min(WIDTH * 0.4)
        .max(WIDTH / n as f32);
    let rest = if n > 1 {
        (WIDTH - first) / (n - 1) as f32
    } else {
        0.0
    };
    let widths: Vec<f32> = (0..n).map(|c| if c == 0 { first } else { rest }).collect();
    let wrapped = |cells: &[String], m: &Metrics| -> Vec<Vec<String>> {
        cells
            .iter()
            .take(n)
            .zip(&widths)
            .map(|(t, w)| wrap(m, t, BODY, w - 2.0 * CELL_PAD))
            .collect()
    };
    let head = wrapped(header, bold);
    let head_h = lines_of(&head) as f32 * STEP + 2.0 * CELL_PAD;
    let first_row = rows.first().map(|r| wrapped(r, regular)).unwrap_or_default();
    l.room(head_h + (lines_of(&first_row).min(3) as f32) * STEP + 2.0 * CELL_PAD);
    let pens = |is_bold: bool, m| Pen {
        size: BODY,
        bold: is_bold,
        m,
    };
    row(l, block, 0, &head, &widths, Some(232), pens(true, bold), None);
    for (i, r) in rows.iter().enumerate() {
        let cells = wrapped(r, regular);
        let repeat = (&head, pens(true, bold));
        row(
            l,
            block,
            i + 1,
            &cells,
            &widths,
            (i % 2 == 1).then_some(246),
            pens(false, regular),
            Some(repeat),
        );
    }
    l.y += BODY;
}

const STEP: f32 = BODY * LEADING;

fn lines_of(cells: &[Vec<String>]) -> usize {
    cells.iter().map(Vec::len).max().unwrap_or(1).max(1)
}

/// One table row of already wrapped cells, in as many slices as the pages need; before a slice
/// on a new page the header (`repeat`) is drawn again, for the eye only.
#[allow(clippy::too_many_arguments)]
fn row(
    l: &mut Layout,
    block: usize,
    row_no: usize,
    cells: &[Vec<String>],
    widths: &[f32],
    shade: Option<u8>,
    pen: Pen,
    repeat: Option<(&Vec<Vec<String>>, Pen)>,
) {
    let total = lines_of(cells);
    let mut done = 0;
    while done < total {
        let fits = ((BOTTOM - l.y - 2.0 * CELL_PAD) / STEP).floor().max(0.0) as usize;
        if fits == 0 || (done == 0 && fits < total.min(3)) {
            l.new_page();
            // A header taller than a third of a page is not repeated: it would crowd out the rows.
            if let Some((head, head_pen)) =
                repeat.filter(|(h, _)| lines_of(h) as f32 * STEP < (BOTTOM - MARGIN) / 3.0)
            {
                row(l, block, REPEATED, head, widths, Some(232), head_pen, None);
            }
            continue;
        }
        let take = fits.min(total - done);
        let top = l.y;
        let h = take as f32 * STEP + 2.0 * CELL_PAD;
        if let Some(grey) = shade {
            l.push(Op::Shade {
                x: MARGIN,
                y: top,
                w: WIDTH,
                h,
                grey,
            });
        }
        let mut x = MARGIN;
        for (col, (lines, w)) in cells.iter().zip(widths).enumerate() {
            for (k, text) in lines.iter().skip(done).take(take).enumerate() {
                l.push(Op::Text {
                    slot: Slot {
                        block,
                        row: row_no,
                        col,
                    },
                    x: x + CELL_PAD,
                    y: top + CELL_PAD + (k as f32 + 0.75) * STEP,
                    size: pen.size,
                    bold: pen.bold,
                    text: text.clone(),
                });
            }
            x += w;
        }
        l.y = top + h;
        done += take;
    }
}

#[cfg(test)]
mod tests;
