//! Telegram Desktop exports: the `result.json` of one channel or chat
//! ("Export chat history", JSON), or of a whole account (its `chats` and
//! `left_chats` lists).
//!
//! Each message with text is a document; service messages (a channel
//! created, a pin) and media without a caption are not. Its text is the
//! message's `text`, a string or an array of plain strings and formatted
//! pieces (bold, links, mentions, …) whose words are joined; the addresses
//! of text links go into its details. Its provenance is the chat's name
//! (the site, so a channel is one publisher), the post's signature or
//! sender (author), its date and its number in the chat; `forwarded_from`
//! makes it a relay of that channel (`Meta::relayed_from`), whose name
//! linking takes as the origin.
//!
//! **One statement in parts.** Channels split a statement that is longer
//! than a message may be into consecutive posts. A message continues the
//! one before it, and they are one document, when both come from the same
//! sender, neither is forwarded, it was posted within 10 minutes of it, and
//! either it carries the next part number of the same count (`(2/3)`,
//! `2/3`, `[٢/٣]`, at its start or end) or it is a reply to it.
//!
//! **Raw bytes.** As a JSONL line is for its document, the raw bytes of a
//! message are its own JSON object, byte for byte as the export holds it
//! (from its `{` to its `}`; for a statement in parts, from the first
//! part's `{` to the last part's `}`). The locator names the message and
//! the byte range, so anyone holding the export can cut out those bytes
//! and check them against the id.
//!
//! The format is one JSON value, not a stream, so the file is read whole,
//! up to [`Limits::max_export_bytes`].

use crate::convert::{from_text, Item, Options};
use crate::dates;
use crate::document::{Container, Format, Meta, Origin};
use crate::error::IngestError;
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::BTreeMap;

/// Longest time between the parts of one statement.
const PART_GAP_SECONDS: i64 = 600;

/// Whether a file's name and first bytes are a Telegram Desktop export.
pub fn sniff(lower_name: &str, head: &[u8]) -> bool {
    if !lower_name.ends_with(".json") {
        return false;
    }
    let head = String::from_utf8_lossy(head);
    let body = head.trim_start_matches('\u{FEFF}').trim_start();
    body.starts_with('{')
        && (head.contains("\"messages\"")
            || (head.contains("\"personal_information\"") || head.contains("\"chats\"")) && head.contains("\"about\""))
}

type Object<'a> = BTreeMap<String, &'a RawValue>;

/// Reads a whole export held in `bytes`.
pub fn read(bytes: &[u8], label: &str, file_origin: &Origin, opts: &Options, emit: &mut dyn FnMut(Item)) {
    let fail = |reason: String, emit: &mut dyn FnMut(Item)| {
        emit(Item { label: label.to_string(), result: Err(IngestError::malformed("Telegram export", reason)) })
    };
    let text = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let top: Object = match serde_json::from_slice(text) {
        Ok(t) => t,
        Err(e) => return fail(format!("not a JSON object: {e}"), emit),
    };
    let mut chats: Vec<Object> = Vec::new();
    if top.contains_key("messages") {
        chats.push(top);
    } else {
        for key in ["chats", "left_chats"] {
            let Some(list) = top.get(key) else { continue };
            let list: Object = match serde_json::from_str(list.get()) {
                Ok(l) => l,
                Err(e) => return fail(format!("{key} is not an object: {e}"), emit),
            };
            let Some(list) = list.get("list") else { continue };
            match serde_json::from_str::<Vec<Object>>(list.get()) {
                Ok(l) => chats.extend(l),
                Err(e) => return fail(format!("{key}.list is not a list of chats: {e}"), emit),
            }
        }
        if chats.is_empty() {
            return fail("it has neither \"messages\" nor a \"chats\" list".into(), emit);
        }
    }
    for chat in chats {
        read_chat(text, &chat, label, file_origin, opts, emit);
    }
}

/// One message as this reader needs it.
struct Message<'a> {
    raw: &'a RawValue,
    value: Value,
    id: String,
    text: String,
    time: Option<jiff::Timestamp>,
}

