//! Posts on X (Twitter): an account archive's `tweets.js`, and posts as
//! research tools write them in JSON Lines (one post a line, as the
//! platform's v2 or v1.1 API gave it, or a v2 page of posts with the
//! accounts they name under `includes`).
//!
//! Each post is a document: its text with the short `t.co` links put back
//! to the addresses they stand for, its date, its account (the site and
//! author, so an account is one publisher), and its address as its URL.
//! A reply names the post it answers (`reply to`), a quote the post it
//! quotes (`quotes`), both as addresses in its details. A repost (`RT
//! @name: …`, `retweeted_status`, a `retweeted` reference) is a relay of
//! the account it repeats (`Meta::relayed_from`), which linking takes as
//! the origin.
//!
//! As for every container, the raw bytes of a post are its own JSON
//! object exactly as the file holds it (for a JSON Lines post, its line),
//! and the locator gives its place in the file.

use crate::convert::{from_text, Item, Options};
use crate::document::{Container, Format, Meta, Origin};
use crate::error::IngestError;
use serde_json::value::RawValue;
use serde_json::Value;

/// Whether a file's name and first bytes are an account archive's posts.
pub fn sniff(lower_name: &str, head: &[u8]) -> bool {
    let base = lower_name.rsplit(['/', '\\']).next().unwrap_or(lower_name);
    let named = base.ends_with(".js") && base.starts_with("tweet");
    let body = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
    let ytd = body.trim_ascii_start().starts_with(b"window.YTD.tweet");
    ytd || (named && body.trim_ascii_start().starts_with(b"window.YTD."))
}

/// Reads a whole `tweets.js`. `account` is the archive owner's user name,
/// when `account.js` beside it says it.
pub fn read_archive(
    bytes: &[u8],
    account: Option<&str>,
    label: &str,
    file_origin: &Origin,
    opts: &Options,
    emit: &mut dyn FnMut(Item),
) {
    // `window.YTD.tweets.part0 = [ … ]`: the JSON is the array after `=`.
    let Some(start) = bytes.iter().position(|&b| b == b'[') else {
        let err = IngestError::malformed("X archive", "no list of posts after `window.YTD… =`");
        return emit(Item { label: label.to_string(), result: Err(err) });
    };
    let json = &bytes[start..];
    let json = json.trim_ascii_end().strip_suffix(b";").unwrap_or(json.trim_ascii_end());
    let items: Vec<&RawValue> = match serde_json::from_slice(json) {
        Ok(i) => i,
        Err(e) => {
            let err = IngestError::malformed("X archive", format!("the list of posts is not JSON: {e}"));
            return emit(Item { label: label.to_string(), result: Err(err) });
        }
    };
    for raw in items {
        let at = (raw.get().as_ptr() as usize).saturating_sub(bytes.as_ptr() as usize);
        let end = at + raw.get().len();
        let value: Value = serde_json::from_str(raw.get()).unwrap_or(Value::Null);
        // Each element wraps the post: `{"tweet": {…}}`.
        let post = value.get("tweet").unwrap_or(&value);
        let id = post.get("id_str").or_else(|| post.get("id")).map(id_string).unwrap_or_default();
        let item_label = format!("{label} post {id}");
        let locator = format!("post {id} at bytes {at}–{end}");
        let origin = Origin {
            location: file_origin.location.clone(),
            container: Some(file_origin.location.clone()),
            locator: Some(locator),
            retrieved: file_origin.retrieved.clone(),
            parent: None,
        };
        let result = document(post, None, account, raw.get().as_bytes().to_vec(), origin, Container::X, opts);
        if let Some(result) = result {
            emit(Item { label: item_label, result });
        }
    }
}

