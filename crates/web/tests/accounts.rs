//! Accounts run from the browser: inviting a colleague who joins through the link, roles and
//! pausing with every refusal in Swedish, API tokens as bearer tokens, the audit log, a
//! password reset by mail, the instance administrator and the set-up link.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use mognad_app::platform::mail::{MailConfig, Mailer, SmtpTls};
use mognad_domain::role::Role;

/// The one-time link a page shows once, in `<code class="secret">`.
fn secret_in(body: &str) -> String {
    let start = body
        .find("<code class=\"secret\">")
        .expect("the page shows a secret")
        + 21;
    let end = start + body[start..].find("</code>").unwrap();
    body[start..end].to_owned()
}

/// The path of a link to this server (`http://localhost/invite/…` → `/invite/…`).
fn path_of(link: &str) -> String {
    let rest = link.split("://").nth(1).unwrap();
    rest[rest.find('/').unwrap()..].to_owned()
}

fn bearer(method: &str, path: &str, token: &str, body: Option<serde_json::Value>) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
        .unwrap()
}

#[tokio::test]
async fn an_owner_invites_a_colleague_who_joins_through_the_link() {
    let w = World::new().await;
    let owner = w.member("agare@norrvik.se", "Norrvik", Role::Owner).await;
    let org = owner.org;
    let mut c = w.client();
    c.login("agare@norrvik.se").await;
    let page = c.get(&format!("/orgs/{org}/members")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("agare@norrvik.se"), "the owner is listed");

    let res = c
        .post_form(
            &format!("/orgs/{org}/members/invite"),
            &[("email", "kollega@norrvik.se"), ("role", "analyst")],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        res.body.contains("ge länken nedan till kollega@norrvik.se"),
        "no mailer: the link is shown"
    );
    let link = path_of(&secret_in(&res.body));
    assert!(
        c.get(&format!("/orgs/{org}/members"))
            .await
            .body
            .contains("Väntande inbjudningar")
    );

    // The colleague, in another browser, joins with a name and a password of their own.
    let mut k = w.client();
    let offer = k.get(&link).await;
    assert_eq!(offer.status, StatusCode::OK);
    assert!(offer.body.contains("Gå med i Norrvik") && offer.body.contains("analytiker"));
    let short = k
        .post_form(&link, &[("display_name", "Kim Kollega"), ("password", "kort")])
        .await;
    assert_eq!(
        short.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a short password is refused"
    );
    let joined = k
        .post_form(&link, &[("display_name", "Kim Kollega"), ("password", PASSWORD)])
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    let home = k.get(&format!("/orgs/{org}")).await;
    assert_eq!(
        home.status,
        StatusCode::OK,
        "the new analyst is signed in and a member"
    );

    // The link works once.
    let mut again = w.client();
    let used = again.get(&link).await;
    assert_eq!(used.status, StatusCode::CONFLICT);
    assert!(used.body.contains("Länken har redan använts."), "{}", used.body);

    // The owner sees the new member with a last sign-in, and the log says what happened.
    let list = c.get(&format!("/orgs/{org}/members")).await;
    assert!(list.body.contains("Kim Kollega") && !list.body.contains("Väntande inbjudningar</h2>\n<ul"));
    let log = c.get(&format!("/orgs/{org}/audit")).await;
    assert_eq!(log.status, StatusCode::OK);
    for event in ["inbjudan skickad", "inbjudan antagen", "inloggning"] {
        assert!(log.body.contains(event), "the log shows {event}");
    }
}

#[tokio::test]
async fn an_expired_or_unknown_invitation_is_refused_in_words() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let issued = w
        .app
        .platform()
        .invite(&admin, "sen@norrvik.se", Role::Member)
        .await
        .unwrap();
    let mut tx = w.app.db.write().await.unwrap();
    mognad_store::on_tx!(&mut tx, |c| sqlx::query(
        "UPDATE account_invitations SET expires_at = $1"
    )
    .bind(chrono::Utc::now() - chrono::Duration::minutes(1))
    .execute(c)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    tx.commit().await.unwrap();
    let mut c = w.client();
    let res = c.get(&format!("/invite/{}", issued.token)).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.body.contains("Länken har gått ut."), "{}", res.body);
    let res = c.get("/invite/finns-inte").await;
    assert!(res.body.contains("Länken är okänd."), "{}", res.body);
    c.lang = Some("en");
    c.cookies.remove("lang");
    let res = c.get(&format!("/invite/{}", issued.token)).await;
    assert!(res.body.contains("The link has expired."), "{}", res.body);
}

