//! ACLED's hierarchy of event types and sub-event types.
//!
//! ACLED codes one event where one happening shows several tactics, by the
//! highest type among them: an air strike in the course of a ground battle
//! is a battle, ground shelling during an air strike is an air strike, an
//! attack on civilians by a remote explosive is an explosion (ACLED
//! Codebook, "Event types and sub-event types", whose Table 2 lists the
//! sub-event types in this order). Linking uses it to name the type of an
//! event that several reports describe by different tactics; the exports
//! use it to code one row per happening.

/// The event types across which ACLED aggregates, highest first. Protests,
/// riots and strategic developments are coded apart from political
/// violence: a strike and a demonstration on one day are two events.
const VIOLENCE: [&str; 3] = ["Battles", "Explosions/Remote violence", "Violence against civilians"];

/// Sub-event types of each event type, highest first.
const SUB_EVENTS: [(&str, &[&str]); 6] = [
    ("Battles", &["Government regains territory", "Non-state actor overtakes territory", "Armed clash"]),
    (
        "Explosions/Remote violence",
        &[
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ],
    ),
    ("Violence against civilians", &["Sexual violence", "Attack", "Abduction/forced disappearance"]),
    ("Protests", &["Excessive force against protesters", "Protest with intervention", "Peaceful protest"]),
    ("Riots", &["Violent demonstration", "Mob violence"]),
    (
        "Strategic developments",
        &[
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ],
    ),
];

fn same(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b)
}

/// Whether the event type is political violence ACLED aggregates across:
/// battles, explosions/remote violence, violence against civilians.
pub fn is_violence(event_type: &str) -> bool {
    VIOLENCE.iter().any(|t| same(event_type, t))
}

/// The group of event types one happening is coded within: political
/// violence together, each other event type on its own.
pub fn family(event_type: &str) -> &str {
    if is_violence(event_type) {
        "Political violence"
    } else {
        event_type.trim()
    }
}

/// A sort key: lower is higher in ACLED's hierarchy. Unknown types and
/// sub-types sort last.
pub fn rank(event_type: &str, sub_event_type: &str) -> (usize, usize) {
    let ty = VIOLENCE.iter().position(|t| same(event_type, t)).unwrap_or(VIOLENCE.len());
    let sub = SUB_EVENTS
        .iter()
        .find(|(t, _)| same(event_type, t))
        .and_then(|(_, subs)| subs.iter().position(|s| same(sub_event_type, s)))
        .unwrap_or(usize::MAX);
    (ty, sub)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn battles_over_explosions_over_violence_against_civilians() {
        let battle = rank("Battles", "Armed clash");
        let strike = rank("Explosions/Remote violence", "Air/drone strike");
        let shelling = rank("Explosions/Remote violence", "Shelling/artillery/missile attack");
        let attack = rank("Violence against civilians", "Attack");
        assert!(battle < strike && strike < shelling && shelling < attack);
        assert!(rank("Battles", "Government regains territory") < battle);
        assert_eq!(family("Explosions/Remote violence"), family("Battles"));
        assert_ne!(family("Protests"), family("Battles"));
        assert!(rank("Strategic developments", "Agreement") < rank("Strategic developments", "Other"));
    }
}
