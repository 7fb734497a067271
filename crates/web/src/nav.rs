//! The main navigation: the product's areas (measurement, competence, leadership, plan and,
//! for administrators, administration), each with its pages, and which one the reader is in.

use crate::i18n::Tr;
use crate::views::{NavArea, NavItem};

/// A page of an area: the key pages name themselves by, its path under the organisation, and
/// the message that names it.
type Entry = (&'static str, &'static str, &'static str);

/// The areas in the order the menu shows them; the first page of each is where it starts.
fn all(admin: bool) -> Vec<(&'static str, Vec<Entry>)> {
    let mut areas = vec![
        ("nav-overview", vec![("overview", "", "nav-overview")]),
        (
            "nav-area-measurement",
            vec![
                ("rounds", "/rounds", "nav-rounds"),
                ("benchmark", "/benchmark", "nav-benchmark"),
                ("models", "/models", "nav-models"),
            ],
        ),
        (
            "nav-area-competence",
            vec![
                ("frameworks", "/frameworks", "nav-frameworks"),
                ("reviews", "/reviews", "nav-reviews"),
                ("gaps", "/competence/gaps", "nav-gaps"),
                ("radar", "/radar", "nav-radar"),
            ],
        ),
        (
            "nav-area-leadership",
            vec![
                ("units", "/units", "nav-units"),
                ("people", "/people", "nav-people"),
                ("groups", "/groups", "nav-groups"),
                ("teams", "/teams", "nav-teams"),
                ("relationships", "/relationships", "nav-relationships"),
                ("checks", "/checks", "nav-checks"),
            ],
        ),
        (
            "nav-area-plan",
            vec![
                ("plan", "/plan", "nav-plan"),
                ("boards", "/boards", "nav-boards"),
                ("search", "/search", "nav-search"),
                ("dashboard", "/dashboard", "nav-dashboard"),
                ("workload", "/workload", "nav-workload"),
                ("timesheet", "/timesheet", "nav-timesheet"),
                ("calendar", "/calendar", "nav-calendar"),
                ("notifications", "/notifications", "nav-notifications"),
                ("effect", "/effect", "nav-effect"),
                ("intake", "/intake", "nav-intake"),
                ("agendas", "/agendas", "nav-agendas"),
                ("archive", "/archive", "nav-archive"),
            ],
        ),
    ];
    if admin {
        areas.push((
            "nav-area-admin",
            vec![
                ("settings", "/settings", "nav-settings"),
                ("members", "/members", "nav-members"),
                ("import", "/import", "nav-import"),
                ("privacy", "/privacy", "nav-privacy"),
            ],
        ));
    }
    areas
}

/// The menu of the organisation at `base`, with `active` (a page's key) marked.
pub fn areas(tr: Tr, base: &str, active: &str, admin: bool) -> Vec<NavArea> {
    all(admin)
        .into_iter()
        .map(|(label, pages)| NavArea {
            label: tr.t(label),
            href: format!("{base}{}", pages[0].1),
            current: pages.iter().any(|(key, _, _)| *key == active),
            items: pages
                .into_iter()
                .map(|(key, path, label)| NavItem {
                    href: format!("{base}{path}"),
                    label: tr.t(label),
                    current: key == active,
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use mognad_domain::org::Language;

    #[test]
    fn the_current_page_marks_its_area_and_administration_is_for_admins() {
        let tr = Tr::new(Language::Sv);
        let menu = areas(tr, "/orgs/x", "benchmark", false);
        let current: Vec<&str> = menu
            .iter()
            .filter(|a| a.current)
            .map(|a| a.label.as_str())
            .collect();
        assert_eq!(current, vec!["Mätning"]);
        assert_eq!(menu[1].href, "/orgs/x/rounds", "an area starts at its first page");
        assert!(
            menu[1]
                .items
                .iter()
                .any(|i| i.current && i.href == "/orgs/x/benchmark")
        );
        assert!(!menu.iter().any(|a| a.label == "Administration"));
        assert!(
            areas(tr, "/orgs/x", "", true)
                .iter()
                .any(|a| a.label == "Administration")
        );
    }
}
