//! The positioning grids on a person's competence record: where they are now and where they aim to
//! be, with the way between and their target role's own cell, as an SVG and its text.

use super::person::GridView;
use crate::i18n::Tr;
use mognad_app::competence::assess::Record;
use mognad_app::competence::develop::Development;
use mognad_domain::competence::grid::{Cell, Grid};
use mognad_reports::grid;

pub(crate) fn cell_label(g: &Grid, c: Cell, tr: Tr) -> String {
    g.epithet(c)
        .map(|e| e.get(tr.lang).to_owned())
        .unwrap_or_default()
}

pub(crate) fn grids(r: &Record, d: Option<&Development>, tr: Tr) -> Vec<GridView> {
    let lang = tr.lang;
    Grid::shipped()
        .into_iter()
        .map(|g| {
            let placed = d.and_then(|d| d.placements.iter().find(|p| p.grid.id == g.id));
            let role = d
                .and_then(|d| d.role_placements.iter().find(|p| p.grid.id == g.id))
                .map(|p| cell_label(&g, p.now, tr));
            let epithets: Vec<String> = g.epithets.iter().map(|e| e.get(lang).to_owned()).collect();
            let now_label = tr.t("grid-now");
            let target_label = tr.t("grid-target");
            let svg = grid::render(&grid::Grid {
                id: &format!("grid-{}", g.id),
                title: g.name.get(lang),
                desc: &tr.t1("grid-desc", "name", r.person.name.as_str()),
                x_axis: g.x_axis.get(lang),
                y_axis: g.y_axis.get(lang),
                columns: g.columns,
                rows: g.rows,
                epithets: &epithets,
                now: placed.map(|p| (p.now.column, p.now.row, now_label.as_str())),
                target: placed
                    .and_then(|p| p.target)
                    .map(|t| (t.column, t.row, target_label.as_str())),
            });
            let mut cells = Vec::new();
            let mut legend = Vec::new();
            for row in (0..g.rows).rev() {
                for column in 0..g.columns {
                    let c = Cell { column, row };
                    legend.push((
                        cell_label(&g, c, tr),
                        g.description(c)
                            .map(|d| d.get(lang).to_owned())
                            .unwrap_or_default(),
                    ));
                    cells.push((
                        format!("{column},{row}"),
                        cell_label(&g, c, tr),
                        placed.is_some_and(|p| p.now == c),
                        placed.is_some_and(|p| p.target == Some(c)),
                    ));
                }
            }
            let path = placed
                .and_then(|p| Some((p.now, p.target?)))
                .map(|(now, target)| {
                    let (x, y) = Grid::path(now, target);
                    if (x, y) == (0, 0) {
                        tr.t("grid-path-there")
                    } else {
                        tr.tn(
                            "grid-path",
                            &[
                                ("x", &format!("{x:+}")),
                                ("xaxis", g.x_axis.get(lang)),
                                ("y", &format!("{y:+}")),
                                ("yaxis", g.y_axis.get(lang)),
                            ],
                        )
                    }
                });
            GridView {
                path,
                cells,
                legend,
                key: g.id.clone(),
                name: g.name.get(lang).to_owned(),
                now: placed
                    .map(|p| cell_label(&g, p.now, tr))
                    .unwrap_or_else(|| "–".into()),
                target: placed
                    .and_then(|p| p.target)
                    .map(|t| cell_label(&g, t, tr))
                    .unwrap_or_else(|| "–".into()),
                role,
                svg,
            }
        })
        .collect()
}
