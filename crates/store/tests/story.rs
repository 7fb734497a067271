//! The storage story: one organisation's life told against every backend (SQLite always,
//! PostgreSQL when `MOGNAD_TEST_POSTGRES_URL` is set). Every repository is exercised here.

use chrono::{NaiveDate, Utc};
use mognad_domain::ids::*;
use mognad_domain::org::{AnonymityThreshold, Language, OrgSettings, Organisation};
use mognad_domain::people::{LeadershipGroup, Person, Team, Unit};
use mognad_domain::relationship::{Mentorship, Period, Supervision, TeamMembership, TeamRole};
use mognad_domain::role::Role;
use mognad_domain::text::{Email, Name};
use mognad_store::users::User;
use mognad_store::{Db, StoreError, groups, orgs, people, relationships, teams, testdb, units, users};

fn name(s: &str) -> Name {
    Name::parse("name", s).unwrap()
}

fn org(n: &str) -> Organisation {
    Organisation {
        id: OrgId::new(),
        settings: OrgSettings {
            name: name(n),
            language: Language::Sv,
            anonymity_threshold: AnonymityThreshold::default(),
        },
    }
}

async fn story(db: &Db, label: &str) {
    let now = Utc::now();
    let mut tx = db.write().await.unwrap();
    let o = org("Norrvik kommun");
    let other = org("Söderby kommun");
    orgs::insert(&mut tx, &o, now).await.unwrap();
    orgs::insert(&mut tx, &other, now).await.unwrap();

    // Units as a tree.
    let top = Unit {
        id: UnitId::new(),
        org_id: o.id,
        parent_id: None,
        name: name("Kommunledningsförvaltningen"),
        kind: Some(name("förvaltning")),
    };
    let it = Unit {
        id: UnitId::new(),
        org_id: o.id,
        parent_id: Some(top.id),
        name: name("IT-avdelningen"),
        kind: None,
    };
    units::insert(&mut tx, &top).await.unwrap();
    units::insert(&mut tx, &it).await.unwrap();
    assert_eq!(
        units::child_count(&mut tx, o.id, top.id).await.unwrap(),
        1,
        "{label}"
    );

    // People, with unique e-mail per organisation (the same address may exist in another).
    let anna = Person {
        id: PersonId::new(),
        org_id: o.id,
        name: name("Anna Berg"),
        email: Some(Email::parse("anna@norrvik.se").unwrap()),
        unit_id: Some(it.id),
        title: Some(name("IT-chef")),
    };
    let bo = Person {
        id: PersonId::new(),
        org_id: o.id,
        name: name("Bo Ek"),
        email: None,
        unit_id: Some(it.id),
        title: None,
    };
    let cia = Person {
        id: PersonId::new(),
        org_id: o.id,
        name: name("Cia Åström"),
        email: None,
        unit_id: None,
        title: None,
    };
    for p in [&anna, &bo, &cia] {
        people::insert(&mut tx, p).await.unwrap();
    }
    let twin = Person {
        id: PersonId::new(),
        org_id: other.id,
        ..anna.clone()
    };
    people::insert(&mut tx, &twin).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.write().await.unwrap();
    let dup = Person {
        id: PersonId::new(),
        ..anna.clone()
    };
    assert!(
        matches!(people::insert(&mut tx, &dup).await, Err(StoreError::Conflict(_))),
        "{label}: duplicate e-mail must conflict"
    );
    tx.rollback().await.unwrap();

    let mut tx = db.write().await.unwrap();
    assert_eq!(people::count(&mut tx, o.id, None).await.unwrap(), 3);
    assert_eq!(
        people::count(&mut tx, o.id, Some("ANNA")).await.unwrap(),
        1,
        "{label}: search ignores case"
    );
    assert_eq!(
        people::count(&mut tx, o.id, Some("%")).await.unwrap(),
        0,
        "{label}: wildcards are literal"
    );
    let page = people::list(&mut tx, o.id, None, 2, 1).await.unwrap();
    assert_eq!(
        page.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["Bo Ek", "Cia Åström"]
    );
    assert_eq!(people::get(&mut tx, o.id, anna.id).await.unwrap().unwrap(), anna);
    assert!(
        people::get(&mut tx, other.id, anna.id).await.unwrap().is_none(),
        "{label}: scoped by organisation"
    );

    // Groups with members, teams.
    let lg = LeadershipGroup {
        id: GroupId::new(),
        org_id: o.id,
        unit_id: Some(top.id),
        name: name("KLF ledningsgrupp"),
    };
    groups::insert(&mut tx, &lg).await.unwrap();
    groups::add_member(&mut tx, lg.id, anna.id).await.unwrap();
    groups::add_member(&mut tx, lg.id, bo.id).await.unwrap();
    groups::add_member(&mut tx, lg.id, bo.id).await.unwrap();
    assert_eq!(
        groups::members(&mut tx, lg.id).await.unwrap(),
        vec![anna.id, bo.id]
    );
    assert!(groups::remove_member(&mut tx, lg.id, bo.id).await.unwrap());
    assert_eq!(
        groups::all_members(&mut tx, o.id).await.unwrap(),
        vec![(lg.id, anna.id)]
    );
    let team = Team {
        id: TeamId::new(),
        org_id: o.id,
        unit_id: Some(it.id),
        name: name("Plattformsteamet"),
    };
    teams::insert(&mut tx, &team).await.unwrap();
    assert_eq!(
        teams::find_by_name(&mut tx, o.id, "Plattformsteamet")
            .await
            .unwrap()
            .unwrap(),
        team
    );

    // Relationships keep their dates.
    let day = |s: &str| s.parse::<NaiveDate>().unwrap();
    let period = Period::new(day("2026-01-01"), Some(day("2026-12-31"))).unwrap();
    let s = Supervision {
        id: SupervisionId::new(),
        org_id: o.id,
        supervisor_id: anna.id,
        subordinate_id: bo.id,
        primary: true,
        period,
    };
    relationships::save_supervision(&mut tx, &s).await.unwrap();
    let m = Mentorship {
        id: MentorshipId::new(),
        org_id: o.id,
        mentor_id: cia.id,
        protege_id: anna.id,
        period: Period::new(day("2026-02-01"), None).unwrap(),
    };
    relationships::save_mentorship(&mut tx, &m).await.unwrap();
    let tm = TeamMembership {
        id: TeamMembershipId::new(),
        org_id: o.id,
        team_id: team.id,
        person_id: bo.id,
        role: TeamRole::Lead,
        period,
    };
    relationships::save_team_membership(&mut tx, &tm).await.unwrap();
    assert_eq!(
        relationships::supervisions(&mut tx, o.id).await.unwrap(),
        vec![s.clone()]
    );
    assert_eq!(
        relationships::mentorships(&mut tx, o.id).await.unwrap(),
        vec![m.clone()]
    );
    assert_eq!(
        relationships::team_memberships(&mut tx, o.id).await.unwrap(),
        vec![tm.clone()]
    );
    let ended = Supervision {
        primary: false,
        ..s.clone()
    };
    relationships::save_supervision(&mut tx, &ended).await.unwrap();
    assert_eq!(
        relationships::supervisions(&mut tx, o.id).await.unwrap(),
        vec![ended]
    );
    assert!(
        relationships::delete(&mut tx, o.id, relationships::Kind::Mentorship, m.id.0)
            .await
            .unwrap()
    );
    assert!(
        !relationships::delete(&mut tx, other.id, relationships::Kind::Supervision, s.id.0)
            .await
            .unwrap()
    );

    // Deleting a unit: sub-units block it (foreign key), people and groups are detached.
    tx.commit().await.unwrap();
    let mut tx = db.write().await.unwrap();
    assert!(
        matches!(
            units::delete(&mut tx, o.id, top.id).await,
            Err(StoreError::Reference(_))
        ),
        "{label}"
    );
    tx.rollback().await.unwrap();
    let mut tx = db.write().await.unwrap();
    assert!(units::delete(&mut tx, o.id, it.id).await.unwrap());
    assert_eq!(
        people::get(&mut tx, o.id, anna.id)
            .await
            .unwrap()
            .unwrap()
            .unit_id,
        None
    );

    // Users, roles and sessions.
    let u = User {
        id: UserId::new(),
        email: Email::parse("Owner@Norrvik.se").unwrap(),
        display_name: name("Owner"),
        password_hash: "x".into(),
        language: Language::En,
    };
    users::insert(&mut tx, &u, now).await.unwrap();
    users::set_role(&mut tx, u.id, o.id, Role::Admin).await.unwrap();
    users::set_role(&mut tx, u.id, o.id, Role::Owner).await.unwrap();
    assert_eq!(
        users::role_in(&mut tx, u.id, o.id).await.unwrap(),
        Some(Role::Owner)
    );
    assert_eq!(users::role_in(&mut tx, u.id, other.id).await.unwrap(), None);
    let mine = orgs::list_for_user(&mut tx, u.id).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].1, Role::Owner);
    let later = now + chrono::Duration::hours(1);
    users::insert_session(&mut tx, "live", u.id, now, later)
        .await
        .unwrap();
    users::insert_session(
        &mut tx,
        "old",
        u.id,
        now - chrono::Duration::hours(2),
        now - chrono::Duration::hours(1),
    )
    .await
    .unwrap();
    assert_eq!(
        users::session_user(&mut tx, "live", now)
            .await
            .unwrap()
            .unwrap()
            .id,
        u.id
    );
    assert!(
        users::session_user(&mut tx, "old", now).await.unwrap().is_none(),
        "{label}: expired session"
    );
    assert_eq!(users::delete_expired_sessions(&mut tx, now).await.unwrap(), 1);
    users::delete_other_sessions(&mut tx, u.id, "live").await.unwrap();
    users::delete_session(&mut tx, "live").await.unwrap();
    assert!(users::session_user(&mut tx, "live", now).await.unwrap().is_none());

    let mut changed = o.clone();
    changed.settings.anonymity_threshold = AnonymityThreshold::parse(7).unwrap();
    assert!(orgs::update(&mut tx, &changed).await.unwrap());
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    assert_eq!(orgs::get(&mut tx, o.id).await.unwrap().unwrap(), changed);
    assert_eq!(db.integrity_check().await.unwrap(), "ok");
}

