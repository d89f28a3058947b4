//! Enrolment: a manager issues a one-time code for a user (`clientele-sync-server enrol USER`),
//! and a new device exchanges it for a token of its own (`POST /v1/enrol`), so nobody copies a
//! long token by hand or shares one between laptops. Codes are short enough to read out over
//! the phone, expire (24 h by default), work once, and are stored hashed like tokens.

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use clientele_model::sync::{EnrolRequest, EnrolResponse};
use std::time::Duration;

use crate::routes::{on_store, ApiError, AppState};
use crate::store::{sha256, StoreError};

/// How long a code works when the manager does not say.
pub const DEFAULT_VALIDITY: Duration = Duration::from_secs(24 * 3600);

/// Letters of a code: Crockford's base32 (no I, L, O, U), read aloud without confusion.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters of a code (60 bits), shown in groups of four.
const CODE_CHARS: usize = 12;
/// Longest device name kept.
const MAX_DEVICE_NAME: usize = 100;

/// A fresh code, e.g. `7K3M-Q9TX-2HBD`.
pub fn new_code() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; CODE_CHARS];
    getrandom::fill(&mut bytes)?;
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| ALPHABET[usize::from(b % 32)] as char)
        .collect();
    Ok(chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

/// A code as typed, reduced to what identifies it: upper case, no spaces or dashes, and the
/// letters Crockford reads as digits (O as 0, I and L as 1).
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// What the store keeps of a code.
pub fn code_hash(typed: &str) -> Vec<u8> {
    sha256(normalise_code(typed).as_bytes())
}

/// A fresh device token (64 hex digits): what `token issue` prints and enrolment hands out.
pub fn new_token() -> Result<String, getrandom::Error> {
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret)?;
    Ok(secret.iter().map(|b| format!("{b:02x}")).collect())
}

/// Seconds since the Unix epoch.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A validity such as `24h`, `30m`, `7d` or `90s` (`0s` makes a code that has already expired).
pub fn parse_validity(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let bad = || format!("{text:?} is not a validity: write a number and s, m, h or d, e.g. 24h");
    let number: u64 = number.parse().map_err(|_| bad())?;
    let seconds = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(bad()),
    };
    number
        .checked_mul(seconds)
        .filter(|s| *s <= 365 * 86_400)
        .map(Duration::from_secs)
        .ok_or_else(|| format!("{text:?} is too long: a code may work for a year at most"))
}

/// The refusal a device sees for a code the store turned down.
fn refusal(error: StoreError) -> ApiError {
    let (status, code) = match &error {
        StoreError::EnrolmentCodeUnknown => (StatusCode::NOT_FOUND, "enrolment_code_unknown"),
        StoreError::EnrolmentCodeUsed => (StatusCode::GONE, "enrolment_code_used"),
        StoreError::EnrolmentCodeExpired => (StatusCode::GONE, "enrolment_code_expired"),
        StoreError::UserDisabled(_) => (StatusCode::FORBIDDEN, "user_disabled"),
        _ => return ApiError::from(error),
    };
    ApiError(status, code, error.to_string())
}

/// `POST /v1/enrol`: the code's user gets a new token for this device. No bearer token: the
/// code is the credential.
pub(crate) async fn enrol(
    State(state): State<AppState>,
    body: Result<Json<EnrolRequest>, JsonRejection>,
) -> Result<Json<EnrolResponse>, ApiError> {
    let Json(request) = body.map_err(|e| {
        ApiError(
            StatusCode::BAD_REQUEST,
            "malformed",
            format!(
                "send {{\"code\": \"...\", \"device_name\": \"...\"}}: {}",
                e.body_text()
            ),
        )
    })?;
    if normalise_code(&request.code).is_empty() {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            "enrolment_code_missing",
            "type the enrolment code your manager gave you".into(),
        ));
    }
    let device_name = request.device_name.trim();
    if device_name.chars().count() > MAX_DEVICE_NAME {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            "device_name_too_long",
            format!("a device name has at most {MAX_DEVICE_NAME} characters"),
        ));
    }
    let device_name = if device_name.is_empty() {
        "enrolled device".to_owned()
    } else {
        device_name.to_owned()
    };
    let token = new_token().map_err(|e| {
        ApiError(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("no randomness for a token: {e}"),
        )
    })?;
    let (hash, token_hash) = (code_hash(&request.code), sha256(token.as_bytes()));
    let label = device_name.clone();
    let user = on_store(&state, move |store| {
        let user = store.redeem_enrolment_code(&hash, unix_now(), &token_hash, &label)?;
        let display_name = store
            .members()?
            .into_iter()
            .find(|m| m.user.name == user.name)
            .map_or_else(|| user.name.clone(), |m| m.display_name);
        Ok((user, display_name))
    })
    .await?
    .map_err(refusal)?;
    let (user, display_name) = user;
    tracing::info!(user = %user.name, device = %device_name, "device enrolled");
    Ok(Json(EnrolResponse {
        token,
        user: user.name,
        display_name,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_grouped_and_typed_loosely() {
        let code = new_code().unwrap();
        assert_eq!(code.len(), 14, "{code}");
        assert_eq!(code.matches('-').count(), 2, "{code}");
        let typed = format!(" {} ", code.to_lowercase().replace('-', " "));
        assert_eq!(code_hash(&typed), code_hash(&code));
        assert_eq!(normalise_code("ab-oI l"), "AB011");
        assert_ne!(new_code().unwrap(), code);
    }

    #[test]
    fn validities_name_their_unit() {
        assert_eq!(parse_validity("24h"), Ok(Duration::from_secs(86_400)));
        assert_eq!(parse_validity("30m"), Ok(Duration::from_secs(1_800)));
        assert_eq!(parse_validity("0s"), Ok(Duration::ZERO));
        assert!(parse_validity("24").unwrap_err().contains("e.g. 24h"));
        assert!(parse_validity("h").is_err());
        assert!(parse_validity("400d").unwrap_err().contains("a year"));
    }
}
