//! Hostile text: every text a user types that is shown back (unit, person, group, team and round
//! names, a respondent's comment) is tried with script and markup payloads, and every page and
//! chart that shows it must contain none of them as live markup. CSV exports defuse formulas.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_app::measurement::rounds::RoundInput;
use mognad_app::org::directory::{NamedInput, PersonInput, UnitInput};
use mognad_domain::answer::{comment_field, complete_form};
use mognad_domain::ids::BoardId;
use mognad_domain::role::Role;

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(2)>",
    "'><svg onload=alert(3)>",
    "</textarea><script>alert(4)</script>",
    "<a href=\"javascript:alert(5)\">x</a>",
];

fn assert_inert(page: &str, what: &str) {
    for p in PAYLOADS {
        assert!(!page.contains(p), "{what} echoes {p} as live markup");
    }
    for live in ["<script>alert", "<img src=x", "<svg onload", "href=\"javascript:"] {
        assert!(!page.contains(live), "{what} contains {live}");
    }
}

#[tokio::test]
async fn markup_in_names_and_comments_never_comes_back_live() {
    let w = World::new().await;
    let a = w.member("anna@norrvik.se", "Norrvik", Role::Admin).await;
    let app = &w.app;
    let unit = app
        .org()
        .save_unit(
            &a,
            None,
            &UnitInput {
                name: PAYLOADS[0].into(),
                kind: Some(PAYLOADS[1].into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let group = app
        .org()
        .save_group(
            &a,
            None,
            &NamedInput {
                name: PAYLOADS[2].into(),
                unit_id: Some(unit.id.to_string()),
            },
        )
        .await
        .unwrap();
    let team = app
        .org()
        .save_team(
            &a,
            None,
            &NamedInput {
                name: PAYLOADS[3].into(),
                unit_id: None,
            },
        )
        .await
        .unwrap();
    for i in 0..5 {
        let p = app
            .org()
            .save_person(
                &a,
                None,
                &PersonInput {
                    name: format!("{} {i}", PAYLOADS[i % PAYLOADS.len()]),
                    title: Some(PAYLOADS[4].into()),
                    email: Some(format!("p{i}@norrvik.se")),
                    unit_id: Some(unit.id.to_string()),
                },
            )
            .await
            .unwrap();
        app.org()
            .set_group_member(&a, group.id, p.id, true)
            .await
            .unwrap();
    }
    // The admin is also a person, so they can assess themselves with a hostile note.
    let me = app
        .org()
        .save_person(
            &a,
            None,
            &PersonInput {
                name: PAYLOADS[1].into(),
                email: Some("anna@norrvik.se".into()),
                unit_id: Some(unit.id.to_string()),
                title: None,
            },
        )
        .await
        .unwrap();
    let me_id = me.id;
    let competence = mognad_domain::competence::builtin().areas[0].competences[0]
        .id
        .clone();
    for (i, p) in PAYLOADS.iter().enumerate() {
        let input = mognad_app::competence::assess::AssessInput {
            competence: competence.clone(),
            level: "2".into(),
            source: String::new(),
            note: (*p).into(),
        };
        app.competence().assess(&a, me_id, &input).await.unwrap();
        let action = mognad_app::competence::develop::ActionInput {
            title: (*p).into(),
            kind: "course".into(),
            competences: competence.clone(),
            due: String::new(),
        };
        app.competence().add_action(&a, me_id, &action).await.unwrap();
        let blip = mognad_app::competence::scanning::BlipInput {
            name: format!("{p} {i}"),
            quadrant: "tools".into(),
            ring: "assess".into(),
            note: (*p).into(),
        };
        app.competence().save_blip(&a, &blip).await.unwrap();
        let signal = mognad_app::competence::scanning::SignalInput {
            noted_on: String::new(),
            source: (*p).into(),
            signal: (*p).into(),
            link: String::new(),
        };
        app.competence().add_signal(&a, &signal).await.unwrap();
    }
    // The plan: a board, cards, a checklist, comments, an initiative, a goal and a form.
    let board = app
        .plan()
        .create_board(
            &a,
            &mognad_app::plan::boards::BoardInput {
                name: PAYLOADS[0].into(),
                initiative_id: String::new(),
            },
        )
        .await
        .unwrap();
    let initiative = app
        .plan()
        .save_initiative(
            &a,
            None,
            &mognad_app::plan::initiatives::InitiativeInput {
                title: PAYLOADS[2].into(),
                description: PAYLOADS[3].into(),
                engines: "data-analys".into(),
                group_ids: vec![group.id.to_string()],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    app.plan()
        .save_goal(
            &a,
            None,
            &mognad_app::plan::goals::GoalInput {
                title: PAYLOADS[4].into(),
                description: PAYLOADS[1].into(),
            },
        )
        .await
        .unwrap();
    let mut card = None;
    for p in PAYLOADS {
        let input = mognad_app::plan::cards::TaskInput {
            title: (*p).into(),
            description: format!("{p} [x](javascript:alert(9))"),
            initiative_id: initiative.to_string(),
            ..Default::default()
        };
        let id = app
            .plan()
            .create_task(&a, BoardId(board.id), &input, None)
            .await
            .unwrap();
        app.plan().add_checklist_item(&a, id, p).await.unwrap();
        app.plan().comment(&a, id, p).await.unwrap();
        card = Some(id);
    }
    let form = app
        .plan()
        .save_intake_form(
            &a,
            None,
            &mognad_app::plan::intake::FormInput {
                name: PAYLOADS[1].into(),
                board_id: board.id.to_string(),
                public: "1".into(),
                intro: PAYLOADS[2].into(),
                fields: format!("{} | text | required", PAYLOADS[3]),
            },
        )
        .await
        .unwrap();
    let slug = app.plan().intake_form(&a, form).await.unwrap().slug;
    app.plan()
        .submit_intake(
            &slug,
            None,
            &[("f1".into(), PAYLOADS[4].into())],
            PAYLOADS[0],
            "h-1",
        )
        .await
        .unwrap();
    let agenda = app
        .plan()
        .create_agenda(
            &a,
            &mognad_app::plan::agendas::AgendaInput {
                title: PAYLOADS[3].into(),
                meets_on: "2026-12-01".into(),
            },
        )
        .await
        .unwrap();
    let point = mognad_app::plan::agendas::PointInput {
        task_id: card.unwrap().to_string(),
        text: PAYLOADS[1].into(),
    };
    app.plan().add_point(&a, agenda, &point).await.unwrap();
    let model_id = app.measurement().models(&a).await.unwrap()[0].id;
    let model = app.measurement().model(&a, model_id).await.unwrap();
    let round = app
        .measurement()
        .create_round(
            &a,
            &RoundInput {
                name: format!("=HYPERLINK(1) {}", PAYLOADS[1]),
                model_id: model_id.to_string(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let links = app.measurement().issue_invitations(&a, round.id).await.unwrap();
    app.measurement()
        .set_round_state(&a, round.id, "open")
        .await
        .unwrap();
    for (i, l) in links.iter().enumerate() {
        let mut f = complete_form(&model, |_| 2, 3);
        f.push((
            comment_field(&model.engines[0].id),
            PAYLOADS[i % PAYLOADS.len()].to_string(),
        ));
        app.measurement().submit_answers(&l.token, &f).await.unwrap();
    }

    let mut c = w.client();
    c.login("anna@norrvik.se").await;
    let org = format!("/orgs/{}", a.org);
    let r = format!("{org}/rounds/{}", round.id);
    // The sheet of links names people; it is made while the round is open.
    let sheet = c.post_form(&format!("{r}/sheet"), &[]).await;
    assert_eq!(sheet.status, StatusCode::OK);
    assert_inert(&sheet.body, "the link sheet");
    // Results, and so comments, show once the round has closed.
    app.measurement()
        .set_round_state(&a, round.id, "closed")
        .await
        .unwrap();
    let pages = [
        format!("{org}/units"),
        format!("{org}/units/{}", unit.id),
        format!("{org}/people"),
        format!("{org}/people?q=%3Cscript"),
        format!("{org}/groups"),
        format!("{org}/groups/{}", group.id),
        format!("{org}/teams"),
        format!("{org}/teams/{}", team.id),
        format!("{org}/rounds"),
        r.clone(),
        format!("{r}/results"),
        format!("{r}/results/{}", group.id),
        format!("{r}/results/{}", unit.id),
        format!("{r}/results/{}", a.org),
        format!("{org}/people/{}/competence", me.id),
        format!("{org}/units/{}/competence", unit.id),
        format!("{org}/teams/{}/competence", team.id),
        format!("{org}/radar"),
        format!("{org}/boards"),
        format!("{org}/boards/{}", board.id),
        format!("{org}/tasks/{}", card.unwrap()),
        format!("{org}/plan"),
        format!("{org}/initiatives/{initiative}"),
        format!("{org}/intake"),
        format!("{org}/workload"),
        format!("{org}/effect"),
        format!("{org}/dashboard"),
        format!("{org}/agendas"),
        format!("{org}/agendas/{agenda}"),
        format!("/f/{slug}"),
    ];
    for path in &pages {
        let res = c.get(path).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert_inert(&res.body, path);
    }
    // The comments are shown (escaped) on the group's result page, as is the group in the chart.
    let detail = c.get(&format!("{r}/results/{}", group.id)).await.body;
    assert!(
        detail.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            || detail.contains("&#60;script&#62;alert(1)&#60;/script&#62;")
    );
    let heat = c.get(&format!("{r}/results")).await.body;
    assert!(
        heat.contains("&#39;&gt;&lt;svg onload=alert(3)&gt;"),
        "the chart escapes the group's name"
    );
    let made = c.post_form(&format!("{r}/reminders"), &[]).await;
    assert_inert(&made.body, "the reminders page");

    // The API returns the text as data; the CSV export defuses a leading formula.
    let api = c.get(&format!("/api/v1{org}/rounds/{}", round.id)).await;
    assert_eq!(api.headers["content-type"], "application/json");
    let csv = c.get(&format!("{r}/results.csv")).await.body;
    for line in csv.lines() {
        for cell in line.split(',') {
            assert!(
                !cell
                    .trim_start_matches(['\u{feff}', '"'])
                    .starts_with(['=', '+', '@']),
                "a live formula: {cell}"
            );
        }
    }
}

/// Names people type about accounts: a display name at joining, a token's name, an address a
/// failed sign-in typed (kept in the audit log as typed).
#[tokio::test]
async fn markup_in_account_names_never_comes_back_live() {
    let w = World::new().await;
    let owner = w.member("agare@norrvik.se", "Norrvik", Role::Owner).await;
    let org = owner.org;
    let invited = w
        .app
        .platform()
        .invite(&owner, "ny@norrvik.se", Role::Member)
        .await
        .unwrap();
    let mut k = w.client();
    k.get("/login").await;
    let joined = k
        .post_form(
            &format!("/invite/{}", invited.token),
            &[("display_name", PAYLOADS[0]), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    for (i, p) in PAYLOADS.iter().enumerate() {
        w.app
            .platform()
            .create_token(&owner, &format!("{p}{i}"), Role::Member, 1)
            .await
            .unwrap();
        k.post_form("/login", &[("email", p), ("password", "fel")]).await;
    }
    let mut c = w.client();
    c.login("agare@norrvik.se").await;
    for page in ["members", "tokens", "audit", "audit.csv"] {
        let res = c.get(&format!("/orgs/{org}/{page}")).await;
        assert_eq!(res.status, StatusCode::OK, "{page}");
        if page.ends_with(".csv") {
            assert!(
                !res.body.contains("\n=") && !res.body.contains(",="),
                "formulas defused"
            );
        } else {
            assert_inert(&res.body, page);
        }
    }
}
