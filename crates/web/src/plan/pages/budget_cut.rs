//! The budget-cut page: the new budget, the initiatives that go on ranked by the gap priority
//! they serve, what pausing each frees, a suggested choice, and applying it. Recalculating is a
//! GET (the choice lives in the address, so it can be shared); applying is a POST of exactly the
//! choice shown.

use crate::error::WebError;
use crate::extract::QueryOr;
use crate::page::{PageCtx, org_layout, render, translated};
use crate::plan::pages::plan::kronor;
use askama::Template;
use axum::Form;
use axum::response::{IntoResponse, Redirect, Response};
use mognad_app::AppError;
use mognad_app::plan::budget_cut::{BudgetCut, parse_budget, parse_chosen};
use mognad_domain::ids::InitiativeId;
use mognad_domain::org::Language;
use mognad_domain::role::Role;

type Page = Result<Response, WebError>;

#[derive(Template)]
#[template(path = "budget_cut.html")]
pub struct BudgetCutPage {
    pub l: crate::views::Layout,
    pub base: String,
    pub admin: bool,
    pub errors: Vec<String>,
    /// The budget as typed (kept when it was refused).
    pub typed: String,
    pub cut: BudgetCut,
    /// Engine names per row, most important first, joined.
    pub engines: Vec<String>,
}

impl BudgetCutPage {
    pub fn chosen(&self) -> usize {
        self.cut.rows.iter().filter(|r| r.pause).count()
    }

    /// What an initiative costs, in kronor as shown.
    pub fn cost(&self, r: &mognad_app::plan::budget_cut::CutRow) -> String {
        kronor(&(r.money.running + r.money.investment))
    }

    /// How far the choice is over the budget.
    pub fn over(&self) -> String {
        kronor(&(self.cut.after - self.cut.budget))
    }

    /// A gap priority as shown: one decimal.
    pub fn priority(&self, p: &Option<f64>) -> String {
        let shown = p.map(|p| format!("{p:.1}")).unwrap_or_else(|| "–".into());
        match self.l.tr.lang {
            mognad_domain::org::Language::Sv => shown.replace('.', ","),
            mognad_domain::org::Language::En => shown,
        }
    }
}

/// The query: `budget`, `mode` (`suggest` or `chosen`) and `pause` once per ticked initiative.
struct Asked {
    budget: String,
    chosen: Option<Vec<String>>,
}

fn asked(pairs: Vec<(String, String)>) -> Asked {
    let mut budget = String::new();
    let mut mode_chosen = false;
    let mut pause = Vec::new();
    for (k, v) in pairs {
        match k.as_str() {
            "budget" => budget = v,
            "mode" => mode_chosen = v == "chosen",
            "pause" => pause.push(v),
            _ => {}
        }
    }
    Asked {
        budget,
        chosen: mode_chosen.then_some(pause),
    }
}

async fn page(c: &PageCtx, a: Asked, mut errors: Vec<String>) -> Page {
    let base = format!("/orgs/{}", c.org.actor.org);
    let l = org_layout(
        &c.state,
        &c.org,
        c.tr,
        &c.csrf,
        "plan",
        &format!("{base}/plan/budget-cut"),
    )
    .await?;
    let plan = c.state.app.plan();
    let mut refused = |e: AppError| {
        if let AppError::Invalid(list) = e {
            errors.extend(list.iter().map(|i| translated(i, c.tr)));
        }
    };
    let budget = parse_budget(&a.budget).unwrap_or_else(|e| {
        refused(e);
        None
    });
    let chosen = match a.chosen.as_deref().map(parse_chosen) {
        Some(Ok(ids)) => Some(ids),
        Some(Err(e)) => {
            refused(e);
            None
        }
        None => None,
    };
    let cut = plan
        .budget_cut(&c.org.actor, budget, chosen.as_deref())
        .await
        .map_err(c.err())?;
    let names = plan.engine_choices(&c.org.actor).await.map_err(c.err())?;
    let engines = cut
        .rows
        .iter()
        .map(|r| {
            r.engines
                .iter()
                .map(|k| {
                    names
                        .iter()
                        .find(|n| n.key == *k)
                        .map(|n| {
                            if c.tr.lang == Language::Sv {
                                &n.name_sv
                            } else {
                                &n.name_en
                            }
                        })
                        .cloned()
                        .unwrap_or_else(|| k.clone())
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect();
    let invalid = !errors.is_empty();
    let mut res = render(BudgetCutPage {
        admin: c.org.actor.role.at_least(Role::Admin),
        typed: if a.budget.is_empty() {
            cut.budget.to_string()
        } else {
            a.budget
        },
        errors,
        engines,
        cut,
        base,
        l,
    });
    if invalid {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

pub async fn show(c: PageCtx, QueryOr(q): QueryOr<Vec<(String, String)>>) -> Page {
    page(&c, asked(q), Vec::new()).await
}

/// Pauses the chosen initiatives and goes to the plan, whose totals show what was freed.
pub async fn apply(c: PageCtx, Form(f): Form<Vec<(String, String)>>) -> Page {
    let a = asked(f);
    let ids = a.chosen.clone().unwrap_or_default();
    let r = match parse_chosen(&ids) {
        Ok(ids) => {
            let ids: Vec<InitiativeId> = ids.into_iter().map(InitiativeId).collect();
            c.state.app.plan().apply_cut(&c.org.actor, &ids).await
        }
        Err(e) => Err(e),
    };
    match r {
        Ok(_) => Ok(Redirect::to(&format!("/orgs/{}/plan#initiatives", c.org.actor.org)).into_response()),
        Err(AppError::Invalid(list)) => {
            let errors = list.iter().map(|i| translated(i, c.tr)).collect();
            let mut res = page(&c, a, errors).await?;
            *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(c.err()(e)),
    }
}
