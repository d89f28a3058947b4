//! Drives the real desktop app: starts tauri-driver on free ports, opens a WebDriver session on
//! the `clientele` binary with its own data folder, and offers waits with deadlines.
//!
//! Needs a display (`DISPLAY`, Xvfb under `cargo xtask test`), `tauri-driver` on PATH and the app
//! built by `cargo xtask`; `CLIENTELE_APP` names the binary.

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use std::future::Future;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long any single wait may take before the test fails.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// The desktop binary under test.
pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("CLIENTELE_APP")
        .map(PathBuf::from)
        .expect("CLIENTELE_APP must name the built clientele binary (cargo xtask test sets it)");
    assert!(
        path.exists(),
        "the app binary {} does not exist",
        path.display()
    );
    path
}

/// The customer form, for `button_in` and `control_in`.
pub const CUSTOMER_FORM: &str = "//form[contains(@class,'customer-form')]";

/// Where the test run leaves screenshots: `target/screenshots` of the checkout cargo runs the
/// test in (found at run time: a test binary reused from another clone must not write there).
pub fn screenshot_dir() -> PathBuf {
    let dir = clientele_test_support::Checkout::current()
        .root
        .join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("cannot create target/screenshots");
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free port on 127.0.0.1")
}

/// The text of `element`, or "" if it went away.
pub async fn text_of(element: &Element) -> String {
    element.text().await.unwrap_or_default()
}

/// Polls `check` until it yields `Some`, failing with `what` after `DEADLINE`.
pub async fn wait_for<T, F, Fut>(what: &str, check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    wait_within(what, DEADLINE, check).await
}

