//! HTML pages: the article's text and what the page says about itself.
//!
//! News and NGO pages wrap a few paragraphs of reporting in navigation,
//! share buttons, "related" lists, cookie banners and comment threads. The
//! reader removes furniture by markup (tags that never hold article text,
//! and the class/id words in `data/boilerplate.txt`), splits what is left
//! into blocks, and keeps the deepest element that holds most of the
//! prose: sidebars and link lists fall outside it. Paragraph breaks become
//! blank lines.
//!
//! Traversal is iterative with an explicit stack, and depth is bounded by
//! [`Limits::max_html_depth`], so a hostile page nested a million deep is
//! refused rather than overflowing the stack.

use crate::dates;
use crate::document::Meta;
use crate::error::{IngestError, Result};
use crate::limits::Limits;
use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node, Selector};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The article text and metadata of a page.
#[derive(Debug, Default)]
pub struct Article {
    pub text: String,
    pub meta: Meta,
}

/// Elements whose content is never article text.
const SKIP_TAGS: [&str; 22] = [
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "form", "button",
    "input", "select", "textarea", "nav", "aside", "menu", "dialog", "head", "video", "audio",
];

/// Elements that start and end a block of text.
const BLOCK_TAGS: [&str; 36] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "address",
    "hr",
    "center",
    "details",
    "summary",
    "caption",
    "body",
];

/// Blocks that hold text rather than other blocks: the content root is
/// always a container above them.
const TEXT_BLOCKS: [&str; 15] =
    ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "figcaption", "td", "th"];

/// Roles that mark page furniture.
const SKIP_ROLES: [&str; 7] =
    ["navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search"];

/// A run of prose for the content root to choose from: at least this many
/// characters, most of them not link text.
const MIN_PROSE_CHARS: usize = 25;

/// Descend into a child element while it still holds this share of the
/// page's prose: deep enough to drop sidebars, not so deep as to drop a
/// standfirst that sits beside the body.
const ROOT_SHARE: f64 = 0.8;

fn boilerplate_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("../data/boilerplate.txt")
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .filter_map(|l| l.split_whitespace().next())
            .collect()
    })
}

/// The words of a class or id attribute: `share-buttons` → `share`, `buttons`.
fn attr_words(v: &str) -> impl Iterator<Item = String> + '_ {
    v.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_ascii_lowercase())
}

struct Block {
    text: String,
    link_chars: usize,
    owner: NodeId,
    /// Inside an `<article>`, `<main>` or article body.
    in_article: bool,
}

/// Paragraph text (characters of `<p>` elements) under each element.
fn prose_under(doc: &Html) -> HashMap<NodeId, usize> {
    let mut prose: HashMap<NodeId, usize> = HashMap::new();
    for p in doc.select(&sel("p")) {
        let len = p.text().map(|t| t.trim().chars().count()).sum::<usize>();
        if len == 0 {
            continue;
        }
        *prose.entry(p.id()).or_default() += len;
        for a in p.ancestors() {
            *prose.entry(a.id()).or_default() += len;
        }
    }
    prose
}

fn element_name<'a>(node: &NodeRef<'a, Node>) -> Option<&'a str> {
    match node.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

/// Is this element furniture to leave out, with its subtree?
///
/// `holds_most` says the element holds most of the page's paragraph text:
/// then no class word or wrapping `<form>` (ASP.NET pages wrap the whole
/// body in one) can make it furniture: "content-sidebar-wrap" around the
/// article, "tag-social-media" on the post itself.
fn is_furniture(node: &NodeRef<'_, Node>, in_article: bool, holds_most: bool) -> bool {
    let Node::Element(e) = node.value() else {
        return false;
    };
    let name = e.name();
    if SKIP_TAGS.contains(&name) && !(name == "form" && holds_most) {
        return true;
    }
    // A page's own header holds the site's name and menu (it sits on the
    // body or holds a nav); a post's header holds its headline and
    // standfirst.
    if name == "header" && !in_article && !holds_most {
        let on_body = node.parent().and_then(|p| element_name(&p).map(|n| n == "body")).unwrap_or(false);
        let has_nav = node.descendants().any(|d| element_name(&d) == Some("nav"));
        if on_body || has_nav || e.attr("role") == Some("banner") {
            return true;
        }
    }
    if name == "footer" {
        return true;
    }
    if holds_most {
        return false;
    }
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = e.attr("role") {
        if SKIP_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()) {
            return true;
        }
    }
    let words = boilerplate_words();
    let marked = |attr: Option<&str>| attr.is_some_and(|v| attr_words(v).any(|w| words.contains(w.as_str())));
    marked(e.attr("class")) || marked(e.attr("id"))
}

