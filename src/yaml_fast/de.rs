//! The tree read into a typed value, as serde_yaml 0.9 reads the same events: a plain `~`,
//! `null` or empty text is no value; amounts and codes are texts; lists and maps may be
//! written empty as `key:`. Where serde_yaml would resolve a plain text by its look (a
//! number or `true` where any type is accepted) or report an error, this gives up instead,
//! and the caller uses serde_yaml.

use super::{Node, Style};
use serde::de::{self, DeserializeSeed, Visitor};
use std::fmt;

/// Not read here; serde_yaml will read it (and word the error, if there is one).
#[derive(Debug)]
pub struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("left to serde_yaml")
    }
}

impl std::error::Error for Unsupported {}

impl de::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

type Result<T> = std::result::Result<T, Unsupported>;

const EMPTY_MAP: &[(Node, Node)] = &[];

impl Node<'_> {
    /// serde_yaml's "no value": a plain empty text, `~`, or `null` in three spellings.
    fn is_null(&self) -> bool {
        matches!(self, Node::Scalar(s, Style::Plain)
            if matches!(s.as_ref(), "" | "~" | "null" | "Null" | "NULL"))
    }

    fn is_empty_plain(&self) -> bool {
        matches!(self, Node::Scalar(s, Style::Plain) if s.is_empty())
    }

    /// A plain whole number as serde_yaml reads one: decimal digits, no leading zero, no sign.
    fn plain_digits(&self) -> Option<&str> {
        match self {
            Node::Scalar(s, Style::Plain)
                if !s.is_empty()
                    && s.bytes().all(|b| b.is_ascii_digit())
                    && (s.len() == 1 || !s.starts_with('0')) =>
            {
                Some(s)
            }
            _ => None,
        }
    }
}

macro_rules! integers {
    ($($method:ident $ty:ty => $visit:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
            v.$visit(self.plain_digits().ok_or(Unsupported)?.parse::<$ty>().map_err(|_| Unsupported)?)
        }
    )*};
}

macro_rules! unsupported {
    ($($method:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
            Err(Unsupported)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &Node<'_> {
    type Error = Unsupported;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        match self {
            Node::Map(e) => v.visit_map(Entries {
                it: e.iter(),
                value: None,
            }),
            Node::Seq(items) => v.visit_seq(Items(items.iter())),
            // A plain text starting with a non-ASCII character cannot be a number, `true` or
            // null; any other plain text might be.
            Node::Scalar(s, Style::Plain) if s.as_bytes().first().is_none_or(|b| *b < 0x80) => {
                Err(Unsupported)
            }
            Node::Scalar(s, _) => v.visit_str(s),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        match self {
            Node::Scalar(s, Style::Plain) => match s.as_ref() {
                "true" | "True" | "TRUE" => v.visit_bool(true),
                "false" | "False" | "FALSE" => v.visit_bool(false),
                _ => Err(Unsupported),
            },
            _ => Err(Unsupported),
        }
    }

    integers!(deserialize_u8 u64 => visit_u64, deserialize_u16 u64 => visit_u64,
        deserialize_u32 u64 => visit_u64, deserialize_u64 u64 => visit_u64,
        deserialize_i8 i64 => visit_i64, deserialize_i16 i64 => visit_i64,
        deserialize_i32 i64 => visit_i64, deserialize_i64 i64 => visit_i64);

    unsupported!(
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_ignored_any
    );

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        match self {
            Node::Scalar(s, _) => v.visit_str(s),
            _ => Err(Unsupported),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_str(v)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.deserialize_str(v)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        if self.is_null() {
            v.visit_none()
        } else {
            v.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        if self.is_null() {
            v.visit_unit()
        } else {
            Err(Unsupported)
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Result<V::Value> {
        self.deserialize_unit(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        match self {
            Node::Seq(items) => v.visit_seq(Items(items.iter())),
            _ if self.is_empty_plain() => v.visit_seq(Items([].iter())),
            _ => Err(Unsupported),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        v: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        match self {
            Node::Map(e) => v.visit_map(Entries {
                it: e.iter(),
                value: None,
            }),
            _ if self.is_empty_plain() => v.visit_map(Entries {
                it: EMPTY_MAP.iter(),
                value: None,
            }),
            _ => Err(Unsupported),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value> {
        self.deserialize_map(v)
    }

    /// Only unit variants, written as a text (`kind: 特定目标类`).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value> {
        match self {
            Node::Scalar(..) => v.visit_enum(self),
            _ => Err(Unsupported),
        }
    }
}

struct Items<'n, 'a>(std::slice::Iter<'n, Node<'a>>);

impl<'de> de::SeqAccess<'de> for Items<'_, '_> {
    type Error = Unsupported;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        self.0.next().map(|n| seed.deserialize(n)).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Entries<'n, 'a> {
    it: std::slice::Iter<'n, (Node<'a>, Node<'a>)>,
    value: Option<&'n Node<'a>>,
}

impl<'de> de::MapAccess<'de> for Entries<'_, '_> {
    type Error = Unsupported;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        match self.it.next() {
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(k).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(self.value.take().ok_or(Unsupported)?)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.it.len())
    }
}

impl<'de> de::EnumAccess<'de> for &Node<'_> {
    type Error = Unsupported;
    type Variant = UnitOnly;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, UnitOnly)> {
        Ok((seed.deserialize(self)?, UnitOnly))
    }
}

pub struct UnitOnly;

impl<'de> de::VariantAccess<'de> for UnitOnly {
    type Error = Unsupported;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value> {
        Err(Unsupported)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(Unsupported)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value> {
        Err(Unsupported)
    }
}
