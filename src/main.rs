//! The reader's wasm entry point (Trunk builds this binary); the app itself
//! is the library, which build-index also renders on the server.

fn main() {
    archive_reader::start();
}
