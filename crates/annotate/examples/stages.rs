//! Times each annotator on one large mixed text:
//! `cargo run --release -p sitrep-annotate --example stages`.
use sitrep_annotate::{actors, dates, places, tokens};
use std::time::Instant;
fn main() {
    let en = "Regime forces and Hezbollah fighters advanced on the Salah al-Din and Saif al-Dowla districts of Aleppo, the Syrian Observatory for Human Rights said. Spokesman Jens Laerke said 40 trucks of UN aid reached Douma in Eastern Ghouta, and that talks in Geneva and Moscow would go on. Shelling killed at least 12 people in the eastern districts on Tuesday, according to the civil defence. ";
    let ar = "وقال الناشط الإعلامي أحمد النجار إن قوات النظام قصفت حي الأنصاري ومدينة حلب، ونزح 40 شخصاً إلى إدلب. أفاد ناشطون بسقوط عشرات القذائف على السوق أمس، ونزوح أكثر من 30 عائلة نحو الريف. ";
    let text = format!("{}{}", en.repeat(3000), ar.repeat(3000));
    let mb = text.len() as f64 / 1e6;
    let _ = places::find("Aleppo", &tokens::tokenize("Aleppo"));
    let t = Instant::now();
    let toks = tokens::tokenize(&text);
    let a = t.elapsed();
    let t = Instant::now();
    let d = dates::find(&toks, None);
    let b = t.elapsed();
    let t = Instant::now();
    let p = places::find(&text, &toks);
    let c = t.elapsed();
    let spans: Vec<_> = p.iter().map(|m| m.span).collect();
    let t = Instant::now();
    let ac = actors::find(&text, &toks, Some("SY"), &spans);
    let e = t.elapsed();
    println!(
        "{mb:.1} MB: tokens {:.1} MB/s, dates {:.1} MB/s ({}), places {:.1} MB/s ({}), actors {:.1} MB/s ({})",
        mb / a.as_secs_f64(),
        mb / b.as_secs_f64(),
        d.len(),
        mb / c.as_secs_f64(),
        p.len(),
        mb / e.as_secs_f64(),
        ac.len()
    );
}
