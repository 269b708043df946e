/// The words demo school names and streets are made of.
///
/// English school names mostly come from a handful of sources: a place-like name (often a
/// compound such as Oakfield or Kingsmead, or a house or road name such as Park View), the
/// town, a church dedication for Church of England and Catholic schools, or a founder. These
/// lists cover those sources; ``SchoolNamer`` combines them per phase.
enum NameVocabulary {
  /// First halves of compound place-like names ("Oak" + "field").
  static let stemStarts = [
    "Oak", "Ash", "Elm", "Beech", "Birch", "Hazel", "Holly", "Willow", "Thorn", "Mill", "Brook",
    "Green", "High", "Long", "North", "South", "East", "West", "Fair", "Spring", "Hill", "Wood",
    "Lark", "Kings", "Queens", "Broad", "Stone", "Fern", "Heath", "Moor", "Church", "Castle",
    "Bridge", "Lime", "Red", "White", "Cherry", "Rose", "Sand", "Clay", "Sunny",
    "Alder", "Rowan", "Ridge", "Lady", "Abbey", "Cross", "Deer", "Fox", "Wild", "Chase", "Whit",
  ]

  /// Second halves of compound place-like names.
  static let stemEnds = [
    "field", "wood", "lands", "brook", "mead", "dale", "hill", "side", "gate", "croft", "leigh",
    "ley", "bury", "hurst", "ford", "way", "lea", "well", "bank", "moor", "combe", "grove",
    "mount", "ridge", "holme", "stone", "acre", "wick", "thorpe", "worth",
  ]

  /// Place-like names that are not simple compounds.
  static let stems = [
    "Park View", "Brook House", "Church Hill", "Castle Hill", "Green Lane", "Hill Top", "Mill Lane",
    "Manor Farm", "Grove Park", "Valley Road", "Station Road", "Long Lane", "Cherry Tree",
    "Oak Tree", "Willow Tree", "Holly Tree", "Lime Tree", "Mulberry", "Riverside", "Lakeside",
    "Meadowbank", "Meadowside", "Parkside", "Westwood", "Eastwood", "Kingsmead", "Queensway",
    "Kingsway", "Northgate", "Southgate", "Westgate", "Whitefriars", "Blackfriars", "Greyfriars",
    "Rosehill", "Moorlands", "Heathfield", "Fairfield", "Highfield", "Springfield", "Woodside",
    "Hillside", "Bramble", "Honeysuckle", "Primrose Hill", "Bluebell", "Foxhill", "Larkrise",
    "Manor", "Grange", "Priory", "Chantry", "Parkfield", "Orchard", "Vale", "Heathlands",
    "Hollybush", "Fernhill", "Goldcrest", "Kingfisher", "Robin Hood", "Newlands", "Nightingale",
    "Sandringham", "Windsor", "Marlborough", "Clarendon", "Balmoral", "Victoria", "Albert",
    "Alexandra", "Gladstone", "Stanley", "Canterbury", "Trinity", "Emmanuel", "Crown Hills",
    "Beacon Hill", "Bell Farm", "Stoneydown", "Wheatfield", "Harvest", "Barley Fields",
    "Red Oak", "Silverdale", "Goldthorn", "Ravenscroft", "Swanbourne", "Hawthorn", "Hazelwood",
    "Brambles", "Old Park", "Hill View", "Sea View", "Sunnyside", "Three Bridges", "Five Acres",
  ]

  /// Plural names used with "The", such as "The Beeches".
  static let plurals = [
    "Beeches", "Willows", "Meadows", "Oaks", "Hawthorns", "Limes", "Elms", "Rowans", "Cedars",
    "Laurels", "Maples", "Poplars", "Hollies", "Chestnuts", "Sycamores", "Acorns", "Firs",
    "Orchards", "Downs", "Lindens", "Pines", "Spinneys", "Ferns", "Glades",
  ]

  /// Singular names used with "The", such as "The Grange".
  static let theSingulars = [
    "Grange", "Ridge", "Croft", "Priory", "Orchard", "Mount", "Hall", "Manor", "Vale", "Mead",
    "Link", "Bridge", "Heath", "Rise", "Park",
  ]

  /// Church of England dedications, the most common first (St Mary far ahead of the rest).
  static let anglicanDedications = [
    "St Mary's", "All Saints", "St Peter's", "St Michael's", "St Andrew's", "St John's",
    "Holy Trinity", "St Nicholas", "St James'", "St Paul's", "Christ Church", "St Margaret's",
    "St Mary Magdalene", "St Lawrence", "St Leonard's", "St Helen's", "St George's",
    "St Martin's", "St Giles'", "St Luke's", "St Mark's", "St Matthew's", "St Bartholomew's",
    "St Thomas'", "St Edmund's", "St Stephen's", "Emmanuel", "St Anne's", "St Catherine's",
    "St Peter and St Paul", "St Mary the Virgin", "St Michael and All Angels", "St Botolph's",
    "St Chad's", "St Cuthbert's", "St Oswald's", "St Wilfrid's", "St Aidan's", "St Hilda's",
    "St Alban's", "St Swithun's", "St Barnabas", "St Clement's", "Holy Cross", "St Saviour's",
    "St Mary and St John", "St Laurence", "St Dunstan's", "St Faith's", "St Gabriel's",
    "St Jude's", "St Philip's", "St Silas", "St Werburgh's",
  ]

