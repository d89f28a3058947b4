//! The sales commands (`clientele_model::commands::sales`): thin adapters over the replica
//! (tested in replica/tests/sales.rs, sales_lists.rs, sales_groups.rs) for quotations and
//! orders, invoices, payments, the customer's account, products, purchase orders, and the
//! windows' counts and groups.

use clientele_model::commands::{
    CancelInvoice, CancelPayment, CountSales, CreateProduct, CreatePurchaseOrder, CreateQuotation,
    GetCustomerAccount, GetCustomerStatement, GetInvoice, GetOrder, GetOrderDefaults, GetProduct,
    GetProductPrice, GetPurchaseOrder, GroupSales, InvoiceOrder, ListInvoices, ListOrders,
    ListPayments, ListProducts, ListPurchases, PostInvoice, RegisterPayment, SetOrderState,
    SetPurchaseState, UpdateOrder, UpdateProduct,
};
use tauri::State;

use super::{replica, Args, Reply};
use crate::AppState;

#[tauri::command(async)]
pub fn order_defaults(
    state: State<'_, AppState>,
    Args(args): Args<GetOrderDefaults>,
) -> Reply<GetOrderDefaults> {
    Ok(replica(&state)?.order_defaults(&args.customer_id)?)
}

#[tauri::command(async)]
pub fn create_quotation(
    state: State<'_, AppState>,
    Args(args): Args<CreateQuotation>,
) -> Reply<CreateQuotation> {
    Ok(replica(&state)?.create_quotation(&args.order)?)
}

#[tauri::command(async)]
pub fn update_order(
    state: State<'_, AppState>,
    Args(args): Args<UpdateOrder>,
) -> Reply<UpdateOrder> {
    Ok(replica(&state)?.update_order(&args.id, &args.order)?)
}

#[tauri::command(async)]
pub fn set_order_state(
    state: State<'_, AppState>,
    Args(args): Args<SetOrderState>,
) -> Reply<SetOrderState> {
    Ok(replica(&state)?.set_order_state(&args.id, args.state)?)
}

#[tauri::command(async)]
pub fn order(state: State<'_, AppState>, Args(args): Args<GetOrder>) -> Reply<GetOrder> {
    Ok(replica(&state)?.order(&args.id)?)
}

#[tauri::command(async)]
pub fn list_orders(state: State<'_, AppState>, Args(args): Args<ListOrders>) -> Reply<ListOrders> {
    Ok(replica(&state)?.list_orders(&args.query)?)
}

#[tauri::command(async)]
pub fn invoice_order(
    state: State<'_, AppState>,
    Args(args): Args<InvoiceOrder>,
) -> Reply<InvoiceOrder> {
    Ok(replica(&state)?.invoice_order(&args.order_id, &args.date)?)
}

#[tauri::command(async)]
pub fn post_invoice(
    state: State<'_, AppState>,
    Args(args): Args<PostInvoice>,
) -> Reply<PostInvoice> {
    Ok(replica(&state)?.post_invoice(&args.id)?)
}

#[tauri::command(async)]
pub fn cancel_invoice(
    state: State<'_, AppState>,
    Args(args): Args<CancelInvoice>,
) -> Reply<CancelInvoice> {
    Ok(replica(&state)?.cancel_invoice(&args.id)?)
}

#[tauri::command(async)]
pub fn invoice(state: State<'_, AppState>, Args(args): Args<GetInvoice>) -> Reply<GetInvoice> {
    Ok(replica(&state)?.invoice(&args.id)?)
}

#[tauri::command(async)]
pub fn list_invoices(
    state: State<'_, AppState>,
    Args(args): Args<ListInvoices>,
) -> Reply<ListInvoices> {
    Ok(replica(&state)?.list_invoices(&args.query)?)
}

#[tauri::command(async)]
pub fn register_payment(
    state: State<'_, AppState>,
    Args(args): Args<RegisterPayment>,
) -> Reply<RegisterPayment> {
    Ok(replica(&state)?.register_payment(&args.payment)?)
}

