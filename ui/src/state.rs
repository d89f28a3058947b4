//! The Customers screen's state as a reducer: the query (search, sort, page), the page the
//! replica answered for it, the view (kanban or list), and whether the form is open.

use clientele_model::query::{CustomerPage, CustomerQuery, CustomerRow, SortKey};
use clientele_model::CommandError;
use std::rc::Rc;
use yew::Reducible;

/// Rows per page, like the ERP's pager.
pub const PAGE_SIZE: u32 = 80;

/// How the customers are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Kanban,
    List,
}

/// The customers screen.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomersState {
    /// What is asked of the replica; an answer counts only if it is for this query.
    pub query: CustomerQuery,
    /// Shared, not copied, by every action that leaves the page as it is (a keystroke's
    /// `Search` clones the state) and by the screen's render (the cards see the same page).
    pub rows: Rc<Vec<CustomerRow>>,
    pub total: u64,
    pub loaded: bool,
    pub load_error: Option<CommandError>,
    pub form_open: bool,
    pub view: View,
    // screen: the grouping in force and the customer opened from a card or row (the form
    // shows it).
    pub group_by: Option<clientele_model::query::GroupBy>,
    pub opened: Option<String>,
    /// Bumped to ask the replica for the page again with the same query: a customer was
    /// created, and where it lands (or whether it matches at all) is the replica's to say.
    pub reload: u32,
    /// Bumped by every page answered, so the cards know a new page came.
    pub page: u32,
}

impl Default for CustomersState {
    fn default() -> Self {
        CustomersState {
            query: CustomerQuery {
                limit: PAGE_SIZE,
                ..CustomerQuery::default()
            },
            rows: Rc::default(),
            total: 0,
            loaded: false,
            load_error: None,
            form_open: false,
            view: View::Kanban,
            group_by: None,
            opened: None,
            reload: 0,
            page: 0,
        }
    }
}

/// What can happen on the screen.
#[derive(Debug, Clone, PartialEq)]
pub enum CustomersAction {
    /// The replica answered `query`; ignored unless it is still the query asked.
    Loaded {
        query: Box<CustomerQuery>,
        result: Result<CustomerPage, CommandError>,
    },
    /// The search box's text changed: back to the first page.
    Search(String),
    /// A column header was clicked: sort by it, or reverse if it is already the sort.
    SortBy(SortKey),
    /// A sort was chosen from the sort menu: this key, this direction.
    SetSort(SortKey, bool),
    NextPage,
    PreviousPage,
    SetView(View),
    OpenCreateForm,
    CloseForm,
    /// A customer was saved and the replica answered its row: close the form, and show the row
    /// in place of the old one, or (a new customer) reload the page from the replica.
    Saved(CustomerRow),
    // screen
    /// The filters changed (a menu entry, the custom builder, a removed chip): first page.
    SetFilter(clientele_model::query::CustomerFilter),
    /// Group by a field, or stop grouping.
    SetGroupBy(Option<clientele_model::query::GroupBy>),
    /// A saved search was applied: its text, filters and grouping at once.
    ApplySavedSearch(clientele_model::commands::SavedSearch),
    /// The user using the app is known (for the favourite flag on cards).
    SetUser(Option<String>),
    /// A card or row was clicked: open that customer.
    OpenCustomer(String),
}

impl CustomersState {
    /// The first and last row numbers shown (1-based) and the total, for the pager.
    pub fn range(&self) -> (u64, u64, u64) {
        if self.rows.is_empty() {
            return (0, 0, self.total);
        }
        let first = u64::from(self.query.offset) + 1;
        (first, first + self.rows.len() as u64 - 1, self.total)
    }

    pub fn has_previous(&self) -> bool {
        self.query.offset > 0
    }

    pub fn has_next(&self) -> bool {
        u64::from(self.query.offset) + u64::from(self.query.limit) < self.total
    }
}

impl Reducible for CustomersState {
    type Action = CustomersAction;

