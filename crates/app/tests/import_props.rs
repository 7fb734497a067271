//! Property tests for the people importer: random CSV tables (random delimiters, quoting,
//! columns, cells and byte damage) and random bytes posing as XLSX never panic, and an import
//! that reports any bad row leaves the organisation exactly as it was.

mod common;

use mognad_app::{Actor, App, AppError};
use mognad_domain::role::Role;
use mognad_store::testdb::TestDb;
use proptest::prelude::*;

async fn admin(app: &App) -> Actor {
    common::actor(app, "admin@ekby.se", "Ekby", Role::Admin).await
}

fn header() -> impl Strategy<Value = Vec<String>> {
    let known = prop_oneof![
        Just("namn"),
        Just("name"),
        Just("e-post"),
        Just("email"),
        Just("enhet"),
        Just("unit"),
        Just("titel"),
        Just("ledningsgrupper"),
        Just("chef"),
        Just("okänd kolumn"),
    ];
    proptest::collection::vec(known.prop_map(String::from), 1..6)
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[A-Za-zÅÄÖåäö ]{1,20}",
        "[a-z]{1,8}@[a-z]{1,8}\\.se",
        "\\PC{0,30}",
        Just("\"".to_string()),
        Just("=1+1".to_string()),
    ]
}

/// A CSV text: a header, rows of cells, a delimiter, and optional damage.
fn csv() -> impl Strategy<Value = Vec<u8>> {
    (
        header(),
        proptest::collection::vec(proptest::collection::vec(cell(), 0..7), 0..8),
        prop_oneof![Just(';'), Just(','), Just('\t')],
        proptest::option::of((0usize..400, any::<u8>())),
    )
        .prop_map(|(head, rows, sep, damage)| {
            let quote = |c: &str| {
                if c.contains(sep) || c.contains('"') || c.contains('\n') {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.to_owned()
                }
            };
            let mut text = head.join(&sep.to_string()) + "\n";
            for r in rows {
                text += &r
                    .iter()
                    .map(|c| quote(c))
                    .collect::<Vec<_>>()
                    .join(&sep.to_string());
                text += "\n";
            }
            let mut bytes = text.into_bytes();
            if let Some((at, b)) = damage
                && !bytes.is_empty()
            {
                let at = at % bytes.len();
                bytes[at] = b;
            }
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn imports_never_panic_and_never_half_apply(csv in csv(), xlsx in proptest::collection::vec(any::<u8>(), 0..600)) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let t = TestDb::sqlite().await.unwrap();
            let app = App::new(t.db.clone());
            let a = admin(&app).await;
            for (name, bytes) in [("personer.csv", &csv), ("personer.xlsx", &xlsx)] {
                let before = app.platform().export_org(a.org).await.unwrap();
                match app.org().import_people(&a, name, bytes, false).await {
                    Ok(report) => {
                        let after = app.platform().export_org(a.org).await.unwrap();
                        if !report.errors.is_empty() || !report.applied {
                            assert_eq!(after.people.len(), before.people.len(), "nothing half-imported");
                            assert_eq!(after.units.len(), before.units.len());
                        }
                        for e in &report.errors {
                            assert!(!e.message.is_empty(), "every rejected row says why");
                        }
                    }
                    Err(AppError::Invalid(list)) => {
                        assert!(!list.is_empty() && list.iter().all(|i| !i.message.is_empty()));
                        let after = app.platform().export_org(a.org).await.unwrap();
                        assert_eq!(after.people.len(), before.people.len());
                    }
                    Err(e) => panic!("an import failed without a clear error: {e:?}"),
                }
            }
            t.cleanup().await.unwrap();
        });
    }
}
