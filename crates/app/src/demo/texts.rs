//! The demo's texts: the work on its boards, the requests that come in through its intake form, and
//! the technology radar's blips and the environment scan's signals, in our own words.

pub(crate) const WORK: &[(&str, &str, &str)] = &[
    (
        "Kartlägg integrationerna mot ekonomisystemet",
        "high",
        "integration",
    ),
    ("Ta fram kravbild för e-arkiv", "normal", "e-arkiv"),
    (
        "Workshop om datadrivet beslutsfattande med ledningsgrupperna",
        "normal",
        "data",
    ),
    ("Uppdatera informationssäkerhetspolicyn", "urgent", "säkerhet"),
    ("Inventera licenser inför upphandling", "low", "licenser"),
    ("Pilot: AI-stöd i kontaktcenter", "high", "ai"),
    (
        "Utbilda förvaltningarnas digitaliseringsombud",
        "normal",
        "kompetens",
    ),
    (
        "Publicera öppna data om lediga förskoleplatser",
        "normal",
        "öppna-data",
    ),
];

pub(crate) const REQUESTS: &[(&str, &str)] = &[
    (
        "Skrivaren på plan 3 i stadshuset skriver inte ut",
        "eva.berg@norrvik.example",
    ),
    (
        "Skrivaren plan 3 stadshuset skriver inte ut längre",
        "lars.nilsson@norrvik.example",
    ),
    ("Kan inte logga in i e-tjänsten för bygglov", ""),
    (
        "skrivaren på plan 3 skriver inte ut!",
        "karin.holm@norrvik.example",
    ),
    (
        "Behöver behörighet till ärendesystemet",
        "johan.lind@norrvik.example",
    ),
];

/// (name, quadrant, ring, note), in our own words.
pub(super) const BLIPS: &[(&str, &str, &str, &str)] = &[
    (
        "E-legitimation i alla e-tjänster",
        "services",
        "adopt",
        "Standard för invånarnas inloggning.",
    ),
    (
        "Gemensam integrationsplattform",
        "platforms",
        "adopt",
        "Alla nya system kopplas via den.",
    ),
    (
        "Öppna data via API",
        "techniques",
        "trial",
        "Två dataset publicerade, fler under 2027.",
    ),
    (
        "Generativ AI i handläggning",
        "tools",
        "assess",
        "Pilot i kontaktcenter; juridisk bedömning pågår.",
    ),
    (
        "Tjänstedesign med invånare",
        "techniques",
        "adopt",
        "Används i alla större e-tjänstprojekt.",
    ),
    (
        "Molntjänster för e-post",
        "services",
        "hold",
        "Avvaktar besked om tredjelandsöverföring.",
    ),
    (
        "Robotiserad processautomation",
        "tools",
        "trial",
        "Fakturahantering och försörjningsstöd.",
    ),
    (
        "Sakernas internet i fastigheter",
        "platforms",
        "assess",
        "Energimätning i skolor utreds.",
    ),
    (
        "Nollförtroende i nätverket",
        "techniques",
        "assess",
        "Ersätter perimeterskyddet på sikt.",
    ),
    (
        "Egen drift av stordator",
        "platforms",
        "hold",
        "Avvecklas när ekonomisystemet byts.",
    ),
    (
        "Låg-kod för verksamheten",
        "tools",
        "assess",
        "Risk för skugg-IT vägs mot snabbhet.",
    ),
    (
        "Digital tvilling av tätorten",
        "services",
        "assess",
        "Samarbete med regionen diskuteras.",
    ),
];

/// (days ago, source, signal).
pub(super) const SIGNALS: &[(i64, &str, &str)] = &[
    (
        12,
        "Branschdag om offentlig digitalisering",
        "Flera kommuner samlar integrationer i en gemensam plattform.",
    ),
    (
        30,
        "Grannkommunen",
        "Har infört AI-stöd i kontaktcenter; svarstiderna halverades enligt dem.",
    ),
    (
        55,
        "Ny lag om tillgänglighet",
        "Kraven på e-tjänsternas tillgänglighet skärps och följs upp av tillsynsmyndigheten.",
    ),
    (
        80,
        "Leverantörsmöte",
        "Ekonomisystemets leverantör slutar stödja egen drift 2028.",
    ),
    (
        120,
        "Rapport om informationssäkerhet",
        "Ökat antal intrång via leverantörers fjärråtkomst.",
    ),
    (
        200,
        "Invånarenkät",
        "Invånarna vill kunna följa sina ärenden digitalt.",
    ),
];
