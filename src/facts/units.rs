//! The unit catalogue: every unit's written forms, symbols, kind and normalised name, read once
//! from `assets/units.json` (quantulum3's catalogue, MIT, see `assets/units.LICENSE`) and
//! `assets/units-extra.json` (dossier's additions), and the lookup of a unit after a number.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::tokens::Tok;

/// One unit of the catalogue.
#[derive(Debug)]
pub(super) struct Unit {
    /// Normalised name: "kilometre", "pound sterling", "degree Celsius".
    pub name: String,
    /// What it measures: "length", "mass", "currency", "time" …
    pub kind: String,
    /// ISO 4217 code of a currency.
    pub code: Option<String>,
}

#[derive(Deserialize)]
struct RawUnit {
    #[serde(default)]
    surfaces: Vec<String>,
    entity: String,
    #[serde(default)]
    symbols: Vec<String>,
    #[serde(default)]
    prefixes: Vec<String>,
    #[serde(default)]
    currency_code: Option<String>,
}

/// The units of a catalogue file in the order it lists them (earlier ones win a shared form).
struct Ordered(Vec<(String, serde_json::Value)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map of units")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Ordered, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

#[derive(Deserialize)]
struct Extra {
    units: Ordered,
    prefer: HashMap<String, String>,
    ignore: Vec<String>,
}

const BASE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/units.json"));
const EXTRA: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/units-extra.json"
));

/// SI prefixes: symbol and name.
const PREFIXES: &[(&str, &str)] = &[
    ("Y", "yotta"),
    ("Z", "zetta"),
    ("E", "exa"),
    ("P", "peta"),
    ("T", "tera"),
    ("G", "giga"),
    ("M", "mega"),
    ("k", "kilo"),
    ("h", "hecto"),
    ("d", "deci"),
    ("c", "centi"),
    ("m", "milli"),
    ("\u{b5}", "micro"),
    ("n", "nano"),
    ("p", "pico"),
    ("f", "femto"),
    ("a", "atto"),
    ("z", "zepto"),
    ("y", "yocto"),
];

/// The units and the indexes of their written forms.
pub(super) struct Catalogue {
    units: Vec<Unit>,
    /// Symbols, case-sensitive ("mg", "°C", "US$").
    symbols: HashMap<String, usize>,
    /// Written names, lower case, with plurals ("kilometres", "degrees celsius").
    surfaces: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(build);

/// The catalogue, built on first use.
pub(super) fn catalogue() -> &'static Catalogue {
    &CATALOGUE
}

/// The micro sign and the Greek mu are the same prefix.
fn fold_mu(s: &str) -> String {
    s.replace('\u{3bc}', "\u{b5}")
}

fn plural(word: &str) -> String {
    if word == "foot" {
        return "feet".into();
    }
    if word.ends_with(['s', 'x', 'z']) || word.ends_with("ch") || word.ends_with("sh") {
        return format!("{word}es");
    }
    if let Some(stem) = word.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'o', 'u'])
    {
        return format!("{stem}ies");
    }
    format!("{word}s")
}

/// A surface and its plurals: last word ("square kilometres") or first ("degrees celsius").
fn surface_forms(surface: &str) -> Vec<String> {
    let lower = fold_mu(&surface.to_lowercase());
    let mut out = vec![lower.clone()];
    match lower.rsplit_once(' ') {
        Some((head, last)) => {
            out.push(format!("{head} {}", plural(last)));
            if let Some((first, rest)) = lower.split_once(' ') {
                out.push(format!("{} {rest}", plural(first)));
            }
        }
        None => out.push(plural(&lower)),
    }
    out
}

