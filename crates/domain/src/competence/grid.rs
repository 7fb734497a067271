//! Positioning grids: two named axes, N × M cells each with an epithet, and where a person or
//! a role stands now and should stand. The default grid is subject competence × depth of
//! competence in four quadrants; a 3 × 3 variant serves as a 9-box.

use crate::model::Text;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grid {
    pub id: String,
    pub name: Text,
    /// The horizontal axis, its steps from low to high.
    pub x_axis: Text,
    pub y_axis: Text,
    pub columns: usize,
    pub rows: usize,
    /// Row by row from the bottom (low y), each from the left (low x).
    pub epithets: Vec<Text>,
}

/// A place in a grid: column and row from 0, counted from the low end of each axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub column: usize,
    pub row: usize,
}

fn t(sv: &str, en: &str) -> Text {
    Text {
        sv: sv.into(),
        en: en.into(),
    }
}

impl Grid {
    /// Subject competence × depth of competence, four quadrants.
    pub fn default_quadrants() -> Grid {
        Grid {
            id: "amne-djup".into(),
            name: t("Ämneskompetens och djup", "Subject competence and depth"),
            x_axis: t("Ämneskompetens", "Subject competence"),
            y_axis: t("Kompetensdjup", "Depth of competence"),
            columns: 2,
            rows: 2,
            epithets: vec![
                t("Nybörjare", "Beginner"),
                t("Bred generalist", "Broad generalist"),
                t("Smal specialist", "Narrow specialist"),
                t("Strategisk expert", "Strategic expert"),
            ],
        }
    }

    /// A 3 × 3 grid of performance × potential.
    pub fn nine_box() -> Grid {
        let e = [
            ("Behöver stöd", "Needs support"),
            ("Stabil", "Steady"),
            ("Erfaren bärare", "Experienced anchor"),
            ("Oslipad diamant", "Rough diamond"),
            ("Kärnspelare", "Core player"),
            ("Stark bidragsgivare", "Strong contributor"),
            ("Framtida talang", "Future talent"),
            ("Växande stjärna", "Rising star"),
            ("Stjärna", "Star"),
        ];
        Grid {
            id: "nio-rutor".into(),
            name: t("Prestation och potential", "Performance and potential"),
            x_axis: t("Prestation", "Performance"),
            y_axis: t("Potential", "Potential"),
            columns: 3,
            rows: 3,
            epithets: e.iter().map(|(sv, en)| t(sv, en)).collect(),
        }
    }

    /// The grids Mognad offers, the default first.
    pub fn shipped() -> [Grid; 2] {
        [Grid::default_quadrants(), Grid::nine_box()]
    }

    pub fn by_key(key: &str) -> Option<Grid> {
        Grid::shipped().into_iter().find(|g| g.id == key)
    }

    pub fn epithet(&self, c: Cell) -> Option<&Text> {
        (c.column < self.columns && c.row < self.rows)
            .then(|| &self.epithets[c.row * self.columns + c.column])
    }

    /// Steps along each axis from `now` to `target`: (columns, rows); positive means up or right.
    pub fn path(now: Cell, target: Cell) -> (isize, isize) {
        (
            target.column as isize - now.column as isize,
            target.row as isize - now.row as isize,
        )
    }

    /// Whether the grid is well formed: at least 2 × 2 and one epithet per cell.
    pub fn is_valid(&self) -> bool {
        self.columns >= 2 && self.rows >= 2 && self.epithets.len() == self.columns * self.rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_grids_have_an_epithet_per_cell() {
        for g in Grid::shipped() {
            assert_eq!(Grid::by_key(&g.id), Some(g.clone()));
            assert!(g.is_valid(), "{}", g.id);
        }
        let q = Grid::default_quadrants();
        assert_eq!(
            q.epithet(Cell { column: 1, row: 1 }).unwrap().en,
            "Strategic expert"
        );
        assert_eq!(q.epithet(Cell { column: 2, row: 0 }), None);
        assert_eq!(
            Grid::nine_box().epithet(Cell { column: 2, row: 2 }).unwrap().sv,
            "Stjärna"
        );
        assert_eq!(
            Grid::path(Cell { column: 0, row: 1 }, Cell { column: 1, row: 1 }),
            (1, 0)
        );
    }
}
