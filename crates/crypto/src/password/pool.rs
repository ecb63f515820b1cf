use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

use account_domain::UnexpectedError;
use tokio::sync::{mpsc, oneshot};

use super::scratch::Scratch;

type Job = Box<dyn FnOnce(&mut Scratch) + Send>;
type Jobs = Arc<Mutex<mpsc::Receiver<Job>>>;

/// A fixed set of OS threads running argon2 jobs, each in its own [`Scratch`] memory.
///
/// Async callers queue a job and await its result; they never block a runtime worker. At
/// most `workers` jobs run at once and at most `queue` wait; further callers wait
/// asynchronously for room in the queue. The threads end when the pool is dropped.
pub(super) struct HashPool {
    jobs: mpsc::Sender<Job>,
}

impl HashPool {
    /// `workers` and `queue` must be at least 1.
    pub fn start(
        workers: usize,
        queue: usize,
        keep_blocks: usize,
        max_blocks: usize,
    ) -> io::Result<Self> {
        let (sender, receiver) = mpsc::channel::<Job>(queue);
        let receiver: Jobs = Arc::new(Mutex::new(receiver));
        for index in 0..workers {
            let receiver = Arc::clone(&receiver);
            thread::Builder::new()
                .name(format!("argon2-{index}"))
                .spawn(move || work(&receiver, Scratch::new(keep_blocks, max_blocks)))?;
        }
        Ok(Self { jobs: sender })
    }

    /// Jobs waiting for a worker.
    pub fn queued(&self) -> usize {
        self.jobs.max_capacity() - self.jobs.capacity()
    }

    /// Runs `job` on a worker thread. When the caller stops waiting before a worker takes the
    /// job, the job is skipped.
    pub async fn run<R, F>(&self, job: F) -> Result<R, UnexpectedError>
    where
        R: Send + 'static,
        F: FnOnce(&mut Scratch) -> R + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let job: Job = Box::new(move |scratch| {
            if !reply.is_closed() {
                // The caller may have gone in the meantime; nothing to do then.
                let _ = reply.send(job(scratch));
            }
        });
        self.jobs
            .send(job)
            .await
            .map_err(|_| UnexpectedError::new("password hashing pool has stopped"))?;
        answer
            .await
            .map_err(|_| UnexpectedError::new("password hashing job failed"))
    }
}

fn work(jobs: &Mutex<mpsc::Receiver<Job>>, mut scratch: Scratch) {
    yield_to_other_work();
    loop {
        // One idle worker waits on the queue, the others on the lock.
        let next = jobs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .blocking_recv();
        let Some(job) = next else { return };
        if panic::catch_unwind(AssertUnwindSafe(|| job(&mut scratch))).is_err() {
            tracing::error!("a password hashing job panicked");
        }
    }
}

/// How much lower than the rest of the process the hashing threads run (a `nice` value).
/// Hashing saturates every core during a log-in storm; at an equal priority the reads,
/// the database and the log-ins' own writes would queue behind it for the CPU. Lowered, they
/// run first and hashing takes the rest: the cores stay busy and log-ins lose little.
const HASHING_NICENESS: i32 = 10;

/// Lowers the calling thread's priority by [`HASHING_NICENESS`] from where it is (on Linux,
/// `setpriority` with no pid applies to the calling thread only; elsewhere it would lower the
/// whole process, so it is not done there). Where it cannot, hashing runs at the normal
/// priority, which is only slower for the rest under load.
fn yield_to_other_work() {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::process::{getpriority_process, setpriority_process};
        let lowered = getpriority_process(None)
            .and_then(|now| setpriority_process(None, (now + HASHING_NICENESS).min(19)));
        if let Err(error) = lowered {
            tracing::warn!(%error, "could not lower the priority of a hashing thread");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use tokio::task::JoinSet;

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn runs_at_most_workers_jobs_at_once_on_its_own_threads() {
        let pool = Arc::new(HashPool::start(2, 1, 0, 0).unwrap());
        let running = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let mut tasks = JoinSet::new();
        for _ in 0..12 {
            let (pool, running, peak) =
                (Arc::clone(&pool), Arc::clone(&running), Arc::clone(&peak));
            tasks.spawn(async move {
                pool.run(move |_| {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    thread::sleep(Duration::from_millis(10));
                    running.fetch_sub(1, Ordering::SeqCst);
                    thread::current().name().map(str::to_owned)
                })
                .await
            });
        }
        let names = tasks.join_all().await;
        assert_eq!(names.len(), 12);
        for name in names {
            assert!(name.unwrap().unwrap().starts_with("argon2-"));
        }
        assert_eq!(peak.load(Ordering::SeqCst), 2);
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn hashing_threads_run_at_a_lower_priority_than_the_rest() {
        let before = rustix::process::getpriority_process(None).expect("own priority");
        let lowered = std::thread::spawn(|| {
            yield_to_other_work();
            rustix::process::getpriority_process(None).expect("thread priority")
        })
        .join()
        .expect("the thread");
        assert_eq!(lowered, (before + HASHING_NICENESS).min(19));
        assert_eq!(
            rustix::process::getpriority_process(None).expect("own priority"),
            before,
            "only the hashing thread is lowered"
        );
    }

    #[tokio::test]
    async fn a_panicking_job_fails_its_caller_only() {
        let pool = HashPool::start(1, 1, 0, 0).unwrap();
        assert!(pool.run(|_| -> u8 { panic!("boom") }).await.is_err());
        assert_eq!(pool.run(|_| 7).await.unwrap(), 7);
    }
}
