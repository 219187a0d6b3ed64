//! Names as the linker compares them: folded, split into parts with their hashes and phonetic
//! keys, each distinct spelling worked out once per thread (a memo of bounded size), since
//! registers of millions repeat a few hundred thousand spellings.

use compact_str::CompactString;

use crate::normalise::{name_tokens, phonetic};

/// A person name, normalised: its key (the sorted tokens; empty when the name is missing) and the
/// hashes of its five parts — the key, the sorted phonetic keys of the tokens, the initials, the
/// surname's and the given name's phonetic keys. Only the key is compared as text; the other parts
/// serve as blocking keys and equality tests, so their hashes, taken while the text is in cache,
/// are all that is kept; the key, like the ids and document numbers, is held inline up to 24
/// bytes (two million records are then no heap objects at all, and smaller is faster: every
/// page of a run is a fault, and allocations cost as much as the work on short strings).
#[derive(Debug, Clone, Default)]
pub struct Name {
    key: CompactString,
    hashes: [u64; 5],
    /// Bit `i` set when part `i` is not empty.
    present: u8,
}

/// Memo of normalised name parts: registers repeat the same given names and surnames endlessly,
/// so each distinct spelling is folded, split and given its phonetic keys once per thread, and a
/// name is then assembled from the memo without allocating anything but its own key.
///
/// The memo is far bigger than the caches and looked up twice per record, so it is laid out for
/// few cache misses, and its slots can be requested ahead (`NameCache::prefetch`): an open-
/// addressing table of (hash, offset) slots, and each spelling's tokens side by side in one byte
/// array. Spellings are found by a 64-bit hash alone (two different spellings of the same hash,
/// about one chance in 10^13 per register, would share their tokens).
#[derive(Default)]
pub struct NameCache {
    /// `(hash | 1, offset in entries)`; a zero hash marks an empty slot. Never more than half
    /// full, so that probes are short.
    pub(crate) slots: Vec<(u64, u32)>,
    pub(crate) used: usize,
    /// Per distinct spelling: its number of tokens, each token's text and phonetic key lengths
    /// (see [`NameCache::number`]), then the texts and keys, token after token. Kept as text so
    /// that reading a token checks only its ends.
    pub(crate) entries: String,
    /// Hash of a raw categorical value → hash of its folded value (0: missing).
    pub(crate) categories: rustc_hash::FxHashMap<u64, u64>,
    /// Scratch: the text of the name being assembled.
    pub(crate) text: String,
}

thread_local! {
    /// One memo per worker thread, kept across batches: rayon splits a batch into many small jobs,
    /// and a memo per job would see each spelling only a few times. Normalisation does not depend
    /// on the configuration, so the memo stays valid from one register to the next.
    static NAME_CACHE: std::cell::RefCell<NameCache> = std::cell::RefCell::new(NameCache::default());
}

/// Distinct spellings a memo holds before it starts afresh (about 100 MB at most).
const NAME_CACHE_MAX: usize = 1 << 20;

/// Runs `f` with this thread's memo, emptied first if it has grown past its limit.
pub(crate) fn with_memo<R>(f: impl FnOnce(&mut NameCache) -> R) -> R {
    NAME_CACHE.with_borrow_mut(|cache| {
        if cache.used > NAME_CACHE_MAX {
            *cache = NameCache::default();
        }
        f(cache)
    })
}

/// The tokens of an empty input.
const NO_PART: u32 = u32::MAX;

/// A token's text and phonetic key.
type Token<'a> = (&'a str, &'a str);

impl NameCache {
    pub(crate) fn slot_hash(s: &str) -> u64 {
        crate::hash(s.as_bytes()) | 1
    }

