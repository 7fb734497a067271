//! An organisation's accounts managed in the browser by its owners and admins: roles, pausing
//! and resuming, invitations. The rules: nobody changes their own role or pauses themselves; an
//! admin cannot touch an owner or make one; the last active owner stays an active owner.

use crate::platform::accounts::{random_token, token_hash};
use crate::platform::audit::record;
use crate::{Actor, AppError, Result};
use chrono::{Duration, Utc};
use mognad_domain::ids::{InvitationId, UserId};
use mognad_domain::role::Role;
use mognad_domain::text::Email;
use mognad_store::account_links::{self, Invitation};
use mognad_store::members::{self, Member};
use mognad_store::{Db, Tx, WriterLock};
use uuid::Uuid;

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 7;

/// An invitation just made, with its secret link token: the only time it is known.
pub struct IssuedInvitation {
    pub invitation: Invitation,
    pub token: String,
}

fn refuse(field: &str, code: &'static str, message: &str) -> AppError {
    AppError::invalid(field, code, message)
}

/// The member `user` of the actor's organisation, checked against the rules for changing them.
async fn changeable(tx: &mut Tx, actor: &Actor, user: UserId) -> Result<Member> {
    let m = members::get(tx, actor.org, user)
        .await?
        .ok_or(AppError::NotFound)?;
    if m.user == actor.user.id {
        return Err(refuse(
            "user",
            "own-account",
            "you cannot change your own role or pause yourself",
        ));
    }
    if m.role == Role::Owner && actor.role != Role::Owner {
        return Err(refuse("user", "above-role", "only an owner can change an owner"));
    }
    Ok(m)
}

/// Refuses when taking `m` away as an active owner would leave the organisation without one.
async fn keeps_an_owner(tx: &mut Tx, actor: &Actor, m: &Member) -> Result<()> {
    if m.role == Role::Owner && m.active && members::active_owners(tx, actor.org).await? <= 1 {
        return Err(refuse(
            "user",
            "owner-needed",
            "the organisation's only owner must stay; make someone else owner first",
        ));
    }
    Ok(())
}

