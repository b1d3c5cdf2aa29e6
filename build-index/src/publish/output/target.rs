//! Where a build may write, and how the finished output takes its place.
//!
//! The rules, in the order they are checked:
//! - the output path must not be the corpus, nor a folder that holds it
//!   (no option overrides this: replacing it would delete the corpus);
//! - an existing output must be a folder that is empty or that build-index
//!   wrote (it holds [`MARKER`], or an `index/manifest.json` whose
//!   generator is build-index); anything else — a file, a symbolic link, a
//!   folder of the user's own files — is refused unless `--force` is given;
//! - every existing ancestor of the output path must be a folder.
//!
//! The output is written into a staging folder beside it
//! (`.<name>.building-<pid>-<random>`) and swapped into place in one step:
//! `renameat2(RENAME_EXCHANGE)` on Linux, so there is never a moment with
//! no output. Where the platform or file system cannot exchange, the old
//! output is moved aside (`.<name>.old-<pid>`) first; if the process dies
//! between the two renames, the next run moves it back. Staging folders
//! left by killed runs are removed by the next run.

use crate::Error;
use std::path::{Component, Path, PathBuf};

pub use crate::output_marker::{is_previous_output, MARKER, MARKER_TEXT};

fn refused(path: &Path, reason: String) -> Error {
    Error::Refused {
        path: path.display().to_string(),
        reason,
    }
}

/// Lexically absolute: `..` and `.` resolved against the current folder,
/// then the longest existing prefix resolved through symbolic links.
fn resolve(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut clean = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    // Canonicalise the part that exists, keep the rest as written.
    let mut existing = clean.clone();
    let mut rest = Vec::new();
    while std::fs::symlink_metadata(&existing).is_err() {
        match existing.file_name() {
            Some(n) => rest.push(n.to_os_string()),
            None => break,
        }
        if !existing.pop() {
            break;
        }
    }
    let mut out = std::fs::canonicalize(&existing).unwrap_or(existing);
    for n in rest.into_iter().rev() {
        out.push(n);
    }
    out
}

/// Checks that a build from `corpus` may write `out` (see the module docs).
pub fn check(corpus: &Path, out: &Path, force: bool) -> Result<(), Error> {
    let corpus_abs = resolve(corpus);
    let out_abs = resolve(out);
    if corpus_abs.starts_with(&out_abs) {
        let what = if corpus_abs == out_abs {
            "it is the corpus itself".to_string()
        } else {
            format!("it holds the corpus ({})", corpus.display())
        };
        return Err(refused(
            out,
            format!(
                "{what}, and a build replaces its output folder whole; write the site to a new folder outside the corpus, e.g. -o site (--force does not change this)"
            ),
        ));
    }
    // Every existing ancestor must be a folder ("File exists" otherwise).
    let mut up = out_abs.parent();
    while let Some(p) = up {
        if let Ok(m) = std::fs::metadata(p) {
            if !m.is_dir() {
                return Err(refused(
                    out,
                    format!(
                        "{} is not a folder, so nothing can be written inside it",
                        p.display()
                    ),
                ));
            }
            break;
        }
        up = p.parent();
    }
    let Ok(meta) = std::fs::symlink_metadata(out) else {
        return Ok(());
    };
    if force {
        return Ok(());
    }
    if meta.file_type().is_symlink() {
        return Err(refused(
            out,
            "it is a symbolic link; give the real folder's path, or a new folder (or pass --force to replace the link)".into(),
        ));
    }
    if !meta.is_dir() {
        return Err(refused(
            out,
            "it is a file, not a folder; build-index writes a whole site folder and would replace the file. Choose a folder path, e.g. -o site (or pass --force to replace it)".into(),
        ));
    }
    let mut entries = std::fs::read_dir(out).map_err(|e| Error::Io {
        path: out.display().to_string(),
        reason: format!("cannot list the output folder: {e}"),
    })?;
    let Some(first) = entries.next() else {
        return Ok(());
    };
    if is_previous_output(out) {
        return Ok(());
    }
    let example = first
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .unwrap_or_default();
    Err(refused(
        out,
        format!(
            "the folder holds files build-index did not write (such as {example:?}), and a build replaces its output folder whole. Choose a new or empty folder, or pass --force to replace it"
        ),
    ))
}

/// Name of the output's final component, for the staging names beside it.
fn base_name(out: &Path) -> String {
    out.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into())
}

pub(crate) fn parent_of(out: &Path) -> PathBuf {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The process id in a staging name `.<name>.building-<pid>-<random>` or
/// `.<name>.old-<pid>`, if `file` is one for `name`.
fn staging_pid(file: &str, name: &str, kind: &str) -> Option<u32> {
    let rest = file
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix(kind)?;
    rest.split('-').next()?.parse().ok()
}

fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        // Without /proc, only this process's own folders are known live;
        // others are left alone rather than guessed at.
        true
    }
}

