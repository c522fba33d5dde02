//! Shared by the web tests and the benchmark: fixture archives, a server
//! started in this process, and a small HTTP/1.1 client over a socket.
#![allow(dead_code)]

use sitrep_ingest::{read_bytes, Document, Options, Origin};
use sitrep_store::Archive;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// An English dispatch. The emoji before "rescuers" makes JavaScript's
/// UTF-16 offsets differ from the record's characters.
pub const ENGLISH: &str = "Shelling in the Shaar district\n\n\
Aleppo, 3 December 2016. Shelling killed 12 people in the Shaar district on Saturday, \
rescuers said. About 100,000 people are trapped in eastern Aleppo, according to the UN.\n\n\
Update 🔥 from the field: rescuers dug through the night near the old market.\n\n\
\"There is no safe place left in the city,\" said Ahmed Hassan, a rescue worker.\n";

/// An Arabic statement.
pub const ARABIC: &str = "قصف على حي الشعار في حلب\n\n\
حلب، 4 كانون الأول 2016. قتل 15 مدنياً في قصف على حي الشعار في حلب، بحسب الدفاع المدني.\n\n\
وقال أحد المسعفين: \"لا يوجد مكان آمن في المدينة\".\n";

/// A page whose every part tries to run something.
pub const HOSTILE: &str = "<script>window.pwned=1;alert(1)</script> hostile page\n\n\
Aleppo, 5 December 2016. <img src=x onerror=\"window.pwned=2;alert(2)\"> Shelling killed 3 people in Aleppo. \
<a href=\"javascript:window.pwned=3;alert(3)\">click here</a> <script>window.pwned=4</script>\n\n\
<svg onload=\"window.pwned=5\"></svg> <div onmouseover=\"window.pwned=6\">hover</div> ' \" & done.\n";

pub fn document(name: &str, text: &str) -> Document {
    let origin = Origin { location: format!("https://example.org/{name}"), ..Default::default() };
    let mut items = Vec::new();
    read_bytes(name, name, text.as_bytes().to_vec(), origin, &Options::default(), &mut |i| items.push(i));
    items.remove(0).result.expect("fixture reads")
}

/// Adds `text` as `name`, with its record; its id.
pub fn add(archive: &mut Archive, name: &str, text: &str) -> String {
    let d = document(name, text);
    let record = sitrep_annotate::extract(&d, &Default::default());
    archive.add(&d, Some(&record)).unwrap();
    d.id()
}

/// An archive file with the three fixtures; their ids by name.
pub fn fixture(dir: &Path) -> (PathBuf, BTreeMap<&'static str, String>) {
    let path = dir.join("archive.db");
    let mut a = Archive::open(&path).unwrap();
    let mut ids = BTreeMap::new();
    ids.insert("english", add(&mut a, "aleppo.txt", ENGLISH));
    ids.insert("arabic", add(&mut a, "halab.txt", ARABIC));
    ids.insert("hostile", add(&mut a, "hostile.txt", HOSTILE));
    (path, ids)
}

/// Character offset of `needle` in `text`.
pub fn char_at(text: &str, needle: &str) -> usize {
    let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the text"));
    text[..byte].chars().count()
}

/// Serves `config` from a thread of this process; its address.
pub fn start(config: sitrep_web::Config) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let tx2 = tx.clone();
        let result = rt.block_on(sitrep_web::serve(config, move |addr| tx2.send(Ok(addr)).unwrap()));
        if let Err(e) = result {
            let _ = tx.send(Err(e.to_string()));
        }
    });
    rx.recv_timeout(Duration::from_secs(30)).expect("the server started").expect("the server runs")
}

pub fn config(archive: &Path) -> sitrep_web::Config {
    sitrep_web::Config { port: 0, user: Some("tester".into()), ..sitrep_web::Config::new(archive.to_path_buf()) }
}

/// A response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request on a fresh connection.
pub fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read the response");
    parse(&raw)
}

pub fn get(addr: SocketAddr, path: &str) -> Resp {
    request(addr, "GET", path, &[], b"")
}

fn parse(raw: &[u8]) -> Resp {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a header block");
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|c| c.parse().ok()).expect("a status");
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers.iter().any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        while let Some(nl) = rest.windows(2).position(|w| w == b"\r\n") {
            let size = usize::from_str_radix(String::from_utf8_lossy(&rest[..nl]).trim(), 16).unwrap_or(0);
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[nl + 2..nl + 2 + size]);
            rest = &rest[nl + 2 + size + 2..];
        }
        body = out;
    }
    Resp { status, headers, body }
}

/// `application/x-www-form-urlencoded`.
pub fn form(pairs: &[(&str, &str)]) -> Vec<u8> {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", sitrep_web::html::url_part(k), sitrep_web::html::url_part(v)))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

/// The CSRF token a page's forms carry.
pub fn csrf_of(page: &str) -> String {
    let at = page.find("name=\"csrf\" value=\"").expect("a form with a CSRF token") + "name=\"csrf\" value=\"".len();
    page[at..at + 64].to_string()
}