    /// The offset of the tokens of the spelling of slot hash `h`, if the memo holds it.
    pub(crate) fn find(&self, h: u64) -> Option<u32> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut at = h as usize & mask;
        while let Some(&(k, offset)) = self.slots.get(at) {
            if k == 0 {
                return None;
            }
            if k == h {
                return Some(offset);
            }
            at = (at + 1) & mask;
        }
        None
    }

    /// Asks the CPU to start loading the slot of a spelling about to be looked up, or with
    /// `entry` (once the slot has been requested earlier) the spelling's tokens.
    pub(crate) fn prefetch(&self, s: &str, entry: bool) {
        if s.is_empty() || self.slots.is_empty() {
            return;
        }
        let h = Self::slot_hash(s);
        if !entry {
            if let Some(slot) = self.slots.get(h as usize & (self.slots.len() - 1)) {
                crate::prefetch(slot);
            }
        } else if let Some(offset) = self.find(h) {
            let entry = self.entries.as_bytes();
            // An entry is a few dozen bytes and may run into the next line.
            for b in [entry.get(offset as usize), entry.get(offset as usize + 64)]
                .into_iter()
                .flatten()
            {
                crate::prefetch(b);
            }
        }
    }

    /// The offset of a spelling's tokens, normalising it the first time it is seen.
    pub(crate) fn part(&mut self, s: &str) -> u32 {
        if s.is_empty() {
            return NO_PART;
        }
        let h = Self::slot_hash(s);
        if let Some(offset) = self.find(h) {
            return offset;
        }
        let offset = self.entries.len() as u32;
        // A token or key longer than a length can say is cut at a character boundary.
        let cut = |x: String| -> String {
            let mut end = x.len().min(Self::NUMBER_MAX);
            while !x.is_char_boundary(end) {
                end -= 1;
            }
            x[..end].to_string()
        };
        let tokens: Vec<(String, String)> = name_tokens(s)
            .into_iter()
            .take(Self::NUMBER_MAX)
            .map(|t| {
                let p = phonetic(&t);
                (cut(t), cut(p))
            })
            .collect();
        Self::push_number(&mut self.entries, tokens.len());
        for (t, p) in &tokens {
            Self::push_number(&mut self.entries, t.len());
            Self::push_number(&mut self.entries, p.len());
        }
        for (t, p) in &tokens {
            self.entries.push_str(t);
            self.entries.push_str(p);
        }
        self.insert(h, offset);
        offset
    }

    /// The largest number an entry holds: two ASCII characters of seven bits.
    const NUMBER_MAX: usize = (1 << 14) - 1;

    pub(crate) fn push_number(entries: &mut String, n: usize) {
        let n = n.min(Self::NUMBER_MAX);
        entries.push(char::from((n >> 7) as u8));
        entries.push(char::from((n & 0x7f) as u8));
    }

    /// The number at byte `at` of an entry.
    pub(crate) fn number(entry: &[u8], at: usize) -> usize {
        entry
            .get(at..at + 2)
            .map_or(0, |b| usize::from(b[0]) << 7 | usize::from(b[1]))
    }

    pub(crate) fn insert(&mut self, h: u64, offset: u32) {
        if (self.used + 1) * 2 > self.slots.len() {
            let size = (self.slots.len() * 2).max(1 << 12);
            // Written, not allocated zeroed: the probes below would read fresh zeroed pages first,
            // mapping the kernel's shared zero page, and the first write to each would then cost
            // a second fault and a TLB flush on every core.
            let mut slots = Vec::with_capacity(size);
            slots.resize(size, (0, 0));
            let old = std::mem::replace(&mut self.slots, slots);
            self.used = 0;
            for (k, o) in old {
                if k != 0 {
                    self.insert(k, o);
                }
            }
        }
        let mask = self.slots.len() - 1;
        let mut at = h as usize & mask;
        while self.slots[at].0 != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = (h, offset);
        self.used += 1;
    }

    /// The number of tokens of the spelling at `offset`.
    pub(crate) fn count(&self, offset: u32) -> usize {
        self.entries
            .as_bytes()
            .get(offset as usize..)
            .map_or(0, |entry| Self::number(entry, 0))
    }

    /// The tokens of the spelling at `offset`, written to `out` from `*at` on (which advances).
    pub(crate) fn tokens<'c>(&'c self, offset: u32, out: &mut [Token<'c>], at: &mut usize) {
        let Some(entry) = self.entries.get(offset as usize..) else {
            return;
        };
        let bytes = entry.as_bytes();
        let n = Self::number(bytes, 0);
        let mut text_at = 2 + 4 * n;
        for k in 0..n {
            let (t, p) = (Self::number(bytes, 2 + 4 * k), Self::number(bytes, 4 + 4 * k));
            let text = entry.get(text_at..text_at + t).unwrap_or("");
            let key = entry.get(text_at + t..text_at + t + p).unwrap_or("");
            if let Some(slot) = out.get_mut(*at) {
                *slot = (text, key);
                *at += 1;
            }
            text_at += t + p;
        }
    }
}

impl Name {
    pub fn new(given: &str, surname: &str, full: &str) -> Name {
        Name::with_cache(given, surname, full, &mut NameCache::default())
    }

    /// Requests the memo slots of a name's parts, or with `entries` their entries (see
    /// `NameCache::prefetch`).
    pub fn prefetch(given: &str, surname: &str, full: &str, cache: &NameCache, entries: bool) {
        cache.prefetch(given, entries);
        cache.prefetch(surname, entries);
        if given.is_empty() && surname.is_empty() {
            cache.prefetch(full, entries);
        }
    }

