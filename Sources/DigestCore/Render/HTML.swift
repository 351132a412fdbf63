/// HTML escaping: the default for every `{{value}}` in a template.
public enum HTML {
    public static func escape(_ text: String, into out: inout String) {
        var needs = false
        for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 {
            needs = true; break
        }
        guard needs else { out += text; return }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    public static func escape(_ text: String) -> String {
        var out = ""
        escape(text, into: &out)
        return out
    }
}
