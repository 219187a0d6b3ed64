//! The one way a case moves along its workflow outside a decision: step by step, each step one
//! that [`CaseState::may_move_to`] allows, each kept in the case's history. The use cases that
//! move a case (an officer's move, a request sent, the last answer received) all go through it.

use pathways_domain::screening::CaseState;
use pathways_storage::{StoredCase, Tx};

use crate::{AppError, Result};

/// Moves a case to `to` — through screening when it was only received — each step one that
/// [`CaseState::may_move_to`] allows, each kept in the case's history.
pub(super) async fn advance(tx: &mut Tx, c: &StoredCase, to: CaseState, by: &str) -> Result<()> {
    let through = (c.state == CaseState::Received && to != CaseState::Screening).then_some(CaseState::Screening);
    let (mut state, mut version) = (c.state, c.version);
    for next in through.into_iter().chain([to]) {
        if !state.may_move_to(next) {
            return Err(AppError::Internal(format!(
                "case {} cannot move from {} to {}",
                c.id,
                state.as_str(),
                next.as_str()
            )));
        }
        // One writer holds the transaction: the case cannot change between the read and here.
        if !tx.move_case(&c.id, version, next, by).await? {
            return Err(AppError::Internal(format!(
                "case {} changed under its own transaction",
                c.id
            )));
        }
        (state, version) = (next, version + 1);
    }
    Ok(())
}
