//! Who this device's user is and who the team is, as the sync server last said (`GET /v1/me`),
//! cached so the device knows them offline: the session's user and permissions come from it,
//! and the team directory names the salespeople and assignees on every screen.

use clientele_model::team::{Identity, TeamMember, TeamRole};
use rusqlite::params;

use crate::session::Session;
use crate::store::{now, Replica};
use crate::ReplicaError;

/// How old a cached identity may be before a sync round asks again, in seconds.
const IDENTITY_MAX_AGE_SECONDS: i64 = 3600;

impl Replica {
    /// The identity the server last gave this device, if any.
    pub fn identity(&self) -> Result<Option<Identity>, ReplicaError> {
        match self.meta("identity")? {
            Some(json) => serde_json::from_str(&json).map(Some).map_err(|e| {
                ReplicaError::Document {
                    id: "identity".into(),
                    reason: format!("the cached identity is unreadable ({e}); it is asked again at the next sync"),
                }
            }),
            None => Ok(None),
        }
    }

    /// Whether a sync round should ask the server who this device's user is.
    pub(crate) fn identity_due(&self) -> Result<bool, ReplicaError> {
        let Some(at) = self.meta("identity_at")? else {
            return Ok(true);
        };
        let age = chrono::DateTime::parse_from_rfc3339(&at)
            .map(|at| chrono::Utc::now().signed_duration_since(at).num_seconds())
            .unwrap_or(i64::MAX);
        Ok(!(0..IDENTITY_MAX_AGE_SECONDS).contains(&age))
    }

    /// Keeps what the server said: the identity, the team directory, and the session that
    /// follows from them (the token's user, their permissions). Subscribers hear of the
    /// settings changing when the user or the team did, so screens reload their pickers.
    pub fn set_identity(&mut self, identity: &Identity) -> Result<(), ReplicaError> {
        let json = serde_json::to_string(identity).map_err(|e| ReplicaError::Document {
            id: "identity".into(),
            reason: e.to_string(),
        })?;
        let changed = self.meta("identity")?.as_deref() != Some(json.as_str());
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM team_members", [])?;
        for member in &identity.team {
            tx.prepare_cached(
                "INSERT OR REPLACE INTO team_members (user, display_name, role, active)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                member.user,
                display_name(member),
                member.role.as_str(),
                member.active
            ])?;
        }
        for (key, value) in [("identity", json), ("identity_at", now())] {
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                params![key, value],
            )?;
        }
        tx.commit()?;
        self.set_session(Session::from_identity(identity));
        if changed {
            tracing::info!(user = %identity.user, role = identity.role.as_str(), team = identity.team.len(), "identity from the server");
            self.notify(
                crate::session::ChangeOrigin::Sync,
                vec![crate::settings::SETTINGS_ID.to_owned()],
            );
        }
        Ok(())
    }

    /// The team directory: the server's when this device knows it (disabled members too, to
    /// name old records), else the local team list kept in the workspace settings.
    pub fn team(&self) -> Result<Vec<TeamMember>, ReplicaError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT t.id, t.name, coalesce(m.role, 'rep'), t.active
             FROM salespeople t LEFT JOIN team_members m ON m.user = t.id
             ORDER BY t.name, t.id",
        )?;
        let rows = statement.query_map([], |r| {
            let role: String = r.get(2)?;
            Ok(TeamMember {
                user: r.get(0)?,
                display_name: r.get(1)?,
                role: match role.as_str() {
                    "admin" => TeamRole::Admin,
                    "manager" => TeamRole::Manager,
                    _ => TeamRole::Rep,
                },
                active: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Replica {
    /// Whom the pickers offer as salesperson or assignee: the active team members, by name.
    pub fn salespeople(
        &self,
    ) -> Result<Vec<clientele_model::commands::ReferenceItem>, ReplicaError> {
        Ok(self
            .team()?
            .into_iter()
            .filter(|member| member.active)
            .zip(1..)
            .map(
                |(member, position)| clientele_model::commands::ReferenceItem {
                    id: member.user,
                    name: member.display_name,
                    position,
                    ..Default::default()
                },
            )
            .collect())
    }
}

/// The name people read: the display name, or the login when the server gave none.
fn display_name(member: &TeamMember) -> &str {
    if member.display_name.trim().is_empty() {
        &member.user
    } else {
        &member.display_name
    }
}
