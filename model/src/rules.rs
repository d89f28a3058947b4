//! Rules for contact data as reps type it: search folding, phone numbers (E.164), emails,
//! websites and Vietnamese tax IDs (mã số thuế). Each refusal says how to fix the input and
//! carries a stable `code()` for the UI to word in the user's language.

use email_address::{EmailAddress, Options};
use phonenumber::{country::Id, metadata::DATABASE, Mode, ParseError, PhoneNumber};
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// Folds text for accent-free search: lowercase, no diacritics, `đ` → `d`, single spaces, trimmed.
/// "Nguyễn Thị Đào" → "nguyen thi dao"; "CÔNG TY ĐÔNG Á" → "cong ty dong a".
pub fn fold_for_search(text: &str) -> String {
    let folded: String = text
        .to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        // đ (from Đ) is a letter of its own, not d + a mark; ð (from Ð, U+00D0) is its
        // look-alike, which old encoding conversions left in some Vietnamese text.
        .map(|c| if c == 'đ' || c == 'ð' { 'd' } else { c })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Only the ASCII digits of `text` ("+84 (90) 312-3456" → "84903123456").
pub fn phone_digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// Why a phone number was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneProblem {
    #[error("the phone number is empty: type it with its area code, e.g. 0903 123 456")]
    Empty,
    #[error(
        "\"{0}\" has characters a phone number cannot have: use digits, spaces and + ( ) - . only"
    )]
    InvalidCharacters(String),
    #[error("\"{0}\" is too short for a phone number: type the full number, e.g. 0903 123 456")]
    TooShort(String),
    #[error("\"{0}\" is too long for a phone number: remove the extra digits, e.g. 0903 123 456")]
    TooLong(String),
    #[error("\"{0}\" starts with an unknown country code: check the digits after +, e.g. +84 for Vietnam")]
    UnknownCountryCode(String),
    #[error("\"{0}\" is not a Vietnamese phone number in use: mobiles have 10 digits starting with 03, 05, 07, 08 or 09 (0903 123 456); landlines start with the area code (028 3823 4567)")]
    NotInUseInVietnam(String),
    #[error("\"{0}\" is not a valid phone number for its country: check the digits after the country code")]
    NotInUse(String),
}

impl PhoneProblem {
    /// A stable code for the problem, for the UI to word in the user's language.
    pub fn code(&self) -> &'static str {
        match self {
            PhoneProblem::Empty => "phone_empty",
            PhoneProblem::InvalidCharacters(_) => "phone_invalid_characters",
            PhoneProblem::TooShort(_) => "phone_too_short",
            PhoneProblem::TooLong(_) => "phone_too_long",
            PhoneProblem::UnknownCountryCode(_) => "phone_unknown_country_code",
            PhoneProblem::NotInUseInVietnam(_) => "phone_invalid_for_vietnam",
            PhoneProblem::NotInUse(_) => "phone_invalid",
        }
    }
}

/// Vietnam's country calling code.
const VIETNAM_CALLING_CODE: u16 = 84;

/// Parses a phone number as typed, with Vietnam as the region of numbers without a `+`, and
/// returns its E.164 form: "0903 123 456" → "+84903123456"; "+33 1 42 68 53 00" → "+33142685300".
/// The number must be valid for its country (an assigned range of the right length), not only
/// well formed.
pub fn normalize_phone(input: &str) -> Result<String, PhoneProblem> {
    let value = input.trim();
    if value.is_empty() {
        return Err(PhoneProblem::Empty);
    }
    // The parser would read letters as a keypad word ("1800-FLOWERS"); reps mean digits.
    let allowed = |c: char| c.is_ascii_digit() || c.is_whitespace() || "+()-.".contains(c);
    if !value.chars().all(allowed) || value.rfind('+').is_some_and(|at| at > 0) {
        return Err(PhoneProblem::InvalidCharacters(value.to_owned()));
    }
    let spaced: String = value
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let number = phonenumber::parse(Some(Id::VN), &spaced).map_err(|error| match error {
        ParseError::InvalidCountryCode => PhoneProblem::UnknownCountryCode(value.to_owned()),
        ParseError::TooLong => PhoneProblem::TooLong(value.to_owned()),
        _ => PhoneProblem::TooShort(value.to_owned()),
    })?;
    if !number.is_valid() {
        return Err(invalid_phone_problem(&number, value));
    }
    Ok(number.format().mode(Mode::E164).to_string())
}

