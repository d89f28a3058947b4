//! `cargo xtask bundle`: the desktop app's .deb and .rpm through the Tauri bundler (its CLI from
//! npm, pinned), their updater signatures (minisign, Tauri's updater format) and the update
//! manifest the sync server serves, laid out as a channel folder IT copies into `updates_dir`.
//!
//! The signing key is `TAURI_SIGNING_PRIVATE_KEY` (a key or its file; `..._PASSWORD` if it has
//! one) with its public key in `CLIENTELE_UPDATER_PUBKEY` (or the key file's `.pub` beside it);
//! without them a throwaway key is made once per target folder and announced loudly: updates
//! signed with it install only on builds made with it. The public key is built into the release
//! app (the bundler's `plugins.updater.pubkey`), and every signature is checked against it here.

use anyhow::{bail, Context as _, Result};
use base64::Engine as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::build;
use crate::report::Report;
use crate::setup::{self, Purpose};
use crate::shell::{prints, run, Context};

/// The Tauri CLI the bundler runs: npm's package ships a prebuilt binary (cargo install takes
/// about 12 minutes on two cores). Same minor as the `tauri` crate in Cargo.lock.
const TAURI_CLI_NPM: &str = "@tauri-apps/cli@2.12.5";
const TAURI_CLI_VERSION: &str = "tauri-cli 2.12.5";

/// What to bundle and where its manifest points.
pub struct Options {
    /// Package the debug build `cargo xtask build` made (for tests: seconds instead of a
    /// release build's many minutes). Its binary carries no update key.
    pub debug: bool,
    /// The update channel the manifest is for (`stable` or `beta`).
    pub channel: String,
    /// The sync server devices download from; the manifest's URLs start with it.
    pub server_url: String,
    /// The debug build is already made (by `cargo xtask test`): do not build it again.
    pub prebuilt: bool,
}

/// What the bundler made.
pub struct Bundled {
    pub deb: PathBuf,
    pub rpm: PathBuf,
    /// `latest.json` inside the channel folder that also holds copies of both packages.
    pub manifest: PathBuf,
}

/// The key the artifacts are signed with.
struct SigningKey {
    /// What `TAURI_SIGNING_PRIVATE_KEY` is set to for the bundler (a key or its file).
    private: String,
    password: String,
    /// The public key as Tauri writes it (base64 of minisign's public key file).
    public: String,
    throwaway: bool,
}

/// Builds (or reuses the debug build), bundles, checks the signatures and writes the manifest.
pub fn bundle(ctx: &Context, report: &mut Report, options: &Options) -> Result<Bundled> {
    if !["stable", "beta"].contains(&options.channel.as_str()) {
        bail!("unknown channel {:?}: use stable or beta", options.channel);
    }
    let cli = report.stage("install the Tauri CLI", || ensure_tauri_cli(ctx))?;
    let key = report.stage("updater signing key", || signing_key(ctx, &cli))?;
    let profile = if options.debug { "debug" } else { "release" };
    let bundle_dir = ctx.target.join(profile).join("bundle");
    // Old packages of another version must not be mistaken for this build's.
    for format in ["deb", "rpm"] {
        let dir = bundle_dir.join(format);
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("cannot clear {}", dir.display()))?;
        }
    }
    let config = serde_json::json!({"plugins": {"updater": {"pubkey": key.public}}}).to_string();
    if options.debug {
        if !options.prebuilt {
            build::everything(ctx, report, Purpose::Run)?;
        }
        // Without marking the package type into the binary: that rewrites target/debug's
        // binary in place, which fails while a test runs it, and a debug package has no update
        // key to use the mark with.
        report.stage("bundle the debug build (.deb, .rpm)", || {
            run(tauri(&cli, ctx, &key).args([
                "bundle",
                "--debug",
                "--no-binary-patching",
                "--bundles",
                "deb,rpm",
                "--config",
                &config,
            ]))
        })?;
    } else {
        let tools = report.stage("install missing tools", || setup::ensure(ctx, Purpose::Run))?;
        report.stage("build UI (wasm)", || build::ui(ctx, &tools))?;
        report.stage("release build and bundle (.deb, .rpm)", || {
            run(tauri(&cli, ctx, &key).args(["build", "--bundles", "deb,rpm", "--config", &config]))
        })?;
    }
    let deb = only_file(&bundle_dir.join("deb"), ".deb")?;
    let rpm = only_file(&bundle_dir.join("rpm"), ".rpm")?;
    let manifest = report.stage("check signatures, write the update manifest", || {
        write_channel(&bundle_dir, &[&deb, &rpm], &key, options)
    })?;
    announce(&key, &deb, &rpm, &manifest, options);
    Ok(Bundled { deb, rpm, manifest })
}

