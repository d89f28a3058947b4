//! The packages `cargo xtask bundle` makes, as IT receives them: the .deb unpacked with
//! dpkg-deb (control fields, desktop entry, icons), its packaged binary run headless
//! (`--version`, import and search), the .rpm and the update manifest beside them.
//!
//! Ignored by plain `cargo test`: it needs the packages. `cargo xtask test` bundles the debug
//! build and runs it with `CLIENTELE_DEB`, `CLIENTELE_RPM` and `CLIENTELE_UPDATE_MANIFEST` set
//! (`cargo xtask bundle --debug` prints the same paths).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn artifact(variable: &str) -> PathBuf {
    let path = std::env::var_os(variable).map(PathBuf::from).unwrap_or_else(|| {
        panic!("{variable} is not set: run `cargo xtask bundle --debug` and set it to the path it prints (cargo xtask test does)")
    });
    assert!(path.is_file(), "{} does not exist", path.display());
    path
}

fn run(command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The field `name` of a control file.
fn field<'a>(control: &'a str, name: &str) -> &'a str {
    control
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("the control file has no {name}:\n{control}"))
}

/// The packaged binary, headless, on its own data folder and with no user or managed file.
fn packaged(root: &Path, home: &Path, args: &[&str]) -> Output {
    run(Command::new(root.join("usr/bin/clientele"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("CLIENTELE_MANAGED_CONFIG", home.join("no-managed.toml"))
        .env("CLIENTELE_USER", "lan"))
}

#[test]
#[ignore = "needs the packages: cargo xtask test bundles them first"]
fn the_deb_carries_version_description_dependencies_desktop_entry_icon_and_a_working_binary() {
    let deb = artifact("CLIENTELE_DEB");
    let control = text(&run(Command::new("dpkg-deb").arg("--field").arg(&deb)));
    assert_eq!(field(&control, "Package"), "clientele");
    assert_eq!(field(&control, "Version"), VERSION);
    assert!(
        field(&control, "Description").contains("customer management"),
        "{control}"
    );
    let depends = field(&control, "Depends");
    for needed in ["libwebkit2gtk-4.1-0", "libgtk-3-0", "libssl3"] {
        assert!(
            depends.contains(needed),
            "Depends lacks {needed}: {depends}"
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root");
    run(Command::new("dpkg-deb").arg("-x").arg(&deb).arg(&root));
    let entry = std::fs::read_to_string(root.join("usr/share/applications/Clientele.desktop"))
        .expect("the package has a desktop entry");
    for line in [
        "Exec=clientele",
        "Icon=clientele",
        "Name=Clientele",
        "Type=Application",
    ] {
        assert!(entry.lines().any(|l| l == line), "{line} missing:\n{entry}");
    }
    let icon = root.join("usr/share/icons/hicolor/128x128/apps/clientele.png");
    assert!(
        std::fs::read(&icon).unwrap().starts_with(b"\x89PNG"),
        "{}",
        icon.display()
    );

    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let version = text(&packaged(&root, &home, &["--version"]));
    assert_eq!(version.trim(), format!("clientele {VERSION}"));

    let data = dir.path().join("data");
    let csv = dir.path().join("customers.csv");
    std::fs::write(
        &csv,
        "name,company,city,country,mobile\nNguyễn Thị Đào,Công ty Đông Á,Hồ Chí Minh,VN,0903 123 456\n",
    )
    .unwrap();
    let data_flag = data.to_str().unwrap();
    let import = packaged(
        &root,
        &home,
        &["--data-dir", data_flag, "import", csv.to_str().unwrap()],
    );
    assert!(text(&import).contains("imported 1 customer"), "{import:?}");
    let search = packaged(
        &root,
        &home,
        &["--data-dir", data_flag, "search", "nguyen dao", "--json"],
    );
    let page: serde_json::Value = serde_json::from_slice(&search.stdout).unwrap();
    assert_eq!(page["total"], 1, "{page}");
    assert_eq!(page["rows"][0]["name"], "Nguyễn Thị Đào");
}

#[test]
#[ignore = "needs the packages: cargo xtask test bundles them first"]
fn the_rpm_and_the_update_manifest_name_signed_packages_of_this_version() {
    let rpm = artifact("CLIENTELE_RPM");
    // An RPM lead starts with its magic number.
    assert!(std::fs::read(&rpm)
        .unwrap()
        .starts_with(&[0xED, 0xAB, 0xEE, 0xDB]));
    let manifest_path = artifact("CLIENTELE_UPDATE_MANIFEST");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest_path).unwrap()).unwrap();
    assert_eq!(manifest["version"], VERSION);
    let folder = manifest_path.parent().unwrap();
    let channel = folder.file_name().unwrap().to_str().unwrap();
    let arch = std::env::consts::ARCH;
    for (installer, package) in [("deb", artifact("CLIENTELE_DEB")), ("rpm", rpm.clone())] {
        let build = &manifest["platforms"][format!("linux-{arch}-{installer}")];
        let name = package.file_name().unwrap().to_str().unwrap();
        let url = build["url"].as_str().expect("a url");
        assert!(
            url.ends_with(&format!("/v1/updates/files/{channel}/{name}")),
            "{url}"
        );
        // The signature the bundler wrote, and the package beside the manifest for the server.
        let signature = std::fs::read_to_string(format!("{}.sig", package.display())).unwrap();
        assert_eq!(build["signature"].as_str(), Some(signature.trim()));
        assert_eq!(
            std::fs::read(folder.join(name)).unwrap(),
            std::fs::read(&package).unwrap()
        );
    }
}
