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
    /// What each epithet means, in the epithets' order.
    pub descriptions: Vec<Text>,
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
            descriptions: vec![
                t(
                    "Ny i ämnet: känner till det i stora drag och behöver stöd för att använda det.",
                    "New to the subject: knows its outline and needs support to use it.",
                ),
                t(
                    "Överblick över många delar av ämnet men inte på djupet; ser sambanden och vet vem som kan mer.",
                    "An overview of many parts of the subject but not in depth; sees the connections and knows who knows more.",
                ),
                t(
                    "Djup kunskap inom en avgränsad del av ämnet; den man frågar där, men med smal överblick.",
                    "Deep knowledge of a bounded part of the subject; the one to ask there, with a narrow overview.",
                ),
                t(
                    "Både bredd och djup: kan forma inriktningen för hela ämnet och väga dess delar mot varandra.",
                    "Both breadth and depth: can set the direction for the whole subject and weigh its parts against each other.",
                ),
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
        let d = [
            (
                "Låg prestation och låg potential just nu: behöver tydliga mål och nära stöd.",
                "Low performance and low potential for now: needs clear goals and close support.",
            ),
            (
                "Gör ett godkänt arbete i sin nuvarande roll utan tecken på att vilja växa ur den.",
                "Does acceptable work in the present role with no sign of outgrowing it.",
            ),
            (
                "Presterar högt i sin roll och bär kunskap som andra lutar sig mot.",
                "Performs highly in the role and carries knowledge others lean on.",
            ),
            (
                "Hög potential men ännu låg prestation: kan behöva en annan uppgift eller mer stöd.",
                "High potential but low performance so far: may need another task or more support.",
            ),
            (
                "Stabil prestation och potential att växa; den breda kärnan i en organisation.",
                "Steady performance and room to grow; the broad core of an organisation.",
            ),
            (
                "Hög prestation och viss potential: redo för större ansvar inom sitt område.",
                "High performance and some potential: ready for more responsibility in their field.",
            ),
            (
                "Mycket hög potential men ojämn prestation: värd att satsa på med tydlig plan.",
                "Very high potential but uneven performance: worth investing in with a clear plan.",
            ),
            (
                "God prestation och hög potential: nästa steg är en större roll.",
                "Good performance and high potential: the next step is a bigger role.",
            ),
            (
                "Hög prestation och hög potential: behåll, utmana och planera efterträdare kring.",
                "High performance and high potential: keep, challenge, and plan succession around.",
            ),
        ];
        Grid {
            id: "nio-rutor".into(),
            name: t("Prestation och potential", "Performance and potential"),
            x_axis: t("Prestation", "Performance"),
            y_axis: t("Potential", "Potential"),
            columns: 3,
            rows: 3,
            epithets: e.iter().map(|(sv, en)| t(sv, en)).collect(),
            descriptions: d.iter().map(|(sv, en)| t(sv, en)).collect(),
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

    pub fn description(&self, c: Cell) -> Option<&Text> {
        (c.column < self.columns && c.row < self.rows)
            .then(|| self.descriptions.get(c.row * self.columns + c.column))
            .flatten()
    }

    /// Whether the grid is well formed: at least 2 × 2, and one epithet and one description
    /// per cell.
    pub fn is_valid(&self) -> bool {
        let cells = self.columns * self.rows;
        self.columns >= 2
            && self.rows >= 2
            && self.epithets.len() == cells
            && self.descriptions.len() == cells
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
