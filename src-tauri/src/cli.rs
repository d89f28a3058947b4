//! The `clientele` command line: with no subcommand it opens the window; with one it works
//! headless on the same replica, for IT, scripts and support. Exit codes: 0 done, 1 failed,
//! 2 bad usage, 3 import refused some rows, 4 check found disagreements, 5 the local database
//! cannot be read with this device's key (`resync` offers a fresh one).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "clientele",
    version,
    about = "Clientele: offline-first customer management"
)]
pub struct Cli {
    /// Folder holding the local database (default: the user's data folder).
    #[arg(long, global = true, env = "CLIENTELE_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// TOML configuration file (default: clientele/config.toml in the user's config folder).
    #[arg(long, global = true, env = "CLIENTELE_CONFIG")]
    pub config: Option<PathBuf>,

    /// Passed by WebKitWebDriver when it starts the app for end-to-end tests; ignored.
    #[arg(long, hide = true)]
    pub automation: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Vcard,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import customers from a CSV file (valid rows are kept; refused rows are listed).
    Import {
        file: PathBuf,
        /// Map a file column to a canonical one: --map "Họ tên=name" (repeatable; "=-" ignores).
        #[arg(long = "map", value_name = "HEADER=COLUMN")]
        map: Vec<String>,
    },
    /// Write every customer to standard output (or --output FILE).
    Export {
        #[arg(long, value_enum, default_value = "csv")]
        format: ExportFormat,
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// The Customers screen's search: accent-insensitive, prefix, phone digits.
    Search {
        text: String,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 80)]
        limit: u32,
    },
    /// List customers with the screen's filters, or count them per group.
    List {
        /// kind=company|individual, archived, mine, favourites, tag=NAME, salesperson=NAME,
        /// country=VN, activity=overdue|today|planned|none, where=FIELD:OPERATOR:VALUE.
        #[arg(long = "filter", value_name = "FILTER")]
        filters: Vec<String>,
        /// salesperson, company, country, tag, kind, language or activity_state.
        #[arg(long)]
        group_by: Option<String>,
        /// name, email, phone, city, country, salesperson, company or updated_at (prefix - to reverse).
        #[arg(long, default_value = "name")]
        sort: String,
        #[arg(long, default_value_t = 80)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Derive the projection again from the documents.
    RebuildProjection,
    /// Verify that every document loads and documents and projection agree.
    Check,
    /// When the local database cannot be read with this device's key: set it aside (kept) and
    /// start a fresh one, which the next sync fills from the server.
    Resync,
    /// Join the team: exchange the one-time enrolment code a manager issued
    /// (`clientele-sync-server enrol USER`) for this device's token, kept in the system keychain.
    Enrol {
        /// The one-time code, e.g. 7K3M-Q9TX-2HBD.
        code: String,
        /// The sync server (default: the configured one; IT's locked one always wins).
        #[arg(long)]
        server: Option<String>,
        /// What the server calls this device (default: the computer's name).
        #[arg(long)]
        device_name: Option<String>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_dir_flag_and_webdriver_flag_parse() {
        let cli =
            Cli::try_parse_from(["clientele", "--data-dir", "/tmp/x", "--automation"]).unwrap();
        assert_eq!(cli.data_dir, Some(PathBuf::from("/tmp/x")));
        assert!(cli.command.is_none());
        assert!(Cli::try_parse_from(["clientele", "--bogus"]).is_err());
    }

    #[test]
    fn subcommands_parse_with_the_global_data_dir_anywhere() {
        let cli = Cli::try_parse_from([
            "clientele",
            "list",
            "--filter",
            "kind=company",
            "--group-by",
            "country",
            "--data-dir",
            "/d",
        ])
        .unwrap();
        assert_eq!(cli.data_dir, Some(PathBuf::from("/d")));
        assert!(
            matches!(cli.command, Some(Command::List { ref filters, .. }) if filters == &["kind=company"])
        );
        let cli = Cli::try_parse_from(["clientele", "export", "--format", "vcard"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Export {
                format: ExportFormat::Vcard,
                ..
            })
        ));
    }
}