impl super::Platform<'_> {
    /// The organisation's accounts with role, state and last sign-in. Admins and owners.
    #[tracing::instrument(skip_all)]
    pub async fn members(&self, actor: &Actor) -> Result<Vec<Member>> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.read().await?;
        Ok(members::list(&mut tx, actor.org).await?)
    }

    /// Gives a member another role.
    #[tracing::instrument(skip_all)]
    pub async fn set_member_role(&self, actor: &Actor, user: UserId, role: Role) -> Result<()> {
        actor.require(Role::Admin)?;
        actor.not_by_token()?;
        if role == Role::Owner && actor.role != Role::Owner {
            return Err(refuse("role", "above-role", "only an owner can make an owner"));
        }
        let mut tx = self.db.write().await?;
        Db::serialise(&mut tx, WriterLock::Memberships).await?;
        let m = changeable(&mut tx, actor, user).await?;
        if m.role == role {
            return Ok(());
        }
        keeps_an_owner(&mut tx, actor, &m).await?;
        mognad_store::users::set_role(&mut tx, user, actor.org, role).await?;
        record(
            &mut tx,
            actor,
            "role-changed",
            &format!("{}: {} → {role}", m.email, m.role),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Pauses (`active = false`) or resumes a member. A paused member keeps their role on
    /// record but cannot act in the organisation, and their API tokens stop working.
    #[tracing::instrument(skip_all)]
    pub async fn set_member_active(&self, actor: &Actor, user: UserId, active: bool) -> Result<()> {
        actor.require(Role::Admin)?;
        actor.not_by_token()?;
        let mut tx = self.db.write().await?;
        Db::serialise(&mut tx, WriterLock::Memberships).await?;
        let m = changeable(&mut tx, actor, user).await?;
        if m.active == active {
            return Ok(());
        }
        if !active {
            keeps_an_owner(&mut tx, actor, &m).await?;
        }
        members::set_active(&mut tx, actor.org, user, active).await?;
        if !active {
            account_links::withdraw_for(&mut tx, actor.org, &m.email).await?;
        }
        let action = if active {
            "member-reactivated"
        } else {
            "member-deactivated"
        };
        record(&mut tx, actor, action, &m.email).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A new role, pausing or resuming, or both (the API's one change of a member).
    #[tracing::instrument(skip_all)]
    pub async fn change_member(
        &self,
        actor: &Actor,
        user: UserId,
        role: Option<Role>,
        active: Option<bool>,
    ) -> Result<()> {
        actor.require(Role::Admin)?;
        actor.not_by_token()?;
        if let Some(role) = role {
            self.set_member_role(actor, user, role).await?;
        }
        if let Some(active) = active {
            self.set_member_active(actor, user, active).await?;
        }
        Ok(())
    }

    /// Invites `email` to the organisation with `role` (at most the inviter's own). The caller
    /// mails the link; an administrator may also hand it over.
    #[tracing::instrument(skip_all)]
    pub async fn invite(&self, actor: &Actor, email: &str, role: Role) -> Result<IssuedInvitation> {
        actor.require(Role::Admin)?;
        actor.not_by_token()?;
        let email = Email::parse(email)?;
        if !actor.role.at_least(role) {
            return Err(refuse(
                "role",
                "above-role",
                "you cannot invite someone above your own role",
            ));
        }
        let mut tx = self.db.write().await?;
        if let Some(u) = mognad_store::users::by_email(&mut tx, &email).await?
            && let Some(m) = members::get(&mut tx, actor.org, u.id).await?
        {
            if m.active {
                return Err(refuse(
                    "email",
                    "already-member",
                    "this account is a member already",
                ));
            }
            // Accepting brings a paused member back; a paused owner only by an owner.
            if m.role == Role::Owner && actor.role != Role::Owner {
                return Err(refuse("role", "above-role", "only an owner can change an owner"));
            }
        }
        let issued = issue(&mut tx, actor.org, email.as_str(), role, Some(actor.user.id)).await?;
        record(&mut tx, actor, "member-invited", &format!("{email} ({role})")).await?;
        tx.commit().await?;
        Ok(issued)
    }

    /// Invitations not yet accepted, expired ones too (shown as such). Admins and owners.
    #[tracing::instrument(skip_all)]
    pub async fn invitations(&self, actor: &Actor) -> Result<Vec<Invitation>> {
        actor.require(Role::Admin)?;
        let mut tx = self.db.read().await?;
        Ok(account_links::open_invitations(&mut tx, actor.org).await?)
    }

    /// Withdraws an invitation that has not been accepted.
    #[tracing::instrument(skip_all)]
    pub async fn withdraw_invitation(&self, actor: &Actor, id: InvitationId) -> Result<()> {
        let id = id.0;
        actor.require(Role::Admin)?;
        let mut tx = self.db.write().await?;
        let found = account_links::open_invitations(&mut tx, actor.org)
            .await?
            .into_iter()
            .find(|i| i.id == id)
            .ok_or(AppError::NotFound)?;
        account_links::delete_invitation(&mut tx, actor.org, id).await?;
        record(&mut tx, actor, "invitation-withdrawn", &found.email).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Stores an invitation and returns it with its link token.
pub(crate) async fn issue(
    tx: &mut Tx,
    org: mognad_domain::ids::OrgId,
    email: &str,
    role: Role,
    by: Option<UserId>,
) -> Result<IssuedInvitation> {
    let token = random_token();
    let now = Utc::now();
    let invitation = Invitation {
        id: Uuid::now_v7(),
        org,
        email: email.to_owned(),
        role,
        invited_by: by,
        created_at: now,
        expires_at: now + Duration::days(INVITATION_DAYS),
        accepted_at: None,
    };
    account_links::insert_invitation(tx, &invitation, &token_hash(&token)).await?;
    Ok(IssuedInvitation { invitation, token })
}
