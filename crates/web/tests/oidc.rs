//! Single sign-on against a real OpenID Connect provider (`e2e/oidc-provider.mjs`, the npm
//! package oauth2-mock-server) that the test starts itself: an account made just in time with
//! the role its group maps to, and every bad answer refused in words — a replayed state, a
//! token for another audience, an expired one, one whose signature does not match, an address
//! outside the organisation's domains — and an organisation that turns local passwords off.
//!
//! Needs Node and `npm ci` in `e2e/`; skipped without them, except under `CI=true`.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_app::platform::sso::SsoInput;
use mognad_domain::role::Role;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

struct Provider {
    child: Child,
    issuer: String,
    control: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

impl Provider {
    fn start() -> Option<Provider> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let ready = root.join("e2e/node_modules/oauth2-mock-server").exists()
            && Command::new("node").arg("--version").output().is_ok();
        if !ready {
            assert!(
                std::env::var("CI").is_err(),
                "CI must provide node and e2e/node_modules (npm ci)"
            );
            eprintln!("skipped: needs node and `npm ci` in e2e/");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let control = dir.path().join("next-token.json");
        std::fs::write(&control, "{}").unwrap();
        let mut child = Command::new("node")
            .arg(root.join("e2e/oidc-provider.mjs"))
            .arg(&control)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let line = BufReader::new(child.stdout.take().unwrap())
            .lines()
            .next()
            .expect("the provider prints its issuer")
            .unwrap();
        let issuer = line
            .strip_prefix("issuer ")
            .expect("an issuer line")
            .trim()
            .to_owned();
        Some(Provider {
            child,
            issuer,
            control,
            _dir: dir,
        })
    }

    /// What the provider puts in its next token.
    fn next(&self, claims: serde_json::Value) {
        std::fs::write(&self.control, claims.to_string()).unwrap();
    }
}

/// Starts a sign-in at Mognad, lets the provider answer (it signs in at once), and returns the
/// path Mognad is sent back to.
async fn to_provider_and_back(c: &mut Client, org: &str) -> String {
    let start = c.get(&format!("/sso/start?org={org}&next=/orgs/{org}")).await;
    assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.body);
    let authorize = start.location().to_owned();
    assert!(
        authorize.contains("code_challenge_method=S256") && authorize.contains("nonce="),
        "{authorize}"
    );
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(&authorize)
        .send()
        .await
        .unwrap();
    let back = res.headers()["location"].to_str().unwrap().to_owned();
    let path = &back[back.find("/sso/callback").expect("back to Mognad's callback")..];
    path.to_owned()
}

