//! The table of contents: headings nested by level, for templates.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TocEntry {
    pub level: usize,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// Collects headings in document order and nests each under the last heading of a
/// smaller level.
#[derive(Default)]
pub struct Builder {
    roots: Vec<TocEntry>,
}

impl Builder {
    pub fn push(&mut self, level: usize, id: String, title: String) {
        let entry = TocEntry { level, id, title, children: Vec::new() };
        let mut siblings = &mut self.roots;
        while siblings.last().is_some_and(|last| last.level < level) {
            siblings = &mut siblings.last_mut().expect("checked above").children;
        }
        siblings.push(entry);
    }

    pub fn finish(self) -> Vec<TocEntry> {
        self.roots
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(entries: &[TocEntry]) -> String {
        entries
            .iter()
            .map(|e| if e.children.is_empty() { e.id.clone() } else { format!("{}({})", e.id, shape(&e.children)) })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn nests_by_level() {
        for (levels, want) in [
            (&[2, 3, 3, 2][..], "a(b c) d"),
            (&[2, 3, 4, 2, 4][..], "a(b(c)) d(e)"),
            (&[3, 2][..], "a b"),
            (&[1, 2, 2, 1][..], "a(b c) d"),
        ] {
            let mut b = Builder::default();
            for (i, level) in levels.iter().enumerate() {
                b.push(*level, ((b'a' + i as u8) as char).to_string(), String::new());
            }
            assert_eq!(shape(&b.finish()), want, "{levels:?}");
        }
    }
}
