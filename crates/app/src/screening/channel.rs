//! Through which door personal data was read: recorded with each read of a case (its page, the
//! API, the identity review), so that the read log says how.

/// Through which door a case was read: recorded with each read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Ui,
    Api,
}

impl Channel {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Channel::Ui => "ui",
            Channel::Api => "api",
        }
    }
}
