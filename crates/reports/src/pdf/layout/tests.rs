//! Where the layout puts things: pages, structure and repeated table heads.

use super::*;
use crate::pdf::fonts::{BOLD, REGULAR};

fn laid(blocks: Vec<Block>) -> Layout {
    let r = Report {
        title: "t".into(),
        lang: "sv".into(),
        blocks,
        page_label: "{n}".into(),
    };
    lay_out(&r, &[], &Metrics::new(REGULAR), &Metrics::new(BOLD))
}

fn texts(l: &Layout) -> Vec<(usize, Slot, f32)> {
    l.pages
        .iter()
        .enumerate()
        .flat_map(|(p, ops)| {
            ops.iter().filter_map(move |o| match o {
                Op::Text { slot, y, .. } => Some((p, *slot, *y)),
                _ => None,
            })
        })
        .collect()
}

#[test]
fn a_row_taller_than_a_page_goes_on_in_slices_within_the_margins() {
    let huge = "ord ".repeat(3000);
    let l = laid(vec![Block::Table {
        header: vec!["Namn".into(), "Text".into()],
        rows: vec![vec!["kort".into(), huge], vec!["nästa".into(), "rad".into()]],
    }]);
    assert!(l.pages.len() >= 3, "{} pages", l.pages.len());
    let all = texts(&l);
    assert!(
        all.iter().all(|(_, _, y)| *y > MARGIN && *y < BOTTOM),
        "text outside the margins"
    );
    // Lines on one page never share a baseline within a column (no overlap).
    for p in 0..l.pages.len() {
        let mut ys: Vec<(usize, i64)> = all
            .iter()
            .filter(|(q, s, _)| *q == p && s.row != REPEATED)
            .map(|(_, s, y)| (s.col, (*y * 10.0) as i64))
            .collect();
        let n = ys.len();
        ys.sort();
        ys.dedup();
        assert_eq!(ys.len(), n, "page {p} has overlapping lines");
    }
    // Every page after the first starts with the repeated header.
    for p in 1..l.pages.len() {
        let first = all.iter().find(|(q, _, _)| *q == p).unwrap();
        assert_eq!(first.1.row, REPEATED, "page {p}");
    }
}

#[test]
fn empty_tables_reports_and_cells_lay_out() {
    let l = laid(vec![
        Block::Table {
            header: Vec::new(),
            rows: Vec::new(),
        },
        Block::Table {
            header: vec!["A".into()],
            rows: vec![vec![String::new()], Vec::new()],
        },
        Block::Paragraph(String::new()),
        Block::Bullets(Vec::new()),
    ]);
    assert_eq!(l.pages.len(), 1);
    assert_eq!(laid(Vec::new()).pages.len(), 1);
}
