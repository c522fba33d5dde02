//! `serve`: the analyst's desk in a browser. The server lives in
//! `sitrep-web`; this checks the flags, says where it listens and runs it.

use crate::args::ServeArgs;
use std::path::PathBuf;

pub fn run(archive: PathBuf, args: &ServeArgs) -> anyhow::Result<u8> {
    let user = args
        .user
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "analyst".into());
    let config = sitrep_web::Config {
        archive: archive.clone(),
        host: args.host,
        port: args.port,
        token: args.token.clone().filter(|t| !t.is_empty()),
        user: Some(user),
    };
    // Refused before anything listens: other machines must not reach an
    // archive without a token.
    if let Err(e) = config.check() {
        eprintln!("sitrep: {e}");
        return Ok(2);
    }
    let token = config.token.clone();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(sitrep_web::serve(config, |addr| {
        let query = token.as_deref().map(|t| format!("?token={}", sitrep_web::html::url_part(t))).unwrap_or_default();
        println!("Serving {} at http://{addr}/{query} (Ctrl-C to stop)", archive.display());
    }))?;
    Ok(0)
}
