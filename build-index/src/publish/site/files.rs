//! Reading and writing the files of a site or staging folder.

use super::*;

/// The index files (`index/<name>`) of a site or staging folder, sorted.
pub(super) fn read_index(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, SiteError> {
    index_entries(dir, |path, _| fs::read(path))
}

/// Names and sizes of the index files (`index/<name>`), sorted.
pub(super) fn index_sizes(dir: &Path) -> Result<Vec<(String, u64)>, SiteError> {
    index_entries(dir, |_, meta| Ok(meta.len()))
}

/// One value per file of `<dir>/index/`, by site path, sorted; an error if
/// the folder holds no index.
pub(super) fn index_entries<T>(
    dir: &Path,
    mut value: impl FnMut(&Path, &fs::Metadata) -> std::io::Result<T>,
) -> Result<Vec<(String, T)>, SiteError> {
    let index_dir = dir.join("index");
    if !index_dir.join("manifest.json").is_file() {
        return Err(SiteError::NoIndex {
            dir: dir.to_path_buf(),
        });
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SiteError::Io { path, source }
    };
    let mut out = Vec::new();
    for entry in fs::read_dir(&index_dir).map_err(io(&index_dir))? {
        let entry = entry.map_err(io(&index_dir))?;
        let path = entry.path();
        let meta = entry.metadata().map_err(io(&path))?;
        if meta.is_file() {
            let name = entry.file_name().to_string_lossy().into_owned();
            out.push((
                format!("index/{name}"),
                value(&path, &meta).map_err(io(&path))?,
            ));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

pub(super) fn list_files(dir: &Path) -> Result<Vec<String>, SiteError> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(|e| walk_error(dir, e))?;
        // The entry's type comes with the listing: no stat per file.
        if !entry.file_type().is_dir() {
            out.push(site_relative(dir, entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

/// `path` below `root` as a site path (`/`-separated whatever the platform).
pub(crate) fn site_relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

pub(crate) fn walk_error(root: &Path, e: walkdir::Error) -> SiteError {
    let path = e.path().unwrap_or(root).to_path_buf();
    let source = e
        .into_io_error()
        .unwrap_or_else(|| std::io::Error::other("a folder loop through a link"));
    SiteError::Io { path, source }
}

pub(super) fn write(dir: &Path, rel: &str, bytes: &[u8]) -> Result<(), SiteError> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|source| SiteError::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    fs::write(&path, bytes).map_err(|source| SiteError::Io { path, source })
}
