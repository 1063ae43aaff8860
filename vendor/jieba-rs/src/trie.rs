//! A character-level trie for the dictionary, built for the segmenter's
//! access pattern: from every character of the input, enumerate the
//! dictionary words that start there.
//!
//! Nodes are prefixes of dictionary words. The root's transitions for BMP
//! characters live in a directly indexed table, so the first step of every
//! walk is a cache-resident array load. Every other transition is one entry
//! in an open-addressing hash table keyed by `(parent node, character)`, and
//! the entry carries everything a walk needs to know about the child: its
//! id, the id of the word that ends there, and a small Bloom-style filter of
//! the characters its own children start with. One probe per character, no
//! separate lookup to test for a word boundary, and no probe at all for the
//! common case of a character that is not a child, against the several
//! dependent loads per *byte* of a byte-level double-array trie.

/// Word id stored on a node that does not end a dictionary word.
const NO_WORD: i32 = -1;

/// Widest character the key packing allows: 21 bits, all of Unicode.
const CHAR_BITS: u32 = 21;

/// A slot key is `(parent << CHAR_BITS | char) + 1` in the low bits; the
/// high 16 bits hold the first child filter.
const KEY_BITS: u32 = 48;
const KEY_MASK: u64 = (1 << KEY_BITS) - 1;

/// A child pointer is the node id in the low bits and the second child
/// filter in the high 8 bits. A node has children iff its filter bits are
/// not all zero.
const ID_BITS: u32 = 24;
const ID_MASK: u32 = (1 << ID_BITS) - 1;
const MAX_NODES: u32 = 1 << ID_BITS;

/// Characters with a direct root transition.
const ROOT_TABLE_LEN: usize = 0x1_0000;

const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

/// Load factor above which the table doubles, in eighths.
const MAX_LOAD_EIGHTHS: usize = 6;

#[derive(Clone, Copy, Default)]
struct Slot {
    /// Packed `(parent, char)` plus one, and the first child filter; 0
    /// marks an empty slot.
    key: u64,
    /// Child node id and the second child filter.
    child: u32,
    word_id: i32,
}

/// A transition out of the root: child pointer (0 for none) and word id.
#[derive(Clone, Copy)]
struct RootEntry {
    child: u32,
    word_id: i32,
}

/// Where a node's child pointer is stored.
#[derive(Clone, Copy)]
enum ParentRef {
    /// The node is the root itself, which has no pointer.
    Root,
    RootEntry(usize),
    Slot(usize),
}

/// pizhu: the prefixes of the word inserted last with
/// [`CharTrie::insert_after`], from the empty one (the root) to the whole
/// word: each node's id and where its pointer is.
#[derive(Clone)]
pub(crate) struct Path {
    nodes: Vec<(u32, ParentRef)>,
}

impl Default for Path {
    /// Before the first word: the root alone.
    fn default() -> Self {
        Path {
            nodes: vec![(0, ParentRef::Root)],
        }
    }
}

/// pizhu: the start of the walk from a character: the root's transition on
/// it (`child` 0: none, no word starts there) and, if the character after it
/// may be a child (the filter says so), the slot its probe starts from
/// (`usize::MAX`: no second step).
#[derive(Clone, Copy)]
pub(crate) struct FirstStep {
    child: u32,
    word_id: i32,
    probe: usize,
}

impl FirstStep {
    pub(crate) const NONE: FirstStep = FirstStep {
        child: 0,
        word_id: NO_WORD,
        probe: usize::MAX,
    };
}

#[derive(Clone)]
pub(crate) struct CharTrie {
    root: Vec<RootEntry>,
    slots: Vec<Slot>,
    /// Occupied slots.
    len: usize,
    /// `64 - log2(slots.len())`, so a hash shifted right by it indexes the table.
    shift: u32,
    /// Next node id; ids start at 1 because 0 is the root.
    next_node: u32,
}

#[inline(always)]
fn key(parent: u32, ch: char) -> u64 {
    (((parent as u64) << CHAR_BITS) | ch as u64) + 1
}

/// The bits a character sets in a node's two child filters: one of 16 in
/// the key's high bits, one of 8 in the child pointer's high bits. A
/// lookup probes only when both are set; with the fan-out this dictionary
/// has (median 1, p90 3) that rejects most characters that are not
/// children without touching the hash table.
#[inline(always)]
fn filter_bits(ch: char) -> (u64, u32) {
    let h = (ch as u32).wrapping_mul(0x9E37_79B1);
    (1u64 << (KEY_BITS + (h >> 28)), 1u32 << (ID_BITS + ((h >> 25) & 7)))
}

