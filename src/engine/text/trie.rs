//! A trie over characters, for the lexicon lookups of the per-character scans.
//!
//! Looking up every length that an entry might have at a position hashes (and
//! compares) one substring per length; a walk down the trie reads each character
//! once and stops as soon as no entry continues, and gives every entry that
//! starts there (or, for a trie of reversed entries, ends there) on the way.
//! The first step, taken at nearly every position of a text, is two array reads
//! for a character of the Basic Multilingual Plane.
use super::CharTable;

/// No node (node 0 is the root, never a child).
const NONE: u32 = 0;

/// The filter of first pairs has `1 << PAIR_BITS` bits (16 KB).
const PAIR_BITS: u32 = 17;

/// The bit of the pair of characters `a`, `b` in the filter of first pairs (a
/// multiplicative hash: its top bits).
#[inline]
fn pair_bit(a: char, b: char) -> usize {
    let key = (u64::from(a) << 32) | u64::from(b);
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - PAIR_BITS)) as usize
}

/// Entries (character sequences) with a value each.
pub struct CharTrie<V> {
    /// The root's children.
    root: CharTable,
    /// Per node: its children `edges[first..first + len]` (sorted by
    /// character) and the index of its value in `values` (`u32::MAX`: none).
    nodes: Vec<Node>,
    edges: Vec<(char, u32)>,
    values: Vec<V>,
    /// The first two characters of every entry of two or more characters, as
    /// a filter ([`CharTrie::may_start`]): at most positions of a text no
    /// entry of the lexicons starts, although one starts with the character.
    pairs: Box<[u64; 1 << (PAIR_BITS - 6)]>,
}

#[derive(Clone, Copy)]
struct Node {
    first: u32,
    len: u32,
    value: u32,
}

/// Collects the entries of a [`CharTrie`].
///
/// The nodes are numbered as they are made and keep their numbers in the
/// trie. A node's children are a list linked through the nodes themselves
/// (no allocation of their own: the lexicons make thousands of nodes at every
/// start), searched from the first; the root's, thousands of them, are also
/// found by character in a [`CharTable`], which becomes the trie's own.
pub struct Builder<V> {
    nodes: Vec<BuildNode<V>>,
    root: CharTable,
}

/// A node while the trie is built.
struct BuildNode<V> {
    /// The character of the edge to it from its parent.
    c: char,
    /// Its first child and its next sibling (`NONE`: none).
    child: u32,
    sibling: u32,
    value: Option<V>,
}

impl<V> Default for Builder<V> {
    fn default() -> Self {
        Self::with_capacity(1)
    }
}

impl<V> Builder<V> {
    /// A builder with room for `nodes` nodes (the root and one per character
    /// of the entries at most) before it grows.
    pub fn with_capacity(nodes: usize) -> Self {
        let mut b = Builder {
            nodes: Vec::with_capacity(nodes),
            root: CharTable::default(),
        };
        b.nodes.push(BuildNode {
            c: '\0',
            child: NONE,
            sibling: NONE,
            value: None,
        });
        b
    }

    /// The value slot of the entry `key` (None until set).
    pub fn slot(&mut self, key: impl IntoIterator<Item = char>) -> &mut Option<V> {
        let mut node = 0usize;
        for c in key {
            let mut found = if node == 0 {
                self.root.get(c)
            } else {
                let mut child = self.nodes[node].child;
                while child != NONE && self.nodes[child as usize].c != c {
                    child = self.nodes[child as usize].sibling;
                }
                child
            };
            if found == NONE {
                found = self.nodes.len() as u32;
                self.nodes.push(BuildNode {
                    c,
                    child: NONE,
                    sibling: self.nodes[node].child,
                    value: None,
                });
                self.nodes[node].child = found;
                if node == 0 {
                    *self.root.entry(c) = found;
                }
            }
            node = found as usize;
        }
        &mut self.nodes[node].value
    }

    /// The children of `node`, as (character, node).
    fn children(&self, node: u32) -> impl Iterator<Item = (char, u32)> + '_ {
        let mut child = self.nodes[node as usize].child;
        std::iter::from_fn(move || {
            let n = self.nodes.get(child as usize).filter(|_| child != NONE)?;
            let edge = (n.c, child);
            child = n.sibling;
            Some(edge)
        })
    }

    pub fn build(self) -> CharTrie<V> {
        let mut pairs = Box::new([0u64; 1 << (PAIR_BITS - 6)]);
        for (c, n) in self.children(0) {
            for (d, _) in self.children(n) {
                let b = pair_bit(c, d);
                pairs[b / 64] |= 1 << (b % 64);
            }
        }
        let mut nodes = Vec::with_capacity(self.nodes.len());
        // every node but the root is a child (the root's are in `root`)
        let mut edges = Vec::with_capacity(self.nodes.len() - 1);
        for i in 0..self.nodes.len() as u32 {
            let first = edges.len();
            if i != 0 {
                edges.extend(self.children(i));
                edges[first..].sort_unstable_by_key(|&(c, _)| c);
            }
            nodes.push(Node {
                first: first as u32,
                len: (edges.len() - first) as u32,
                value: u32::MAX,
            });
        }
        let mut values = Vec::new();
        for (node, built) in nodes.iter_mut().zip(self.nodes) {
            if let Some(v) = built.value {
                node.value = values.len() as u32;
                values.push(v);
            }
        }
        CharTrie {
            root: self.root,
            nodes,
            edges,
            values,
            pairs,
        }
    }
}

