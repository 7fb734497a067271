//! Review cycles as rules: where a participant's review stands, who a reminder goes to, and
//! which competences a review sheet asks about.

use super::{Framework, RoleProfile};
use serde::Serialize;

/// Where one participant's review stands; each step needs the ones before it, except that a
/// manager may assess before the self-assessment is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    NotStarted,
    SelfDone,
    ManagerDone,
    SignedOff,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::SelfDone,
        Status::ManagerDone,
        Status::SignedOff,
    ];

    /// `manager_done` counts only with the self-assessment in: until then the person is the one
    /// who is waited for.
    pub fn of(self_done: bool, manager_done: bool, signed_off: bool) -> Status {
        match (self_done, manager_done, signed_off) {
            (_, _, true) => Status::SignedOff,
            (true, true, _) => Status::ManagerDone,
            (true, false, _) => Status::SelfDone,
            (false, _, _) => Status::NotStarted,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not-started",
            Status::SelfDone => "self-done",
            Status::ManagerDone => "manager-done",
            Status::SignedOff => "signed-off",
        }
    }

    /// Who a reminder goes to at this step.
    pub fn waits_for(self) -> Option<Waiting> {
        match self {
            Status::NotStarted => Some(Waiting::Person),
            Status::SelfDone | Status::ManagerDone => Some(Waiting::Manager),
            Status::SignedOff => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    Person,
    Manager,
}

/// The competences a review sheet asks about, in the framework's order: those the person's
/// role requires, or every competence when they have no role.
pub fn sheet_competences<'a>(f: &'a Framework, role: Option<&RoleProfile>) -> Vec<&'a super::Competence> {
    f.areas
        .iter()
        .flat_map(|a| &a.competences)
        .filter(|c| role.is_none_or(|r| r.requires.iter().any(|(k, _)| *k == c.id)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_follows_the_steps_and_names_who_is_waited_for() {
        assert_eq!(Status::of(false, false, false), Status::NotStarted);
        assert_eq!(
            Status::of(false, true, false),
            Status::NotStarted,
            "the person is waited for"
        );
        assert_eq!(Status::of(true, false, false), Status::SelfDone);
        assert_eq!(Status::of(true, true, false), Status::ManagerDone);
        assert_eq!(Status::of(true, true, true), Status::SignedOff);
        assert_eq!(Status::NotStarted.waits_for(), Some(Waiting::Person));
        assert_eq!(Status::ManagerDone.waits_for(), Some(Waiting::Manager));
        assert_eq!(Status::SignedOff.waits_for(), None);
    }

    #[test]
    fn a_sheet_asks_about_the_roles_competences_or_all() {
        let f = crate::competence::builtin();
        let all = sheet_competences(f, None).len();
        assert_eq!(all, f.areas.iter().map(|a| a.competences.len()).sum::<usize>());
        let mut role = f.roles[0].clone();
        role.requires.truncate(3);
        let asked: Vec<&str> = sheet_competences(f, Some(&role))
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(asked.len(), 3);
        assert_eq!(asked[0], "strategiskt-tankande");
    }
}
