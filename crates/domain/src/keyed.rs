//! `keyed!` declares an enum whose variants are stored and sent as fixed lower-case keys, with
//! `as_str`, `parse` and `ALL`, so every such list is spelled once.

macro_rules! keyed {
    ($name:ident { $($variant:ident = $key:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $(#[serde(rename = $key)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            pub fn parse(raw: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == raw.trim())
            }
        }
    };
}
