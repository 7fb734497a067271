//! A team's competences: people × competences of combined levels, and the coverage risks —
//! competences the team needs that nobody, or only one person, holds at the required level.

use serde::Serialize;

/// Combined levels, row per person, column per competence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    pub competences: Vec<String>,
    pub people: Vec<String>,
    /// `levels[person][competence]`.
    pub levels: Vec<Vec<Option<f32>>>,
    /// What the team needs of each competence: the highest level any member's role requires.
    pub required: Vec<Option<u8>>,
    /// What each person's own role requires of each competence, `own[person][competence]`:
    /// a cell is judged against this, not against the team's highest.
    pub own: Vec<Vec<Option<u8>>>,
}

/// What one role requires of each of `competences` (none without a role).
pub fn own_required(competences: &[String], role: Option<&[(String, u8)]>) -> Vec<Option<u8>> {
    competences
        .iter()
        .map(|c| role?.iter().find(|(k, _)| k == c).map(|(_, l)| *l))
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Coverage {
    /// Nobody holds the competence at the required level.
    Uncovered,
    /// Exactly one person does: the team depends on them.
    Single,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Risk {
    pub competence: String,
    pub required: u8,
    pub coverage: Coverage,
    /// The one holder, for `Single`.
    pub holder: Option<String>,
}

impl Matrix {
    /// How many people hold each competence at the required level.
    pub fn holders(&self, column: usize) -> Vec<usize> {
        let Some(required) = self.required[column] else {
            return Vec::new();
        };
        (0..self.people.len())
            .filter(|&p| self.levels[p][column].is_some_and(|l| l >= f32::from(required)))
            .collect()
    }

    pub fn risks(&self) -> Vec<Risk> {
        (0..self.competences.len())
            .filter_map(|c| {
                let required = self.required[c]?;
                let holders = self.holders(c);
                let coverage = match holders.len() {
                    0 => Coverage::Uncovered,
                    1 => Coverage::Single,
                    _ => return None,
                };
                Some(Risk {
                    competence: self.competences[c].clone(),
                    required,
                    coverage,
                    holder: holders.first().map(|&p| self.people[p].clone()),
                })
            })
            .collect()
    }
}

/// The team's requirement per competence: the highest level among the members' roles.
pub fn team_required(competences: &[String], roles: &[&[(String, u8)]]) -> Vec<Option<u8>> {
    competences
        .iter()
        .map(|c| {
            roles
                .iter()
                .flat_map(|r| r.iter())
                .filter(|(rc, _)| rc == c)
                .map(|(_, l)| *l)
                .max()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn risks_are_competences_held_by_one_or_none() {
        let competences: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
        let strateg = [("a".to_string(), 3), ("b".to_string(), 4), ("c".to_string(), 2)];
        let chef = [("a".to_string(), 4)];
        let m = Matrix {
            required: team_required(&competences, &[&strateg, &chef]),
            competences,
            people: vec!["Anna".into(), "Bo".into()],
            levels: vec![
                vec![Some(4.0), Some(3.5), Some(2.0), None],
                vec![Some(4.5), Some(4.0), Some(1.0), Some(5.0)],
            ],
            own: Vec::new(),
        };
        assert_eq!(m.required, vec![Some(4), Some(4), Some(2), None]);
        let risks = m.risks();
        assert_eq!(risks.len(), 2, "{risks:?}");
        assert_eq!(risks[0].competence, "b");
        assert_eq!(risks[0].coverage, Coverage::Single);
        assert_eq!(risks[0].holder.as_deref(), Some("Bo"));
        assert_eq!(risks[1].competence, "c");
        assert_eq!(risks[1].holder.as_deref(), Some("Anna"));

        let nobody = Matrix {
            levels: vec![vec![Some(1.0), None, None, None]; 2],
            ..m
        };
        assert!(nobody.risks().iter().all(|r| r.coverage == Coverage::Uncovered));
        assert_eq!(nobody.risks().len(), 3);
    }

    #[test]
    fn each_person_is_held_to_their_own_roles_requirement() {
        let competences: Vec<String> = ["a", "b"].map(String::from).to_vec();
        let chef = [("a".to_string(), 4)];
        assert_eq!(own_required(&competences, Some(&chef)), vec![Some(4), None]);
        assert_eq!(own_required(&competences, None), vec![None, None]);
    }
}
