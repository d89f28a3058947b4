//! The architecture's dependency rules, checked on `cargo metadata` so they hold by the build,
//! not by discipline: only `replica` and `sync-server` use SQLite, only they touch Automerge,
//! only the desktop package uses Tauri, and `model` and `ui` use nothing that does IO.

use anyhow::{bail, Context as _, Result};
use serde_json::Value;

use crate::shell::Context;

/// A crate that only the listed workspace packages may depend on directly.
struct OnlyIn {
    dependency: &'static str,
    allowed_in: &'static [&'static str],
    /// Packages that may have it for their tests and benchmarks only (a dev-dependency).
    dev_only_in: &'static [&'static str],
    why: &'static str,
}

const ONLY_IN: &[OnlyIn] = &[
    OnlyIn {
        dependency: "rusqlite",
        allowed_in: &["clientele-replica", "clientele-sync-server"],
        dev_only_in: &[],
        why: "only replica opens the local SQLite file (and the server its own store)",
    },
    OnlyIn {
        dependency: "rusqlite_migration",
        allowed_in: &["clientele-replica", "clientele-sync-server"],
        dev_only_in: &[],
        why: "migrations belong to the crates that own a SQLite schema",
    },
    OnlyIn {
        dependency: "automerge",
        allowed_in: &[
            "clientele-replica",
            "clientele-schema",
            "clientele-sync-server",
        ],
        dev_only_in: &[],
        why: "only replica, the shared schema and sync-server touch Automerge documents",
    },
    OnlyIn {
        dependency: "clientele-replica",
        allowed_in: &["clientele", "clientele-tests", "clientele-test-support"],
        dev_only_in: &["clientele-sync-server"],
        why: "the server shares the document schema (clientele-schema), not the replica; \
              its tests may use a replica as a device",
    },
    OnlyIn {
        dependency: "tauri",
        allowed_in: &["clientele"],
        dev_only_in: &[],
        why: "the desktop shell is the root package; libraries know nothing of Tauri",
    },
    OnlyIn {
        dependency: "tauri-build",
        allowed_in: &["clientele"],
        dev_only_in: &[],
        why: "the desktop shell is the root package",
    },
];

/// Packages that may depend on the listed crates and nothing else: no IO in them.
struct OnlyFrom {
    package: &'static str,
    allowed: &'static [&'static str],
    /// Crates its tests may use on native targets only (a dev-dependency under
    /// `[target.'cfg(not(target_arch = "wasm32"))'.dev-dependencies]`), never in the wasm build.
    native_tests_only: &'static [&'static str],
    why: &'static str,
}

/// The target a native-only test dependency is declared under.
const NATIVE_ONLY: &str = "cfg(not(target_arch = \"wasm32\"))";

const ONLY_FROM: &[OnlyFrom] = &[
    OnlyFrom {
        package: "clientele-model",
        allowed: &[
            "serde",
            "serde_json",
            "thiserror",
            "email_address",
            "unicode-normalization",
            "phonenumber",
            "url",
            "rust_iso3166",
        ],
        // Property tests of the sales rules; proptest does not build for wasm32.
        native_tests_only: &["proptest"],
        why: "model is IO-free and compiles for wasm32",
    },
    OnlyFrom {
        package: "clientele-ui",
        allowed: &[
            "clientele-model",
            "serde",
            "yew",
            "wasm-bindgen",
            "wasm-bindgen-futures",
            "wasm-bindgen-test",
            "serde-wasm-bindgen",
            "js-sys",
            "web-sys",
        ],
        native_tests_only: &[],
        why: "ui depends on model and Yew/web-sys only; it reaches data through the shell",
    },
];