    pub fn with_cache(given: &str, surname: &str, full: &str, cache: &mut NameCache) -> Name {
        let (g, s) = (cache.part(given), cache.part(surname));
        let f = if cache.count(g) + cache.count(s) == 0 {
            cache.part(full)
        } else {
            NO_PART
        };
        let mut text = std::mem::take(&mut cache.text);
        text.clear();
        // The tokens on the stack (a name has a handful of them).
        let n = cache.count(g) + cache.count(s) + cache.count(f);
        let mut stack = [("", ""); 16];
        let mut heap: Vec<Token>;
        let toks: &mut [Token] = if n <= stack.len() {
            &mut stack[..n]
        } else {
            heap = vec![("", ""); n];
            &mut heap
        };
        let mut at = 0;
        cache.tokens(g, toks, &mut at);
        let given_end = at;
        cache.tokens(s, toks, &mut at);
        cache.tokens(f, toks, &mut at);
        let name = if at == 0 {
            Name::default()
        } else {
            let parts = (given_end, at - given_end, f != NO_PART);
            Name::assemble(&mut toks[..at], parts, &mut text)
        };
        cache.text = text;
        name
    }

    /// Assembles a name from its tokens: the given name's (`given` of them), then the surname's
    /// (`surname`), or all from the full name (`full`). The five parts are written one after
    /// another into `text`, each remembered by its range.
    pub(crate) fn assemble(
        toks: &mut [Token],
        (given, surname, full): (usize, usize, bool),
        text: &mut String,
    ) -> Name {
        // Names longer than 255 bytes are cut: no register holds such a name.
        const PART_MAX: usize = 250 / 5;
        let push_joined = |text: &mut String, items: &mut dyn Iterator<Item = &str>| -> std::ops::Range<usize> {
            let start = text.len();
            for (n, item) in items.enumerate() {
                if n > 0 {
                    text.push(' ');
                }
                text.push_str(item);
            }
            let mut end = start + (text.len() - start).min(PART_MAX);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
            start..end
        };
        // 0 the key (sorted tokens), 1 the sorted phonetic keys, 2 the sorted initials, 3 the
        // surname's and 4 the given name's phonetic keys.
        let mut parts: [std::ops::Range<usize>; 5] = Default::default();
        // When only a full name exists, the surname is taken as its last token (the commonest
        // order in these registers) and the given name as its first; swapped orders still meet
        // on the sorted key. Taken before the tokens are sorted.
        if full {
            parts[3] = push_joined(text, &mut toks.last().map(|t| t.1).into_iter());
            parts[4] = push_joined(text, &mut toks.first().map(|t| t.1).into_iter());
        } else {
            parts[3] = push_joined(text, &mut toks[given..given + surname].iter().map(|t| t.1));
            parts[4] = push_joined(text, &mut toks[..given].iter().map(|t| t.1));
        }
        toks.sort_unstable_by(|a, b| a.0.cmp(b.0));
        parts[0] = push_joined(text, &mut toks.iter().map(|t| t.0));
        toks.sort_unstable_by(|a, b| a.1.cmp(b.1));
        parts[1] = push_joined(text, &mut toks.iter().map(|t| t.1));
        let mut initials = [0u8; PART_MAX];
        let mut n = 0;
        for b in toks.iter().filter_map(|t| t.0.bytes().next()).take(PART_MAX) {
            initials[n] = b;
            n += 1;
        }
        initials[..n].sort_unstable();
        let start = text.len();
        text.extend(initials[..n].iter().map(|&b| char::from(b)));
        parts[2] = start..text.len();
        let mut name = Name {
            key: CompactString::from(text.get(parts[0].clone()).unwrap_or("")),
            hashes: [0; 5],
            present: 0,
        };
        for (i, range) in parts.iter().enumerate() {
            let part = text.get(range.clone()).unwrap_or("");
            name.hashes[i] = crate::hash(part.as_bytes());
            if !part.is_empty() {
                name.present |= 1 << i;
            }
        }
        name
    }

    pub fn key(&self) -> &str {
        &self.key
    }
    pub fn key_hash(&self) -> u64 {
        self.hashes[0]
    }
    /// The hash of part `i` (0 key, 1 phonetic, 2 initials, 3 surname's and 4 given name's
    /// phonetic keys), or `None` when that part is empty.
    pub fn part_hash(&self, i: usize) -> Option<u64> {
        (self.present & (1 << i) != 0).then(|| self.hashes[i])
    }
    pub fn is_missing(&self) -> bool {
        self.key.is_empty()
    }
}