fn build() -> Catalogue {
    let base: Ordered =
        serde_json::from_str(BASE).expect("assets/units.json is valid (checked by a unit test)");
    let extra: Extra = serde_json::from_str(EXTRA)
        .expect("assets/units-extra.json is valid (checked by a unit test)");
    let mut raws: Vec<(String, RawUnit)> = Vec::new();
    for (name, v) in base.0.into_iter().chain(extra.units.0) {
        let Ok(raw) = serde_json::from_value::<RawUnit>(v) else {
            continue;
        };
        if let Some((_, known)) = raws.iter_mut().find(|(n, _)| *n == name) {
            known.surfaces.extend(raw.surfaces);
            known.symbols.extend(raw.symbols);
            known.prefixes.extend(raw.prefixes);
        } else {
            raws.push((name, raw));
        }
    }
    let mut cat = Catalogue {
        units: Vec::new(),
        symbols: HashMap::new(),
        surfaces: HashMap::new(),
        by_name: HashMap::new(),
    };
    let ignored = |s: &str| extra.ignore.iter().any(|i| i == s);
    for (name, raw) in &raws {
        let id = cat.units.len();
        cat.units.push(Unit {
            name: name.clone(),
            kind: raw.entity.clone(),
            code: raw.currency_code.clone(),
        });
        cat.by_name.insert(name.clone(), id);
        for s in raw.symbols.iter().filter(|s| !ignored(s)) {
            cat.symbols.entry(fold_mu(s)).or_insert(id);
        }
        for s in raw.surfaces.iter().filter(|s| !ignored(s)) {
            for form in surface_forms(s) {
                cat.surfaces.entry(form).or_insert(id);
            }
        }
    }
    // Prefixed forms ("km", "kilometre") never replace a unit written out in the catalogue.
    for (name, raw) in &raws {
        let Some(symbol) = raw.symbols.first() else {
            continue;
        };
        for (p, pname) in PREFIXES
            .iter()
            .filter(|(p, _)| raw.prefixes.iter().any(|x| x == p))
        {
            let full = format!("{pname}{name}");
            let id = if let Some(&id) = cat.by_name.get(&full) {
                id
            } else {
                cat.units.push(Unit {
                    name: full.clone(),
                    kind: raw.entity.clone(),
                    code: None,
                });
                cat.by_name.insert(full, cat.units.len() - 1);
                cat.units.len() - 1
            };
            cat.symbols.entry(format!("{p}{symbol}")).or_insert(id);
            for s in &raw.surfaces {
                for form in surface_forms(&format!("{pname}{s}")) {
                    cat.surfaces.entry(form).or_insert(id);
                }
            }
        }
    }
    for (form, name) in &extra.prefer {
        if let Some(&id) = cat.by_name.get(name) {
            if cat.symbols.contains_key(form) {
                cat.symbols.insert(form.clone(), id);
            }
            let lower = form.to_lowercase();
            if cat.surfaces.contains_key(&lower) {
                cat.surfaces.insert(lower, id);
            }
        }
    }
    cat
}

impl Catalogue {
    /// The unit a written form stands for: a symbol as written, else a name in any case.
    pub fn lookup(&self, written: &str) -> Option<&Unit> {
        let folded = fold_mu(written);
        self.symbols
            .get(&folded)
            .or_else(|| self.surfaces.get(&folded.to_lowercase()))
            .map(|&id| &self.units[id])
    }

    /// A unit by its normalised name.
    pub fn named(&self, name: &str) -> Option<&Unit> {
        self.by_name.get(name).map(|&id| &self.units[id])
    }

    /// The currency with an ISO 4217 code ("USD" → dollar).
    pub fn currency(&self, code: &str) -> Option<&Unit> {
        self.symbols
            .get(code)
            .map(|&id| &self.units[id])
            .filter(|u| u.code.as_deref() == Some(code))
    }

    /// Whether a word glued to a number is a unit symbol ("10kg", "25lbs", "1500b").
    pub fn is_symbol(&self, word: &str) -> bool {
        self.symbols.contains_key(word) || self.surfaces.contains_key(&word.to_lowercase())
    }
}

/// A unit read after a number: its tokens and its normalised name and kind.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct UnitMatch {
    /// First token of the unit.
    pub start: usize,
    /// One past its last token.
    pub end: usize,
    /// Normalised name, compounds included: "kilometre per hour", "square kilometre".
    pub name: String,
    /// What it measures.
    pub kind: &'static str,
    /// ISO 4217 code of a currency.
    pub code: Option<&'static str>,
}

