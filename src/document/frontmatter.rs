//! Front matter: splits a leading YAML (`---`) or TOML (`+++`) block off a paper and reads its keys.

/// The metadata a paper's front matter can carry; unknown keys are ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// Stable identifier used by bookmarks.
    pub id: Option<String>,
    /// Title shown in the outline and the reader's header.
    pub title: Option<String>,
    /// Author or authors, as written.
    pub author: Option<String>,
    /// Publishing organisation.
    pub publisher: Option<String>,
    /// Publication date (`2022-10-31`, `2022-10` or `2022`).
    pub published: Option<String>,
    /// How to attribute the paper when quoting it.
    pub attribution: Option<String>,
    /// Where the paper comes from.
    pub source: Option<String>,
    /// When a web source was read.
    pub accessed: Option<String>,
}

impl FrontMatter {
    /// The block `---\nkey: "value"\n…\n---\n\n` that [`split`] reads back as these fields
    /// (how converters write a paper's metadata); fields that are `None` or blank are left
    /// out, and white space inside a value (line breaks included) becomes one space.
    pub fn to_yaml(&self) -> String {
        let mut out = String::from("---\n");
        let fields = [
            ("id", &self.id),
            ("title", &self.title),
            ("author", &self.author),
            ("publisher", &self.publisher),
            ("published", &self.published),
            ("source", &self.source),
            ("attribution", &self.attribution),
            ("accessed", &self.accessed),
        ];
        for (key, value) in fields {
            let Some(value) = value.as_ref() else {
                continue;
            };
            let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
            if value.is_empty() {
                continue;
            }
            out.push_str(key);
            out.push_str(": \"");
            for c in value.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '"' => out.push_str("\\\""),
                    c => out.push(c),
                }
            }
            out.push_str("\"\n");
        }
        out.push_str("---\n\n");
        out
    }

    fn slot(&mut self, key: &str) -> Option<&mut Option<String>> {
        Some(match key {
            "id" => &mut self.id,
            "title" => &mut self.title,
            "author" | "authors" => &mut self.author,
            "publisher" => &mut self.publisher,
            "published" | "date" => &mut self.published,
            "attribution" => &mut self.attribution,
            "source" => &mut self.source,
            "accessed" => &mut self.accessed,
            _ => return None,
        })
    }
}

/// The outcome of looking for front matter at the start of a paper.
#[derive(Debug, Default)]
pub struct Split {
    /// The keys read, empty when there was no block or it was malformed.
    pub front: FrontMatter,
    /// Byte offset where the Markdown body starts: after the block, or 0 when there is no
    /// block or it is malformed (then the block is read as Markdown, so no word is lost).
    pub body_start: usize,
    /// A description of what was wrong with a malformed block.
    pub warning: Option<String>,
}

/// Splits front matter off `src`. A block that opens but never closes is not front matter; one
/// that does not parse is Markdown too (`---\nFoo\n---` is a rule and a heading, CommonMark
/// example 96), with a warning.
pub fn split(src: &str) -> Split {
    let src_no_bom = src.strip_prefix('\u{feff}').unwrap_or(src);
    let bom = src.len() - src_no_bom.len();
    let Some((fence, first_line_end)) = opening_fence(src_no_bom) else {
        return Split {
            body_start: 0,
            ..Split::default()
        };
    };
    let closers: &[&str] = if fence == "---" {
        &["---", "..."]
    } else {
        &["+++"]
    };
    let mut pos = first_line_end;
    while pos < src_no_bom.len() {
        let line_end = src_no_bom[pos..]
            .find('\n')
            .map_or(src_no_bom.len(), |i| pos + i + 1);
        let line = src_no_bom[pos..line_end].trim_end_matches(['\n', '\r']);
        if closers.contains(&line.trim_end()) {
            let block = &src_no_bom[first_line_end..pos];
            let parsed = if fence == "---" {
                parse_yaml(block)
            } else {
                parse_toml(block)
            };
            return match parsed {
                Ok(front) => Split {
                    front,
                    body_start: bom + line_end,
                    warning: None,
                },
                Err(why) => Split {
                    front: FrontMatter::default(),
                    body_start: 0,
                    warning: Some(format!("{why}; the block is shown as text")),
                },
            };
        }
        pos = line_end;
    }
    Split {
        body_start: 0,
        ..Split::default()
    }
}

fn opening_fence(src: &str) -> Option<(&'static str, usize)> {
    let line_end = src.find('\n')?;
    match src[..line_end].trim_end() {
        "---" => Some(("---", line_end + 1)),
        "+++" => Some(("+++", line_end + 1)),
        _ => None,
    }
}