fn is_article_container(node: &NodeRef<'_, Node>) -> bool {
    let Node::Element(e) = node.value() else {
        return false;
    };
    matches!(e.name(), "article" | "main")
        || e.attr("role") == Some("main")
        || e.attr("itemprop") == Some("articleBody")
}

/// Walks the page and cuts it into blocks of text.
fn blocks(doc: &Html, limits: &Limits) -> Result<Vec<Block>> {
    enum Step<'a> {
        Enter(NodeRef<'a, Node>, usize, bool),
        Exit(NodeRef<'a, Node>),
    }
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut link_chars = 0usize;
    let mut link_depth = 0usize;
    let mut pre_depth = 0usize;
    let root = doc.tree.root();
    let mut owners: Vec<(NodeId, bool)> = vec![(root.id(), false)];
    let mut stack = vec![Step::Enter(root, 0, false)];
    let prose = prose_under(doc);
    let total = prose.get(&root.id()).copied().unwrap_or(0);
    let holds_most = |id: NodeId| total > 0 && prose.get(&id).copied().unwrap_or(0) * 2 > total;

    fn flush(buf: &mut String, link_chars: &mut usize, owner: (NodeId, bool), out: &mut Vec<Block>) {
        let text = buf.trim();
        if !text.is_empty() {
            out.push(Block { text: text.to_string(), link_chars: *link_chars, owner: owner.0, in_article: owner.1 });
        }
        buf.clear();
        *link_chars = 0;
    }

    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(node, depth, in_article) => {
                if depth > limits.max_html_depth {
                    return Err(IngestError::TooDeep { limit: limits.max_html_depth });
                }
                match node.value() {
                    Node::Text(t) => {
                        let before = buf.len();
                        if pre_depth > 0 {
                            buf.push_str(t);
                        } else {
                            for c in t.chars() {
                                if c.is_whitespace() {
                                    if !buf.is_empty() && !buf.ends_with([' ', '\n']) {
                                        buf.push(' ');
                                    }
                                } else {
                                    buf.push(c);
                                }
                            }
                        }
                        if link_depth > 0 {
                            link_chars += buf[before..].trim().chars().count();
                        }
                    }
                    Node::Element(_) | Node::Document | Node::Fragment => {
                        if is_furniture(&node, in_article, holds_most(node.id())) {
                            continue;
                        }
                        let name = element_name(&node).unwrap_or("");
                        if name == "br" {
                            let trimmed = buf.trim_end_matches(' ').len();
                            buf.truncate(trimmed);
                            buf.push('\n');
                            continue;
                        }
                        let inside = in_article || is_article_container(&node);
                        if BLOCK_TAGS.contains(&name) {
                            flush(&mut buf, &mut link_chars, *owners.last().unwrap(), &mut out);
                            owners.push((node.id(), inside));
                        }
                        match name {
                            "a" => link_depth += 1,
                            "pre" => pre_depth += 1,
                            _ => {}
                        }
                        stack.push(Step::Exit(node));
                        let children: Vec<_> = node.children().collect();
                        for child in children.into_iter().rev() {
                            stack.push(Step::Enter(child, depth + 1, inside));
                        }
                    }
                    _ => {}
                }
            }
            Step::Exit(node) => {
                let name = element_name(&node).unwrap_or("");
                match name {
                    "a" => link_depth -= 1,
                    "pre" => pre_depth -= 1,
                    _ => {}
                }
                if BLOCK_TAGS.contains(&name) {
                    let owner = owners.pop().unwrap_or((node.id(), false));
                    flush(&mut buf, &mut link_chars, owner, &mut out);
                }
            }
        }
    }
    flush(&mut buf, &mut link_chars, *owners.last().unwrap(), &mut out);
    Ok(out)
}

fn is_prose(b: &Block) -> bool {
    let len = b.text.chars().count();
    len >= MIN_PROSE_CHARS && b.link_chars * 2 < len
}