#[tokio::test]
async fn single_sign_on_through_a_real_provider() {
    let Some(idp) = Provider::start() else { return };
    let w = World::new().await;
    let owner = w.member("agare@ekby.se", "Ekby kommun", Role::Owner).await;
    let org = owner.org.to_string();
    let p = w.app.platform();
    let mut settings = SsoInput {
        issuer: idp.issuer.clone(),
        client_id: "mognad".into(),
        email_domains: "ekby.se".into(),
        role_claim: "groups".into(),
        role_map: "it-ledning = admin; analys = analyst".into(),
        default_role: "member".into(),
        enabled: true,
        ..Default::default()
    };
    p.save_sso_settings(&owner, &settings).await.unwrap();

    // The e-mail address finds the organisation.
    let mut c = w.client();
    c.get("/login").await;
    let found = c.post_form("/sso", &[("email", "eva@ekby.se")]).await;
    assert_eq!(found.location(), format!("/sso/start?org={org}&next=/"));
    let none = c.post_form("/sso", &[("email", "eva@annan.se")]).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        none.body.contains("Ingen organisation loggar in"),
        "{}",
        none.body
    );

    // A new person signs in: an account just in time, admin by their group.
    idp.next(serde_json::json!({"email": "eva@ekby.se", "name": "Eva Ek", "groups": ["it-ledning"]}));
    let back = to_provider_and_back(&mut c, &org).await;
    let signed = c.get(&back).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
    assert_eq!(signed.location(), format!("/orgs/{org}"));
    assert_eq!(
        c.get(&format!("/orgs/{org}/members")).await.status,
        StatusCode::OK,
        "an admin by the mapping"
    );
    let eva = p
        .user_by_email("eva@ekby.se")
        .await
        .unwrap()
        .expect("made just in time");
    assert_eq!(eva.display_name.as_str(), "Eva Ek");

    // The same answer again, in the same browser or another: the state was used, or was never
    // this browser's (an answer sent to someone else does not sign them in as the sender).
    let replay = c.get(&back).await;
    assert_eq!(replay.status, StatusCode::CONFLICT);
    assert!(replay.body.contains("redan använd"), "{}", replay.body);
    let mut victim = w.client();
    idp.next(serde_json::json!({"email": "bo@ekby.se"}));
    let mut attacker = w.client();
    let planted = to_provider_and_back(&mut attacker, &org).await;
    assert_eq!(victim.get(&planted).await.status, StatusCode::CONFLICT);
    assert!(p.user_by_email("bo@ekby.se").await.unwrap().is_none());

    // An address with an account in another organisation is not signed in on this provider's
    // word, and another organisation cannot claim the same domain.
    let elsewhere = w.member("chef@ekby.se", "Annan kommun", Role::Owner).await;
    idp.next(serde_json::json!({"email": "chef@ekby.se"}));
    let mut d = w.client();
    let back = to_provider_and_back(&mut d, &org).await;
    let refused = d.get(&back).await;
    assert!(
        refused.body.contains("konto i en annan organisation"),
        "{}",
        refused.body
    );
    let claim = SsoInput {
        issuer: idp.issuer.clone(),
        client_id: "x".into(),
        email_domains: "ekby.se".into(),
        default_role: "member".into(),
        enabled: true,
        ..Default::default()
    };
    let err = p.save_sso_settings(&elsewhere, &claim).await.unwrap_err();
    assert!(format!("{err:?}").contains("sso-domain-taken"), "{err:?}");

    // Every bad token is refused, in words, and nobody is signed in.
    for (mode, words) in [
        ("wrong-audience", "ett annat program"),
        ("expired", "har gått ut"),
        ("bad-signature", "ingen giltig signatur"),
    ] {
        idp.next(serde_json::json!({"email": "bo@ekby.se", "mode": mode}));
        let mut d = w.client();
        let back = to_provider_and_back(&mut d, &org).await;
        let res = d.get(&back).await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{mode}: {}", res.body);
        assert!(res.body.contains(words), "{mode}: {}", res.body);
        assert!(
            p.user_by_email("bo@ekby.se").await.unwrap().is_none(),
            "{mode} made no account"
        );
        assert!(p.user_by_email("forged@ekby.se").await.unwrap().is_none());
    }
    idp.next(serde_json::json!({"email": "bo@annan.se"}));
    let mut d = w.client();
    let back = to_provider_and_back(&mut d, &org).await;
    assert!(d.get(&back).await.body.contains("Adresser i den domänen"));

    // A member without a mapped group gets the default role.
    idp.next(serde_json::json!({"email": "kim@ekby.se", "groups": ["annat"]}));
    let mut k = w.client();
    let back = to_provider_and_back(&mut k, &org).await;
    assert_eq!(k.get(&back).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        k.get(&format!("/orgs/{org}/members")).await.status,
        StatusCode::FORBIDDEN,
        "a member"
    );
    assert_eq!(k.get(&format!("/orgs/{org}")).await.status, StatusCode::OK);

    // Local passwords turned off: a member's password session no longer reaches the
    // organisation, the provider's does; an owner keeps the password as the way back in and
    // stays owner through the provider too.
    let lisa = p
        .create_user("lisa@ekby.se", "Lisa", PASSWORD, mognad_domain::org::Language::Sv)
        .await
        .unwrap();
    p.grant_role(lisa.id, owner.org, Role::Analyst).await.unwrap();
    let mut l = w.client();
    l.login("lisa@ekby.se").await;
    assert_eq!(l.get(&format!("/orgs/{org}")).await.status, StatusCode::OK);
    let mut o = w.client();
    o.login("agare@ekby.se").await;
    settings.passwords_off = true;
    p.save_sso_settings(&owner, &settings).await.unwrap();
    let stopped = l.get(&format!("/orgs/{org}")).await;
    assert_eq!(stopped.status, StatusCode::CONFLICT);
    assert!(
        stopped
            .body
            .contains("bara emot inloggning via sin identitetsleverantör"),
        "{}",
        stopped.body
    );
    assert_eq!(
        o.get(&format!("/orgs/{org}")).await.status,
        StatusCode::OK,
        "the owner's way back in"
    );
    idp.next(serde_json::json!({"email": "agare@ekby.se", "groups": ["analys"]}));
    let back = to_provider_and_back(&mut o, &org).await;
    assert_eq!(o.get(&back).await.status, StatusCode::SEE_OTHER);
    assert_eq!(o.get(&format!("/orgs/{org}/sso")).await.status, StatusCode::OK);
    let members = p.members(&owner).await.unwrap();
    assert_eq!(
        members.iter().find(|m| m.email == "agare@ekby.se").unwrap().role,
        Role::Owner
    );

    // A provider's session speaks for its organisation only: it cannot change how the account
    // signs in, and once the account joins another organisation, it does not reach that one;
    // the provider still signs the account in (it was linked at the first sign-in).
    let tf = c.post_form("/account/two-factor/start", &[]).await;
    assert_eq!(tf.status, StatusCode::CONFLICT);
    assert!(tf.body.contains("identitetsleverantör"), "{}", tf.body);
    let invite = p.invite(&elsewhere, "eva@ekby.se", Role::Member).await.unwrap();
    let joined = c.post_form(&format!("/invite/{}", invite.token), &[]).await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    assert_eq!(
        c.get(&format!("/orgs/{}", elsewhere.org)).await.status,
        StatusCode::NOT_FOUND
    );
    idp.next(serde_json::json!({"email": "eva@ekby.se", "groups": ["it-ledning"]}));
    let mut e = w.client();
    let back = to_provider_and_back(&mut e, &org).await;
    assert_eq!(e.get(&back).await.status, StatusCode::SEE_OTHER, "the link holds");
    assert_eq!(e.get(&format!("/orgs/{org}")).await.status, StatusCode::OK);

    // The settings page never shows the secret; the owner saves, an admin only reads.
    settings.client_secret = "hemligt-värde".into();
    p.save_sso_settings(&owner, &settings).await.unwrap();
    let page = o.get(&format!("/orgs/{org}/sso")).await;
    assert!(!page.body.contains("hemligt-värde") && page.body.contains("En hemlighet är sparad"));
    let admin = p.actor(eva, owner.org).await.unwrap();
    assert!(p.save_sso_settings(&admin, &settings).await.is_err());

    // Two-factor sign-in required of admins: the provider's sign-in stands in for it.
    let enrol = p.start_two_factor(&owner.user, "").await.unwrap();
    let key = mognad_domain::totp::decode_secret(&enrol.secret).unwrap();
    let code =
        mognad_domain::totp::code_at(&key, mognad_domain::totp::step_at(chrono::Utc::now().timestamp()));
    p.confirm_two_factor(&owner.user, "", &code).await.unwrap();
    p.set_two_factor_required(&owner, true).await.unwrap();
    assert_eq!(
        c.get(&format!("/orgs/{org}/members")).await.status,
        StatusCode::OK
    );
}