#[tokio::test]
async fn roles_and_pausing_follow_the_rules_with_swedish_refusals() {
    let w = World::new().await;
    let owner = w.member("agare@norrvik.se", "Norrvik", Role::Owner).await;
    let org = owner.org;
    let p = w.app.platform();
    let make = |email: &'static str, role: Role| {
        let app = w.app.clone();
        async move {
            let u = app
                .platform()
                .create_user(email, email, PASSWORD, mognad_domain::org::Language::Sv)
                .await
                .unwrap();
            app.platform().grant_role(u.id, org, role).await.unwrap();
            u
        }
    };
    let admin = make("admin@norrvik.se", Role::Admin).await;
    let member = make("medlem@norrvik.se", Role::Member).await;

    let mut a = w.client();
    a.login("admin@norrvik.se").await;
    let role_of = |u: &mognad_store::users::User| format!("/orgs/{org}/members/{}/role", u.id.0);
    // An admin cannot change their own role, cannot touch the owner, cannot make an owner.
    let own = a.post_form(&role_of(&admin), &[("role", "member")]).await;
    assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        own.body.contains("Du kan inte ändra din egen roll"),
        "{}",
        own.body
    );
    let owner_user = p.user_by_email("agare@norrvik.se").await.unwrap().unwrap();
    let up = a.post_form(&role_of(&owner_user), &[("role", "member")]).await;
    assert!(
        up.body.contains("bara en ägare kan ändra en ägare"),
        "{}",
        up.body
    );
    let make_owner = a.post_form(&role_of(&member), &[("role", "owner")]).await;
    assert_eq!(make_owner.status, StatusCode::UNPROCESSABLE_ENTITY);
    // What an admin may: make the member an analyst, pause and resume them.
    let ok = a.post_form(&role_of(&member), &[("role", "analyst")]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);

    let mut m = w.client();
    m.login("medlem@norrvik.se").await;
    assert_eq!(m.get(&format!("/orgs/{org}")).await.status, StatusCode::OK);
    let pause = a
        .post_form(
            &format!("/orgs/{org}/members/{}/active", member.id.0),
            &[("active", "false")],
        )
        .await;
    assert_eq!(pause.status, StatusCode::SEE_OTHER);
    assert_eq!(
        m.get(&format!("/orgs/{org}")).await.status,
        StatusCode::NOT_FOUND,
        "a paused member no longer reaches the organisation"
    );
    assert!(
        a.get(&format!("/orgs/{org}/members"))
            .await
            .body
            .contains("pausad")
    );
    a.post_form(
        &format!("/orgs/{org}/members/{}/active", member.id.0),
        &[("active", "true")],
    )
    .await;
    assert_eq!(m.get(&format!("/orgs/{org}")).await.status, StatusCode::OK);

    // A member sees no user list; the log is the owner's alone.
    assert_eq!(
        m.get(&format!("/orgs/{org}/members")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        a.get(&format!("/orgs/{org}/audit")).await.status,
        StatusCode::FORBIDDEN
    );

    // Two owners demoting each other at once: the second, acting on a role it no longer has,
    // is refused, so the organisation keeps an owner.
    let second = make("agare2@norrvik.se", Role::Owner).await;
    let stale = p.actor(second.clone(), org).await.unwrap();
    p.set_member_role(&owner, second.id, Role::Admin).await.unwrap();
    let err = p
        .set_member_role(&stale, owner.user.id, Role::Admin)
        .await
        .unwrap_err();
    assert!(format!("{err:?}").contains("owner-needed"), "{err:?}");
}

