//! XMP metadata (the catalog's `/Metadata` packet): the title (`dc:title`), the creators
//! (`dc:creator`) and the date (`xmp:CreateDate`, else `dc:date`), for the fields the info
//! dictionary leaves empty. Properties are matched by namespace URI, so `xap:` and `xmp:`
//! prefixes both work, as elements or as attributes of `rdf:Description`.

use super::meta::{Info, pdf_date};
use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};

/// At most this much of a metadata packet is read (a real one is a few KB).
pub const MAX_PACKET: usize = 1 << 20;

const DC: &[u8] = b"http://purl.org/dc/elements/1.1/";
const XMP: &[u8] = b"http://ns.adobe.com/xap/1.0/";
const RDF: &[u8] = b"http://www.w3.org/1999/02/22-rdf-syntax-ns#";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Property {
    Title,
    Creator,
    CreateDate,
    Date,
}

fn property(ns: &ResolveResult, local: &[u8]) -> Option<Property> {
    let ResolveResult::Bound(Namespace(uri)) = ns else {
        return None;
    };
    match (*uri, local) {
        (DC, b"title") => Some(Property::Title),
        (DC, b"creator") => Some(Property::Creator),
        (DC, b"date") => Some(Property::Date),
        (XMP, b"CreateDate") => Some(Property::CreateDate),
        _ => None,
    }
}

/// The values found: per property, its items (an `rdf:li` each, or the element's text) with
/// their `xml:lang`.
#[derive(Default)]
struct Found {
    title: Vec<(Option<String>, String)>,
    creator: Vec<String>,
    create_date: Option<String>,
    date: Vec<String>,
}

impl Found {
    fn add(&mut self, p: Property, lang: Option<String>, value: &str) {
        let value = super::glyph::clean(value)
            .replace(super::glyph::SOFT_HYPHEN, "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if value.is_empty() {
            return;
        }
        match p {
            Property::Title => self.title.push((lang, value)),
            Property::Creator => self.creator.push(value),
            Property::CreateDate => {
                self.create_date.get_or_insert(value);
            }
            Property::Date => self.date.push(value),
        }
    }
}

fn lang_of(e: &BytesStart) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == b"xml:lang")
        .and_then(|a| a.unescape_value().ok())
        .map(std::borrow::Cow::into_owned)
}