impl CharTrie {
    pub(crate) fn new() -> Self {
        Self::with_slots(1 << 10)
    }

    fn with_slots(slots: usize) -> Self {
        debug_assert!(slots.is_power_of_two());
        CharTrie {
            root: vec![
                RootEntry {
                    child: 0,
                    word_id: NO_WORD
                };
                ROOT_TABLE_LEN
            ],
            slots: vec![Slot::default(); slots],
            len: 0,
            shift: 64 - slots.trailing_zeros(),
            next_node: 1,
        }
    }

    /// Make room for about `words` more words without rehashing.
    pub(crate) fn reserve(&mut self, words: usize) {
        // The default dictionary has 1.43 nodes per word; leave headroom.
        let nodes = self.len + words + words / 2;
        let needed = (nodes * 8).div_ceil(MAX_LOAD_EIGHTHS).next_power_of_two();
        if needed > self.slots.len() {
            self.rehash(needed);
        }
    }

    #[inline(always)]
    fn index(&self, key: u64) -> usize {
        (key.wrapping_mul(MULTIPLIER) >> self.shift) as usize
    }

    /// Index of the slot holding the (filter-free) `key`, or of the empty
    /// slot where it would go.
    #[inline(always)]
    fn probe(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.index(key);
        loop {
            let stored = self.slots[i].key;
            if stored & KEY_MASK == key || stored == 0 {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// The root's transition on `ch`: `(child pointer, word id)`.
    #[inline(always)]
    fn root_step(&self, ch: char) -> Option<(u32, i32)> {
        if (ch as usize) < ROOT_TABLE_LEN {
            let entry = self.root[ch as usize];
            return (entry.child != 0).then_some((entry.child, entry.word_id));
        }
        let slot = &self.slots[self.probe(key(0, ch))];
        (slot.key != 0).then_some((slot.child, slot.word_id))
    }

    /// The id of `word`, if it is in the dictionary.
    pub(crate) fn get(&self, word: &str) -> Option<i32> {
        self.lookup(word.chars())
    }

    /// pizhu: the id of the word `ch` alone, if it is in the dictionary.
    #[inline(always)]
    pub(crate) fn get_char(&self, ch: char) -> Option<i32> {
        self.root_step(ch).map(|(_, word_id)| word_id).filter(|&w| w != NO_WORD)
    }

    /// The id of the word made of `chars` (byte offset and value of each
    /// character, as the segmenter decodes them), if it is in the dictionary.
    #[inline]
    pub(crate) fn get_chars(&self, chars: &[(u32, char)]) -> Option<i32> {
        self.lookup(chars.iter().map(|&(_, c)| c))
    }

    #[inline(always)]
    fn lookup(&self, mut chars: impl Iterator<Item = char>) -> Option<i32> {
        let (mut child, mut word_id) = self.root_step(chars.next()?)?;
        // The root has no key filter; only the pointer filter applies.
        let mut key_filter = u64::MAX;
        for ch in chars {
            let slot = self.step(key_filter, child, ch)?;
            key_filter = slot.key;
            child = slot.child;
            word_id = slot.word_id;
        }
        (word_id != NO_WORD).then_some(word_id)
    }

    /// The slot of the child reached from node `child` (with its key
    /// `key_filter`) on `ch`, if the node has one. The filters in the spare
    /// bits of both reject most absent children before the probe.
    #[inline(always)]
    fn step(&self, key_filter: u64, child: u32, ch: char) -> Option<&Slot> {
        let (a, b) = filter_bits(ch);
        if key_filter & a == 0 || child & b == 0 {
            return None;
        }
        let slot = &self.slots[self.probe(key(child & ID_MASK, ch))];
        (slot.key != 0).then_some(slot)
    }

    /// Call `emit(char_index, end_index, word_id)` for every dictionary word
    /// starting at every character of `chars` (byte offset and value of
    /// each character of a text), position by position and shortest word
    /// first within a position. `end_index` is the index of the character
    /// after the word.
    pub(crate) fn for_each_prefix_at_every_char(&self, chars: &[(u32, char)], mut emit: impl FnMut(usize, usize, i32)) {
        for pos in 0..chars.len() {
            self.touch(chars, pos + Self::LOOKAHEAD);
            self.for_each_prefix_at(chars, pos, |end, word_id| emit(pos, end, word_id));
        }
    }

    /// Walking a position is a chain of dependent loads that the processor
    /// cannot overlap with the next position's chain, so a walk over many
    /// positions touches the slot the second character of the position
    /// `LOOKAHEAD` steps ahead will need (`touch`): by the time the walk
    /// arrives it is in cache.
    pub(crate) const LOOKAHEAD: usize = 3;

    /// Touches the slot the walk from character `pos` of `chars` will
    /// probe for its second character, if any (see `LOOKAHEAD`).
    #[inline(always)]
    pub(crate) fn touch(&self, chars: &[(u32, char)], pos: usize) {
        // (no `let` chain: this file also compiles in pizhu's tests, edition 2021)
        let Some(&[(_, c1), (_, c2)]) = chars.get(pos..pos + 2) else {
            return;
        };
        if (c1 as usize) < ROOT_TABLE_LEN {
            let child = self.root[c1 as usize].child;
            if child & filter_bits(c2).1 != 0 {
                let i = self.index(key(child & ID_MASK, c2));
                std::hint::black_box(self.slots[i].key);
            }
        }
    }

    /// Call `emit(end_index, word_id)` for every dictionary word starting
    /// at character `pos` of `chars`, shortest first; `end_index` is the
    /// index of the character after the word.
    #[inline(always)]
    pub(crate) fn for_each_prefix_at(&self, chars: &[(u32, char)], pos: usize, emit: impl FnMut(usize, i32)) {
        self.for_each_prefix_from(chars, pos, self.first_step(chars, pos), emit);
    }

    /// pizhu: the start of the walk from character `pos` of `chars` (see
    /// [`FirstStep`]), whose slot it touches. `calc` takes it `LOOKAHEAD`
    /// positions ahead, in place of `touch`, and hands it to the walk when
    /// it arrives there ([`CharTrie::for_each_prefix_from`]): the prefetch
    /// then costs no more than the walk's first step, instead of repeating it.
    #[inline(always)]
    pub(crate) fn first_step(&self, chars: &[(u32, char)], pos: usize) -> FirstStep {
        let Some((child, word_id)) = self.root_step(chars[pos].1) else {
            return FirstStep::NONE;
        };
        let mut probe = usize::MAX;
        if let Some(&(_, ch)) = chars.get(pos + 1) {
            // (the root has no key filter; only the pointer filter applies)
            if child & filter_bits(ch).1 != 0 {
                probe = self.index(key(child & ID_MASK, ch));
                std::hint::black_box(self.slots[probe].key);
            }
        }
        FirstStep { child, word_id, probe }
    }

    /// [`CharTrie::for_each_prefix_at`], from the walk's start `first`
    /// (`first_step(chars, pos)`).
    #[inline(always)]
    pub(crate) fn for_each_prefix_from(
        &self,
        chars: &[(u32, char)],
        pos: usize,
        first: FirstStep,
        mut emit: impl FnMut(usize, i32),
    ) {
        let n = chars.len();
        let FirstStep {
            mut child,
            mut word_id,
            probe,
        } = first;
        if child == 0 {
            return;
        }
        if word_id != NO_WORD {
            emit(pos + 1, word_id);
        }
        if probe == usize::MAX {
            return;
        }
        // The first step, from the slot `first_step` found (the same probe
        // as below, from there).
        let (_, ch) = chars[pos + 1];
        let slot = {
            let key = key(child & ID_MASK, ch);
            let mask = self.slots.len() - 1;
            let mut i = probe;
            loop {
                let stored = self.slots[i].key;
                if stored & KEY_MASK == key || stored == 0 {
                    break &self.slots[i];
                }
                i = (i + 1) & mask;
            }
        };
        if slot.key == 0 {
            return;
        }
        let mut key_filter = slot.key;
        child = slot.child;
        word_id = slot.word_id;
        let mut next = pos + 2;
        loop {
            if word_id != NO_WORD {
                emit(next, word_id);
            }
            if next >= n {
                break;
            }
            // The same transition as `step`, written out: the walk is the
            // hottest loop in the crate, and going through the helper
            // measurably slowed it down.
            let (_, ch) = chars[next];
            let (a, b) = filter_bits(ch);
            if key_filter & a == 0 || child & b == 0 {
                break;
            }
            let slot = &self.slots[self.probe(key(child & ID_MASK, ch))];
            if slot.key == 0 {
                break;
            }
            key_filter = slot.key;
            child = slot.child;
            word_id = slot.word_id;
            next += 1;
        }
    }

    /// Set the id of `word`, creating its nodes as needed. Returns the id it
    /// had before, if any. An empty word is ignored and returns `None`.
    pub(crate) fn insert(&mut self, word: &str, word_id: i32) -> Option<i32> {
        self.insert_after(&mut Path::default(), 0, word.chars(), word_id)
            .unwrap_or(None)
    }

    /// pizhu: set the id of the word made of the first `shared` characters of
    /// the word inserted before with the same `path`, followed by `rest`,
    /// creating its nodes as needed; `path` then holds this word's prefixes.
    /// Returns the id the word had before, if any.
    ///
    /// A dictionary loaded in sorted order shares most of each word with the
    /// previous one (what its front coding records), so this starts from the
    /// shared prefix's node instead of walking the prefix again. The nodes,
    /// ids and slots created are those [`CharTrie::insert`] of the whole word
    /// creates (it is this with an empty path).
    ///
    /// Errors: `shared` longer than the previous word, or an empty word.
    pub(crate) fn insert_after(
        &mut self,
        path: &mut Path,
        shared: usize,
        rest: impl IntoIterator<Item = char>,
        word_id: i32,
    ) -> Result<Option<i32>, &'static str> {
        debug_assert!(word_id >= 0, "word ids are non-negative");
        let nodes = &mut path.nodes;
        let Some(&(mut node, mut at)) = nodes.get(shared) else {
            return Err("shares more characters than the previous word has");
        };
        nodes.truncate(shared + 1);
        for ch in rest {
            (node, at) = self.child_or_new(node, at, ch, nodes);
            nodes.push((node, at));
        }
        let word = match at {
            ParentRef::Root => return Err("empty word"),
            ParentRef::RootEntry(i) => &mut self.root[i].word_id,
            ParentRef::Slot(i) => &mut self.slots[i].word_id,
        };
        Ok(Some(std::mem::replace(word, word_id)).filter(|&old| old != NO_WORD))
    }

    /// The child on `ch` of node `parent` (whose pointer is at `parent_ref`),
    /// created if missing: its node id and where its pointer is. Adds the
    /// child's filter bits to the parent's pointer. `path` holds the
    /// prefixes being inserted (`(node id, where its pointer is)`), whose slot
    /// indices are kept up to date if the table grows.
    #[inline(always)]
    fn child_or_new(
        &mut self,
        parent: u32,
        parent_ref: ParentRef,
        ch: char,
        path: &mut [(u32, ParentRef)],
    ) -> (u32, ParentRef) {
        if parent == 0 && (ch as usize) < ROOT_TABLE_LEN {
            let i = ch as usize;
            if self.root[i].child == 0 {
                self.root[i].child = self.alloc_node();
            }
            return (self.root[i].child & ID_MASK, ParentRef::RootEntry(i));
        }

        let (a, b) = filter_bits(ch);
        match parent_ref {
            ParentRef::Root => {}
            ParentRef::RootEntry(i) => self.root[i].child |= b,
            ParentRef::Slot(i) => {
                self.slots[i].key |= a;
                self.slots[i].child |= b;
            }
        }
        let key = key(parent, ch);
        let mut i = self.probe(key);
        if self.slots[i].key == 0 {
            if self.grow_if_needed(path) {
                i = self.probe(key);
            }
            self.slots[i] = Slot {
                key,
                child: self.alloc_node(),
                word_id: NO_WORD,
            };
            self.len += 1;
        }
        (self.slots[i].child & ID_MASK, ParentRef::Slot(i))
    }

    #[inline]
    fn alloc_node(&mut self) -> u32 {
        let id = self.next_node;
        assert!(id < MAX_NODES, "dictionary has too many distinct prefixes");
        self.next_node += 1;
        id
    }

    /// Double the table if adding one entry would exceed the load limit,
    /// updating the slot indices in `path` (a rehash moves every slot).
    /// Returns whether it did.
    #[inline(always)]
    fn grow_if_needed(&mut self, path: &mut [(u32, ParentRef)]) -> bool {
        if (self.len + 1) * 8 <= self.slots.len() * MAX_LOAD_EIGHTHS {
            return false;
        }
        self.grow(path);
        true
    }

    /// Double the table, updating the slot indices in `path`.
    #[cold]
    fn grow(&mut self, path: &mut [(u32, ParentRef)]) {
        let keys: Vec<u64> = path
            .iter()
            .map(|&(_, at)| match at {
                ParentRef::Slot(i) => self.slots[i].key & KEY_MASK,
                _ => 0,
            })
            .collect();
        self.rehash(self.slots.len() * 2);
        for ((_, at), key) in path.iter_mut().zip(keys) {
            if let ParentRef::Slot(i) = at {
                *i = self.probe(key);
            }
        }
    }

    fn rehash(&mut self, slots: usize) {
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); slots]);
        self.shift = 64 - slots.trailing_zeros();
        for slot in old.into_iter().filter(|s| s.key != 0) {
            let i = self.probe(slot.key & KEY_MASK);
            self.slots[i] = slot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars_of(text: &str) -> Vec<(u32, char)> {
        text.char_indices().map(|(o, c)| (o as u32, c)).collect()
    }

    /// Dictionary words that are prefixes of `text`, shortest first.
    fn prefixes<'a>(trie: &CharTrie, text: &'a str) -> Vec<(i32, &'a str)> {
        let chars = chars_of(text);
        let mut out = Vec::new();
        trie.for_each_prefix_at_every_char(&chars, |pos, end, id| {
            if pos == 0 {
                let byte_end = chars.get(end).map_or(text.len(), |&(o, _)| o as usize);
                out.push((id, &text[..byte_end]));
            }
        });
        out
    }

