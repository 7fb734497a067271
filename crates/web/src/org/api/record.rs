//! One definition of the JSON endpoints every organisation record has — get, create, update,
//! delete and (for most) list — with their OpenAPI annotations, so units, people, groups, teams
//! and relationships behave and are documented alike.

/// Generates `get`, `create`, `update`, `delete` (and `list` when `list = ...` is given) for a
/// record type whose use cases are ``Org::$get`, `Org::$save` and `Org::$delete`.
macro_rules! record_api {
    (tag = $tag:tt, collection = $coll:tt, item = $item:tt, view = $view:ty, input = $input:ty,
     id = $id_type:path, list = $list:ident, get = $get:ident, save = $save:ident, delete = $delete:ident) => {
        #[utoipa::path(get, path = $coll, tag = $tag,
            params(("org" = uuid::Uuid, Path, description = "Organisation id")),
            responses((status = 200, body = Vec<$view>), (status = 404, body = crate::error::Problem)))]
        pub async fn list(
            axum::extract::State(state): axum::extract::State<crate::AppState>,
            tr: crate::i18n::Tr,
            ctx: crate::session::OrgCtx,
        ) -> crate::api::ApiResult<axum::Json<Vec<$view>>> {
            Ok(axum::Json(state.app.org().$list(&ctx.actor).await.map_err(crate::api::problem(tr))?))
        }

        $crate::org::api::record::record_api!(tag = $tag, collection = $coll, item = $item, view = $view,
            input = $input, id = $id_type, get = $get, save = $save, delete = $delete);
    };
    (tag = $tag:tt, collection = $coll:tt, item = $item:tt, view = $view:ty, input = $input:ty,
     id = $id_type:path, get = $get:ident, save = $save:ident, delete = $delete:ident) => {
        #[utoipa::path(get, path = $item, tag = $tag,
            params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
            responses((status = 200, body = $view), (status = 404, body = crate::error::Problem)))]
        pub async fn get(
            axum::extract::State(state): axum::extract::State<crate::AppState>,
            tr: crate::i18n::Tr,
            ctx: crate::session::OrgCtx,
            crate::extract::IdParam(id): crate::extract::IdParam,
        ) -> crate::api::ApiResult<axum::Json<$view>> {
            Ok(axum::Json(state.app.org().$get(&ctx.actor, $id_type(id)).await.map_err(crate::api::problem(tr))?))
        }

        #[utoipa::path(post, path = $coll, tag = $tag,
            params(("org" = uuid::Uuid, Path, description = "Organisation id")),
            request_body = $input,
            responses((status = 201, body = $view), (status = 422, body = crate::error::Problem),
                (status = 403, body = crate::error::Problem)))]
        pub async fn create(
            axum::extract::State(state): axum::extract::State<crate::AppState>,
            tr: crate::i18n::Tr,
            ctx: crate::session::OrgCtx,
            crate::extract::ApiJson(input): crate::extract::ApiJson<$input>,
        ) -> crate::api::ApiResult<axum::response::Response> {
            Ok(crate::api::created(state.app.org().$save(&ctx.actor, None, &input).await.map_err(crate::api::problem(tr))?))
        }

        #[utoipa::path(put, path = $item, tag = $tag,
            params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
            request_body = $input,
            responses((status = 200, body = $view), (status = 404, body = crate::error::Problem),
                (status = 422, body = crate::error::Problem)))]
        pub async fn update(
            axum::extract::State(state): axum::extract::State<crate::AppState>,
            tr: crate::i18n::Tr,
            ctx: crate::session::OrgCtx,
            crate::extract::IdParam(id): crate::extract::IdParam,
            crate::extract::ApiJson(input): crate::extract::ApiJson<$input>,
        ) -> crate::api::ApiResult<axum::Json<$view>> {
            // Updating a record that does not exist is 404, not a silent create.
            state.app.org().$get(&ctx.actor, $id_type(id)).await.map_err(crate::api::problem(tr))?;
            Ok(axum::Json(state.app.org().$save(&ctx.actor, Some($id_type(id)), &input).await.map_err(crate::api::problem(tr))?))
        }

        #[utoipa::path(delete, path = $item, tag = $tag,
            params(("org" = uuid::Uuid, Path, description = "Organisation id"), ("id" = uuid::Uuid, Path)),
            responses((status = 204, description = "Deleted"), (status = 404, body = crate::error::Problem),
                (status = 409, body = crate::error::Problem)))]
        pub async fn delete(
            axum::extract::State(state): axum::extract::State<crate::AppState>,
            tr: crate::i18n::Tr,
            ctx: crate::session::OrgCtx,
            crate::extract::IdParam(id): crate::extract::IdParam,
        ) -> crate::api::ApiResult<axum::http::StatusCode> {
            state.app.org().$delete(&ctx.actor, $id_type(id)).await.map_err(crate::api::problem(tr))?;
            Ok(axum::http::StatusCode::NO_CONTENT)
        }
    };
}

pub(crate) use record_api;
