//! One step of the respondent's form: an engine's questions as fieldsets of radio buttons, how
//! important the engine is, a comment, and the error summary that links to each field.

use super::respond::layout;
use crate::csrf::CsrfToken;
use crate::i18n::Tr;
use crate::page::render;
use crate::views::{FormError, Layout};
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use mognad_app::measurement::respond::Respondent;
use mognad_domain::answer::{AnswerError, comment_field, importance_field, item_field};
use mognad_domain::model::ItemKind;

pub struct Choice {
    pub id: String,
    pub value: u8,
    pub label: String,
    pub checked: bool,
}

/// One question: a fieldset of radio buttons.
pub struct Question {
    pub id: String,
    pub name: String,
    pub legend: String,
    pub choices: Vec<Choice>,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "respond.html")]
pub struct StepPage {
    pub l: Layout,
    pub round: String,
    pub org: String,
    pub progress: String,
    pub heading: String,
    pub intro: String,
    pub errors: Vec<FormError>,
    pub action: String,
    pub step: usize,
    pub questions: Vec<Question>,
    /// (field name, label, value, error) of the engine's comment box.
    pub comment: Option<(String, String, String, Option<String>)>,
    pub back: bool,
    pub next_label: String,
    /// On the last step the form submits the answers.
    pub submit: bool,
}

pub(crate) fn field_id(name: &str) -> String {
    format!("f-{}", name.replace(':', "-"))
}

pub(crate) fn error_text(tr: Tr, e: &AnswerError) -> String {
    tr.t(&format!("respond-error-{}", e.code))
}

pub(crate) fn step_page(
    tr: Tr,
    csrf: &CsrfToken,
    token: &str,
    r: &Respondent,
    step: usize,
    errors: &[AnswerError],
) -> Response {
    let m = &r.model;
    let here = format!("/r/{token}");
    let engines = m.engines.len();
    let e = &m.engines[step - 1];
    let err_for = |name: &str| errors.iter().find(|x| x.field == name).map(|x| error_text(tr, x));
    let first = m.engines[..step - 1].iter().map(|e| e.items.len()).sum::<usize>();
    let mut questions = Vec::new();
    for (k, item) in e.items.iter().enumerate() {
        let name = item_field(&e.id, &item.id);
        let labels: Vec<String> = match &item.kind {
            ItemKind::Statements(options) => options.iter().map(|o| o.get(tr.lang).to_owned()).collect(),
            ItemKind::Scale => (1..=5).map(|v| tr.t(&format!("respond-scale-{v}"))).collect(),
        };
        let current = r.answers.values[first + k];
        questions.push(Question {
            id: field_id(&name),
            error: err_for(&name),
            legend: item.text.get(tr.lang).to_owned(),
            choices: labels
                .into_iter()
                .enumerate()
                .map(|(i, label)| Choice {
                    id: format!("{}-{}", field_id(&name), i + 1),
                    value: i as u8 + 1,
                    label,
                    checked: usize::from(current) == i + 1,
                })
                .collect(),
            name,
        });
    }
    let name = importance_field(&e.id);
    let current = r.answers.importance[step - 1];
    questions.push(Question {
        id: field_id(&name),
        error: err_for(&name),
        legend: tr.t1("respond-importance", "engine", e.name.get(tr.lang)),
        choices: (1..=5)
            .map(|v| Choice {
                id: format!("{}-{v}", field_id(&name)),
                value: v,
                label: tr.t(&format!("respond-importance-{v}")),
                checked: current == v,
            })
            .collect(),
        name,
    });
    let cname = comment_field(&e.id);
    // Each problem names its question, by number and text, so the list reads on its own.
    let summary = errors
        .iter()
        .map(|x| {
            let id = field_id(&x.field);
            let question = match questions.iter().position(|q| q.id == id) {
                Some(i) => tr.tn(
                    "respond-error-question",
                    &[("n", &(i + 1).to_string()), ("question", &questions[i].legend)],
                ),
                None => tr.t("respond-comment"),
            };
            FormError {
                href: format!(
                    "#{}",
                    if x.field == cname {
                        "f-comment".to_owned()
                    } else {
                        id
                    }
                ),
                message: format!("{question}: {}", error_text(tr, x)),
            }
        })
        .collect();
    let mut res = render(StepPage {
        l: layout(tr, csrf, &format!("{here}?step={step}")),
        round: r.round_name.clone(),
        org: r.org_name.clone(),
        progress: format!("{} {step} / {engines}", tr.t("respond-step")),
        heading: e.name.get(tr.lang).to_owned(),
        intro: e.description.get(tr.lang).to_owned(),
        errors: summary,
        action: here,
        step,
        questions,
        comment: Some((
            cname.clone(),
            tr.t("respond-comment"),
            r.answers.comments[step - 1].clone(),
            err_for(&cname),
        )),
        back: step > 1,
        next_label: tr.t(if step == engines {
            "respond-submit"
        } else {
            "respond-next"
        }),
        submit: step == engines,
    });
    if !errors.is_empty() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    res
}
