//! `sitrep anchor`: a time-stamp request for the head that openssl reads,
//! and a response made by `openssl ts -reply` with a test authority made
//! here, checked against the head. Skipped (with a note) where openssl is
//! not installed.

mod common;

use common::Scratch;
use std::process::Command;

fn openssl(dir: &std::path::Path, args: &[&str]) -> Option<String> {
    let out = Command::new("openssl").current_dir(dir).args(args).output().ok()?;
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn have_openssl() -> bool {
    let found = Command::new("openssl").arg("version").output().is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("openssl is not installed: the time-stamp round trip is not tested here");
    }
    found
}

/// A test CA and a time-stamping authority it certifies, with the
/// configuration `openssl ts -reply` reads.
fn authority(s: &Scratch) {
    let d = s.dir.path();
    s.write("ext.cnf", "extendedKeyUsage=critical,timeStamping\nbasicConstraints=CA:FALSE\n");
    s.write(
        "tsa.cnf",
        "[ tsa ]\ndefault_tsa = tsa1\n[ tsa1 ]\nserial = ./tsaserial\ncrypto_device = builtin\n\
         signer_cert = ./tsa.pem\ncerts = ./ca.pem\nsigner_key = ./tsa.key\nsigner_digest = sha256\n\
         default_policy = 1.2.3.4.1\nother_policies = 1.2.3.4.2\ndigests = sha256\naccuracy = secs:1\n\
         ordering = no\ntsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n",
    );
    s.write("tsaserial", "01\n");
    for args in [
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-subj",
            "/CN=sitrep test CA",
            "-days",
            "2",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign",
        ][..],
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "tsa.key",
            "-out",
            "tsa.csr",
            "-subj",
            "/CN=sitrep test TSA",
        ],
        &[
            "x509",
            "-req",
            "-in",
            "tsa.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "tsa.pem",
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
        ],
    ] {
        openssl(d, args).unwrap();
    }
}

#[test]
fn a_time_stamp_request_for_the_head_and_its_response_round_trip_through_openssl() {
    if !have_openssl() {
        return;
    }
    let s = Scratch::new();
    let d = s.dir.path();
    s.write("a.txt", "Aleppo, 3 December 2016. Shelling killed 12 people in the Shaar district, rescuers said.");
    assert_eq!(s.run(&["add", s.path("a.txt").to_str().unwrap()]).code(), 0);
    let r = s.run(&["anchor", "--tsq", s.path("req.tsq").to_str().unwrap()]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    let head = r.stdout().lines().next().unwrap().strip_prefix("head ").unwrap().to_string();

    // openssl reads the request as a SHA-256 imprint of the head, with a
    // nonce, asking for the authority's certificate.
    let text = openssl(d, &["ts", "-query", "-in", "req.tsq", "-text"]).unwrap();
    assert!(text.contains("Hash Algorithm: sha256"), "{text}");
    assert!(text.contains("Nonce: 0x"), "{text}");
    assert!(text.contains("Certificate required: yes"), "{text}");
    let dumped: String = text
        .lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with("00"))
        .flat_map(|l| l.split("   ").next().unwrap_or("").split_whitespace().skip(2).collect::<Vec<_>>())
        .collect::<String>()
        .replace('-', "");
    assert_eq!(dumped, head, "the imprint is the head");

    authority(&s);
    openssl(d, &["ts", "-reply", "-config", "tsa.cnf", "-queryfile", "req.tsq", "-out", "resp.tsr"]).unwrap();
    let r =
        s.run(&["anchor", "--tsr", s.path("resp.tsr").to_str().unwrap(), "--tsq", s.path("req.tsq").to_str().unwrap()]);
    assert_eq!(r.code(), 0, "{}{}", r.stdout(), r.stderr());
    assert!(r.stdout().contains("time-stamped 20"), "{}", r.stdout());
    assert!(r.stdout().contains("policy 1.2.3.4.1"), "{}", r.stdout());
    assert!(r.stdout().contains("openssl ts -verify"), "it says how to check the signature: {}", r.stdout());
    // And the command it prints for the signature works.
    let ok = openssl(
        d,
        &["ts", "-verify", "-digest", &head, "-in", "resp.tsr", "-CAfile", "ca.pem", "-untrusted", "tsa.pem"],
    );
    assert!(ok.unwrap().contains("Verification: OK"));

    // A response to another request does not answer this one.
    assert_eq!(s.run(&["anchor", "--tsq", s.path("other.tsq").to_str().unwrap()]).code(), 0);
    openssl(d, &["ts", "-reply", "-config", "tsa.cnf", "-queryfile", "other.tsq", "-out", "other.tsr"]).unwrap();
    let r = s.run(&[
        "anchor",
        "--tsr",
        s.path("other.tsr").to_str().unwrap(),
        "--tsq",
        s.path("req.tsq").to_str().unwrap(),
    ]);
    assert_eq!(r.code(), 1);
    assert!(r.stderr().contains("nonce"), "{}", r.stderr());

    // Once the archive changes, the stamp is of another head.
    s.write("b.txt", "Rescuers said two more bodies were found under the rubble on Sunday.");
    assert_eq!(s.run(&["add", s.path("b.txt").to_str().unwrap()]).code(), 0);
    let r = s.run(&["anchor", "--tsr", s.path("resp.tsr").to_str().unwrap()]);
    assert_eq!(r.code(), 1, "{}", r.stdout());
    assert!(r.stderr().contains("time-stamps another head"), "{}", r.stderr());
    assert!(r.stdout().contains(&format!("stamped head {head}")), "{}", r.stdout());

    // Not a response at all.
    s.write("junk.tsr", "not DER");
    let r = s.run(&["anchor", "--tsr", s.path("junk.tsr").to_str().unwrap()]);
    assert_eq!(r.code(), 1);
    assert!(r.stderr().contains("not an RFC 3161 time-stamp response"), "{}", r.stderr());
}

#[test]
fn an_archive_that_does_not_verify_is_not_anchored() {
    let s = Scratch::new();
    s.write("a.txt", "Shelling killed 12 people in the Shaar district, rescuers said.");
    assert_eq!(s.run(&["add", s.path("a.txt").to_str().unwrap()]).code(), 0);
    rusqlite::Connection::open(s.archive()).unwrap().execute("UPDATE documents SET title = 'Forged'", []).unwrap();
    let r = s.run(&["anchor", "--tsq", s.path("req.tsq").to_str().unwrap()]);
    assert_eq!(r.code(), 1);
    assert!(r.stderr().contains("does not verify"), "{}", r.stderr());
    assert!(!s.path("req.tsq").exists());
    assert_eq!(s.run(&["anchor"]).code(), 2, "--tsq or --tsr is needed");
}
