//! Fast, good-quality 64-bit hashes (XXH3) for fingerprints of pages and their data. They
//! only compare one build's data with the previous build's in the same process.

use std::hash::Hasher;

pub use xxhash_rust::xxh3::Xxh3 as Fingerprinter;

pub fn hasher() -> Fingerprinter {
    Fingerprinter::new()
}

pub fn bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Hashes anything serializable by its JSON text, without building the text.
pub fn json<T: serde::Serialize + ?Sized>(value: &T, h: &mut impl Hasher) {
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
