//! Time logged on cards: a duration as people type it ("1,5", "1.25", "1:30", "45 min") in whole
//! minutes, and how minutes are shown as hours.

/// The most one entry may hold: a day.
pub const MAX_MINUTES: i64 = 24 * 60;

/// Why a duration was refused: the key of its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeProblem {
    /// Not a number of hours, `h:mm` or minutes.
    Unreadable,
    /// Zero, or more than a day.
    OutOfRange,
}

/// Whole minutes from hours ("2", "1,5", "1.25"), `h:mm` ("1:30") or minutes ("45 min", "45m").
/// Hours with decimals round to the nearest minute.
pub fn parse_minutes(s: &str) -> Result<i64, TimeProblem> {
    let s = s.trim().to_lowercase();
    // A sign is never part of a duration ("-0:30" would otherwise read as half an hour).
    if s.contains(['-', '+']) {
        return Err(TimeProblem::Unreadable);
    }
    let minutes = if let Some(m) = s.strip_suffix("min").or_else(|| s.strip_suffix('m')) {
        m.trim().parse::<i64>().map_err(|_| TimeProblem::Unreadable)?
    } else if let Some((h, m)) = s.split_once(':') {
        let h: i64 = h.trim().parse().map_err(|_| TimeProblem::Unreadable)?;
        let m: i64 = m.trim().parse().map_err(|_| TimeProblem::Unreadable)?;
        if !(0..60).contains(&m) || h < 0 {
            return Err(TimeProblem::Unreadable);
        }
        h.checked_mul(60)
            .and_then(|x| x.checked_add(m))
            .ok_or(TimeProblem::OutOfRange)?
    } else {
        let h = s.strip_suffix('h').unwrap_or(&s).trim().replace(',', ".");
        if h.is_empty() || !h.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Err(TimeProblem::Unreadable);
        }
        let h: f64 = h.parse().map_err(|_| TimeProblem::Unreadable)?;
        (h * 60.0).round() as i64
    };
    if minutes <= 0 || minutes > MAX_MINUTES {
        return Err(TimeProblem::OutOfRange);
    }
    Ok(minutes)
}

/// Minutes as hours with at most two decimals and no trailing zeros: 90 → "1.5", 20 → "0.33".
pub fn hours(minutes: i64) -> String {
    let s = format!("{:.2}", minutes as f64 / 60.0);
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_as_people_type_them() {
        for (typed, minutes) in [
            ("2", 120),
            ("1,5", 90),
            ("1.25", 75),
            (" 1:30 ", 90),
            ("0:05", 5),
            ("45 min", 45),
            ("45m", 45),
            ("3h", 180),
            ("24", 1440),
        ] {
            assert_eq!(parse_minutes(typed), Ok(minutes), "{typed}");
        }
        for bad in [
            "", "ett par", "1:75", "-2", "1:5:0", "1e3", "1,5,2", "-0:30", "+1:30", "-30 min",
        ] {
            assert_eq!(parse_minutes(bad), Err(TimeProblem::Unreadable), "{bad}");
        }
        for out in ["0", "0:00", "24:01", "25", "0 min"] {
            assert_eq!(parse_minutes(out), Err(TimeProblem::OutOfRange), "{out}");
        }
    }

    #[test]
    fn minutes_show_as_hours() {
        assert_eq!(hours(90), "1.5");
        assert_eq!(hours(120), "2");
        assert_eq!(hours(20), "0.33");
        assert_eq!(hours(0), "0");
    }
}