#[tokio::test]
async fn an_api_token_opens_the_api_as_a_bearer_token_until_revoked() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let other = w.member("annan@soderby.se", "Söderby", Role::Owner).await;
    let org = admin.org;
    let mut c = w.client();
    c.login("admin@norrvik.se").await;
    // An admin cannot make an owner's token.
    let high = c
        .post_form(
            &format!("/orgs/{org}/tokens"),
            &[("name", "HR"), ("role", "owner"), ("days", "30")],
        )
        .await;
    assert_eq!(high.status, StatusCode::UNPROCESSABLE_ENTITY);
    let bad_days = c
        .post_form(
            &format!("/orgs/{org}/tokens"),
            &[("name", "HR"), ("role", "analyst"), ("days", "999")],
        )
        .await;
    assert!(bad_days.body.contains("från 1 till 366"), "{}", bad_days.body);
    let made = c
        .post_form(
            &format!("/orgs/{org}/tokens"),
            &[("name", "HR-synk"), ("role", "analyst"), ("days", "30")],
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let secret = secret_in(&made.body);
    assert!(secret.starts_with("mognad_"));
    assert!(
        !c.get(&format!("/orgs/{org}/tokens")).await.body.contains(&secret),
        "shown once"
    );

    // A program: no cookies, no CSRF header.
    let mut api = w.client();
    let people = api
        .send(bearer(
            "GET",
            &format!("/api/v1/orgs/{org}/people"),
            &secret,
            None,
        ))
        .await;
    assert_eq!(people.status, StatusCode::OK, "{}", people.body);
    let me = api.send(bearer("GET", "/api/v1/me", &secret, None)).await;
    assert!(me.body.contains("admin@norrvik.se"));
    // The analyst token cannot write what needs an admin.
    let write = api
        .send(bearer(
            "POST",
            &format!("/api/v1/orgs/{org}/units"),
            &secret,
            Some(serde_json::json!({"name": "IT"})),
        ))
        .await;
    assert_eq!(write.status, StatusCode::FORBIDDEN, "{}", write.body);
    // Another organisation is not there for this token.
    let foreign = api
        .send(bearer(
            "GET",
            &format!("/api/v1/orgs/{}/people", other.org),
            &secret,
            None,
        ))
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    assert_eq!(
        api.send(bearer(
            "GET",
            &format!("/api/v1/orgs/{org}/people"),
            "mognad_fel",
            None
        ))
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    // A bearer token is judged alone: with one, a session cookie does not count.
    let mixed = c
        .send(bearer(
            "GET",
            &format!("/api/v1/orgs/{org}/people"),
            "mognad_fel",
            None,
        ))
        .await;
    assert_eq!(mixed.status, StatusCode::UNAUTHORIZED);

    let page = c.get(&format!("/orgs/{org}/tokens")).await;
    assert!(
        page.body.contains("HR-synk") && page.body.contains("UTC"),
        "last use is shown"
    );
    let tokens = w.app.platform().tokens(&admin).await.unwrap();
    assert!(tokens[0].last_used_at.is_some());

    // Writes through a token need no CSRF token; an admin token can make a unit.
    let admin_token = w
        .app
        .platform()
        .create_token(&admin, "Sync", Role::Admin, 1)
        .await
        .unwrap();
    let unit = api
        .send(bearer(
            "POST",
            &format!("/api/v1/orgs/{org}/units"),
            &admin_token.secret,
            Some(serde_json::json!({"name": "Digitalisering"})),
        ))
        .await;
    assert_eq!(unit.status, StatusCode::CREATED, "{}", unit.body);

    // Revoked: refused at once; the maker paused: refused too.
    let revoke = c
        .post_form(&format!("/orgs/{org}/tokens/{}/revoke", tokens[0].id), &[])
        .await;
    assert_eq!(revoke.status, StatusCode::SEE_OTHER);
    assert_eq!(
        api.send(bearer(
            "GET",
            &format!("/api/v1/orgs/{org}/people"),
            &secret,
            None
        ))
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    let mut tx = w.app.db.write().await.unwrap();
    mognad_store::members::set_active(&mut tx, org, admin.user.id, false)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        api.send(bearer(
            "GET",
            &format!("/api/v1/orgs/{org}/people"),
            &admin_token.secret,
            None
        ))
        .await
        .status,
        StatusCode::NOT_FOUND,
        "a paused maker's token reaches nothing"
    );

    // The log has the token's life, with the token named on what it did.
    let owner = w
        .app
        .platform()
        .actor(
            w.app
                .platform()
                .user_by_email("admin@norrvik.se")
                .await
                .unwrap()
                .unwrap(),
            org,
        )
        .await;
    assert!(owner.is_err(), "the paused admin is no actor");
    let entries = {
        let mut tx = w.app.db.read().await.unwrap();
        mognad_store::audit::list(
            &mut tx,
            org,
            chrono::Utc::now() + chrono::Duration::seconds(1),
            100,
        )
        .await
        .unwrap()
    };
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    for a in ["token-created", "token-used", "token-revoked"] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    assert!(
        entries
            .iter()
            .any(|e| e.action == "token-used" && e.token.as_deref() == Some("Sync"))
    );
}

fn folder_mailer(dir: &std::path::Path) -> Mailer {
    Mailer::new(&MailConfig {
        smtp_host: None,
        smtp_port: 25,
        smtp_tls: SmtpTls::None,
        smtp_ca_file: None,
        smtp_user: None,
        smtp_password: None,
        from: "Mognad <mognad@norrvik.se>".into(),
        folder: dir.to_path_buf(),
    })
    .unwrap()
}

/// The texts of the mails written to `dir`, quoted-printable soft breaks joined.
fn mails(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|m| m.replace("=\r\n", "").replace("=\n", ""))
        .collect()
}

