/// The TeX that abstracts use, as MathML Core needs it: each command's
/// character and whether it is an identifier (`<mi>`) or an operator
/// (`<mo>`), the named functions, the large operators, the delimiters, the
/// accents, the spaces, and the alphabets of `\mathbb`, `\mathcal` and the
/// other fonts as Unicode's mathematical letters (MathML Core has no
/// `mathvariant` but "normal").
enum TeXSymbols {
    enum Kind { case identifier, op, largeOp, relation }

    struct Symbol {
        var text: String
        var kind: Kind
    }

    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ", "eta": "η",
        "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "varkappa": "ϰ", "lambda": "λ", "mu": "μ", "nu": "ν",
        "xi": "ξ", "omicron": "ο", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς",
        "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ",
        "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "varGamma": "𝛤", "varDelta": "𝛥", "varTheta": "𝛩", "varLambda": "𝛬",
        "varXi": "𝛯", "varPi": "𝛱", "varSigma": "𝛴", "varUpsilon": "𝛶", "varPhi": "𝛷", "varPsi": "𝛹", "varOmega": "𝛺",
        "digamma": "ϝ",
    ]

    /// Symbols other than Greek letters.
    static let symbols: [String: Symbol] = {
        var table: [String: Symbol] = [:]
        func add(_ kind: Kind, _ pairs: [(String, String)]) { for (name, text) in pairs { table[name] = Symbol(text: text, kind: kind) } }
        add(.identifier, [
            ("infty", "∞"), ("partial", "∂"), ("nabla", "∇"), ("ell", "ℓ"), ("top", "⊤"), ("bot", "⊥"), ("emptyset", "∅"),
            ("varnothing", "∅"), ("hbar", "ℏ"), ("imath", "ı"), ("jmath", "ȷ"), ("aleph", "ℵ"), ("Re", "ℜ"), ("Im", "ℑ"),
            ("wp", "℘"), ("forall", "∀"), ("exists", "∃"), ("nexists", "∄"), ("neg", "¬"), ("lnot", "¬"), ("prime", "′"),
            ("angle", "∠"), ("triangle", "△"), ("Box", "□"), ("square", "□"), ("blacksquare", "■"), ("diamond", "⋄"),
            ("clubsuit", "♣"), ("spadesuit", "♠"), ("heartsuit", "♡"), ("diamondsuit", "♢"), ("flat", "♭"), ("sharp", "♯"),
            ("natural", "♮"), ("dagger", "†"), ("ddagger", "‡"), ("S", "§"), ("P", "¶"), ("checkmark", "✓"),
            ("%", "%"), ("&", "&"), ("#", "#"), ("_", "_"), ("$", "$"), ("infin", "∞"),
        ])
        add(.op, [
            ("cdot", "⋅"), ("times", "×"), ("div", "÷"), ("pm", "±"), ("mp", "∓"), ("circ", "∘"), ("bullet", "∙"),
            ("ast", "∗"), ("star", "⋆"), ("otimes", "⊗"), ("oplus", "⊕"), ("ominus", "⊖"), ("odot", "⊙"), ("oslash", "⊘"),
            ("cup", "∪"), ("cap", "∩"), ("setminus", "∖"), ("smallsetminus", "∖"), ("wedge", "∧"), ("land", "∧"),
            ("vee", "∨"), ("lor", "∨"), ("sqcup", "⊔"), ("sqcap", "⊓"), ("uplus", "⊎"), ("wr", "≀"), ("amalg", "⨿"),
            ("ldots", "…"), ("dots", "…"), ("dotsc", "…"), ("dotsb", "⋯"), ("cdots", "⋯"), ("vdots", "⋮"), ("ddots", "⋱"),
            ("colon", ":"), ("vert", "|"), ("Vert", "‖"), ("|", "‖"), ("mid", "∣"), ("nmid", "∤"), ("backslash", "∖"),
            ("{", "{"), ("}", "}"), ("lbrace", "{"), ("rbrace", "}"), ("langle", "⟨"), ("rangle", "⟩"), ("lfloor", "⌊"),
            ("rfloor", "⌋"), ("lceil", "⌈"), ("rceil", "⌉"), ("lvert", "|"), ("rvert", "|"), ("lVert", "‖"), ("rVert", "‖"),
            ("lbrack", "["), ("rbrack", "]"), ("cdotp", "⋅"), ("ldotp", "."), ("slash", "/"),
        ])
        add(.relation, [
            ("leq", "≤"), ("le", "≤"), ("geq", "≥"), ("ge", "≥"), ("neq", "≠"), ("ne", "≠"), ("leqslant", "⩽"), ("geqslant", "⩾"),
            ("ll", "≪"), ("gg", "≫"), ("lesssim", "≲"), ("gtrsim", "≳"), ("approx", "≈"), ("sim", "∼"), ("simeq", "≃"),
            ("cong", "≅"), ("equiv", "≡"), ("propto", "∝"), ("asymp", "≍"), ("doteq", "≐"), ("triangleq", "≜"),
            ("coloneqq", "≔"), ("prec", "≺"), ("succ", "≻"), ("preceq", "⪯"), ("succeq", "⪰"), ("perp", "⊥"),
            ("parallel", "∥"), ("in", "∈"), ("notin", "∉"), ("ni", "∋"), ("subset", "⊂"), ("supset", "⊃"),
            ("subseteq", "⊆"), ("supseteq", "⊇"), ("subsetneq", "⊊"), ("supsetneq", "⊋"), ("sqsubseteq", "⊑"),
            ("sqsupseteq", "⊒"), ("vdash", "⊢"), ("dashv", "⊣"), ("models", "⊨"), ("to", "→"), ("rightarrow", "→"),
            ("leftarrow", "←"), ("gets", "←"), ("leftrightarrow", "↔"), ("Rightarrow", "⇒"), ("Leftarrow", "⇐"),
            ("Leftrightarrow", "⇔"), ("implies", "⟹"), ("impliedby", "⟸"), ("iff", "⟺"), ("mapsto", "↦"),
            ("longrightarrow", "⟶"), ("longleftarrow", "⟵"), ("longmapsto", "⟼"), ("Longrightarrow", "⟹"),
            ("hookrightarrow", "↪"), ("hookleftarrow", "↩"), ("uparrow", "↑"), ("downarrow", "↓"), ("updownarrow", "↕"),
            ("Uparrow", "⇑"), ("Downarrow", "⇓"), ("nearrow", "↗"), ("searrow", "↘"), ("nwarrow", "↖"), ("swarrow", "↙"),
            ("rightleftharpoons", "⇌"), ("rightharpoonup", "⇀"), ("leftharpoonup", "↼"), ("twoheadrightarrow", "↠"),
            ("rightsquigarrow", "⇝"), ("leadsto", "⇝"), ("nleq", "≰"), ("ngeq", "≱"), ("nsim", "≁"), ("ncong", "≇"),
            ("nsubseteq", "⊈"), ("lessapprox", "⪅"), ("gtrapprox", "⪆"), ("approxeq", "≊"), ("bowtie", "⋈"),
            ("smile", "⌣"), ("frown", "⌢"), ("lhd", "⊲"), ("rhd", "⊳"), ("unlhd", "⊴"), ("unrhd", "⊵"),
            ("trianglelefteq", "⊴"), ("trianglerighteq", "⊵"), ("vartriangleleft", "⊲"), ("vartriangleright", "⊳"),
        ])
        add(.largeOp, [
            ("sum", "∑"), ("prod", "∏"), ("coprod", "∐"), ("int", "∫"), ("iint", "∬"), ("iiint", "∭"), ("oint", "∮"),
            ("bigcup", "⋃"), ("bigcap", "⋂"), ("bigsqcup", "⨆"), ("bigvee", "⋁"), ("bigwedge", "⋀"), ("bigoplus", "⨁"),
            ("bigotimes", "⨂"), ("bigodot", "⨀"), ("biguplus", "⨄"),
        ])
        return table
    }()

    /// Integrals take their limits as scripts beside them; the other large
    /// operators take them below and above in display math.
    static let integrals: Set<String> = ["int", "iint", "iiint", "oint"]

    /// Named functions, set upright. Those marked take limits below them
    /// (`\lim_{n \to \infty}`, `\max_x`), as the large operators do.
    static let functions: [String: (text: String, limits: Bool)] = {
        var table: [String: (String, Bool)] = [:]
        for name in ["arccos", "arcsin", "arctan", "arg", "cos", "cosh", "cot", "coth", "csc", "deg", "dim", "exp", "hom",
                     "ker", "lg", "ln", "log", "sec", "sin", "sinh", "tan", "tanh", "Tr", "tr", "rank", "diag", "sgn", "sign",
                     "Var", "Cov", "erf"] { table[name] = (name, false) }
        for name in ["det", "gcd", "inf", "lim", "liminf", "limsup", "max", "min", "Pr", "sup", "argmax", "argmin", "esssup"] {
            table[name] = (name, true)
        }
        table["liminf"] = ("lim inf", true)
        table["limsup"] = ("lim sup", true)
        table["argmax"] = ("arg max", true)
        table["argmin"] = ("arg min", true)
        table["esssup"] = ("ess sup", true)
        return table
    }()

    /// Delimiters after `\left`, `\right` and `\big…`.
    static func delimiter(_ token: String) -> String? {
        switch token {
        case "(", ")", "[", "]", "|", "/": return token
        case "<": return "⟨"
        case ">": return "⟩"
        case ".": return ""
        default:
            guard token.hasPrefix("\\") else { return nil }
            let name = String(token.dropFirst())
            if let symbol = symbols[name], symbol.kind == .op || name == "{" || name == "}" {
                return ["{", "}", "lbrace", "rbrace", "langle", "rangle", "lfloor", "rfloor", "lceil", "rceil", "vert", "Vert", "|",
                        "lvert", "rvert", "lVert", "rVert", "lbrack", "rbrack", "backslash", "uparrow", "downarrow"]
                    .contains(name) ? symbol.text : nil
            }
            return ["uparrow": "↑", "downarrow": "↓", "Uparrow": "⇑", "Downarrow": "⇓"][name]
        }
    }

    /// Accents: the mark, and whether it stretches over its base.
    static let accents: [String: (mark: String, stretchy: Bool, under: Bool)] = [
        "hat": ("^", false, false), "widehat": ("^", true, false), "tilde": ("~", false, false), "widetilde": ("~", true, false),
        "bar": ("¯", false, false), "overline": ("¯", true, false), "vec": ("→", false, false), "overrightarrow": ("→", true, false),
        "overleftarrow": ("←", true, false), "dot": ("˙", false, false), "ddot": ("¨", false, false), "dddot": ("⃛", false, false),
        "check": ("ˇ", false, false), "breve": ("˘", false, false), "acute": ("´", false, false), "grave": ("`", false, false),
        "mathring": ("˚", false, false), "underline": ("_", true, true), "overbrace": ("⏞", true, false),
        "underbrace": ("⏟", true, true),
    ]

    /// Spaces, in em.
    static let spaces: [String: String] = [
        ",": "0.1667em", "thinspace": "0.1667em", ":": "0.2222em", ">": "0.2222em", "medspace": "0.2222em",
        ";": "0.2778em", "thickspace": "0.2778em", "!": "-0.1667em", "negthinspace": "-0.1667em", " ": "0.25em",
        "quad": "1em", "qquad": "2em", "enspace": "0.5em",
    ]

    /// Commands that change the alphabet of their argument.
    enum Font: String { case normal, bold, italic, doubleStruck, script, fraktur, sansSerif, monospace, boldItalic }

    static let fonts: [String: Font] = [
        "mathrm": .normal, "mathup": .normal, "rm": .normal, "mathbf": .bold, "bf": .bold, "boldsymbol": .boldItalic,
        "bm": .boldItalic, "mathit": .italic, "mathbb": .doubleStruck, "Bbb": .doubleStruck, "mathcal": .script,
        "mathscr": .script, "mathfrak": .fraktur, "mathsf": .sansSerif, "mathtt": .monospace,
    ]

    /// A character in `font`, as Unicode's mathematical alphanumeric
    /// symbols give it (with the letters Unicode had before, such as ℝ,
    /// where it has them); nil when the font has no such character.
    static func styled(_ char: Character, _ font: Font) -> String? {
        guard let scalar = char.unicodeScalars.first, char.unicodeScalars.count == 1, scalar.isASCII else { return nil }
        let value = scalar.value
        let upper = (0x41...0x5A).contains(value), lower = (0x61...0x7A).contains(value), digit = (0x30...0x39).contains(value)
        if let special = styleExceptions[font]?[char] { return special }
        guard let base = styleBases[font] else { return nil }
        let code: UInt32?
        if upper { code = base.upper + value - 0x41 } else if lower { code = base.lower + value - 0x61 } else if digit { code = base.digit.map { $0 + value - 0x30 } } else { code = nil }
        return code.flatMap(Unicode.Scalar.init).map { String($0) }
    }

    /// Letters Unicode had before its mathematical alphabets (ℝ, ℬ, ℎ).
    private static let styleExceptions: [Font: [Character: String]] = [
        .italic: ["h": "ℎ"],
        .doubleStruck: ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"],
        .script: ["B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ", "e": "ℯ", "g": "ℊ", "o": "ℴ"],
        .fraktur: ["C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ"],
    ]

    /// Where each alphabet starts: capitals, small letters, digits.
    private static let styleBases: [Font: (upper: UInt32, lower: UInt32, digit: UInt32?)] = [
        .bold: (0x1D400, 0x1D41A, 0x1D7CE), .italic: (0x1D434, 0x1D44E, nil), .boldItalic: (0x1D468, 0x1D482, 0x1D7CE),
        .doubleStruck: (0x1D538, 0x1D552, 0x1D7D8), .script: (0x1D49C, 0x1D4B6, nil), .fraktur: (0x1D504, 0x1D51E, nil),
        .sansSerif: (0x1D5A0, 0x1D5BA, 0x1D7E2), .monospace: (0x1D670, 0x1D68A, 0x1D7F6),
    ]

    /// Characters with a Unicode subscript or superscript form, for plain text.
    static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "+": "⁺", "−": "⁻", "-": "⁻", "=": "⁼", "(": "⁽", ")": "⁾", "n": "ⁿ", "i": "ⁱ", "⊤": "ᵀ", "T": "ᵀ", "′": "′",
    ]
    static let subscripts: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
        "+": "₊", "−": "₋", "-": "₋", "=": "₌", "(": "₍", ")": "₎", "a": "ₐ", "e": "ₑ", "h": "ₕ", "i": "ᵢ", "j": "ⱼ",
        "k": "ₖ", "l": "ₗ", "m": "ₘ", "n": "ₙ", "o": "ₒ", "p": "ₚ", "r": "ᵣ", "s": "ₛ", "t": "ₜ", "u": "ᵤ", "v": "ᵥ", "x": "ₓ",
    ]

    /// The names of the symbols `text` writes as characters (γ, Σ, ∞),
    /// joined by spaces, so that search finds "gamma" in "$γ$" as it finds
    /// it in "$\\gamma$" (whose name is in the text already).
    static func names(in texts: [String]) -> String {
        var found: [String] = []
        for var text in texts where text.withUTF8({ $0.contains { $0 >= 0xCE } }) {
            for scalar in text.unicodeScalars where scalar.value >= 0x370 {
                if let name = symbolNames[Character(scalar)], !found.contains(name) { found.append(name) }
            }
        }
        return found.joined(separator: " ")
    }

    private static let symbolNames: [Character: String] = {
        var table: [Character: String] = [:]
        for (name, letter) in greek where !name.hasPrefix("var") { table[Character(letter)] = name.lowercased() }
        for (name, letter) in greek where name.hasPrefix("var") && table[Character(letter)] == nil {
            table[Character(letter)] = String(name.dropFirst(3)).lowercased()
        }
        for (symbol, name) in [("∞", "infinity"), ("∂", "partial"), ("∇", "nabla"), ("ℓ", "ell"), ("∑", "sum"), ("∏", "product"),
                               ("∫", "integral")] { table[Character(symbol)] = name }
        return table
    }()
}
