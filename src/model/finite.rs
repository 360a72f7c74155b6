//! Coordinates that are real numbers.
//!
//! RON can spell `NaN` and `inf`, and a NaN position would poison every bounding box,
//! layout and zoom computed from it. These serde helpers refuse such values while reading,
//! so the error carries the line and column of the offending number.

use serde::{Deserialize, Deserializer};

/// Reads an `f32` that must be finite.
pub fn finite<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f32, D::Error> {
    let v = f32::deserialize(deserializer)?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(serde::de::Error::custom(format_args!(
            "expected a finite number, found {v}; write a number such as 0.0"
        )))
    }
}

/// Reads an optional `f32` that must be finite and greater than zero (sizes, zoom).
pub fn positive<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f32>, D::Error> {
    let v = Option::<f32>::deserialize(deserializer)?;
    match v {
        Some(v) if !(v.is_finite() && v > 0.0) => Err(serde::de::Error::custom(format_args!(
            "expected a positive finite number, found {v}"
        ))),
        other => Ok(other),
    }
}
