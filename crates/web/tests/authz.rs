//! The authorization matrix: every route of the router × every role (anonymous, member, analyst,
//! admin, owner) × the actor's own organisation and a foreign one.
//!
//! The routes come from the router itself, so a new route without a row in [`RULES`] fails this
//! test. For each request the rule says who may pass; a caller who may pass must not be turned
//! away (401, 403, 404), a caller who may not must be turned away (401 or 403, or the sign-in
//! redirect), and every request into a foreign organisation must answer 404 — never a read,
//! never a write. Every request carries a body its handler can read (`authz_bodies`), so a
//! refusal counted is the role check's, not a 400 for a body that could not be parsed.
//!
//! Each role gets a fresh pair of organisations, and routes run reads first, then writes, then
//! deletions, then signing out, so one request does not take away what the next one needs.

mod authz_bodies;
mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use mognad_app::measurement::rounds::RoundInput;
use mognad_app::org::directory::{NamedInput, PersonInput, UnitInput};
use mognad_app::org::relations::RelationshipInput;
use mognad_app::{Actor, App};
use mognad_domain::ids::BoardId;
use mognad_domain::role::Role;

/// Who may use a route: nobody needs to sign in, any signed-in user, or a role in the
/// organisation of the path.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Need {
    Public,
    SignedIn,
    Role(Role),
    /// A bearer token outside the accounts (the metrics scraper's): no session opens it.
    Token,
    /// The instance administrator, whom no caller here is.
    InstanceAdmin,
    /// Reads competence across the organisation: analysts (counts), HR, admins and owners.
    CompetenceReader,
}

use Need::*;

