//! Archiving through the pages: a card archived from its page leaves the board and is found
//! with the board's archived filter and in the archive; restoring brings it back; deleting
//! asks first and is refused for a live card; a move is taken back from the card's page, whose
//! history says what happened; a board is renamed and archived from its settings.

mod common;

use axum::http::StatusCode;
use common::*;
use mognad_app::plan::cards::TaskInput;
use mognad_domain::ids::BoardId;
use mognad_domain::role::Role;

#[tokio::test]
async fn a_card_goes_to_the_archive_and_back_and_is_deleted_after_a_confirmation() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let app = &w.app;
    let org = format!("/orgs/{}", admin.org);
    let board = app
        .plan()
        .create_board(
            &admin,
            &mognad_app::plan::boards::BoardInput {
                name: "IT-plan".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let input = |title: &str| TaskInput {
        title: title.into(),
        ..Default::default()
    };
    let card = app
        .plan()
        .create_task(&admin, BoardId(board.id), &input("Byt brandvägg"), None)
        .await
        .unwrap();
    let keep = app
        .plan()
        .create_task(&admin, BoardId(board.id), &input("Uppdatera policy"), None)
        .await
        .unwrap();
    let mut c = w.client();
    c.login("admin@norrvik.se").await;
    let board_page = format!("{org}/boards/{}", board.id);
    let task_page = format!("{org}/tasks/{card}");

    // A live card cannot be deleted: the confirmation says to archive it first.
    let res = c.get(&format!("{task_page}/delete")).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(res.body.contains("Arkivera det först"), "{}", res.body);

    let res = c.post_form(&format!("{task_page}/archive"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.location(), board_page);
    let page = c.get(&board_page).await.body;
    assert!(!page.contains("Byt brandvägg") && page.contains("Uppdatera policy"));
    let page = c.get(&format!("{board_page}?archived=1")).await.body;
    assert!(page.contains("Byt brandvägg") && !page.contains("Uppdatera policy"));
    let page = c.get(&task_page).await.body;
    assert!(page.contains("Det här är arkiverat"), "{page}");
    assert!(page.contains("arkiverade kortet"), "the history says so: {page}");
    let archive = c.get(&format!("{org}/archive")).await;
    assert_eq!(archive.status, StatusCode::OK);
    assert!(archive.body.contains("Byt brandvägg") && archive.body.contains(&format!("{task_page}/restore")));

    let res = c.post_form(&format!("{task_page}/restore"), &[]).await;
    assert_eq!(
        (res.status, res.location()),
        (StatusCode::SEE_OTHER, task_page.as_str())
    );
    assert!(c.get(&board_page).await.body.contains("Byt brandvägg"));

    c.post_form(&format!("{task_page}/archive"), &[]).await;
    let confirm = c.get(&format!("{task_page}/delete")).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(
        confirm.body.contains("Det går inte att ångra"),
        "{}",
        confirm.body
    );
    let res = c.post_form(&format!("{task_page}/delete"), &[]).await;
    assert_eq!(
        (res.status, res.location()),
        (StatusCode::SEE_OTHER, format!("{org}/archive").as_str())
    );
    assert_eq!(c.get(&task_page).await.status, StatusCode::NOT_FOUND);
    assert!(
        !c.get(&format!("{org}/archive"))
            .await
            .body
            .contains("Byt brandvägg")
    );

    // A member archives cards but cannot delete.
    w.member_of(admin.org, "m@norrvik.se", Role::Member).await;
    let mut m = w.client();
    m.login("m@norrvik.se").await;
    let keep_page = format!("{org}/tasks/{keep}");
    assert_eq!(
        m.post_form(&format!("{keep_page}/archive"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        m.post_form(&format!("{keep_page}/delete"), &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(!m.get(&format!("{org}/archive")).await.body.contains("/delete\""));
}

#[tokio::test]
async fn a_move_is_undone_from_the_card_and_a_board_is_renamed_and_archived() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let app = &w.app;
    let org = format!("/orgs/{}", admin.org);
    let mut c = w.client();
    c.login("admin@norrvik.se").await;
    let res = c
        .post_form(&format!("{org}/boards"), &[("name", "IT-plan")])
        .await;
    let board_page = res.location().to_owned();
    c.post_form(
        &format!("{board_page}/tasks"),
        &[("title", "Byt brandvägg"), ("key", "k1")],
    )
    .await;
    let board_id: uuid::Uuid = board_page.rsplit('/').next().unwrap().parse().unwrap();
    let view = app
        .plan()
        .board(&admin, BoardId(board_id), &Default::default(), None)
        .await
        .unwrap();
    let card = view.columns[0].cards[0].id;
    let task_page = format!("{org}/tasks/{card}");
    assert!(!c.get(&task_page).await.body.contains("/undo\""));
    let doing = view.columns[2].id.to_string();
    c.post_form(&format!("{task_page}/move"), &[("column_id", &doing)])
        .await;
    let page = c.get(&task_page).await.body;
    assert!(page.contains("flyttade kortet från Inkorg till Pågår"), "{page}");
    assert!(page.contains(&format!("{task_page}/undo")));
    let res = c.post_form(&format!("{task_page}/undo"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let view = app
        .plan()
        .board(&admin, BoardId(board_id), &Default::default(), None)
        .await
        .unwrap();
    assert_eq!(view.columns[0].cards[0].id, card);
    let page = c.get(&task_page).await.body;
    assert!(page.contains("ångrade flytten, tillbaka till Inkorg"), "{page}");
    let again = c.post_form(&format!("{task_page}/undo"), &[]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("ingen flytt att ångra"), "{}", again.body);

    let res = c
        .post_form(&format!("{board_page}/name"), &[("name", "IT-plan 2027")])
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(c.get(&board_page).await.body.contains("<h1>IT-plan 2027</h1>"));
    let res = c.post_form(&format!("{board_page}/name"), &[("name", "")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);

    let res = c.post_form(&format!("{board_page}/archive"), &[]).await;
    assert_eq!(res.location(), format!("{org}/boards"));
    assert!(
        !c.get(&format!("{org}/boards"))
            .await
            .body
            .contains("IT-plan 2027")
    );
    let page = c.get(&board_page).await.body;
    assert!(page.contains("Det här är arkiverat") && page.contains(&format!("{board_page}/restore")));
    let archive = c.get(&format!("{org}/archive")).await.body;
    assert!(archive.contains("IT-plan 2027") && !archive.contains("Byt brandvägg"));
}

#[tokio::test]
async fn a_card_past_its_due_date_is_said_to_be_overdue() {
    let w = World::new().await;
    let admin = w.member("admin@norrvik.se", "Norrvik", Role::Admin).await;
    let plan = w.app.plan();
    let board = plan
        .create_board(
            &admin,
            &mognad_app::plan::boards::BoardInput {
                name: "IT-plan".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let late = TaskInput {
        title: "Förnya avtalet".into(),
        due: "2019-01-07".into(),
        ..Default::default()
    };
    let later = TaskInput {
        title: "Nästa år".into(),
        due: "2099-01-07".into(),
        ..Default::default()
    };
    let card = plan
        .create_task(&admin, BoardId(board.id), &late, None)
        .await
        .unwrap();
    plan.create_task(&admin, BoardId(board.id), &later, None)
        .await
        .unwrap();
    let mut c = w.client();
    c.login("admin@norrvik.se").await;
    let org = format!("/orgs/{}", admin.org);
    let page = c.get(&format!("{org}/boards/{}", board.id)).await.body;
    assert_eq!(page.matches("Försenat").count(), 1, "only the late card: {page}");
    let page = c.get(&format!("{org}/tasks/{card}")).await.body;
    assert!(page.contains("Klart senast 2019-01-07 har passerat."), "{page}");
}
