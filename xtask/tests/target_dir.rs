//! What xtask writes outside the checkout (the Prism log) goes to the real
//! target directory, wherever `CARGO_TARGET_DIR` puts it, created when
//! missing. One test per process: it sets an environment variable.

use xtask::{scratch_dir, workspace_root};

#[test]
fn scratch_files_go_to_a_target_directory_outside_the_checkout() {
    let root = workspace_root().unwrap();
    let outside = std::env::temp_dir().join(format!("xtask-outside-target-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&outside);
    // SAFETY: this test binary runs this one test, on one thread, and no
    // other thread reads the environment meanwhile.
    unsafe { std::env::set_var("CARGO_TARGET_DIR", &outside) };
    let dir = scratch_dir(&root).unwrap();
    assert_eq!(dir, outside.join("xtask"));
    assert!(dir.is_dir(), "{} was not created", dir.display());
    assert!(!dir.starts_with(&root));
    std::fs::remove_dir_all(&outside).unwrap();
}
