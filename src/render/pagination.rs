//! Where one page of a long list stands among its pages: the links under
//! it to the pages before and after, by number, and which items it holds,
//! as GOV.UK's pagination shows them (the first and last page, this one
//! and its neighbours, the rest left out with an ellipsis).

use serde::Serialize;

/// One page of a list cut into pages of the same length.
#[derive(Serialize)]
pub(crate) struct Pagination {
    /// This page, from 1.
    pub(crate) current: usize,
    /// How many pages there are.
    pub(crate) count: usize,
    /// Items to a full page.
    pub(crate) per_page: usize,
    /// The first and last item on this page, from 1, of `total`.
    pub(crate) first: usize,
    pub(crate) last: usize,
    pub(crate) total: usize,
    /// The address of the page before and of the page after, if any.
    pub(crate) previous: Option<String>,
    pub(crate) next: Option<String>,
    /// The pages linked by number, in order; `None` where pages between
    /// two of them are left out.
    pub(crate) pages: Vec<Option<PageLink>>,
}

/// A page linked by its number.
#[derive(Serialize, Debug, PartialEq)]
pub(crate) struct PageLink {
    /// From 1.
    pub(crate) number: usize,
    /// Its address under the site root.
    pub(crate) href: String,
    /// Whether it is the page shown.
    pub(crate) current: bool,
}

impl Pagination {
    /// Page `page` (from 0) of `total` items, `per_page` to a page, each
    /// page at `address(page)`.
    pub(crate) fn new(
        page: usize,
        total: usize,
        per_page: usize,
        address: impl Fn(usize) -> String,
    ) -> Pagination {
        let count = total.div_ceil(per_page.max(1)).max(1);
        let shown = |n: usize| n == 0 || n + 1 == count || n.abs_diff(page) <= 1;
        let mut pages = Vec::new();
        for n in (0..count).filter(|&n| shown(n)) {
            // A single page left out is linked rather than hidden behind "…".
            // (`number` counts from 1: the page after it is `number`.)
            let before = pages.last().and_then(|p: &Option<PageLink>| p.as_ref());
            match before.map(|p| p.number) {
                Some(after) if n == after + 1 => pages.push(Some(link(after, &address, page))),
                Some(after) if n > after + 1 => pages.push(None),
                _ => {}
            }
            pages.push(Some(link(n, &address, page)));
        }
        Pagination {
            current: page + 1,
            count,
            per_page,
            first: (page * per_page + 1).min(total),
            last: ((page + 1) * per_page).min(total),
            total,
            previous: page.checked_sub(1).map(&address),
            next: (page + 1 < count).then(|| address(page + 1)),
            pages,
        }
    }
}

/// The link to page `n` (from 0), shown when `page` is.
fn link(n: usize, address: &impl Fn(usize) -> String, page: usize) -> PageLink {
    PageLink {
        number: n + 1,
        href: address(n),
        current: n == page,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(pagination: &Pagination) -> Vec<Option<usize>> {
        let pages = pagination.pages.iter();
        pages.map(|p| p.as_ref().map(|p| p.number)).collect()
    }

    fn at(n: usize) -> String {
        format!("p{}/", n + 1)
    }

    #[test]
    fn the_first_last_and_neighbouring_pages_are_linked_the_rest_left_out() {
        let middle = Pagination::new(49, 10_000, 100, at);
        assert_eq!(
            numbers(&middle),
            [Some(1), None, Some(49), Some(50), Some(51), None, Some(100)]
        );
        assert_eq!(
            (middle.first, middle.last, middle.total),
            (4901, 5000, 10_000)
        );
        assert_eq!(middle.previous.as_deref(), Some("p49/"));
        assert_eq!(middle.next.as_deref(), Some("p51/"));
        let current: Vec<bool> = middle.pages.iter().flatten().map(|p| p.current).collect();
        assert_eq!(current, [false, false, true, false, false]);
    }

    #[test]
    fn the_ends_have_no_page_beyond_and_a_gap_of_one_page_is_linked() {
        let first = Pagination::new(0, 250, 100, at);
        assert_eq!(numbers(&first), [Some(1), Some(2), Some(3)]);
        assert_eq!((first.previous, first.next.as_deref()), (None, Some("p2/")));
        let last = Pagination::new(2, 250, 100, at);
        assert_eq!((last.first, last.last), (201, 250));
        assert_eq!((last.previous.as_deref(), last.next), (Some("p2/"), None));
        // Page 3 of 5: page 1 and 5 with nothing left out between.
        let third = Pagination::new(2, 500, 100, at);
        assert_eq!(numbers(&third), [1, 2, 3, 4, 5].map(Some));
        // Page 4 of 6: 2 is the only page between 1 and 3, so it is linked.
        let fourth = Pagination::new(3, 600, 100, at);
        assert_eq!(numbers(&fourth), [1, 2, 3, 4, 5, 6].map(Some));
        let seventh = Pagination::new(6, 1000, 100, at);
        assert_eq!(
            numbers(&seventh),
            [Some(1), None, Some(6), Some(7), Some(8), Some(9), Some(10)]
        );
    }

    #[test]
    fn a_short_or_empty_list_is_one_page() {
        let one = Pagination::new(0, 14, 100, at);
        assert_eq!((one.count, one.first, one.last), (1, 1, 14));
        assert_eq!(numbers(&one), [Some(1)]);
        let none = Pagination::new(0, 0, 100, at);
        assert_eq!((none.count, none.first, none.last), (1, 0, 0));
    }
}
