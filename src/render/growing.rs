//! Bytes of a file that grows to a hundred megabytes (`site.json`, the
//! lists at a county's scale, and the print pack where it is made whole,
//! in `serve` and `check --full`: a build writes it as it is made), made
//! in one buffer that grows eight times over when it is full instead of
//! twice. Each growth copies what the buffer holds, and for that moment
//! both copies are held: grown by doubling, `site.json` took twice its
//! size at its last step. Room reserved and not yet written costs address
//! space, not memory.

use std::io;

/// How many times over a full buffer grows.
const GROWTH: usize = 8;

/// The most room a growth reserves past what is needed: address space is
/// not memory, but a system that commits what is reserved counts it.
const MOST_AHEAD: usize = 256 << 20;

/// A buffer that grows far at each step.
#[derive(Debug, Default)]
pub(crate) struct Growing {
    bytes: Vec<u8>,
}

impl Growing {
    /// An empty buffer.
    pub(crate) fn new() -> Growing {
        Growing::default()
    }

    /// Adds `bytes` at the end.
    pub(crate) fn push(&mut self, bytes: &[u8]) {
        let needed = self.bytes.len() + bytes.len();
        if needed > self.bytes.capacity() {
            let room = (needed.max(4096) * GROWTH).min(needed + MOST_AHEAD);
            self.bytes.reserve_exact(room - self.bytes.len());
        }
        self.bytes.extend_from_slice(bytes);
    }

    /// The bytes, with the room reserved after them.
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    #[cfg(test)]
    fn capacity(&self) -> usize {
        self.bytes.capacity()
    }
}

impl io::Write for Growing {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.push(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_buffer_grows_eight_times_over_and_keeps_every_byte() {
        let mut growing = Growing::new();
        let mut expected = Vec::new();
        let mut growths = 0;
        let mut capacity = growing.capacity();
        for n in 0..20_000usize {
            let piece = format!("<p>{n}</p>");
            growing.push(piece.as_bytes());
            expected.extend_from_slice(piece.as_bytes());
            if growing.capacity() != capacity {
                growths += 1;
                assert!(
                    growing.capacity() >= capacity * GROWTH,
                    "grew from {capacity} to {}",
                    growing.capacity()
                );
                capacity = growing.capacity();
            }
        }
        // 228,890 bytes: 4 KiB × 8, then × 8 again (doubling took 7 steps).
        assert_eq!(growths, 2);
        assert!(growing.into_bytes() == expected);
    }
}
