//! A browser-like test client over the router: keeps cookies, adds the CSRF token to forms.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use mognad_app::{Actor, App};
use mognad_domain::org::{AnonymityThreshold, Language, OrgSettings};
use mognad_domain::role::Role;
use mognad_domain::text::Name;
use mognad_store::testdb::TestDb;
use std::collections::HashMap;
use tower::ServiceExt;

pub const PASSWORD: &str = "ett långt lösenord";

pub struct Res {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as sent, for files that are not text.
    pub bytes: Vec<u8>,
}

impl Res {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

pub struct Client {
    pub router: Router,
    pub cookies: HashMap<String, String>,
    pub lang: Option<&'static str>,
}

impl Client {
    pub fn new(router: Router) -> Self {
        Self {
            router,
            cookies: HashMap::new(),
            lang: None,
        }
    }

    pub fn csrf(&self) -> String {
        self.cookies.get("mognad_csrf").cloned().unwrap_or_default()
    }

    pub async fn send(&mut self, mut req: Request<Body>) -> Res {
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            req.headers_mut().insert(header::COOKIE, cookie.parse().unwrap());
        }
        if let Some(l) = self.lang {
            req.headers_mut()
                .insert(header::ACCEPT_LANGUAGE, l.parse().unwrap());
        }
        let res = self.router.clone().oneshot(req).await.unwrap();
        for c in res.headers().get_all(header::SET_COOKIE) {
            let c = c.to_str().unwrap();
            let (pair, attrs) = c.split_once(';').unwrap_or((c, ""));
            let (k, v) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), v.to_owned());
            }
        }
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        Res {
            status,
            headers,
            body,
            bytes,
        }
    }

    pub async fn get(&mut self, path: &str) -> Res {
        self.send(Request::get(path).body(Body::empty()).unwrap()).await
    }

    /// Posts a form with this client's CSRF token (getting one first if needed).
    pub async fn post_form(&mut self, path: &str, pairs: &[(&str, &str)]) -> Res {
        if self.csrf().is_empty() {
            self.get("/login").await;
        }
        let mut all: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        all.push(("_csrf".into(), self.csrf()));
        self.post_raw_form(path, &all).await
    }

    pub async fn post_raw_form(&mut self, path: &str, pairs: &[(String, String)]) -> Res {
        let body = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join("&");
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    pub async fn json(&mut self, method: &str, path: &str, body: serde_json::Value) -> Res {
        let req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json")
            .header("x-csrf-token", self.csrf())
            .body(Body::from(body.to_string()))
            .unwrap();
        self.send(req).await
    }

    pub async fn login(&mut self, email: &str) -> Res {
        self.get("/login").await;
        self.post_form("/login", &[("email", email), ("password", PASSWORD)])
            .await
    }
}

pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A database, the app over it and its router.
pub struct World {
    pub db: TestDb,
    pub app: App,
    pub router: Router,
}

impl World {
    pub async fn new() -> World {
        let db = TestDb::sqlite().await.unwrap();
        let app = App::new(db.db.clone());
        let router = mognad_web::router(mognad_web::AppState::new(app.clone(), Default::default()));
        World { db, app, router }
    }

    /// A user with `role` in a new organisation called `org`.
    pub async fn member(&self, email: &str, org: &str, role: Role) -> Actor {
        let user = self
            .app
            .platform()
            .create_user(email, "Testperson", PASSWORD, Language::Sv)
            .await
            .unwrap();
        let settings = OrgSettings {
            name: Name::parse("name", org).unwrap(),
            language: Language::Sv,
            anonymity_threshold: AnonymityThreshold::DEFAULT,
        };
        let o = self.app.org().create_org(settings, None).await.unwrap();
        self.app.platform().grant_role(user.id, o.id, role).await.unwrap();
        self.app.platform().actor(user, o.id).await.unwrap()
    }

    /// A user with `role` in the existing organisation `org`.
    pub async fn member_of(&self, org: mognad_domain::ids::OrgId, email: &str, role: Role) -> Actor {
        let user = self
            .app
            .platform()
            .create_user(email, "Testperson", PASSWORD, Language::Sv)
            .await
            .unwrap();
        self.app.platform().grant_role(user.id, org, role).await.unwrap();
        self.app.platform().actor(user, org).await.unwrap()
    }

