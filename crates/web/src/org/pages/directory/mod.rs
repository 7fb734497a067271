//! Pages for the organisation's directory: units, people, leadership groups and teams — list,
//! create, edit, delete with confirmation. Every page works without JavaScript.
//!
//! Each resource has its own module with its list, its form fields and its save; the handlers
//! that only differ by resource (create, update, confirm, delete) come from `write_handlers!`.

pub mod groups;
pub mod people;
pub mod teams;
pub mod units;

use crate::error::WebError;
use crate::page::{PageCtx as Ctx, apply_errors, org_layout, render};
use crate::views::*;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_domain::ids::UnitId;
use mognad_domain::role::Role;
use std::collections::HashMap;
use uuid::Uuid;

pub type Page = Result<Response, WebError>;

/// After a successful write, the browser goes to `href` (303 See Other).
pub fn saved(href: String) -> Response {
    Redirect::to(&href).into_response()
}

impl Ctx {
    pub fn base(&self, section: &str) -> String {
        format!("/orgs/{}/{section}", self.org.actor.org)
    }

    fn admin(&self) -> bool {
        self.org.actor.role.at_least(Role::Admin)
    }

    pub async fn list(
        &self,
        section: &str,
        heading: &str,
        new_label: &str,
        columns: Vec<String>,
        rows: Vec<Vec<Cell>>,
        search: Option<Search>,
    ) -> Page {
        self.list_linked(section, heading, new_label, columns, rows, search, Vec::new())
            .await
    }

    /// A list page with links to related pages under its heading.
    #[allow(clippy::too_many_arguments)]
    pub async fn list_linked(
        &self,
        section: &str,
        heading: &str,
        new_label: &str,
        columns: Vec<String>,
        rows: Vec<Vec<Cell>>,
        search: Option<Search>,
        links: Vec<(String, String)>,
    ) -> Page {
        let base = self.base(section);
        let l = org_layout(&self.state, &self.org, self.tr, &self.csrf, section, &base).await?;
        Ok(render(ListPage {
            l,
            heading: self.tr.t(heading),
            new_href: self.admin().then(|| format!("{base}/new")),
            new_label: self.tr.t(new_label),
            columns,
            rows,
            empty: self.tr.t("list-empty"),
            search,
            intro: None,
            links,
        }))
    }

    /// A form page; `err` puts its messages next to the fields and answers 422.
    pub async fn form(
        &self,
        section: &str,
        heading: String,
        id: Option<Uuid>,
        mut fields: Vec<Field>,
        err: Option<AppError>,
        members: Option<Members>,
    ) -> Page {
        self.org.actor.require(Role::Admin).map_err(self.err())?;
        let base = self.base(section);
        let action = id.map(|i| format!("{base}/{i}")).unwrap_or_else(|| base.clone());
        let l = org_layout(&self.state, &self.org, self.tr, &self.csrf, section, &action).await?;
        let errors = match err {
            Some(e) => apply_errors(&mut fields, e, self.tr)?,
            None => Vec::new(),
        };
        Ok(crate::page::render_form(FormPage {
            l,
            heading,
            action,
            fields,
            errors,
            submit: self.tr.t("save"),
            cancel: Some(base.clone()),
            delete_href: id.map(|i| format!("{base}/{i}/delete")),
            members,
            // A person's rights over their data start from their directory entry.
            links: match (section, id) {
                ("people", Some(i)) => vec![
                    (format!("{base}/{i}/data"), self.tr.t("person-data")),
                    (format!("{base}/{i}/erase"), self.tr.t("person-erase")),
                ],
                _ => Vec::new(),
            },
        }))
    }

    pub async fn confirm(&self, section: &str, id: Uuid, name: &str) -> Page {
        self.org.actor.require(Role::Admin).map_err(self.err())?;
        let base = self.base(section);
        let l = org_layout(&self.state, &self.org, self.tr, &self.csrf, section, &base).await?;
        Ok(render(ConfirmPage {
            l,
            heading: self.tr.t1("delete-title", "name", name),
            message: self.tr.t(&format!("delete-warning-{section}")),
            action: format!("{base}/{id}/delete"),
            cancel: format!("{base}/{id}"),
        }))
    }

    /// The units of the organisation as select options, leaving out `except` (a unit cannot be
    /// its own parent).
    pub async fn unit_choices(&self, except: Option<Uuid>) -> Result<Vec<(String, String)>, WebError> {
        Ok(self
            .state
            .app
            .org()
            .units(&self.org.actor)
            .await
            .map_err(self.err())?
            .into_iter()
            .filter(|u| Some(u.id.0) != except)
            .map(|u| (u.id.to_string(), u.name))
            .collect())
    }

    pub async fn unit_names(&self) -> Result<HashMap<UnitId, String>, WebError> {
        Ok(self
            .state
            .app
            .org()
            .units(&self.org.actor)
            .await
            .map_err(self.err())?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect())
    }
}

/// The handlers that differ only by resource: create and update call the module's `save`,
/// confirm shows the record's name, delete calls the use case `$delete`.
macro_rules! write_handlers {
    ($section:literal, $input:ty, $id_type:path, get = $get:ident, delete = $delete:ident) => {
        pub async fn create(
            c: Ctx,
            crate::extract::PageForm(input): crate::extract::PageForm<$input>,
        ) -> Page {
            save(c, None, input).await
        }

        pub async fn update(
            c: Ctx,
            crate::extract::IdParam(id): crate::extract::IdParam,
            crate::extract::PageForm(input): crate::extract::PageForm<$input>,
        ) -> Page {
            save(c, Some(id), input).await
        }

        pub async fn confirm(c: Ctx, crate::extract::IdParam(id): crate::extract::IdParam) -> Page {
            let record = c
                .state
                .app
                .org()
                .$get(&c.org.actor, $id_type(id))
                .await
                .map_err(c.err())?;
            c.confirm($section, id, &record.name).await
        }

        pub async fn delete(c: Ctx, crate::extract::IdParam(id): crate::extract::IdParam) -> Page {
            c.state
                .app
                .org()
                .$delete(&c.org.actor, $id_type(id))
                .await
                .map_err(c.err())?;
            Ok(crate::org::pages::directory::saved(c.base($section)))
        }
    };
}

pub(crate) use write_handlers;
