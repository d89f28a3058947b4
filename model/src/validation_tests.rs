//! Tests of the customer, contact and activity validation, with Vietnamese examples.

use super::*;
use crate::customer::{ContactType, CustomerKind};

fn draft(name: &str) -> CustomerDraft {
    CustomerDraft {
        kind: CustomerKind::Company,
        name: name.into(),
        ..CustomerDraft::default()
    }
}

fn problems(result: Result<CustomerDraft, ValidationErrors>) -> Vec<(&'static str, String)> {
    result
        .unwrap_err()
        .0
        .into_iter()
        .map(|e| (e.field.as_str(), e.problem))
        .collect()
}

#[test]
fn a_complete_vietnamese_company_is_valid_and_normalised() {
    let mut company = draft("  Công ty TNHH Thương mại Đông Á ");
    company.email = "lienhe@donga.vn".into();
    company.phone = "028 3823 4567".into();
    company.mobile = "0903 123 456".into();
    company.website = "donga.vn".into();
    company.language = "vi_VN".into();
    company.address.city = "Hồ Chí Minh".into();
    company.address.country = "vn".into();
    company.tag_ids = vec!["b".into(), "a".into(), "a".into(), " ".into()];
    let stored = company.validated().unwrap();
    assert_eq!(stored.name, "Công ty TNHH Thương mại Đông Á");
    assert_eq!(stored.mobile, "+84 903 123 456");
    assert!(stored.phone.starts_with("+84 28"), "{}", stored.phone);
    assert_eq!(stored.website, "https://donga.vn/");
    assert_eq!(stored.address.country, "VN");
    assert_eq!(stored.tag_ids, vec!["a", "b"]);
}

#[test]
fn name_is_required_even_when_only_spaces() {
    assert_eq!(
        problems(draft("   ").validated()),
        vec![("name", "required".into())]
    );
}

#[test]
fn overlong_name_is_refused() {
    assert_eq!(
        problems(draft(&"đ".repeat(MAX_TEXT_LEN + 1)).validated()),
        vec![("name", "too_long".into())]
    );
}

#[test]
fn bad_emails_are_refused_with_the_value_and_a_fix() {
    for bad in [
        "dao",
        "dao@",
        "@donga.vn",
        "dao@@donga.vn",
        "dao donga.vn",
        "dao@donga",
    ] {
        let mut d = draft("Đào");
        d.email = bad.into();
        let errors = d.validated().unwrap_err().0;
        assert_eq!(errors.len(), 1, "{bad}");
        assert_eq!(errors[0].field, CustomerField::Email);
        assert!(
            errors[0].message.contains("name@") || errors[0].message.contains("@"),
            "{}",
            errors[0].message
        );
    }
}

#[test]
fn bad_phones_mobiles_websites_tax_ids_countries_and_languages_are_each_named() {
    let mut d = draft("Đào");
    d.phone = "abc".into();
    d.mobile = "0903".into();
    d.website = "ftp://donga.vn".into();
    d.tax_id = "12345".into();
    d.address.country = "XX".into();
    d.language = "vietnamese".into();
    let fields: Vec<_> = problems(d.validated())
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(
        fields,
        vec!["country", "tax_id", "phone", "mobile", "website", "language"]
    );
}

#[test]
fn every_problem_is_reported_at_once_in_form_order() {
    let mut d = draft("");
    d.email = "x".into();
    d.phone = "y".into();
    let fields: Vec<_> = problems(d.validated())
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(fields, vec!["name", "email", "phone"]);
}

#[test]
fn contacts_need_a_name_and_addresses_a_name_street_or_city() {
    let person = ContactDraft {
        contact_type: ContactType::Contact,
        ..ContactDraft::default()
    };
    assert_eq!(
        person.validated().unwrap_err().0[0].field,
        CustomerField::Name
    );
    let mut delivery = ContactDraft {
        contact_type: ContactType::Delivery,
        ..ContactDraft::default()
    };
    assert!(delivery.validated().is_err());
    delivery.address.street = "12 Lê Lợi".into();
    delivery.address.city = "Đà Nẵng".into();
    assert_eq!(delivery.validated().unwrap().address.city, "Đà Nẵng");
}

#[test]
fn activities_need_a_type_and_a_real_date() {
    let good = ActivityDraft {
        activity_type: "call".into(),
        summary: "Gọi lại báo giá".into(),
        due_date: "2028-02-29".into(),
        ..ActivityDraft::default()
    };
    assert!(good.validated().is_ok());
    for bad in ["2027-02-29", "2026-13-01", "27/11/2026", "", "2026-11-31"] {
        let activity = ActivityDraft {
            due_date: bad.into(),
            ..good.clone()
        };
        let errors = activity.validated().unwrap_err().0;
        assert_eq!(errors[0].field, CustomerField::DueDate, "{bad}");
    }
    let untyped = ActivityDraft {
        activity_type: " ".into(),
        ..good
    };
    assert_eq!(
        untyped.validated().unwrap_err().0[0].field,
        CustomerField::ActivityType
    );
}