/// What [`recover`] did, for the build summary.
#[derive(Debug, Default)]
pub struct Recovered {
    /// Staging folders of killed runs that were removed.
    pub removed: Vec<PathBuf>,
    /// An output moved aside by a run that died before the new one was in
    /// place, put back.
    pub restored: Option<PathBuf>,
}

/// Cleans up after earlier runs that were killed: removes their staging
/// folders and, if the output is missing while an old copy waits beside
/// it, puts that copy back.
pub fn recover(out: &Path) -> Recovered {
    let name = base_name(out);
    let parent = parent_of(out);
    let mut done = Recovered::default();
    let Ok(entries) = std::fs::read_dir(&parent) else {
        return done;
    };
    let mut olds = Vec::new();
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        if let Some(pid) = staging_pid(&file, &name, ".building-") {
            if !process_alive(pid) && std::fs::remove_dir_all(e.path()).is_ok() {
                done.removed.push(e.path());
            }
        } else if let Some(pid) = staging_pid(&file, &name, ".old-") {
            if !process_alive(pid) {
                olds.push(e.path());
            }
        }
    }
    olds.sort();
    if std::fs::symlink_metadata(out).is_err() {
        if let Some(old) = olds.pop() {
            if std::fs::rename(&old, out).is_ok() {
                done.restored = Some(old);
            }
        }
    }
    for old in olds {
        if remove_any(&old).is_ok() {
            done.removed.push(old);
        }
    }
    done
}

fn remove_any(p: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(p),
        Ok(_) => std::fs::remove_file(p),
        Err(e) => Err(e),
    }
}

/// A temporary folder beside the output, removed on drop unless committed.
pub struct Staging {
    dir: Option<tempfile::TempDir>,
}

impl Staging {
    pub fn new(out: &Path) -> Result<Staging, Error> {
        let parent = parent_of(out);
        std::fs::create_dir_all(&parent).map_err(|e| Error::Io {
            path: parent.display().to_string(),
            reason: format!("cannot create the folder: {e}"),
        })?;
        let dir = tempfile::Builder::new()
            .prefix(&format!(
                ".{}.building-{}-",
                base_name(out),
                std::process::id()
            ))
            .tempdir_in(&parent)
            .map_err(|e| Error::Io {
                path: parent.display().to_string(),
                reason: format!("cannot create a temporary folder: {e}"),
            })?;
        std::fs::write(dir.path().join(MARKER), MARKER_TEXT).map_err(|e| Error::Io {
            path: dir.path().join(MARKER).display().to_string(),
            reason: e.to_string(),
        })?;
        Ok(Staging { dir: Some(dir) })
    }

    pub fn path(&self) -> &Path {
        self.dir.as_ref().map_or(Path::new("."), |d| d.path())
    }

    /// Puts the finished folder at `out` (see the module docs).
    pub fn commit(mut self, out: &Path) -> Result<(), Error> {
        let Some(dir) = self.dir.take() else {
            return Ok(());
        };
        let staged = dir.keep();
        let fail = |e: std::io::Error, what: &str| Error::Io {
            path: out.display().to_string(),
            reason: format!("{what}: {e}"),
        };
        if std::fs::symlink_metadata(out).is_err() {
            return std::fs::rename(&staged, out).map_err(|e| {
                let _ = std::fs::remove_dir_all(&staged);
                fail(e, "cannot move the new output into place")
            });
        }
        match exchange(&staged, out) {
            Ok(()) => {
                // `staged` now holds the previous output.
                let _ = remove_any(&staged);
                Ok(())
            }
            Err(_) => commit_by_moving_aside(&staged, out).map_err(|(e, what)| {
                let _ = std::fs::remove_dir_all(&staged);
                fail(e, what)
            }),
        }
    }
}