#[tokio::test]
async fn a_forgotten_password_is_reset_through_a_mailed_link() {
    let w = World::new().await;
    w.member("glomsk@norrvik.se", "Norrvik", Role::Member).await;
    let dir = tempfile::tempdir().unwrap();
    let router = mognad_web::router(
        mognad_web::AppState::new(w.app.clone(), Default::default()).with_mailer(folder_mailer(dir.path())),
    );
    let mut old = Client::new(router.clone());
    old.login("glomsk@norrvik.se").await;
    assert_eq!(old.get("/account").await.status, StatusCode::OK);

    let mut c = Client::new(router.clone());
    let login = c.get("/login").await;
    assert!(login.body.contains("/password/forgot"));
    let unknown = c
        .post_form("/password/forgot", &[("email", "finns-inte@norrvik.se")])
        .await;
    let known = c
        .post_form("/password/forgot", &[("email", "glomsk@norrvik.se")])
        .await;
    assert_eq!(unknown.status, StatusCode::OK);
    assert_eq!(
        unknown.body,
        known.body.replace("glomsk@norrvik.se", "finns-inte@norrvik.se"),
        "the answer does not tell"
    );
    // The mail goes out after the answer (so its time tells nothing): wait for it.
    let mut sent = mails(dir.path());
    for _ in 0..50 {
        if !sent.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        sent = mails(dir.path());
    }
    assert_eq!(sent.len(), 1, "one mail, to the account that exists");
    let at = sent[0]
        .find("http://localhost/password/reset/")
        .expect("the mail has the link");
    let link: String = sent[0][at..]
        .chars()
        .take_while(|ch| !ch.is_whitespace())
        .collect();
    let path = path_of(&link);

    assert_eq!(c.get(&path).await.status, StatusCode::OK);
    let done = c
        .post_form(&path, &[("password", "ett nytt långt lösenord")])
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("Lösenordet är bytt"));
    assert_ne!(
        old.get("/account").await.status,
        StatusCode::OK,
        "the old session has ended"
    );
    let again = c
        .post_form(&path, &[("password", "ett tredje långt lösenord")])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "the link works once");
    let signed = c
        .post_form(
            "/login",
            &[
                ("email", "glomsk@norrvik.se"),
                ("password", "ett nytt långt lösenord"),
            ],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);

    // A forged Host would point the link at a stranger's site: refused without public_url.
    let mut evil = Client::new(router);
    evil.get("/login").await;
    let req = Request::post("/password/forgot")
        .header(header::HOST, "evil.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!(
            "email=glomsk%40norrvik.se&_csrf={}",
            evil.csrf()
        )))
        .unwrap();
    let res = evil.send(req).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.body.contains("offentliga adress"), "{}", res.body);
    assert_eq!(mails(dir.path()).len(), 1, "no mail went out");
}