fn read_chat(
    file: &[u8],
    chat: &Object,
    label: &str,
    file_origin: &Origin,
    opts: &Options,
    emit: &mut dyn FnMut(Item),
) {
    let str_of = |k: &str| chat.get(k).and_then(|v| serde_json::from_str::<Value>(v.get()).ok());
    let name = str_of("name").and_then(|v| v.as_str().map(str::to_string));
    let kind = str_of("type").and_then(|v| v.as_str().map(str::to_string));
    let chat_id = str_of("id").map(|v| v.to_string().trim_matches('"').to_string());
    let chat_label = format!("{label} chat {}", name.as_deref().unwrap_or("(unnamed)"));
    let Some(list) = chat.get("messages") else { return };
    let raws: Vec<&RawValue> = match serde_json::from_str(list.get()) {
        Ok(m) => m,
        Err(e) => {
            let err = IngestError::malformed("Telegram export", format!("\"messages\" is not a list: {e}"));
            return emit(Item { label: chat_label, result: Err(err) });
        }
    };
    let mut messages = Vec::new();
    for raw in raws {
        let value: Value = match serde_json::from_str(raw.get()) {
            Ok(v) => v,
            Err(_) => continue,
        };
        if value.get("type").and_then(Value::as_str).is_some_and(|t| t != "message") {
            continue;
        }
        let id = value.get("id").map(|v| v.to_string().trim_matches('"').to_string()).unwrap_or_default();
        let text = plain_text(value.get("text"));
        let time = value
            .get("date_unixtime")
            .and_then(|v| v.as_str().and_then(|s| s.parse().ok()).or_else(|| v.as_i64()))
            .and_then(|s: i64| jiff::Timestamp::from_second(s).ok());
        messages.push(Message { raw, value, id, text, time });
    }
    // Group the messages into documents: a statement in parts is one.
    let mut groups: Vec<Vec<Message>> = Vec::new();
    for m in messages {
        match groups.last_mut() {
            Some(g) if continues(g.last().expect("groups are never empty"), &m) => g.push(m),
            _ => groups.push(vec![m]),
        }
    }
    for group in groups {
        if group.iter().all(|m| m.text.trim().is_empty()) {
            continue;
        }
        let first = &group[0];
        let last = group.last().expect("groups are never empty");
        let start = offset(file, first.raw);
        let end = offset(file, last.raw) + last.raw.get().len();
        let ids = if group.len() == 1 {
            format!("message {}", first.id)
        } else {
            format!("messages {}–{}", first.id, last.id)
        };
        let item_label = format!("{chat_label} {ids}");
        let text: Vec<&str> = group.iter().map(|m| m.text.trim()).filter(|t| !t.is_empty()).collect();
        let v = &first.value;
        let field =
            |k: &str| v.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        let mut given = Meta {
            site: name.clone(),
            author: field("author").or_else(|| field("from").filter(|f| Some(f) != name.as_ref())),
            published: first
                .time
                .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
                .or_else(|| field("date").and_then(|d| dates::normalize(&d))),
            relayed_from: field("forwarded_from").or_else(|| field("saved_from")),
            ..Meta::default()
        };
        given.detail("chat", name.clone());
        given.detail("chat type", kind.clone());
        given.detail("chat id", chat_id.clone());
        given.detail(
            if group.len() == 1 { "message" } else { "messages" },
            Some(ids.split_once(' ').map_or(ids.as_str(), |x| x.1)),
        );
        given.detail("parts", (group.len() > 1).then(|| group.len().to_string()));
        given.detail("sent (export's local time)", field("date"));
        given.detail("forwarded from", field("forwarded_from"));
        given.detail("saved from", field("saved_from"));
        given.detail("reply to message", v.get("reply_to_message_id").map(|r| r.to_string()));
        let edited = group.iter().filter_map(|m| m.value.get("edited").and_then(Value::as_str)).max();
        given.detail("edited", edited);
        for m in &group {
            given.detail("media", media(&m.value));
            for link in links(m.value.get("text")) {
                given.detail("link", Some(link));
            }
        }
        let origin = Origin {
            location: file_origin.location.clone(),
            container: Some(file_origin.location.clone()),
            locator: Some(format!("{ids} at bytes {start}–{end}")),
            retrieved: file_origin.retrieved.clone(),
            parent: None,
        };
        let raw = file[start..end].to_vec();
        let result = from_text(text.join("\n\n"), raw, Format::Post, given, origin, opts).map(|mut d| {
            d.container = Some(Container::Telegram);
            d
        });
        emit(Item { label: item_label, result });
    }
}

/// Where a borrowed piece of the file starts in it.
fn offset(file: &[u8], raw: &RawValue) -> usize {
    (raw.get().as_ptr() as usize).saturating_sub(file.as_ptr() as usize).min(file.len())
}

