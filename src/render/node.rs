//! A page's data as a tree whose notices are named by their index. One description gives
//! both the render context (each notice filled in from a per-build cache) and the page's
//! fingerprint (each notice stands for the hash of what it shows), so the two can never
//! disagree about what a page depends on.

use std::hash::Hash;

use tera::Value;

use crate::hash::Fingerprinter;

/// Plain data a page shows, kept as its own Rust value until it is needed as either.
pub trait Data: Send + Sync {
    fn hash_into(&self, h: &mut Fingerprinter);
    fn to_value(&self) -> Value;
}

struct Owned<T>(T);

impl<T: serde::Serialize + Send + Sync> Data for Owned<T> {
    fn hash_into(&self, h: &mut Fingerprinter) {
        crate::hash::json(&self.0, h);
    }

    fn to_value(&self) -> Value {
        Value::from_serializable(&self.0)
    }
}

/// Part of a page's data.
pub enum Node {
    /// Plain data, small: page facts, paginator numbers, names.
    Data(Box<dyn Data>),
    /// Notices as listings show them.
    Refs(Vec<usize>),
    OptRef(Option<usize>),
    /// A notice with its body, for its own page.
    Notice(usize),
    /// An object: the fields of the data (a struct) plus more nodes.
    With(Box<dyn Data>, Vec<(&'static str, Node)>),
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
    pub fn data<T: serde::Serialize + Send + Sync + 'static>(data: T) -> Node {
        Node::Data(Box::new(Owned(data)))
    }

    pub fn with<T: serde::Serialize + Send + Sync + 'static>(data: T, fields: Vec<(&'static str, Node)>) -> Node {
        Node::With(Box::new(Owned(data)), fields)
    }

    pub fn to_value(&self, r: &impl Resolve) -> Value {
        match self {
            Node::Data(data) => data.to_value(),
            Node::Refs(list) => Value::from(list.iter().map(|i| r.ref_value(*i)).collect::<Vec<_>>()),
            Node::OptRef(i) => Value::from(i.map(|i| r.ref_value(i))),
            Node::Notice(i) => r.notice_value(*i),
            Node::With(data, fields) => {
                let mut map = data.to_value().into_map().unwrap_or_default();
                for (name, node) in fields {
                    map.insert((*name).into(), node.to_value(r));
                }
                Value::from(map)
            }
            Node::List(items) => Value::from(items.iter().map(|n| n.to_value(r)).collect::<Vec<_>>()),
        }
    }

    pub fn hash(&self, r: &impl Resolve, h: &mut Fingerprinter) {
        match self {
            Node::Data(data) => {
                0u8.hash(h);
                data.hash_into(h);
            }
            Node::Refs(list) => {
                2u8.hash(h);
                list.len().hash(h);
                list.iter().for_each(|i| r.ref_hash(*i).hash(h));
            }
            Node::OptRef(i) => (3u8, i.map(|i| r.ref_hash(i))).hash(h),
            Node::Notice(i) => (4u8, r.notice_hash(*i)).hash(h),
            Node::With(data, fields) => {
                5u8.hash(h);
                data.hash_into(h);
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
