//! A page's data as a tree whose notices are named by their index. One description gives
//! both the render context (each notice filled in from a per-build cache) and the page's
//! fingerprint (each notice stands for the hash of what it shows), so the two can never
//! disagree about what a page depends on.

use std::hash::{Hash, Hasher};

use tera::Value;

/// Part of a page's data.
pub enum Node {
    /// Plain data, small: page facts, paginator numbers, names.
    Data(serde_json::Value),
    /// Notices as listings show them.
    Refs(Vec<usize>),
    OptRef(Option<usize>),
    /// A notice with its body, for its own page.
    Notice(usize),
    /// An object: the fields of `Data` (an object) plus more nodes.
    With(serde_json::Value, Vec<(&'static str, Node)>),
    List(Vec<Node>),
}

/// What a [`Node`] needs to become a value or a hash.
pub trait Resolve {
    fn ref_value(&self, i: usize) -> Value;
    fn notice_value(&self, i: usize) -> Value;
    fn ref_hash(&self, i: usize) -> u64;
    fn notice_hash(&self, i: usize) -> u64;
}

impl Node {
    pub fn data<T: serde::Serialize>(data: &T) -> Node {
        Node::Data(serde_json::to_value(data).expect("page data serializes"))
    }

    pub fn to_value(&self, r: &impl Resolve) -> Value {
        match self {
            Node::Data(json) => Value::from_serializable(json),
            Node::Refs(list) => Value::from(list.iter().map(|i| r.ref_value(*i)).collect::<Vec<_>>()),
            Node::OptRef(i) => Value::from(i.map(|i| r.ref_value(i))),
            Node::Notice(i) => r.notice_value(*i),
            Node::With(json, fields) => {
                let mut map = Value::from_serializable(json).into_map().unwrap_or_default();
                for (name, node) in fields {
                    map.insert((*name).into(), node.to_value(r));
                }
                Value::from(map)
            }
            Node::List(items) => Value::from(items.iter().map(|n| n.to_value(r)).collect::<Vec<_>>()),
        }
    }

    pub fn hash(&self, r: &impl Resolve, h: &mut impl Hasher) {
        match self {
            Node::Data(json) => {
                0u8.hash(h);
                hash_json(json, h);
            }
            Node::Refs(list) => {
                2u8.hash(h);
                list.len().hash(h);
                list.iter().for_each(|i| r.ref_hash(*i).hash(h));
            }
            Node::OptRef(i) => (3u8, i.map(|i| r.ref_hash(i))).hash(h),
            Node::Notice(i) => (4u8, r.notice_hash(*i)).hash(h),
            Node::With(json, fields) => {
                5u8.hash(h);
                hash_json(json, h);
                for (name, node) in fields {
                    name.hash(h);
                    node.hash(r, h);
                }
            }
            Node::List(items) => {
                6u8.hash(h);
                items.len().hash(h);
                items.iter().for_each(|n| n.hash(r, h));
            }
        }
    }
}

/// Hashes anything serializable by its JSON text, without building the text.
pub fn hash_json<T: serde::Serialize + ?Sized>(value: &T, h: &mut impl Hasher) {
    struct Writer<'a, H>(&'a mut H);
    impl<H: Hasher> std::io::Write for Writer<'_, H> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.write(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    // Writing into a hasher cannot fail, and our data always serializes.
    let _ = serde_json::to_writer(Writer(h), value);
}