/// Polls `check` until it yields `Some`, failing with `what` after `limit` (a promise such as
/// "within 5 s").
pub async fn wait_within<T, F, Fut>(what: &str, limit: Duration, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + limit;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {limit:?} waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A running app under tauri-driver.
pub struct Desktop {
    driver: Child,
    pub client: Client,
}

impl Desktop {
    /// Starts the app on `data_dir` and waits until its window answers WebDriver.
    pub async fn launch(data_dir: &Path) -> Desktop {
        Desktop::launch_with_env(data_dir, &[]).await
    }

    /// Starts the app on `data_dir` syncing with the server at `url` as `token`'s user, and
    /// waits until its window says it is up to date (the two-window team tests).
    pub async fn launch_synced(data_dir: &Path, url: &str, token: &str) -> Desktop {
        let app = Desktop::launch_with_env(
            data_dir,
            &[
                ("CLIENTELE_SYNC_SERVER", url),
                ("CLIENTELE_SYNC_TOKEN", token),
            ],
        )
        .await;
        app.find_css(".sync-state.synced", "the window to be up to date")
            .await;
        app
    }

    /// Starts the app with extra environment (e.g. a sync server and token).
    pub async fn launch_with_env(data_dir: &Path, env: &[(&str, &str)]) -> Desktop {
        let (port, native_port) = (free_port(), free_port());
        let driver = Command::new("tauri-driver")
            // The app's secrets (its replica key) in files of its data folder, not the
            // tester's keychain, so `app_replica` can open what it wrote; `env` may override.
            .env("CLIENTELE_SECRETS", "file")
            .envs(env.iter().copied())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            // The UI follows the system locale; these tests read Vietnamese labels.
            .env("LANG", "vi_VN.UTF-8")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("cannot start tauri-driver: run the tests through `cargo xtask test`");
        // Killed if a wait below fails, so no driver outlives its test.
        let mut driver = DriverGuard(Some(driver));
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "tauri:options".into(),
            serde_json::json!({
                "application": app_binary(),
                "args": ["--data-dir", data_dir],
            }),
        );
        // Wait for both ports, then open one session (a retried session request would start a
        // second app). tauri-driver listens as soon as it has spawned WebKitWebDriver, and
        // forwards a request to it without waiting: sent before WebKitWebDriver listens, the
        // session request is dropped unanswered (seen in CI as hyper's `IncompleteMessage`).
        for (what, listening) in [
            ("tauri-driver to listen", port),
            (
                "WebKitWebDriver (tauri-driver's native driver) to listen",
                native_port,
            ),
        ] {
            wait_for(what, || async {
                std::net::TcpStream::connect(("127.0.0.1", listening)).ok()
            })
            .await;
        }
        let client = ClientBuilder::native()
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("tauri-driver could not start the app");
        let desktop = Desktop {
            driver: driver.0.take().expect("driver is held"),
            client,
        };
        desktop
            .find_css("main.screen", "the app's main screen")
            .await;
        desktop
    }

    /// Waits for an element matching `css`.
    pub async fn find_css(&self, css: &str, what: &str) -> Element {
        wait_for(what, || async {
            self.client.find(Locator::Css(css)).await.ok()
        })
        .await
    }

    /// Waits for a button whose visible text is `label`.
    pub async fn button(&self, label: &str) -> Element {
        let xpath = format!("//button[normalize-space(.)='{label}']");
        wait_for(&format!("a button labelled {label:?}"), || async {
            self.client.find(Locator::XPath(&xpath)).await.ok()
        })
        .await
    }

    /// Waits for the input whose `<label>` reads `label`.
    pub async fn field(&self, label: &str) -> Element {
        let xpath = format!("//input[@id=//label[normalize-space(.)='{label}']/@for]");
        wait_for(&format!("a field labelled {label:?}"), || async {
            self.client.find(Locator::XPath(&xpath)).await.ok()
        })
        .await
    }

    /// Waits for the element whose `aria-label` is `label` (search box, view switch, pager).
    pub async fn labelled(&self, label: &str) -> Element {
        let css = format!("[aria-label='{label}']");
        wait_for(&format!("an element labelled {label:?}"), || async {
            self.client.find(Locator::Css(&css)).await.ok()
        })
        .await
    }

    /// Waits for the input, select or textarea whose `<label>` reads `label`, inside the first
    /// element matching the XPath `scope` (`""` for the whole page, `//*[@role='dialog']` for a
    /// dialog): the customer form and the contact dialog share labels such as "Thành phố".
    pub async fn control_in(&self, scope: &str, label: &str) -> Element {
        let xpath = format!(
            "({scope}//*[(self::input or self::select or self::textarea) and \
             @id=({scope}//label[normalize-space(.)='{label}'])[1]/@for])[1]"
        );
        wait_for(&format!("a control labelled {label:?}"), || async {
            self.client.find(Locator::XPath(&xpath)).await.ok()
        })
        .await
    }

    /// Waits for the input, select or textarea whose `<label>` reads `label`.
    pub async fn control(&self, label: &str) -> Element {
        self.control_in("", label).await
    }

    /// Waits for a button whose visible text is `label` inside the XPath `scope`.
    pub async fn button_in(&self, scope: &str, label: &str) -> Element {
        let xpath = format!("({scope}//button[normalize-space(.)='{label}'])[1]");
        wait_for(&format!("a button labelled {label:?}"), || async {
            self.client.find(Locator::XPath(&xpath)).await.ok()
        })
        .await
    }

    /// Waits for the `<label>` reading `label` (a radio or checkbox choice) and clicks it.
    pub async fn choose(&self, label: &str) {
        let xpath = format!("//label[normalize-space(.)='{label}']");
        wait_for(&format!("a choice labelled {label:?}"), || async {
            self.client.find(Locator::XPath(&xpath)).await.ok()
        })
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot choose {label:?}: {e}"));
    }

    /// Waits for the element with `role` whose visible text is `text` (a tab, a menu entry).
    pub async fn role(&self, role: &str, text: &str) -> Element {
        let xpath = format!("//*[@role='{role}' and normalize-space(.)='{text}']");
        wait_for(&format!("a {role} reading {text:?}"), || async {
            self.client.find(Locator::XPath(&xpath)).await.ok()
        })
        .await
    }

    /// Waits for the element matching the XPath `xpath` (`what` names it in a failure).
    pub async fn xpath(&self, xpath: &str, what: &str) -> Element {
        wait_for(what, || async {
            self.client.find(Locator::XPath(xpath)).await.ok()
        })
        .await
    }

    /// Waits for the kanban card whose name is `name`.
    /// Opens `name`'s form from the Customers screen and waits until it shows that customer.
    pub async fn open_customer(&self, name: &str) {
        self.card(name).await.click().await.unwrap();
        wait_for(&format!("{name}'s form"), || async {
            let field = self.field("Tên khách hàng").await;
            (field.prop("value").await.ok().flatten().as_deref() == Some(name)).then_some(())
        })
        .await;
    }

    /// Back to the Customers screen through the breadcrumb.
    pub async fn back_to_customers(&self) {
        self.button_in("//*[contains(@class,'breadcrumb')]", "Khách hàng")
            .await
            .click()
            .await
            .unwrap();
    }

    pub async fn card(&self, name: &str) -> Element {
        let xpath = format!(
            "//article[contains(@class,'customer-card') and .//*[contains(@class,'card-name') and normalize-space(.)='{name}']]"
        );
        self.xpath(&xpath, &format!("the card of {name}")).await
    }

    /// Opens the customer form's tab reading `label`, scrolled into view as a user would (the
    /// form is taller than a 1366x768 screen), and waits until it is selected.
    pub async fn open_tab(&self, label: &str) {
        let tab = self.role("tab", label).await;
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'start'});",
                vec![serde_json::to_value(&tab).unwrap()],
            )
            .await
            .unwrap();
        tab.click().await.unwrap();
        wait_for(&format!("the tab {label:?} selected"), || async {
            let tab = self.role("tab", label).await;
            (tab.attr("aria-selected").await.ok().flatten().as_deref() == Some("true"))
                .then_some(())
        })
        .await;
    }

    /// The names in the list view's rows, in order.
    pub async fn list_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        for cell in self
            .client
            .find_all(Locator::Css("table.customer-list tbody td.col-name"))
            .await
            .unwrap_or_default()
        {
            // The cell's own text: a narrow column shows it cut with an ellipsis, and WebKit's
            // visible text of such a cell can be empty.
            let text = cell.prop("textContent").await.ok().flatten();
            names.push(text.unwrap_or_default().trim().to_owned());
        }
        names
    }

    /// The names on the kanban's cards, in order.
    pub async fn card_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        for card in self
            .client
            .find_all(Locator::Css(".customer-card .card-name"))
            .await
            .unwrap_or_default()
        {
            names.push(card.text().await.unwrap_or_default());
        }
        names
    }

    /// A screenshot of the whole virtual display (the real window), to `target/screenshots`,
    /// once the webview has painted what the DOM now holds.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));",
                vec![],
            )
            .await
            .expect("the webview did not paint");
        let path = screenshot_dir().join(format!("{name}.png"));
        let status = Command::new("import")
            .args(["-window", "root"])
            .arg(&path)
            .status()
            .expect("cannot run ImageMagick's import");
        assert!(status.success(), "import failed to capture the display");
        path
    }

    /// Ends the session (closing the app), then stops tauri-driver.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        stop_driver(&mut self.driver);
    }
}

/// Stops tauri-driver with SIGTERM (SIGKILL would orphan WebKitWebDriver, which keeps its port
/// and our output pipe) and waits for it, so a failed test does not leave the app running.
fn stop_driver(driver: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &driver.id().to_string()])
        .status();
    let deadline = Instant::now() + DEADLINE;
    while driver.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Holds tauri-driver until the session is open, stopping it if opening panics.
struct DriverGuard(Option<Child>);

impl Drop for DriverGuard {
    fn drop(&mut self) {
        if let Some(driver) = self.0.as_mut() {
            stop_driver(driver);
        }
    }
}
