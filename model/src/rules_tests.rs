//! Tests of the contact-data rules: Vietnamese and foreign phones, emails, websites, tax IDs
//! and search folding, each refusal with its code.

use super::*;

/// Checks a table of `typed | typed... => expected` lines (spaces around each part trimmed):
/// `expected` is the normalized output, or the problem's code, whose message must then quote
/// the input.
fn check_table<P: std::fmt::Display>(
    table: &str,
    rule: impl Fn(&str) -> Result<String, P>,
    code: impl Fn(&P) -> &'static str,
) {
    for line in table.lines().filter(|line| !line.trim().is_empty()) {
        let (inputs, expected) = line.split_once("=>").expect("a `typed => expected` line");
        for typed in inputs.split('|').map(str::trim) {
            match rule(typed) {
                Ok(output) => assert_eq!(output, expected.trim(), "{typed:?}"),
                Err(problem) => {
                    assert_eq!(code(&problem), expected.trim(), "{typed:?}: {problem}");
                    assert!(problem.to_string().contains(typed), "{problem}");
                }
            }
        }
    }
}

#[test]
fn folding_drops_vietnamese_marks_case_and_extra_spaces() {
    assert_eq!(fold_for_search("Nguyễn Thị Đào"), "nguyen thi dao");
    assert_eq!(fold_for_search("CÔNG TY ĐÔNG Á"), "cong ty dong a");
    assert_eq!(fold_for_search("  Trần\t Văn   Hưởng \n"), "tran van huong");
    assert_eq!(
        fold_for_search("Phở Bò ĐẶC BIỆT, Q.1"),
        "pho bo dac biet, q.1"
    );
    // Precomposed (NFC) and decomposed (NFD) input fold alike; so does the Ð look-alike.
    let decomposed = fold_for_search("Đo\u{302}\u{300}ng");
    assert_eq!(fold_for_search("Đ\u{1ED3}ng"), decomposed);
    assert_eq!(fold_for_search("\u{D0}ào"), "dao");
    assert_eq!(fold_for_search("   "), "");
    assert_eq!(phone_digits("+84 (90) 312-34.56"), "84903123456");
    assert_eq!(phone_digits("Đào: không có"), "");
}

#[test]
fn phones_normalize_to_e164_with_vietnam_as_default_region_or_say_what_to_fix() {
    check_table(
        "
        0903 123 456 | 090 312 3456 | +84 90 312 34 56 | 0084 903 123 456 => +84903123456
        0903.123.456 | 0903-123-456 | 84 903 123 456                     => +84903123456
        (028) 3823-4567 | +84 (28) 3823 4567                             => +842838234567
        0869 123 456                                                     => +84869123456
        1800 1234                                                        => +8418001234
        +33 1 42 68 53 00                                                => +33142685300
        +1 650 253 0000                                                  => +16502530000
                                                                         => phone_empty
        0903 | 090 312 345 | 12 | +84 1 | 0203 123 456                   => phone_too_short
        0903 123 4567 | 090312345678901234                               => phone_too_long
        0903-ABC-456 | 0903 123 456 ext 12 | 84+903123456                => phone_invalid_characters
        +999 123 456 789                                                 => phone_unknown_country_code
        0123 456 789 | 0103 123 456                                      => phone_invalid_for_vietnam
        ",
        normalize_phone,
        PhoneProblem::code,
    );
    let with_nbsp = normalize_phone(" 0903\u{a0}123\u{a0}456 ");
    assert_eq!(with_nbsp.as_deref(), Ok("+84903123456"));
    assert_eq!(
        normalize_phone("0903").unwrap_err().to_string(),
        "\"0903\" is too short for a phone number: type the full number, e.g. 0903 123 456"
    );
}

#[test]
fn stored_phones_display_in_international_format() {
    let shown = ["+84903123456", "+842838234567", "+33142685300", "không rõ"]
        .map(format_phone_international);
    let expected = [
        "+84 903 123 456",
        "+84 28 3823 4567",
        "+33 1 42 68 53 00",
        "không rõ",
    ];
    assert_eq!(shown, expected);
}

#[test]
fn emails_need_a_valid_address_and_a_dot_in_the_domain() {
    check_table(
        "
        lienhe@donga.vn | dao+sales@donga.com.vn | nguyen.thi.dao@gmail.com => ok
                                                             => email_empty
        dao.donga.vn                                         => email_missing_at
        dao@donga | lienhe@localhost                         => email_domain_without_dot
        dao@ | @donga.vn | dao@@donga.vn | dao@donga..vn     => invalid_email
        dao @donga.vn | Đào <dao@donga.vn> | dao@[127.0.0.1] => invalid_email
        ",
        |typed| check_email(typed).map(|()| "ok".to_owned()),
        EmailProblem::code,
    );
    assert_eq!(check_email("  dao@donga.vn "), Ok(()));
    let message = check_email("dao@donga").unwrap_err().to_string();
    assert!(message.contains("name@donga.vn"), "{message}");
}

