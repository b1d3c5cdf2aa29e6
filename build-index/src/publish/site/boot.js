// The reader's loader, written into the site's index.html by build-index in
// place of Trunk's (build-index/src/publish/site/rewrite.rs). Its script
// element names the wasm-bindgen glue and the wasm in data-glue and
// data-wasm. It waits for the first page to paint before it imports the
// glue and starts the wasm, so the largest download does not compete with
// the style sheet the first page needs; an address that names a view (no
// first page shown) starts at once.
const boot = document.querySelector('script[type="module"][data-glue][data-wasm]');
if (boot) {
  const { glue, wasm } = boot.dataset;
  if (!document.documentElement.classList.contains('linked-view')) {
    await Promise.race([
      new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
      new Promise((resolve) => setTimeout(resolve, 250)),
    ]);
  }
  const bindings = await import(glue);
  await bindings.default({ module_or_path: wasm });
}