/// Checks the workspace's manifests; fails naming every broken rule.
pub fn check(ctx: &Context) -> Result<()> {
    let output = ctx
        .cargo()
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .output()
        .context("cannot run cargo metadata")?;
    if !output.status.success() {
        bail!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let metadata: Value =
        serde_json::from_slice(&output.stdout).context("cargo metadata printed no JSON")?;
    let broken = broken_rules(&metadata);
    if broken.is_empty() {
        println!("xtask: every crate depends only on what it may");
        return Ok(());
    }
    for rule in &broken {
        println!("xtask: boundary broken: {rule}");
    }
    bail!("{} dependency rule(s) broken", broken.len())
}

/// Every broken rule in `metadata` (cargo metadata's JSON), one sentence each.
pub fn broken_rules(metadata: &Value) -> Vec<String> {
    let mut broken = Vec::new();
    let packages = metadata["packages"].as_array().cloned().unwrap_or_default();
    for package in &packages {
        let name = package["name"].as_str().unwrap_or_default();
        let dependencies = package["dependencies"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for dependency in &dependencies {
            let dep = dependency["name"].as_str().unwrap_or_default();
            let kind = dependency["kind"].as_str().unwrap_or("normal");
            let as_dev = kind == "dev";
            if let Some(rule) = ONLY_IN.iter().find(|r| {
                r.dependency == dep
                    && !r.allowed_in.contains(&name)
                    && !(as_dev && r.dev_only_in.contains(&name))
            }) {
                broken.push(format!(
                    "{name} depends on {dep} ({kind}): {}; allowed in {}",
                    rule.why,
                    rule.allowed_in.join(", ")
                ));
            }
            let native_test = as_dev && dependency["target"].as_str() == Some(NATIVE_ONLY);
            if let Some(rule) = ONLY_FROM.iter().find(|r| {
                r.package == name
                    && !r.allowed.contains(&dep)
                    && !(native_test && r.native_tests_only.contains(&dep))
            }) {
                broken.push(format!(
                    "{name} depends on {dep} ({kind}): {}; it may use {}",
                    rule.why,
                    rule.allowed.join(", ")
                ));
            }
        }
    }
    broken
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace_metadata() -> Value {
        let ctx = Context::discover().unwrap();
        let output = ctx
            .cargo()
            .args([
                "metadata",
                "--format-version",
                "1",
                "--no-deps",
                "--offline",
            ])
            .output()
            .unwrap();
        assert!(output.status.success());
        serde_json::from_slice(&output.stdout).unwrap()
    }

    /// Adds a dependency on `dependency` to `package` in the metadata, as a manifest would.
    fn add_dependency(metadata: &mut Value, package: &str, dependency: &str) {
        let packages = metadata["packages"].as_array_mut().unwrap();
        let target = packages
            .iter_mut()
            .find(|p| p["name"] == package)
            .unwrap_or_else(|| panic!("{package} is a workspace member"));
        target["dependencies"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"name": dependency, "kind": null}));
    }

    #[test]
    fn the_workspace_keeps_its_boundaries() {
        assert_eq!(broken_rules(&workspace_metadata()), Vec::<String>::new());
    }

    #[test]
    fn rusqlite_in_ui_breaks_two_rules() {
        let mut metadata = workspace_metadata();
        add_dependency(&mut metadata, "clientele-ui", "rusqlite");
        let broken = broken_rules(&metadata);
        assert_eq!(broken.len(), 2, "{broken:?}");
        assert!(broken[0].starts_with("clientele-ui depends on rusqlite"));
    }

    #[test]
    fn automerge_outside_replica_and_server_is_refused() {
        let mut metadata = workspace_metadata();
        add_dependency(&mut metadata, "clientele-tests", "automerge");
        add_dependency(&mut metadata, "clientele", "automerge");
        assert_eq!(broken_rules(&metadata).len(), 2);
    }

    #[test]
    fn the_server_uses_the_replica_only_in_its_tests() {
        let mut metadata = workspace_metadata();
        add_dependency(&mut metadata, "clientele-sync-server", "clientele-replica");
        let broken = broken_rules(&metadata);
        assert_eq!(broken.len(), 1, "{broken:?}");
        assert!(broken[0].contains("not the replica"));
    }

    #[test]
    fn tauri_outside_the_desktop_package_is_refused() {
        let mut metadata = workspace_metadata();
        add_dependency(&mut metadata, "clientele-replica", "tauri");
        let broken = broken_rules(&metadata);
        assert_eq!(broken.len(), 1, "{broken:?}");
        assert!(broken[0].contains("libraries know nothing of Tauri"));
    }
}

#[cfg(test)]
mod native_test_tests {
    use super::*;

    /// The model with one dependency on `proptest` of `kind`, declared for `target`.
    fn model_with_proptest(kind: &str, target: Option<&str>) -> Value {
        serde_json::json!({"packages": [{
            "name": "clientele-model",
            "dependencies": [{"name": "proptest", "kind": kind, "target": target}],
        }]})
    }

    #[test]
    fn proptest_is_allowed_in_the_models_native_tests_only() {
        assert!(broken_rules(&model_with_proptest("dev", Some(NATIVE_ONLY))).is_empty());
        for (kind, target) in [
            ("dev", None),
            ("normal", Some(NATIVE_ONLY)),
            ("normal", None),
        ] {
            let broken = broken_rules(&model_with_proptest(kind, target));
            assert_eq!(broken.len(), 1, "{kind} {target:?}: {broken:?}");
            assert!(broken[0].contains("clientele-model depends on proptest"));
        }
    }
}