#[test]
fn websites_normalize_with_https_by_default_or_say_what_to_fix() {
    check_table(
        "
        donga.vn | DongA.VN | https://donga.vn    => https://donga.vn/
        www.donga.com.vn/lien-he                  => https://www.donga.com.vn/lien-he
        http://donga.vn                           => http://donga.vn/
        HTTPS://DONGA.VN/san-pham?id=1            => https://donga.vn/san-pham?id=1
        cà-phê.vn                                 => https://xn--c-ph-0na7d.vn/
                                                  => website_empty
        donga | donga. | localhost:8080           => website_host_without_dot
        ftp://donga.vn | file:///etc/passwd       => website_unsupported_scheme
        dao@donga.vn | mailto:dao@donga.vn        => website_is_email
        https:// | dong a.vn | https://dao:mk@donga.vn => invalid_website
        ",
        normalize_website,
        WebsiteProblem::code,
    );
}

#[test]
fn tax_ids_normalize_or_say_what_to_fix() {
    // The valid 10- and 13-digit numbers are real businesses', from python-stdnum's
    // tests/test_vn_mst.doctest; the 12-digit ones are personal ID numbers (no check digit).
    check_table(
        "
        0100233488 | 01.00.233.488 | 0100 233 488  => 0100233488
        0314409058-002 | 0314409058002             => 0314409058-002
        0312 68 78 78 - 001                        => 0312687878-001
        0100112437011                              => 0100112437-011
        2000102580-005                             => 2000102580-005
        3702642596                                 => 3702642596
        0305060028                                 => 0305060028
        8037630690                                 => 8037630690
        001087123456 | 001 087 123 456             => 001087123456
                                                   => tax_id_empty
        12345 | 01002334881 | 0100233488123456     => invalid_tax_id_length
        MST0100233488 | 0100233488/001             => invalid_tax_id_characters
        0100233488-00a                             => invalid_tax_id_characters
        0100233488-000 | 0100233488-01             => invalid_tax_id_branch
        0100233488-0001                            => invalid_tax_id_branch
        0100233480 | 0100233480-001                => invalid_tax_id_check_digit
        0312345678 | 0312345678-001                => invalid_tax_id_check_digit
        ",
        normalize_vn_tax_id,
        TaxIdProblem::code,
    );
    assert_eq!(normalize_vn_tax_id(" . ").unwrap_err(), TaxIdProblem::Empty);
    let message = normalize_vn_tax_id("0100233480").unwrap_err().to_string();
    assert!(
        message.starts_with("\"0100233480\" is not a valid tax ID"),
        "{message}"
    );
}

/// A 10-digit MST made valid by appending the check digit to `first_nine`.
fn with_check_digit(first_nine: &str) -> String {
    let digits: Vec<u32> = first_nine.bytes().map(|b| u32::from(b - b'0')).collect();
    let check = mst_check_digit(&digits).expect("a start with a check digit");
    format!("{first_nine}{check}")
}

#[test]
fn computed_tax_ids_pass_and_every_other_last_digit_fails() {
    // The worked example: 0·31 + 1·29 + 0·23 + 0·19 + 0·17 + 4·13 + 7·7 + 5·5 + 1·3 = 158;
    // 158 mod 11 = 4; 10 - 4 = 6.
    assert_eq!(with_check_digit("010004751"), "0100047516");
    // 010000001 has remainder 10, so its check digit is 0.
    assert_eq!(with_check_digit("010000001"), "0100000010");
    // The sample 0312345678 is not valid: 031234567 needs 3.
    assert_eq!(with_check_digit("031234567"), "0312345673");
    for first_nine in ["010004751", "010000001", "031234567", "790000001"] {
        let valid = with_check_digit(first_nine);
        assert_eq!(normalize_vn_tax_id(&valid).as_deref(), Ok(valid.as_str()));
        let branch = format!("{valid}-001");
        assert_eq!(normalize_vn_tax_id(&branch).as_deref(), Ok(branch.as_str()));
        for wrong in (0..10)
            .map(|d| format!("{first_nine}{d}"))
            .filter(|t| *t != valid)
        {
            let problem = normalize_vn_tax_id(&wrong).unwrap_err();
            assert_eq!(problem.code(), "invalid_tax_id_check_digit", "{wrong}");
        }
    }
}

#[test]
fn a_start_whose_remainder_is_zero_has_no_valid_tax_id() {
    // 4·31 + 8·29 + 0·23 + 1·19 + 2·17 + 3·13 + 9·7 + 8·5 + 7·3 = 572 = 52·11.
    assert_eq!(mst_check_digit(&[4, 8, 0, 1, 2, 3, 9, 8, 7]), None);
    for last in 0..10 {
        assert!(normalize_vn_tax_id(&format!("480123987{last}")).is_err());
    }
}