/// The Tauri CLI in the tools folder, installed from npm when missing or another version.
fn ensure_tauri_cli(ctx: &Context) -> Result<PathBuf> {
    let prefix = ctx.tools.join("tauri-cli");
    let binary = prefix.join("node_modules/.bin/tauri");
    if prints(&binary, &["--version"], TAURI_CLI_VERSION) {
        println!("xtask: {TAURI_CLI_VERSION} present (npm {TAURI_CLI_NPM})");
        return Ok(binary);
    }
    println!("xtask: installing the Tauri CLI from npm {TAURI_CLI_NPM}");
    setup::npm_install(&prefix, TAURI_CLI_NPM).context("npm could not install the Tauri CLI")?;
    if !prints(&binary, &["--version"], TAURI_CLI_VERSION) {
        bail!("{} does not print {TAURI_CLI_VERSION}", binary.display());
    }
    Ok(binary)
}

/// The CLI, run in the checkout with the signing key in its environment.
fn tauri(cli: &Path, ctx: &Context, key: &SigningKey) -> Command {
    let mut command = Command::new(cli);
    command
        .current_dir(&ctx.root)
        .env("CARGO_TARGET_DIR", &ctx.target)
        .env("CI", "true")
        .env("TAURI_SIGNING_PRIVATE_KEY", &key.private)
        .env("TAURI_SIGNING_PRIVATE_KEY_PASSWORD", &key.password);
    command
}

/// The organisation's key from the environment, else this target folder's throwaway key.
fn signing_key(ctx: &Context, cli: &Path) -> Result<SigningKey> {
    let password = std::env::var("TAURI_SIGNING_PRIVATE_KEY_PASSWORD").unwrap_or_default();
    if let Some(private) = std::env::var("TAURI_SIGNING_PRIVATE_KEY")
        .ok()
        .filter(|k| !k.trim().is_empty())
    {
        let beside = PathBuf::from(format!("{private}.pub"));
        let public = match std::env::var("CLIENTELE_UPDATER_PUBKEY") {
            Ok(public) if !public.trim().is_empty() => public.trim().to_owned(),
            _ if beside.is_file() => std::fs::read_to_string(&beside)?.trim().to_owned(),
            _ => bail!(
                "TAURI_SIGNING_PRIVATE_KEY is set but not its public key: set \
                 CLIENTELE_UPDATER_PUBKEY to the contents of the key's .pub file (the app is \
                 built with it to verify updates)"
            ),
        };
        println!("xtask: signing updates with the key from TAURI_SIGNING_PRIVATE_KEY");
        return Ok(SigningKey {
            private,
            password,
            public,
            throwaway: false,
        });
    }
    let dir = ctx.target.join("updater-throwaway-key");
    let file = dir.join("updater.key");
    let public_file = dir.join("updater.key.pub");
    if !file.is_file() || !public_file.is_file() {
        std::fs::create_dir_all(&dir)?;
        let mut generate = Command::new(cli);
        generate
            .args([
                "signer",
                "generate",
                "--ci",
                "--force",
                "--password",
                "",
                "--write-keys",
            ])
            .arg(&file)
            .stdout(std::process::Stdio::null());
        run(&mut generate).context("`tauri signer generate` failed")?;
    }
    Ok(SigningKey {
        private: file.display().to_string(),
        password: String::new(),
        public: std::fs::read_to_string(&public_file)?.trim().to_owned(),
        throwaway: true,
    })
}

/// The one file in `dir` whose name ends with `suffix`.
fn only_file(dir: &Path, suffix: &str) -> Result<PathBuf> {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("the bundler wrote no {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(suffix))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => bail!(
            "expected one {suffix} in {}, found {}",
            dir.display(),
            found.len()
        ),
    }
}