#[tokio::test]
async fn storage_story_on_every_backend() {
    for t in testdb::backends().await {
        story(&t.db, t.label).await;
        t.cleanup().await.unwrap();
    }
}

#[tokio::test]
async fn sqlite_backup_is_a_consistent_copy() {
    let t = testdb::TestDb::sqlite().await.unwrap();
    let mut tx = t.db.write().await.unwrap();
    let o = org("Backupby");
    orgs::insert(&mut tx, &o, Utc::now()).await.unwrap();
    tx.commit().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("copy.db");
    t.db.backup_sqlite(&dest).await.unwrap();
    assert!(
        t.db.backup_sqlite(&dest).await.is_err(),
        "never overwrite an existing file"
    );
    let copy = Db::open_sqlite(&dest).await.unwrap();
    let mut tx = copy.read().await.unwrap();
    assert_eq!(orgs::get(&mut tx, o.id).await.unwrap().unwrap(), o);
}

#[tokio::test]
async fn a_database_that_cannot_take_a_write_is_not_ready() {
    let t = testdb::TestDb::sqlite().await.unwrap();
    let within = std::time::Duration::from_millis(300);
    t.db.writable(within).await.unwrap();
    // Another writer holds the file: readiness says so within its deadline instead of waiting.
    let holder = t.db.write().await.unwrap();
    let started = std::time::Instant::now();
    assert!(t.db.writable(within).await.is_err());
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    holder.rollback().await.unwrap();
    t.db.writable(within).await.unwrap();
}