    #[test]
    fn test_prefixes_at_every_char() {
        let mut trie = CharTrie::new();
        for (i, w) in ["a", "ab", "abc", "b", "bc", "c", "中", "中国", "国"]
            .iter()
            .enumerate()
        {
            trie.insert(w, i as i32);
        }
        let text = "abc中国x";
        let mut out = Vec::new();
        trie.for_each_prefix_at_every_char(&chars_of(text), |pos, end, id| out.push((pos, end, id)));
        // Position by position, shortest word first; ends are character indices.
        assert_eq!(
            out,
            vec![
                (0, 1, 0),
                (0, 2, 1),
                (0, 3, 2),
                (1, 2, 3),
                (1, 3, 4),
                (2, 3, 5),
                (3, 4, 6),
                (3, 5, 7),
                (4, 5, 8)
            ]
        );
    }

    #[test]
    fn test_insert_get_prefixes() {
        let mut trie = CharTrie::with_slots(4);
        let words = [
            "网",
            "网球",
            "网球拍",
            "球拍",
            "拍卖",
            "拍卖会",
            "a",
            "ab",
            "𦡦",
            "𦡦𦡦",
            "中",
        ];
        for (i, w) in words.iter().enumerate() {
            assert_eq!(trie.insert(w, i as i32), None);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(trie.get(w), Some(i as i32), "{w}");
        }
        assert_eq!(trie.get(""), None);
        assert_eq!(trie.get("网球拍卖"), None);
        assert_eq!(trie.get("球"), None); // prefix node without a word
        assert_eq!(trie.get("x"), None);
        assert_eq!(trie.get("abc"), None);
        assert_eq!(trie.get("𦡦x"), None);

        assert_eq!(
            prefixes(&trie, "网球拍卖会"),
            vec![(0, "网"), (1, "网球"), (2, "网球拍")]
        );
        assert_eq!(prefixes(&trie, "拍卖会def"), vec![(4, "拍卖"), (5, "拍卖会")]);
        assert_eq!(prefixes(&trie, "球"), vec![]);
        assert_eq!(prefixes(&trie, "abc"), vec![(6, "a"), (7, "ab")]);
        assert_eq!(prefixes(&trie, "𦡦𦡦𦡦"), vec![(8, "𦡦"), (9, "𦡦𦡦")]);
        assert_eq!(prefixes(&trie, ""), vec![]);
        assert_eq!(prefixes(&trie, "zzz"), vec![]);
    }

