//! Mognad's report output: charts as accessible SVG, and (as the measurement lands) spreadsheets
//! and printable reports.
//!
//! Every chart is an SVG with `role="img"`, a `<title>` and a `<desc>` tied to it with
//! `aria-labelledby`, so a screen reader announces what it shows; pages put the same numbers
//! in a table next to it.

pub mod bars;
pub mod grid;
pub mod hbars;
pub mod heatmap;
pub mod orgchart;
pub mod pdf;
pub mod radar;
pub mod spread;
pub mod svg;
pub mod techradar;
pub mod xlsx;
