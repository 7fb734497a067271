//! Answering through a link and reading results, through the browser-like client: invitations
//! made on the round page, one step per engine without JavaScript, errors with a summary, a
//! draft that survives closing the page, an idempotent submit, result pages and exports that
//! respect the threshold, and logs that never carry a link's token.
//!
//! This file holds a single test on purpose: it installs a log subscriber for its thread, and
//! tracing caches per call site whether anyone listens, so a second test running beside it on
//! another thread could make the capture miss lines.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_app::measurement::rounds::RoundInput;
use mognad_domain::answer::{importance_field, item_field};
use mognad_domain::model::Model;
use mognad_domain::role::Role;
use std::sync::{Arc, Mutex};

/// Collects every log line written while it is the default subscriber.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn step_form(model: &Model, step: usize, value: u8) -> Vec<(String, String)> {
    let e = &model.engines[step - 1];
    let mut f: Vec<(String, String)> = e
        .items
        .iter()
        .map(|i| (item_field(&e.id, &i.id), value.min(i.answer_count()).to_string()))
        .collect();
    f.push((importance_field(&e.id), "3".into()));
    f.push(("step".into(), step.to_string()));
    f
}

fn with_csrf(c: &Client, mut f: Vec<(String, String)>) -> Vec<(String, String)> {
    f.push(("_csrf".into(), c.csrf()));
    f
}

