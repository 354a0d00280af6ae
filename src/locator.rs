//! Locators for `dossier open`: a bookmark or highlight id, `paper#section-slug` or `paper@p12`,
//! resolved to a place in an open library.

use crate::highlighting::{Landed, locate_mark};
use crate::library::Library;
use crate::store::Store;

/// A place to open: paper index, block index, byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// Index of the paper in the library.
    pub paper: usize,
    /// Block index.
    pub block: usize,
    /// Byte offset in the block's text.
    pub offset: usize,
}

/// Why a locator does not lead anywhere (one-line messages).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LocateError {
    /// No open paper has this id.
    #[error("no paper with id {0:?} (see `dossier outline`)")]
    NoPaper(String),
    /// The paper has no such section.
    #[error("no section {section:?} in {paper} (see `dossier outline`)")]
    NoSection {
        /// Paper id.
        paper: String,
        /// The slug asked for.
        section: String,
    },
    /// The paper has no pages at all (only PDFs have them).
    #[error("{0} has no pages (only papers imported from PDF do)")]
    NoPages(String),
    /// The paper has pages but not this one.
    #[error("{paper} has no page {page:?} (its pages run {first} to {last})")]
    NoPage {
        /// Paper id.
        paper: String,
        /// The label asked for.
        page: String,
        /// First page label.
        first: String,
        /// Last page label.
        last: String,
    },
    /// Not a paper locator, and no bookmark has this id.
    #[error("{0:?} is not a bookmark id, `paper#section` or `paper@pPAGE`")]
    Unknown(String),
    /// The bookmark's paper is not open.
    #[error("the paper {0:?} of this bookmark is not open")]
    PaperNotOpen(String),
    /// The bookmark's passage is gone from its paper.
    #[error("this mark's passage is no longer in {0} (see `dossier notes export`)")]
    Orphaned(String),
}

/// Resolves `locator` in `library`: a stored mark's id first (when `store` is given), then
/// `paper#slug` (or `paper#parent/child`), then `paper@p12` (or `paper@12`).
pub fn locate(
    locator: &str,
    library: &Library,
    store: Option<&Store>,
) -> Result<Target, LocateError> {
    if let Some(mark) = store.and_then(|s| s.bookmark(locator)) {
        let p = library
            .find(&mark.paper)
            .ok_or_else(|| LocateError::PaperNotOpen(mark.paper.clone()))?;
        return match locate_mark(&library.papers[p], mark) {
            Landed::Found { start, .. } => Ok(Target {
                paper: p,
                block: start.0,
                offset: start.1,
            }),
            Landed::Orphaned => Err(LocateError::Orphaned(mark.paper.clone())),
        };
    }
    if let Some((paper, slug)) = locator.split_once('#') {
        let p = library
            .find(paper)
            .ok_or_else(|| LocateError::NoPaper(paper.to_owned()))?;
        let doc = &library.papers[p];
        let path: Vec<String> = slug.split('/').map(str::to_owned).collect();
        let s = doc
            .find_section(&path)
            .ok_or_else(|| LocateError::NoSection {
                paper: paper.to_owned(),
                section: slug.to_owned(),
            })?;
        return Ok(Target {
            paper: p,
            block: doc.sections[s].block,
            offset: 0,
        });
    }
    if let Some((paper, page)) = locator.rsplit_once('@') {
        let p = library
            .find(paper)
            .ok_or_else(|| LocateError::NoPaper(paper.to_owned()))?;
        let doc = &library.papers[p];
        if doc.pages.is_empty() {
            return Err(LocateError::NoPages(paper.to_owned()));
        }
        let label = page
            .strip_prefix(['p', 'P'])
            .filter(|l| !l.is_empty())
            .unwrap_or(page);
        let (block, offset) = doc
            .find_page(label)
            .or_else(|| doc.find_page(page))
            .and_then(|i| doc.page_start(i))
            .ok_or_else(|| LocateError::NoPage {
                paper: paper.to_owned(),
                page: label.to_owned(),
                first: doc.pages[0].clone(),
                last: doc.pages[doc.pages.len() - 1].clone(),
            })?;
        return Ok(Target {
            paper: p,
            block,
            offset,
        });
    }
    if let Some(p) = library.find(locator) {
        return Ok(Target {
            paper: p,
            block: 0,
            offset: 0,
        });
    }
    Err(LocateError::Unknown(locator.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::pages::tests::paged;

    fn library() -> Library {
        let mut lib = Library::shipped();
        lib.papers.push(std::sync::Arc::new(paged()));
        lib
    }

    #[test]
    fn sections_and_pages_are_found() {
        let lib = library();
        let id = &lib.papers[0].id;
        let t = locate(&format!("{id}#introduction"), &lib, None).unwrap();
        assert_eq!((t.paper, t.block), (0, lib.papers[0].sections[0].block));
        assert_eq!(
            locate("paged@p12", &lib, None),
            Ok(Target {
                paper: 2,
                block: 1,
                offset: 8
            })
        );
        assert_eq!(locate("paged@13", &lib, None).unwrap().block, 2);
        assert_eq!(locate("paged", &lib, None).unwrap().paper, 2);
    }

    #[test]
    fn bad_locators_say_what_is_wrong() {
        let lib = library();
        let id = lib.papers[0].id.clone();
        assert_eq!(
            locate("paged@p99", &lib, None).unwrap_err().to_string(),
            "paged has no page \"99\" (its pages run 11 to 13)"
        );
        assert_eq!(
            locate(&format!("{id}@p1"), &lib, None),
            Err(LocateError::NoPages(id.clone()))
        );
        assert!(matches!(
            locate(&format!("{id}#nope"), &lib, None),
            Err(LocateError::NoSection { .. })
        ));
        assert!(matches!(
            locate("nobody#x", &lib, None),
            Err(LocateError::NoPaper(_))
        ));
        assert!(matches!(
            locate("18f3-xyz", &lib, None),
            Err(LocateError::Unknown(_))
        ));
    }
}
