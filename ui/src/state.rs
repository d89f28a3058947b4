//! The Customers screen's state as a reducer: what is loaded, whether the form is open.

use clientele_model::{CommandError, Customer};
use std::rc::Rc;
use yew::Reducible;

/// The customers screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CustomersState {
    pub customers: Vec<Customer>,
    pub loaded: bool,
    pub load_error: Option<CommandError>,
    pub form_open: bool,
}

/// What can happen on the screen.
#[derive(Debug, Clone, PartialEq)]
pub enum CustomersAction {
    Loaded(Result<Vec<Customer>, CommandError>),
    OpenCreateForm,
    CloseForm,
    /// A customer was saved: close the form and show its card at once.
    Created(Customer),
}

impl Reducible for CustomersState {
    type Action = CustomersAction;

    fn reduce(self: Rc<Self>, action: CustomersAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            CustomersAction::Loaded(Ok(customers)) => {
                next.customers = customers;
                next.loaded = true;
                next.load_error = None;
            }
            CustomersAction::Loaded(Err(error)) => {
                next.loaded = true;
                next.load_error = Some(error);
            }
            CustomersAction::OpenCreateForm => next.form_open = true,
            CustomersAction::CloseForm => next.form_open = false,
            CustomersAction::Created(customer) => {
                next.form_open = false;
                let at = next
                    .customers
                    .partition_point(|c| c.name.to_lowercase() <= customer.name.to_lowercase());
                next.customers.insert(at, customer);
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clientele_model::CustomerKind;

    fn customer(name: &str) -> Customer {
        Customer {
            id: name.into(),
            kind: CustomerKind::Company,
            name: name.into(),
            email: String::new(),
            phone: String::new(),
        }
    }

    #[test]
    fn a_created_customer_closes_the_form_and_lands_in_name_order() {
        let state = Rc::new(CustomersState::default())
            .reduce(CustomersAction::Loaded(Ok(vec![
                customer("An"),
                customer("Cường"),
            ])))
            .reduce(CustomersAction::OpenCreateForm);
        assert!(state.form_open);
        let state = state.reduce(CustomersAction::Created(customer("Bình")));
        assert!(!state.form_open);
        let names: Vec<_> = state.customers.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["An", "Bình", "Cường"]);
    }
}
