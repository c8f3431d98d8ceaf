//! Walking numbered pages as one stream of items.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::Stream;

use crate::Error;

/// One page: its items and, when the server says, how many there are in all.
#[derive(Debug)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// The total the server reports (`meta.total_count`, `meta.count`, ...).
    pub total: Option<u64>,
}

/// Every item of every page, fetched lazily: `fetch(1)`, `fetch(2)`, ...
/// An empty page ends the stream. When the server reports a total, pages
/// are fetched until that many items came (a server may send shorter
/// pages than asked for); otherwise a page shorter than `page_size` is the
/// last. An error ends the stream after it is yielded.
///
/// The stream is `Unpin`, so `stream.next().await` works without pinning.
pub fn paginate<T, F, Fut>(page_size: u64, fetch: F) -> impl Stream<Item = Result<T, Error>> + Unpin
where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = Result<Page<T>, Error>>,
{
    Paginate { fetch, page_size, seen: 0, next_page: Some(1), pending: None, items: Vec::new().into_iter() }
}

struct Paginate<T, F, Fut> {
    fetch: F,
    page_size: u64,
    /// Items received so far.
    seen: u64,
    /// The page to fetch once `items` runs out; `None` after the last.
    next_page: Option<u64>,
    pending: Option<Pin<Box<Fut>>>,
    items: std::vec::IntoIter<T>,
}

// Nothing is pinned in place (the page future is boxed), so moving the
// stream is always fine.
impl<T, F, Fut> Unpin for Paginate<T, F, Fut> {}

impl<T, F, Fut> Stream for Paginate<T, F, Fut>
where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = Result<Page<T>, Error>>,
{
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.items.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            if this.pending.is_none() {
                let Some(page) = this.next_page else { return Poll::Ready(None) };
                this.pending = Some(Box::pin((this.fetch)(page)));
            }
            let Some(pending) = this.pending.as_mut() else { return Poll::Ready(None) };
            let result = match pending.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(result) => result,
            };
            this.pending = None;
            match result {
                Ok(Page { items, total }) => {
                    let count = items.len() as u64;
                    this.seen = this.seen.saturating_add(count);
                    let more = count > 0
                        && match total {
                            Some(total) => this.seen < total,
                            None => count >= this.page_size,
                        };
                    this.next_page = this.next_page.filter(|_| more).and_then(|p| p.checked_add(1));
                    this.items = items.into_iter();
                }
                Err(e) => {
                    this.next_page = None;
                    return Poll::Ready(Some(Err(e)));
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let buffered = self.items.len();
        (buffered, self.next_page.is_none().then_some(buffered))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;
    use std::sync::{Arc, Mutex};

    /// Pages of `sizes[i]` items each; records which pages were asked for.
    async fn walk(page_size: u64, sizes: &[usize]) -> (Vec<u64>, Vec<u64>) {
        walk_counted(page_size, sizes, None).await
    }

    /// As [`walk`], each page reporting `total`.
    async fn walk_counted(page_size: u64, sizes: &[usize], total: Option<u64>) -> (Vec<u64>, Vec<u64>) {
        let asked = Arc::new(Mutex::new(Vec::new()));
        let sizes = sizes.to_vec();
        let log = asked.clone();
        let stream = paginate(page_size, move |page| {
            log.lock().unwrap().push(page);
            let size = sizes.get(page as usize - 1).copied().unwrap_or(0);
            let items = (0..size as u64).map(|i| page * 100 + i).collect::<Vec<_>>();
            async move { Ok(Page { items, total }) }
        });
        let items: Vec<u64> = stream.map(Result::unwrap).collect().await;
        let asked = asked.lock().unwrap().clone();
        (items, asked)
    }

    #[tokio::test]
    async fn stops_at_a_short_page() {
        let (items, asked) = walk(2, &[2, 2, 1, 2]).await;
        assert_eq!(items, [100, 101, 200, 201, 300]);
        assert_eq!(asked, [1, 2, 3]);
    }

    #[tokio::test]
    async fn stops_at_an_empty_page() {
        let (items, asked) = walk(2, &[2, 2]).await;
        assert_eq!(items, [100, 101, 200, 201]);
        assert_eq!(asked, [1, 2, 3]);
        let (items, asked) = walk(2, &[]).await;
        assert!(items.is_empty());
        assert_eq!(asked, [1]);
    }

    #[tokio::test]
    async fn a_total_outlasts_short_pages_and_stops_on_time() {
        // The server sends 2 where 3 were asked for; the total says 5.
        let (items, asked) = walk_counted(3, &[2, 2, 1, 2], Some(5)).await;
        assert_eq!(items, [100, 101, 200, 201, 300]);
        assert_eq!(asked, [1, 2, 3]);
        // Full pages that reach the total: no page past the end is asked for.
        let (_, asked) = walk_counted(2, &[2, 2, 2], Some(4)).await;
        assert_eq!(asked, [1, 2]);
        // A total larger than what comes: an empty page ends it.
        let (items, asked) = walk_counted(2, &[2], Some(10)).await;
        assert_eq!((items.len(), asked), (2, vec![1, 2]));
    }

    #[tokio::test]
    async fn an_error_ends_the_stream() {
        let mut stream = paginate(1, |page| async move {
            if page == 1 {
                Ok(Page { items: vec![1], total: None })
            } else {
                Err(Error::timeout("op"))
            }
        });
        assert_eq!(stream.next().await.unwrap().unwrap(), 1);
        assert!(stream.next().await.unwrap().unwrap_err().is_timeout());
        assert!(stream.next().await.is_none());
    }
}