#[tokio::test]
async fn the_instance_administrator_creates_an_organisation_and_its_owner_joins() {
    let w = World::new().await;
    w.member("vanlig@norrvik.se", "Norrvik", Role::Owner).await;
    let mut plain = w.client();
    plain.login("vanlig@norrvik.se").await;
    assert_eq!(plain.get("/admin").await.status, StatusCode::FORBIDDEN);

    // The set-up link makes the first administrator, once.
    let token = w
        .app
        .platform()
        .setup_link()
        .await
        .unwrap()
        .expect("no administrator yet");
    let mut c = w.client();
    assert_eq!(c.get(&format!("/setup/{token}")).await.status, StatusCode::OK);
    let made = c
        .post_form(
            &format!("/setup/{token}"),
            &[
                ("email", "drift@kommun.se"),
                ("display_name", "Drift"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    assert_eq!(made.location(), "/admin");
    assert!(
        w.app.platform().setup_link().await.unwrap().is_none(),
        "no more set-up links"
    );
    assert_eq!(
        w.client().get(&format!("/setup/{token}")).await.status,
        StatusCode::CONFLICT
    );

    let admin = c.get("/admin").await;
    assert_eq!(admin.status, StatusCode::OK);
    assert!(admin.body.contains("Norrvik"), "every organisation is listed");
    let taken = c
        .post_form(
            "/admin/orgs",
            &[("name", "Norrvik"), ("language", "sv"), ("owner_email", "x@y.se")],
        )
        .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        taken
            .body
            .contains("Det finns redan en organisation med det namnet."),
        "{}",
        taken.body
    );
    let created = c
        .post_form(
            "/admin/orgs",
            &[
                ("name", "Ekby kommun"),
                ("language", "sv"),
                ("owner_email", "cio@ekby.se"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let link = path_of(&secret_in(&created.body));
    let mut owner = w.client();
    let joined = owner
        .post_form(&link, &[("display_name", "Eva CIO"), ("password", PASSWORD)])
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER);
    let home = owner.get("/").await;
    let org_path = home.location().to_owned();
    assert!(
        org_path.starts_with("/orgs/"),
        "the owner lands in the new organisation"
    );
    assert_eq!(
        owner.get(&format!("{org_path}/members")).await.status,
        StatusCode::OK,
        "as its owner"
    );
}

/// The code the app would show `steps` steps from now.
fn app_code(secret: &str, steps: i64) -> String {
    use mognad_domain::totp;
    let key = totp::decode_secret(secret).unwrap();
    totp::code_at(&key, totp::step_at(chrono::Utc::now().timestamp()) + steps)
}

#[tokio::test]
async fn two_factor_sign_in_with_the_app_and_a_recovery_code() {
    let w = World::new().await;
    let owner = w.member("agare@norrvik.se", "Norrvik", Role::Owner).await;
    let org = owner.org;
    let mut c = w.client();
    c.login("agare@norrvik.se").await;
    // Requiring it before having it oneself is refused, so nobody locks themselves out.
    let early = c
        .post_form(
            &format!("/orgs/{org}/members/two-factor"),
            &[("required", "true")],
        )
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert!(
        early.body.contains("Slå först på tvåstegsinloggning"),
        "{}",
        early.body
    );

    let started = c.post_form("/account/two-factor/start", &[]).await;
    assert_eq!(started.status, StatusCode::OK);
    let secret = secret_in(&started.body);
    assert!(started.body.contains("otpauth://totp/Mognad:agare%40norrvik.se"));
    let wrong = c
        .post_form("/account/two-factor/confirm", &[("code", "000000")])
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("Koden stämmer inte"), "{}", wrong.body);
    let now_code = app_code(&secret, 0);
    let confirmed = c
        .post_form("/account/two-factor/confirm", &[("code", &now_code)])
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    let codes: Vec<String> = confirmed
        .body
        .split("<li><code>")
        .skip(1)
        .map(|s| s[..s.find("</code>").unwrap()].to_owned())
        .collect();
    assert_eq!(codes.len(), 10, "ten recovery codes, shown once");

    // Signing in now takes the password, then a code.
    let mut d = w.client();
    let step1 = d.login("agare@norrvik.se").await;
    assert_eq!(step1.status, StatusCode::SEE_OTHER);
    assert!(
        step1.location().starts_with("/login/code"),
        "{}",
        step1.location()
    );
    assert_ne!(
        d.get(&format!("/orgs/{org}")).await.status,
        StatusCode::OK,
        "not signed in yet"
    );
    assert_eq!(d.get("/login/code").await.status, StatusCode::OK);
    let replay = d.post_form("/login/code", &[("code", &now_code)]).await;
    assert_eq!(
        replay.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a code is taken once"
    );
    let next = d
        .post_form("/login/code", &[("code", &app_code(&secret, 1))])
        .await;
    assert_eq!(next.status, StatusCode::SEE_OTHER, "{}", next.body);
    assert_eq!(d.get(&format!("/orgs/{org}")).await.status, StatusCode::OK);

    // A recovery code works once.
    let mut e = w.client();
    e.login("agare@norrvik.se").await;
    let rec = e
        .post_form("/login/code", &[("code", &codes[0].to_uppercase())])
        .await;
    assert_eq!(rec.status, StatusCode::SEE_OTHER);
    let mut f = w.client();
    f.login("agare@norrvik.se").await;
    assert_eq!(
        f.post_form("/login/code", &[("code", &codes[0])]).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(
        c.get("/account/two-factor")
            .await
            .body
            .contains("9 reservkoder kvar")
    );

    // The owner requires it of owners and admins: an admin without it is stopped, in words.
    let admin = w
        .app
        .platform()
        .create_user(
            "admin@norrvik.se",
            "Admin",
            PASSWORD,
            mognad_domain::org::Language::Sv,
        )
        .await
        .unwrap();
    w.app
        .platform()
        .grant_role(admin.id, org, Role::Admin)
        .await
        .unwrap();
    let on = c
        .post_form(
            &format!("/orgs/{org}/members/two-factor"),
            &[("required", "true")],
        )
        .await;
    assert_eq!(on.status, StatusCode::SEE_OTHER, "{}", on.body);
    let mut a = w.client();
    a.login("admin@norrvik.se").await;
    let stopped = a.get(&format!("/orgs/{org}")).await;
    assert_eq!(stopped.status, StatusCode::CONFLICT);
    assert!(
        stopped.body.contains("kräver tvåstegsinloggning"),
        "{}",
        stopped.body
    );
    let s = a.post_form("/account/two-factor/start", &[]).await;
    let admin_secret = secret_in(&s.body);
    a.post_form(
        "/account/two-factor/confirm",
        &[("code", &app_code(&admin_secret, 0))],
    )
    .await;
    assert_eq!(a.get(&format!("/orgs/{org}")).await.status, StatusCode::OK);
    // HR reads every competence record and is held to the same rule; an analyst is not.
    for (email, role, status) in [
        ("hr@norrvik.se", Role::Hr, StatusCode::CONFLICT),
        ("analys@norrvik.se", Role::Analyst, StatusCode::OK),
    ] {
        let u = w
            .app
            .platform()
            .create_user(email, "Läsare", PASSWORD, mognad_domain::org::Language::Sv)
            .await
            .unwrap();
        w.app.platform().grant_role(u.id, org, role).await.unwrap();
        let mut r = w.client();
        r.login(email).await;
        assert_eq!(r.get(&format!("/orgs/{org}")).await.status, status, "{email}");
    }

    // Turning it off asks for the password.
    let off = d
        .post_form("/account/two-factor/disable", &[("current", "fel")])
        .await;
    assert_eq!(off.status, StatusCode::UNPROCESSABLE_ENTITY);
    let off = d
        .post_form("/account/two-factor/disable", &[("current", PASSWORD)])
        .await;
    assert_eq!(off.status, StatusCode::SEE_OTHER);
    assert!(
        d.get("/account/two-factor")
            .await
            .body
            .contains("Tvåstegsinloggning är av.")
    );
}

#[tokio::test]
async fn the_audit_log_records_rounds_exports_and_deletions_but_never_an_answer() {
    use mognad_app::measurement::rounds::RoundInput;
    use mognad_domain::answer::{comment_field, complete_form};

    let w = World::new().await;
    let owner = w.member("agare@norrvik.se", "Norrvik", Role::Owner).await;
    let app = &w.app;
    w.group_with_members(&owner, "Ledningen", 5).await;
    let model_id = app.measurement().models(&owner).await.unwrap()[0].id;
    let model = app.measurement().model(&owner, model_id).await.unwrap();
    let round = app
        .measurement()
        .create_round(
            &owner,
            &RoundInput {
                name: "Nollmätning".into(),
                model_id: model_id.to_string(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let round_id = round.id;
    let links = app
        .measurement()
        .issue_invitations(&owner, round_id)
        .await
        .unwrap();
    app.measurement()
        .set_round_state(&owner, round_id, "open")
        .await
        .unwrap();
    for l in &links {
        let mut f = complete_form(&model, |_| 3, 4);
        f.push((comment_field(&model.engines[0].id), "HEMLIG SYNPUNKT".into()));
        app.measurement().submit_answers(&l.token, &f).await.unwrap();
    }
    app.measurement()
        .set_round_state(&owner, round_id, "closed")
        .await
        .unwrap();
    app.measurement()
        .results_for_export(&owner, round_id)
        .await
        .unwrap();
    let unit = app
        .org()
        .save_unit(
            &owner,
            None,
            &mognad_app::org::directory::UnitInput {
                name: "Tillfällig".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    app.org().delete_unit(&owner, unit.id).await.unwrap();

    let mut c = w.client();
    c.login("agare@norrvik.se").await;
    let csv = c.get(&format!("/orgs/{}/audit.csv", owner.org)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with("at,actor,token,action,subject,client"));
    for action in ["round-state", "export", "deleted"] {
        assert!(
            csv.body.contains(&format!(",{action},")),
            "{action} in\n{}",
            csv.body
        );
    }
    assert!(csv.body.contains("Nollmätning: closed") && csv.body.contains(&format!("unit {}", unit.id)));
    assert!(
        !csv.body.contains("HEMLIG SYNPUNKT"),
        "an answer never reaches the log"
    );
    // The log cannot be written to from outside: no route changes or removes entries.
    let (_, routes) = mognad_web::routes::build(mognad_web::AppState::new(w.app.clone(), Default::default()));
    assert!(routes.iter().all(|(m, p)| *m == "GET" || !p.contains("/audit")));
}

#[tokio::test]
async fn an_existing_account_joins_only_while_signed_in_as_itself() {
    let w = World::new().await;
    let owner = w.member("agare@norrvik.se", "Norrvik", Role::Owner).await;
    w.member("chef@soderby.se", "Söderby", Role::Owner).await;
    let org = owner.org;
    let issued = w
        .app
        .platform()
        .invite(&owner, "chef@soderby.se", Role::Analyst)
        .await
        .unwrap();
    let link = format!("/invite/{}", issued.token);

    // The link alone opens nothing: it asks to sign in first, and a password is not taken.
    let mut stranger = w.client();
    let asked = stranger.get(&link).await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER);
    assert!(
        asked.location().starts_with("/login?next=/invite/"),
        "{}",
        asked.location()
    );
    let guessed = stranger.post_form(&link, &[("password", PASSWORD)]).await;
    assert_eq!(guessed.status, StatusCode::CONFLICT);
    assert!(guessed.body.contains("Logga in med det"), "{}", guessed.body);
    // Someone else signed in cannot take it either.
    let mut other = w.client();
    other.login("agare@norrvik.se").await;
    assert_eq!(other.get(&link).await.status, StatusCode::CONFLICT);

    let mut chef = w.client();
    chef.login("chef@soderby.se").await;
    let offer = chef.get(&link).await;
    assert_eq!(offer.status, StatusCode::OK);
    assert!(
        offer.body.contains("Gå med i Norrvik som analytiker"),
        "{}",
        offer.body
    );
    let joined = chef.post_form(&link, &[]).await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    assert_eq!(joined.location(), format!("/orgs/{org}"));
    assert_eq!(chef.get(&format!("/orgs/{org}")).await.status, StatusCode::OK);
    // Both organisations are on the start page to switch between.
    let home = chef.get("/").await;
    assert!(
        home.body.contains("Norrvik") && home.body.contains("Söderby"),
        "{}",
        home.body
    );

    // An old invitation never demotes, and only an owner re-invites a paused owner.
    let admin = w
        .app
        .platform()
        .create_user(
            "admin@norrvik.se",
            "Admin",
            PASSWORD,
            mognad_domain::org::Language::Sv,
        )
        .await
        .unwrap();
    w.app
        .platform()
        .grant_role(admin.id, org, Role::Admin)
        .await
        .unwrap();
    let admin = w.app.platform().actor(admin, org).await.unwrap();
    let chef_user = w
        .app
        .platform()
        .user_by_email("chef@soderby.se")
        .await
        .unwrap()
        .unwrap();
    w.app
        .platform()
        .set_member_role(&owner, chef_user.id, Role::Owner)
        .await
        .unwrap();
    w.app
        .platform()
        .set_member_active(&owner, chef_user.id, false)
        .await
        .unwrap();
    let Err(err) = w
        .app
        .platform()
        .invite(&admin, "chef@soderby.se", Role::Member)
        .await
    else {
        panic!("an admin re-invited a paused owner");
    };
    assert!(format!("{err:?}").contains("above-role"), "{err:?}");
    let again = w
        .app
        .platform()
        .invite(&owner, "chef@soderby.se", Role::Member)
        .await
        .unwrap();
    chef.post_form(&format!("/invite/{}", again.token), &[]).await;
    let members = w.app.platform().members(&owner).await.unwrap();
    let m = members.iter().find(|m| m.email == "chef@soderby.se").unwrap();
    assert_eq!(
        (m.role, m.active),
        (Role::Member, true),
        "a paused member comes back with the role the owner invited them with"
    );
}

#[tokio::test]
async fn an_api_token_cannot_make_tokens_accounts_or_roles() {
    let w = World::new().await;
    let owner = w.member("agare@norrvik.se", "Norrvik", Role::Owner).await;
    let org = owner.org;
    let token = w
        .app
        .platform()
        .create_token(&owner, "Sync", Role::Owner, 30)
        .await
        .unwrap();
    let mut api = w.client();
    for (method, path, body) in [
        (
            "POST",
            format!("/api/v1/orgs/{org}/tokens"),
            serde_json::json!({"name": "Ny", "role": "owner", "days": 366}),
        ),
        (
            "POST",
            format!("/api/v1/orgs/{org}/invitations"),
            serde_json::json!({"email": "ny@norrvik.se", "role": "owner"}),
        ),
        (
            "PUT",
            format!("/api/v1/orgs/{org}/members/{}", owner.user.id.0),
            serde_json::json!({"role": "admin"}),
        ),
        (
            "PUT",
            format!("/api/v1/orgs/{org}/sso"),
            serde_json::json!({"issuer": "https://idp.example", "client_id": "x", "email_domains": "norrvik.se"}),
        ),
    ] {
        let res = api.send(bearer(method, &path, &token.secret, Some(body))).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{method} {path}: {}", res.body);
    }
    // It sees only its own organisation, even when its maker has others.
    w.app
        .org()
        .create_org(
            mognad_domain::org::OrgSettings {
                name: mognad_domain::text::Name::parse("name", "Annan").unwrap(),
                language: mognad_domain::org::Language::Sv,
                anonymity_threshold: mognad_domain::org::AnonymityThreshold::DEFAULT,
            },
            Some(owner.user.id),
        )
        .await
        .unwrap();
    let me = api.send(bearer("GET", "/api/v1/me", &token.secret, None)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert!(
        me.body.contains("Norrvik") && !me.body.contains("Annan"),
        "{}",
        me.body
    );
}

#[tokio::test]
async fn pausing_withdraws_the_open_invitations_that_could_bring_the_account_back() {
    let w = World::new().await;
    let owner = w.member("agare@norrvik.se", "Norrvik", Role::Owner).await;
    let p = w.app.platform();
    let first = p.invite(&owner, "ny@norrvik.se", Role::Member).await.unwrap();
    let second = p.invite(&owner, "ny@norrvik.se", Role::Member).await.unwrap();
    let mut k = w.client();
    k.get("/login").await;
    let joined = k
        .post_form(
            &format!("/invite/{}", first.token),
            &[("display_name", "Ny"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER);
    let user = p.user_by_email("ny@norrvik.se").await.unwrap().unwrap();
    p.set_member_active(&owner, user.id, false).await.unwrap();
    let old = k.post_form(&format!("/invite/{}", second.token), &[]).await;
    assert_eq!(old.status, StatusCode::CONFLICT, "the second link is gone");
    assert_eq!(
        k.get(&format!("/orgs/{}", owner.org)).await.status,
        StatusCode::NOT_FOUND,
        "still paused"
    );
}