/// Names what is wrong with a number that parsed but is not valid for its country.
fn invalid_phone_problem(number: &PhoneNumber, value: &str) -> PhoneProblem {
    let code = number.code().value();
    let national = number.national().to_string();
    let lengths = possible_lengths(code, &national);
    let length = u16::try_from(national.len()).unwrap_or(u16::MAX);
    match (lengths.iter().min(), lengths.iter().max()) {
        (None, _) | (_, None) => PhoneProblem::UnknownCountryCode(value.to_owned()),
        (Some(&shortest), _) if length < shortest => PhoneProblem::TooShort(value.to_owned()),
        (_, Some(&longest)) if length > longest => PhoneProblem::TooLong(value.to_owned()),
        _ if code == VIETNAM_CALLING_CODE => PhoneProblem::NotInUseInVietnam(value.to_owned()),
        _ => PhoneProblem::NotInUse(value.to_owned()),
    }
}

/// The lengths a national number of this calling code can have, from the crate's metadata.
/// Vietnamese mobiles start with 3, 5, 7, 8 or 9 and landlines with 2: a number is judged
/// against its own kind, so a mobile missing one digit is "too short", not "not in use".
fn possible_lengths(code: u16, national: &str) -> Vec<u16> {
    let mut lengths = Vec::new();
    for region in DATABASE.by_code(&code).unwrap_or_default() {
        let kinds = region.descriptors();
        let relevant = match (code, national.as_bytes().first()) {
            (VIETNAM_CALLING_CODE, Some(b'3' | b'5' | b'7' | b'8' | b'9')) => vec![kinds.mobile()],
            (VIETNAM_CALLING_CODE, Some(b'2')) => vec![kinds.fixed_line()],
            _ => vec![
                kinds.fixed_line(),
                kinds.mobile(),
                kinds.toll_free(),
                kinds.premium_rate(),
                kinds.shared_cost(),
                kinds.personal_number(),
                kinds.voip(),
                kinds.pager(),
                kinds.uan(),
                kinds.voicemail(),
            ],
        };
        let relevant = relevant.into_iter().flatten();
        lengths.extend(relevant.flat_map(|kind| kind.possible_length().iter().copied()));
    }
    lengths
}

/// Formats a stored E.164 number for display in the crate's international format
/// ("+84903123456" → "+84 903 123 456"). Anything that does not parse is returned as it was.
pub fn format_phone_international(e164: &str) -> String {
    match phonenumber::parse(Some(Id::VN), e164) {
        Ok(number) => number.format().mode(Mode::International).to_string(),
        Err(_) => e164.to_owned(),
    }
}

/// Why an email address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailProblem {
    #[error("the email address is empty: write it as name@example.com")]
    Empty,
    #[error("\"{0}\" has no @: write it as name@example.com")]
    MissingAt(String),
    #[error("\"{0}\" is missing the end of its domain: write it in full, e.g. name@donga.vn")]
    DomainWithoutDot(String),
    #[error("\"{0}\" is not an email address: write it as name@example.com")]
    Invalid(String),
}

impl EmailProblem {
    /// A stable code for the problem, for the UI to word in the user's language.
    pub fn code(&self) -> &'static str {
        match self {
            EmailProblem::Empty => "email_empty",
            EmailProblem::MissingAt(_) => "email_missing_at",
            EmailProblem::DomainWithoutDot(_) => "email_domain_without_dot",
            EmailProblem::Invalid(_) => "invalid_email",
        }
    }
}

