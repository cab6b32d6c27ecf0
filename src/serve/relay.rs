//! The socket `serve` listens on. tiny_http reads a request's header lines
//! with no bound, so one endless line could take all the memory; each
//! connection is therefore relayed to the HTTP server on a private
//! loopback port, and a request head longer than [`HEAD_LIMIT`] closes it
//! with 431. Nothing here parses HTTP: it counts bytes since the last
//! blank line (`serve` takes no request bodies).

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};

/// The most a request head may take, request line and headers together.
pub(super) const HEAD_LIMIT: usize = 16 * 1024;

const TOO_LARGE: &[u8] = b"HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 32\r\nConnection: close\r\n\r\nrequest head over 16 KiB: closed";

/// Accepts connections on `listener` for ever, relaying each to `inner`.
pub(super) fn relay(listener: TcpListener, inner: SocketAddr) {
    for client in listener.incoming().flatten() {
        std::thread::spawn(move || {
            let _ = connection(client, inner);
        });
    }
}

fn connection(client: TcpStream, inner: SocketAddr) -> io::Result<()> {
    let server = TcpStream::connect(inner)?;
    let _ = client.set_nodelay(true);
    let _ = server.set_nodelay(true);
    let mut to_client = client.try_clone()?;
    let mut from_server = server.try_clone()?;
    let answers = std::thread::spawn(move || {
        let _ = io::copy(&mut from_server, &mut to_client);
        let _ = to_client.shutdown(Shutdown::Write);
    });
    let result = forward_bounded(&client, &server);
    let _ = server.shutdown(Shutdown::Write);
    if result.is_err() {
        let _ = server.shutdown(Shutdown::Both);
    }
    let _ = answers.join();
    let _ = client.shutdown(Shutdown::Both);
    result
}

/// Copies the client's bytes to the server until either side closes, or
/// until a head runs past the limit (then answers 431 itself).
fn forward_bounded(mut client: &TcpStream, mut server: &TcpStream) -> io::Result<()> {
    let mut head = HeadCounter::default();
    let mut buffer = [0u8; 4096];
    loop {
        let n = client.read(&mut buffer)?;
        if n == 0 {
            return Ok(());
        }
        if !head.feed(&buffer[..n]) {
            let _ = client.write_all(TOO_LARGE);
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "request head too large",
            ));
        }
        server.write_all(&buffer[..n])?;
    }
}

/// Bytes since the end of the last request head (`\r\n\r\n`).
#[derive(Debug, Default)]
struct HeadCounter {
    since_end: usize,
    /// The last bytes seen, to find a terminator split across reads.
    tail: u32,
}

impl HeadCounter {
    /// Takes `bytes`; false once a head has run past [`HEAD_LIMIT`].
    fn feed(&mut self, bytes: &[u8]) -> bool {
        for &byte in bytes {
            self.tail = (self.tail << 8) | u32::from(byte);
            self.since_end += 1;
            if self.tail == u32::from_be_bytes(*b"\r\n\r\n") {
                self.since_end = 0;
            } else if self.since_end > HEAD_LIMIT {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_each_head_on_its_own() {
        let mut counter = HeadCounter::default();
        let head = b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
        for _ in 0..2000 {
            assert!(counter.feed(head), "many small requests on one connection");
        }
        let mut counter = HeadCounter::default();
        assert!(counter.feed(b"GET / HTTP/1.1\r\nX: "));
        assert!(!counter.feed(&[b'a'; HEAD_LIMIT]));
        let mut split = HeadCounter::default();
        assert!(split.feed(&[b'a'; HEAD_LIMIT - 10]));
        assert!(split.feed(b"\r\n\r"));
        assert!(split.feed(b"\n"));
        assert!(split.feed(&[b'b'; 100]));
    }
}