/// The longest written form of a unit starting at token `j`: up to four words, or tokens glued
/// together ("°C", "fb−1"), then a power ("km2", "cm³"), then "per" or "/" and another unit.
pub(super) fn unit_at(toks: &[Tok<'_>], j: usize) -> Option<UnitMatch> {
    let m = simple_unit_at(toks, j)?;
    let m = with_power(toks, m);
    Some(with_per(toks, m, 2))
}

fn simple_unit_at(toks: &[Tok<'_>], j: usize) -> Option<UnitMatch> {
    let cat = catalogue();
    let first = toks.get(j)?;
    if first.is_num() || first.skip {
        return None;
    }
    let mut key = String::new();
    let mut words = 0;
    let mut best: Option<(usize, &'static Unit)> = None;
    for (k, t) in toks.iter().enumerate().skip(j).take(6) {
        if k > j && t.spaced {
            if !t.is_word() || words >= 4 {
                break;
            }
            key.push(' ');
        }
        if t.is_num() && (k == j || t.spaced || t.text.len() > 2) {
            break;
        }
        if t.is_word() {
            words += 1;
        }
        key.push_str(t.text);
        // A full stop ends a unit only inside it ("fl. oz"), never at a clause end ("2 in.").
        let dot_end = t.text == "." && toks.get(k + 1).is_none_or(|n| n.spaced);
        if !dot_end && let Some(u) = cat.lookup(&key) {
            best = Some((k + 1, u));
        }
        if key.len() > 40 {
            break;
        }
    }
    let (end, unit) = best?;
    Some(UnitMatch {
        start: j,
        end,
        name: unit.name.clone(),
        kind: unit.kind.as_str(),
        code: unit.code.as_deref(),
    })
}

/// "km2", "km^2", "cm³", "km squared" → square or cubic units; "s-1" → an inverse unit.
fn with_power(toks: &[Tok<'_>], mut m: UnitMatch) -> UnitMatch {
    let glued = |k: usize| toks.get(k).filter(|t| t.glued());
    let mut k = m.end;
    if glued(k).is_some_and(|t| t.text == "^") {
        k += 1;
    }
    let power = match glued(k).map(|t| t.text) {
        Some("2" | "\u{b2}") => Some((2, k + 1)),
        Some("3" | "\u{b3}") => Some((3, k + 1)),
        Some("-" | "\u{2212}") if glued(k + 1).is_some_and(|t| t.text == "1") => Some((-1, k + 2)),
        _ => match toks.get(m.end).filter(|t| t.spaced) {
            Some(t) if t.is("squared") => Some((2, m.end + 1)),
            Some(t) if t.is("cubed") => Some((3, m.end + 1)),
            _ => None,
        },
    };
    let Some((p, end)) = power else {
        return m;
    };
    let (word, kind) = match p {
        2 => ("square", "area"),
        3 => ("cubic", "volume"),
        _ => ("inverse", m.kind),
    };
    let name = format!("{word} {}", m.name);
    m.kind = catalogue().named(&name).map_or(kind, |u| u.kind.as_str());
    m.name = name;
    m.end = end;
    m
}

/// "per kg", "/hour", "an hour" after a sum of money: the unit it is paid per.
pub(super) fn per_unit(toks: &[Tok<'_>], j: usize) -> Option<UnitMatch> {
    let sep = toks.get(j)?;
    let per = (sep.text == "/" && sep.glued()) || (sep.spaced && sep.is("per"));
    if !per {
        return None;
    }
    let d = simple_unit_at(toks, j + 1)?;
    Some(with_power(toks, d))
}

/// "km/h", "dollars per hour", "miles an hour".
fn with_per(toks: &[Tok<'_>], m: UnitMatch, depth: u8) -> UnitMatch {
    let Some(sep) = toks.get(m.end) else {
        return m;
    };
    let per = (sep.text == "/" && sep.glued()) || (sep.spaced && sep.is("per"));
    let an = sep.spaced && (sep.is("a") || sep.is("an"));
    if depth == 0 || !(per || an) {
        return m;
    }
    let Some(d) = simple_unit_at(toks, m.end + 1) else {
        return m;
    };
    if an && d.kind != "time" {
        return m;
    }
    let d = with_power(toks, d);
    let d = with_per(toks, d, depth - 1);
    let name = format!("{} per {}", m.name, d.name);
    let kind = catalogue().named(&name).map_or(m.kind, |u| u.kind.as_str());
    UnitMatch {
        start: m.start,
        end: d.end,
        name,
        kind,
        code: m.code,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn unit(s: &str) -> Option<(String, &'static str, String)> {
        let toks = tokenize(s);
        let m = unit_at(&toks, 0)?;
        Some((
            m.name,
            m.kind,
            s[toks[m.start].start..toks[m.end - 1].end].to_string(),
        ))
    }

    #[test]
    fn the_catalogue_parses_with_its_extensions() {
        let c = catalogue();
        assert!(c.units.len() > 350);
        assert_eq!(c.lookup("km").unwrap().name, "kilometre");
        assert_eq!(c.lookup("kilometres").unwrap().name, "kilometre");
        assert_eq!(c.lookup("μm").unwrap().name, "micrometre");
        assert_eq!(c.lookup("feet").unwrap().name, "foot");
        assert_eq!(c.lookup("pence").unwrap().kind, "currency");
        assert_eq!(c.lookup("ksi").unwrap().kind, "pressure");
        assert_eq!(c.currency("USD").unwrap().name, "united states dollar");
        assert_eq!(c.currency("MYR").unwrap().name, "malaysian ringgit");
        assert!(c.lookup("time").is_none() && c.lookup("real").is_none());
    }

    #[test]
    fn written_forms_with_powers_and_per() {
        let n = |s: &str| unit(s).map(|u| u.0);
        assert_eq!(
            n("degrees Celsius outside").as_deref(),
            Some("degree Celsius")
        );
        assert_eq!(n("°C").as_deref(), Some("degree Celsius"));
        assert_eq!(n("sq m of").as_deref(), Some("square metre"));
        assert_eq!(n("km2 (").as_deref(), Some("square kilometre"));
        assert_eq!(n("km^3").as_deref(), Some("cubic kilometre"));
        assert_eq!(n("km cubed").as_deref(), Some("cubic kilometre"));
        assert_eq!(
            n("kg/cm³").as_deref(),
            Some("kilogram per cubic centimetre")
        );
        assert_eq!(
            n("kilometres per hour").as_deref(),
            Some("kilometre per hour")
        );
        assert_eq!(n("miles an hour").as_deref(), Some("mile per hour"));
        assert_eq!(n("fb−1 of").as_deref(), Some("inverse femtobarn"));
        assert_eq!(n("MWh").as_deref(), Some("megawatt hour"));
        assert_eq!(n("mGy").as_deref(), Some("milligray"));
        assert_eq!(unit("TeV").unwrap().1, "energy");
        assert_eq!(n("cars"), None);
    }
}