/// The deepest element that still holds [`ROOT_SHARE`] of the page's prose.
fn content_root(doc: &Html, blocks: &[Block]) -> NodeId {
    let mut totals: HashMap<NodeId, usize> = HashMap::new();
    for b in blocks.iter().filter(|b| is_prose(b)) {
        let len = b.text.chars().count();
        let Some(owner) = doc.tree.get(b.owner) else {
            continue;
        };
        *totals.entry(owner.id()).or_default() += len;
        for a in owner.ancestors() {
            *totals.entry(a.id()).or_default() += len;
        }
    }
    let mut current = doc.tree.root();
    let grand = totals.get(&current.id()).copied().unwrap_or(0);
    if grand == 0 {
        return current.id();
    }
    'descend: loop {
        // An article is the unit: below it, a lead paragraph beside the
        // body would be lost.
        let is_article = matches!(current.value(), Node::Element(e) if e.name() == "article" || e.attr("itemprop") == Some("articleBody"));
        if is_article {
            return current.id();
        }
        for child in current.children() {
            // Never into a single paragraph: one long paragraph beside
            // short ones is still one article.
            if element_name(&child).is_some_and(|n| TEXT_BLOCKS.contains(&n)) {
                continue;
            }
            if totals.get(&child.id()).is_some_and(|&t| t as f64 >= ROOT_SHARE * grand as f64) {
                current = child;
                continue 'descend;
            }
        }
        return current.id();
    }
}

/// Elements that never nest (void) or close themselves when a sibling
/// starts: they do not add to the depth estimate.
const FLAT_TAGS: [&str; 24] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "p",
    "li", "dt", "dd", "option", "tr", "td", "th", "tbody", "thead",
];

