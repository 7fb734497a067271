//! Archive, restore and undo through the API, and bulk changes to a board's cards: what the
//! pages do, as JSON. Who may do what is the use cases' (members archive cards and agendas, the
//! rest is the administrators').

use crate::AppState;
use crate::api::{ApiResult, id_field, problem};
use crate::extract::{ApiJson, IdParam};
use crate::i18n::Tr;
use crate::session::OrgCtx;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use mognad_app::AppError;
use mognad_app::plan::archive::ArchivedView;
use mognad_app::plan::bulk::BulkChange;
use mognad_domain::ids::{BoardId, ColumnId, PersonId, TaskId};
use mognad_domain::plan::archive::Archivable;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ItemRef {
    /// `card`, `board`, `goal`, `initiative`, `form` or `agenda`.
    pub kind: String,
    /// The item's id.
    pub id: String,
}

fn kind(tr: Tr, raw: &str) -> Result<Archivable, crate::error::WebError> {
    Archivable::parse(raw).ok_or_else(|| {
        problem(tr)(AppError::invalid(
            "kind",
            "bad-ref",
            "card, board, goal, initiative, form or agenda",
        ))
    })
}

/// Everything archived, newest first.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/archive", tag = "plan",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    responses((status = 200, body = Vec<ArchivedView>)))]
pub async fn list(State(state): State<AppState>, tr: Tr, ctx: OrgCtx) -> ApiResult<Json<Vec<ArchivedView>>> {
    let list = state.app.plan().archived(&ctx.actor).await.map_err(problem(tr))?;
    Ok(Json(list))
}

/// Archives an item: it leaves every list and count until restored.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/archive", tag = "plan",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    request_body = ItemRef,
    responses((status = 204, description = "Archived"), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn archive(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    ApiJson(item): ApiJson<ItemRef>,
) -> ApiResult<StatusCode> {
    archive_or_restore(&state, tr, &ctx, &item, false).await
}

/// Archives or restores `item`, the one difference between the two routes.
async fn archive_or_restore(
    state: &AppState,
    tr: Tr,
    ctx: &OrgCtx,
    item: &ItemRef,
    restore: bool,
) -> ApiResult<StatusCode> {
    let k = kind(tr, &item.kind)?;
    let id = id_field(tr, "id", &item.id)?;
    let plan = state.app.plan();
    let done = if restore {
        plan.restore(&ctx.actor, k, id).await
    } else {
        plan.archive(&ctx.actor, k, id).await
    };
    done.map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Brings an archived item back (a board with the cards and forms it took along).
#[utoipa::path(post, path = "/api/v1/orgs/{org}/restore", tag = "plan",
    params(("org" = uuid::Uuid, Path, description = "Organisation id")),
    request_body = ItemRef,
    responses((status = 204, description = "Restored"), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn restore(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    ApiJson(item): ApiJson<ItemRef>,
) -> ApiResult<StatusCode> {
    archive_or_restore(&state, tr, &ctx, &item, true).await
}

/// Takes back a card's last move, while it is the last thing that happened to the card.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/tasks/{id}/undo", tag = "plan",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path, description = "Card id")),
    responses((status = 204, description = "Moved back"), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem)))]
pub async fn undo(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
) -> ApiResult<StatusCode> {
    state
        .app
        .plan()
        .undo_move(&ctx.actor, TaskId(id))
        .await
        .map_err(problem(tr))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct BulkInput {
    /// The cards of the board to change, at most 500.
    pub cards: Vec<String>,
    /// The column to move them all to (its end, in the order they stood); absent or blank for
    /// no move.
    #[serde(default)]
    pub column_id: Option<String>,
    /// Give them all this assignee; absent or blank for no change.
    #[serde(default)]
    pub assignee_id: Option<String>,
    /// Take their assignee away (instead of `assignee_id`).
    #[serde(default)]
    pub unassign: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct BulkDone {
    /// How many cards changed.
    pub changed: usize,
}

/// Moves and/or assigns the chosen cards together: all or nothing.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/boards/{id}/bulk", tag = "plan",
    params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path, description = "Board id")),
    request_body = BulkInput,
    responses((status = 200, body = BulkDone), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
pub async fn bulk(
    State(state): State<AppState>,
    tr: Tr,
    ctx: OrgCtx,
    IdParam(id): IdParam,
    ApiJson(b): ApiJson<BulkInput>,
) -> ApiResult<Json<BulkDone>> {
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let column = match given(&b.column_id) {
        Some(c) => Some(ColumnId(id_field(tr, "column_id", &c)?)),
        None => None,
    };
    let assignee = match (b.unassign, given(&b.assignee_id)) {
        (true, _) => Some(None),
        (false, Some(p)) => Some(Some(PersonId(id_field(tr, "assignee_id", &p)?))),
        (false, None) => None,
    };
    let change = BulkChange { column, assignee };
    let cards = b
        .cards
        .iter()
        .map(|c| id_field(tr, "cards", c).map(TaskId))
        .collect::<Result<Vec<_>, _>>()?;
    let changed = state
        .app
        .plan()
        .bulk_change(&ctx.actor, BoardId(id), &cards, change)
        .await
        .map_err(problem(tr))?;
    Ok(Json(BulkDone { changed }))
}