/// Every `/r/<token>` link on a page.
fn links(page: &str) -> Vec<String> {
    let mut out: Vec<String> = page
        .match_indices("/r/")
        .map(|(i, _)| {
            page[i..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "/-_".contains(*c))
                .collect()
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[tokio::test(flavor = "current_thread")]
async fn a_respondent_answers_through_a_link_and_results_follow() {
    let logs = Logs::default();
    let sink = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || sink.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let g_id = w.group_with_members(&a, "Ledningen", 7).await;
    let model_id = w
        .app
        .measurement()
        .models(&a)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.key == "nio-motorer")
        .unwrap()
        .id;
    let round = w
        .app
        .measurement()
        .create_round(
            &a,
            &RoundInput {
                name: "T0".into(),
                model_id: model_id.to_string(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    w.app
        .measurement()
        .set_round_state(&a, round.id, "open")
        .await
        .unwrap();
    let model = w.app.measurement().model(&a, model_id).await.unwrap();

    let mut admin = w.client();
    admin.login("anna@norrvik.se").await;
    let round_path = format!("/orgs/{}/rounds/{}", a.org, round.id);
    let made = admin.post_form(&format!("{round_path}/invitations"), &[]).await;
    assert_eq!(made.status, StatusCode::OK);
    let tokens = links(&made.body);
    assert_eq!(tokens.len(), 7, "one link per member");
    assert!(
        links(
            &admin
                .post_form(&format!("{round_path}/invitations"), &[])
                .await
                .body
        )
        .is_empty()
    );

    // A respondent on a phone: no session, just the link.
    let link = tokens[0].clone();
    let mut r = w.client();
    let intro = r.get(&link).await;
    assert_eq!(intro.status, StatusCode::OK);
    assert!(intro.body.contains("Börja") && intro.body.contains("anonyma"));
    let step1 = r.get(&format!("{link}?step=1")).await;
    assert!(
        step1.body.contains("<fieldset")
            && step1.body.contains("<legend>")
            && step1.body.contains("Steg 1 / 9")
    );
    let empty = r
        .post_raw_form(
            &link,
            &with_csrf(
                &r,
                vec![("step".into(), "1".into()), ("go".into(), "next".into())],
            ),
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("error-summary") && empty.body.contains("Välj ett svar"));
    // Each problem names its question; the summary takes the focus.
    let first = model.engines[0].items[0]
        .text
        .get(mognad_domain::org::Language::Sv);
    assert!(
        empty.body.contains(&format!("Fråga 1 ({first}): Välj ett svar.")),
        "{}",
        empty.body
    );
    assert!(empty.body.contains(r#"tabindex="-1" autofocus"#));
    let mut f = step_form(&model, 1, 4);
    f.push(("go".into(), "next".into()));
    let next = r.post_raw_form(&link, &with_csrf(&r, f)).await;
    assert_eq!(
        (next.status, next.location()),
        (StatusCode::SEE_OTHER, format!("{link}?step=2").as_str())
    );

    // Previous comes before Next, while Enter still goes on (the form's first button).
    let step2 = r.get(&format!("{link}?step=2")).await.body;
    let actions = step2.split(r#"<div class="actions">"#).nth(1).unwrap();
    assert!(actions.find(r#"value="back""#).unwrap() < actions.find(r#"value="next""#).unwrap());
    let form = step2.split("<form").nth(1).unwrap();
    assert!(form.find(r#"value="next""#).unwrap() < form.find(r#"value="back""#).unwrap());

    // Closing the page and opening the link again resumes with the answers kept.
    let mut again = w.client();
    let resumed = again.get(&format!("{link}?step=1")).await;
    assert!(resumed.body.contains("value=\"4\" checked"), "the draft was kept");
    let intro = again.get(&link).await;
    assert!(
        intro.body.contains("step=2"),
        "start resumes at the first unfinished step"
    );

    // The last step submits; a repeated submit changes nothing.
    let mut all = Vec::new();
    for s in 2..=model.engines.len() {
        all.extend(step_form(&model, s, 4));
    }
    let done = again
        .post_raw_form(&format!("{link}/submit"), &with_csrf(&again, all.clone()))
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert!(again.get(&link).await.body.contains("Tack för dina svar"));
    let twice = again
        .post_raw_form(&format!("{link}/submit"), &with_csrf(&again, all.clone()))
        .await;
    assert_eq!(twice.status, StatusCode::SEE_OTHER);
    let status = w.app.measurement().round_status(&a, round.id).await.unwrap();
    assert_eq!(status[0].answered, 1);

    // While the round is open nothing but counts shows, and nothing is exported; once it has
    // closed with five answers, the group's scores appear.
    let results_path = format!("{round_path}/results");
    let group_page = format!("{results_path}/{}", g_id);
    assert!(admin.get(&group_page).await.body.contains("Omgången är öppen"));
    for t in &tokens[1..5] {
        let mut c = w.client();
        c.get(t).await;
        let mut f = step_form(&model, 1, 2);
        f.extend(all.clone());
        c.post_raw_form(&format!("{t}/submit"), &with_csrf(&c, f)).await;
    }
    let open = admin.get(&group_page).await;
    assert!(open.body.contains("Omgången är öppen") && !open.body.contains("5 svar"));
    let refused = admin.get(&format!("{round_path}/answers.csv")).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(
        refused.body.contains("när mätomgången har stängts"),
        "the refusal is in Swedish"
    );
    let round_page = admin.get(&round_path).await.body;
    assert!(round_page.contains("71 %"), "5 of 7 answered");
    assert!(
        !round_page.contains(&format!("{round_path}/results\"")),
        "no results link while open"
    );
    let closed = admin
        .post_form(&format!("{round_path}/state"), &[("state", "closed")])
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    let page = admin.get(&group_page).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("5 av ")
            && page.body.contains("har svarat")
            && page.body.contains("<svg")
            && page.body.contains("role=\"img\"")
    );
    let heat = admin.get(&results_path).await;
    assert!(heat.body.contains("<table") && heat.body.contains("Ledningen"));
    admin.lang = Some("en");
    assert!(admin.get(&group_page).await.body.contains("5 of "));

    // Exports: results with the group's scores, and the answers with one row per respondent.
    let csv = admin.get(&format!("{round_path}/results.csv")).await;
    assert!(
        csv.body.contains("leadership group,Ledningen,5,yes"),
        "{}",
        csv.body
    );
    assert!(csv.body.contains(",Values,"), "engine names head the columns");
    let answers = admin.get(&format!("{round_path}/answers.csv")).await;
    assert_eq!(answers.body.lines().count(), 6, "a header and five answers");
    let xlsx = admin.get(&format!("{round_path}/results.xlsx")).await;
    assert!(xlsx.body.starts_with("PK"));

    // No log line carries a token, its hash or a person's name.
    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        text.contains("route=/r/{token}/submit"),
        "requests are logged by route: {text}"
    );
    for t in &tokens {
        let token = t.trim_start_matches("/r/");
        assert!(!text.contains(token), "a token was logged");
        assert!(
            !text.contains(&mognad_app::platform::accounts::token_hash(token)),
            "a token hash was logged"
        );
    }
    assert!(!text.contains("Nummer"), "a person's name was logged");
}
