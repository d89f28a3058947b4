//! The desktop binary's command line.

use clap::Parser;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "clientele",
    version,
    about = "Clientele: offline-first customer management"
)]
pub struct Cli {
    /// Folder holding the local database (default: the user's data folder).
    #[arg(long, env = "CLIENTELE_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// TOML configuration file (default: clientele/config.toml in the user's config folder).
    #[arg(long, env = "CLIENTELE_CONFIG")]
    pub config: Option<PathBuf>,

    /// Passed by WebKitWebDriver when it starts the app for end-to-end tests; ignored.
    #[arg(long, hide = true)]
    pub automation: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_dir_flag_and_webdriver_flag_parse() {
        let cli =
            Cli::try_parse_from(["clientele", "--data-dir", "/tmp/x", "--automation"]).unwrap();
        assert_eq!(cli.data_dir, Some(PathBuf::from("/tmp/x")));
        assert!(Cli::try_parse_from(["clientele", "--bogus"]).is_err());
    }
}