/// (method, path pattern, who may). Every route of the router must be here.
const RULES: &[(&str, &str, Need)] = &[
    ("GET", "/", Public),
    ("GET", "/healthz", Public),
    ("GET", "/readyz", Public),
    ("GET", "/metrics", Token),
    ("GET", "/static/app.css", Public),
    ("GET", "/static/htmx.min.js", Public),
    ("GET", "/lang/{code}", Public),
    ("GET", "/r/{token}", Public),
    ("POST", "/r/{token}", Public),
    ("POST", "/r/{token}/submit", Public),
    ("POST", "/r/{token}/group", Public),
    ("GET", "/g/{slug}", Public),
    ("POST", "/g/{slug}", Public),
    ("GET", "/login", Public),
    ("POST", "/login", Public),
    ("POST", "/logout", Public),
    ("GET", "/account", SignedIn),
    ("POST", "/account/password", SignedIn),
    ("GET", "/api/v1/openapi.json", Public),
    ("GET", "/api/v1/me", SignedIn),
    ("GET", "/static/sortable.min.js", Public),
    ("GET", "/static/board.js", Public),
    ("GET", "/f/{slug}", Public),
    ("POST", "/f/{slug}", Public),
    // Accounts: the instance's page is its administrator's; the one-time links are public
    // (a made-up link is refused as unknown or expired); users, tokens and the log are the
    // administrators' and, for the log, the owners'.
    ("GET", "/admin", InstanceAdmin),
    ("POST", "/admin/orgs", InstanceAdmin),
    ("POST", "/admin/references", InstanceAdmin),
    ("POST", "/admin/references/{key}/delete", InstanceAdmin),
    // Any member reads the benchmark; taking part is the administrators' choice.
    ("GET", "/orgs/{org}/benchmark", Role(Role::Member)),
    ("POST", "/orgs/{org}/benchmark", Role(Role::Admin)),
    ("GET", "/setup/{token}", Public),
    ("POST", "/setup/{token}", Public),
    ("GET", "/invite/{token}", Public),
    ("POST", "/invite/{token}", Public),
    ("GET", "/password/forgot", Public),
    ("POST", "/password/forgot", Public),
    ("GET", "/password/reset/{token}", Public),
    ("POST", "/password/reset/{token}", Public),
    ("GET", "/login/code", Public),
    ("POST", "/login/code", Public),
    ("GET", "/account/two-factor", SignedIn),
    ("POST", "/account/two-factor/start", SignedIn),
    ("POST", "/account/two-factor/confirm", SignedIn),
    ("POST", "/account/two-factor/disable", SignedIn),
    ("POST", "/orgs/{org}/members/two-factor", Role(Role::Owner)),
    ("GET", "/sso", Public),
    ("POST", "/sso", Public),
    ("GET", "/sso/start", Public),
    ("GET", "/sso/callback", Public),
    ("GET", "/orgs/{org}/sso", Role(Role::Admin)),
    ("POST", "/orgs/{org}/sso", Role(Role::Owner)),
    ("GET", "/api/v1/orgs/{org}/sso", Role(Role::Admin)),
    ("PUT", "/api/v1/orgs/{org}/sso", Role(Role::Owner)),
    ("GET", "/orgs/{org}/members", Role(Role::Admin)),
    ("GET", "/orgs/{org}/tokens", Role(Role::Admin)),
    ("GET", "/orgs/{org}/audit", Role(Role::Owner)),
    ("GET", "/orgs/{org}/audit.csv", Role(Role::Owner)),
    ("GET", "/api/v1/orgs/{org}/members", Role(Role::Admin)),
    ("GET", "/api/v1/orgs/{org}/tokens", Role(Role::Admin)),
    ("GET", "/api/v1/orgs/{org}/audit", Role(Role::Owner)),
    // Members work on boards: adding, editing and moving cards is theirs, boards and columns
    // are admins'.
    ("POST", "/orgs/{org}/boards/{id}/tasks", Role(Role::Member)),
    ("POST", "/orgs/{org}/tasks/{id}", Role(Role::Member)),
    ("POST", "/orgs/{org}/tasks/{id}/move", Role(Role::Member)),
    ("POST", "/orgs/{org}/tasks/{id}/checklist", Role(Role::Member)),
    (
        "POST",
        "/orgs/{org}/tasks/{id}/checklist/{item}",
        Role(Role::Member),
    ),
    ("POST", "/orgs/{org}/tasks/{id}/comments", Role(Role::Member)),
    ("POST", "/api/v1/orgs/{org}/boards/{id}/tasks", Role(Role::Member)),
    ("PUT", "/api/v1/orgs/{org}/tasks/{id}", Role(Role::Member)),
    ("POST", "/api/v1/orgs/{org}/tasks/{id}/move", Role(Role::Member)),
    // Members archive and restore what members make (cards, agendas) and take back a move;
    // the rest is the administrators' to archive, and deleting is always theirs.
    ("POST", "/orgs/{org}/tasks/{id}/archive", Role(Role::Member)),
    ("POST", "/orgs/{org}/tasks/{id}/restore", Role(Role::Member)),
    ("POST", "/orgs/{org}/tasks/{id}/undo", Role(Role::Member)),
    ("POST", "/orgs/{org}/tasks/{id}/time", Role(Role::Member)),
    ("GET", "/ics/{token}", Public),
    ("GET", "/f/{slug}/receipt", Public),
    ("POST", "/f/{slug}/receipt", Public),
    ("POST", "/orgs/{org}/boards/{id}/bulk", Role(Role::Member)),
    ("POST", "/api/v1/orgs/{org}/boards/{id}/bulk", Role(Role::Member)),
    // Members archive and restore cards and agendas; the use case refuses them the rest.
    ("POST", "/api/v1/orgs/{org}/archive", Role(Role::Member)),
    ("POST", "/api/v1/orgs/{org}/restore", Role(Role::Member)),
    ("POST", "/api/v1/orgs/{org}/tasks/{id}/undo", Role(Role::Member)),
    ("POST", "/orgs/{org}/calendar/me", Role(Role::Member)),
    // Following up recurring problems handles the submitters' contacts: administrators only.
    ("GET", "/orgs/{org}/follow-up", Role(Role::Admin)),
    // Each member reads, marks and chooses only their own notifications.
    ("POST", "/orgs/{org}/notifications/read", Role(Role::Member)),
    ("POST", "/orgs/{org}/notifications/settings", Role(Role::Member)),
    (
        "POST",
        "/api/v1/orgs/{org}/notifications/read",
        Role(Role::Member),
    ),
    ("POST", "/orgs/{org}/calendar/me/stop", Role(Role::Member)),
    ("POST", "/orgs/{org}/calendar/boards/{id}", Role(Role::Member)),
    (
        "POST",
        "/orgs/{org}/calendar/boards/{id}/stop",
        Role(Role::Member),
    ),
    ("POST", "/api/v1/orgs/{org}/tasks/{id}/time", Role(Role::Member)),
    // A member takes back only entries they logged; the seeded entry is another account's.
    ("POST", "/orgs/{org}/time/{id}/remove", Role(Role::Admin)),
    ("POST", "/orgs/{org}/agendas/{id}/archive", Role(Role::Member)),
    ("POST", "/orgs/{org}/agendas/{id}/restore", Role(Role::Member)),
    // Anyone who meets may write an agenda.
    // Erasure and retention are the administrators'. A person's document is theirs and the
    // administrators': the seeded person is the caller, so any role reads it (the app test
    // shows a colleague refused).
    ("GET", "/orgs/{org}/people/{id}/data", Role(Role::Member)),
    ("GET", "/orgs/{org}/people/{id}/erase", Role(Role::Admin)),
    ("GET", "/orgs/{org}/privacy", Role(Role::Admin)),
    ("GET", "/api/v1/orgs/{org}/people/{id}/data", Role(Role::Member)),
    ("GET", "/api/v1/orgs/{org}/retention", Role(Role::Admin)),
    ("POST", "/orgs/{org}/agendas", Role(Role::Member)),
    ("POST", "/orgs/{org}/agendas/{id}/points", Role(Role::Member)),
    // The caller is the seeded person (same e-mail), so their own record is open to any role;
    // who else may see it is the use-case tests' business (crates/app/tests/assessments.rs).
    (
        "POST",
        "/orgs/{org}/people/{id}/competence/assessments",
        Role(Role::Member),
    ),
    (
        "POST",
        "/orgs/{org}/people/{id}/competence/role",
        Role(Role::Member),
    ),
    (
        "POST",
        "/orgs/{org}/people/{id}/competence/consent",
        Role(Role::Member),
    ),
    (
        "POST",
        "/orgs/{org}/people/{id}/competence/placement",
        Role(Role::Member),
    ),
    (
        "POST",
        "/orgs/{org}/people/{id}/competence/actions",
        Role(Role::Member),
    ),
    (
        "POST",
        "/orgs/{org}/people/{id}/competence/actions/{action}/status",
        Role(Role::Member),
    ),
    (
        "POST",
        "/api/v1/orgs/{org}/people/{id}/assessments",
        Role(Role::Member),
    ),
    (
        "PUT",
        "/api/v1/orgs/{org}/people/{id}/competence/role",
        Role(Role::Member),
    ),
    (
        "PUT",
        "/api/v1/orgs/{org}/people/{id}/competence/consent",
        Role(Role::Member),
    ),
    (
        "POST",
        "/api/v1/orgs/{org}/people/{id}/placements",
        Role(Role::Member),
    ),
    (
        "POST",
        "/api/v1/orgs/{org}/people/{id}/actions",
        Role(Role::Member),
    ),
    (
        "PUT",
        "/api/v1/orgs/{org}/people/{id}/actions/{action}",
        Role(Role::Member),
    ),
    // A review's sheet is the person's, their manager's or an asked colleague's: the caller
    // manages the seeded trainee, so any role of theirs passes; who else may is the use-case
    // tests' business (crates/app/tests/reviews.rs).
    (
        "POST",
        "/orgs/{org}/reviews/{id}/people/{person}",
        Role(Role::Member),
    ),
    (
        "POST",
        "/orgs/{org}/reviews/{id}/people/{person}/peers",
        Role(Role::Member),
    ),
    (
        "POST",
        "/orgs/{org}/reviews/{id}/people/{person}/sign-off",
        Role(Role::Member),
    ),
];

