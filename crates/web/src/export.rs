//! Exports and the situation report, from the reviewed state of the
//! archive: they wait for a snapshot that includes the newest review.

use crate::cache::Want;
use crate::figures::Scope;
use crate::security::{first, Pairs};
use crate::{db, snapshot, Failure, Shared};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use sitrep_link::Settings;
use sitrep_pipeline::shapes;
use sitrep_report::export::Format;
use sitrep_report::html::{render, ReportOptions};

fn content_type(f: Format) -> &'static str {
    match f {
        Format::Json => "application/json",
        Format::Jsonl => "application/x-ndjson",
        Format::Csv | Format::Acled | Format::Ucdp => "text/csv; charset=utf-8",
        Format::Geojson => "application/geo+json",
    }
}

/// `GET /export/<format>` with the figures page's filters.
pub async fn export(
    State(s): State<Shared>,
    Path(format): Path<String>,
    Query(pairs): Query<Pairs>,
) -> Result<Response, Failure> {
    let f = Format::parse(&format).ok_or_else(|| {
        Failure::not_found(&format!("{format:?} is not an export format: use one of {}", Format::ALL.join(", ")))
    })?;
    let scope = Scope::parse(&pairs);
    let got = snapshot(&s, Want::linked(scope.rule()), true).await?;
    let linked = scope.apply(&got.snapshot.linked);
    let mut out = Vec::with_capacity(64 * 1024);
    sitrep_report::export::write(&linked, f, &mut out)
        .map_err(|e| Failure::internal(&format!("the export failed: {e}")))?;
    let mut r = out.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(f)));
    let name = format!("attachment; filename=\"sitrep-{}.{}\"", f.name(), f.extension());
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&name).expect("ascii names"));
    Ok(r)
}

/// JSON as the command line prints it: pretty, with a final newline.
fn json_response(v: &impl serde::Serialize) -> Result<Response, Failure> {
    let mut out =
        serde_json::to_vec_pretty(v).map_err(|e| Failure::internal(&format!("the JSON could not be made: {e}")))?;
    out.push(b'\n');
    let mut r = out.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(r)
}

/// `GET /figures.json` with the figures page's filters: the claim groups as
/// `sitrep.figures/1`, what `sitrep figures --json` prints.
pub async fn figures_json(State(s): State<Shared>, Query(pairs): Query<Pairs>) -> Result<Response, Failure> {
    let scope = Scope::parse(&pairs);
    let got = snapshot(&s, Want::linked(scope.rule()), true).await?;
    let linked = scope.apply(&got.snapshot.linked);
    json_response(&shapes::Figures::of(&linked))
}

/// `GET /timeline.json` with the timeline page's filters: the events as
/// `sitrep.timeline/1`, what `sitrep timeline --json` prints. Like that
/// command it records a timeline version when the events changed.
pub async fn timeline_json(State(s): State<Shared>, Query(pairs): Query<Pairs>) -> Result<Response, Failure> {
    let mut scope = Scope::parse(&pairs);
    scope.category.clear();
    scope.rule.clear();
    let (linked, version) = db(&s, |a| {
        let (linked, version, _) = sitrep_pipeline::linked::linked_with_snapshot(a, &Settings::default())?;
        Ok((linked, version))
    })
    .await?;
    let shown = scope.apply(&linked);
    json_response(&shapes::Timeline::of(&shown, version))
}

/// The report's own policy: its styles are inline and it has no script.
const REPORT_CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'; \
     frame-ancestors 'none'";

/// `GET /report`: the situation report for the filters given.
pub async fn report(State(s): State<Shared>, Query(pairs): Query<Pairs>) -> Result<Response, Failure> {
    let scope = Scope::parse(&pairs);
    let title = first(&pairs, "title").filter(|t| !t.trim().is_empty()).map(str::to_string);
    let got = snapshot(&s, Want::linked(scope.rule()), true).await?;
    let linked = scope.apply(&got.snapshot.linked);
    let opts = ReportOptions {
        title,
        place: (!scope.place.is_empty()).then(|| scope.place.clone()),
        from: (!scope.from.is_empty()).then(|| scope.from.clone()),
        to: (!scope.to.is_empty()).then(|| scope.to.clone()),
        generated_at: None,
        archive: s.archive_name(),
    };
    let page = render(&linked, &opts);
    let mut r = page.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(REPORT_CSP));
    Ok(r)
}