  /// Catholic dedications, the most common first.
  static let catholicDedications = [
    "St Joseph's", "St Mary's", "Our Lady's", "Sacred Heart", "St Patrick's", "St John Fisher",
    "St Thomas More", "Holy Family", "St Anne's", "St Peter's", "Our Lady of Lourdes",
    "St Bernadette's", "St Teresa's", "St Augustine's", "English Martyrs",
    "St Francis of Assisi", "St Gregory's", "St Vincent's", "St Benedict's", "Christ the King",
    "Corpus Christi", "St Edward's", "St Anthony's", "St Bede's", "Our Lady Immaculate",
    "St Philip Neri", "St Dominic's", "Blessed Sacrament", "St John Bosco",
    "St Margaret Clitherow", "St Ambrose", "St Cuthbert's", "St Clare's",
    "Our Lady of the Rosary", "St Mary Magdalen's", "St Catherine's", "St Columba's",
    "St Aloysius'", "St Wilfrid's", "Holy Ghost", "St Joan of Arc", "St Francis Xavier",
    "St Alphonsus'", "St Ignatius'", "St Hugh's",
  ]

  /// Founders and patrons that secondary schools are named after.
  static let founders = [
    "Queen Elizabeth's", "King Edward VI", "Sir John Leman", "Dame Alice Owen's", "Lady Margaret",
    "Sir Thomas Rich's", "Sir William Borlase's", "Thomas Telford", "John Kyrle", "George Eliot",
    "Isaac Newton", "Robert Bloomfield", "Thomas Hardye", "William Farr", "Sir Harry Smith",
    "John Mason", "Lady Lumley's", "Sir John Talbot's", "Sir Roger Manwood's",
    "Sir Joseph Williamson's", "Thomas Alleyne's", "Joseph Rowntree", "Florence Nightingale",
    "Elizabeth Garrett Anderson", "Charles Darwin", "William Tyndale", "John Hampden",
    "Archbishop Tenison's", "Prince William", "Queen Mary's", "King Henry VIII",
    "Sir Bernard Lovell",
    "Thomas Becket", "John Masefield", "Samuel Ward", "Thomas Mills", "Dame Allan's",
    "Sir John Deane's", "King James's", "Richard Challoner", "Alderman White", "John Port",
  ]

  /// Bishops that church secondary schools are named after.
  static let bishops = [
    "Bishop Challoner", "Bishop Stopford", "Bishop Justus", "Bishop Wordsworth's",
    "Bishop Ramsey", "Bishop Luffa", "Bishop Milner", "Bishop Walsh", "Bishop Vesey's",
    "Bishop Rawstorne", "Bishop Fox's", "Bishop Hedley", "Bishop Ullathorne", "Bishop David Brown",
  ]

  /// Cardinals that Catholic secondary schools are named after.
  static let cardinals = [
    "Cardinal Newman", "Cardinal Heenan", "Cardinal Wiseman", "Cardinal Hinsley",
    "Cardinal Vaughan", "Cardinal Pole", "Cardinal Allen", "Cardinal Langley", "Cardinal Griffin",
  ]

  /// Academy sponsors of around 2010 whose names go before or around the school's.
  static let sponsors = [
    "Harris", "Oasis", "Ark", "E-ACT", "Ormiston", "Academies Enterprise Trust",
  ]

  /// The names streets are made of ("Church" + "Lane").
  static let streetNames = [
    "Church", "School", "Station", "Park", "Mill", "High", "London", "Victoria", "Queen's",
    "King's", "Manor", "Green", "Chapel", "North", "South", "West", "East", "Grange", "Albert",
    "Windsor", "York", "Elm", "Oak", "Beech", "Ash", "Chestnut", "Willow", "Meadow", "Orchard",
    "Castle", "Bridge", "Brook", "Hill", "Vicarage", "Rectory", "Hall", "Springfield",
    "Highfield", "Moor", "Forest", "Farm", "Cross", "Abbey", "Priory", "Stanley", "Alexandra",
    "Richmond", "Gladstone", "Nelson", "Wellington", "Derby", "Clarence", "Marlborough", "New",
    "Long", "Broad", "Mount", "Heath", "Pound", "Cherry", "Hawthorn", "Holly", "Lime", "Sycamore",
    "Rowan", "Chantry", "Market", "Bell", "Fore", "Waterloo", "Trinity", "Princess", "Cambridge",
    "Oxford", "St Mary's", "St John's", "Woodland", "Valley", "Lower", "Upper", "Common",
    "Coronation", "Jubilee", "Mill Hill", "Back", "Field", "Fairfield", "Stone",
  ]

  /// Kinds of street, with how often each occurs.
  static let streetKinds: [(kind: String, weight: Int)] = [
    ("Road", 30), ("Lane", 20), ("Street", 15), ("Avenue", 10), ("Drive", 6), ("Close", 5),
    ("Way", 5), ("Crescent", 3), ("Place", 2), ("Terrace", 2), ("Gardens", 2), ("Rise", 2),
    ("Walk", 1), ("Grove", 2),
  ]
}