/// Routes inside an organisation: reads need membership, the rest follow from the path.
fn org_rule(method: &str, path: &str) -> Option<Need> {
    if !path.contains("/orgs/{org}") {
        return None;
    }
    let admin_pages = ["/settings", "/import", "/new", "/delete", "/edit"];
    // A directory entry's own page is its edit form.
    let edit_forms = [
        "/units/{id}",
        "/people/{id}",
        "/groups/{id}",
        "/teams/{id}",
        "/relationships/{id}",
    ];
    let analyst = ["/answers.csv"];
    let competence_readers = [
        "/competence/gaps",
        "/competence/gaps.csv",
        "/competence/gaps.xlsx",
    ];
    Some(if competence_readers.iter().any(|s| path.ends_with(s)) {
        CompetenceReader
    } else if analyst.iter().any(|s| path.ends_with(s)) {
        Role(Role::Analyst)
    } else if method == "GET"
        && !admin_pages.iter().any(|s| path.ends_with(s))
        && !(path.starts_with("/orgs/") && edit_forms.iter().any(|s| path.ends_with(s)))
    {
        Role(Role::Member)
    } else {
        Role(Role::Admin)
    })
}

fn rule(method: &str, path: &str) -> Option<Need> {
    RULES
        .iter()
        .find(|(m, p, _)| *m == method && *p == path)
        .map(|(_, _, n)| *n)
        .or_else(|| org_rule(method, path))
}

