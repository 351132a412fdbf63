/// English stop words, and words every abstract uses, left out of TF-IDF.
enum StopWords {
    static let all: Set<String> = Set("""
    a about above after again against all also am an and any are as at be because been before being below between \
    both but by can could did do does doing down during each few for from further had has have having he her here \
    hers herself him himself his how however i if in into is it its itself just let may me might more most must my \
    myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such \
    than that the their theirs them themselves then there these they this those through thus to too under until up \
    upon very via was we were what when where which while who whom why will with within without would you your yours \
    yourself yourselves one two three first second new show shows shown use used using based paper work study studies \
    propose proposed present results result approach method methods problem problems well also whether often many \
    much several given provide provides able however can cannot et al e g eg ie i.e. non under recent recently
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
