//! Error pages inside the organisation's frame: a refusal under `/orgs/{org}/…` is drawn again
//! with that organisation's menu and the reader's account when the reader is one of its members,
//! so a 404 or 409 there does not drop people out of the product.

use crate::views::ErrorPage;
use askama::Template;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// What an error page shows, kept on its response so that [`in_layout`] can show it again
/// inside the organisation's frame.
#[derive(Clone)]
pub struct Shown {
    pub(crate) title: String,
    pub(crate) detail: Option<String>,
    pub(crate) status: StatusCode,
}

impl Shown {
    pub(crate) fn render(&self, l: crate::views::Layout) -> Response {
        let page = ErrorPage {
            l,
            title: self.title.clone(),
            detail: self.detail.clone(),
            status: self.status.as_u16(),
        };
        match page.render() {
            Ok(html) => (self.status, axum::response::Html(html)).into_response(),
            Err(e) => {
                tracing::error!(error = %e, "error page failed to render");
                (self.status, "error").into_response()
            }
        }
    }
}

/// Shows an error page under `/orgs/{org}/…` in that organisation's frame (its menu and the
/// reader's account) when the reader is one of its members; any other error page keeps the
/// plain frame. It wraps every layer, so a refusal before routing (too large, too slow, a
/// stale form) is framed too: the address is routed again to [`framed`] to find the reader.
pub async fn in_layout(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if !req.uri().path().starts_with("/orgs/") {
        return next.run(req).await;
    }
    let (uri, headers) = (req.uri().clone(), req.headers().clone());
    let res = next.run(req).await;
    let Some(shown) = res.extensions().get::<Shown>().cloned() else {
        return res;
    };
    let mut again = axum::http::Request::new(axum::body::Body::empty());
    *again.uri_mut() = uri;
    let csrf = crate::http::cookie(&headers, crate::csrf::COOKIE).unwrap_or_default();
    *again.headers_mut() = headers;
    again.extensions_mut().insert(crate::csrf::CsrfToken(csrf));
    again.extensions_mut().insert(shown);
    let frame = axum::Router::new()
        .route("/orgs/{org}", axum::routing::any(framed))
        .route("/orgs/{org}/{*rest}", axum::routing::any(framed))
        .with_state(state);
    let Ok(out) = tower::ServiceExt::oneshot(frame, again).await;
    if out.extensions().get::<Framed>().is_none() {
        return res;
    }
    // The refusal's own status and headers (every cookie it sets among them), the framed body.
    let (mut parts, _) = res.into_parts();
    let (framed, body) = out.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    if let Some(kind) = framed.headers.get(header::CONTENT_TYPE) {
        parts.headers.insert(header::CONTENT_TYPE, kind.clone());
    }
    Response::from_parts(parts, body)
}

/// Marks an error page that [`framed`] drew in the organisation's frame.
#[derive(Clone)]
struct Framed;

async fn framed(page: crate::page::PageCtx, axum::Extension(shown): axum::Extension<Shown>) -> Response {
    let here = page.org.actor.org.to_string();
    match crate::page::org_layout(
        &page.state,
        &page.org,
        page.tr,
        &page.csrf,
        "",
        &format!("/orgs/{here}"),
    )
    .await
    {
        Ok(l) => {
            let mut out = shown.render(l);
            out.extensions_mut().insert(Framed);
            out
        }
        Err(e) => e.into_response(),
    }
}