    #[test]
    fn test_reinsert_replaces_id() {
        let mut trie = CharTrie::new();
        assert_eq!(trie.insert("中国", 1), None);
        assert_eq!(trie.insert("中国", 2), Some(1));
        assert_eq!(trie.get("中国"), Some(2));
        assert_eq!(trie.insert("中", 3), None);
        assert_eq!(trie.insert("中", 4), Some(3));
        assert_eq!(prefixes(&trie, "中国人"), vec![(4, "中"), (2, "中国")]);
    }

    /// Many children of one node fill its filters; every child must still be
    /// found and non-children rejected.
    #[test]
    fn test_wide_fanout() {
        let mut trie = CharTrie::with_slots(2);
        let children: Vec<String> = (0x4E00..0x4E00 + 300)
            .map(|c| format!("大{}", char::from_u32(c).unwrap()))
            .collect();
        for (i, w) in children.iter().enumerate() {
            trie.insert(w, i as i32);
        }
        for (i, w) in children.iter().enumerate() {
            assert_eq!(trie.get(w), Some(i as i32));
        }
        assert_eq!(trie.get("大x"), None);
        assert_eq!(trie.get("大"), None);
        assert_eq!(prefixes(&trie, "大a"), vec![]);
        assert_eq!(prefixes(&trie, "大一"), vec![(0, "大一")]);
    }