#[tauri::command(async)]
pub fn cancel_payment(
    state: State<'_, AppState>,
    Args(args): Args<CancelPayment>,
) -> Reply<CancelPayment> {
    Ok(replica(&state)?.cancel_payment(&args.id)?)
}

#[tauri::command(async)]
pub fn list_payments(
    state: State<'_, AppState>,
    Args(args): Args<ListPayments>,
) -> Reply<ListPayments> {
    Ok(replica(&state)?.list_payments(&args.query)?)
}

#[tauri::command(async)]
pub fn customer_account(
    state: State<'_, AppState>,
    Args(args): Args<GetCustomerAccount>,
) -> Reply<GetCustomerAccount> {
    Ok(replica(&state)?.customer_account(&args.customer_id)?)
}

#[tauri::command(async)]
pub fn customer_statement(
    state: State<'_, AppState>,
    Args(args): Args<GetCustomerStatement>,
) -> Reply<GetCustomerStatement> {
    Ok(replica(&state)?.customer_statement(&args.customer_id)?)
}

#[tauri::command(async)]
pub fn list_products(
    state: State<'_, AppState>,
    Args(args): Args<ListProducts>,
) -> Reply<ListProducts> {
    Ok(replica(&state)?.list_products(&args.query)?)
}

#[tauri::command(async)]
pub fn create_product(
    state: State<'_, AppState>,
    Args(args): Args<CreateProduct>,
) -> Reply<CreateProduct> {
    Ok(replica(&state)?.create_product(&args.product, &args.prices)?)
}

#[tauri::command(async)]
pub fn update_product(
    state: State<'_, AppState>,
    Args(args): Args<UpdateProduct>,
) -> Reply<UpdateProduct> {
    Ok(replica(&state)?.update_product(&args.id, &args.product, &args.prices)?)
}

#[tauri::command(async)]
pub fn product(state: State<'_, AppState>, Args(args): Args<GetProduct>) -> Reply<GetProduct> {
    Ok(replica(&state)?.product(&args.id)?)
}

#[tauri::command(async)]
pub fn product_price(
    state: State<'_, AppState>,
    Args(args): Args<GetProductPrice>,
) -> Reply<GetProductPrice> {
    Ok(replica(&state)?.product_price(&args.product_id, args.pricelist_id.as_deref())?)
}

#[tauri::command(async)]
pub fn list_purchases(
    state: State<'_, AppState>,
    Args(args): Args<ListPurchases>,
) -> Reply<ListPurchases> {
    Ok(replica(&state)?.list_purchases(&args.query)?)
}

#[tauri::command(async)]
pub fn create_purchase_order(
    state: State<'_, AppState>,
    Args(args): Args<CreatePurchaseOrder>,
) -> Reply<CreatePurchaseOrder> {
    Ok(replica(&state)?.create_purchase_order(&args.vendor_id, &args.date, &args.lines)?)
}

#[tauri::command(async)]
pub fn purchase_order(
    state: State<'_, AppState>,
    Args(args): Args<GetPurchaseOrder>,
) -> Reply<GetPurchaseOrder> {
    Ok(replica(&state)?.purchase_order(&args.id)?)
}

#[tauri::command(async)]
pub fn set_purchase_state(
    state: State<'_, AppState>,
    Args(args): Args<SetPurchaseState>,
) -> Reply<SetPurchaseState> {
    Ok(replica(&state)?.set_purchase_state(&args.id, args.state)?)
}

#[tauri::command(async)]
pub fn count_sales(state: State<'_, AppState>, Args(args): Args<CountSales>) -> Reply<CountSales> {
    Ok(replica(&state)?.count_sales(args.class, &args.query)?)
}

#[tauri::command(async)]
pub fn group_sales(state: State<'_, AppState>, Args(args): Args<GroupSales>) -> Reply<GroupSales> {
    Ok(replica(&state)?.group_sales(args.class, &args.query, args.group_by)?)
}
