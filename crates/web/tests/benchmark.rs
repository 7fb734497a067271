//! The benchmark page and the reference tables through the browser: taking part from the page
//! (errors in the reader's language), members reading without the form, and an instance
//! administrator loading, correcting and removing a reference table.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use mognad_domain::org::Language;
use mognad_domain::role::Role;

/// A multipart body with the reference form's fields and `file` as its CSV file.
fn upload(csrf: &str, model: &str, name: &str, file: &[u8]) -> Request<Body> {
    let b = "mOgNaD";
    let mut body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"ref_model\"\r\n\r\n{model}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"ref_name\"\r\n\r\n{name}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ref.csv\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    Request::post(format!("/admin/references?_csrf={csrf}"))
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={b}"))
        .body(Body::from(body))
        .unwrap()
}

async fn user(
    w: &World,
    email: &str,
    org: mognad_domain::ids::OrgId,
    role: Role,
) -> mognad_store::users::User {
    let u = w
        .app
        .platform()
        .create_user(email, "Testperson", PASSWORD, Language::Sv)
        .await
        .unwrap();
    w.app.platform().grant_role(u.id, org, role).await.unwrap();
    u
}

#[tokio::test]
async fn an_administrator_signs_the_organisation_up_and_members_read() {
    let w = World::new().await;
    let demo = w.app.create_demo(&|_, _| {}).await.unwrap();
    user(&w, "admin@norrvik.se", demo.org, Role::Admin).await;
    user(&w, "medlem@norrvik.se", demo.org, Role::Member).await;
    let page = format!("/orgs/{}/benchmark", demo.org);
    let mut c = w.client();
    c.login("admin@norrvik.se").await;

    let res = c.get(&page).await;
    assert_eq!(res.status, StatusCode::OK);
    let body = &res.body;
    assert!(body.contains("Organisationen deltar som kommun, 1 000–4 999 anställda."));
    assert!(
        body.contains("Färre än 5 andra organisationer"),
        "the demo is alone"
    );
    assert!(body.contains("Referens: Exempeltabell (påhittade siffror) (24 organisationer)"));
    assert!(body.contains(r#"role="img""#) && body.contains("Er poäng"));
    assert!(body.contains(r#"id="f-category""#));

    let refused = c.post_form(&page, &[("category", "kommun"), ("size", "")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Välj ett av alternativen.") && refused.body.contains("aria-invalid"));
    let saved = c
        .post_form(&page, &[("category", "region"), ("size", "under-250")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert!(
        c.get(&page)
            .await
            .body
            .contains("deltar som region, färre än 250 anställda")
    );

    let mut m = w.client();
    m.login("medlem@norrvik.se").await;
    let read = m.get(&page).await;
    assert_eq!(read.status, StatusCode::OK);
    assert!(read.body.contains("Exempeltabell") && !read.body.contains(r#"id="f-category""#));
    let denied = m.post_form(&page, &[("category", ""), ("size", "")]).await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    assert!(
        c.get(&page).await.body.contains("deltar som region"),
        "still taking part"
    );
}

#[tokio::test]
async fn an_instance_administrator_loads_a_reference_table() {
    let w = World::new().await;
    let a = w.member("inst@ekby.se", "Ekby", Role::Owner).await;
    w.app.platform().make_instance_admin(a.user.id).await.unwrap();
    let mut c = w.client();
    c.login("inst@ekby.se").await;
    let admin = c.get("/admin").await;
    assert!(admin.body.contains("Läs in en referenstabell") && admin.body.contains("nio-motorer"));

    let bad = c
        .send(upload(
            &c.csrf(),
            "nio-motorer",
            "Riket 2026",
            b"Kommun;varderingar\nA;x\nB;150\n",
        ))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body
            .contains("Rad 2, kolumn 2: ”x” är ingen poäng mellan 0 och 100."),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("Rad 3, kolumn 2: ”150” är ingen poäng"));
    assert!(bad.body.contains(r#"value="Riket 2026""#), "the name is kept");
    let latin1 = c
        .send(upload(
            &c.csrf(),
            "nio-motorer",
            "Riket",
            b"Kommun;v\xe4rderingar\n",
        ))
        .await;
    assert!(
        latin1.body.contains("Filen är inte UTF-8-text."),
        "{}",
        latin1.body
    );

    let csv = "Kommun;varderingar;vision-mission\nA;20;30\nB;40,5;45\nC;60;60\nD;80;75\nE;90;90\n";
    let ok = c
        .send(upload(&c.csrf(), "nio-motorer", "Riket 2026", csv.as_bytes()))
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert!(
        ok.body
            .contains("Referenstabellen ”Riket 2026” med 5 organisationer är inläst.")
    );

    assert!(
        ok.body.contains("Riket 2026</td><td>5</td>"),
        "listed with its size"
    );
    // It is set against a closed round's scores; an organisation without one sees nothing yet.
    let page = c.get(&format!("/orgs/{}/benchmark", a.org)).await.body;
    assert!(page.contains("Organisationen har ingen avslutad mätomgång") && !page.contains("Riket"));

    let gone = c.post_form("/admin/references/nio-motorer/delete", &[]).await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER);
    assert!(!c.get("/admin").await.body.contains("Riket 2026"));

    // Others are refused.
    let o = w.member("owner@vastby.se", "Västby", Role::Owner).await;
    let mut d = w.client();
    d.login("owner@vastby.se").await;
    let r = d
        .send(upload(&d.csrf(), "nio-motorer", "X", csv.as_bytes()))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", o.org);
}
