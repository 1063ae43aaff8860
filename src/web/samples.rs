//! The seed articles, embedded so the page offers them offline as samples.

/// (name, text) of each sample; the name is the seed file's stem.
pub const SAMPLES: &[(&str, &str)] = &[
    (
        "000_a1412cb422f1db2e",
        include_str!("../../seeds/000_a1412cb422f1db2e.txt"),
    ),
    (
        "001_7fd345ea9210af96",
        include_str!("../../seeds/001_7fd345ea9210af96.txt"),
    ),
    (
        "002_fbffba0dc127f8f7",
        include_str!("../../seeds/002_fbffba0dc127f8f7.txt"),
    ),
    (
        "003_0b122be793e1ea71",
        include_str!("../../seeds/003_0b122be793e1ea71.txt"),
    ),
    (
        "004_03c8acea0e47ad4c",
        include_str!("../../seeds/004_03c8acea0e47ad4c.txt"),
    ),
];