    #[test]
    fn test_grows_and_survives_rehash() {
        let mut trie = CharTrie::with_slots(2);
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}x{}", i % 7)).collect();
        for (i, w) in words.iter().enumerate() {
            trie.insert(w, i as i32);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(trie.get(w), Some(i as i32));
        }
        assert_eq!(prefixes(&trie, "w12x5zzz"), vec![(12, "w12x5")]);
        assert!(trie.slots.len() * MAX_LOAD_EIGHTHS >= trie.len * 8);
    }

    /// The root table, the slots, `len` and `next_node` of a trie.
    type Layout = (Vec<(u32, i32)>, Vec<(u64, u32, i32)>, usize, u32);

    /// The fields of a trie, for comparing two built differently.
    fn layout(trie: &CharTrie) -> Layout {
        (
            trie.root.iter().map(|e| (e.child, e.word_id)).collect(),
            trie.slots.iter().map(|s| (s.key, s.child, s.word_id)).collect(),
            trie.len,
            trie.next_node,
        )
    }

    /// Front coding of sorted `words`: characters shared with the previous one, then the rest.
    fn front_coded(words: &[&str]) -> Vec<(usize, String)> {
        let mut prev: Vec<char> = Vec::new();
        words
            .iter()
            .map(|w| {
                let chars: Vec<char> = w.chars().collect();
                let shared = chars.iter().zip(&prev).take_while(|(a, b)| a == b).count();
                prev = chars.clone();
                (shared, chars[shared..].iter().collect())
            })
            .collect()
    }

    #[test]
    fn test_insert_after_builds_what_insert_builds() {
        let mut words: Vec<String> = "网 网球 网球拍 球拍 拍卖 拍卖会 a ab 𦡦 𦡦𦡦 中 𦡦中"
            .split(' ')
            .map(String::from)
            .collect();
        words.extend((0..3000).map(|i| format!("大{}x{}", i % 37, i % 11)));
        words.sort();
        words.dedup();
        let words: Vec<&str> = words.iter().map(|w| &**w).collect();
        // tiny tables, so that they grow while a word's prefixes are held
        let (mut whole, mut sorted) = (CharTrie::with_slots(2), CharTrie::with_slots(2));
        let mut path = Path::default();
        for (i, (shared, rest)) in front_coded(&words).into_iter().enumerate() {
            assert_eq!(whole.insert(words[i], i as i32), None);
            assert_eq!(sorted.insert_after(&mut path, shared, rest.chars(), i as i32), Ok(None));
        }
        assert_eq!(layout(&whole), layout(&sorted));
        // a shorter shared length than the words share (front coding may cap
        // it) walks the rest of the prefix again and finds the same nodes
        let mut path = Path::default();
        let mut capped = CharTrie::new();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(capped.insert_after(&mut path, 0, w.chars(), i as i32), Ok(None));
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(capped.get(w), Some(i as i32));
        }
    }

    #[test]
    fn test_insert_after_errors() {
        let mut trie = CharTrie::new();
        let mut path = Path::default();
        assert!(trie.insert_after(&mut path, 1, "中".chars(), 0).is_err());
        assert!(trie.insert_after(&mut path, 0, "".chars(), 0).is_err());
        assert_eq!(trie.insert_after(&mut path, 0, "中国".chars(), 0), Ok(None));
        assert!(trie.insert_after(&mut path, 3, "人".chars(), 1).is_err());
        assert_eq!(trie.insert_after(&mut path, 1, "国".chars(), 1), Ok(Some(0)));
        assert_eq!(trie.insert_after(&mut path, 1, "".chars(), 2), Ok(None));
        assert_eq!(trie.get("中"), Some(2));
        assert_eq!(trie.get("中国"), Some(1));
    }

    #[test]
    fn test_reserve_avoids_growth() {
        let mut trie = CharTrie::new();
        trie.reserve(10_000);
        let slots = trie.slots.len();
        for i in 0..10_000 {
            trie.insert(&format!("{i}"), i);
        }
        assert_eq!(trie.slots.len(), slots);
        assert_eq!(trie.get("9999"), Some(9999));
    }
}
