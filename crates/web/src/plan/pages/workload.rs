//! The workload page: hours per person and week with overload and unfair distribution named
//! in words (not only colour), and what the paused initiatives free.

use crate::error::WebError;
use crate::page::{PageCtx, org_layout, render};
use askama::Template;
use axum::response::Response;
use mognad_app::plan::workload::Workload;

#[derive(Template)]
#[template(path = "workload.html")]
pub struct WorkloadPage {
    pub l: crate::views::Layout,
    pub w: Workload,
    pub plan: String,
}

pub async fn show(c: PageCtx) -> Result<Response, WebError> {
    let here = format!("/orgs/{}/workload", c.org.actor.org);
    let l = org_layout(&c.state, &c.org, c.tr, &c.csrf, "workload", &here).await?;
    let w = c.state.app.plan().workload(&c.org.actor).await.map_err(c.err())?;
    Ok(render(WorkloadPage {
        plan: format!("/orgs/{}/plan", c.org.actor.org),
        w,
        l,
    }))
}
