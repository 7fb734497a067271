//! What can be archived in the plan, and what a card's history records. An archived item keeps
//! everything it holds but leaves every list and count until it is restored; only an archived
//! item can be deleted for good, so a deletion always has a way back until its confirmation.

/// A kind of plan item that can be archived, restored and deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Archivable {
    Card,
    Board,
    Goal,
    Initiative,
    Form,
    Agenda,
}

impl Archivable {
    pub const ALL: [Archivable; 6] = [
        Archivable::Card,
        Archivable::Board,
        Archivable::Goal,
        Archivable::Initiative,
        Archivable::Form,
        Archivable::Agenda,
    ];

    /// The word in addresses and translations (`archive-kind-<word>`).
    pub fn as_str(self) -> &'static str {
        match self {
            Archivable::Card => "card",
            Archivable::Board => "board",
            Archivable::Goal => "goal",
            Archivable::Initiative => "initiative",
            Archivable::Form => "form",
            Archivable::Agenda => "agenda",
        }
    }

    pub fn parse(raw: &str) -> Option<Archivable> {
        Archivable::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// Whether a member may archive and restore it (cards and agendas, which members make);
    /// the others are an administrator's, like making them. Deleting is always an
    /// administrator's.
    pub fn by_member(self) -> bool {
        matches!(self, Archivable::Card | Archivable::Agenda)
    }
}

/// What happened to a card after it was made, as its history shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardEvent {
    Moved,
    /// The last move taken back.
    Undone,
    Edited,
    Archived,
    Restored,
}

impl CardEvent {
    pub const ALL: [CardEvent; 5] = [
        CardEvent::Moved,
        CardEvent::Undone,
        CardEvent::Edited,
        CardEvent::Archived,
        CardEvent::Restored,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CardEvent::Moved => "moved",
            CardEvent::Undone => "undone",
            CardEvent::Edited => "edited",
            CardEvent::Archived => "archived",
            CardEvent::Restored => "restored",
        }
    }

    pub fn parse(raw: &str) -> Option<CardEvent> {
        CardEvent::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_read_back() {
        for k in Archivable::ALL {
            assert_eq!(Archivable::parse(k.as_str()), Some(k));
        }
        for e in CardEvent::ALL {
            assert_eq!(CardEvent::parse(e.as_str()), Some(e));
        }
        assert_eq!(Archivable::parse("person"), None);
        assert_eq!(CardEvent::parse(""), None);
    }

    #[test]
    fn members_archive_what_members_make() {
        let by_member: Vec<_> = Archivable::ALL.into_iter().filter(|k| k.by_member()).collect();
        assert_eq!(by_member, vec![Archivable::Card, Archivable::Agenda]);
    }
}
