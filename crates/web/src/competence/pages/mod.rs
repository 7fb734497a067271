//! The competence feature's HTML pages.

pub mod framework_edit;
mod framework_edit_form;
pub mod frameworks;
pub mod gaps;
pub mod person;
pub mod person_forms;
pub mod person_grid;
pub mod radar;
pub mod review_sheet;
pub mod reviews;
pub mod talent;
pub mod team_map;
pub mod versions;

/// The organisation's frameworks as a select's options: (id, "name (vN)", chosen).
pub(crate) fn framework_options(
    list: &[mognad_app::competence::frameworks::FrameworkInfo],
    lang: mognad_domain::org::Language,
    chosen: mognad_domain::ids::FrameworkId,
) -> Vec<(String, String, bool)> {
    list.iter()
        .map(|x| {
            let name = match lang {
                mognad_domain::org::Language::Sv => &x.name_sv,
                mognad_domain::org::Language::En => &x.name_en,
            };
            (
                x.id.to_string(),
                format!("{name} (v{})", x.version),
                x.id == chosen,
            )
        })
        .collect()
}