/// Whether a JSON Lines object is a post (or a page of posts) rather than
/// a generic document: it has a creation time and an account.
pub fn is_post(obj: &serde_json::Map<String, Value>) -> bool {
    let page = obj.get("data").is_some_and(Value::is_array) && obj.contains_key("includes");
    let v2 = obj.contains_key("created_at")
        && obj.contains_key("text")
        && (obj.contains_key("author_id") || obj.get("author").is_some_and(Value::is_object));
    let v1 = obj.contains_key("created_at")
        && (obj.contains_key("text") || obj.contains_key("full_text"))
        && obj.get("user").is_some_and(Value::is_object);
    page || v2 || v1
}

/// The documents of one JSON Lines line that [`is_post`]: one, or one per
/// post of a v2 page.
pub fn read_line(line: &[u8], origin: &Origin, opts: &Options) -> Vec<crate::Result<crate::Document>> {
    #[derive(serde::Deserialize)]
    struct Page<'a> {
        #[serde(borrow)]
        data: Vec<&'a RawValue>,
        #[serde(default)]
        includes: Value,
    }
    if let Ok(page) = serde_json::from_slice::<Page>(line) {
        let users = page.includes.get("users").and_then(Value::as_array).cloned().unwrap_or_default();
        return page
            .data
            .iter()
            .filter_map(|raw| {
                let post: Value = serde_json::from_str(raw.get()).ok()?;
                let at = (raw.get().as_ptr() as usize).saturating_sub(line.as_ptr() as usize);
                let mut origin = origin.clone();
                let id = post.get("id").map(id_string).unwrap_or_default();
                origin.locator = Some(format!(
                    "{} post {id} at bytes {at}–{}",
                    origin.locator.as_deref().unwrap_or(""),
                    at + raw.get().len()
                ));
                document(&post, Some(&users), None, raw.get().as_bytes().to_vec(), origin, Container::Jsonl, opts)
            })
            .collect();
    }
    let post: Value = match serde_json::from_slice(line) {
        Ok(p) => p,
        Err(e) => return vec![Err(IngestError::malformed("JSONL", format!("not JSON: {e}")))],
    };
    document(&post, None, None, line.to_vec(), origin.clone(), Container::Jsonl, opts).into_iter().collect()
}

fn id_string(v: &Value) -> String {
    v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut v = v;
    for p in path {
        v = v.get(p)?;
    }
    v.as_str().map(str::trim).filter(|s| !s.is_empty())
}

/// One post as a document; `None` for an element that is not a post.
fn document(
    post: &Value,
    users: Option<&[Value]>,
    account: Option<&str>,
    raw: Vec<u8>,
    mut origin: Origin,
    container: Container,
    opts: &Options,
) -> Option<crate::Result<crate::Document>> {
    let id = post.get("id_str").or_else(|| post.get("id")).map(id_string)?;
    // Long posts: v2 keeps the whole text in note_tweet, v1.1 in extended_tweet.
    let text = str_at(post, &["note_tweet", "text"])
        .or_else(|| str_at(post, &["extended_tweet", "full_text"]))
        .or_else(|| str_at(post, &["full_text"]))
        .or_else(|| str_at(post, &["text"]))?;
    let author_id = str_at(post, &["author_id"]);
    let user =
        post.get("author").filter(|a| a.is_object()).or_else(|| post.get("user")).or_else(|| {
            users?.iter().find(|u| author_id.is_some() && u.get("id").map(id_string).as_deref() == author_id)
        });
    let username = user.and_then(|u| str_at(u, &["username"]).or_else(|| str_at(u, &["screen_name"]))).or(account);
    let display = user.and_then(|u| str_at(u, &["name"]));
    let text = expand_links(&unescape(text), post);
    let referenced = |kind: &str| {
        post.get("referenced_tweets")?
            .as_array()?
            .iter()
            .find(|r| r.get("type").and_then(Value::as_str) == Some(kind))
            .and_then(|r| r.get("id"))
            .map(id_string)
    };
    let status = |who: Option<&str>, id: &str| format!("https://x.com/{}/status/{id}", who.unwrap_or("i"));
    let reply = str_at(post, &["in_reply_to_status_id_str"]).map(str::to_string).or_else(|| referenced("replied_to"));
    let reply_to = reply.map(|r| status(str_at(post, &["in_reply_to_screen_name"]), &r));
    let quoted = str_at(post, &["quoted_status_id_str"])
        .map(|q| status(None, q))
        .or_else(|| referenced("quoted").map(|q| status(None, &q)).or_else(|| quoted_link(post)));
    // A repost: v1.1 keeps the original, v2 names it, the archive writes `RT @name:`.
    let relayed_from =
        str_at(post, &["retweeted_status", "user", "screen_name"]).map(|s| format!("@{s}")).or_else(|| {
            let rest = text.strip_prefix("RT @")?;
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            (!name.is_empty() && rest[name.len()..].starts_with(':')).then(|| format!("@{name}"))
        });
    let url = status(username, &id);
    let published = str_at(post, &["created_at"]).and_then(created_at);
    let mut given = Meta {
        title: None,
        author: display.map(str::to_string).or_else(|| username.map(|u| format!("@{u}"))),
        published,
        site: username.map(|u| format!("@{u}")),
        url: Some(url.clone()),
        relayed_from: relayed_from.clone(),
        details: Vec::new(),
    };
    given.detail("post", Some(id.as_str()));
    given.detail("account", username.map(|u| format!("@{u}")));
    given.detail("reply to", reply_to);
    given.detail("quotes", quoted);
    given.detail("reposts", relayed_from);
    given.detail("conversation", str_at(post, &["conversation_id"]));
    given.detail("language", str_at(post, &["lang"]));
    origin.location = url;
    let result = from_text(text, raw, Format::Post, given, origin, opts).map(|mut d| {
        d.container = Some(container);
        d
    });
    Some(result)
}

