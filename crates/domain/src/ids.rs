//! Typed identifiers. Keys are UUIDv7, made by the application, so they sort by creation time
//! and never collide between backends or instances (export/import keeps them).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! id_type {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh, time-ordered identifier.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                use utoipa::openapi::{KnownFormat, ObjectBuilder, SchemaFormat, schema::Type};
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid)))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}
    )*};
}

id_type!(
    OrgId,
    UnitId,
    PersonId,
    GroupId,
    TeamId,
    UserId,
    SupervisionId,
    MentorshipId,
    TeamMembershipId,
    ModelId,
    RoundId,
    // Any of the three leadership relationships (supervision, team membership, mentorship).
    RelationshipId,
    FrameworkId,
    ActionId,
    BlipId,
    SignalId,
    GoalId,
    InitiativeId,
    BoardId,
    ColumnId,
    TaskId,
    ChecklistItemId,
    IntakeFormId,
    AgendaId,
    TimeEntryId,
    InvitationId,
    ApiTokenId,
    NotificationId,
    ReviewId,
);