/// The words of a `text` field: a string, or an array of strings and
/// `{"type": …, "text": …}` pieces.
fn plain_text(text: Option<&Value>) -> String {
    match text {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(parts)) => parts
            .iter()
            .map(|p| match p {
                Value::String(s) => s.as_str(),
                Value::Object(o) => o.get("text").and_then(Value::as_str).unwrap_or(""),
                _ => "",
            })
            .collect(),
        _ => String::new(),
    }
}

/// Addresses behind formatted pieces: text links (`href`) and bare links.
fn links(text: Option<&Value>) -> Vec<String> {
    let Some(Value::Array(parts)) = text else { return Vec::new() };
    parts
        .iter()
        .filter_map(|p| match p.get("type").and_then(Value::as_str) {
            Some("text_link") => p.get("href").and_then(Value::as_str).map(str::to_string),
            Some("link") => p.get("text").and_then(Value::as_str).map(str::to_string),
            _ => None,
        })
        .collect()
}

/// What a message carries besides its text: `photo photos/photo_3.jpg`.
fn media(v: &Value) -> Option<String> {
    if let Some(p) = v.get("photo").and_then(Value::as_str) {
        return Some(format!("photo {p}"));
    }
    let file = v.get("file").and_then(Value::as_str)?;
    let kind = v.get("media_type").and_then(Value::as_str).unwrap_or("file");
    Some(format!("{} {file}", kind.replace('_', " ")))
}

/// Whether `next` is the next part of the statement `prev` belongs to.
fn continues(prev: &Message, next: &Message) -> bool {
    let sender = |m: &Message| m.value.get("from_id").or_else(|| m.value.get("from")).map(Value::to_string);
    let forwarded = |m: &Message| m.value.get("forwarded_from").is_some();
    let (Some(a), Some(b)) = (prev.time, next.time) else { return false };
    let gap = b.as_second() - a.as_second();
    if sender(prev).is_none() || sender(prev) != sender(next) || forwarded(prev) || forwarded(next) {
        return false;
    }
    if !(0..=PART_GAP_SECONDS).contains(&gap) || next.text.trim().is_empty() {
        return false;
    }
    let reply = next.value.get("reply_to_message_id").map(|r| r.to_string().trim_matches('"').to_string());
    if reply.as_deref() == Some(prev.id.as_str()) {
        return true;
    }
    match (part_number(&prev.text), part_number(&next.text)) {
        (Some((i, n)), Some((j, m))) => n == m && j == i + 1,
        _ => false,
    }
}

/// `(2, 3)` for a text that starts or ends with a part number such as
/// `2/3`, `(2/3)`, `[2/3]` or `٢/٣`.
pub(crate) fn part_number(text: &str) -> Option<(u32, u32)> {
    let text = text.trim();
    let ends = [text.split_whitespace().next(), text.split_whitespace().next_back()];
    ends.into_iter().flatten().find_map(|w| {
        let w = w.trim_matches(|c: char| "()[]{}.:-–—".contains(c));
        let (a, b) = w.split_once('/')?;
        let (a, b) = (digits(a)?, digits(b)?);
        (1..=b).contains(&a).then_some((a, b)).filter(|&(_, b)| (2..=50).contains(&b))
    })
}

/// A short run of ASCII or Arabic-Indic digits.
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 2 {
        return None;
    }
    s.chars().try_fold(0u32, |n, c| {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '٠'..='٩' => c as u32 - '٠' as u32,
            '۰'..='۹' => c as u32 - '۰' as u32,
            _ => return None,
        };
        Some(n * 10 + d)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_numbers_at_either_end() {
        assert_eq!(part_number("(1/3) The council says"), Some((1, 3)));
        assert_eq!(part_number("and the rest follows. 2/3"), Some((2, 3)));
        assert_eq!(part_number("[٣/٣] انتهى البيان"), Some((3, 3)));
        assert_eq!(part_number("Casualties rose to 24/7 coverage"), None);
        assert_eq!(part_number("On 12/12 shelling resumed"), None);
    }

    #[test]
    fn formatted_text_is_joined_and_links_kept() {
        let v: Value = serde_json::from_str(
            r#"[ "Shelling hit ", {"type":"bold","text":"al-Shaar"}, " at dawn ", {"type":"text_link","text":"(video)","href":"https://example.org/v"}]"#,
        )
        .unwrap();
        assert_eq!(plain_text(Some(&v)), "Shelling hit al-Shaar at dawn (video)");
        assert_eq!(links(Some(&v)), ["https://example.org/v"]);
    }
}