/// Checks one email address (surrounding spaces ignored): RFC 5322 syntax without display name or
/// IP-literal domain, and a domain with a dot ("dao@donga" is refused: the rep meant donga.vn).
pub fn check_email(input: &str) -> Result<(), EmailProblem> {
    let value = input.trim();
    if value.is_empty() {
        return Err(EmailProblem::Empty);
    }
    if !value.contains('@') {
        return Err(EmailProblem::MissingAt(value.to_owned()));
    }
    let options = Options::default()
        .without_display_text()
        .without_domain_literal();
    let email = EmailAddress::parse_with_options(value, options)
        .map_err(|_| EmailProblem::Invalid(value.to_owned()))?;
    let labels: Vec<&str> = email.domain().split('.').collect();
    if labels.len() < 2 || labels.iter().any(|label| label.is_empty()) {
        return Err(EmailProblem::DomainWithoutDot(value.to_owned()));
    }
    Ok(())
}

/// Why a website address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebsiteProblem {
    #[error("the website is empty: type its address, e.g. donga.vn")]
    Empty,
    #[error("\"{0}\" is an email address, not a website: put it in the email field, or type the site, e.g. donga.vn")]
    LooksLikeEmail(String),
    #[error("\"{0}\" is not a web address: a website starts with http:// or https://, or just its name, e.g. donga.vn")]
    UnsupportedScheme(String),
    #[error("\"{0}\" is missing the end of its domain: write it in full, e.g. donga.vn")]
    HostWithoutDot(String),
    #[error("\"{0}\" is not a website address: write it as donga.vn or https://donga.vn")]
    Invalid(String),
}

impl WebsiteProblem {
    /// A stable code for the problem, for the UI to word in the user's language.
    pub fn code(&self) -> &'static str {
        match self {
            WebsiteProblem::Empty => "website_empty",
            WebsiteProblem::LooksLikeEmail(_) => "website_is_email",
            WebsiteProblem::UnsupportedScheme(_) => "website_unsupported_scheme",
            WebsiteProblem::HostWithoutDot(_) => "website_host_without_dot",
            WebsiteProblem::Invalid(_) => "invalid_website",
        }
    }
}

/// Normalizes a website as typed: adds "https://" when no scheme is given, accepts http and https
/// only, requires a host with a dot, and returns the WHATWG-serialized URL ("DongA.vn" →
/// "https://donga.vn/"; non-ASCII domains come back in their punycode form).
pub fn normalize_website(input: &str) -> Result<String, WebsiteProblem> {
    let value = input.trim();
    if value.is_empty() {
        return Err(WebsiteProblem::Empty);
    }
    let with_scheme = if value.contains("://") {
        value.to_owned()
    } else if value.contains('@') {
        return Err(WebsiteProblem::LooksLikeEmail(value.to_owned()));
    } else {
        format!("https://{value}")
    };
    let url =
        url::Url::parse(&with_scheme).map_err(|_| WebsiteProblem::Invalid(value.to_owned()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(WebsiteProblem::UnsupportedScheme(value.to_owned()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(WebsiteProblem::Invalid(value.to_owned()));
    }
    let host = url.host_str().unwrap_or_default();
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|label| label.is_empty()) {
        return Err(WebsiteProblem::HostWithoutDot(value.to_owned()));
    }
    Ok(url.into())
}

/// Why a Vietnamese tax ID (mã số thuế) was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaxIdProblem {
    #[error("the tax ID is empty: type the 10-digit mã số thuế, e.g. 0100233488")]
    Empty,
    #[error("\"{0}\" has characters a tax ID cannot have: use digits, and one - before a branch number, e.g. 0100233488-001")]
    InvalidCharacters(String),
    #[error("\"{0}\" has the wrong number of digits: a tax ID has 10 digits (0100233488), 10 and a 3-digit branch (0100233488-001), or 12 for a personal ID number")]
    WrongLength(String),
    #[error("\"{0}\" has a wrong branch number: write 3 digits from 001 after the dash, e.g. 0100233488-001")]
    InvalidBranch(String),
    #[error("\"{0}\" is not a valid tax ID: a digit is probably mistyped; copy it again from the business registration or an invoice")]
    CheckDigit(String),
}

impl TaxIdProblem {
    /// A stable code for the problem, for the UI to word in the user's language.
    pub fn code(&self) -> &'static str {
        match self {
            TaxIdProblem::Empty => "tax_id_empty",
            TaxIdProblem::InvalidCharacters(_) => "invalid_tax_id_characters",
            TaxIdProblem::WrongLength(_) => "invalid_tax_id_length",
            TaxIdProblem::InvalidBranch(_) => "invalid_tax_id_branch",
            TaxIdProblem::CheckDigit(_) => "invalid_tax_id_check_digit",
        }
    }
}

