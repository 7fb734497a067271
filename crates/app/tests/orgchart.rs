//! The org chart on every backend: a unit's chart holds its people only, the whole
//! organisation's holds everyone across units and without one, and each team link names its
//! team.

mod common;

use common::{actor, member_of, unit};
use mognad_app::App;
use mognad_app::org::directory::{NamedInput, PersonInput};
use mognad_app::org::relations::RelationshipInput;
use mognad_domain::ids::{PersonId, UnitId};
use mognad_domain::role::Role;
use mognad_store::testdb;

async fn person(app: &App, admin: &mognad_app::Actor, name: &str, unit: Option<UnitId>) -> PersonId {
    let input = PersonInput {
        name: name.into(),
        unit_id: unit.map(|u| u.to_string()),
        ..Default::default()
    };
    app.org().save_person(admin, None, &input).await.unwrap().id
}

#[tokio::test]
async fn the_whole_organisation_is_charted_across_units_with_named_team_links() {
    for t in testdb::backends().await {
        let app = App::new(t.db.clone());
        let admin = actor(&app, "admin@norrvik.se", "Norrvik", Role::Admin).await;
        let (lead, it) = (
            unit(&app, &admin, "Kommunledning").await,
            unit(&app, &admin, "IT-avdelningen").await,
        );
        let chief = person(&app, &admin, "Kim Chef", Some(lead)).await;
        let head = person(&app, &admin, "Ali IT-chef", Some(it)).await;
        let dev = person(&app, &admin, "Bo Utvecklare", Some(it)).await;
        let advisor = person(&app, &admin, "Cia Rådgivare", None).await;
        let team = app
            .org()
            .save_team(
                &admin,
                None,
                &NamedInput {
                    name: "Team Drift".into(),
                    unit_id: None,
                },
            )
            .await
            .unwrap()
            .id;
        let relate = |kind: &str, from: String, to: String, role: Option<&str>| RelationshipInput {
            kind: kind.into(),
            from_id: from,
            to_id: to,
            role: role.map(str::to_owned),
            valid_from: "2020-01-01".into(),
            ..Default::default()
        };
        for input in [
            relate("supervision", chief.to_string(), head.to_string(), None),
            relate("supervision", head.to_string(), dev.to_string(), None),
            relate("team", head.to_string(), team.to_string(), Some("lead")),
            relate("team", dev.to_string(), team.to_string(), Some("member")),
            relate("mentorship", advisor.to_string(), dev.to_string(), None),
        ] {
            app.org().save_relationship(&admin, None, &input).await.unwrap();
        }
        let reader = member_of(&app, admin.org, "m@norrvik.se", Role::Member).await;

        let whole = app.org().whole_org_chart(&reader).await.unwrap();
        assert!(whole.whole);
        assert_eq!(whole.unit, "Norrvik");
        let names: Vec<(&str, usize, Option<&str>)> = whole
            .rows
            .iter()
            .map(|r| (r.person.name.as_str(), r.depth, r.unit.as_deref()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Cia Rådgivare", 0, None),
                ("Kim Chef", 0, Some("Kommunledning")),
                ("Ali IT-chef", 1, Some("IT-avdelningen")),
                ("Bo Utvecklare", 2, Some("IT-avdelningen")),
            ],
            "supervision across units is one tree; the person without a unit is in it"
        );
        let row = |name: &str| whole.rows.iter().position(|r| r.person.name == name).unwrap();
        assert_eq!(whole.team_links.len(), 1);
        let link = &whole.team_links[0];
        assert_eq!(
            (link.lead, link.member, link.team.as_str()),
            (row("Ali IT-chef"), row("Bo Utvecklare"), "Team Drift")
        );
        assert_eq!(
            whole.mentor_links,
            vec![(row("Cia Rådgivare"), row("Bo Utvecklare"))]
        );

        // A supervision cycle (refused when saved, but possible in imported or older data, and
        // reported by the leadership checks) still shows its people.
        let (x, y) = (
            person(&app, &admin, "Xena Cirkel", Some(lead)).await,
            person(&app, &admin, "Yngve Cirkel", Some(lead)).await,
        );
        let mut tx = t.db.write().await.unwrap();
        for (boss, sub) in [(x, y), (y, x)] {
            let s = mognad_domain::relationship::Supervision {
                id: Default::default(),
                org_id: admin.org,
                supervisor_id: boss,
                subordinate_id: sub,
                primary: true,
                period: mognad_domain::relationship::Period::new(
                    chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
                    None,
                )
                .unwrap(),
            };
            mognad_store::relationships::save_supervision(&mut tx, &s)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        let rows = app.org().whole_org_chart(&reader).await.unwrap().rows;
        let cycle: Vec<(&str, usize)> = rows
            .iter()
            .filter(|r| r.person.name.ends_with("Cirkel"))
            .map(|r| (r.person.name.as_str(), r.depth))
            .collect();
        assert_eq!(cycle, vec![("Xena Cirkel", 0), ("Yngve Cirkel", 1)]);

        let one = app.org().org_chart(&reader, it).await.unwrap();
        assert!(!one.whole);
        let shown: Vec<&str> = one.rows.iter().map(|r| r.person.name.as_str()).collect();
        assert_eq!(
            shown,
            vec!["Ali IT-chef", "Bo Utvecklare"],
            "a unit's chart keeps to the unit; the chief above it is not drawn"
        );
        assert!(
            one.mentor_links.is_empty(),
            "the mentor outside the unit is not drawn"
        );
        t.cleanup().await.unwrap();
    }
}
