//! How the window's webview draws on Linux: with WebKitGTK's accelerated compositing when the
//! machine has a GPU to composite on, without it when it has none (a virtual machine, a remote
//! desktop, a laptop whose GPU driver is missing). Without a GPU, WebKitGTK composites through
//! a software OpenGL (Mesa's llvmpipe) and a frame takes 40-100 ms on two cores: a keystroke's
//! results then waited ~47 ms for the frame that shows them; drawn without compositing, ~6 ms
//! (`cargo xtask bench ui`, Xvfb; README, "Design decisions").

/// WebKitGTK's own switch: set to anything but `0`, it draws without accelerated compositing.
pub const SWITCH: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// What the window does about compositing, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compositing {
    /// The environment already says (the user's or IT's choice): left as it is.
    AsConfigured,
    /// A GPU render node is there: WebKitGTK composites on it.
    OnTheGpu,
    /// No GPU render node: drawn without compositing, in software.
    OffWithoutGpu,
}

/// The choice for a machine: `configured` is the switch's value in the environment (if set),
/// `has_render_node` whether a GPU render node (`/dev/dri/renderD*`) exists.
pub fn choose(configured: Option<&str>, has_render_node: bool) -> Compositing {
    match (configured, has_render_node) {
        (Some(_), _) => Compositing::AsConfigured,
        (None, true) => Compositing::OnTheGpu,
        (None, false) => Compositing::OffWithoutGpu,
    }
}

/// Whether this machine has a GPU render node (Linux's DRM devices).
fn has_render_node() -> bool {
    std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// Chooses before the webview starts (and before any thread does: the environment is read by
/// WebKitGTK's processes, which inherit it). Only Linux's webview has the switch.
pub fn prepare_webview() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let configured = std::env::var(SWITCH).ok();
    apply(configured.as_deref(), has_render_node(), |name, value| {
        std::env::set_var(name, value)
    });
}

/// Makes the choice for this machine, setting the switch through `set` when it must be off.
fn apply(
    configured: Option<&str>,
    has_render_node: bool,
    mut set: impl FnMut(&str, &str),
) -> Compositing {
    let chosen = choose(configured, has_render_node);
    match chosen {
        Compositing::AsConfigured => {
            tracing::info!(switch = SWITCH, value = ?configured, "webview compositing as configured")
        }
        Compositing::OnTheGpu => tracing::debug!("webview composites on the GPU"),
        Compositing::OffWithoutGpu => {
            tracing::info!(
                "no GPU render node (/dev/dri/renderD*): the webview draws without compositing \
                 (set {SWITCH}=0 to composite anyway)"
            );
            set(SWITCH, "1");
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_machine_without_a_gpu_draws_without_compositing() {
        assert_eq!(choose(None, false), Compositing::OffWithoutGpu);
    }

    #[test]
    fn a_machine_with_a_gpu_composites_on_it() {
        assert_eq!(choose(None, true), Compositing::OnTheGpu);
    }

    #[test]
    fn only_a_machine_without_a_gpu_gets_the_switch_set() {
        let mut set = Vec::new();
        apply(None, false, |name, value| {
            set.push((name.to_owned(), value.to_owned()))
        });
        assert_eq!(set, [(SWITCH.to_owned(), "1".to_owned())]);
        for (configured, gpu) in [(None, true), (Some("0"), false), (Some("1"), true)] {
            let mut set = Vec::new();
            apply(configured, gpu, |name, value| {
                set.push((name.to_owned(), value.to_owned()))
            });
            assert!(set.is_empty(), "{configured:?}, gpu {gpu}: {set:?}");
        }
    }

    #[test]
    fn what_the_environment_says_wins_either_way() {
        for gpu in [false, true] {
            assert_eq!(choose(Some("0"), gpu), Compositing::AsConfigured);
            assert_eq!(choose(Some("1"), gpu), Compositing::AsConfigured);
        }
    }
}
