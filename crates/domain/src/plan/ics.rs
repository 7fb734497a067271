//! iCalendar (RFC 5545) text for the calendar feeds: each card with a due date as an all-day
//! event on that day. Text values are escaped, lines folded at 75 octets (never inside a UTF-8
//! character) and ended with CRLF, as calendar programs expect.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use uuid::Uuid;

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across fetches, so a calendar updates the event rather than adding another.
    pub id: Uuid,
    pub day: NaiveDate,
    pub summary: String,
    pub description: String,
    /// The card's page, when the instance knows its public address.
    pub url: Option<String>,
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line: at most 75 octets per line, continuation lines begin with a space.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

/// A whole calendar named `name`, stamped `now`.
pub fn calendar(name: &str, events: &[Event], now: DateTime<Utc>) -> String {
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Mognad//Plan//SV".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        format!("X-WR-CALNAME:{}", escape(name)),
    ] {
        out.push_str(&fold(&line));
    }
    for e in events {
        let mut lines = vec![
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}@mognad", e.id),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", e.day.format("%Y%m%d")),
            format!(
                "DTEND;VALUE=DATE:{}",
                (e.day + Duration::days(1)).format("%Y%m%d")
            ),
            format!("SUMMARY:{}", escape(&e.summary)),
            "TRANSP:TRANSPARENT".to_owned(),
        ];
        if !e.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(&e.description)));
        }
        if let Some(u) = &e.url {
            lines.push(format!("URL:{u}"));
        }
        lines.push("END:VEVENT".to_owned());
        for l in lines {
            out.push_str(&fold(&l));
        }
    }
    out.push_str(&fold("END:VCALENDAR"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a;b,c\\d\r\ne"), "a\\;b\\,c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_without_splitting_a_character() {
        let line = format!("SUMMARY:{}", "å".repeat(60));
        let folded = fold(&line);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), line);
    }

    #[test]
    fn a_card_is_an_all_day_event() {
        let now = "2026-12-05T10:00:00Z".parse().unwrap();
        let e = Event {
            id: Uuid::from_u128(7),
            day: "2026-12-31".parse().unwrap(),
            summary: "Byt brandvägg, skolor".into(),
            description: String::new(),
            url: None,
        };
        let cal = calendar("Drift", &[e], now);
        assert!(cal.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(cal.ends_with("END:VCALENDAR\r\n"));
        assert!(cal.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"));
        assert!(cal.contains("SUMMARY:Byt brandvägg\\, skolor\r\n"));
        assert!(cal.contains(&format!("UID:{}@mognad\r\n", Uuid::from_u128(7))));
        assert!(cal.contains("DTSTAMP:20261205T100000Z\r\n"));
        assert_eq!(cal.matches("BEGIN:VEVENT").count(), 1);
    }
}