impl<V> CharTrie<V> {
    /// The node of the entry (or entry prefix) made of the character `c` alone.
    #[inline]
    fn first(&self, c: char) -> u32 {
        self.root.get(c)
    }

    /// Does an entry (or the beginning of one) start with the character `c`?
    #[inline]
    pub fn starts(&self, c: char) -> bool {
        self.first(c) != NONE
    }

    /// Might an entry of two or more characters start with `a` then `b`? No is
    /// sure; yes may be a collision in the filter (a walk tells). One bit
    /// test, where a walk reads the first character's node and searches its
    /// children for the second.
    #[inline]
    pub fn may_start(&self, a: char, b: char) -> bool {
        let bit = pair_bit(a, b);
        self.pairs[bit / 64] & (1 << (bit % 64)) != 0
    }

    #[inline]
    fn child(&self, n: &Node, c: char) -> u32 {
        let edges = &self.edges[n.first as usize..(n.first + n.len) as usize];
        if edges.len() <= 8 {
            edges.iter().find(|e| e.0 == c).map_or(NONE, |e| e.1)
        } else {
            edges
                .binary_search_by_key(&c, |e| e.0)
                .map_or(NONE, |i| edges[i].1)
        }
    }

    /// Calls `f(length in characters, value)` for every entry that is a prefix
    /// of `chars`, shortest first; reads no character past the longest.
    #[inline]
    pub fn each_prefix<'t>(
        &'t self,
        chars: impl IntoIterator<Item = char>,
        mut f: impl FnMut(usize, &'t V),
    ) {
        let mut chars = chars.into_iter();
        let Some(c) = chars.next() else {
            return;
        };
        let mut node = self.first(c);
        let mut len = 1;
        while node != NONE {
            let n = &self.nodes[node as usize];
            if n.value != u32::MAX {
                f(len, &self.values[n.value as usize]);
            }
            if n.len == 0 {
                return;
            }
            let Some(c) = chars.next() else {
                return;
            };
            node = self.child(n, c);
            len += 1;
        }
    }

    /// The longest entry that is a prefix of `chars`.
    #[inline]
    pub fn longest(&self, chars: impl IntoIterator<Item = char>) -> Option<(usize, &V)> {
        let mut last = None;
        self.each_prefix(chars, |len, v| last = Some((len, v)));
        last
    }

    /// The value of the entry `key`.
    pub fn get(&self, key: impl IntoIterator<Item = char>) -> Option<&V> {
        let mut key = key.into_iter();
        let mut node = match key.next() {
            Some(c) => self.first(c),
            None => return None,
        };
        for c in key {
            if node == NONE {
                return None;
            }
            node = self.child(&self.nodes[node as usize], c);
        }
        let v = self
            .nodes
            .get(node as usize)
            .filter(|_| node != NONE)?
            .value;
        self.values.get(v as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_prefix_entry() {
        let mut b = Builder::default();
        for (w, v) in [
            ("咸安", 1),
            ("咸安区", 2),
            ("咸宁", 3),
            ("𠀀a", 4),
            ("a", 5),
        ] {
            *b.slot(w.chars()) = Some(v);
        }
        let t = b.build();
        let mut got = Vec::new();
        t.each_prefix("咸安区政府".chars(), |n, v| got.push((n, *v)));
        assert_eq!(got, vec![(2, 1), (3, 2)]);
        assert_eq!(t.longest("咸宁市".chars()), Some((2, &3)));
        assert_eq!(t.longest("咸".chars()), None);
        assert_eq!(t.longest("𠀀ab".chars()), Some((2, &4)));
        assert_eq!(t.get("a".chars()), Some(&5));
        assert_eq!(t.get("咸".chars()), None);
        assert_eq!(t.longest("".chars()), None);
        assert!(t.may_start('咸', '安') && t.may_start('𠀀', 'a'));
        assert!(t.starts('a') && !t.starts('b'));
    }
}
