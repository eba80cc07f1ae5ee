//! The unit a file's amounts are written in. Its own module because the model, the money
//! type and the limits all need it and none of them should need another for it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum MoneyUnit {
    #[serde(rename = "万元")]
    TenThousandYuan,
    #[serde(rename = "元")]
    Yuan,
}

impl MoneyUnit {
    pub fn label(self) -> &'static str {
        match self {
            MoneyUnit::TenThousandYuan => "万元",
            MoneyUnit::Yuan => "元",
        }
    }
}