/// The ids one organisation's paths are filled with.
struct Ids {
    org: String,
    unit: String,
    person: String,
    /// A review of the seed's unit, and someone the caller supervises in it.
    review: String,
    subordinate: String,
    group: String,
    team: String,
    relationship: String,
    round: String,
    token: String,
    slug: String,
    framework: String,
    action: String,
    blip: String,
    board: String,
    column: String,
    task: String,
    item: String,
    initiative: String,
    goal: String,
    form: String,
    form_slug: String,
    agenda: String,
    time: String,
    feed: String,
    /// The seeding admin's account: a member others may change.
    member: String,
    model: String,
    invitation: String,
    api_token: String,
}

/// Fills the organisation with one of everything; `n` keeps names unique when called again.
async fn seed(app: &App, a: &Actor, n: usize) -> Ids {
    let unit = app
        .org()
        .save_unit(
            a,
            None,
            &UnitInput {
                name: format!("IT {n}"),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mut people = Vec::new();
    for name in ["Chef", "Medarbetare", "Praktikant"] {
        // The first seed's employee is the caller, so their own competence routes are open to them.
        let email = (name == "Medarbetare" && n == 0).then(|| "caller@norrvik.se".to_owned());
        let p = app
            .org()
            .save_person(
                a,
                None,
                &PersonInput {
                    name: format!("{name} {n}"),
                    email,
                    unit_id: Some(unit.id.to_string()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        people.push(p.id);
    }
    let group = app
        .org()
        .save_group(
            a,
            None,
            &NamedInput {
                name: format!("Ledningen {n}"),
                unit_id: None,
            },
        )
        .await
        .unwrap();
    app.org()
        .set_group_member(a, group.id, people[0], true)
        .await
        .unwrap();
    let team = app
        .org()
        .save_team(
            a,
            None,
            &NamedInput {
                name: format!("Drift {n}"),
                unit_id: None,
            },
        )
        .await
        .unwrap();
    let rel = app
        .org()
        .save_relationship(
            a,
            None,
            &RelationshipInput {
                kind: "supervision".into(),
                from_id: people[0].to_string(),
                to_id: people[1].to_string(),
                role: None,
                valid_from: "2026-01-01".into(),
                valid_to: None,
            },
        )
        .await
        .unwrap();
    // The caller supervises the trainee, so a review sheet of theirs is the caller's to fill in
    // as manager, ask peers for, and sign off.
    app.org()
        .save_relationship(
            a,
            None,
            &RelationshipInput {
                kind: "supervision".into(),
                from_id: people[1].to_string(),
                to_id: people[2].to_string(),
                role: None,
                valid_from: "2026-01-01".into(),
                valid_to: None,
            },
        )
        .await
        .unwrap();
    let review = app
        .competence()
        .start_review(
            a,
            &mognad_app::competence::reviews::CycleInput {
                name: format!("Genomgång {n}"),
                scope: format!("unit:{}", unit.id),
                deadline: "2099-12-31".into(),
            },
        )
        .await
        .unwrap();
    let model = app.measurement().models(a).await.unwrap()[0].id;
    let round = app
        .measurement()
        .create_round(
            a,
            &RoundInput {
                name: format!("T{n}"),
                model_id: model.to_string(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let links = app.measurement().issue_invitations(a, round.id).await.unwrap();
    app.measurement()
        .set_round_state(a, round.id, "open")
        .await
        .unwrap();
    let status = app.measurement().round_status(a, round.id).await.unwrap();
    let action = app
        .competence()
        .add_action(
            a,
            people[1],
            &mognad_app::competence::develop::ActionInput {
                title: format!("Kurs {n}"),
                kind: "course".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    app.competence()
        .save_blip(
            a,
            &mognad_app::competence::scanning::BlipInput {
                name: format!("Teknik {n}"),
                quadrant: "tools".into(),
                ring: "trial".into(),
                note: String::new(),
            },
        )
        .await
        .unwrap();
    let blip = app.competence().radar(a).await.unwrap().0[0].id;
    let board = app
        .plan()
        .create_board(
            a,
            &mognad_app::plan::boards::BoardInput {
                name: format!("Tavla {n}"),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let column = app
        .plan()
        .board(a, BoardId(board.id), &Default::default(), None)
        .await
        .unwrap()
        .columns[0]
        .id;
    let task = app
        .plan()
        .create_task(
            a,
            BoardId(board.id),
            &mognad_app::plan::cards::TaskInput {
                title: format!("Kort {n}"),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    app.plan().add_checklist_item(a, task, "Punkt").await.unwrap();
    let item = app.plan().task(a, task).await.unwrap().checklist[0].id;
    let goal = app
        .plan()
        .save_goal(
            a,
            None,
            &mognad_app::plan::goals::GoalInput {
                title: format!("Mål {n}"),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let initiative = app
        .plan()
        .save_initiative(
            a,
            None,
            &mognad_app::plan::initiatives::InitiativeInput {
                title: format!("Initiativ {n}"),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let form = app
        .plan()
        .save_intake_form(
            a,
            None,
            &mognad_app::plan::intake::FormInput {
                name: format!("Felanmälan {n}"),
                board_id: board.id.to_string(),
                public: "1".into(),
                intro: String::new(),
                fields: "Vad gäller det? | text".into(),
            },
        )
        .await
        .unwrap();
    let form_slug = app.plan().intake_form(a, form).await.unwrap().slug;
    let invitation = app
        .platform()
        .invite(a, &format!("ny{n}@norrvik.se"), Role::Member)
        .await
        .unwrap();
    let api_token = app
        .platform()
        .create_token(a, &format!("HR {n}"), Role::Analyst, 30)
        .await
        .unwrap();
    let agenda = app
        .plan()
        .create_agenda(
            a,
            &mognad_app::plan::agendas::AgendaInput {
                title: format!("Ledningsmöte {n}"),
                meets_on: "2026-12-01".into(),
            },
        )
        .await
        .unwrap();
    let time = app
        .plan()
        .log_time(
            a,
            task,
            &mognad_app::plan::time_log::TimeInput {
                person_id: people[1].to_string(),
                hours: "1".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let feed = app
        .plan()
        .renew_feed(a, mognad_app::plan::calendar::FeedOf::Me)
        .await
        .unwrap();
    Ids {
        org: a.org.to_string(),
        unit: unit.id.to_string(),
        person: people[1].to_string(),
        review: review.to_string(),
        subordinate: people[2].to_string(),
        group: group.id.to_string(),
        team: team.id.to_string(),
        relationship: rel.id.to_string(),
        round: round.id.to_string(),
        token: links[0].token.clone(),
        slug: status[0].shared_slug.clone().unwrap(),
        framework: app.competence().frameworks(a).await.unwrap()[0].id.to_string(),
        action: action.to_string(),
        blip: blip.to_string(),
        board: board.id.to_string(),
        column: column.to_string(),
        task: task.to_string(),
        item: item.to_string(),
        initiative: initiative.to_string(),
        goal: goal.to_string(),
        form: form.to_string(),
        form_slug,
        agenda: agenda.to_string(),
        time: time.to_string(),
        feed,
        member: a.user.id.0.to_string(),
        model: model.to_string(),
        invitation: invitation.invitation.id.to_string(),
        api_token: api_token.token.id.to_string(),
    }
}

/// A concrete path for a pattern: `{id}` takes the id of the collection it follows.
fn fill(pattern: &str, ids: &Ids) -> String {
    let segments: Vec<&str> = pattern.split('/').collect();
    let mut out = Vec::new();
    for (i, s) in segments.iter().enumerate() {
        let prev = if i > 0 { segments[i - 1] } else { "" };
        out.push(match *s {
            "{org}" => ids.org.clone(),
            "{id}" => match prev {
                "units" => ids.unit.clone(),
                "people" => ids.person.clone(),
                "groups" => ids.group.clone(),
                "teams" => ids.team.clone(),
                "relationships" => ids.relationship.clone(),
                "rounds" => ids.round.clone(),
                "frameworks" => ids.framework.clone(),
                "reviews" => ids.review.clone(),
                "radar" | "blips" => ids.blip.clone(),
                "boards" => ids.board.clone(),
                "tasks" => ids.task.clone(),
                "initiatives" => ids.initiative.clone(),
                "goals" => ids.goal.clone(),
                "intake" => ids.form.clone(),
                "agendas" => ids.agenda.clone(),
                "time" => ids.time.clone(),
                "members" => ids.member.clone(),
                "invitations" => ids.invitation.clone(),
                "tokens" => ids.api_token.clone(),
                "models" => ids.model.clone(),
                other => panic!("no id for a path under '{other}': {pattern}"),
            },
            "{person}" if pattern.contains("/reviews/") => ids.subordinate.clone(),
            "{person}" => ids.person.clone(),
            "{action}" => ids.action.clone(),
            "{role}" => "it-strateg".into(),
            "{area}" => ids.group.clone(),
            "{token}" if prev == "ics" => ids.feed.clone(),
            "{token}" => ids.token.clone(),
            "{slug}" if prev == "f" => ids.form_slug.clone(),
            "{slug}" => ids.slug.clone(),
            "{column}" => ids.column.clone(),
            "{item}" => ids.item.clone(),
            "{code}" => "en".into(),
            "{key}" => "nio-motorer".into(),
            other => other.to_owned(),
        });
    }
    let path = out.join("/");
    if pattern.ends_with("/compare") {
        format!("{path}?with={}", ids.round)
    } else {
        path
    }
}

/// Reads, then writes, then deletions, then signing out.
fn order(method: &str, path: &str) -> u8 {
    match (method, path) {
        (_, "/logout") => 4,
        // Reminders and the link sheet replace the links, so they go with the deletions.
        (_, p) if p.ends_with("/reminders") || p.ends_with("/sheet") => 3,
        ("DELETE", _) => 3,
        (_, p)
            if ["/delete", "/remove", "/erase", "/withdraw", "/revoke"]
                .iter()
                .any(|end| p.ends_with(end)) =>
        {
            3
        }
        ("GET", _) => 1,
        _ => 2,
    }
}

/// Page routes that take a file upload (multipart).
const UPLOADS: &[&str] = &[
    "/admin/references",
    "/orgs/{org}/import",
    "/orgs/{org}/models",
    "/orgs/{org}/frameworks",
];

/// A request a handler can read: a body from the API's schema, a form with every field, or a
/// file for an upload.
async fn request(c: &mut Client, method: &str, pattern: &str, ids: &Ids) -> Res {
    use authz_bodies::*;
    let path = fill(pattern, ids);
    let refs = Refs {
        person: ids.person.clone(),
        unit: ids.unit.clone(),
        group: ids.group.clone(),
        model: ids.model.clone(),
        framework: ids.framework.clone(),
    };
    let req = if path.starts_with("/api/") {
        let doc = serde_json::to_value(<mognad_web::openapi::ApiDoc as utoipa::OpenApi>::openapi()).unwrap();
        Request::builder()
            .method(method)
            .uri(&path)
            .header(header::CONTENT_TYPE, "application/json")
            .header("x-csrf-token", c.csrf())
            .body(Body::from(if method == "GET" {
                String::new()
            } else {
                json_body(&doc, method, pattern, &refs)
            }))
            .unwrap()
    } else if method == "GET" {
        Request::get(&path).body(Body::empty()).unwrap()
    } else if UPLOADS.contains(&pattern) {
        let boundary = "mognad-authz";
        Request::builder()
            .method(method)
            .uri(format!("{path}?_csrf={}", c.csrf()))
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(upload_body(boundary)))
            .unwrap()
    } else {
        let sep = if path.contains('?') { '&' } else { '?' };
        Request::builder()
            .method(method)
            .uri(format!("{path}{sep}_csrf={}", c.csrf()))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form_body(&refs, &c.csrf())))
            .unwrap()
    };
    c.send(req).await
}

/// Every answer carries the security headers, whatever its status.
fn security_headers_missing(res: &Res) -> Vec<&'static str> {
    let h = &res.headers;
    let csp = h
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut missing = Vec::new();
    if csp.is_empty() || csp.contains("unsafe-inline") || !csp.contains("frame-ancestors 'none'") {
        missing.push("content-security-policy");
    }
    if h.get("x-content-type-options").is_none_or(|v| v != "nosniff") {
        missing.push("x-content-type-options");
    }
    if h.get("referrer-policy").is_none() {
        missing.push("referrer-policy");
    }
    missing
}

/// Refused: 401/403, or for a page the redirect to sign in.
fn turned_away(res: &Res) -> bool {
    matches!(res.status.as_u16(), 401 | 403)
        || (res.status == StatusCode::SEE_OTHER && res.location().starts_with("/login"))
}

fn allowed(need: Need, role: Option<Role>) -> bool {
    match (need, role) {
        (Public, _) => true,
        (SignedIn, r) => r.is_some(),
        (Role(n), Some(r)) => r.at_least(n),
        (Role(_), None) => false,
        (Token | InstanceAdmin, _) => false,
        (CompetenceReader, r) => r.is_some_and(|r| r.reads_competence()),
    }
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_rules_say() {
    let roles = [
        None,
        Some(Role::Member),
        Some(Role::Hr),
        Some(Role::Analyst),
        Some(Role::Admin),
        Some(Role::Owner),
    ];
    let mut failures = Vec::new();
    let mut checked = 0;
    for role in roles {
        let w = World::new().await;
        let label = role
            .map(|r| format!("{r:?}"))
            .unwrap_or_else(|| "anonymous".into());
        // The seeding admins; the caller is a separate user with `role` in the first organisation.
        let own_admin = w.member("seed-a@norrvik.se", "Norrvik", Role::Admin).await;
        let foreign_admin = w.member("seed-b@soderby.se", "Söderby", Role::Admin).await;
        let mut own = seed(&w.app, &own_admin, 0).await;
        let foreign = seed(&w.app, &foreign_admin, 0).await;
        let mut c = w.client();
        c.get("/login").await;
        if let Some(r) = role {
            let user = w
                .app
                .platform()
                .create_user(
                    "caller@norrvik.se",
                    "Caller",
                    PASSWORD,
                    mognad_domain::org::Language::Sv,
                )
                .await
                .unwrap();
            w.app
                .platform()
                .grant_role(user.id, own_admin.org, r)
                .await
                .unwrap();
            assert_eq!(c.login("caller@norrvik.se").await.status, StatusCode::SEE_OTHER);
        }
        let (_, mut routes) =
            mognad_web::routes::build(mognad_web::AppState::new(w.app.clone(), Default::default()));
        routes.sort_by_key(|(m, p)| (order(m, p), *p, *m));
        for (method, pattern) in routes {
            let Some(need) = rule(method, pattern) else {
                failures.push(format!("{method} {pattern}: no rule in the matrix"));
                continue;
            };
            let may = allowed(need, role);
            if order(method, pattern) == 3 {
                // Every deletion gets things of its own to delete.
                checked += 1;
                own = seed(&w.app, &own_admin, checked).await;
            }
            let res = request(&mut c, method, pattern, &own).await;
            let status = res.status;
            checked += 1;
            let ok = if need == Public {
                !matches!(status.as_u16(), 401 | 403 | 404)
            } else if may {
                !turned_away(&res) && status != StatusCode::NOT_FOUND
            } else {
                turned_away(&res)
            };
            if !ok {
                failures.push(format!(
                    "{label}: {method} {pattern} answered {status}, may pass: {may}"
                ));
            }
            let missing = security_headers_missing(&res);
            if !missing.is_empty() {
                failures.push(format!("{label}: {method} {pattern} lacks {missing:?}"));
            }
            if pattern.contains("{org}") {
                let res = request(&mut c, method, pattern, &foreign).await;
                checked += 1;
                let refused = if role.is_some() {
                    res.status == StatusCode::NOT_FOUND
                } else {
                    turned_away(&res)
                };
                if !refused {
                    failures.push(format!(
                        "{label}: {method} {pattern} in a foreign organisation answered {}",
                        res.status
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every state-changing route refuses a request without the CSRF token, or with another
/// browser's, before anything else happens — even for the owner.
#[tokio::test]
async fn every_unsafe_route_refuses_a_missing_or_foreign_csrf_token() {
    let w = World::new().await;
    let owner = w.member("owner@norrvik.se", "Norrvik", Role::Owner).await;
    let ids = seed(&w.app, &owner, 0).await;
    let mut c = w.client();
    assert_eq!(c.login("owner@norrvik.se").await.status, StatusCode::SEE_OTHER);
    let (_, routes) = mognad_web::routes::build(mognad_web::AppState::new(w.app.clone(), Default::default()));
    let mut failures = Vec::new();
    let mut checked = 0;
    for (method, pattern) in routes.into_iter().filter(|(m, _)| *m != "GET") {
        let path = fill(pattern, &ids);
        for token in ["", "a-token-from-another-browser"] {
            let req = Request::builder()
                .method(method)
                .uri(&path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("x-csrf-token", token)
                .body(Body::from(format!("_csrf={token}")))
                .unwrap();
            let res = c.send(req).await;
            checked += 1;
            if res.status != StatusCode::FORBIDDEN {
                failures.push(format!(
                    "{method} {pattern} with token {token:?} answered {}",
                    res.status
                ));
            }
        }
    }
    assert!(checked > 60, "only {checked} unsafe requests");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