fn parse_toml(block: &str) -> Result<FrontMatter, String> {
    let table = block.parse::<toml::Table>().map_err(|e| {
        let first = e
            .message()
            .lines()
            .next()
            .unwrap_or("invalid TOML")
            .to_owned();
        format!("malformed TOML front matter: {first}")
    })?;
    let mut front = FrontMatter::default();
    for (key, value) in &table {
        let text = match value {
            toml::Value::String(s) => s.clone(),
            toml::Value::Datetime(d) => d.to_string(),
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Float(f) => f.to_string(),
            _ => continue,
        };
        if let Some(slot) = front.slot(key) {
            *slot = Some(text);
        }
    }
    Ok(front)
}

/// Reads the flat `key: value` subset of YAML that paper front matter uses. Nested maps, lists
/// and block scalars are skipped (their keys are not ones dossier reads).
fn parse_yaml(block: &str) -> Result<FrontMatter, String> {
    let mut front = FrontMatter::default();
    for (n, raw) in block.lines().enumerate() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.is_empty()
            || trimmed.starts_with('#')
            || trimmed.starts_with("- ")
            || trimmed == "-"
        {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(format!(
                "malformed YAML front matter: line {} has no `key: value`",
                n + 2
            ));
        };
        let value = yaml_scalar(value.trim())
            .map_err(|why| format!("malformed YAML front matter: line {}: {why}", n + 2))?;
        if let Some(slot) = front.slot(key.trim())
            && !value.is_empty()
        {
            *slot = Some(value);
        }
    }
    Ok(front)
}

fn yaml_scalar(value: &str) -> Result<String, String> {
    if let Some(rest) = value.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other),
                    None => return Err("unterminated escape".into()),
                },
                '"' => return Ok(out),
                c => out.push(c),
            }
        }
        return Err("unterminated double-quoted string".into());
    }
    if let Some(rest) = value.strip_prefix('\'') {
        let Some(end) = rest.rfind('\'') else {
            return Err("unterminated single-quoted string".into());
        };
        return Ok(rest[..end].replace("''", "'"));
    }
    let without_comment = value.split(" #").next().unwrap_or(value);
    Ok(without_comment.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_is_read_and_unknown_keys_ignored() {
        let src = "---\nid: p1\ntitle: \"A “quoted” title\"\ntags: [a, b]\nnested:\n  key: v\npublished: 2022-10-31\n---\n# Body\n";
        let split = split(src);
        assert_eq!(split.warning, None);
        assert_eq!(split.front.id.as_deref(), Some("p1"));
        assert_eq!(split.front.title.as_deref(), Some("A “quoted” title"));
        assert_eq!(split.front.published.as_deref(), Some("2022-10-31"));
        assert_eq!(&src[split.body_start..], "# Body\n");
    }

    #[test]
    fn toml_front_matter_is_read() {
        let src = "+++\ntitle = 'T'\npublisher = \"IFANS\"\npublished = 2022-10-31\nextra = 3\n+++\nText\n";
        let split = split(src);
        assert_eq!(split.front.title.as_deref(), Some("T"));
        assert_eq!(split.front.publisher.as_deref(), Some("IFANS"));
        assert_eq!(split.front.published.as_deref(), Some("2022-10-31"));
        assert_eq!(&src[split.body_start..], "Text\n");
    }

    #[test]
    fn yaml_may_close_with_dots_like_the_commonmark_spec() {
        let src = "---\ntitle: CommonMark Spec\nversion: '0.31.2'\n...\n\n# Intro\n";
        let split = split(src);
        assert_eq!(split.front.title.as_deref(), Some("CommonMark Spec"));
        assert_eq!(&src[split.body_start..], "\n# Intro\n");
    }

    #[test]
    fn malformed_blocks_warn_and_are_read_as_markdown() {
        let yaml = split("---\ntitle: \"open\n---\nBody\n");
        assert!(yaml.warning.unwrap().contains("YAML"));
        assert_eq!(yaml.body_start, 0);
        let toml = split("+++\ntitle = = 3\n+++\nBody\n");
        assert!(toml.warning.unwrap().contains("TOML"));
        assert_eq!(toml.front, FrontMatter::default());
        assert_eq!(toml.body_start, 0);
        let spec_96 = split("---\nFoo\n---\nBar\n---\nBaz\n");
        assert_eq!(
            spec_96.warning.as_deref(),
            Some(
                "malformed YAML front matter: line 2 has no `key: value`; the block is shown as text"
            )
        );
        assert_eq!(spec_96.body_start, 0);
    }

    #[test]
    fn a_malformed_block_after_a_byte_order_mark_is_read_whole() {
        let split = split("\u{feff}---\nFoo\n---\nBar\n");
        assert!(split.warning.is_some());
        assert_eq!(split.body_start, 0);
    }

    #[test]
    fn an_unclosed_fence_is_markdown_not_front_matter() {
        let split = split("---\nno closing fence\n");
        assert_eq!(split.body_start, 0);
        assert!(split.warning.is_none());
    }
}
