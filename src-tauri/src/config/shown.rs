//! The managed settings as the Settings screen shows them: each key IT locked with the value it
//! gives this device, so the UI lists them read-only without knowing the configuration's types.

use clientele_model::commands::ManagedSetting;

use super::AppConfig;

impl AppConfig {
    /// The locked settings and their values, in the order the managed file's `locked` lists
    /// them (sorted); a key this version does not show is left out.
    pub fn managed_settings(&self) -> Vec<ManagedSetting> {
        let flag = |value: Option<bool>| value.map(|on| on.to_string());
        self.managed
            .iter()
            .filter_map(|key| {
                let value = match key.as_str() {
                    "sync_server" => self.sync_server.clone(),
                    "update_channel" => self.update_channel.map(|c| c.as_str().to_owned()),
                    "updates" => flag(self.updates),
                    "cache_private_addresses" => flag(self.cache_private_addresses),
                    _ => return None,
                };
                Some(ManagedSetting {
                    key: key.clone(),
                    value,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locked_settings_are_shown_with_their_values() {
        let config = AppConfig {
            sync_server: Some("https://sync.example.vn".into()),
            update_channel: Some(super::super::UpdateChannel::Beta),
            cache_private_addresses: Some(false),
            managed: vec![
                "cache_private_addresses".into(),
                "sync_server".into(),
                "update_channel".into(),
                "updates".into(),
            ],
            ..AppConfig::default()
        };
        let shown: Vec<(String, Option<String>)> = config
            .managed_settings()
            .into_iter()
            .map(|s| (s.key, s.value))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("cache_private_addresses".into(), Some("false".into())),
                ("sync_server".into(), Some("https://sync.example.vn".into())),
                ("update_channel".into(), Some("beta".into())),
                // Locked but left unset by the managed file.
                ("updates".into(), None),
            ]
        );
        assert!(AppConfig::default().managed_settings().is_empty());
    }
}
