//! The demo municipality's made-up names: its unit tree, first and last names, job titles and
//! teams, and the helpers that turn them into records.

use mognad_domain::ids::{OrgId, UnitId};
use mognad_domain::people::Unit;
use mognad_domain::text::Name;

/// Förvaltningar and their avdelningar.
pub(crate) const TREE: &[(&str, &[&str])] = &[
    (
        "Kommunledningsförvaltningen",
        &[
            "Ekonomiavdelningen",
            "HR-avdelningen",
            "IT-avdelningen",
            "Kommunikationsavdelningen",
        ],
    ),
    (
        "Socialförvaltningen",
        &["Äldreomsorg", "Individ- och familjeomsorg"],
    ),
    ("Barn- och utbildningsförvaltningen", &["Förskola", "Grundskola"]),
    ("Samhällsbyggnadsförvaltningen", &[]),
    ("Kultur- och fritidsförvaltningen", &[]),
];

pub(crate) const FIRST: &[&str] = &[
    "Anna",
    "Eva",
    "Maria",
    "Karin",
    "Sara",
    "Lena",
    "Emma",
    "Kerstin",
    "Sofia",
    "Ingrid",
    "Malin",
    "Johanna",
    "Linnéa",
    "Elin",
    "Ida",
    "Åsa",
    "Lars",
    "Anders",
    "Johan",
    "Per",
    "Erik",
    "Karl",
    "Peter",
    "Mikael",
    "Jan",
    "Fredrik",
    "Magnus",
    "Daniel",
    "Mattias",
    "Henrik",
    "Oskar",
    "Björn",
    "Amir",
    "Fatima",
    "Leila",
    "Mohammed",
    "Aleksander",
    "Niina",
    "Sami",
    "Tove",
];
pub(crate) const LAST: &[&str] = &[
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Lindberg",
    "Lindqvist",
    "Jakobsson",
    "Magnusson",
    "Lindström",
    "Axelsson",
    "Berg",
    "Holm",
    "Sandberg",
    "Forsberg",
    "Sundberg",
    "Öberg",
    "Åberg",
    "Hosseini",
    "Virtanen",
    "Nyström",
    "Lundgren",
];
pub(crate) const TITLES: &[&str] = &[
    "Handläggare",
    "Utvecklingsledare",
    "Controller",
    "Samordnare",
    "Specialist",
    "Projektledare",
    "Verksamhetsutvecklare",
    "Enhetschef",
    "Biträdande enhetschef",
    "Strateg",
];
pub(crate) const TEAMS: &[(&str, &str)] = &[
    ("IT-avdelningen", "Plattformsteamet"),
    ("IT-avdelningen", "Servicedesk"),
    ("IT-avdelningen", "Informationssäkerhet"),
    ("IT-avdelningen", "Digitaliseringsteamet"),
    ("Ekonomiavdelningen", "Budgetteamet"),
    ("HR-avdelningen", "Lönegruppen"),
    ("Kommunikationsavdelningen", "Webbredaktionen"),
    ("Äldreomsorg", "Välfärdsteknik"),
    ("Individ- och familjeomsorg", "Mottagningsteamet"),
    ("Grundskola", "Digitala lärresurser"),
    ("Förskola", "Kvalitetsteamet"),
    ("Samhällsbyggnadsförvaltningen", "Geodata"),
    ("Kultur- och fritidsförvaltningen", "Bibliotekets e-tjänster"),
    ("Kommunledningsförvaltningen", "Dataplattform"),
    ("Socialförvaltningen", "E-tjänstgruppen"),
];

/// The demo's units: förvaltningar with their avdelningar, each avdelning with its
/// förvaltning's place in the list.
pub(super) fn units(o: OrgId) -> Vec<(Unit, Option<usize>)> {
    let mut all_units: Vec<(Unit, Option<usize>)> = Vec::new();
    for (forv, avds) in TREE {
        let top = Unit {
            id: UnitId::new(),
            org_id: o,
            parent_id: None,
            name: name(forv),
            kind: Some(name("förvaltning")),
        };
        let top_index = all_units.len();
        all_units.push((top.clone(), None));
        for a in *avds {
            all_units.push((
                Unit {
                    id: UnitId::new(),
                    org_id: o,
                    parent_id: Some(top.id),
                    name: name(a),
                    kind: Some(name("avdelning")),
                },
                Some(top_index),
            ));
        }
    }
    all_units
}

pub(super) fn name(s: &str) -> Name {
    Name::parse("name", s).expect("demo names are valid")
}

/// An e-mail local part from a Swedish name: lower case, å/ä→a, ö→o, é→e.
pub(super) fn ascii_local(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            c => c,
        })
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect()
}
