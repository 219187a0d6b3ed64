//! What the app's use-case tests share: the six economies and the principals they act as.

use pathways_app::domain::{Principal, Role};

pub(crate) const ECONOMIES: [&str; 6] = ["AL", "BA", "ME", "MK", "RS", "XK"];

/// A user of `role` (in `economy` for a focal point), as the use cases see them once signed in.
pub(crate) fn who(role: Role, economy: Option<&str>) -> Principal {
    Principal {
        user_id: format!("u-{}", role.as_str()),
        email: format!("{}@test", role.as_str()),
        role,
        economy: economy.map(str::to_string),
    }
}

pub(crate) fn analyst() -> Principal {
    who(Role::Analyst, None)
}
