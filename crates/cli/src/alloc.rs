//! Allocator settings by command. The linkage batch wants jemalloc to keep every page it frees
//! (`dirty_decay_ms:-1`: a 1M × 1M link frees and reallocates hundreds of megabytes between its
//! stages, and each page handed back is faulted in and zeroed again on reuse — a fifth of the run's
//! system time) and one arena for all threads (`narenas:1`: with one per thread, memory one worker
//! frees is never reused by another; a 1M × 1M link took 75 MB more fresh pages). The server must
//! not have either: it runs for months, so its memory must go back, and its request threads must
//! not contend for one arena.
//!
//! jemalloc reads its options once, before `main`, from the environment; so a batch command
//! replaces its own process with itself started again with the options set.

use std::ffi::OsString;

/// The environment variable this build of jemalloc (symbols prefixed `_rjem_`) reads its options
/// from.
pub const CONF_VAR: &str = "_RJEM_MALLOC_CONF";

/// The options of the linkage batch.
pub const BATCH: &str = "dirty_decay_ms:-1,narenas:1";

/// Set in the restarted process, so that it does not restart again.
const RESTARTED: &str = "PATHWAYS_BATCH_ALLOCATOR";

/// The options value for a batch run: ours first, so that options a user gives in the same
/// variable (for instance `stats_print:true`) are kept and win where they overlap.
pub fn batch_conf(existing: Option<OsString>) -> OsString {
    let mut conf = OsString::from(BATCH);
    if let Some(e) = existing.filter(|e| !e.is_empty()) {
        conf.push(",");
        conf.push(e);
    }
    conf
}

/// Restarts this process with the batch options, unless it already runs with them. Returns only
/// when it could not restart; the command then runs with the default options, only slower.
pub fn restart_as_batch() {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        if std::env::var_os(RESTARTED).is_some() {
            return;
        }
        let Ok(exe) = std::env::current_exe() else { return };
        let e = std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env(CONF_VAR, batch_conf(std::env::var_os(CONF_VAR)))
            .env(RESTARTED, "1")
            .exec();
        tracing::debug!(error = %e, "could not restart with the batch allocator options");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_users_options_are_kept_after_ours() {
        assert_eq!(batch_conf(None), BATCH);
        assert_eq!(batch_conf(Some("".into())), BATCH);
        assert_eq!(
            batch_conf(Some("stats_print:true".into())),
            OsString::from(format!("{BATCH},stats_print:true"))
        );
    }
}
