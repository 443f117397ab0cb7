//! Changes announced by other replicas, applied before a request is served: the shared counts
//! are read once per authenticated request, and a count that moved since this process last
//! looked drops the cached principals (and rebuilds the policy first when grants changed). A
//! role change made on one replica thus holds on the very next request to any other, whether
//! or not its pub/sub message has arrived yet.

use tokio::sync::Mutex;

use super::Identity;
use crate::AppError;
use crate::signal::Announced;

/// The counts this process has acted on (`None` until the first read).
#[derive(Debug, Default)]
pub(crate) struct Followed(Mutex<Option<Announced>>);

/// What a newer reading of the counts asks of this process.
#[derive(Debug, PartialEq, Eq)]
enum Catch {
    Nothing,
    DropPrincipals,
    RebuildPolicy,
}

fn catch(applied: Option<Announced>, read: Announced) -> Catch {
    match applied {
        // Whatever was cached before the first reading may predate any change.
        None => Catch::RebuildPolicy,
        Some(applied) if read.policy > applied.policy => Catch::RebuildPolicy,
        Some(applied) if read.identity > applied.identity => Catch::DropPrincipals,
        Some(_) => Catch::Nothing,
    }
}

impl Identity {
    /// Applies what other replicas announced since this process last looked. Requests that
    /// see the same newer count wait for the one rebuilding the policy, so none is served on
    /// the old one.
    pub(crate) async fn follow_other_replicas(&self) -> Result<(), AppError> {
        let Some(read) = self.signal.announced().await else {
            return Ok(());
        };
        let mut applied = self.followed.0.lock().await;
        match catch(*applied, read) {
            Catch::Nothing => return Ok(()),
            Catch::DropPrincipals => self.principals.drop_all(),
            Catch::RebuildPolicy => {
                self.principals.drop_all();
                // On a task of its own: the rebuild reads every tenant, outside the request's
                // unit of work (which is bound to the caller's tenant).
                let access = self.access.clone();
                tokio::spawn(async move { access.refresh().await })
                    .await
                    .map_err(|e| AppError::Internal(format!("policy rebuild: {e}")))??;
            }
        }
        let previous = applied.unwrap_or_default();
        *applied = Some(Announced {
            policy: previous.policy.max(read.policy),
            identity: previous.identity.max(read.identity),
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn counts(policy: u64, identity: u64) -> Announced {
        Announced { policy, identity }
    }

    #[test]
    fn a_moved_count_is_caught_up_and_an_older_reading_is_ignored() {
        assert_eq!(catch(None, counts(0, 0)), Catch::RebuildPolicy);
        assert_eq!(catch(Some(counts(3, 7)), counts(3, 7)), Catch::Nothing);
        assert_eq!(
            catch(Some(counts(3, 7)), counts(3, 8)),
            Catch::DropPrincipals
        );
        assert_eq!(
            catch(Some(counts(3, 7)), counts(4, 7)),
            Catch::RebuildPolicy
        );
        assert_eq!(catch(Some(counts(4, 8)), counts(3, 7)), Catch::Nothing);
    }
}
