//! Bloom-filter encodings (placeholder until written below).
