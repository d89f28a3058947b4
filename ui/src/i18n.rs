//! The UI's words in Vietnamese and English (glossary of ../shared/ui-guide.md), chosen at run
//! time; Vietnamese unless the system locale says otherwise. The words themselves are in one
//! table per language (`vi`, `en`).

mod en;
mod vi;

/// The two languages of the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    /// The language of the system locale: English for `en*`, Vietnamese otherwise.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Vi
        }
    }

    /// The browser's (the webview's) locale.
    pub fn from_system() -> Lang {
        web_sys::window()
            .and_then(|w| w.navigator().language())
            .map(|l| Lang::from_locale(&l))
            .unwrap_or(Lang::Vi)
    }
}

/// Every text the UI shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    // screen: the Customers screen's search, filters, grouping, saved searches and clock.
    FiltersMenu,
    GroupByMenu,
    FavoritesMenu,
    FilterIndividuals,
    FilterCompanies,
    FilterArchived,
    FilterMine,
    FilterFavourites,
    StateOverdue,
    StateToday,
    StatePlanned,
    AnyValue,
    ApplyFilter,
    CustomFilter,
    FieldLabel,
    OperatorLabel,
    ValueLabel,
    AddCondition,
    OpContains,
    OpNotContains,
    OpEquals,
    OpNotEquals,
    OpStartsWith,
    OpIsSet,
    OpIsNotSet,
    FieldTaxId,
    FieldWebsite,
    FieldFunction,
    FieldZip,
    GroupActivity,
    GroupNone,
    GroupCountOnly,
    RemoveFacet,
    SaveCurrentSearch,
    SearchName,
    NoSavedSearches,
    DeleteSearch,
    ActivitiesTitle,
    ScheduleActivity,
    ActivityType,
    ActivitySummary,
    DueDate,
    AssignedTo,
    ActivityNote,
    MarkDone,
    ScheduleButton,
    NoOpenActivities,
    CloseLabel,
    Nobody,
    ResizeColumn,
    CouldNotSaveChange,
    Sales,
    Orders,
    Operations,
    Customers,
    Home,
    HomeHint,
    Create,
    Save,
    Discard,
    Individual,
    Company,
    CustomerName,
    Email,
    Phone,
    Kind,
    NewCustomer,
    Loading,
    NoCustomers,
    CouldNotLoad,
    CouldNotSave,
    Language,
    LocalOnly,
    SyncOffline,
    Syncing,
    SyncedAt,
    SyncError,
    ErrRequired,
    ErrEmail,
    ErrPhone,
    ErrTooLong,
    Search,
    SearchPlaceholder,
    Kanban,
    List,
    PreviousPage,
    NextPage,
    Pager,
    NoMatch,
    City,
    Country,
    Salesperson,
    Tags,
    ActivityOverdue,
    ActivityToday,
    ActivityPlanned,
    ActivityNone,
    Favourite,
    NotFavourite,
    // form: the customer form, its tabs, the contact dialog and the unsaved-changes guard.
    Street,
    Street2,
    StateProvince,
    Zip,
    AddressLegend,
    CompanyAddress,
    TaxId,
    Mobile,
    Website,
    JobPosition,
    WorksFor,
    NoneOption,
    TagsPlaceholder,
    CreateTagPrefix,
    RemoveTag,
    TabContacts,
    TabSales,
    TabNotes,
    Add,
    Edit,
    Remove,
    TypeContact,
    TypeInvoice,
    TypeDelivery,
    TypeOther,
    TypePrivate,
    ContactTypeLegend,
    ContactName,
    ContactNotes,
    NewContact,
    EditContact,
    SaveFirst,
    NoContacts,
    PurchaseSection,
    PaymentTerms,
    Pricelist,
    PurchasePaymentTerms,
    ReceiptReminder,
    NotesLog,
    NewNote,
    NotePlaceholder,
    PostNote,
    MentionHint,
    NoNotes,
    Archive,
    Unarchive,
    ArchivedBadge,
    MarkFavourite,
    UnmarkFavourite,
    UnsavedTitle,
    UnsavedText,
    Stay,
    LeaveDiscard,
    CouldNotLoadCustomer,
    CouldNotChange,
    ErrCountry,
    ErrCompany,
    ErrWebsite,
    ErrTaxId,
    Close,
    MentionsTitle,
    // end form
    // settings: the Settings screen.
    SettingsTitle,
    SettingsReadOnly,
    SettingsTags,
    SettingsPaymentTerms,
    SettingsPricelists,
    SettingsActivityTypes,
    SettingsTeam,
    SettingsTeamFromServer,
    // encryption: the re-sync offered when the local database cannot be read.
    ResyncTitle,
    ResyncExplain,
    ResyncButton,
    ResyncWorking,
    // settings: what IT's managed configuration locked (settings_managed.rs).
    ManagedTitle,
    ManagedNote,
    ManagedBadge,
    ManagedSyncServer,
    ManagedUpdateChannel,
    ManagedUpdates,
    ManagedPrivateAddresses,
    ManagedOn,
    ManagedOff,
    ManagedChannelStable,
    ManagedChannelBeta,
    ManagedNotSet,
    SettingsName,
    SettingsNewName,
    SettingsDisplayName,
    SettingsLogin,
    SettingsColour,
    SettingsEdit,
    SettingsSave,
    SettingsDiscard,
    SettingsAdd,
    SettingsArchive,
    SettingsRestore,
    SettingsArchived,
    SettingsMoveUp,
    SettingsMoveDown,
    SettingsRole,
    SettingsStatus,
    SettingsRoleAdmin,
    SettingsRoleManager,
    SettingsRoleRep,
    SettingsActive,
    SettingsInactive,
    SettingsErrRequired,
    SettingsErrTooLong,
    SettingsErrDuplicate,
    SettingsErrColour,
    SettingsErrLogin,
    // end settings
    // unsent: the unsent-changes panel, the mentions badge and @ suggestions.
    UnsentTitle,
    UnsentWaiting,
    UnsentSince,
    UnsentAllSent,
    UnsentRefused,
    UnsentReason,
    UnsentRefusedAt,
    UnsentFields,
    UnsentReapplied,
    UnsentNothingReapplied,
    UnsentDiscard,
    UnsentDiscardHint,
    UnsentSettings,
    UnsentPreferences,
    UnsentPrivateAddress,
    MentionsBadge,
    MentionsNone,
    MentionUnread,
    MentionSuggestions,
    // end unsent
    // connect: "Connect to your team" (enrolment) and signing out.
    ConnectTitle,
    ConnectIntro,
    ConnectServer,
    ConnectServerManaged,
    ConnectCode,
    ConnectDeviceName,
    ConnectButton,
    ConnectWorking,
    ConnectOffline,
    ConnectSignedOut,
    ConnectErrServer,
    ConnectErrUnreachable,
    ConnectErrNoCode,
    ConnectErrUsed,
    ConnectErrExpired,
    ConnectErrUnknown,
    ConnectErrDisabled,
    SignedOut,
    // end connect
    // duplicates and merge
    DuplicateTitle,
    DuplicateExplain,
    DuplicateSameTaxId,
    DuplicateSamePhone,
    DuplicateSameEmail,
    DuplicateSimilarName,
    DuplicateOpen,
    DuplicateCreateAnyway,
    DuplicateBack,
    MergeButton,
    MergeTitle,
    MergeExplain,
    MergeSuggestions,
    MergeSearch,
    MergeAdd,
    MergeRemove,
    MergeField,
    MergeConfirm,
    MergeCancel,
    MergeEmptyValue,
    MergedFrom,
    MergedInto,
    MergeUndo,
    MergeUndone,
    /// The History tab's list of merges, with their Undo.
    HistoryMerges,
    MergeOpenSurvivor,
    // end duplicates and merge
    // history: the History tab, the conflict mark, its review and the "Has conflicts" filter.
    TabHistory,
    RestoreValue,
    OlderHistory,
    NoHistory,
    HistoryStatus,
    HistoryEmpty,
    HistoryYes,
    HistoryNo,
    ConflictTitle,
    ValuesFor,
    KeepValue,
    ConflictShown,
    FilterHasConflicts,
    // end history
    // recent: what changed while you were editing or away (form banner, card label, sort).
    ChangedWhileEditing,
    ChangedVerb,
    ChangedSaveMerges,
    CardUpdated,
    CardUpdatedBy,
    ChangedForYou,
    SortLabel,
    SortByName,
    SortByUpdated,
    // end recent
    // update: the top bar's update banner.
    UpdateReady,
    UpdateRestart,
    UpdateRestarting,
    UpdateInstallFailed,
    UpdateRefused,
    // end update
    // sales: the sales windows (quotations, orders, invoices, payments, statement).
    SalesQuotations,
    SalesOrdersWindow,
    SalesInvoices,
    SalesPayments,
    SalesProducts,
    SalesPurchases,
    SalesSection,
    SalesStatement,
    SalesStateFilter,
    SalesAllStates,
    SalesOpenQuotations,
    SalesStateQuotation,
    SalesStateSent,
    SalesStateSale,
    SalesStateCancelled,
    SalesStateDraft,
    SalesStatePosted,
    SalesStateRfq,
    SalesStatePurchase,
    SalesStateRegistered,
    SalesColNumber,
    SalesColCustomer,
    SalesColVendor,
    SalesColDate,
    SalesColTotal,
    SalesColAmount,
    SalesColRef,
    SalesColPrice,
    SalesColBalance,
    SalesProvisional,
    SalesNewQuotation,
    SalesNothing,
    SalesCouldNotLoad,
    SalesCustomerFacet,
    SalesChooseCustomer,
    SalesFindCustomer,
    SalesOrderDate,
    SalesLines,
    SalesProduct,
    SalesChooseProduct,
    SalesDescription,
    SalesQuantity,
    SalesUnitPrice,
    SalesDiscount,
    SalesVat,
    SalesVatExempt,
    SalesSubtotal,
    SalesAddLine,
    SalesRemoveLine,
    SalesUntaxed,
    SalesTax,
    SalesTotal,
    SalesConfirm,
    SalesCancel,
    SalesCreateInvoice,
    SalesOpenCustomer,
    SalesCouldNotSave,
    SalesInvoice,
    SalesPost,
    SalesRegisterPayment,
    SalesAmountDue,
    SalesInvoiced,
    SalesAmount,
    SalesPaymentDate,
    SalesMethod,
    SalesCash,
    SalesTransfer,
    SalesReference,
    SalesAllocations,
    SalesCreatePayment,
    SalesPrint,
    SalesKindInvoice,
    SalesKindPayment,
    SalesOrderOf,
    SalesState,
    // end sales
    // product and purchase forms
    ProductNew,
    ProductName,
    ProductUnit,
    ProductArchived,
    ProductPrices,
    ProductRule,
    ProductFixed,
    ProductPercentOff,
    ProductValue,
    ProductNoPricelists,
    ProductManagersOnly,
    ProductSaved,
    PurchaseNew,
    PurchaseOrder,
    PurchaseManagersOnly,
    // end product and purchase forms
    // sales windows' grouping and paging
    SalesGroupByMenu,
    SalesGroupCustomer,
    SalesGroupVendor,
    SalesGroupState,
    SalesGroupMonth,
    SalesGroupSalesperson,
    SalesGroupNone,
    SalesGroups,
    SalesGroupTotal,
    // end sales windows' grouping and paging
}

/// The text `key` in `lang`.
pub fn t(lang: Lang, key: Text) -> &'static str {
    match lang {
        Lang::Vi => vi::text(key),
        Lang::En => en::text(key),
    }
}

/// A count with the language's thousands separator: "100.000" in Vietnamese, "100,000" in
/// English.
pub fn format_count(lang: Lang, n: u64) -> String {
    let separator = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_use_the_language_thousands_separator() {
        assert_eq!(format_count(Lang::Vi, 100_000), "100.000");
        assert_eq!(format_count(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(format_count(Lang::Vi, 80), "80");
        assert_eq!(format_count(Lang::Vi, 0), "0");
    }

    #[test]
    fn locale_picks_english_only_for_english() {
        assert_eq!(Lang::from_locale("en-US"), Lang::En);
        assert_eq!(Lang::from_locale("vi-VN"), Lang::Vi);
        assert_eq!(Lang::from_locale("fr"), Lang::Vi);
    }
}