    /// A person in the directory, with an e-mail address if given (the one an account signs in
    /// with makes the person the account's own).
    #[allow(dead_code)]
    pub async fn person(&self, a: &Actor, name: &str, email: Option<&str>) -> mognad_domain::ids::PersonId {
        let input = mognad_app::org::directory::PersonInput {
            name: name.into(),
            email: email.map(str::to_owned),
            ..Default::default()
        };
        self.app.org().save_person(a, None, &input).await.unwrap().id
    }

    /// A new unit at the top of the organisation.
    #[allow(dead_code)]
    pub async fn unit(&self, a: &Actor, name: &str) -> mognad_domain::ids::UnitId {
        let input = mognad_app::org::directory::UnitInput {
            name: name.into(),
            ..Default::default()
        };
        self.app.org().save_unit(a, None, &input).await.unwrap().id
    }

    /// A person of `unit`, with an e-mail address if given.
    #[allow(dead_code)]
    pub async fn person_in(
        &self,
        a: &Actor,
        name: &str,
        email: Option<&str>,
        unit: mognad_domain::ids::UnitId,
    ) -> mognad_domain::ids::PersonId {
        let input = mognad_app::org::directory::PersonInput {
            name: name.into(),
            email: email.map(str::to_owned),
            unit_id: Some(unit.to_string()),
            ..Default::default()
        };
        self.app.org().save_person(a, None, &input).await.unwrap().id
    }

    /// A new board named `name` with the default columns.
    #[allow(dead_code)]
    pub async fn board(&self, a: &Actor, name: &str) -> mognad_store::boards::Board {
        let input = mognad_app::plan::boards::BoardInput {
            name: name.into(),
            ..Default::default()
        };
        self.app.plan().create_board(a, &input).await.unwrap()
    }

    /// A leadership group named `name` with `size` new people in it.
    pub async fn group_with_members(&self, a: &Actor, name: &str, size: usize) -> uuid::Uuid {
        use mognad_app::org::directory::{NamedInput, PersonInput};
        let input = NamedInput {
            name: name.into(),
            unit_id: None,
        };
        let g = self.app.org().save_group(a, None, &input).await.unwrap();
        for i in 0..size {
            let person = PersonInput {
                name: format!("{name} Nummer{i}"),
                ..Default::default()
            };
            let p = self.app.org().save_person(a, None, &person).await.unwrap();
            self.app
                .org()
                .set_group_member(a, g.id, p.id, true)
                .await
                .unwrap();
        }
        g.id.0
    }

    /// A public intake form "Felanmälan" with one required text field, feeding `board`; its slug.
    #[allow(dead_code)]
    pub async fn public_form(&self, a: &Actor, board: uuid::Uuid) -> String {
        let input = mognad_app::plan::intake::FormInput {
            name: "Felanmälan".into(),
            board_id: board.to_string(),
            public: "1".into(),
            intro: String::new(),
            fields: "Vad gäller det? | text | required".into(),
        };
        let id = self.app.plan().save_intake_form(a, None, &input).await.unwrap();
        self.app.plan().intake_form(a, id).await.unwrap().slug
    }

    /// The app's state with a mailer writing into `dir`, and the outbox worker's settings, for
    /// running the worker's `deliver` by hand.
    #[allow(dead_code)]
    pub fn mailing_state(
        &self,
        dir: &std::path::Path,
    ) -> (mognad_web::AppState, mognad_web::platform::outbox::OutboxConfig) {
        let mailer = mognad_app::platform::mail::Mailer::new(&mognad_app::platform::mail::MailConfig {
            smtp_host: None,
            smtp_port: 25,
            smtp_tls: Default::default(),
            smtp_ca_file: None,
            smtp_user: None,
            smtp_password: None,
            from: "Mognad <mognad@norrvik.se>".into(),
            folder: dir.to_path_buf(),
        })
        .unwrap();
        let state = mognad_web::AppState::new(self.app.clone(), Default::default()).with_mailer(mailer);
        let cfg = mognad_web::platform::outbox::OutboxConfig {
            base: "https://mognad.norrvik.se".into(),
            lease: std::time::Duration::from_secs(120),
            every: std::time::Duration::from_secs(1),
        };
        (state, cfg)
    }

    pub fn client(&self) -> Client {
        Client::new(self.router.clone())
    }
}