/// Checks each package's `.sig` against the public key, copies the packages into
/// `bundle/updates/{channel}/` and writes its `latest.json`; returns the manifest's path.
fn write_channel(
    bundle_dir: &Path,
    packages: &[&Path],
    key: &SigningKey,
    options: &Options,
) -> Result<PathBuf> {
    let public = decode_public_key(&key.public)?;
    let folder = bundle_dir.join("updates").join(&options.channel);
    if folder.exists() {
        std::fs::remove_dir_all(&folder)?;
    }
    std::fs::create_dir_all(&folder)?;
    let mut platforms = serde_json::Map::new();
    let mut version = None;
    for package in packages {
        let name = package
            .file_name()
            .and_then(|n| n.to_str())
            .context("a package name that is not UTF-8")?;
        let signature_file = PathBuf::from(format!("{}.sig", package.display()));
        let signature = std::fs::read_to_string(&signature_file).with_context(|| {
            format!(
                "the bundler wrote no updater signature {}",
                signature_file.display()
            )
        })?;
        let bytes = std::fs::read(package)?;
        let signed_version = verify(&public, &bytes, signature.trim())
            .with_context(|| format!("{name}'s signature does not verify with the public key"))?;
        version.get_or_insert(signed_version);
        let installer = if name.ends_with(".deb") { "deb" } else { "rpm" };
        let arch = std::env::consts::ARCH;
        platforms.insert(
            format!("linux-{arch}-{installer}"),
            serde_json::json!({
                "signature": signature.trim(),
                "url": format!(
                    "{}/v1/updates/files/{}/{name}",
                    options.server_url.trim_end_matches('/'),
                    options.channel
                ),
            }),
        );
        std::fs::copy(package, folder.join(name))?;
    }
    let version = version.context("no package to publish")?;
    let manifest = serde_json::json!({
        "version": version,
        "notes": format!("Clientele {version}"),
        "pub_date": rfc3339_now(),
        "platforms": platforms,
    });
    let path = folder.join("latest.json");
    std::fs::write(&path, serde_json::to_string_pretty(&manifest)? + "\n")?;
    Ok(path)
}

fn decode_public_key(public: &str) -> Result<minisign_verify::PublicKey> {
    let text = base64::engine::general_purpose::STANDARD
        .decode(public.trim())
        .context("the updater public key is not base64 (use the .pub file's contents)")?;
    let text = String::from_utf8(text).context("the updater public key is not text")?;
    minisign_verify::PublicKey::decode(&text)
        .map_err(|e| anyhow::anyhow!("the updater public key cannot be read: {e}"))
}

/// Verifies a Tauri signature (base64 of a minisign signature file) of `bytes`; returns the
/// version its trusted comment binds.
fn verify(public: &minisign_verify::PublicKey, bytes: &[u8], signature: &str) -> Result<String> {
    let text = base64::engine::general_purpose::STANDARD.decode(signature)?;
    let signature = minisign_verify::Signature::decode(&String::from_utf8(text)?)
        .map_err(|e| anyhow::anyhow!("unreadable signature: {e}"))?;
    public
        .verify(bytes, &signature, true)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    signature
        .trusted_comment()
        .split('\t')
        .find_map(|field| field.strip_prefix("version:"))
        .map(str::to_owned)
        .context("the signature binds no version (trusted comment without `version:`)")
}

/// Now as RFC 3339 UTC, e.g. `2026-11-28T13:05:00Z` (the manifest's `pub_date`).
fn rfc3339_now() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rest) = ((seconds / 86_400) as i64, seconds % 86_400);
    // Days to civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3_600,
        rest % 3_600 / 60,
        rest % 60
    )
}

fn announce(key: &SigningKey, deb: &Path, rpm: &Path, manifest: &Path, options: &Options) {
    println!("\nxtask: packages");
    println!("  deb:      {}", deb.display());
    println!("  rpm:      {}", rpm.display());
    println!("  signed:   {}.sig, {}.sig", deb.display(), rpm.display());
    println!("  manifest: {}", manifest.display());
    println!(
        "  publish: copy the folder {} into the sync server's updates_dir (as {}/; its URLs start with {})",
        manifest
            .parent()
            .map(Path::display)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        options.channel,
        options.server_url
    );
    if options.debug {
        println!("  (debug build, for tests: no built-in update key, no package-type mark)");
    }
    if key.throwaway {
        let line = "!".repeat(78);
        println!("\n{line}");
        println!("!! SIGNED WITH A THROWAWAY KEY ({})", key.private);
        println!("!! Made on this machine for local builds and tests. Apps built with it accept");
        println!("!! only updates signed with it. For a release set TAURI_SIGNING_PRIVATE_KEY");
        println!("!! (and _PASSWORD) and CLIENTELE_UPDATER_PUBKEY to the organisation's key.");
        println!("{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pub_date_is_rfc3339_utc() {
        let now = rfc3339_now();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.starts_with("20") && now.ends_with('Z') && now.as_bytes()[10] == b'T');
    }

    #[test]
    fn a_tauri_signature_verifies_and_binds_its_version_and_one_changed_byte_does_not() {
        // Made with `tauri signer generate` and `tauri signer sign --app-version 0.2.0`.
        let public = decode_public_key(TEST_PUBLIC).unwrap();
        assert_eq!(
            verify(&public, b"clientele\n", TEST_SIGNATURE).unwrap(),
            "0.2.0"
        );
        assert!(verify(&public, b"clientelf\n", TEST_SIGNATURE).is_err());
    }

    const TEST_PUBLIC: &str = include_str!("../testdata/updater-test.pub");
    const TEST_SIGNATURE: &str = include_str!("../testdata/updater-test.sig");
}
