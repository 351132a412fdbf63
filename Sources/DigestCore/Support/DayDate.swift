import Foundation

/// A calendar day, or a month or a year where the source gives no more
/// (BibTeX's `year = 2024, month = mar`). A partial date sorts as its first
/// day and is shown as what it is ("2024", "2024-03"), never padded into a
/// fake day.
public struct DayDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Precision: Int, Sendable, Comparable {
        case year, month, day
        public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
    }
    public var year: Int
    public var month: Int
    public var day: Int
    public var precision: Precision

    public init?(year: Int, month: Int, day: Int) {
        self.init(year: year, month: month, day: day, precision: .day)
    }

    /// A date of `precision`: the parts it does not have are 1.
    public init?(year: Int, month: Int = 1, day: Int = 1, precision: Precision) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...DayDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = precision == .year ? 1 : month
        self.day = precision == .day ? day : 1
        self.precision = precision
    }

    /// "2024-03-05".
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        switch precision {
        case .year: return pad(year, 4)
        case .month: return "\(pad(year, 4))-\(pad(month, 2))"
        case .day: return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }
    }

    /// "2024", "2024-03" or "2024-03-05", as written in front matter; nil
    /// for anything else.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }) else { return nil }
        let numbers = parts.map { Int($0)! }
        switch numbers.count {
        case 1: self.init(year: numbers[0], precision: .year)
        case 2: self.init(year: numbers[0], month: numbers[1], precision: .month)
        default: self.init(year: numbers[0], month: numbers[1], day: numbers[2])
        }
    }

    /// The first day it covers, as a full date (for feeds' timestamps).
    public var firstDay: DayDate { DayDate(year: year, month: month, day: day)! }

    /// By first day; on the same first day the more precise date is later.
    public static func < (a: DayDate, b: DayDate) -> Bool {
        (a.year, a.month, a.day, a.precision.rawValue) < (b.year, b.month, b.day, b.precision.rawValue)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day that contains a Unix time (UTC).
    init(unixTime: Int64) {
        // Howard Hinnant's civil_from_days.
        let z = Int(unixTime >= 0 ? unixTime / 86_400 : (unixTime - 86_399) / 86_400) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
        self.precision = .day
    }

    /// Unix time of this day's midnight, UTC.
    var unixTime: Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int64(era * 146_097 + doe - 719_468) * 86_400
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// 1...12 for "Jan"..."Dec" (also full names), nil otherwise.
    static func month<S: StringProtocol>(named name: S) -> Int? {
        guard name.count >= 3 else { return nil }
        let prefix = name.prefix(3)
        guard let index = monthNames.firstIndex(where: { $0 == prefix }) else { return nil }
        return index + 1
    }

    /// The most recent `month`/`day` not after `reference`: how listings mean "Mar 13".
    static func latest(month: Int, day: Int, notAfter reference: DayDate) -> DayDate? {
        for year in stride(from: reference.year, through: reference.year - 8, by: -1) {
            if let date = DayDate(year: year, month: month, day: day), date <= reference { return date }
        }
        return nil
    }
}

/// The calendar a build reads "today" from: `SOURCE_DATE_EPOCH` when set,
/// else the wall clock. Passed in, so tests fix it.
public struct ReferenceDate: Sendable {
    public var today: DayDate
    /// True when the date came from SOURCE_DATE_EPOCH, not the clock.
    public var isPinned: Bool

    public init(today: DayDate, isPinned: Bool = true) {
        self.today = today
        self.isPinned = isPinned
    }

    /// Latest `SOURCE_DATE_EPOCH` accepted: the last second of year 9999.
    static let latestEpoch: Int64 = 253_402_300_799

    /// `SOURCE_DATE_EPOCH` as the reproducible-builds specification has
    /// it: whole seconds since 1970, digits only. A malformed value stops
    /// the build with an error that names it; set but empty counts as unset.
    public static func fromEnvironment(_ environment: [String: String]) throws -> ReferenceDate {
        if let raw = environment["SOURCE_DATE_EPOCH"], !raw.isEmpty {
            guard raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let seconds = Int64(raw), seconds <= latestEpoch else {
                throw DiagnosticsError([.error(file: "SOURCE_DATE_EPOCH", line: nil,
                    "\"\(raw)\" is not a date: give whole seconds since 1970-01-01 UTC, such as 1795305600, or unset it")])
            }
            return ReferenceDate(today: DayDate(unixTime: seconds), isPinned: true)
        }
        let now = Int64(time(nil))
        return ReferenceDate(today: DayDate(unixTime: now), isPinned: false)
    }
}