/// `Wed Oct 10 20:19:24 +0000 2018` (v1.1 and archives) or RFC 3339 (v2).
fn created_at(s: &str) -> Option<String> {
    if let Ok(t) = jiff::fmt::strtime::parse("%a %b %d %H:%M:%S %z %Y", s) {
        if let Ok(z) = t.to_timestamp() {
            return Some(z.strftime("%Y-%m-%dT%H:%M:%SZ").to_string());
        }
    }
    let t: jiff::Timestamp = s.parse().ok()?;
    Some(t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// Post text escapes the three characters HTML needs.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The `t.co` links of the text put back to the addresses they stand for.
fn expand_links(text: &str, post: &Value) -> String {
    let mut text = text.to_string();
    let urls = post.get("entities").and_then(|e| e.get("urls")).and_then(Value::as_array);
    for u in urls.into_iter().flatten() {
        if let (Some(short), Some(long)) = (str_at(u, &["url"]), str_at(u, &["expanded_url"])) {
            text = text.replace(short, long);
        }
    }
    text
}

/// A quoted post as archives show it: a link to a status among the URLs.
fn quoted_link(post: &Value) -> Option<String> {
    let urls = post.get("entities")?.get("urls")?.as_array()?;
    urls.iter().filter_map(|u| str_at(u, &["expanded_url"])).find_map(|u| {
        let rest = u.split_once("://")?.1;
        let (host, path) = rest.split_once('/')?;
        let host = host.trim_start_matches("www.").trim_start_matches("mobile.");
        let is_x = host == "twitter.com" || host == "x.com";
        let mut parts = path.split('/');
        let (who, word, id) = (parts.next()?, parts.next()?, parts.next()?);
        let id: String = id.chars().take_while(char::is_ascii_digit).collect();
        (is_x && word == "status" && !id.is_empty()).then(|| format!("https://x.com/{who}/status/{id}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_of_both_apis() {
        assert_eq!(created_at("Wed Oct 10 20:19:24 +0000 2018").as_deref(), Some("2018-10-10T20:19:24Z"));
        assert_eq!(created_at("2023-10-07T06:35:12.000Z").as_deref(), Some("2023-10-07T06:35:12Z"));
        assert_eq!(created_at("yesterday"), None);
    }
}
