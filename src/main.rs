//! The reader's wasm entry point (Trunk builds this binary); the app itself
//! is the library, which build-index also renders on the server.

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    archive_reader::start();
}
