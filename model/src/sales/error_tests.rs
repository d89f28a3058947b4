//! Tests of [`SalesError`] as a whole: every message starts with the field it names, so a user
//! reading it knows which field to fix, and errors cross the wire and come back whole.

use super::*;

/// One of each variant.
fn one_of_each() -> Vec<SalesError> {
    use SalesError::*;
    let text = || "x".to_owned();
    let id = || "INV/1".to_owned();
    vec![
        AmountEmpty,
        AmountHasDecimals { text: text() },
        AmountInvalid { text: text() },
        AmountTooLarge,
        PaymentNotPositive { amount: 0 },
        QuantityEmpty,
        QuantityInvalid { text: text() },
        QuantityTooPrecise { text: text() },
        QuantityNotPositive,
        QuantityTooLarge,
        LineTooLarge,
        UnitPriceNegative,
        UnitPriceTooLarge,
        DiscountEmpty,
        DiscountInvalid { text: text() },
        DiscountTooPrecise { text: text() },
        DiscountOutOfRange,
        DescriptionMissing,
        OrderTooLarge,
        OrderTransition {
            from: OrderState::Sale,
            to: OrderState::Sent,
        },
        InvoiceTransition {
            from: InvoiceState::Draft,
            to: InvoiceState::Draft,
        },
        AllocationNotPositive { invoice_id: id() },
        InvoiceNotOpen { invoice_id: id() },
        OverAllocated {
            invoice_id: id(),
            allocated: 2,
            residual: 1,
        },
        AllocationsExceedPayment {
            allocated: 2,
            payment: 1,
        },
        InvoiceTotalOutOfRange { total: -1 },
        InvoicedTooLarge,
        PaidTooLarge,
        InvoiceAlreadyPosted { invoice_id: id() },
        UnknownInvoice { invoice_id: id() },
        InvoiceAlreadyCancelled { invoice_id: id() },
        InvoiceHasPayments {
            invoice_id: id(),
            payment_ids: vec!["P1".into()],
        },
        PaymentAlreadyRegistered {
            payment_id: "P1".into(),
        },
        UnknownPayment {
            payment_id: "P1".into(),
        },
        PaymentAlreadyCancelled {
            payment_id: "P1".into(),
        },
        ProductNameMissing,
        ProductNameTooLong { chars: 201 },
        UnitMissing,
        SalesPriceNegative,
        SalesPriceTooLarge,
        FixedPriceNegative,
        DateInvalid { text: text() },
        CustomerMissing,
        OrderCancelled,
        NoLines,
        InvoiceAddressNotOfCustomer,
        DeliveryAddressNotOfCustomer,
        OrderNotConfirmed,
        OrderAlreadyInvoiced { invoice_id: id() },
        PurchaseTransition {
            from: "draft".into(),
            to: "draft".into(),
        },
        StateUnknown {
            class: SalesClass::Invoices,
            state: "sale".into(),
        },
        StateUnknown {
            class: SalesClass::Products,
            state: "draft".into(),
        },
        GroupByNotApplicable {
            class: SalesClass::Payments,
            by: SalesGroupBy::Salesperson,
        },
        GroupByNotApplicable {
            class: SalesClass::Products,
            by: SalesGroupBy::Month,
        },
        GroupKeyInvalid {
            class: SalesClass::Orders,
            by: SalesGroupBy::Month,
            key: "2026-13".into(),
        },
    ]
}

#[test]
fn every_message_starts_with_its_field() {
    for error in one_of_each() {
        let message = error.to_string();
        assert!(
            message.starts_with(&format!("{}: ", error.field())),
            "{error:?} reads {message:?}"
        );
        // A message, not just a field name.
        assert!(message.len() > error.field().len() + 10, "{message:?}");
    }
}

#[test]
fn a_line_error_reads_line_then_field_and_keeps_the_field() {
    for (index, inner) in one_of_each().into_iter().enumerate() {
        let line = SalesError::Line {
            index,
            source: Box::new(inner.clone()),
        };
        assert_eq!(line.to_string(), format!("line {}: {inner}", index + 1));
        assert_eq!(line.field(), inner.field());
        assert_eq!(line.innermost(), &inner);
        assert_eq!(
            std::error::Error::source(&line).map(ToString::to_string),
            Some(inner.to_string())
        );
    }
    let last = SalesError::Line {
        index: usize::MAX,
        source: Box::new(SalesError::QuantityNotPositive),
    };
    assert!(last
        .to_string()
        .starts_with(&format!("line {}: ", usize::MAX)));
}

#[test]
fn errors_serialize_with_a_problem_tag_and_come_back_whole() {
    let error = SalesError::Line {
        index: 1,
        source: Box::new(SalesError::OverAllocated {
            invoice_id: "INV/1".into(),
            allocated: 2,
            residual: 1,
        }),
    };
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(json["problem"], "line");
    assert_eq!(json["source"]["problem"], "over_allocated");
    for error in one_of_each().into_iter().chain([error]) {
        let json = serde_json::to_string(&error).unwrap();
        assert_eq!(
            serde_json::from_str::<SalesError>(&json).unwrap(),
            error,
            "{json}"
        );
    }
}

#[test]
fn the_limit_in_messages_is_max_amount() {
    assert!(SalesError::AmountTooLarge
        .to_string()
        .contains(&format_vnd(MAX_AMOUNT)));
    assert!(SalesError::LineTooLarge
        .to_string()
        .contains(&format_vnd(MAX_AMOUNT)));
}
