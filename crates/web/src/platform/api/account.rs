//! Who the caller is: the signed-in user and the organisations they have a role in.

use crate::AppState;
use crate::api::{ApiResult, problem};
use crate::i18n::Tr;
use crate::session::CurrentUser;
use axum::Json;
use axum::extract::State;
use serde::Serialize;

/// The signed-in user and their organisations.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Me {
    pub id: uuid::Uuid,
    pub email: String,
    pub display_name: String,
    pub organisations: Vec<MyOrg>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MyOrg {
    pub id: uuid::Uuid,
    pub name: String,
    pub role: String,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "account",
    responses((status = 200, body = Me), (status = 401, body = crate::error::Problem)))]
pub async fn me(State(state): State<AppState>, tr: Tr, current: CurrentUser) -> ApiResult<Json<Me>> {
    let orgs = state
        .app
        .org()
        .my_orgs(current.user.id)
        .await
        .map_err(problem(tr))?;
    Ok(Json(Me {
        id: current.user.id.0,
        email: current.user.email.to_string(),
        display_name: current.user.display_name.to_string(),
        organisations: orgs
            .iter()
            // A token sees only the organisation it is for.
            .filter(|(o, _)| current.token_org.is_none_or(|t| t == o.id))
            .map(|(o, r)| MyOrg {
                id: o.id.0,
                name: o.settings.name.to_string(),
                role: r.to_string(),
            })
            .collect(),
    }))
}
