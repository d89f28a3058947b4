//! One customer's kanban card: initials, name, email, phone.

use clientele_model::{Customer, CustomerKind};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CustomerCardProps {
    pub customer: Customer,
}

#[component]
pub fn CustomerCard(props: &CustomerCardProps) -> Html {
    let customer = &props.customer;
    let kind_class = match customer.kind {
        CustomerKind::Company => "company",
        CustomerKind::Individual => "individual",
    };
    html! {
        <article class={classes!("customer-card", kind_class)} aria-label={customer.name.clone()}>
            <div class="avatar" aria-hidden="true">{customer.initials()}</div>
            <div class="card-body">
                <h3 class="card-name">{&customer.name}</h3>
                if !customer.email.is_empty() { <div class="card-email">{&customer.email}</div> }
                if !customer.phone.is_empty() { <div class="card-phone">{&customer.phone}</div> }
            </div>
        </article>
    }
}
