//! What the use-case tests share: a signed-up user with a role in a new organisation.

use mognad_app::{Actor, App};
use mognad_domain::ids::RoundId;
use mognad_domain::org::{AnonymityThreshold, Language, OrgSettings};
use mognad_domain::role::Role;
use mognad_domain::text::Name;

#[allow(dead_code)]
pub async fn actor(app: &App, email: &str, org_name: &str, role: Role) -> Actor {
    let user = app
        .platform()
        .create_user(email, "Test", "ett långt lösenord", Language::Sv)
        .await
        .unwrap();
    let settings = OrgSettings {
        name: Name::parse("name", org_name).unwrap(),
        language: Language::Sv,
        anonymity_threshold: AnonymityThreshold::DEFAULT,
    };
    let org = app.org().create_org(settings, Some(user.id)).await.unwrap();
    app.platform().grant_role(user.id, org.id, role).await.unwrap();
    app.platform().actor(user, org.id).await.unwrap()
}

/// A new user with `role` in an existing organisation (the demo's, say).
#[allow(dead_code)]
pub async fn member_of(app: &App, org: mognad_domain::ids::OrgId, email: &str, role: Role) -> Actor {
    let user = app
        .platform()
        .create_user(email, "Ägare", "ett långt lösenord", Language::Sv)
        .await
        .unwrap();
    app.platform().grant_role(user.id, org, role).await.unwrap();
    app.platform().actor(user, org).await.unwrap()
}

/// A new board with the default columns.
#[allow(dead_code)]
pub async fn board(app: &App, a: &Actor, name: &str) -> mognad_store::boards::Board {
    let input = mognad_app::plan::boards::BoardInput {
        name: name.into(),
        ..Default::default()
    };
    app.plan().create_board(a, &input).await.unwrap()
}

/// A leadership group `name` (in `unit`, if given) with `size` new people in it, named
/// "{name} person {i}" with e-mail addresses at ekby.se.
#[allow(dead_code)]
pub async fn group_of(app: &App, a: &Actor, name: &str, unit: Option<uuid::Uuid>, size: usize) -> uuid::Uuid {
    use mognad_app::org::directory::{NamedInput, PersonInput};
    let unit_id = unit.map(|u| u.to_string());
    let g = app
        .org()
        .save_group(
            a,
            None,
            &NamedInput {
                name: name.into(),
                unit_id: unit_id.clone(),
            },
        )
        .await
        .unwrap();
    for p in 0..size {
        let person = PersonInput {
            name: format!("{name} person {p}"),
            email: Some(format!("{}{p}@ekby.se", name.to_lowercase())),
            unit_id: unit_id.clone(),
            ..Default::default()
        };
        let person = app.org().save_person(a, None, &person).await.unwrap();
        app.org()
            .set_group_member(a, g.id, person.id, true)
            .await
            .unwrap();
    }
    g.id.0
}

/// A new draft round of the organisation's first model, taking part: every group.
#[allow(dead_code)]
pub async fn new_round(app: &App, a: &Actor, name: &str) -> uuid::Uuid {
    let model = app.measurement().models(a).await.unwrap()[0].id;
    let input = mognad_app::measurement::rounds::RoundInput {
        name: name.into(),
        model_id: model.to_string(),
        ..Default::default()
    };
    app.measurement().create_round(a, &input).await.unwrap().id.0
}

/// A new round of every group, its personal links issued, opened.
#[allow(dead_code)]
pub async fn open_round(
    app: &App,
    a: &Actor,
    name: &str,
) -> (uuid::Uuid, Vec<mognad_app::measurement::invite::IssuedLink>) {
    let round = new_round(app, a, name).await;
    let id = RoundId(round);
    let links = app.measurement().issue_invitations(a, id).await.unwrap();
    app.measurement().set_round_state(a, id, "open").await.unwrap();
    (round, links)
}

/// Submits a complete answer set with every item at `value` (capped at its range), importance 3.
#[allow(dead_code)]
pub async fn answer(app: &App, token: &str, value: u8) -> mognad_app::measurement::respond::SubmitResult {
    let model = app.measurement().respondent(token).await.unwrap().model;
    app.measurement()
        .submit_answers(token, &mognad_domain::answer::complete_form(&model, |_| value, 3))
        .await
        .unwrap()
}

/// A public intake form "Felanmälan" with one required text field, feeding `board`; its slug.
#[allow(dead_code)]
pub async fn public_form(app: &App, a: &Actor, board: uuid::Uuid) -> String {
    let input = mognad_app::plan::intake::FormInput {
        name: "Felanmälan".into(),
        board_id: board.to_string(),
        public: "1".into(),
        intro: String::new(),
        fields: "Vad gäller det? | text | required".into(),
    };
    let id = app.plan().save_intake_form(a, None, &input).await.unwrap();
    app.plan().intake_form(a, id).await.unwrap().slug
}

/// A new unit at the top of the organisation.
#[allow(dead_code)]
pub async fn unit(app: &App, admin: &Actor, name: &str) -> mognad_domain::ids::UnitId {
    app.org()
        .save_unit(
            admin,
            None,
            &mognad_app::org::directory::UnitInput {
                name: name.into(),
                kind: None,
                parent_id: None,
            },
        )
        .await
        .unwrap()
        .id
}

/// A person of `unit` who also signs in as a member (their account's e-mail is the person's).
#[allow(dead_code)]
pub async fn colleague(
    app: &App,
    admin: &Actor,
    email: &str,
    name: &str,
    unit: mognad_domain::ids::UnitId,
) -> (Actor, mognad_domain::ids::PersonId) {
    let p = app
        .org()
        .save_person(
            admin,
            None,
            &mognad_app::org::directory::PersonInput {
                name: name.into(),
                email: Some(email.into()),
                unit_id: Some(unit.to_string()),
                title: None,
            },
        )
        .await
        .unwrap();
    (member_of(app, admin.org, email, Role::Member).await, p.id)
}

/// `boss` supervises `sub` from 2020 on.
#[allow(dead_code)]
pub async fn supervise(
    app: &App,
    admin: &Actor,
    boss: mognad_domain::ids::PersonId,
    sub: mognad_domain::ids::PersonId,
) {
    app.org()
        .save_relationship(
            admin,
            None,
            &mognad_app::org::relations::RelationshipInput {
                kind: "supervision".into(),
                from_id: boss.to_string(),
                to_id: sub.to_string(),
                valid_from: "2020-01-01".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
}
