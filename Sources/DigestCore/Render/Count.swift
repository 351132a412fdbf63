/// Numbers as pages print them: digits grouped in threes ("100,000"), and
/// nouns agreeing with them ("1 paper", "2 papers", "1 person").
enum Count {
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func phrase(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        grouped(n) + " " + (n == 1 ? singular : plural ?? singular + "s")
    }

    static func papers(_ n: Int) -> TemplateValue { .string(phrase(n, "paper")) }
    static func people(_ n: Int) -> TemplateValue { .string(phrase(n, "person", "people")) }
    static func number(_ n: Int) -> TemplateValue { .string(grouped(n)) }
}
