//! The measurement part of an organisation export: models, rounds with their groups, shared
//! links, frozen structure and disclosure ledger, invitations (hashes only), anonymous answers
//! and comments, and targets.
//!
//! Answers travel as they are stored (round, group, digit code) in sorted order, so the file
//! says nothing about when they came. Tallies are not exported: the import recounts them from
//! the answers. Drafts stay behind, sealed to tokens only their respondents hold.

use crate::{Invalid, Result};
use chrono::{NaiveDate, Utc};
use mognad_domain::answer::Answers;
use mognad_domain::ids::{GroupId, ModelId, OrgId, RoundId};
use mognad_domain::model::{self, Model};
use mognad_domain::round::{Round, RoundState};
use mognad_domain::tally::Tally;
use mognad_domain::text::Name;
use mognad_store::frozen::{self, Frozen, Release};
use mognad_store::invitations::{self, SharedLink, StoredInvitation};
use mognad_store::models::{self, StoredModel};
use mognad_store::responses::{self, NewComment, NewResponse};
use mognad_store::{Tx, orgs, rounds, targets};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelExport {
    pub id: Uuid,
    pub key: String,
    pub version: i64,
    /// The model file itself.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundExport {
    pub id: Uuid,
    pub model_id: Uuid,
    pub name: String,
    pub state: String,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
    pub group_ids: Vec<Uuid>,
    /// (group, slug, access code).
    pub shared_links: Vec<(Uuid, String, String)>,
    /// What the round was measured on, frozen when it opened (absent in files from before:
    /// the import then freezes an open or closed round on the imported directory).
    #[serde(default)]
    pub frozen: Option<Frozen>,
    /// The frozen (group, person) memberships.
    #[serde(default)]
    pub members: Vec<(Uuid, Option<Uuid>)>,
    /// The round's disclosure ledger.
    #[serde(default)]
    pub releases: Vec<Release>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerExport {
    pub round_id: Uuid,
    pub group_id: Uuid,
    pub answers: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentExport {
    pub round_id: Uuid,
    pub group_id: Uuid,
    pub engine: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetExport {
    pub model_key: String,
    pub scope_id: Uuid,
    pub engine: String,
    pub target: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MeasurementExport {
    pub models: Vec<ModelExport>,
    pub rounds: Vec<RoundExport>,
    pub invitations: Vec<StoredInvitation>,
    pub answers: Vec<AnswerExport>,
    pub comments: Vec<CommentExport>,
    pub targets: Vec<TargetExport>,
}

impl MeasurementExport {
    pub fn is_empty(&self) -> bool {
        self.models.is_empty() && self.rounds.is_empty()
    }
}

pub(crate) async fn export(tx: &mut Tx, org: OrgId) -> Result<MeasurementExport> {
    let mut m = MeasurementExport::default();
    for s in models::list(tx, org).await? {
        m.models.push(ModelExport {
            id: s.id,
            key: s.model_key,
            version: s.version,
            source: s.source,
        });
    }
    m.models
        .sort_by(|a, b| (&a.key, a.version).cmp(&(&b.key, b.version)));
    for r in rounds::list(tx, org).await? {
        let mut shared: Vec<(Uuid, String, String)> = invitations::shared_for_round(tx, r.id)
            .await?
            .into_iter()
            .map(|l| (l.group_id, l.slug, l.access_code))
            .collect();
        shared.sort();
        for (group_id, answers) in responses::all(tx, r.id).await? {
            m.answers.push(AnswerExport {
                round_id: r.id.0,
                group_id,
                answers,
            });
        }
        for (group_id, engine, text) in responses::all_comments(tx, r.id).await? {
            m.comments.push(CommentExport {
                round_id: r.id.0,
                group_id,
                engine,
                text,
            });
        }
        let frozen = frozen::load(tx, r.id).await?;
        let releases = if frozen.released {
            frozen::releases(tx, r.id).await?
        } else {
            Vec::new()
        };
        m.rounds.push(RoundExport {
            members: frozen::members(tx, r.id).await?,
            frozen: (r.state != RoundState::Draft).then_some(frozen),
            releases,
            id: r.id.0,
            model_id: r.model_id.0,
            name: r.name.to_string(),
            state: r.state.as_str().into(),
            opens_on: r.opens_on,
            closes_on: r.closes_on,
            group_ids: rounds::groups(tx, r.id).await?.into_iter().map(|g| g.0).collect(),
            shared_links: shared,
        });
    }
    m.invitations = invitations::for_org(tx, org).await?;
    m.targets = targets::all(tx, org)
        .await?
        .into_iter()
        .map(|(model_key, scope_id, engine, target)| TargetExport {
            model_key,
            scope_id,
            engine,
            target,
        })
        .collect();
    Ok(m)
}

/// A measurement section checked against the rest of the document, ready to write.
pub(crate) struct Parsed<'a> {
    doc: &'a MeasurementExport,
    models: HashMap<Uuid, Model>,
    rounds: Vec<Round>,
}

fn bad(path: String, e: impl ToString) -> Invalid {
    Invalid {
        field: Some(path),
        code: "invalid".into(),
        message: e.to_string(),
        args: Vec::new(),
    }
}

/// Checks the section: models parse, rounds name known models and groups, answers fit their
/// round's model, invitations name known rounds, groups and people.
pub(crate) fn parse<'a>(
    doc: &'a MeasurementExport,
    org: OrgId,
    groups: &HashSet<Uuid>,
    people: &HashSet<Uuid>,
    errors: &mut Vec<Invalid>,
) -> Parsed<'a> {
    let mut models_by_id = HashMap::new();
    for (i, m) in doc.models.iter().enumerate() {
        match model::parse(&m.source) {
            Ok(parsed) => {
                models_by_id.insert(m.id, parsed);
            }
            Err(e) => errors.push(bad(format!("measurement.models[{i}]"), format!("{e:?}"))),
        }
    }
    let mut round_models = HashMap::new();
    let mut rounds_out = Vec::new();
    for (i, r) in doc.rounds.iter().enumerate() {
        let path = format!("measurement.rounds[{i}]");
        let (Ok(name), Some(state)) = (Name::parse("name", &r.name), RoundState::parse(&r.state)) else {
            errors.push(bad(
                path,
                "a round needs a name and a state of draft, open or closed",
            ));
            continue;
        };
        if !models_by_id.contains_key(&r.model_id) {
            errors.push(bad(path.clone(), "the round's model is not in the document"));
        }
        if r.group_ids.iter().any(|g| !groups.contains(g)) {
            errors.push(bad(
                path.clone(),
                "the round names a group that is not in the document",
            ));
        }
        round_models.insert(r.id, r.model_id);
        rounds_out.push(Round {
            id: RoundId(r.id),
            org_id: org,
            model_id: ModelId(r.model_id),
            name,
            state,
            opens_on: r.opens_on,
            closes_on: r.closes_on,
        });
    }
    for (i, a) in doc.answers.iter().enumerate() {
        let fits = round_models
            .get(&a.round_id)
            .and_then(|m| models_by_id.get(m))
            .is_some_and(|m| Answers::from_code(m, &a.answers).is_some());
        if !fits || !groups.contains(&a.group_id) {
            errors.push(bad(
                format!("measurement.answers[{i}]"),
                "the answer does not fit its round's model or group",
            ));
        }
    }
    for (i, inv) in doc.invitations.iter().enumerate() {
        let known = round_models.contains_key(&inv.round_id)
            && groups.contains(&inv.group_id)
            && inv.person_id.is_none_or(|p| people.contains(&p));
        if !known {
            errors.push(bad(
                format!("measurement.invitations[{i}]"),
                "the invitation refers to something not in the document",
            ));
        }
    }
    Parsed {
        doc,
        models: models_by_id,
        rounds: rounds_out,
    }
}

pub(crate) async fn write(tx: &mut Tx, org: OrgId, p: &Parsed<'_>) -> mognad_store::Result<()> {
    let now = Utc::now();
    let k = orgs::get(tx, org)
        .await?
        .map(|o| o.settings.anonymity_threshold.get())
        .unwrap_or(mognad_domain::org::AnonymityThreshold::DEFAULT.get());
    for m in &p.doc.models {
        let parsed = &p.models[&m.id];
        let stored = StoredModel {
            id: m.id,
            org_id: org.0,
            model_key: m.key.clone(),
            version: m.version,
            name_sv: parsed.name.sv.clone(),
            name_en: parsed.name.en.clone(),
            source: m.source.clone(),
        };
        models::insert(tx, &stored, now).await?;
    }
    for (r, e) in p.rounds.iter().zip(&p.doc.rounds) {
        rounds::insert(tx, r, now).await?;
        for g in &e.group_ids {
            rounds::add_group(tx, r.id, GroupId(*g)).await?;
        }
        match &e.frozen {
            Some(f) if r.state != RoundState::Draft => {
                frozen::freeze(tx, r.id, f.k.unwrap_or(k), &f.groups, &f.units, &e.members).await?;
                if f.released {
                    frozen::release(tx, r.id, &e.releases).await?;
                }
            }
            None if r.state != RoundState::Draft => {
                crate::measurement::freeze::freeze(tx, org, r.id, k).await?
            }
            _ => {}
        }
        for (group_id, slug, access_code) in &e.shared_links {
            let link = SharedLink {
                round_id: r.id.0,
                group_id: *group_id,
                slug: slug.clone(),
                access_code: access_code.clone(),
            };
            invitations::insert_shared(tx, &link).await?;
        }
    }
    for i in &p.doc.invitations {
        invitations::insert_exact(tx, i, now).await?;
    }
    let stored: Vec<NewResponse> = p
        .doc
        .answers
        .iter()
        .map(|a| NewResponse {
            round_id: a.round_id,
            group_id: a.group_id,
            answers: a.answers.clone(),
        })
        .collect();
    responses::insert_responses(tx, &stored).await?;
    let comments: Vec<NewComment> = p
        .doc
        .comments
        .iter()
        .map(|c| NewComment {
            round_id: c.round_id,
            group_id: c.group_id,
            engine_key: c.engine.clone(),
            body: c.text.clone(),
        })
        .collect();
    responses::insert_comments(tx, &comments).await?;
    // The tallies are recounted from the answers, so they agree with them by construction.
    let model_of: HashMap<Uuid, &Model> = p
        .doc
        .rounds
        .iter()
        .filter_map(|r| Some((r.id, p.models.get(&r.model_id)?)))
        .collect();
    let mut tallies: BTreeMap<(Uuid, Uuid), Tally> = BTreeMap::new();
    for a in &p.doc.answers {
        let m = model_of[&a.round_id];
        let Some(ans) = Answers::from_code(m, &a.answers) else {
            continue;
        };
        tallies
            .entry((a.round_id, a.group_id))
            .or_default()
            .add_answers(m, &ans);
    }
    for ((round, group), t) in &tallies {
        responses::put_tally(tx, *round, *group, t).await?;
    }
    for t in &p.doc.targets {
        targets::set(tx, org, &t.model_key, t.scope_id, &t.engine, Some(t.target)).await?;
    }
    Ok(())
}