    fn reduce(self: Rc<Self>, action: CustomersAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            CustomersAction::Loaded { query, result } => {
                if *query != next.query {
                    return self;
                }
                next.loaded = true;
                match result {
                    Ok(page) => {
                        next.rows = Rc::new(page.rows);
                        next.total = page.total;
                        next.page = next.page.wrapping_add(1);
                        next.load_error = None;
                    }
                    Err(error) => next.load_error = Some(error),
                }
            }
            CustomersAction::Search(text) => {
                if text == next.query.search {
                    return self;
                }
                next.query.search = text;
                next.query.offset = 0;
            }
            CustomersAction::SortBy(key) => {
                if next.query.sort == key {
                    next.query.descending = !next.query.descending;
                } else {
                    next.query.sort = key;
                    next.query.descending = false;
                }
                next.query.offset = 0;
            }
            CustomersAction::SetSort(key, descending) => {
                if (next.query.sort, next.query.descending) == (key, descending) {
                    return self;
                }
                next.query.sort = key;
                next.query.descending = descending;
                next.query.offset = 0;
            }
            CustomersAction::NextPage => {
                if !self.has_next() {
                    return self;
                }
                next.query.offset += next.query.limit;
            }
            CustomersAction::PreviousPage => {
                if !self.has_previous() {
                    return self;
                }
                next.query.offset = next.query.offset.saturating_sub(next.query.limit);
            }
            CustomersAction::SetView(view) => next.view = view,
            CustomersAction::OpenCreateForm => next.form_open = true,
            CustomersAction::CloseForm => {
                next.form_open = false;
                next.opened = None;
            }
            // screen
            CustomersAction::SetFilter(filter) => {
                next.query.filter = filter;
                next.query.offset = 0;
            }
            CustomersAction::SetGroupBy(group_by) => next.group_by = group_by,
            CustomersAction::ApplySavedSearch(saved) => {
                next.query.search = saved.search;
                next.query.filter = saved.filter;
                next.query.offset = 0;
                next.group_by = saved.group_by;
            }
            CustomersAction::SetUser(user) => next.query.user_id = user,
            CustomersAction::OpenCustomer(id) => {
                // recent: opened, so no longer highlighted as changed (the form tells the
                // replica, which answers the same on the next page).
                if let Some(row) = Rc::make_mut(&mut next.rows).iter_mut().find(|r| r.id == id) {
                    row.unseen_change = false;
                }
                next.opened = Some(id);
            }
            CustomersAction::Saved(row) => {
                next.form_open = false;
                // form: an edited customer (opened from its card) keeps its row and its form.
                match Rc::make_mut(&mut next.rows)
                    .iter_mut()
                    .find(|r| r.id == row.id)
                {
                    Some(shown) => *shown = row,
                    None => next.reload = next.reload.wrapping_add(1),
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clientele_model::CustomerKind;

    fn row(name: &str) -> CustomerRow {
        CustomerRow {
            id: name.into(),
            kind: CustomerKind::Company,
            name: name.into(),
            company: String::new(),
            email: String::new(),
            phone: String::new(),
            mobile: String::new(),
            city: String::new(),
            country: String::new(),
            salesperson: String::new(),
            tags: Vec::new(),
            activity_state: clientele_model::ActivityState::None,
            open_activities: 0,
            favourite: false,
            sales_count: 0,
            purchase_count: 0,
            archived: false,
            sort_value: name.to_lowercase(),
            conflicts: 0,
            updated_at: String::new(),
            updated_by: String::new(),
            unseen_change: false,
            amount_due: 0,
        }
    }

    fn page(names: &[&str], total: u64) -> CustomerPage {
        CustomerPage {
            rows: names.iter().map(|n| row(n)).collect(),
            total,
        }
    }

    fn loaded(state: Rc<CustomersState>, names: &[&str], total: u64) -> Rc<CustomersState> {
        let query = Box::new(state.query.clone());
        state.reduce(CustomersAction::Loaded {
            query,
            result: Ok(page(names, total)),
        })
    }

    #[test]
    fn a_created_customer_closes_the_form_and_reloads_the_page_from_the_replica() {
        let state = loaded(Rc::new(CustomersState::default()), &["An", "Cường"], 2)
            .reduce(CustomersAction::OpenCreateForm);
        assert!(state.form_open);
        let state = state.reduce(CustomersAction::Saved(row("Bình")));
        assert!(!state.form_open);
        assert_eq!(state.reload, 1, "the page is asked again");
        let names: Vec<_> = state.rows.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["An", "Cường"],
            "nothing is placed by the window"
        );
        let state = loaded(state, &["An", "Bình", "Cường"], 3);
        assert_eq!(state.total, 3);
    }

    #[test]
    fn a_changed_customer_shows_the_replicas_row_in_place() {
        let state = loaded(Rc::new(CustomersState::default()), &["An", "Cường"], 2)
            .reduce(CustomersAction::OpenCustomer("An".into()));
        let mut changed = row("An");
        changed.name = "Zô An".into();
        changed.city = "Huế".into();
        let state = state.reduce(CustomersAction::Saved(changed.clone()));
        assert_eq!(
            *state.rows,
            vec![changed, row("Cường")],
            "same place, new row"
        );
        assert_eq!(state.reload, 0);
        assert_eq!(state.opened.as_deref(), Some("An"), "the form stays open");
    }

    #[test]
    fn a_stale_answer_is_ignored() {
        let state = Rc::new(CustomersState::default());
        let old_query = Box::new(state.query.clone());
        let state = state.reduce(CustomersAction::Search("ngu".into()));
        let state = state.reduce(CustomersAction::Loaded {
            query: old_query,
            result: Ok(page(&["An"], 1)),
        });
        assert!(!state.loaded && state.rows.is_empty());
        let state = loaded(state, &["Nguyễn"], 1);
        assert_eq!(state.rows[0].name, "Nguyễn");
    }

    #[test]
    fn paging_sorting_and_searching_move_the_offset() {
        let state = loaded(Rc::new(CustomersState::default()), &["A"; 80], 100_000);
        assert_eq!(state.range(), (1, 80, 100_000));
        let state = state.reduce(CustomersAction::NextPage);
        assert_eq!(state.query.offset, 80);
        let state = state.reduce(CustomersAction::SortBy(SortKey::Email));
        assert_eq!(
            (state.query.sort, state.query.descending),
            (SortKey::Email, false)
        );
        assert_eq!(state.query.offset, 0);
        let state = state.reduce(CustomersAction::SortBy(SortKey::Email));
        assert!(state.query.descending);
        let state = state
            .reduce(CustomersAction::NextPage)
            .reduce(CustomersAction::Search("dao".into()));
        assert_eq!(state.query.offset, 0);
        let state = state.reduce(CustomersAction::PreviousPage);
        assert_eq!(state.query.offset, 0);
    }

    // screen
    #[test]
    fn filters_grouping_and_saved_searches_go_back_to_the_first_page() {
        use clientele_model::query::{CustomerFilter, GroupBy};
        let state = loaded(Rc::new(CustomersState::default()), &["A"; 80], 1_000)
            .reduce(CustomersAction::NextPage);
        let companies = CustomerFilter {
            kind: Some(CustomerKind::Company),
            ..CustomerFilter::default()
        };
        let state = state.reduce(CustomersAction::SetFilter(companies.clone()));
        assert_eq!((state.query.offset, &state.query.filter), (0, &companies));
        let state = state.reduce(CustomersAction::SetGroupBy(Some(GroupBy::Country)));
        assert_eq!(state.group_by, Some(GroupBy::Country));
        let state = state.reduce(CustomersAction::ApplySavedSearch(
            clientele_model::commands::SavedSearch {
                search: "dao".into(),
                group_by: Some(GroupBy::Salesperson),
                ..Default::default()
            },
        ));
        assert_eq!(state.query.search, "dao");
        assert_eq!(state.query.filter, CustomerFilter::default());
        assert_eq!(state.group_by, Some(GroupBy::Salesperson));
        let state = state.reduce(CustomersAction::OpenCustomer("c1".into()));
        assert_eq!(state.opened.as_deref(), Some("c1"));
        let state = state.reduce(CustomersAction::CloseForm);
        assert_eq!(state.opened, None);
    }
}