/// Title, author (creators joined with `, `) and date of an XMP packet. Malformed XML gives
/// what was read before the error.
pub fn parse(xml: &str) -> Info {
    let mut reader = NsReader::from_str(xml);
    let mut found = Found::default();
    // the property being read, the depth it opened at, the current item's language and text
    let mut open: Option<(Property, usize)> = None;
    let mut item: Option<(Option<String>, String)> = None;
    let mut depth = 0usize;
    while let Ok((ns, event)) = reader.read_resolved_event() {
        let ns_is_rdf = matches!(ns, ResolveResult::Bound(Namespace(RDF)));
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                depth += 1;
                let local = e.local_name();
                if open.is_none() {
                    if let Some(p) = property(&ns, local.as_ref()) {
                        open = Some((p, depth));
                        item = Some((lang_of(&e), String::new()));
                    } else if ns_is_rdf && local.as_ref() == b"Description" {
                        attributes(&reader, &e, &mut found);
                    }
                } else if ns_is_rdf && local.as_ref() == b"li" {
                    item = Some((lang_of(&e), String::new()));
                }
            }
            Event::Empty(e)
                if open.is_none() && ns_is_rdf && e.local_name().as_ref() == b"Description" =>
            {
                attributes(&reader, &e, &mut found);
            }
            Event::Text(t) => {
                if let (Some((_, text)), Ok(s)) = (item.as_mut(), t.xml_content()) {
                    text.push_str(&s);
                }
            }
            Event::CData(t) => {
                if let (Some((_, text)), Ok(s)) = (item.as_mut(), t.decode()) {
                    text.push_str(&s);
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, text)) = item.as_mut() {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        text.push(c);
                    } else if let Some(c) = match &*r {
                        b"amp" => Some('&'),
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"quot" => Some('"'),
                        b"apos" => Some('\''),
                        _ => None,
                    } {
                        text.push(c);
                    }
                }
            }
            Event::End(e) => {
                if let Some((p, at)) = open {
                    let closes_li = ns_is_rdf && e.local_name().as_ref() == b"li";
                    if (closes_li || depth == at)
                        && let Some((lang, text)) = item.take()
                    {
                        found.add(p, lang, &text);
                    }
                    if depth == at {
                        open = None;
                    }
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    let title = found
        .title
        .iter()
        .find(|(l, _)| l.as_deref() == Some("x-default"))
        .or_else(|| found.title.first())
        .map(|(_, t)| t.clone());
    let author = (!found.creator.is_empty()).then(|| found.creator.join(", "));
    let date = found
        .create_date
        .iter()
        .chain(&found.date)
        .find_map(|d| xmp_date(d));
    Info {
        title,
        author,
        date,
    }
}

/// Simple properties written as attributes: `<rdf:Description xmp:CreateDate="…">`.
fn attributes(reader: &NsReader<&[u8]>, e: &BytesStart, found: &mut Found) {
    for a in e.attributes().flatten() {
        let (ns, local) = reader.resolve_attribute(a.key);
        if let (Some(p), Ok(v)) = (property(&ns, local.as_ref()), a.unescape_value()) {
            found.add(p, None, &v);
        }
    }
}

/// `2020-08-06T09:51:25Z` (or `2020-08`, `2020`) → `2020-08-06`.
fn xmp_date(s: &str) -> Option<String> {
    let day = s.trim().split('T').next()?;
    if !day.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return None;
    }
    pdf_date(&day.replace('-', ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACKET: &str = r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xap="http://ns.adobe.com/xap/1.0/">
 <xap:CreatorTool>PScript5.dll</xap:CreatorTool>
 <xap:ModifyDate>2009-02-01T16:10:34-05:00</xap:ModifyDate>
 <xap:CreateDate>2009-01-13T15:23:05-05:00</xap:CreateDate>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
 <dc:title><rdf:Alt><rdf:li xml:lang="fr">Le rapport</rdf:li>
  <rdf:li xml:lang="x-default">The &amp; report&#x2019;s  title</rdf:li></rdf:Alt></dc:title>
 <dc:creator><rdf:Seq><rdf:li>Ada Lovelace</rdf:li><rdf:li>Charles Babbage</rdf:li></rdf:Seq></dc:creator>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#;

    #[test]
    fn title_creators_and_create_date_from_elements() {
        let info = parse(PACKET);
        assert_eq!(info.title.as_deref(), Some("The & report’s title"));
        assert_eq!(
            info.author.as_deref(),
            Some("Ada Lovelace, Charles Babbage")
        );
        assert_eq!(info.date.as_deref(), Some("2009-01-13"));
    }

    #[test]
    fn attributes_and_dc_date_and_other_prefixes() {
        let xml = r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<r:Description xmlns:d="http://purl.org/dc/elements/1.1/" d:title="Plain" />
<r:Description xmlns:d="http://purl.org/dc/elements/1.1/"><d:date><r:Seq><r:li>2015-05</r:li></r:Seq></d:date></r:Description>
</r:RDF></x:xmpmeta>"#;
        let info = parse(xml);
        assert_eq!(info.title.as_deref(), Some("Plain"));
        assert_eq!(info.author, None);
        assert_eq!(info.date.as_deref(), Some("2015-05"));
    }

    #[test]
    fn foreign_namespaces_and_broken_xml_give_nothing_wrong() {
        let xml = r#"<a xmlns:dc="http://example.com/not-dc/"><dc:title>No</dc:title></a>"#;
        assert_eq!(parse(xml), Info::default());
        assert_eq!(parse("<x><<<"), Info::default());
        assert_eq!(parse(""), Info::default());
        assert_eq!(xmp_date("sometime"), None);
        assert_eq!(
            xmp_date("2020-08-06T09:51:25Z").as_deref(),
            Some("2020-08-06")
        );
    }
}