/// Estimates how deep a page nests from its tags alone, in one linear pass.
///
/// The HTML parser's tree construction is quadratic in nesting depth (each
/// new element searches the stack of open ones), so a hostile page must be
/// refused before it is parsed, not after.
fn estimated_depth(source: &str) -> usize {
    let b = source.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    // The next `>` at or after a position, found once and reused, so a page
    // of `<a<a<a…` with no `>` costs one scan, not one per tag.
    let mut next_gt: Option<usize> = None;
    let mut no_more_gt = false;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let name_len = b[start..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        if name_len == 0 {
            continue;
        }
        let name = source[start..start + name_len].to_ascii_lowercase();
        if FLAT_TAGS.contains(&name.as_str()) {
            continue;
        }
        if !no_more_gt && next_gt.is_none_or(|g| g < start) {
            next_gt = b[start..].iter().position(|&c| c == b'>').map(|p| start + p);
            no_more_gt = next_gt.is_none();
        }
        let end = next_gt.filter(|&g| g >= start);
        let self_closing = end.is_some_and(|e| e > 0 && b[e - 1] == b'/');
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// Extracts the article from a page.
pub fn extract(source: &str, limits: &Limits) -> Result<Article> {
    if estimated_depth(source) > limits.max_html_depth {
        return Err(IngestError::TooDeep { limit: limits.max_html_depth });
    }
    let doc = Html::parse_document(source);
    let blocks = blocks(&doc, limits)?;
    let root = content_root(&doc, &blocks);
    let meta = metadata(&doc, root);

    let mut paragraphs: Vec<&str> = Vec::new();
    for b in &blocks {
        let len = b.text.chars().count();
        // A list of links, a "read more" line; inside an article a linked
        // sentence is still the article's.
        if b.link_chars * 2 > len && !b.in_article {
            continue;
        }
        let inside = b.owner == root || doc.tree.get(b.owner).is_some_and(|n| n.ancestors().any(|a| a.id() == root));
        if inside {
            paragraphs.push(&b.text);
        }
    }
    if paragraphs.is_empty() {
        return Err(IngestError::NoText("no article text found in the page".into()));
    }
    let mut text = String::new();
    // The headline carries facts too ("Dozens killed in ..."): keep it as
    // the first paragraph when the article body does not repeat it.
    if let Some(title) = &meta.title {
        let repeated = paragraphs.iter().take(3).any(|p| squash(p) == squash(title));
        if !repeated {
            text.push_str(title);
            text.push_str("\n\n");
        }
    }
    text.push_str(&paragraphs.join("\n\n"));
    Ok(Article { text, meta })
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("selector literal")
}

fn text_of(e: scraper::ElementRef<'_>) -> String {
    // Text nodes joined as written ("Omar Khalil, Beirut", not "Omar Khalil , Beirut").
    e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Title, author, date, site and URL, from JSON-LD, meta tags, `<time>`,
/// `<h1>` and `<title>`, most specific first.
fn metadata(doc: &Html, root: NodeId) -> Meta {
    // A headline or a <time> in the article beats one in page furniture (a
    // logo in an <h1>, a ticker's date).
    let in_root = |e: &scraper::ElementRef<'_>| e.id() == root || e.ancestors().any(|a| a.id() == root);
    let in_furniture = |e: &scraper::ElementRef<'_>| {
        e.ancestors().any(|a| {
            matches!(element_name(&a), Some("header" | "nav" | "footer" | "aside"))
                && !e.ancestors().any(|x| is_article_container(&x))
        })
    };
    let pick = |css: &str| -> Vec<scraper::ElementRef<'_>> {
        let all: Vec<_> = doc.select(&sel(css)).collect();
        let mut ordered: Vec<_> = all.iter().filter(|e| in_root(e)).copied().collect();
        ordered.extend(all.iter().filter(|e| !in_root(e) && !in_furniture(e)).copied());
        ordered
    };
    let mut metas: HashMap<String, String> = HashMap::new();
    for m in doc.select(&sel("meta")) {
        let e = m.value();
        let key = e.attr("property").or_else(|| e.attr("name")).or_else(|| e.attr("itemprop"));
        if let (Some(k), Some(v)) = (key, e.attr("content")) {
            let v = v.trim();
            if !v.is_empty() {
                metas.entry(k.trim().to_ascii_lowercase()).or_insert_with(|| v.to_string());
            }
        }
    }
    let meta = |keys: &[&str]| keys.iter().find_map(|k| metas.get(*k).cloned());
    let ld = json_ld(doc);

    let site = ld.site.clone().or_else(|| meta(&["og:site_name", "application-name"]));
    let h1 = pick("h1").into_iter().map(text_of).find(|t| !t.is_empty());
    let page_title = doc.select(&sel("title")).map(text_of).find(|t| !t.is_empty());
    let title = ld
        .headline
        .clone()
        .or_else(|| meta(&["og:title", "twitter:title", "dc.title", "title"]))
        .or(h1)
        .or_else(|| page_title.map(|t| strip_site_name(&t, site.as_deref())));

    let byline = doc
        .select(&sel("[itemprop=author], [rel=author], .byline, .author, .article-author"))
        .map(text_of)
        .find(|t| !t.is_empty() && t.len() < 120)
        .map(|t| t.trim_start_matches("By ").trim_start_matches("by ").to_string());
    let author = ld
        .author
        .clone()
        .or_else(|| meta(&["author", "dc.creator", "byl", "sailthru.author", "parsely-author"]))
        .or_else(|| meta(&["article:author"]).filter(|a| !a.starts_with("http")))
        .or(byline)
        .map(|a| a.trim_start_matches("By ").trim_start_matches("by ").to_string());

    let time = pick("time[datetime]")
        .into_iter()
        .filter_map(|t| t.value().attr("datetime").map(str::to_string))
        .find_map(|d| dates::normalize(&d));
    let published = ld
        .published
        .as_deref()
        .and_then(dates::normalize)
        .or_else(|| {
            [
                "article:published_time",
                "datepublished",
                "pubdate",
                "publishdate",
                "publish-date",
                "dc.date.issued",
                "dc.date",
                "date",
                "sailthru.date",
                "parsely-pub-date",
                "og:published_time",
            ]
            .iter()
            .filter_map(|k| metas.get(*k))
            .find_map(|d| dates::normalize(d))
        })
        .or(time);

    let url = doc
        .select(&sel("link[rel=canonical]"))
        .find_map(|l| l.value().attr("href").map(str::to_string))
        .or_else(|| meta(&["og:url"]))
        .filter(|u| u.starts_with("http"));

    Meta { title, author, published, site, url, ..Meta::default() }
}

/// `Aleppo under fire | The Daily` → `Aleppo under fire`.
fn strip_site_name(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " — ", " – ", " :: ", " « "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail_is_site = site.is_some_and(|s| tail.trim().eq_ignore_ascii_case(s.trim()));
            if tail_is_site || (tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3) {
                return head.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

#[derive(Default)]
struct LdFacts {
    headline: Option<String>,
    author: Option<String>,
    published: Option<String>,
    site: Option<String>,
}

/// Facts from `<script type="application/ld+json">` article objects.
fn json_ld(doc: &Html) -> LdFacts {
    let mut facts = LdFacts::default();
    for s in doc.select(&sel(r#"script[type="application/ld+json"]"#)) {
        let src: String = s.text().collect();
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&src) {
            visit_ld(&v, &mut facts);
        }
    }
    facts
}

fn visit_ld(v: &serde_json::Value, facts: &mut LdFacts) {
    use serde_json::Value;
    match v {
        Value::Array(items) => items.iter().for_each(|i| visit_ld(i, facts)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                visit_ld(g, facts);
            }
            let types: Vec<&str> = match o.get("@type") {
                Some(Value::String(t)) => vec![t.as_str()],
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
                _ => vec![],
            };
            let is_article = types.iter().any(|t| t.ends_with("Article") || *t == "BlogPosting" || *t == "Report");
            if !is_article {
                return;
            }
            let s = |k: &str| o.get(k).and_then(Value::as_str).map(|x| x.trim().to_string()).filter(|x| !x.is_empty());
            facts.headline = facts.headline.take().or_else(|| s("headline")).or_else(|| s("name"));
            facts.published = facts.published.take().or_else(|| s("datePublished")).or_else(|| s("dateCreated"));
            if facts.author.is_none() {
                facts.author = o.get("author").and_then(names);
            }
            if facts.site.is_none() {
                facts.site = o.get("publisher").and_then(names);
            }
        }
        _ => {}
    }
}

/// `"A"`, `{"name": "A"}` or a list of them → `A, B`.
fn names(v: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    let list: Vec<String> = match v {
        Value::String(s) => vec![s.trim().to_string()],
        Value::Object(o) => {
            o.get("name").and_then(Value::as_str).map(|s| vec![s.trim().to_string()]).unwrap_or_default()
        }
        Value::Array(a) => a.iter().filter_map(names).collect(),
        _ => vec![],
    };
    let list: Vec<String> = list.into_iter().filter(|s| !s.is_empty()).collect();
    (!list.is_empty()).then(|| list.join(", "))
}

/// The encoding a page declares in its first bytes (`<meta charset>` or
/// `http-equiv` Content-Type), per the HTML prescan's intent.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let at = from + pos + b"charset".len();
        let rest = &lower[at..];
        let rest = rest.iter().skip_while(|b| b.is_ascii_whitespace()).copied().collect::<Vec<u8>>();
        if let Some(after_eq) = rest.strip_prefix(b"=") {
            let label: Vec<u8> = after_eq
                .iter()
                .skip_while(|b| b.is_ascii_whitespace() || **b == b'"' || **b == b'\'')
                .take_while(|b| !(b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'>' | b'/')))
                .copied()
                .collect();
            if let Some(enc) = std::str::from_utf8(&label).ok().and_then(crate::decode::encoding_for_label) {
                // A page that calls itself UTF-16 was decoded as ASCII to be read.
                return Some(if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else {
                    enc
                });
            }
        }
        from = at;
    }
    None
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Does the start of these bytes look like an HTML page?
pub fn sniff(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes.iter().take(1024).map(u8::to_ascii_lowercase).collect();
    let trimmed: &[u8] = {
        let mut h = head.as_slice();
        if h.starts_with(&[0xEF, 0xBB, 0xBF]) {
            h = &h[3..];
        }
        let ws = h.iter().take_while(|b| b.is_ascii_whitespace()).count();
        &h[ws..]
    };
    trimmed.starts_with(b"<!doctype html")
        || trimmed.starts_with(b"<html")
        || (trimmed.starts_with(b"<") && (find(&head, b"<body").is_some() || find(&head, b"<head").is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!DOCTYPE html><html lang="en"><head>
<title>Water cut to besieged district | Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2021-03-02T08:15:00+02:00">
</head><body>
<header class="site-header"><a href="/">Example Wire</a><nav><a href="/world">World</a></nav></header>
<div class="cookie-banner">We use cookies. Accept all cookies to continue reading.</div>
<main><article>
<h1>Water cut to besieged district</h1>
<p>The only pumping station serving the district stopped on Monday after shelling, the local council said.</p>
<div class="share-buttons"><a href="#">Share on Facebook</a><a href="#">Tweet this</a></div>
<p>About 12,000 people depend on it,<br>according to an aid group working in the area.</p>
<aside class="related"><ul><li><a href="/a">Earlier: talks stall again over the crossing points</a></li></ul></aside>
</article></main>
<section id="comments"><p>Reader comment: this is an outrage and someone should be held to account.</p></section>
<footer class="site-footer"><p>Copyright Example Wire, all rights reserved worldwide.</p></footer>
</body></html>"##;

    #[test]
    fn keeps_the_article_and_drops_the_furniture() {
        let a = extract(PAGE, &Limits::default()).unwrap();
        assert_eq!(
            a.text,
            "Water cut to besieged district\n\n\
             The only pumping station serving the district stopped on Monday after shelling, the local council said.\n\n\
             About 12,000 people depend on it,\naccording to an aid group working in the area."
        );
        assert_eq!(a.meta.title.as_deref(), Some("Water cut to besieged district"));
        assert_eq!(a.meta.author.as_deref(), Some("Jane Roe"));
        assert_eq!(a.meta.published.as_deref(), Some("2021-03-02T08:15:00+02:00"));
        assert_eq!(a.meta.site.as_deref(), Some("Example Wire"));
    }

    /// Every word in `data/boilerplate.txt` comes with example markup; each
    /// example, dropped into an article, must leave the article.
    #[test]
    fn every_boilerplate_example_is_removed() {
        let mut checked = 0;
        for line in
            include_str!("../data/boilerplate.txt").lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let (word, example) = line.split_once(char::is_whitespace).unwrap();
            let example = example.trim();
            assert!(example.starts_with('<'), "{word}: the example is an opening tag");
            let tag: String = example[1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            let page = format!(
                "<html><body><article><p>The water station was repaired on Sunday, engineers said.</p>\
                 {example}Furniture that must go</{tag}><p>Pumping resumed the next morning.</p></article></body></html>"
            );
            let a = extract(&page, &Limits::default()).unwrap();
            assert!(!a.text.contains("Furniture"), "{word}: {example} was kept: {}", a.text);
            assert!(a.text.contains("Pumping resumed"), "{word}: the article went too: {}", a.text);
            checked += 1;
        }
        assert!(checked > 40);
    }

    #[test]
    fn json_ld_and_time_supply_metadata() {
        let page = r#"<html><head><title>x</title><script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
{"@type":"NewsArticle","headline":"Convoy reaches the town","datePublished":"2019-07-04",
"author":[{"@type":"Person","name":"A. Writer"},{"name":"B. Writer"}],"publisher":{"name":"The Post"}}]}
</script></head><body><p>Trucks carrying flour and medicine arrived at noon, officials said.</p></body></html>"#;
        let a = extract(page, &Limits::default()).unwrap();
        assert_eq!(a.meta.title.as_deref(), Some("Convoy reaches the town"));
        assert_eq!(a.meta.author.as_deref(), Some("A. Writer, B. Writer"));
        assert_eq!(a.meta.published.as_deref(), Some("2019-07-04"));
        assert_eq!(a.meta.site.as_deref(), Some("The Post"));
        assert!(a.text.ends_with("officials said."));

        let page = r#"<html><body><article><time datetime="2018-02-20">Feb 20</time>
<p>Several families left the town overnight, residents said by phone.</p></article></body></html>"#;
        assert_eq!(extract(page, &Limits::default()).unwrap().meta.published.as_deref(), Some("2018-02-20"));
    }

    /// Page shapes met in the wild, each with the sentence that must survive.
    #[test]
    fn common_page_shapes_keep_their_article() {
        let body = "<p>Residents said the bakery had been shut for a week before the strike.</p>\
                    <p>Aid workers said flour had run out in the eastern districts days earlier.</p>";
        let cases = [
            // A theme's wrapper whose class names the sidebar beside it.
            format!("<body><div class='site-inner'><div class='content-sidebar-wrap'><main><article><h1>Strike</h1>{body}</article></main></div></div></body>"),
            // A post whose class lists its tags.
            format!("<body><div class='post type-post tag-social-media'><h2>Strike</h2>{body}</div></body>"),
            // ASP.NET wraps the whole body in a form.
            format!("<body><form id='form1'><div class='story'><h1>Strike</h1>{body}</div></form></body>"),
        ];
        for page in &cases {
            let a = extract(page, &Limits::default()).unwrap();
            assert!(a.text.contains("flour had run out"), "{page}\n=> {}", a.text);
        }
    }

    #[test]
    fn lead_standfirst_and_linked_sentences_stay() {
        let body: String = (0..8)
            .map(|i| format!("<p>Paragraph {i} of the report describes the damage to the market in detail.</p>"))
            .collect();
        let page = format!("<body><article><h1>Toll rises</h1><p class='lead'>At least 45 people were killed and 120 injured, medics said.</p><div class='article-body'>{body}</div></article></body>");
        assert!(extract(&page, &Limits::default()).unwrap().text.contains("At least 45 people"));
        let page = format!("<body><div class='post'><header><h1>Barrels</h1><p class='standfirst'>At least 30 barrel bombs fell on the town, killing seven.</p></header>{body}</div></body>");
        assert!(extract(&page, &Limits::default()).unwrap().text.contains("At least 30 barrel bombs"));
        let page = format!("<body><article><p><a href='/r'>As many as 13,000 people were hanged at the prison</a> between 2011 and 2015, the report said.</p>{body}</article></body>");
        assert!(extract(&page, &Limits::default()).unwrap().text.contains("As many as 13,000"));
    }

    #[test]
    fn headline_and_date_come_from_the_story_not_the_masthead() {
        let page = "<body><header><h1 class='logo'>Levant Post</h1><div class='ticker'><time datetime='2018-02-25'>25 Feb</time></div></header>\
                    <article><h1>Clinic hit in the south</h1><time datetime='2018-02-21'>21 Feb</time>\
                    <p>A clinic in the southern district was hit by two rockets, the health directorate said.</p></article></body>";
        let a = extract(page, &Limits::default()).unwrap();
        assert_eq!(a.meta.title.as_deref(), Some("Clinic hit in the south"));
        assert_eq!(a.meta.published.as_deref(), Some("2018-02-21"));
    }

    #[test]
    fn a_page_with_only_a_title_is_no_text() {
        let err = extract(
            "<html><head><title>Just a title</title></head><body><nav>Home</nav></body></html>",
            &Limits::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("no article text"), "{err}");
    }

    #[test]
    fn one_long_paragraph_does_not_swallow_the_article() {
        let long = "Volunteers cleared the roads and checked on neighbours. ".repeat(12);
        let page = format!(
            "<html><body><div><p>Shelling was reported overnight in the north.</p><p>{long}</p></div></body></html>"
        );
        let a = extract(&page, &Limits::default()).unwrap();
        assert!(a.text.starts_with("Shelling was reported overnight"), "{}", a.text);
    }

    #[test]
    fn deep_nesting_is_refused_not_a_crash() {
        let depth = 100_000;
        let page = format!("<html><body>{}text{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth));
        let err = extract(&page, &Limits::default()).unwrap_err();
        assert!(err.to_string().contains("--max-html-depth"), "{err}");
        // Unclosed paragraphs and list items do not nest.
        let flat = format!("<html><body><ul>{}</ul></body></html>", "<li><p>item".repeat(5_000));
        assert!(extract(&flat, &Limits::default()).is_ok());
    }

    #[test]
    fn unclosed_tags_count_as_nesting() {
        // 200,000 `<a` without a `>`: one scan for `>`, not one per tag.
        assert!(estimated_depth(&"<a".repeat(200_000)) > 512);
        assert_eq!(estimated_depth("<div><br/><p>x</div>"), 1);
    }

    #[test]
    fn charset_is_found_in_meta() {
        let b = br#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">"#;
        assert_eq!(declared_charset(b), Some(encoding_rs::WINDOWS_1256));
        assert_eq!(declared_charset(b"<meta charset='utf-8'>"), Some(encoding_rs::UTF_8));
        assert!(sniff(b"\n<!DOCTYPE html><html>"));
        assert!(!sniff(b"plain text about <b>"));
    }
}