/// Swaps two paths atomically.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// The fallback commit: old output aside, new one in, old one removed. A
/// crash between the renames leaves the old output beside the path, where
/// [`recover`] finds it.
fn commit_by_moving_aside(staged: &Path, out: &Path) -> Result<(), (std::io::Error, &'static str)> {
    let aside = parent_of(out).join(format!(".{}.old-{}", base_name(out), std::process::id()));
    std::fs::rename(out, &aside).map_err(|e| (e, "cannot move the previous output aside"))?;
    if let Err(e) = std::fs::rename(staged, out) {
        let _ = std::fs::rename(&aside, out);
        return Err((e, "cannot move the new output into place"));
    }
    let _ = remove_any(&aside);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp() -> tempfile::TempDir {
        tempfile::tempdir().expect("tmp")
    }

    #[test]
    fn an_absent_or_empty_path_is_accepted() {
        let d = tmp();
        let corpus = d.path().join("c");
        std::fs::create_dir(&corpus).expect("dir");
        check(&corpus, &d.path().join("new"), false).expect("absent");
        std::fs::create_dir(d.path().join("empty")).expect("dir");
        check(&corpus, &d.path().join("empty"), false).expect("empty");
    }

    #[test]
    fn a_file_or_a_folder_of_other_files_is_refused_unless_forced() {
        let d = tmp();
        let corpus = d.path().join("c");
        std::fs::create_dir(&corpus).expect("dir");
        std::fs::write(d.path().join("notes.txt"), "mine").expect("write");
        let e = check(&corpus, &d.path().join("notes.txt"), false).expect_err("file");
        assert!(e.to_string().contains("is a file"), "{e}");
        std::fs::create_dir(d.path().join("mine")).expect("dir");
        std::fs::write(d.path().join("mine/thesis.docx"), "x").expect("write");
        let e = check(&corpus, &d.path().join("mine"), false).expect_err("folder");
        assert!(e.to_string().contains("thesis.docx"), "{e}");
        check(&corpus, &d.path().join("mine"), true).expect("forced");
    }

    #[test]
    fn the_corpus_or_a_folder_holding_it_is_refused_even_when_forced() {
        let d = tmp();
        let corpus = d.path().join("c");
        std::fs::create_dir(&corpus).expect("dir");
        for out in [corpus.clone(), d.path().to_path_buf(), corpus.join("..")] {
            let e = check(&corpus, &out, true).expect_err("corpus");
            assert!(e.to_string().contains("corpus"), "{e}");
        }
        check(&corpus, &corpus.join("site"), false).expect("inside the corpus is fine");
    }

    #[test]
    fn a_previous_output_is_accepted() {
        let d = tmp();
        let corpus = d.path().join("c");
        std::fs::create_dir(&corpus).expect("dir");
        let site = d.path().join("site");
        std::fs::create_dir(&site).expect("dir");
        std::fs::write(site.join(MARKER), MARKER_TEXT).expect("marker");
        std::fs::write(site.join("index.html"), "x").expect("page");
        check(&corpus, &site, false).expect("marked");
    }

    #[test]
    fn a_file_as_an_ancestor_is_named() {
        let d = tmp();
        let corpus = d.path().join("c");
        std::fs::create_dir(&corpus).expect("dir");
        std::fs::write(d.path().join("f"), "x").expect("write");
        let e = check(&corpus, &d.path().join("f/site"), false).expect_err("ancestor");
        assert!(e.to_string().contains("is not a folder"), "{e}");
    }

    #[test]
    fn commit_exchanges_and_removes_the_previous_output() {
        let d = tmp();
        let out = d.path().join("site");
        std::fs::create_dir(&out).expect("dir");
        std::fs::write(out.join("old.txt"), "old").expect("write");
        let s = Staging::new(&out).expect("staging");
        std::fs::write(s.path().join("new.txt"), "new").expect("write");
        s.commit(&out).expect("commit");
        assert!(out.join("new.txt").is_file());
        assert!(!out.join("old.txt").exists());
        let left: Vec<_> = std::fs::read_dir(d.path()).expect("ls").flatten().collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }

    #[test]
    fn recover_restores_an_output_moved_aside_and_removes_stale_staging() {
        let d = tmp();
        let out = d.path().join("site");
        // A dead process id: larger than any pid_max.
        let dead = 4_194_999;
        let aside = d.path().join(format!(".site.old-{dead}"));
        std::fs::create_dir(&aside).expect("dir");
        std::fs::write(aside.join("index.html"), "kept").expect("write");
        let stale = d.path().join(format!(".site.building-{dead}-abc"));
        std::fs::create_dir(&stale).expect("dir");
        let mine = d
            .path()
            .join(format!(".site.building-{}-xyz", std::process::id()));
        std::fs::create_dir(&mine).expect("dir");
        let r = recover(&out);
        assert_eq!(r.restored.as_deref(), Some(aside.as_path()));
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).expect("read"),
            "kept"
        );
        assert!(!stale.exists());
        assert!(mine.exists(), "a live run's staging folder stays");
    }

    #[test]
    fn the_fallback_commit_never_loses_the_old_output_on_failure() {
        let d = tmp();
        let out = d.path().join("site");
        std::fs::create_dir(&out).expect("dir");
        std::fs::write(out.join("a"), "old").expect("write");
        let missing = d.path().join("does-not-exist");
        assert!(commit_by_moving_aside(&missing, &out).is_err());
        assert_eq!(std::fs::read_to_string(out.join("a")).expect("read"), "old");
    }
}
