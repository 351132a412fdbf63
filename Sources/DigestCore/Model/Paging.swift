/// A long list cut into pages of `size` items, as Zola's `Paginator` does:
/// page 1 at the list's own route, the rest at `Route.page(route, n)`.
struct Paging: Sendable {
    let route: String
    let count: Int
    let size: Int

    init(route: String, count: Int, size: Int) {
        self.route = route
        self.count = count
        self.size = max(1, size)
    }

    /// At least one page, even for an empty list.
    var pages: Int { max(1, (count + size - 1) / size) }

    /// The items of page `n` (1-based).
    func items(_ n: Int) -> Range<Int> {
        let start = min(count, (n - 1) * size)
        return start..<min(count, start + size)
    }

    func route(_ n: Int) -> String { Route.page(route, n) }

    /// The page that holds item `index`.
    func page(of index: Int) -> Int { index / size + 1 }
}
