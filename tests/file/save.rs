//! Saving never loses the previous file.

use std::fs;

use archcanvas::file::{self, SaveError, SaveOptions};

use super::root;

fn shop() -> archcanvas::model::Architecture {
    file::load(&root().join("examples/shop.ron")).unwrap()
}

#[cfg(unix)]
fn chmod(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn saving_into_a_read_only_folder_fails_and_leaves_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ro");
    fs::create_dir(&folder).unwrap();
    let path = folder.join("m.ron");
    fs::write(&path, "original bytes").unwrap();
    chmod(&folder, 0o555);
    let result = file::save(&path, &shop(), SaveOptions::default());
    chmod(&folder, 0o755);
    let e = result.unwrap_err();
    assert!(matches!(e, SaveError::ReadOnlyFolder { .. }), "{e}");
    assert!(e.to_string().contains("read-only"), "{e}");
    assert_eq!(fs::read(&path).unwrap(), b"original bytes");
    assert_eq!(fs::read_dir(&folder).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn saving_over_a_read_only_file_fails_and_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    fs::write(&path, "original bytes").unwrap();
    chmod(&path, 0o444);
    let e = file::save(&path, &shop(), SaveOptions::default()).unwrap_err();
    assert!(matches!(e, SaveError::ReadOnlyFile { .. }), "{e}");
    assert_eq!(fs::read(&path).unwrap(), b"original bytes");
}

#[test]
fn saving_into_a_missing_folder_fails_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("m.ron");
    let e = file::save(&path, &shop(), SaveOptions::default()).unwrap_err();
    assert!(e.to_string().contains("does not exist"), "{e}");
    assert!(!dir.path().join("missing").exists());
}

#[test]
fn save_keeps_a_backup_and_the_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let mut arch = shop();
    file::save(&path, &arch, SaveOptions::default()).unwrap();
    assert!(
        !dir.path().join("m.ron.bak").exists(),
        "nothing to back up the first time"
    );
    let first = fs::read(&path).unwrap();
    #[cfg(unix)]
    chmod(&path, 0o640);
    arch.name = "Shop, renamed".into();
    file::save(&path, &arch, SaveOptions::default()).unwrap();
    assert_eq!(fs::read(dir.path().join("m.ron.bak")).unwrap(), first);
    assert_eq!(file::load(&path).unwrap().name, "Shop, renamed");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_writes_the_linked_file() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.ron");
    let link = dir.path().join("link.ron");
    file::save(&real, &shop(), SaveOptions::default()).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let mut arch = shop();
    arch.name = "Through the link".into();
    file::save(&link, &arch, SaveOptions::default()).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(file::load(&real).unwrap().name, "Through the link");
}