/// Normalizes a Vietnamese tax ID, ignoring spaces and dots. Accepts a 10-digit MST (its check
/// digit verified), a branch MST "0100233488-001" (13 digits without the dash are accepted too;
/// the result always has the dash), or a 12-digit personal ID number (CCCD), which since
/// 1 July 2025 serves as the tax ID of individuals and household businesses (Circular
/// 86/2024/TT-BTC); the CCCD has no check digit, so only its length is checked.
pub fn normalize_vn_tax_id(input: &str) -> Result<String, TaxIdProblem> {
    let value = input.trim();
    let compact: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    if compact.is_empty() {
        return Err(TaxIdProblem::Empty);
    }
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let (main, branch) = match compact.split_once('-') {
        Some((main, branch)) => (main, Some(branch)),
        None if compact.len() == 13 => (&compact[..10], Some(&compact[10..])),
        None => (compact.as_str(), None),
    };
    if !all_digits(main) || branch.is_some_and(|branch| !all_digits(branch)) {
        return Err(TaxIdProblem::InvalidCharacters(value.to_owned()));
    }
    match (main.len(), branch) {
        (12, None) => return Ok(main.to_owned()),
        (10, Some(branch)) if branch.len() != 3 || branch == "000" => {
            return Err(TaxIdProblem::InvalidBranch(value.to_owned()));
        }
        (10, _) => {}
        _ => return Err(TaxIdProblem::WrongLength(value.to_owned())),
    }
    let digits: Vec<u32> = main.bytes().map(|b| u32::from(b - b'0')).collect();
    if mst_check_digit(&digits[..9]) != Some(digits[9]) {
        return Err(TaxIdProblem::CheckDigit(value.to_owned()));
    }
    Ok(match branch {
        Some(branch) => format!("{main}-{branch}"),
        None => main.to_owned(),
    })
}

/// The check digit (10th digit) of an MST from its first nine digits: weights 31, 29, 23, 19, 17,
/// 13, 7, 5, 3; check digit = 10 - (weighted sum mod 11). A remainder of 0 would need "10": such
/// a start has no valid check digit (`None`), as both sources below treat it.
///
/// Sources: python-stdnum, `calc_check_digit` in
/// https://github.com/arthurdejong/python-stdnum/blob/master/stdnum/vn/mst.py, and its
/// tests/test_vn_mst.doctest, whose ~150 MSTs of real businesses all satisfy the rule (some are
/// in the tests below); https://pypi.org/project/vn-ident/, which computes 6 for 010004751,
/// "the worked example in the circular". The circular's own text was not available to us: these
/// independent implementations and the real numbers are the evidence.
fn mst_check_digit(first_nine: &[u32]) -> Option<u32> {
    const WEIGHTS: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];
    let sum: u32 = first_nine.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    match sum % 11 {
        0 => None,
        remainder => Some(10 - remainder),
    }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
