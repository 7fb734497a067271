//! Template data for the HTML pages. Most pages are one of three generic shapes — a list, a
//! form, a confirmation — so labels, error summaries and keyboard behaviour are the same
//! everywhere.

use crate::i18n::Tr;
use askama::Template;
use mognad_app::org::import::ImportReport;

/// What every page's frame needs: language, CSRF token, who is signed in, the navigation.
pub struct Layout {
    pub tr: Tr,
    pub csrf: String,
    pub user: Option<String>,
    pub org_name: Option<String>,
    /// The organisation's pages by area; empty outside an organisation.
    pub nav: Vec<NavArea>,
    /// The current path, encoded for the language switch's `next`.
    pub here: String,
}

pub struct NavItem {
    pub href: String,
    pub label: String,
    pub current: bool,
}

/// One area of the product in the main navigation (measurement, competence, …): its name,
/// where it starts, whether the current page is in it, and its pages.
pub struct NavArea {
    pub label: String,
    pub href: String,
    pub current: bool,
    pub items: Vec<NavItem>,
}

impl Layout {
    /// The area the current page is in, if any.
    pub fn current_area(&self) -> Option<&NavArea> {
        self.nav.iter().find(|a| a.current)
    }
}

impl Layout {
    pub fn bare(tr: Tr, csrf: String) -> Self {
        Self {
            tr,
            csrf,
            user: None,
            org_name: None,
            nav: Vec::new(),
            here: "/".into(),
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub l: Layout,
    pub title: String,
    pub detail: Option<String>,
    pub status: u16,
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub l: Layout,
    pub next: String,
    pub email: String,
    pub error: Option<String>,
    /// Good news from before (a new password set).
    pub notice: Option<String>,
}

pub struct OrgLink {
    pub href: String,
    pub name: String,
    pub role: String,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub l: Layout,
    pub orgs: Vec<OrgLink>,
    /// The user administers the instance: a way to its page.
    pub instance_admin: bool,
}

pub struct Count {
    pub label: String,
    pub n: i64,
    pub href: String,
}

/// One table cell; with `href` it is a link.
pub struct Cell {
    pub text: String,
    pub href: Option<String>,
}

impl Cell {
    pub fn text(t: impl Into<String>) -> Self {
        Self {
            text: t.into(),
            href: None,
        }
    }
    /// A link when the reader may follow it (e.g. to an edit form only admins open), else text.
    pub fn link_if(allowed: bool, t: impl Into<String>, href: impl Into<String>) -> Self {
        if allowed {
            Self::link(t, href)
        } else {
            Self::text(t)
        }
    }

    pub fn link(t: impl Into<String>, href: impl Into<String>) -> Self {
        Self {
            text: t.into(),
            href: Some(href.into()),
        }
    }
}

pub struct Search {
    /// Where the search form sends its query.
    pub path: String,
    pub q: String,
    pub summary: String,
    pub prev: Option<String>,
    pub next: Option<String>,
}

#[derive(Template)]
#[template(path = "list.html")]
pub struct ListPage {
    pub l: Layout,
    pub heading: String,
    pub new_href: Option<String>,
    pub new_label: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub empty: String,
    pub search: Option<Search>,
    /// A paragraph under the heading, e.g. what just happened.
    pub intro: Option<String>,
    /// Links to related pages under the heading, as (text, href).
    pub links: Vec<(String, String)>,
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One form field. `kind` is an input type, or `select`.
pub struct Field {
    pub name: String,
    pub label: String,
    pub kind: &'static str,
    pub value: String,
    pub required: bool,
    pub choices: Vec<Choice>,
    pub hint: Option<String>,
    pub error: Option<String>,
    pub autocomplete: &'static str,
}

impl Field {
    pub fn new(name: &str, label: String, kind: &'static str, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            label,
            kind,
            value: value.into(),
            required: false,
            choices: Vec::new(),
            hint: None,
            error: None,
            autocomplete: "off",
        }
    }
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub fn hint(mut self, h: String) -> Self {
        self.hint = Some(h);
        self
    }
    pub fn autocomplete(mut self, a: &'static str) -> Self {
        self.autocomplete = a;
        self
    }
    /// A select with a blank first choice labelled `none`.
    /// A set of checkboxes sharing one name; the form sends every checked value.
    pub fn checkboxes(name: &str, label: String, options: Vec<(String, String)>, checked: &[String]) -> Self {
        let mut f = Self::new(name, label, "checkboxes", "");
        f.choices = options
            .into_iter()
            .map(|(v, l)| Choice {
                selected: checked.contains(&v),
                value: v,
                label: l,
            })
            .collect();
        f
    }

    pub fn select(
        name: &str,
        label: String,
        none: Option<String>,
        options: Vec<(String, String)>,
        current: &str,
    ) -> Self {
        let mut choices: Vec<Choice> = none
            .into_iter()
            .map(|n| Choice {
                value: String::new(),
                label: n,
                selected: current.is_empty(),
            })
            .collect();
        choices.extend(options.into_iter().map(|(v, l)| Choice {
            selected: v == current,
            value: v,
            label: l,
        }));
        Self {
            choices,
            ..Self::new(name, label, "select", current)
        }
    }
}

/// An entry of the error summary: links to the field it is about.
pub struct FormError {
    pub href: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "form.html")]
pub struct FormPage {
    pub l: Layout,
    pub heading: String,
    pub action: String,
    pub fields: Vec<Field>,
    pub errors: Vec<FormError>,
    pub submit: String,
    pub cancel: Option<String>,
    pub delete_href: Option<String>,
    /// Extra sections below the form (e.g. a group's members).
    pub members: Option<Members>,
    /// Further actions on the record, as (address, label).
    pub links: Vec<(String, String)>,
}

/// The member list of a leadership group, with add and remove forms.
pub struct Members {
    pub heading: String,
    pub add_action: String,
    pub rows: Vec<(String, String)>,
    pub candidates: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "confirm.html")]
pub struct ConfirmPage {
    pub l: Layout,
    pub heading: String,
    pub message: String,
    pub action: String,
    pub cancel: String,
}

#[derive(Template)]
#[template(path = "import.html")]
pub struct ImportPage {
    pub l: Layout,
    pub action: String,
    pub report: Option<ImportReport>,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "models.html")]
pub struct ModelsPage {
    pub l: Layout,
    pub rows: Vec<Vec<Cell>>,
    /// Where the upload form posts, for admins.
    pub upload: Option<String>,
    pub errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "round.html")]
pub struct RoundPage {
    pub l: Layout,
    pub heading: String,
    pub state: String,
    pub model: String,
    pub engines: Vec<String>,
    pub action: String,
    /// The state an admin can move the round to: (value, button label, warning).
    pub next: Option<(&'static str, String, String)>,
    /// Results, comparison and exports: (href, label).
    pub links: Vec<(String, String)>,
    pub status_columns: Vec<String>,
    /// Per group: name, members, links, answered, rate, shared link, access code.
    pub status: Vec<Vec<Cell>>,
    /// (issue action, remind action, sheet action) for an admin while the round is not closed.
    pub invite: Option<(String, String, String)>,
    /// What the round shows now: results once closed, counts only before.
    pub notice: String,
    /// People in several groups, for an admin of a draft round: where each answers.
    pub several: Vec<SeveralRow>,
    /// Where the choice of a person's group posts.
    pub several_action: String,
}

/// A person in several groups, with a select of those groups.
pub struct SeveralRow {
    pub person_id: String,
    pub name: String,
    pub field: String,
    pub choices: Vec<Choice>,
    pub settled: String,
}
