//! Who the token's user is and who the team is (`GET /v1/me`, design.md "Who is who"): the
//! device caches this to show names and offer only what the server will accept.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use clientele_model::team::{Identity, Permissions, TeamMember};

use crate::routes::{authenticate, on_store, ApiError, AppState};
use crate::store::{Member, User};

/// `user`'s identity among `members` (every user on the server): their display name, role and
/// permissions, and the whole team, active or not, sorted by display name.
pub fn identity(user: &User, members: &[Member]) -> Identity {
    let display_name = members
        .iter()
        .find(|m| m.user.name == user.name)
        .map_or_else(|| user.name.clone(), |m| m.display_name.clone());
    let mut team: Vec<TeamMember> = members.iter().map(Member::team_member).collect();
    team.sort_by_cached_key(|m| (m.display_name.to_lowercase(), m.user.clone()));
    Identity {
        user: user.name.clone(),
        display_name,
        role: user.role.into(),
        permissions: Permissions::of(user.role.into(), user.private_addresses),
        team,
    }
}

/// `GET /v1/me`: the bearer token's user and the team.
pub(crate) async fn me(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Identity>, ApiError> {
    let user = authenticate(&state, &headers)?;
    let members = on_store(&state, |store| store.members()).await??;
    Ok(Json(identity(&user, &members)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Role;
    use clientele_model::team::TeamRole;

    fn member(name: &str, display_name: &str, role: Role, disabled: bool) -> Member {
        Member {
            user: User {
                name: name.into(),
                role,
                private_addresses: false,
                disabled,
            },
            display_name: display_name.into(),
        }
    }

    #[test]
    fn the_team_is_sorted_by_display_name_and_keeps_disabled_users_inactive() {
        let members = [
            member("lan", "Trần Thị Lan", Role::Manager, false),
            member("minh", "Lê Văn Minh", Role::Rep, true),
            member("an", "an", Role::Admin, false),
        ];
        let me = identity(&members[0].user, &members);
        assert_eq!(me.display_name, "Trần Thị Lan");
        assert_eq!(me.role, TeamRole::Manager);
        assert_eq!(me.permissions, Permissions::of(TeamRole::Manager, false));
        let names: Vec<(&str, bool)> = me
            .team
            .iter()
            .map(|m| (m.display_name.as_str(), m.active))
            .collect();
        assert_eq!(
            names,
            vec![("an", true), ("Lê Văn Minh", false), ("Trần Thị Lan", true)]
        );
    }
}
